/**
 * The API key namespace every product that manages keys shares (XDR, XSIAM, XSOAR 8, Cortex Cloud):
 * checked requests, built filters, deletion by id and the expiry marks; plus key scopes where the
 * platform has them.
 *
 * @module
 */
import type { ApiPromise, CortexClient, ListOptions, PagePromise, ReplyValidationOptions, ValidatedCallOptions } from "@cortex-sdk/core";
import type { ItemOf, ReplyIn, RequestIn, ShapedClient, ShapesWith } from "../shared/types.js";
import { checkApiKeyScope, scopeEnforcement, setScopeEnforcement, type ApiKeyScope } from "./scopes.js";
import { checkedCall, checkedList, expiringApiKeys, generateApiKeyRequest, listApiKeysRequest, type ExpiringApiKey, type ExpiringKeysOptions, type GenerateApiKeyInput, type ListApiKeysInput } from "./requests.js";

/** The operations {@link ApiKeyManagement} calls. */
export type ApiKeyShapes = ShapesWith<"api_keys.generate" | "api_keys.get_api_keys" | "api_keys.delete">;

/**
 * The `apiKeys` workflows: checked requests and expiry helpers. Product namespaces extend it.
 *
 * @typeParam S - The product's operation shapes map, which types the replies.
 */
export class ApiKeyManagement<S extends ApiKeyShapes = ApiKeyShapes> {
  readonly #client: ShapedClient<S>;

  /** @param client - The client that sends the calls. */
  constructor(client: CortexClient) {
    this.#client = client;
  }

  /**
   * Generates an API key. The request is checked before it is sent: at least one role, a known security
   * level, and an expiration in the future and at most six months ahead (the service's maximum). Without
   * an expiration the key lives one week (the service's default). Sent once: never retried after an
   * ambiguous failure, since a retry could create a second key.
   *
   * @param request - `{ roles, security_level, expiration? (ms or Date), comment? }`.
   * @param options - Call options.
   * @returns `{ id, key }`: the secret is shown only here; store it.
   * @throws `CortexInvalidRequestError` (before sending) saying what to fix; `CortexPermissionError` when the key may not manage keys.
   * @example
   * ```ts
   * const { id, key } = await client.apiKeys.generate({ roles: ["Viewer"], security_level: "advanced", expiration: Date.now() + 30 * 86_400_000, comment: "ci" });
   * ```
   */
  generate(request: GenerateApiKeyInput, options?: ValidatedCallOptions): ApiPromise<ReplyIn<S, "api_keys.generate">> {
    return checkedCall(() => generateApiKeyRequest(request), (body) => this.#client.request("api_keys.generate", body, options));
  }

  /**
   * Lists API keys (never their secrets). Besides the raw `filters`, `expiringWithin` (ms), `role` and
   * `ids` build the filters for you; all are ANDed. `TOTAL_COUNT` counts expired keys too.
   *
   * @param request - Filters.
   * @param options - Call options plus `limit`, `pageSize`, `cursor`.
   * @returns Await for the first page (`data`/`DATA`, counts), `for await` for every key.
   * @throws `CortexInvalidRequestError` for a negative window; the pipeline's typed errors.
   * @example
   * ```ts
   * for await (const key of client.apiKeys.list({ expiringWithin: 30 * 86_400_000 })) console.log(key.id, key.expiration);
   * ```
   */
  list(request: ListApiKeysInput = {}, options?: ListOptions & ReplyValidationOptions): PagePromise<ReplyIn<S, "api_keys.get_api_keys">, ItemOf<S, "api_keys.get_api_keys", "data">> {
    return checkedList(
      () => listApiKeysRequest(request),
      (body) => this.#client.paginate<"api_keys.get_api_keys", ItemOf<S, "api_keys.get_api_keys", "data">>("api_keys.get_api_keys", body, options),
    );
  }

  /**
   * Deletes keys by id.
   *
   * @param ids - Key ids: ints, or numeric text (`"121"`), which the service reads as ints.
   * @param options - Call options.
   * @returns `{ update_count }`: how many keys were deleted.
   * @throws The pipeline's typed errors.
   * @example
   * ```ts
   * await client.apiKeys.deleteByIds([121, 134]);
   * ```
   */
  deleteByIds(ids: readonly (number | `${number}`)[], options?: ValidatedCallOptions): ApiPromise<ReplyIn<S, "api_keys.delete">> {
    return this.#client.request("api_keys.delete", { filters: [{ field: "id", operator: "in", value: [...ids] }] }, options);
  }

  /**
   * The keys expiring within a window (default 30 days), soonest first, each flagged `one_day` or
   * `one_week` at the marks the console notifies at (else `later`).
   *
   * @param options - `within` (ms), `includeExpired`, call options.
   * @returns Keys with `expiresAt`, `expiresInMs` and `mark`.
   * @throws The pipeline's typed errors.
   * @example
   * ```ts
   * for (const { key, mark } of await client.apiKeys.expiringKeys({ within: 14 * 86_400_000 })) if (mark !== "later") console.warn(key.id, mark);
   * ```
   */
  expiringKeys(options?: ExpiringKeysOptions): Promise<ExpiringApiKey[]> {
    return expiringApiKeys(this.#client, options);
  }
}

/** The operations {@link ApiKeyScopes} calls. */
export type ApiKeyScopeShapes = ApiKeyShapes & ShapesWith<"platform.iam.scope.by_entity_type.get_by_entity_id" | "platform.iam.scope.by_entity_type.put_by_entity_id">;

/**
 * {@link ApiKeyManagement} plus key scopes (scope-based access control of the Cortex platform, XSIAM and
 * Cortex Cloud), and the tenant's switch that decides whether scopes are enforced (emulator only).
 *
 * @typeParam S - The product's operation shapes map, which types the replies.
 */
export class ApiKeyScopes<S extends ApiKeyScopeShapes = ApiKeyScopeShapes> extends ApiKeyManagement<S> {
  readonly #client: ShapedClient<S>;
  readonly #raw: CortexClient;

  /** @param client - The client that sends the calls. */
  constructor(client: CortexClient) {
    super(client);
    this.#client = client;
    this.#raw = client;
  }

  /**
   * Reads an API key's scope (scope-based access control): per domain, `no_scope`, `see_all`, `scope`
   * (only the listed names or ids) or `any`.
   *
   * @param keyId - Key id.
   * @param options - Call options.
   * @returns The scope.
   * @throws `CortexPermissionError` without `access_management_view`.
   * @example
   * ```ts
   * const scope = await client.apiKeys.getScope(42);
   * ```
   */
  getScope(keyId: number | string, options?: ValidatedCallOptions): ApiPromise<ReplyIn<S, "platform.iam.scope.by_entity_type.get_by_entity_id">> {
    return this.#client.request("platform.iam.scope.by_entity_type.get_by_entity_id", { entity_type: "api-key", entity_id: String(keyId) }, options);
  }

  /**
   * Sets an API key's scope, e.g. only some asset groups and case domains. Domains left out keep their
   * scope. Checked before sending: unknown domains (`cases`), fields or modes are refused, naming the
   * allowed ones; which names exist within a domain is the tenant's to check. Scopes are stored at once but
   * restrict the key only while the tenant enforces scope-based access (the console's switch; off by default).
   *
   * @param keyId - Key id.
   * @param scope - Per domain: `{ mode, names }`, `{ mode, asset_group_ids }` or dataset row filters.
   * @param options - Call options.
   * @returns The service's confirmation.
   * @throws `CortexInvalidRequestError` (before sending) for an unknown domain, field or mode; `CortexPermissionError` without `access_management_action`; `CortexBadRequestError` for names the tenant does not have.
   * @example
   * ```ts
   * await client.apiKeys.setScope(42, { assets: { mode: "scope", asset_group_ids: [1, 2] }, cases_issues: { mode: "scope", names: ["Health"] } });
   * ```
   */
  setScope(keyId: number | string, scope: ApiKeyScope, options?: ValidatedCallOptions): ApiPromise<ReplyIn<S, "platform.iam.scope.by_entity_type.put_by_entity_id">> {
    return checkedCall(
      () => pathOnlyScope(keyId, checkApiKeyScope(scope)),
      (request) => this.#client.request("platform.iam.scope.by_entity_type.put_by_entity_id", request as never, options),
    );
  }

  /**
   * Whether the tenant enforces keys' scopes. **Emulator only**: the Cortex platform has this switch in the
   * console and no public API for it, so this reads the local emulator's setting (for tests and demos).
   *
   * @returns True when scopes restrict what keys see.
   * @throws `CortexConfigError` against a real tenant, saying where the switch is.
   * @example
   * ```ts
   * if (!(await client.apiKeys.scopeEnforcement())) console.log("scopes are stored but not enforced");
   * ```
   */
  scopeEnforcement(): Promise<boolean> {
    return scopeEnforcement(this.#raw);
  }

  /**
   * Turns the tenant's scope enforcement on or off. **Emulator only** (see {@link ApiKeyScopes.scopeEnforcement}).
   *
   * @param enforced - True to enforce keys' scopes; false to store them without enforcing (the default).
   * @returns The switch as it now is.
   * @throws `CortexConfigError` against a real tenant, saying where the switch is.
   * @example
   * ```ts
   * await client.apiKeys.setScopeEnforcement(true);
   * ```
   */
  setScopeEnforcement(enforced: boolean): Promise<boolean> {
    return setScopeEnforcement(this.#raw, enforced);
  }
}

// The entity type and id fill the path; they stay out of the serialised body.
function pathOnlyScope(keyId: number | string, scope: ApiKeyScope): Record<string, unknown> {
  const request: Record<string, unknown> = { ...scope };
  Object.defineProperty(request, "entity_type", { value: "api-key", enumerable: false });
  Object.defineProperty(request, "entity_id", { value: String(keyId), enumerable: false });
  return request;
}
