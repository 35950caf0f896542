/**
 * The hand-written workflows of the Cortex Xpanse client: every listing pages by page token and starts
 * over cleanly when a token expires (tokens last about 24 hours), lookups by id are split within the
 * per-call limits, and the everyday resources get plain names (`assets`, `services`, `ipRanges`,
 * `websites`, `attackSurfaceRules`, `tags`).
 *
 * @module
 */
import { chunk, paginateRestarting, type CortexClient, type PagePromise, type ReplyValidationOptions, type RestartingListOptions, type ValidatedCallOptions } from "@cortex-sdk/core";
import { pageTokenEntry } from "../shared/entries.js";
import { updateAlertsInBatches, type BulkOptions, type BulkResult } from "../bulk-updates/batches.js";
import type { UpdateDataOf } from "../bulk-updates/namespace.js";
import type { ItemOf, ReplyIn, RequestIn, ShapesWith } from "../shared/types.js";

/** Listing options: call options, `limit`, `pageSize`, `cursor`, `maxRestarts` and `validateReplies`. */
export type XpanseListOptions = RestartingListOptions & ReplyValidationOptions;

function listByToken<Reply, Item>(client: CortexClient, id: string, request: unknown, options: XpanseListOptions | undefined): PagePromise<Reply, Item> {
  return paginateRestarting<Reply, Item>(client, pageTokenEntry(client, id), request ?? {}, options ?? {});
}

async function detailsInChunks<Detail>(client: CortexClient, id: string, field: string, ids: readonly string[], max: number, options: ValidatedCallOptions | undefined): Promise<Detail[]> {
  const out: Detail[] = [];
  for (const part of chunk([...new Set(ids)], max)) {
    const reply = await client.request<{ details?: Detail[] }>(id, { [field]: part }, options);
    out.push(...(reply?.details ?? []));
  }
  return out;
}

/** The operations {@link XpanseAssetWorkflows} calls. */
export type XpanseAssetShapes = ShapesWith<"assets.get_assets_internet_exposure">;

/**
 * The Xpanse `assets` workflows: token-paged listing and lookups by id. Product namespaces extend it.
 *
 * @typeParam S - The product's operation shapes map, which types the listing.
 */
export class XpanseAssetWorkflows<S extends XpanseAssetShapes = XpanseAssetShapes> {
  readonly #client: CortexClient;

  /** @param client - The client that sends the calls. */
  constructor(client: CortexClient) {
    this.#client = client;
  }

  /**
   * Lists internet-exposure assets by page token (at most 500 per page). When a token expires mid-way,
   * iteration starts over and skips the assets already yielded (at most `maxRestarts` times). Tokens
   * disable sorting.
   *
   * @param request - `filters` (name, ip_address, type, business_units_list, tags, ...).
   * @param options - `limit`, `pageSize`, `maxRestarts`, call options.
   * @returns Await for the first page, `for await` for every asset.
   * @throws `CortexPaginationError` after too many restarts; the pipeline's typed errors.
   * @example
   * ```ts
   * for await (const asset of client.assets.list({ filters: [{ field: "type", operator: "in", value: ["domain"] }] })) console.log(asset.name);
   * ```
   */
  list(request: RequestIn<S, "assets.get_assets_internet_exposure"> = {} as RequestIn<S, "assets.get_assets_internet_exposure">, options?: XpanseListOptions): PagePromise<ReplyIn<S, "assets.get_assets_internet_exposure">, ItemOf<S, "assets.get_assets_internet_exposure", "assets_internet_exposure">> {
    return listByToken<ReplyIn<S, "assets.get_assets_internet_exposure">, ItemOf<S, "assets.get_assets_internet_exposure", "assets_internet_exposure">>(this.#client, "assets.get_assets_internet_exposure", request, options);
  }

  /**
   * Details of assets by ASM id; the service takes at most 20 ids per call, so more are split.
   *
   * @param asmIds - ASM ids (UUIDs).
   * @param options - Call options.
   * @returns The details, in the service's order per call.
   * @throws The pipeline's typed errors.
   * @example
   * ```ts
   * const [detail] = await client.assets.get(["3c176460-8735-333c-b618-8262e2fb660c"]);
   * ```
   */
  get(asmIds: readonly string[], options?: ValidatedCallOptions): Promise<Record<string, unknown>[]> {
    return detailsInChunks(this.#client, "assets.get_asset_internet_exposure", "asm_id_list", asmIds, 20, options);
  }
}

/** The operations {@link XpanseServices} calls. */
export type XpanseServiceShapes = ShapesWith<"assets.get_external_services">;

/**
 * External services.
 *
 * @typeParam S - The product's operation shapes map, which types the listing.
 */
export class XpanseServices<S extends XpanseServiceShapes = XpanseServiceShapes> {
  readonly #client: CortexClient;

  /** @param client - The client that sends the calls. */
  constructor(client: CortexClient) {
    this.#client = client;
  }

  /**
   * Lists external services by page token (at most 500 per page), restarting cleanly on an expired token.
   *
   * @param request - `filters`, `vulnerability_test_results` (slower).
   * @param options - `limit`, `pageSize`, `maxRestarts`, call options.
   * @returns Await for the first page, `for await` for every service.
   * @throws `CortexPaginationError` after too many restarts; the pipeline's typed errors.
   * @example
   * ```ts
   * for await (const service of client.services.list({ filters: [{ field: "is_active", operator: "in", value: ["yes"] }] })) console.log(service.service_name);
   * ```
   */
  list(request: RequestIn<S, "assets.get_external_services"> = {} as RequestIn<S, "assets.get_external_services">, options?: XpanseListOptions): PagePromise<ReplyIn<S, "assets.get_external_services">, ItemOf<S, "assets.get_external_services", "external_services">> {
    return listByToken<ReplyIn<S, "assets.get_external_services">, ItemOf<S, "assets.get_external_services", "external_services">>(this.#client, "assets.get_external_services", request, options);
  }

  /**
   * Details of services by id (at most 20 per call; more are split).
   *
   * @param serviceIds - Service ids.
   * @param options - Call options.
   * @returns The details.
   * @throws The pipeline's typed errors.
   * @example
   * ```ts
   * const details = await client.services.get([serviceId]);
   * ```
   */
  get(serviceIds: readonly string[], options?: ValidatedCallOptions): Promise<Record<string, unknown>[]> {
    return detailsInChunks(this.#client, "assets.get_external_service", "service_id_list", serviceIds, 20, options);
  }
}

/** The operations {@link XpanseIpRanges} calls. */
export type XpanseIpRangeShapes = ShapesWith<"assets.get_external_ip_address_ranges">;

/**
 * External IP address ranges.
 *
 * @typeParam S - The product's operation shapes map, which types the listing.
 */
export class XpanseIpRanges<S extends XpanseIpRangeShapes = XpanseIpRangeShapes> {
  readonly #client: CortexClient;

  /** @param client - The client that sends the calls. */
  constructor(client: CortexClient) {
    this.#client = client;
  }

  /**
   * Lists IP ranges by page token (at most 1,000 per page), restarting cleanly on an expired token.
   *
   * @param request - `filters` (organization_handles, business_units_list, tags, ...).
   * @param options - `limit`, `pageSize`, `maxRestarts`, call options.
   * @returns Await for the first page, `for await` for every range.
   * @throws `CortexPaginationError` after too many restarts; the pipeline's typed errors.
   * @example
   * ```ts
   * for await (const range of client.ipRanges.list()) console.log(range.first_ip, range.last_ip);
   * ```
   */
  list(request: RequestIn<S, "assets.get_external_ip_address_ranges"> = {} as RequestIn<S, "assets.get_external_ip_address_ranges">, options?: XpanseListOptions): PagePromise<ReplyIn<S, "assets.get_external_ip_address_ranges">, ItemOf<S, "assets.get_external_ip_address_ranges", "external_ip_address_ranges">> {
    return listByToken<ReplyIn<S, "assets.get_external_ip_address_ranges">, ItemOf<S, "assets.get_external_ip_address_ranges", "external_ip_address_ranges">>(this.#client, "assets.get_external_ip_address_ranges", request, options);
  }

  /**
   * Details of ranges by id (at most 100 per call; more are split).
   *
   * @param rangeIds - Range ids.
   * @param options - Call options.
   * @returns The details.
   * @throws The pipeline's typed errors.
   * @example
   * ```ts
   * const details = await client.ipRanges.get([rangeId]);
   * ```
   */
  get(rangeIds: readonly string[], options?: ValidatedCallOptions): Promise<Record<string, unknown>[]> {
    return detailsInChunks(this.#client, "assets.get_external_ip_address_range", "range_id_list", rangeIds, 100, options);
  }
}

/** Tags on assets and IP ranges (tag names without the family prefix). */
export class XpanseTags {
  readonly #client: CortexClient;

  /** @param client - The client that sends the calls. */
  constructor(client: CortexClient) {
    this.#client = client;
  }

  #send(id: string, field: string, ids: readonly string[], tags: readonly string[], options: ValidatedCallOptions | undefined): Promise<unknown> {
    return this.#client.request<unknown>(id, { filters: [{ field, operator: "in", value: [...ids] }], tags: [...tags] }, options);
  }

  /**
   * Assigns tags to assets.
   *
   * @param asmIds - ASM ids.
   * @param tags - Tag names.
   * @param options - Call options.
   * @returns The service's answer (`{ assign_tags: ... }`).
   * @throws The pipeline's typed errors.
   * @example
   * ```ts
   * await client.tags.assignToAssets([asmId], ["prod"]);
   * ```
   */
  assignToAssets(asmIds: readonly string[], tags: readonly string[], options?: ValidatedCallOptions): Promise<unknown> {
    return this.#send("assets.tags.assets_internet_exposure.assign", "asm_id_list", asmIds, tags, options);
  }

  /**
   * Removes tags from assets.
   *
   * @param asmIds - ASM ids.
   * @param tags - Tag names.
   * @param options - Call options.
   * @returns The service's answer.
   * @throws The pipeline's typed errors.
   * @example
   * ```ts
   * await client.tags.removeFromAssets([asmId], ["prod"]);
   * ```
   */
  removeFromAssets(asmIds: readonly string[], tags: readonly string[], options?: ValidatedCallOptions): Promise<unknown> {
    return this.#send("assets.tags.assets_internet_exposure.remove", "asm_id_list", asmIds, tags, options);
  }

  /**
   * Assigns tags to IP ranges.
   *
   * @param rangeIds - Range ids.
   * @param tags - Tag names.
   * @param options - Call options.
   * @returns The service's answer.
   * @throws The pipeline's typed errors.
   * @example
   * ```ts
   * await client.tags.assignToIpRanges([rangeId], ["dmz"]);
   * ```
   */
  assignToIpRanges(rangeIds: readonly string[], tags: readonly string[], options?: ValidatedCallOptions): Promise<unknown> {
    return this.#send("assets.tags.external_ip_address_ranges.assign", "range_id_list", rangeIds, tags, options);
  }

  /**
   * Removes tags from IP ranges.
   *
   * @param rangeIds - Range ids.
   * @param tags - Tag names.
   * @param options - Call options.
   * @returns The service's answer.
   * @throws The pipeline's typed errors.
   * @example
   * ```ts
   * await client.tags.removeFromIpRanges([rangeId], ["dmz"]);
   * ```
   */
  removeFromIpRanges(rangeIds: readonly string[], tags: readonly string[], options?: ValidatedCallOptions): Promise<unknown> {
    return this.#send("assets.tags.external_ip_address_ranges.remove", "range_id_list", rangeIds, tags, options);
  }
}

/** The operations {@link XpanseIncidentWorkflows} calls. */
export type XpanseIncidentShapes = ShapesWith<"incidents.get_incidents">;

/**
 * The Xpanse `incidents` workflows: the listing pages by token and restarts on an expired one. Product namespaces extend it.
 *
 * @typeParam S - The product's operation shapes map, which types the listing.
 */
export class XpanseIncidentWorkflows<S extends XpanseIncidentShapes = XpanseIncidentShapes> {
  readonly #client: CortexClient;

  /** @param client - The client that sends the calls. */
  constructor(client: CortexClient) {
    this.#client = client;
  }

  /**
   * Lists incidents by page token (at most 100 per page), restarting cleanly on an expired token.
   *
   * @param request - `filters` (status, incident_id_list, creation_time, ...).
   * @param options - `limit`, `pageSize`, `maxRestarts`, call options.
   * @returns Await for the first page, `for await` for every incident.
   * @throws `CortexPaginationError` after too many restarts; the pipeline's typed errors.
   * @example
   * ```ts
   * for await (const incident of client.incidents.list({ filters: [{ field: "status", operator: "eq", value: "new" }] })) console.log(incident.incident_id);
   * ```
   */
  list(request: RequestIn<S, "incidents.get_incidents"> = {} as RequestIn<S, "incidents.get_incidents">, options?: XpanseListOptions): PagePromise<ReplyIn<S, "incidents.get_incidents">, ItemOf<S, "incidents.get_incidents", "incidents">> {
    return listByToken<ReplyIn<S, "incidents.get_incidents">, ItemOf<S, "incidents.get_incidents", "incidents">>(this.#client, "incidents.get_incidents", request, options);
  }
}

/** The operations {@link XpanseAlertWorkflows} calls. */
export type XpanseAlertShapes = ShapesWith<"v2.alerts.get_alerts_multi_events" | "alerts.update_alerts">;

/**
 * The Xpanse `alerts` workflows: listing by token with restarts, and bulk updates within 100 ids per call. Product namespaces extend it.
 *
 * @typeParam S - The product's operation shapes map, which types the listing and the updates.
 */
export class XpanseAlertWorkflows<S extends XpanseAlertShapes = XpanseAlertShapes> {
  readonly #client: CortexClient;

  /** @param client - The client that sends the calls. */
  constructor(client: CortexClient) {
    this.#client = client;
  }

  /**
   * Lists alerts (`v2/alerts/get_alerts_multi_events`) by page token (at most 100 per page), restarting
   * cleanly on an expired token. The totals Xpanse reports stop at 9,999; token paging is not affected.
   *
   * @param request - `filters` (alert_id_list as integers, severity, status, tags, ...).
   * @param options - `limit`, `pageSize`, `maxRestarts`, call options.
   * @returns Await for the first page, `for await` for every alert.
   * @throws `CortexPaginationError` after too many restarts; the pipeline's typed errors.
   * @example
   * ```ts
   * for await (const alert of client.alerts.list({ filters: [{ field: "severity", operator: "in", value: ["high"] }] })) console.log(alert.alert_id);
   * ```
   */
  list(request: RequestIn<S, "v2.alerts.get_alerts_multi_events"> = {} as RequestIn<S, "v2.alerts.get_alerts_multi_events">, options?: XpanseListOptions): PagePromise<ReplyIn<S, "v2.alerts.get_alerts_multi_events">, ItemOf<S, "v2.alerts.get_alerts_multi_events", "alerts">> {
    return listByToken<ReplyIn<S, "v2.alerts.get_alerts_multi_events">, ItemOf<S, "v2.alerts.get_alerts_multi_events", "alerts">>(this.#client, "v2.alerts.get_alerts_multi_events", request, options);
  }

  /**
   * Updates any number of alerts in batches of at most 100 ids (the per-call limit).
   *
   * @param ids - Alert ids.
   * @param updateData - `{ severity?, status?, comment? }`.
   * @param options - `batchSize`, `concurrency`, `stopOnError`, call options.
   * @returns Per-batch outcomes.
   * @throws `CortexInvalidRequestError` for an empty update.
   * @example
   * ```ts
   * await client.alerts.updateMany(ids, { status: "resolved_-_risk_accepted" });
   * ```
   */
  updateMany(ids: readonly (string | number)[], updateData: UpdateDataOf<RequestIn<S, "alerts.update_alerts">>, options?: BulkOptions): Promise<BulkResult<string | number, ReplyIn<S, "alerts.update_alerts">>> {
    return updateAlertsInBatches<S>(this.#client, ids, updateData as Readonly<Record<string, unknown>>, options);
  }
}
