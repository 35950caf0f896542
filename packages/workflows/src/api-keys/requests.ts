/**
 * API key management shared by every product that has it (XDR, XSIAM, XSOAR 8, Cortex Cloud): requests
 * checked before they are sent (an expiration beyond six months is refused by the service, so the SDK
 * says so first), list filters built from plain options, and the expiry marks the console notifies at
 * (one week and one day before).
 *
 * @module
 */
import { ApiPromise, CortexInvalidRequestError, PagePromise, type CallOptions } from "@cortex-sdk/core";
import { API_KEY_NOTICE_DAY_MS, API_KEY_NOTICE_WEEK_MS, apiKeyExpiryNotice, checkApiKeyExpiration } from "@cortex-sdk/schemas-base/api-key-expiry";
import type { ShapedClient, ShapesWith } from "../shared/types.js";

const DAY_MS = 86_400_000;

export { API_KEY_DEFAULT_LIFETIME_MS, maxApiKeyExpiration } from "@cortex-sdk/schemas-base/api-key-expiry";
/** The "one week left" mark (the console's first notice). */
export const ONE_WEEK_MS = API_KEY_NOTICE_WEEK_MS;
/** The "one day left" mark (the console's second notice). */
export const ONE_DAY_MS = API_KEY_NOTICE_DAY_MS;

/** A key generation request: the service's fields, with `expiration` also accepted as a `Date`. */
export interface GenerateApiKeyInput {
  /** Role names, e.g. `["Investigator"]`; at least one. */
  readonly roles: readonly string[];
  /** `standard` (key sent as is) or `advanced` (signed with a nonce and timestamp per request). */
  readonly security_level: "standard" | "advanced";
  /** When the key expires: epoch ms or a `Date`; at most six months ahead. Default: one week after the call. */
  readonly expiration?: number | Date;
  /** Free text shown in the console's key list. */
  readonly comment?: string;
}

/** The request the service takes for `api_keys.generate`. */
export interface GenerateApiKeyRequestBody {
  /** Role names. */
  readonly roles: readonly string[];
  /** Security level. */
  readonly security_level: "standard" | "advanced";
  /** Epoch ms. */
  readonly expiration?: number;
  /** Comment. */
  readonly comment?: string;
}

/**
 * Checks a key generation request and turns it into the service's request. The one-week default is the
 * service's: no expiration is sent when none is given.
 *
 * @param input - The request.
 * @param now - Epoch ms of the call (default now).
 * @returns The request to send.
 * @throws `CortexInvalidRequestError` for no roles, an unknown security level, an expiration in
 *   the past, in seconds instead of milliseconds, or more than six months ahead.
 */
export function generateApiKeyRequest(input: GenerateApiKeyInput, now: number = Date.now()): GenerateApiKeyRequestBody {
  if (!Array.isArray(input.roles) || input.roles.length === 0) {
    throw new CortexInvalidRequestError("api_keys.generate: give at least one role name in roles (e.g. [\"Viewer\"]).", "roles", { operationId: "api_keys.generate" });
  }
  if (input.security_level !== "standard" && input.security_level !== "advanced") {
    throw new CortexInvalidRequestError(`api_keys.generate: security_level must be "standard" or "advanced"; got ${JSON.stringify(input.security_level)}.`, "security_level", { operationId: "api_keys.generate" });
  }
  const body: GenerateApiKeyRequestBody = { roles: [...input.roles], security_level: input.security_level, ...(input.comment === undefined ? {} : { comment: input.comment }) };
  if (input.expiration === undefined) return body;
  const expiration = input.expiration instanceof Date ? input.expiration.getTime() : input.expiration;
  if (typeof expiration !== "number" || !Number.isFinite(expiration)) {
    throw new CortexInvalidRequestError("api_keys.generate: expiration must be epoch milliseconds or a Date.", "expiration", { operationId: "api_keys.generate" });
  }
  const refusal = checkApiKeyExpiration(Math.floor(expiration), now);
  if (refusal !== undefined) {
    const hint = refusal.problem === "past" ? ", or none for the one-week default" : refusal.problem === "too_far" ? ". Choose an earlier time and rotate the key before it expires" : "";
    throw new CortexInvalidRequestError(`api_keys.generate: ${refusal.message}${hint}.`, "expiration", { operationId: "api_keys.generate" });
  }
  return { ...body, expiration: Math.floor(expiration) };
}

/** A field `api_keys.get_api_keys` filters on. */
export type ApiKeyFilterField = "expiration" | "roles" | "id" | "creation_time" | "security_level" | "comment" | "created_by";
/** An operator of a key filter. */
export type ApiKeyFilterOperator = "gte" | "lte" | "contains" | "in";
/** One key filter as the service takes it. */
export interface ApiKeyFilter {
  /** Field. */
  readonly field: ApiKeyFilterField;
  /** Operator. */
  readonly operator: ApiKeyFilterOperator;
  /** Value: epoch ms for times, a list for `in` and `roles`, text for `comment`. */
  readonly value: unknown;
}

/**
 * Options of a key listing: the service's `filters`, plus filters built for you. Expiration, roles and id
 * are documented; creation time, level, comment and creator follow the same conventions (the console
 * filters by creation time too).
 */
export interface ListApiKeysInput {
  /** Raw filters; ANDed with the ones below. */
  readonly filters?: readonly { readonly field?: ApiKeyFilterField; readonly operator?: ApiKeyFilterOperator; readonly value?: unknown }[];
  /** Only keys expiring within this many ms from now (and not yet expired). */
  readonly expiringWithin?: number;
  /** Only keys expiring at or after this time (epoch ms or Date). */
  readonly expiresAfter?: number | Date;
  /** Only keys expiring at or before this time (epoch ms or Date). */
  readonly expiresBefore?: number | Date;
  /** Only keys holding this role. */
  readonly role?: string;
  /** Only these key ids. */
  readonly ids?: readonly number[];
  /** Only keys created at or after this time (epoch ms or Date). */
  readonly createdAfter?: number | Date;
  /** Only keys created at or before this time (epoch ms or Date). */
  readonly createdBefore?: number | Date;
  /** Only keys of this security level. */
  readonly securityLevel?: "standard" | "advanced";
  /** Only keys whose comment contains this text (any case). */
  readonly commentContains?: string;
  /** Only keys created by one of these (as `created_by` shows them). */
  readonly createdBy?: readonly string[];
}

function epochOf(value: number | Date, name: string): number {
  const ms = value instanceof Date ? value.getTime() : value;
  if (typeof ms !== "number" || !Number.isFinite(ms)) throw new CortexInvalidRequestError(`api_keys.get_api_keys: ${name} must be epoch milliseconds or a Date.`, name);
  return Math.floor(ms);
}

/**
 * Builds the `api_keys.get_api_keys` request from {@link ListApiKeysInput}.
 *
 * @param input - Options.
 * @param now - Epoch ms of the call.
 * @returns `{ filters }`.
 * @throws `CortexInvalidRequestError` for a negative `expiringWithin` or a time that is not a number or Date.
 */
export function listApiKeysRequest(input: ListApiKeysInput = {}, now: number = Date.now()): { filters?: ApiKeyFilter[] } {
  const filters: ApiKeyFilter[] = [];
  for (const filter of input.filters ?? []) {
    if (filter.field !== undefined && filter.operator !== undefined) filters.push({ field: filter.field, operator: filter.operator, value: filter.value });
  }
  if (input.expiringWithin !== undefined) {
    if (!(input.expiringWithin >= 0)) throw new CortexInvalidRequestError("api_keys.get_api_keys: expiringWithin must be 0 or more milliseconds.", "expiringWithin");
    filters.push({ field: "expiration", operator: "gte", value: now }, { field: "expiration", operator: "lte", value: now + input.expiringWithin });
  }
  if (input.expiresAfter !== undefined) filters.push({ field: "expiration", operator: "gte", value: epochOf(input.expiresAfter, "expiresAfter") });
  if (input.expiresBefore !== undefined) filters.push({ field: "expiration", operator: "lte", value: epochOf(input.expiresBefore, "expiresBefore") });
  if (input.role !== undefined) filters.push({ field: "roles", operator: "contains", value: [input.role] });
  if (input.ids !== undefined) filters.push({ field: "id", operator: "in", value: [...input.ids] });
  if (input.createdAfter !== undefined) filters.push({ field: "creation_time", operator: "gte", value: epochOf(input.createdAfter, "createdAfter") });
  if (input.createdBefore !== undefined) filters.push({ field: "creation_time", operator: "lte", value: epochOf(input.createdBefore, "createdBefore") });
  if (input.securityLevel !== undefined) filters.push({ field: "security_level", operator: "in", value: [input.securityLevel] });
  if (input.commentContains !== undefined) filters.push({ field: "comment", operator: "contains", value: input.commentContains });
  if (input.createdBy !== undefined) filters.push({ field: "created_by", operator: "in", value: [...input.createdBy] });
  return filters.length === 0 ? {} : { filters };
}

/** One API key as listed (never its secret). */
export interface ApiKeyRecord {
  /** Key id. */
  readonly id: number;
  /** Creation time, epoch ms. */
  readonly creation_time?: number;
  /** Who created it. */
  readonly created_by?: string;
  /** User name shown in the console. */
  readonly user_name?: string;
  /** Role names. */
  readonly roles?: readonly string[];
  /** `standard` or `advanced`. */
  readonly security_level?: string;
  /** Comment. */
  readonly comment?: unknown;
  /** Expiration, epoch ms; `null` or absent when it never expires. */
  readonly expiration?: number | null;
}

/**
 * The keys of a `get_api_keys` reply, whatever the case of its keys (`DATA` or `data`).
 *
 * @param reply - The reply.
 * @returns The keys.
 */
export function apiKeysOf(reply: unknown): ApiKeyRecord[] {
  if (reply === null || typeof reply !== "object") return [];
  const record = reply as Record<string, unknown>;
  const list = record["data"] ?? record["DATA"];
  return Array.isArray(list) ? (list as ApiKeyRecord[]) : [];
}

/** Where a key stands against the notification marks. */
export type ExpiryMark = "expired" | "one_day" | "one_week" | "later";

/** A key that expires, with how soon. */
export interface ExpiringApiKey {
  /** The key. */
  readonly key: ApiKeyRecord;
  /** When it expires. */
  readonly expiresAt: Date;
  /** Milliseconds left (negative when expired). */
  readonly expiresInMs: number;
  /** `one_day`: a day or less left; `one_week`: a week or less; `later`; `expired`. */
  readonly mark: ExpiryMark;
}

/** Options of {@link expiringApiKeys}. */
export interface ExpiringKeysOptions extends CallOptions {
  /** Window, ms (default 30 days). */
  readonly within?: number;
  /** Include keys that already expired (default false). */
  readonly includeExpired?: boolean;
  /** Current time, epoch ms (for tests). */
  readonly now?: number;
}

/**
 * The keys expiring within a window, soonest first, flagged at the one-week and one-day marks the
 * console notifies at.
 *
 * @param client - A client whose product manages keys.
 * @param options - Window and call options.
 * @returns Keys with their marks.
 * @throws The pipeline's typed errors.
 */
export async function expiringApiKeys<S extends ShapesWith<"api_keys.get_api_keys">>(client: ShapedClient<S>, options: ExpiringKeysOptions = {}): Promise<ExpiringApiKey[]> {
  const { within = 30 * DAY_MS, includeExpired = false, now = Date.now(), ...call } = options;
  const filters = [{ field: "expiration", operator: "lte", value: now + within }, ...(includeExpired ? [] : [{ field: "expiration", operator: "gte", value: now }])];
  const keys: ApiKeyRecord[] = [];
  for await (const key of client.paginate<"api_keys.get_api_keys", ApiKeyRecord>("api_keys.get_api_keys", { filters }, call)) keys.push(key);
  return keys
    .filter((key) => typeof key.expiration === "number" && key.expiration > 0 && key.expiration <= now + within && (includeExpired || key.expiration >= now))
    .map((key) => {
      const expiresInMs = (key.expiration as number) - now;
      const mark: ExpiryMark = apiKeyExpiryNotice(key.expiration, now) ?? "later";
      return { key, expiresAt: new Date(key.expiration as number), expiresInMs, mark };
    })
    .sort((a, b) => a.expiresInMs - b.expiresInMs);
}

/**
 * Wraps a request builder that may refuse its input into an {@link ApiPromise}, so a refused request
 * surfaces where the call is awaited, like any other error.
 *
 * @param build - Builds the request (may throw).
 * @param send - Sends it.
 * @returns The call's promise.
 */
export function checkedCall<Body, Reply>(build: () => Body, send: (body: Body) => ApiPromise<Reply>): ApiPromise<Reply> {
  let body: Body;
  try {
    body = build();
  } catch (error) {
    return new ApiPromise<Reply>(() => Promise.reject(error));
  }
  return send(body);
}

/**
 * Like {@link checkedCall}, for list calls: a refused request surfaces when the list is awaited or iterated.
 *
 * @param build - Builds the request (may throw).
 * @param send - Starts the list.
 * @returns The list.
 */
export function checkedList<Body, Reply, Item>(build: () => Body, send: (body: Body) => PagePromise<Reply, Item>): PagePromise<Reply, Item> {
  let body: Body;
  try {
    body = build();
  } catch (error) {
    return new PagePromise<Reply, Item>(
      () => Promise.reject(error),
      // eslint-disable-next-line require-yield
      async function* refused() {
        throw error;
      },
    );
  }
  return send(body);
}
