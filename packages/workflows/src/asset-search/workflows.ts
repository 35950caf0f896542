/**
 * The hand-written workflows of the Cortex Cloud client: assets and asset groups searched with the AND/OR
 * filter tree, vulnerabilities paged by token (restarting on an expired token).
 *
 * @module
 */
import { paginateRestarting, type ApiPromise, type CortexClient, type ListOptions, type PagePromise, type ReplyValidationOptions, type RestartingListOptions, type ValidatedCallOptions } from "@cortex-sdk/core";
import { pageTokenEntry } from "../shared/entries.js";
import type { ItemOf, ReplyIn, RequestIn, ShapedClient, ShapesWith } from "../shared/types.js";

/** The sort of tree searches: `[{ FIELD, ORDER }]`. */
export type TreeSort = readonly { readonly FIELD: string; readonly ORDER: "ASC" | "DESC" }[];

/**
 * The filter tree an operation's request takes at `filters` (`AssetFilter` for `assets`, `AssetGroupFilter`
 * for `asset_groups`): its conditions are typed per field.
 *
 * @typeParam S - A product's operation shapes map.
 * @typeParam Id - Operation id.
 */
export type TreeIn<S extends ShapesWith<Id>, Id extends string> = NonNullable<RequestIn<S, Id> extends { readonly filters?: infer Tree } ? Tree : never>;

/**
 * The conditions (leaves) of a filter tree type.
 *
 * @typeParam Tree - A filter tree type.
 */
export type ConditionIn<Tree> = Tree extends { readonly AND: readonly (infer Child)[] } ? Extract<Child, { readonly SEARCH_FIELD: unknown }> : never;

/**
 * The membership predicate `asset_groups.create` takes: a tree over asset fields (`AssetFilter`).
 *
 * @typeParam S - A product's operation shapes map.
 */
export type MembershipIn<S extends ShapesWith<"asset_groups.create">> = NonNullable<RequestIn<S, "asset_groups.create"> extends { readonly asset_group?: { readonly membership_predicate?: infer Tree } } ? Tree : never>;

/** One condition becomes an AND node of it; a tree is sent as it is. */
function asTree(filter: object): object {
  return "SEARCH_FIELD" in filter ? { AND: [filter] } : filter;
}

/** Options of the tree searches. */
export interface TreeSearchOptions extends ListOptions, ReplyValidationOptions {
  /** Sort. */
  readonly sort?: TreeSort;
}

/** The operations {@link AssetTreeSearch} calls. */
export type AssetSearchShapes = ShapesWith<"assets">;

/**
 * The Cortex Cloud `assets` workflows: {@link AssetTreeSearch.search} with the AND/OR tree. Product namespaces extend it.
 *
 * @typeParam S - The product's operation shapes map, which types the reply and its items.
 */
export class AssetTreeSearch<S extends AssetSearchShapes = AssetSearchShapes> {
  readonly #client: ShapedClient<S>;

  /** @param client - The client that sends the calls. */
  constructor(client: CortexClient) {
    this.#client = client;
  }

  /**
   * Searches the asset inventory with an AND/OR filter tree (build it with `andFilter`, `orFilter` and
   * `searchCondition`), at most 100 per page. Asset fields are dotted XDM names (`xdm.asset.provider`); the
   * tree is typed per field (`AssetFilter`), so an undocumented field, search type or value fails to compile.
   *
   * @param filter - The tree, or one condition.
   * @param options - `sort`, `limit`, `pageSize`, call options.
   * @returns Await for the first page (`data`, `metadata.total_count`), `for await` for every asset.
   * @throws The pipeline's typed errors.
   * @example
   * ```ts
   * // andFilter, orFilter and searchCondition: exported by @cortex-sdk/cloud.
   * const tree = andFilter(searchCondition("xdm.asset.provider", "EQ", "AWS"), orFilter(searchCondition("xdm.asset.type.category", "EQ", "Compute"), searchCondition("xdm.asset.type.category", "EQ", "Storage")));
   * for await (const asset of client.assets.search(tree)) console.log(asset["xdm.asset.name"]);
   * ```
   */
  search(filter: TreeIn<S, "assets"> | ConditionIn<TreeIn<S, "assets">>, options: TreeSearchOptions = {}): PagePromise<ReplyIn<S, "assets">, ItemOf<S, "assets", "data">> {
    const { sort, ...list } = options;
    const tree = asTree(filter);
    return this.#client.paginate<"assets", ItemOf<S, "assets", "data">>("assets", { filters: tree, ...(sort === undefined ? {} : { sort }) }, list);
  }
}

/** The operations {@link AssetGroupTreeSearch} calls. */
export type AssetGroupShapes = ShapesWith<"asset_groups" | "asset_groups.create">;

/**
 * The Cortex Cloud `assetGroups` workflows: tree search and dynamic groups. Product namespaces extend it.
 *
 * @typeParam S - The product's operation shapes map, which types the replies.
 */
export class AssetGroupTreeSearch<S extends AssetGroupShapes = AssetGroupShapes> {
  readonly #client: ShapedClient<S>;

  /** @param client - The client that sends the calls. */
  constructor(client: CortexClient) {
    this.#client = client;
  }

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
  search(filter: TreeIn<S, "asset_groups"> | ConditionIn<TreeIn<S, "asset_groups">>, options: TreeSearchOptions = {}): PagePromise<ReplyIn<S, "asset_groups">, ItemOf<S, "asset_groups", "data">> {
    const { sort, ...list } = options;
    const tree = asTree(filter);
    return this.#client.paginate<"asset_groups", ItemOf<S, "asset_groups", "data">>("asset_groups", { filters: tree, ...(sort === undefined ? {} : { sort }) }, list);
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
  createDynamic(name: string, membership: MembershipIn<S>, options: ValidatedCallOptions & { readonly description?: string } = {}): ApiPromise<ReplyIn<S, "asset_groups.create">> {
    const { description, ...call } = options;
    const request = { asset_group: { group_name: name, group_type: "Dynamic", ...(description === undefined ? {} : { group_description: description }), membership_predicate: membership } };
    return this.#client.request("asset_groups.create", request, call);
  }
}

/** The operations {@link VulnerabilityFeed} calls. */
export type VulnerabilityShapes = ShapesWith<"uvem.get_vulnerabilities">;

/**
 * Vulnerability intelligence: {@link VulnerabilityFeed.list} by page token. Product namespaces extend it.
 *
 * @typeParam S - The product's operation shapes map, which types the request, reply and items.
 */
export class VulnerabilityFeed<S extends VulnerabilityShapes = VulnerabilityShapes> {
  readonly #client: CortexClient;

  /** @param client - The client that sends the calls. */
  constructor(client: CortexClient) {
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
  list(request: RequestIn<S, "uvem.get_vulnerabilities"> = {} as RequestIn<S, "uvem.get_vulnerabilities">, options: RestartingListOptions & ReplyValidationOptions = {}): PagePromise<ReplyIn<S, "uvem.get_vulnerabilities">, ItemOf<S, "uvem.get_vulnerabilities", "vulnerabilities">> {
    return paginateRestarting<ReplyIn<S, "uvem.get_vulnerabilities">, ItemOf<S, "uvem.get_vulnerabilities", "vulnerabilities">>(this.#client, pageTokenEntry(this.#client, "uvem.get_vulnerabilities"), request, options);
  }
}
