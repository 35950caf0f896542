/**
 * Cortex list-operation building blocks shared by the Xpanse and Cortex Cloud
 * state: field-described filters on top of the engine's `filters` dialect, and
 * `use_page_token` / `next_page_token` paging (reference xsoar-xpanse-cloud
 * §1.3, §3.4).
 *
 * Page tokens: the first call with `use_page_token: true` fixes the result set
 * (sort is not honoured, as documented) and answers the first page plus a
 * token; each token answers the next page of that same result set and a new
 * token while items remain. A token is bound to the tenant, the operation and
 * the key that obtained it; one that is unknown, bound elsewhere or older than
 * {@link PAGE_TOKEN_LIFETIME_MS} on the emulator clock answers 401. Tokens
 * live in memory only (a restart invalidates them, which a 24 h expiry allows).
 */
import { randomBytes } from "node:crypto";
import { ApiError, REPLY_ERRORS } from "../../envelopes.js";
import { compileFilters, describeValue, readPaging, type FilterSpec, type JsonObject } from "../../query.js";
import type { OperationContext } from "../../router.js";
import type { EmulatorState } from "../../state.js";

/** Filter operators the field-described filters understand. */
export type FieldOperator = "eq" | "neq" | "in" | "nin" | "contains" | "not_contains" | "gte" | "lte";

/** One filterable field: how to read it and which operators it takes. */
export interface FieldDescription<T> {
  /** The field's value(s) on a record. */
  readonly get: (record: T) => unknown;
  /** Operators accepted (lower case). */
  readonly ops: readonly FieldOperator[];
}

function valuesOf(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (value === undefined || value === null) return [];
  return [value];
}

function same(stored: unknown, wanted: unknown): boolean {
  if (typeof stored === "string" && typeof wanted === "string") return stored.toLowerCase() === wanted.toLowerCase();
  if (typeof stored === "number" && typeof wanted === "string" && wanted.trim() !== "") return stored === Number(wanted);
  if (typeof stored === "string" && typeof wanted === "number") return Number(stored) === wanted;
  return stored === wanted;
}

function numberOf(value: unknown, field: string): number {
  if (typeof value !== "number" || !Number.isFinite(value)) throw REPLY_ERRORS.invalidInput(`${field}: Input should be a valid number`);
  return value;
}

function listOf(value: unknown, field: string): unknown[] {
  if (!Array.isArray(value)) throw REPLY_ERRORS.invalidInput(`${field}: Input should be a valid list`);
  return value;
}

/** Builds the engine's filter spec from field descriptions. */
export function fieldFilterSpec<T>(fields: Readonly<Record<string, FieldDescription<T>>>): FilterSpec<T> {
  const spec: Record<string, Record<string, (value: unknown, field: string) => (record: T) => boolean>> = {};
  for (const [name, description] of Object.entries(fields)) {
    const operators: Record<string, (value: unknown, field: string) => (record: T) => boolean> = {};
    for (const op of description.ops) {
      operators[op] = (value, field) => {
        switch (op) {
          case "eq":
            return (record) => valuesOf(description.get(record)).some((stored) => same(stored, value));
          case "neq":
            return (record) => !valuesOf(description.get(record)).some((stored) => same(stored, value));
          case "in": {
            const wanted = listOf(value, field);
            return (record) => valuesOf(description.get(record)).some((stored) => wanted.some((item) => same(stored, item)));
          }
          case "nin": {
            const wanted = listOf(value, field);
            return (record) => !valuesOf(description.get(record)).some((stored) => wanted.some((item) => same(stored, item)));
          }
          case "contains":
          case "not_contains": {
            const needles = (Array.isArray(value) ? value : [value]).map((item) => describeValue(item).toLowerCase());
            const hit = (record: T): boolean =>
              valuesOf(description.get(record)).some((stored) => needles.some((needle) => describeValue(stored).toLowerCase().includes(needle)));
            return op === "contains" ? hit : (record) => !hit(record);
          }
          case "gte": {
            const bound = numberOf(value, field);
            return (record) => valuesOf(description.get(record)).some((stored) => typeof stored === "number" && stored >= bound);
          }
          case "lte": {
            const bound = numberOf(value, field);
            return (record) => valuesOf(description.get(record)).some((stored) => typeof stored === "number" && stored <= bound);
          }
        }
      };
    }
    spec[name] = operators;
  }
  return spec;
}

/** Compiles `request_data.filters` against field descriptions. */
export function compileFieldFilters<T>(filters: unknown, fields: Readonly<Record<string, FieldDescription<T>>>): (record: T) => boolean {
  return compileFilters(filters, fieldFilterSpec(fields));
}

/** How long a page token stays valid on the emulator clock: 24 hours. */
export const PAGE_TOKEN_LIFETIME_MS = 24 * 60 * 60 * 1000;
/** Most live page tokens kept per emulator; the oldest are dropped beyond it. */
export const MAX_PAGE_TOKENS = 10_000;

interface PageToken {
  readonly tenantId: string;
  readonly operation: string;
  readonly keyId: number;
  readonly issuedAt: number;
  readonly ids: readonly string[];
  readonly offset: number;
  readonly size: number;
}

const TOKENS = new WeakMap<EmulatorState, Map<string, PageToken>>();

function tokensOf(state: EmulatorState): Map<string, PageToken> {
  let tokens = TOKENS.get(state);
  if (tokens === undefined) {
    tokens = new Map();
    TOKENS.set(state, tokens);
  }
  return tokens;
}

function issueToken(context: OperationContext, operation: string, ids: readonly string[], offset: number, size: number): string {
  const tokens = tokensOf(context.state);
  for (const [token, entry] of tokens) {
    // Map order is issue order: stop at the first token still alive.
    if (entry.issuedAt + PAGE_TOKEN_LIFETIME_MS >= context.now && tokens.size < MAX_PAGE_TOKENS) break;
    tokens.delete(token);
  }
  const token = randomBytes(24).toString("base64url");
  tokens.set(token, { tenantId: context.tenant.id, operation, keyId: context.key.id, issuedAt: context.now, ids, offset, size });
  return token;
}

/** The 401 an expired, unknown or foreign page token gets. */
export function invalidPageToken(): ApiError {
  return new ApiError(401, "Public API request unauthorized", "next_page_token is invalid or expired", { gateway: true });
}

/** A list answer before it is wrapped. */
export interface ListPage<T> {
  /** Items of the whole result set. */
  readonly total: number;
  /** This page. */
  readonly items: readonly T[];
  /** Token for the next page: a string, `null` when the token flow ended, absent without tokens. */
  readonly nextPageToken?: string | null;
}

/** What {@link pageList} needs about the operation. */
export interface ListQuery<T> {
  /** Operation id tokens are bound to. */
  readonly operation: string;
  /** Matching items, in the requested order. */
  readonly select: (sorted: boolean) => readonly T[];
  /** Stable id of an item. */
  readonly idOf: (item: T) => string;
  /** The current item with an id, if it still exists (and is still visible). */
  readonly lookup: (id: string) => T | undefined;
  /** Largest page. */
  readonly maxSize: number;
  /** Page size without `search_to`. */
  readonly defaultSize?: number;
}

/**
 * Serves `search_from`/`search_to` or the page-token flow for a list.
 * @throws ApiError 401 for a bad token, 400 for a bad window.
 */
export function pageList<T>(context: OperationContext, data: JsonObject, query: ListQuery<T>): ListPage<T> {
  const token = data["next_page_token"];
  if (token !== undefined && token !== null && token !== "") {
    if (typeof token !== "string") throw REPLY_ERRORS.invalidInput("next_page_token: Input should be a valid string");
    const entry = tokensOf(context.state).get(token);
    if (
      entry === undefined ||
      entry.tenantId !== context.tenant.id ||
      entry.operation !== query.operation ||
      entry.keyId !== context.key.id ||
      context.now - entry.issuedAt > PAGE_TOKEN_LIFETIME_MS
    ) {
      throw invalidPageToken();
    }
    const end = entry.offset + entry.size;
    const items = entry.ids.slice(entry.offset, end).flatMap((id) => query.lookup(id) ?? []);
    const next = end < entry.ids.length ? issueToken(context, query.operation, entry.ids, end, entry.size) : null;
    return { total: entry.ids.length, items, nextPageToken: next };
  }
  const useToken = data["use_page_token"] === true;
  const defaultSize = Math.min(query.defaultSize ?? query.maxSize, query.maxSize);
  const window = readPaging(data["search_to"] === undefined ? { ...data, search_to: (typeof data["search_from"] === "number" ? data["search_from"] : 0) + defaultSize } : data, query.maxSize);
  // Sort is not honoured in the token flow (reference §1.3).
  const selected = query.select(!useToken);
  const items = selected.slice(window.from, window.to);
  if (!useToken) return { total: selected.length, items };
  const ids = selected.map(query.idOf);
  const next = window.to < ids.length ? issueToken(context, query.operation, ids, window.to, window.to - window.from) : null;
  return { total: selected.length, items, nextPageToken: next };
}

/** The usual `{total_count, result_count, <field>: [...], next_page_token?}` reply body. */
export function listReply<T>(field: string, page: ListPage<T>): { reply: Record<string, unknown> } {
  return {
    reply: {
      total_count: page.total,
      result_count: page.items.length,
      [field]: page.items,
      ...(page.nextPageToken === undefined ? {} : { next_page_token: page.nextPageToken }),
    },
  };
}

/** Reads a Cortex `sort {field, keyword}` (keyword either case); `undefined` when absent. */
export function readCortexSort(
  sort: unknown,
  allowed: readonly string[],
): { readonly field: string; readonly desc: boolean } | undefined {
  if (sort === undefined || sort === null) return undefined;
  if (typeof sort !== "object" || Array.isArray(sort)) throw REPLY_ERRORS.invalidInput("sort: Input should be a valid dictionary");
  const record = sort as JsonObject;
  const field = record["field"];
  if (typeof field !== "string" || !allowed.includes(field)) throw REPLY_ERRORS.invalidInput(`Unsupported sort field '${describeValue(field)}'`);
  const keyword = String(record["keyword"] ?? "asc").toLowerCase();
  if (keyword !== "asc" && keyword !== "desc") throw REPLY_ERRORS.invalidInput(`Unsupported sort keyword '${describeValue(record["keyword"])}'`);
  return { field, desc: keyword === "desc" };
}

/** Ascending comparison of two field values (numbers numerically, else text). */
export function compareField(a: unknown, b: unknown): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  const left = describeValue(a ?? "").toLowerCase();
  const right = describeValue(b ?? "").toLowerCase();
  return left < right ? -1 : left > right ? 1 : 0;
}
