/**
 * Lookup datasets (XDR, XSIAM): upsert and remove rows with the service's semantics, within its limits.
 *
 * @module
 */
import type { ApiPromise, CortexClient, ValidatedCallOptions } from "@cortex-sdk/core";
import type { ReplyIn, ShapedClient, ShapesWith } from "../shared/types.js";
import { removeLookupRows, upsertLookupRows, type LookupWriteShapes, type LookupRemoveOptions, type LookupRemoveResult, type LookupUpsertOptions, type LookupUpsertResult } from "../bulk-updates/batches.js";

/** The operations {@link LookupDatasets} calls (the product must serve them; it types the rows read back). */
export type LookupShapes = ShapesWith<"xql.lookups.get_data" | "xql.lookups.add_data" | "xql.lookups.remove_data">;

/**
 * Lookup datasets: upsert and remove rows with the service's semantics, within its limits.
 *
 * @typeParam S - The product's operation shapes map, which types the rows read back.
 */
export class LookupDatasets<S extends LookupShapes = LookupShapes> {
  readonly #client: ShapedClient<S>;
  readonly #writes: ShapedClient<LookupWriteShapes>;

  /** @param client - The client that sends the calls. */
  constructor(client: CortexClient) {
    this.#client = client;
    this.#writes = client;
  }

  /**
   * Adds or updates rows (`xql.lookups.add_data`) in batches of at most 1,000, one call at a time (the
   * service does not support concurrent writes). With `keyFields`, a row matching every key field is
   * replaced (fields it omits but other rows have become null); without, rows are appended. A lookup
   * dataset holds at most 50 MB.
   *
   * @param dataset - Lookup dataset name.
   * @param rows - Rows.
   * @param options - `keyFields`, `batchSize`, `stopOnError`, call options.
   * @returns Totals added, updated and skipped, and per-batch outcomes.
   * @throws Nothing for failed batches (see `failed`).
   * @example
   * ```ts
   * const { added, updated } = await client.lookups.upsert("vip_users", [{ user: "alice", level: 3 }], { keyFields: ["user"] });
   * ```
   */
  upsert(dataset: string, rows: readonly Readonly<Record<string, unknown>>[], options?: LookupUpsertOptions): Promise<LookupUpsertResult> {
    return upsertLookupRows(this.#writes, dataset, rows, options);
  }

  /**
   * Removes rows (`xql.lookups.remove_data`). Each block ANDs its fields; blocks are ORed. The service is
   * all-or-nothing per call: if any block matches no row, that call deletes nothing. All blocks go in
   * one call unless `blocksPerCall` splits them (then it is all-or-nothing per call).
   *
   * @param dataset - Lookup dataset name.
   * @param blocks - Filter blocks.
   * @param options - `blocksPerCall`, call options.
   * @returns Rows deleted and per-call outcomes.
   * @throws `CortexInvalidRequestError` for no or empty blocks.
   * @example
   * ```ts
   * const { deleted } = await client.lookups.remove("vip_users", [{ user: "alice" }]);
   * ```
   */
  remove(dataset: string, blocks: readonly Readonly<Record<string, unknown>>[], options?: LookupRemoveOptions): Promise<LookupRemoveResult> {
    return removeLookupRows(this.#writes, dataset, blocks, options);
  }

  /**
   * Reads rows (`xql.lookups.get_data`, at most 10,000).
   *
   * @param dataset - Lookup dataset name.
   * @param filters - Optional filter blocks.
   * @param options - `limit` and call options.
   * @returns The reply (`data`, `filter_count`, `total_count`).
   * @throws The pipeline's typed errors.
   * @example
   * ```ts
   * const { data } = await client.lookups.get("vip_users", [{ user: "alice" }]);
   * ```
   */
  get(dataset: string, filters?: readonly Readonly<Record<string, unknown>>[], options: ValidatedCallOptions & { readonly limit?: number } = {}): ApiPromise<ReplyIn<S, "xql.lookups.get_data">> {
    const { limit, ...call } = options;
    return this.#client.request("xql.lookups.get_data", { dataset_name: dataset, ...(filters === undefined ? {} : { filters: [...filters] }), ...(limit === undefined ? {} : { limit }) }, call);
  }
}
