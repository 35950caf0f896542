/**
 * Bulk writes within the per-call limits: alert updates in batches of at most 100 ids, incident updates
 * one per call with bounded concurrency, and lookup dataset upserts and removals in batches, each with a
 * per-batch report so a partial failure says exactly what was and was not written.
 *
 * @module
 */
import { chunk, CortexInvalidRequestError, mapSettled, type CallOptions } from "@cortex-sdk/core";
import type { ReplyIn, ShapedClient, ShapesWith } from "../shared/types.js";

/** One batch of a bulk write. */
export interface BatchOutcome<Input, Reply> {
  /** Position of the batch, from 0. */
  readonly index: number;
  /** What the batch carried (ids, rows, ...). */
  readonly items: readonly Input[];
  /** Whether the call succeeded. */
  readonly ok: boolean;
  /** The reply, when it succeeded. */
  readonly reply?: Reply;
  /** The error, when it failed. */
  readonly error?: unknown;
}

/** What a bulk write did. */
export interface BulkResult<Input, Reply> {
  /** Every batch, in order. */
  readonly batches: readonly BatchOutcome<Input, Reply>[];
  /** Items of the batches that succeeded. */
  readonly succeeded: readonly Input[];
  /** Items of the batches that failed. */
  readonly failed: readonly Input[];
  /** Whether every batch succeeded. */
  readonly ok: boolean;
}

/** Options of bulk writes. */
export interface BulkOptions extends CallOptions {
  /** Items per call (capped at the operation's limit). */
  readonly batchSize?: number;
  /** Calls at once (default 1 for alerts and lookups, 4 for incidents). */
  readonly concurrency?: number;
  /** Stop after the first failed batch instead of going on (default false). */
  readonly stopOnError?: boolean;
}

async function runBatches<Input, Reply>(batches: readonly (readonly Input[])[], options: BulkOptions, defaultConcurrency: number, send: (items: readonly Input[], call: CallOptions) => Promise<Reply>): Promise<BulkResult<Input, Reply>> {
  const { batchSize: _size, concurrency = defaultConcurrency, stopOnError = false, ...call } = options;
  let stopped = false;
  const settled = await mapSettled(
    batches,
    concurrency,
    async (items) => {
      if (stopped) throw new Error("not sent: an earlier batch failed and stopOnError is set");
      try {
        return await send(items, call);
      } catch (error) {
        if (stopOnError) stopped = true;
        throw error;
      }
    },
    call.signal,
  );
  const outcomes: BatchOutcome<Input, Reply>[] = settled.map((result, index) =>
    result.status === "fulfilled" ? { index, items: batches[index] ?? [], ok: true, reply: result.value } : { index, items: batches[index] ?? [], ok: false, error: result.reason },
  );
  return {
    batches: outcomes,
    succeeded: outcomes.filter((outcome) => outcome.ok).flatMap((outcome) => [...outcome.items]),
    failed: outcomes.filter((outcome) => !outcome.ok).flatMap((outcome) => [...outcome.items]),
    ok: outcomes.every((outcome) => outcome.ok),
  };
}

/** The most alert ids `alerts.update_alerts` accepts per call. */
export const MAX_ALERT_IDS_PER_UPDATE = 100;

/**
 * Updates many alerts: `alerts.update_alerts` in batches of at most 100 ids, one call at a time by default.
 *
 * @param client - An XDR, XSIAM or Xpanse client.
 * @param ids - Alert ids (strings or numbers); duplicates are sent once.
 * @param updateData - `{ severity?, status?, comment? }`.
 * @param options - Batch size (≤ 100), concurrency, call options.
 * @returns Per-batch results; `reply.alerts_ids` of each batch lists the alerts the service updated.
 * @throws Never for failed batches (see `failed`); `CortexInvalidRequestError` for an empty update.
 */
export async function updateAlertsInBatches<S extends ShapesWith<"alerts.update_alerts">>(client: ShapedClient<S>, ids: readonly (string | number)[], updateData: Readonly<Record<string, unknown>>, options: BulkOptions = {}): Promise<BulkResult<string | number, ReplyIn<S, "alerts.update_alerts">>> {
  if (Object.keys(updateData).length === 0) throw new CortexInvalidRequestError("alerts.update_alerts: update_data is empty; give severity, status or comment.", "update_data", { operationId: "alerts.update_alerts" });
  const unique = [...new Map(ids.map((id) => [String(id), id])).values()];
  const size = Math.min(MAX_ALERT_IDS_PER_UPDATE, options.batchSize ?? MAX_ALERT_IDS_PER_UPDATE);
  return runBatches(chunk(unique, size), options, 1, (batch, call) => client.request("alerts.update_alerts", { alert_id_list: batch.map(String), update_data: updateData }, call));
}

/** One incident update. */
export interface IncidentUpdate {
  /** Incident id. */
  readonly incident_id: string;
  /** Fields to change (`status`, `assigned_user_mail`, `manual_severity`, `comment`, ...). */
  readonly update_data: Readonly<Record<string, unknown>>;
}

/**
 * Updates many incidents: the service takes one incident per `incidents.update_incident` call, so they are
 * sent one per call, `concurrency` at a time (default 4; the tenant's rate limiter still applies).
 *
 * @param client - An XDR, XSIAM or Xpanse client.
 * @param updates - One entry per incident.
 * @param options - Concurrency and call options.
 * @returns One outcome per incident, in order.
 */
export async function updateIncidentsOneByOne<S extends ShapesWith<"incidents.update_incident">>(client: ShapedClient<S>, updates: readonly IncidentUpdate[], options: BulkOptions = {}): Promise<BulkResult<IncidentUpdate, ReplyIn<S, "incidents.update_incident">>> {
  return runBatches(
    updates.map((update) => [update]),
    options,
    4,
    (batch, call) => client.request("incidents.update_incident", batch[0], call),
  );
}

/** The rows per lookup call the service's guidance suggests (≈1,000 entries per call every 10 s). */
export const LOOKUP_ROWS_PER_CALL = 1000;

/**
 * The lookup operations the bulk writes call, with the reply fields they total. A product's shapes map
 * fits when its replies have these fields (or say nothing about them).
 */
export type LookupWriteShapes = {
  readonly "xql.lookups.add_data": { readonly request: unknown; readonly reply: { added?: number; updated?: number; skipped?: number } };
  readonly "xql.lookups.remove_data": { readonly request: unknown; readonly reply: { deleted?: number } };
};

/** Totals of a lookup upsert. */
export interface LookupUpsertResult extends BulkResult<Readonly<Record<string, unknown>>, { added?: number; updated?: number; skipped?: number }> {
  /** Rows added. */
  readonly added: number;
  /** Rows updated (matched on the key fields). */
  readonly updated: number;
  /** Rows skipped. */
  readonly skipped: number;
}

/** Options of {@link upsertLookupRows}. */
export interface LookupUpsertOptions extends BulkOptions {
  /**
   * Fields that identify a row. Rows matching every key field are replaced; fields a row omits but other
   * rows of the call have become null. Without key fields every row is appended.
   */
  readonly keyFields?: readonly string[];
}

/**
 * Adds or updates rows of a lookup dataset with `xql.lookups.add_data`, in batches of at most 1,000 rows,
 * one call at a time (the service does not support concurrent writes to one dataset).
 *
 * @param client - An XDR or XSIAM client.
 * @param dataset - Lookup dataset name.
 * @param rows - Rows as field → value.
 * @param options - Key fields, batch size, call options.
 * @returns Totals and per-batch outcomes.
 */
export async function upsertLookupRows(client: ShapedClient<LookupWriteShapes>, dataset: string, rows: readonly Readonly<Record<string, unknown>>[], options: LookupUpsertOptions = {}): Promise<LookupUpsertResult> {
  const { keyFields, ...rest } = options;
  const size = Math.min(LOOKUP_ROWS_PER_CALL, options.batchSize ?? LOOKUP_ROWS_PER_CALL);
  const result = await runBatches(chunk(rows, size), { ...rest, concurrency: 1 }, 1, (batch, call) =>
    client.request("xql.lookups.add_data", { dataset_name: dataset, data: [...batch], ...(keyFields === undefined ? {} : { key_fields: [...keyFields] }) }, call),
  );
  const sum = (field: "added" | "updated" | "skipped"): number => result.batches.reduce((total, batch) => total + (typeof batch.reply?.[field] === "number" ? batch.reply[field] : 0), 0);
  return { ...result, added: sum("added"), updated: sum("updated"), skipped: sum("skipped") };
}

/** Options of {@link removeLookupRows}. */
export interface LookupRemoveOptions extends CallOptions {
  /**
   * Most filter blocks per call (default: all in one call). The service deletes nothing when any block
   * of a call matches nothing, so splitting keeps that all-or-nothing rule per call only.
   */
  readonly blocksPerCall?: number;
}

/** What a lookup removal did. */
export interface LookupRemoveResult extends BulkResult<Readonly<Record<string, unknown>>, { deleted?: number }> {
  /** Rows deleted. */
  readonly deleted: number;
}

/**
 * Removes rows of a lookup dataset with `xql.lookups.remove_data`. Each filter block ANDs its fields and
 * blocks are ORed; the service is all-or-nothing per call: if any block matches no row, nothing is
 * deleted by that call (and `deleted` is 0). By default every block goes in one call, so the removal is
 * all-or-nothing as a whole; with `blocksPerCall` it is all-or-nothing per call.
 *
 * @param client - An XDR or XSIAM client.
 * @param dataset - Lookup dataset name.
 * @param blocks - Filter blocks, e.g. `[{ user: "alice" }, { user: "bob", host: "pc-1" }]`.
 * @param options - Blocks per call and call options.
 * @returns Rows deleted and per-call outcomes.
 * @throws `CortexInvalidRequestError` for no blocks or an empty block (which would match everything).
 */
export async function removeLookupRows(client: ShapedClient<LookupWriteShapes>, dataset: string, blocks: readonly Readonly<Record<string, unknown>>[], options: LookupRemoveOptions = {}): Promise<LookupRemoveResult> {
  if (blocks.length === 0) throw new CortexInvalidRequestError("xql.lookups.remove_data: give at least one filter block.", "filters", { operationId: "xql.lookups.remove_data" });
  if (blocks.some((block) => Object.keys(block).length === 0)) throw new CortexInvalidRequestError("xql.lookups.remove_data: a filter block is empty; every block needs at least one field.", "filters", { operationId: "xql.lookups.remove_data" });
  const { blocksPerCall, ...call } = options;
  const result = await runBatches(chunk(blocks, blocksPerCall ?? blocks.length), { ...call, concurrency: 1 }, 1, (batch, callOptions) =>
    client.request("xql.lookups.remove_data", { dataset_name: dataset, filters: [...batch] }, callOptions),
  );
  return { ...result, deleted: result.batches.reduce((total, batch) => total + (typeof batch.reply?.deleted === "number" ? batch.reply.deleted : 0), 0) };
}
