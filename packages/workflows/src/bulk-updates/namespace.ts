/**
 * Alert and incident updates of any size, within the per-call limits (XDR, XSIAM, Xpanse alerts).
 *
 * @module
 */
import type { CortexClient } from "@cortex-sdk/core";
import type { ReplyIn, RequestIn, ShapedClient, ShapesWith } from "../shared/types.js";
import { updateAlertsInBatches, updateIncidentsOneByOne, type BulkOptions, type BulkResult, type IncidentUpdate } from "./batches.js";

/** The total the alert listings report at most (the table's `totalCap`); paging continues past it until a short page. */
export const ALERTS_TOTAL_CAP = 9999;

/**
 * The `update_data` object of an update request (any object when the request type does not say).
 *
 * @typeParam Request - The request type of `alerts.update_alerts`.
 */
export type UpdateDataOf<Request> = Request extends { readonly update_data?: infer Data } ? NonNullable<Data> : Readonly<Record<string, unknown>>;

/** The operations {@link AlertBulkUpdates} calls. */
export type AlertUpdateShapes = ShapesWith<"alerts.update_alerts">;

/**
 * The `alerts` workflows: bulk updates that respect the 100-id limit (listings page past the 9,999 cap: the table marks it). Product namespaces extend it.
 *
 * @typeParam S - The product's operation shapes map, which types the update and its reply.
 */
export class AlertBulkUpdates<S extends AlertUpdateShapes = AlertUpdateShapes> {
  readonly #client: ShapedClient<S>;

  /** @param client - The client that sends the calls. */
  constructor(client: CortexClient) {
    this.#client = client;
  }

  /**
   * Updates any number of alerts: `alerts.update_alerts` takes at most 100 ids per call, so the ids are
   * split into batches sent one after another (or `concurrency` at a time). A failed batch does not stop
   * the others unless `stopOnError`; the result says which ids were in failed batches.
   *
   * @param ids - Alert ids.
   * @param updateData - `{ severity?, status?, comment? }`.
   * @param options - `batchSize` (≤ 100), `concurrency`, `stopOnError`, call options.
   * @returns Per-batch replies (`alerts_ids` updated) and errors.
   * @throws `CortexInvalidRequestError` for an empty update.
   * @example
   * ```ts
   * const result = await client.alerts.updateMany(ids, { status: "resolved_false_positive", comment: "tuning" });
   * if (!result.ok) console.error("not updated:", result.failed);
   * ```
   */
  updateMany(ids: readonly (string | number)[], updateData: UpdateDataOf<RequestIn<S, "alerts.update_alerts">>, options?: BulkOptions): Promise<BulkResult<string | number, ReplyIn<S, "alerts.update_alerts">>> {
    return updateAlertsInBatches(this.#client, ids, updateData as Readonly<Record<string, unknown>>, options);
  }
}

/** The operations {@link IncidentBulkUpdates} calls. */
export type IncidentUpdateShapes = ShapesWith<"incidents.update_incident">;

/**
 * The `incidents` workflows: bulk updates. Product namespaces extend it.
 *
 * @typeParam S - The product's operation shapes map, which types each update and its reply.
 */
export class IncidentBulkUpdates<S extends IncidentUpdateShapes = IncidentUpdateShapes> {
  readonly #client: ShapedClient<S>;

  /** @param client - The client that sends the calls. */
  constructor(client: CortexClient) {
    this.#client = client;
  }

  /**
   * Updates many incidents. The service updates one incident per call, so they are sent one per call,
   * four at a time by default (the tenant's rate limit still applies). Failures are reported per incident.
   *
   * @param updates - `{ incident_id, update_data }` per incident.
   * @param options - `concurrency`, `stopOnError`, call options.
   * @returns One outcome per incident.
   * @throws Nothing for failed incidents (see `failed`).
   * @example
   * ```ts
   * await client.incidents.updateMany(ids.map((incident_id) => ({ incident_id, update_data: { status: "under_investigation" } })));
   * ```
   */
  updateMany(updates: readonly RequestIn<S, "incidents.update_incident">[], options?: BulkOptions): Promise<BulkResult<IncidentUpdate, ReplyIn<S, "incidents.update_incident">>> {
    return updateIncidentsOneByOne(this.#client, updates as unknown as readonly IncidentUpdate[], options);
  }
}
