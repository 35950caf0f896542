/**
 * The hand-written workflows of the Cortex Cloud client: assets and asset groups searched with the AND/OR
 * filter tree, vulnerabilities paged by token (restarting on an expired token), and API keys with
 * checked requests, expiry marks and scopes.
 *
 * @module
 */
import {
  checkedCall,
  checkedList,
  expiringApiKeys,
  generateApiKeyRequest,
  listApiKeysRequest,
  paginateRestarting,
  withPageTokens,
  type ApiPromise,
  type CortexClient,
  type ExpiringApiKey,
  type ExpiringKeysOptions,
  type GenerateApiKeyInput,
  type ListApiKeysInput,
  type ListOptions,
  type PagePromise,
  type ReplyValidationOptions,
  type RestartingListOptions,
  type ValidatedCallOptions,
} from "@cortex-sdk/core";
import type { OperationEntry, ReplyOf, RequestOf, SearchCondition, SearchTree } from "@cortex-sdk/schemas";
import { operations } from "@cortex-sdk/schemas/cloud";
import { CloudApiKeysNamespace, CloudAssetGroupsNamespace, CloudAssetsNamespace, CloudUvemNamespace } from "./generated/client-base.js";

/** The sort of tree searches: `[{ FIELD, ORDER }]`. */
export type TreeSort = readonly { readonly FIELD: string; readonly ORDER: "ASC" | "DESC" }[];

/** Options of the tree searches. */
export interface TreeSearchOptions extends ListOptions, ReplyValidationOptions {
  /** Sort. */
  readonly sort?: TreeSort;
}

/** The `assets` operations plus {@link CloudAssets.search} with the AND/OR tree. */
export class CloudAssets extends CloudAssetsNamespace {
  /**
   * Searches the asset inventory with an AND/OR filter tree (build it with `andFilter`, `orFilter` and
   * `searchCondition`), at most 100 per page. Asset fields are dotted XDM names (`xdm.asset.provider`).
   *
   * @param filter - The tree, or one condition.
   * @param options - `sort`, `limit`, `pageSize`, call options.
   * @returns Await for the first page (`data`, `metadata.total_count`), `for await` for every asset.
   * @throws The pipeline's typed errors.
   * @example
   * ```ts
   * import { andFilter, orFilter, searchCondition } from "@cortex-sdk/cloud";
   * const tree = andFilter(searchCondition("xdm.asset.provider", "EQ", "AWS"), orFilter(searchCondition("xdm.asset.type.category", "EQ", "Compute"), searchCondition("xdm.asset.type.category", "EQ", "Storage")));
   * for await (const asset of client.assets.search(tree)) console.log(asset["xdm.asset.name"]);
   * ```
   */
  search(filter: SearchTree | SearchCondition, options: TreeSearchOptions = {}): ReturnType<CloudAssetsNamespace["list"]> {
    const { sort, ...list } = options;
    const tree = "SEARCH_FIELD" in filter ? { AND: [filter] } : filter;
    return this.list({ filters: tree, ...(sort === undefined ? {} : { sort }) } as unknown as RequestOf<"assets">, list);
  }
}

/** The `assetGroups` operations plus tree search and dynamic groups. */
export class CloudAssetGroups extends CloudAssetGroupsNamespace {
  /**
   * Searches asset groups with an AND/OR filter tree over the group fields (`XDM.ASSET_GROUP.NAME`, ...).
   *
   * @param filter - The tree, or one condition.
   * @param options - `sort`, `limit`, `pageSize`, call options.
   * @returns Await for the first page, `for await` for every group.
   * @throws The pipeline's typed errors.
   * @example
   * ```ts
   * for await (const group of client.assetGroups.search(searchCondition("XDM.ASSET_GROUP.TYPE", "EQ", "Dynamic"))) console.log(group);
   * ```
   */
  search(filter: SearchTree | SearchCondition, options: TreeSearchOptions = {}): ReturnType<CloudAssetGroupsNamespace["list"]> {
    const { sort, ...list } = options;
    const tree = "SEARCH_FIELD" in filter ? { AND: [filter] } : filter;
    return this.list({ filters: tree, ...(sort === undefined ? {} : { sort }) } as unknown as RequestOf<"asset_groups">, list);
  }

  /**
   * Creates a dynamic asset group: its members are the assets matching the tree, now and later.
   *
   * @param name - Group name.
   * @param membership - The membership predicate (AND/OR tree over asset fields).
   * @param options - `description` and call options.
   * @returns The service's answer.
   * @throws The pipeline's typed errors.
   * @example
   * ```ts
   * await client.assetGroups.createDynamic("aws-prod", andFilter(searchCondition("xdm.asset.provider", "EQ", "AWS")));
   * ```
   */
  createDynamic(name: string, membership: SearchTree, options: ValidatedCallOptions & { readonly description?: string } = {}): ApiPromise<ReplyOf<"asset_groups.create">> {
    const { description, ...call } = options;
    const request = { asset_group: { group_name: name, group_type: "Dynamic", ...(description === undefined ? {} : { group_description: description }), membership_predicate: membership } };
    return this.create(request as unknown as RequestOf<"asset_groups.create">, call);
  }
}

const vulnerabilityEntry: OperationEntry = withPageTokens(operations.find((operation) => operation.id === "uvem.get_vulnerabilities") ?? (() => {
  throw new Error("internal: uvem.get_vulnerabilities is not in the Cortex Cloud table");
})());

/** A vulnerability of the intelligence feed. */
export type CloudVulnerability = NonNullable<ReplyOf<"uvem.get_vulnerabilities">["vulnerabilities"]>[number];

/** The `uvem` operations plus {@link CloudVulnerabilities.list}. */
export class CloudVulnerabilities extends CloudUvemNamespace {
  readonly #client: CortexClient;

  /** @param client - The client that sends the calls. */
  constructor(client: CortexClient) {
    super(client);
    this.#client = client;
  }

  /**
   * Lists vulnerabilities (CVE intelligence) by page token, at most 500 per page, restarting cleanly when
   * a token expires.
   *
   * @param request - `filters` (cvss_score, epss_score, cisa_kev, vendors, ...), `sort`.
   * @param options - `limit`, `pageSize`, `maxRestarts`, call options.
   * @returns Await for the first page, `for await` for every vulnerability.
   * @throws `CortexPaginationError` after too many restarts; the pipeline's typed errors.
   * @example
   * ```ts
   * for await (const cve of client.vulnerabilities.list({ filters: [{ field: "cisa_kev", operator: "eq", value: true }] })) console.log(cve.vulnerability_id);
   * ```
   */
  list(request: RequestOf<"uvem.get_vulnerabilities"> = {}, options: RestartingListOptions & ReplyValidationOptions = {}): PagePromise<ReplyOf<"uvem.get_vulnerabilities">, CloudVulnerability> {
    return paginateRestarting(this.#client, vulnerabilityEntry, request, options);
  }
}

/** The `apiKeys` operations with checked requests and expiry helpers (the scope methods are on {@link CloudApiKeys}). */
export class CloudApiKeysBase extends CloudApiKeysNamespace {
  readonly #client: CortexClient;

  /** @param client - The client that sends the calls. */
  constructor(client: CortexClient) {
    super(client);
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
  override generate(request: GenerateApiKeyInput, options?: ValidatedCallOptions): ApiPromise<ReplyOf<"api_keys.generate">> {
    return checkedCall(() => generateApiKeyRequest(request), (body) => super.generate(body, options));
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
  override list(request: ListApiKeysInput = {}, options?: ListOptions & ReplyValidationOptions): ReturnType<CloudApiKeysNamespace["list"]> {
    return checkedList(() => listApiKeysRequest(request) as RequestOf<"api_keys.get_api_keys">, (body) => super.list(body, options));
  }

  /**
   * Deletes keys by id.
   *
   * @param ids - Key ids.
   * @param options - Call options.
   * @returns `{ update_count }`: how many keys were deleted.
   * @throws The pipeline's typed errors.
   * @example
   * ```ts
   * await client.apiKeys.deleteByIds([121, 134]);
   * ```
   */
  deleteByIds(ids: readonly number[], options?: ValidatedCallOptions): ApiPromise<ReplyOf<"api_keys.delete">> {
    return this.delete({ filters: [{ field: "id", operator: "in", value: [...ids] }] }, options);
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

/** An API key's scope (what it may see): per domain, a mode and names or ids. */
export interface ApiKeyScope {
  /** Endpoint groups and tags. */
  readonly endpoints?: Readonly<Record<string, unknown>>;
  /** Case and issue domains. */
  readonly cases_issues?: Readonly<Record<string, unknown>>;
  /** Asset groups. */
  readonly assets?: Readonly<Record<string, unknown>>;
  /** Dataset row filters (when dataset scoping is enabled). */
  readonly datasets_rows?: Readonly<Record<string, unknown>>;
}

/** The `apiKeys` operations with checked requests, expiry marks and scopes. */
export class CloudApiKeys extends CloudApiKeysBase {
  readonly #iam: CortexClient;

  /** @param client - The client that sends the calls. */
  constructor(client: CortexClient) {
    super(client);
    this.#iam = client;
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
  getScope(keyId: number | string, options?: ValidatedCallOptions): ApiPromise<ReplyOf<"platform.iam.scope.by_entity_type.get_by_entity_id">> {
    return this.#iam.request("platform.iam.scope.by_entity_type.get_by_entity_id", { entity_type: "api-key", entity_id: String(keyId) } as never, options);
  }

  /**
   * Sets an API key's scope, e.g. only some asset groups and case domains.
   *
   * @param keyId - Key id.
   * @param scope - Per domain: `{ mode, names }` or `{ mode, asset_group_ids }`.
   * @param options - Call options.
   * @returns The service's confirmation.
   * @throws `CortexPermissionError` without `access_management_action`; `CortexBadRequestError` for unknown names.
   * @example
   * ```ts
   * await client.apiKeys.setScope(42, { assets: { mode: "scope", asset_group_ids: [1, 2] }, cases_issues: { mode: "scope", names: ["Health"] } });
   * ```
   */
  setScope(keyId: number | string, scope: ApiKeyScope, options?: ValidatedCallOptions): ApiPromise<ReplyOf<"platform.iam.scope.by_entity_type.put_by_entity_id">> {
    return this.#iam.request("platform.iam.scope.by_entity_type.put_by_entity_id", pathOnlyScope(keyId, scope) as never, options);
  }
}

function pathOnlyScope(keyId: number | string, scope: ApiKeyScope): Record<string, unknown> {
  const request: Record<string, unknown> = { ...scope };
  Object.defineProperty(request, "entity_type", { value: "api-key", enumerable: false });
  Object.defineProperty(request, "entity_id", { value: String(keyId), enumerable: false });
  return request;
}
