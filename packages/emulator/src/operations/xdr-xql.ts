/**
 * XQL with state (reference xdr-xsiam-api §4.8, §4.9): queries run over the
 * tenant's datasets (see `state/xdr/datasets.ts`) with the subset of XQL in
 * `state/xdr/xql.ts`. A query holds one of the tenant's concurrency slots
 * from start until it completes (`xqlRunMs` on the emulator clock), then its
 * cost is charged to the daily quota. Results over 1 000 rows are served as
 * an NDJSON stream (gzip on request). Lookup datasets: add_dataset, add_data
 * (append, or upsert on `key_fields`), get_data, remove_data (blocks OR-ed,
 * fields in a block AND-ed; nothing is removed unless every block matches)
 * and delete_dataset. Queries and streams are kept in memory only.
 */
import { randomBytes } from "node:crypto";
import { gzipSync } from "node:zlib";
import { ApiError, REPLY_ERRORS, XQL_ERROR_MESSAGE } from "../envelopes.js";
import type { OperationResult } from "../generic.js";
import { isJsonObject, type JsonObject } from "../query.js";
import type { Operation, OperationContext } from "../router.js";
import { datasetRows, SYSTEM_DATASETS } from "../state/xdr/datasets.js";
import type { ResolvedXdrOptions } from "../state/xdr/options.js";
import { xdrWorld } from "../state/xdr/registry.js";
import type { LookupDataset, XdrWorld } from "../state/xdr/world.js";
import { parseXql, runXql, XqlSyntaxError, type XqlRow } from "../state/xdr/xql.js";
import { PUBLIC_API_V1 } from "./paths.js";
import { PUBLIC_API_V2, dataOf, replyWith, requireId, xdrOperation } from "./xdr-common.js";

/** Rows get_query_results returns inline; more go to a stream. */
export const INLINE_RESULT_ROWS = 1000;
/** Queries remembered per tenant (the oldest finished ones are forgotten first). */
export const MAX_REMEMBERED_QUERIES = 200;
/** Rows lookups/get_data returns at most. */
export const MAX_LOOKUP_ROWS = 10_000;

/** A started query (memory only). */
interface QueryRecord {
  readonly id: string;
  readonly text: string;
  readonly startedAt: number;
  readonly doneAt: number;
  readonly rows: readonly XqlRow[];
  readonly costs: Readonly<Record<string, number>>;
  finished: boolean;
  streamId: string | null;
}

const queries = new WeakMap<XdrWorld, Map<string, QueryRecord>>();

function queriesOf(world: XdrWorld): Map<string, QueryRecord> {
  let map = queries.get(world);
  if (map === undefined) {
    map = new Map();
    queries.set(world, map);
  }
  return map;
}

/** Releases the slots of queries that completed by `now` and charges their cost. */
function sweep(context: OperationContext, world: XdrWorld): void {
  const map = queriesOf(world);
  for (const query of map.values()) {
    if (query.finished || context.now < query.doneAt) continue;
    query.finished = true;
    context.tenant.limits.xql.release(query.id);
    context.tenant.limits.xql.charge(Object.values(query.costs).reduce((sum, cost) => sum + cost, 0), query.doneAt);
  }
  if (map.size > MAX_REMEMBERED_QUERIES) {
    for (const [id, query] of map) {
      if (map.size <= MAX_REMEMBERED_QUERIES) break;
      if (query.finished) map.delete(id);
    }
  }
}

function syntaxError(error: XqlSyntaxError): ApiError {
  const message = JSON.stringify({ line: error.line, column: error.column, message: error.message });
  return new ApiError(500, message, null);
}

/** Compute units a query over `rows` rows costs (a small base plus a per-row part). */
export function queryCost(rows: number): number {
  return Math.round((0.0001 + rows * 1e-7) * 1e6) / 1e6;
}

function readTenants(context: OperationContext, data: JsonObject): string[] {
  const value = data["tenants"];
  if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) return [];
  if (!Array.isArray(value) || !value.every((item) => typeof item === "string")) {
    throw REPLY_ERRORS.invalidInput("tenants: Input should be a valid list of strings");
  }
  for (const id of value as string[]) {
    if (id !== context.tenant.id && !context.tenant.childIds.has(id)) throw REPLY_ERRORS.invalidInput(`tenants: unknown tenant '${id}'`);
  }
  return [...new Set(value as string[])];
}

function timeWindow(data: JsonObject): ((row: XqlRow) => boolean) | undefined {
  const frame = data["timeframe"];
  if (frame === undefined || frame === null) return undefined;
  if (!isJsonObject(frame)) throw REPLY_ERRORS.invalidInput("timeframe: Input should be a valid dictionary");
  const from = frame["from"];
  const to = frame["to"];
  if (typeof from !== "number" && typeof to !== "number") return undefined;
  // relativeTime is not applied: the seeded data sits at a fixed point in the past.
  return (row) => {
    const time = typeof row["_time"] === "number" ? row["_time"] : undefined;
    if (time === undefined) return true;
    return (typeof from !== "number" || time >= from) && (typeof to !== "number" || time <= to);
  };
}

async function startQuery(context: OperationContext, world: XdrWorld, options: ResolvedXdrOptions): Promise<OperationResult> {
  const data = dataOf(context);
  const text = requireId(data, "query");
  let parsed;
  try {
    parsed = parseXql(text);
  } catch (error) {
    if (error instanceof XqlSyntaxError) throw syntaxError(error);
    throw error;
  }
  const tenantIds = readTenants(context, data);
  const inWindow = timeWindow(data);
  const targets = tenantIds.length === 0 ? [{ id: context.tenant.id, world }] : [];
  for (const id of tenantIds) {
    const tenant = id === context.tenant.id ? context.tenant : context.state.tenants.get(id);
    if (tenant === undefined) throw REPLY_ERRORS.invalidInput(`tenants: unknown tenant '${id}'`);
    targets.push({ id, world: id === context.tenant.id ? world : await xdrWorld(context.state, tenant, options) });
  }
  const rows: XqlRow[] = [];
  const costs: Record<string, number> = {};
  for (const target of targets) {
    const source = datasetRows(target.world, parsed.dataset);
    if (source === undefined) {
      throw syntaxError(new XqlSyntaxError(1, text.indexOf(parsed.dataset), `dataset '${parsed.dataset}' does not exist`));
    }
    const scoped = inWindow === undefined ? source : source.filter(inWindow);
    const result = runXql(parsed, scoped);
    costs[target.id] = queryCost(scoped.length);
    for (const row of result) rows.push(tenantIds.length === 0 ? row : { ...row, tenant: target.id });
  }
  sweep(context, world);
  const id = `${randomBytes(7).toString("hex")}_${world.next.action}${queriesOf(world).size}_inv`;
  // Throws the documented concurrency error when every slot is taken.
  context.tenant.limits.xql.acquire(id, context.now);
  queriesOf(world).set(id, { id, text, startedAt: context.now, doneAt: context.now + options.xqlRunMs, rows, costs, finished: false, streamId: null });
  return replyWith(id);
}

function queryOf(world: XdrWorld, id: string): QueryRecord {
  const query = queriesOf(world).get(id);
  if (query === undefined) throw new ApiError(500, XQL_ERROR_MESSAGE, `Query ${id} was not found`);
  return query;
}

function toCsv(rows: readonly XqlRow[]): string {
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const cell = (value: unknown): string => {
    const text = value === null || value === undefined ? "" : typeof value === "object" ? JSON.stringify(value) : String(value);
    return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return [columns.join(","), ...rows.map((row) => columns.map((column) => cell(row[column])).join(","))].join("\n");
}

function getResults(context: OperationContext, world: XdrWorld): OperationResult {
  const data = dataOf(context);
  const query = queryOf(world, requireId(data, "query_id"));
  const pending = data["pending_flag"] ?? true;
  if (typeof pending !== "boolean") throw REPLY_ERRORS.invalidInput("pending_flag: Input should be a valid boolean");
  const limit = data["limit"];
  if (limit !== undefined && limit !== null && (typeof limit !== "number" || !Number.isSafeInteger(limit) || limit < 0)) {
    throw REPLY_ERRORS.invalidInput("limit: Input should be a valid integer");
  }
  const format = data["format"] ?? "json";
  if (format !== "json" && format !== "csv") throw REPLY_ERRORS.invalidInput("format: Input should be 'json' or 'csv'");
  // pending_flag=false waits for the query: the emulator finishes it now.
  if (!pending && context.now < query.doneAt) {
    Object.assign(query, { doneAt: context.now });
  }
  sweep(context, world);
  if (!query.finished) return replyWith({ status: "PENDING" });
  const remaining = context.tenant.limits.xql.counters(context.now).remaining_quota;
  const capped = typeof limit === "number" ? query.rows.slice(0, limit) : query.rows;
  let results: unknown;
  if ((limit === undefined || limit === null || limit > INLINE_RESULT_ROWS) && query.rows.length > INLINE_RESULT_ROWS) {
    query.streamId ??= `${query.id}_${randomBytes(6).toString("hex")}`;
    results = { stream_id: query.streamId };
  } else {
    results = { data: format === "csv" ? toCsv(capped) : capped };
  }
  return replyWith({ status: "SUCCESS", number_of_results: query.rows.length, query_cost: query.costs, remaining_quota: remaining, results });
}

function getStream(context: OperationContext, world: XdrWorld): OperationResult {
  const data = dataOf(context);
  const streamId = requireId(data, "stream_id");
  const query = [...queriesOf(world).values()].find((candidate) => candidate.streamId === streamId);
  if (query === undefined) throw new ApiError(500, XQL_ERROR_MESSAGE, `Stream ${streamId} was not found`);
  const text = query.rows.map((row) => JSON.stringify(row)).join("\n") + (query.rows.length > 0 ? "\n" : "");
  if (data["is_gzip_compressed"] === true) {
    // The body itself is a gzip file, as clients that save it as results.gz expect.
    return { body: gzipSync(text), contentType: "application/octet-stream" };
  }
  const accept = context.headers["accept-encoding"];
  if (typeof accept === "string" && /\bgzip\b/.test(accept)) {
    return { body: gzipSync(text), contentType: "application/x-ndjson", headers: { "Content-Encoding": "gzip" } };
  }
  return { body: text, contentType: "application/x-ndjson" };
}

function getQuota(context: OperationContext, world: XdrWorld): OperationResult {
  sweep(context, world);
  const counters = context.tenant.limits.xql.counters(context.now);
  const active: Record<string, { xql: string; duration: number }> = {};
  for (const query of queriesOf(world).values()) {
    if (!query.finished) active[query.id] = { xql: query.text, duration: Math.floor((context.now - query.startedAt) / 1000) };
  }
  return replyWith({
    license_quota: counters.used_quota + counters.remaining_quota,
    additional_purchased_quota: 0,
    used_quota: counters.used_quota,
    eval_quota: 0,
    total_daily_running_queries: counters.total_daily_running_queries,
    total_daily_concurrent_rejected_queries: counters.total_daily_concurrent_rejected_queries,
    current_concurrent_active_queries: active,
    current_concurrent_active_queries_count: counters.current_concurrent_active_queries_count,
    max_daily_concurrent_active_query_count: counters.max_daily_concurrent_active_query_count,
  });
}

function getDatasets(_context: OperationContext, world: XdrWorld): OperationResult {
  const system = SYSTEM_DATASETS.map((name) => ({
    dataset_name: name,
    type: "System",
    log_update_type: name === "endpoints" ? "State" : "Logs",
    last_updated: null,
    total_days_stored: 30,
    hot_range: null,
    cold_range: null,
    total_size_stored: 0,
    average_daily_size: 0,
    total_events: datasetRows(world, name)?.length ?? 0,
    average_event_size: 0,
    ttl: 30,
    default_query_target: name === "xdr_data",
  }));
  const lookups = [...world.lookups.values()].map((dataset) => ({
    dataset_name: dataset.name,
    type: "Lookup",
    log_update_type: "State",
    last_updated: dataset.rows.reduce((max, row) => Math.max(max, Number(row["_update_time"] ?? 0)), dataset.createdAt),
    total_days_stored: 0,
    hot_range: null,
    cold_range: null,
    total_size_stored: JSON.stringify(dataset.rows).length,
    average_daily_size: 0,
    total_events: dataset.rows.length,
    average_event_size: 0,
    ttl: null,
    default_query_target: false,
  }));
  return replyWith([...system, ...lookups]);
}

const FIELD_TYPES = ["text", "number", "bool", "datetime"];

function addDataset(context: OperationContext, world: XdrWorld): OperationResult {
  const data = dataOf(context);
  const name = requireId(data, "dataset_name");
  if (!/^[a-z0-9_]+$/.test(name)) throw REPLY_ERRORS.invalidInput("dataset_name: lower-case letters, digits and underscores only");
  if (data["dataset_type"] !== "lookup") throw REPLY_ERRORS.invalidInput("dataset_type: only 'lookup' is supported");
  const schema = data["dataset_schema"];
  if (!isJsonObject(schema) || Object.keys(schema).length === 0) throw REPLY_ERRORS.invalidInput("dataset_schema: Input should be a valid dictionary");
  for (const [field, type] of Object.entries(schema)) {
    if (typeof type !== "string" || !FIELD_TYPES.includes(type)) {
      throw REPLY_ERRORS.invalidInput(`dataset_schema.${field}: Input should be one of ${FIELD_TYPES.join(", ")}`);
    }
  }
  if (world.lookups.has(name) || (SYSTEM_DATASETS as readonly string[]).includes(name)) {
    throw new ApiError(500, "An error occurred while processing XDR public API", `Dataset ${name} already exists`);
  }
  world.lookups.set(name, { name, schema: schema as Record<string, string>, rows: [], createdAt: context.now });
  return replyWith({ dataset_name: name });
}

function lookupOf(world: XdrWorld, data: JsonObject): LookupDataset {
  const name = requireId(data, "dataset_name");
  const dataset = world.lookups.get(name);
  if (dataset === undefined) throw new ApiError(500, "An error occurred while processing XDR public API", `Dataset ${name} was not found`);
  return dataset;
}

function blocksOf(data: JsonObject): JsonObject[] | undefined {
  const filters = data["filters"];
  if (filters === undefined || filters === null) return undefined;
  if (!Array.isArray(filters) || !filters.every(isJsonObject)) throw REPLY_ERRORS.invalidInput("filters: Input should be a list of dictionaries");
  return filters as JsonObject[];
}

const blockMatches = (block: JsonObject) => (row: Record<string, unknown>): boolean => Object.entries(block).every(([field, value]) => row[field] === value);

function addData(context: OperationContext, world: XdrWorld): OperationResult {
  const data = dataOf(context);
  const dataset = lookupOf(world, data);
  const rows = data["data"];
  if (!Array.isArray(rows) || !rows.every(isJsonObject)) throw REPLY_ERRORS.invalidInput("data: Input should be a list of dictionaries");
  const keyFields = data["key_fields"];
  if (keyFields !== undefined && keyFields !== null && (!Array.isArray(keyFields) || !keyFields.every((key) => typeof key === "string"))) {
    throw REPLY_ERRORS.invalidInput("key_fields: Input should be a list of strings");
  }
  for (const [index, row] of (rows as JsonObject[]).entries()) {
    for (const field of Object.keys(row)) {
      if (!Object.hasOwn(dataset.schema, field)) throw REPLY_ERRORS.invalidInput(`data[${index}].${field}: not a field of dataset ${dataset.name}`);
    }
  }
  const keys = (keyFields ?? []) as string[];
  const fields = Object.keys(dataset.schema);
  let added = 0;
  let updated = 0;
  let skipped = 0;
  for (const row of rows as JsonObject[]) {
    const full: Record<string, unknown> = {};
    // Fields a row leaves out are null.
    for (const field of fields) full[field] = row[field] ?? null;
    const existing = keys.length === 0 ? -1 : dataset.rows.findIndex((candidate) => keys.every((key) => candidate[key] === full[key]));
    if (keys.length > 0 && keys.some((key) => full[key] === null)) {
      skipped++;
    } else if (existing >= 0) {
      const previous = dataset.rows[existing] ?? {};
      dataset.rows[existing] = { ...full, _insert_time: previous["_insert_time"], _update_time: context.now, _collector_name: "Public API", _collector_type: "Public API" };
      updated++;
    } else {
      dataset.rows.push({ ...full, _insert_time: context.now, _update_time: context.now, _collector_name: "Public API", _collector_type: "Public API" });
      added++;
    }
  }
  return replyWith({ added, updated, skipped });
}

function getData(context: OperationContext, world: XdrWorld): OperationResult {
  const data = dataOf(context);
  const dataset = lookupOf(world, data);
  const blocks = blocksOf(data);
  const limit = data["limit"] ?? MAX_LOOKUP_ROWS;
  if (typeof limit !== "number" || !Number.isSafeInteger(limit) || limit < 1 || limit > MAX_LOOKUP_ROWS) {
    throw REPLY_ERRORS.invalidInput(`limit: Input should be between 1 and ${MAX_LOOKUP_ROWS}`);
  }
  const selected = blocks === undefined ? dataset.rows : dataset.rows.filter((row) => blocks.some((block) => blockMatches(block)(row)));
  return replyWith({ data: selected.slice(0, limit), filter_count: selected.length, total_count: dataset.rows.length });
}

function removeData(context: OperationContext, world: XdrWorld): OperationResult {
  const data = dataOf(context);
  const dataset = lookupOf(world, data);
  const blocks = blocksOf(data);
  if (blocks === undefined || blocks.length === 0) throw REPLY_ERRORS.invalidInput("filters: at least one filter block is required");
  // All or nothing: if any block matches no row, nothing is removed.
  if (!blocks.every((block) => dataset.rows.some(blockMatches(block)))) return replyWith({ deleted: 0 });
  const before = dataset.rows.length;
  dataset.rows = dataset.rows.filter((row) => !blocks.some((block) => blockMatches(block)(row)));
  return replyWith({ deleted: before - dataset.rows.length });
}

function deleteDataset(context: OperationContext, world: XdrWorld): OperationResult {
  const data = dataOf(context);
  const name = requireId(data, "dataset_name");
  if ((SYSTEM_DATASETS as readonly string[]).includes(name)) {
    throw new ApiError(500, "An error occurred while processing XDR public API", `Dataset ${name} is a system dataset and cannot be deleted`);
  }
  lookupOf(world, data);
  world.lookups.delete(name);
  // The table's reply is empty (no body), as the generic layer answers it.
  return { status: 204 };
}

/** The XQL and dataset operations, configured. */
export function xdrXqlOperations(options: ResolvedXdrOptions): Operation[] {
  const v1 = `${PUBLIC_API_V1}/xql`;
  return [
    xdrOperation({ id: "xql.start_xql_query", path: `${v1}/start_xql_query`, permission: "xql:action", handle: (context, world) => startQuery(context, world, options) }, options),
    xdrOperation({ id: "xql.get_query_results", path: `${v1}/get_query_results`, permission: "xql:view", handle: getResults }, options),
    xdrOperation({ id: "xql.get_query_results_stream", path: `${v1}/get_query_results_stream`, permission: "xql:view", handle: getStream }, options),
    xdrOperation({ id: "xql.get_quota", path: `${v1}/get_quota`, permission: "xql:view", handle: getQuota }, options),
    xdrOperation({ id: "xql.get_datasets", path: `${v1}/get_datasets`, permission: "datasets:view", handle: getDatasets }, options),
    xdrOperation({ id: "xql.add_dataset", path: `${v1}/add_dataset`, permission: "datasets:action", mutates: true, handle: addDataset }, options),
    xdrOperation({ id: "xql.lookups.add_data", path: `${v1}/lookups/add_data`, permission: "datasets:action", mutates: true, handle: addData }, options),
    xdrOperation({ id: "xql.lookups.get_data", path: `${v1}/lookups/get_data`, permission: "datasets:view", handle: getData }, options),
    xdrOperation({ id: "xql.lookups.remove_data", path: `${v1}/lookups/remove_data`, permission: "datasets:action", mutates: true, handle: removeData }, options),
    xdrOperation({ id: "v2.xql.delete_dataset", path: `${PUBLIC_API_V2}/xql/delete_dataset`, permission: "datasets:action", mutates: true, handle: deleteDataset }, options),
  ];
}
