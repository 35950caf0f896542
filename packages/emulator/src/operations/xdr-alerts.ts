/**
 * Alerts with state (reference xdr-xsiam-api §4.3): get_alerts, the
 * multi-events v1 and v2 listings, update_alerts, and ingestion through
 * insert_parsed_alerts and insert_cef_alerts (which group each request's
 * alerts into a new incident, so every alert has one).
 */
import {
  ALERT_SEVERITIES,
  alertMultiEventsV1,
  alertMultiEventsV2,
  alertView,
  type AlertRecord,
  type AlertSeverity,
} from "../data/alerts.js";
import type { EndpointSeed } from "../data/endpoints.js";
import { INCIDENT_STATUSES, type Incident, type IncidentSeverity } from "../data/incidents.js";
import { REPLY_ERRORS } from "../envelopes.js";
import type { OperationResult } from "../generic.js";
import { compileFilters, filterValue, isJsonObject, readPaging, type FilterSpec, type JsonObject } from "../query.js";
import type { Operation, OperationContext } from "../router.js";
import type { ResolvedXdrOptions } from "../state/xdr/options.js";
import { severityRank, type XdrWorld } from "../state/xdr/world.js";
import { PUBLIC_API_V1 } from "./paths.js";
import { PUBLIC_API_V2, dataOf, replyWith, xdrOperation } from "./xdr-common.js";

/** Largest alert page. */
export const MAX_ALERT_PAGE = 100;
/** `total_count` shown when 10 000 or more alerts match. */
export const ALERT_TOTAL_CAP = 9_999;
/** Alert ids per update_alerts request. */
export const MAX_ALERT_UPDATE = 100;

const FILTERABLE_SEVERITIES: readonly AlertSeverity[] = ALERT_SEVERITIES;

/** Epoch ms from a filter value in seconds or milliseconds. */
function epochMs(value: unknown, field: string): number {
  const number = filterValue.integer(value, field);
  return Math.abs(number) < 100_000_000_000 ? number * 1000 : number;
}

function idList(value: unknown, field: string): Set<number> {
  if (!Array.isArray(value)) throw REPLY_ERRORS.invalidInput(`${field}: Input should be a valid list`);
  return new Set(
    value.map((item: unknown, index) => {
      const number = typeof item === "string" && /^[0-9]{1,15}$/.test(item) ? Number(item) : item;
      if (typeof number !== "number" || !Number.isSafeInteger(number)) {
        throw REPLY_ERRORS.invalidInput(`${field}[${index}]: Input should be a valid integer`);
      }
      return number;
    }),
  );
}

function timeFilter(pick: (alert: AlertRecord) => number): FilterSpec<AlertRecord>[string] {
  return {
    gte: (value, field) => {
      const bound = epochMs(value, field);
      return (alert) => pick(alert) >= bound;
    },
    lte: (value, field) => {
      const bound = epochMs(value, field);
      return (alert) => pick(alert) <= bound;
    },
  };
}

/** Filters of get_alerts and multi-events (v1 adds `external_id_list`). */
function alertFilters(v1: boolean): FilterSpec<AlertRecord> {
  const spec: Record<string, FilterSpec<AlertRecord>[string]> = {
    alert_id_list: {
      in: (value, field) => {
        const ids = idList(value, field);
        return (alert) => ids.has(alert.alert_id);
      },
    },
    alert_source: {
      in: (value, field) => {
        const sources = new Set(filterValue.stringList(value, field));
        return (alert) => sources.has(alert.source);
      },
    },
    severity: {
      in: (value, field) => {
        const severities = new Set(
          filterValue.stringList(value, field).map((severity) => filterValue.oneOf(severity, field, FILTERABLE_SEVERITIES)),
        );
        return (alert) => severities.has(alert.severity);
      },
    },
    creation_time: timeFilter((alert) => alert.detection_timestamp),
    server_creation_time: timeFilter((alert) => alert.local_insert_ts),
  };
  if (v1) {
    spec["external_id_list"] = {
      in: (value, field) => {
        const ids = new Set(filterValue.stringList(value, field));
        return (alert) => ids.has(alert.external_id);
      },
    };
  }
  return spec;
}

const byTime = (a: AlertRecord, b: AlertRecord): number => a.detection_timestamp - b.detection_timestamp || a.alert_id - b.alert_id;
const bySeverity = (a: AlertRecord, b: AlertRecord): number => severityRank(a.severity) - severityRank(b.severity) || byTime(a, b);

function readAlertSort(sort: unknown): { key: string; compare: (a: AlertRecord, b: AlertRecord) => number } {
  if (sort === undefined || sort === null) return { key: "creation_time:desc", compare: (a, b) => byTime(b, a) };
  if (!isJsonObject(sort)) throw REPLY_ERRORS.invalidInput("sort: Input should be a valid dictionary");
  const field = sort["field"];
  if (field !== "creation_time" && field !== "severity") {
    throw REPLY_ERRORS.invalidInput(`Unsupported sort field '${typeof field === "string" ? field : JSON.stringify(field)}'`);
  }
  const keyword = typeof sort["keyword"] === "string" ? sort["keyword"].toLowerCase() : sort["keyword"] === undefined ? "asc" : undefined;
  if (keyword !== "asc" && keyword !== "desc") throw REPLY_ERRORS.invalidInput(`Unsupported sort keyword '${JSON.stringify(sort["keyword"])}'`);
  const ascending = field === "creation_time" ? byTime : bySeverity;
  return { key: `${field}:${keyword}`, compare: keyword === "asc" ? ascending : (a, b) => ascending(b, a) };
}

/** Filtered, sorted alerts of a listing request, and the page window. */
export function selectAlerts(world: XdrWorld, data: JsonObject, v1: boolean): { selected: readonly AlertRecord[]; page: readonly AlertRecord[] } {
  const matches = compileFilters(data["filters"], alertFilters(v1));
  const { key, compare } = readAlertSort(data["sort"]);
  const { from, to } = readPaging(data, MAX_ALERT_PAGE);
  const sorted = world.sortedAlerts(key, compare);
  const selected = data["filters"] === undefined || data["filters"] === null || (Array.isArray(data["filters"]) && data["filters"].length === 0) ? sorted : sorted.filter(matches);
  return { selected, page: selected.slice(from, to) };
}

function listing(render: (alert: AlertRecord, endpoint: EndpointSeed | undefined) => unknown, v1: boolean) {
  return (context: OperationContext, world: XdrWorld): OperationResult => {
    const { selected, page } = selectAlerts(world, dataOf(context), v1);
    const total = selected.length >= ALERT_TOTAL_CAP + 1 ? ALERT_TOTAL_CAP : selected.length;
    const rows = page.map((alert) => render(alert, alert.endpoint_id === null ? undefined : world.endpointsById.get(alert.endpoint_id)));
    return { json: `{"reply":{"total_count":${total},"result_count":${page.length},"alerts":${JSON.stringify(rows)}}}` };
  };
}

function updateAlerts(context: OperationContext, world: XdrWorld): OperationResult {
  const data = dataOf(context);
  const ids = [...idList(data["alert_id_list"] ?? null, "alert_id_list")];
  if (ids.length === 0) throw REPLY_ERRORS.invalidInput("alert_id_list: at least one alert id is required");
  if (ids.length > MAX_ALERT_UPDATE) throw REPLY_ERRORS.invalidInput(`alert_id_list: at most ${MAX_ALERT_UPDATE} alert ids per request`);
  const update = data["update_data"];
  if (!isJsonObject(update)) throw REPLY_ERRORS.invalidInput("update_data: Input should be a valid dictionary");
  const severity =
    update["severity"] === undefined ? undefined : filterValue.oneOf(update["severity"], "severity", ["critical", "high", "medium", "low", "informational"] as const);
  const status = update["status"] === undefined ? undefined : filterValue.oneOf(update["status"], "status", INCIDENT_STATUSES);
  const comment = update["comment"] === undefined ? undefined : filterValue.string(update["comment"], "comment");
  const updated: number[] = [];
  const incidents = new Set<string>();
  for (const id of ids) {
    const alert = world.alert(id);
    if (alert === undefined) continue;
    world.putAlert({
      ...alert,
      ...(severity === undefined ? {} : { severity }),
      ...(status === undefined ? {} : { status }),
      ...(comment === undefined ? {} : { resolution_comment: comment }),
      last_modified_ts: Math.max(context.now, alert.last_modified_ts),
    });
    if (severity !== undefined && alert.case_id !== null) incidents.add(String(alert.case_id));
    updated.push(id);
  }
  // Incident counts follow the alerts' severities.
  for (const incident of incidents) world.recountIncident(incident, context.now);
  return replyWith({ alerts_ids: updated });
}

/** One alert to ingest, before it gets an id and an incident. */
interface IngestedAlert {
  readonly name: string;
  readonly description: string;
  readonly severity: AlertSeverity;
  readonly source: string;
  readonly time: number;
  readonly localIp: string | null;
  readonly localPort: number | null;
  readonly remoteIp: string | null;
  readonly remotePort: number | null;
  readonly action: AlertRecord["action"];
}

function severityOf(value: unknown, where: string): AlertSeverity {
  const text = typeof value === "string" ? value.toLowerCase() : undefined;
  const severity = FILTERABLE_SEVERITIES.find((candidate) => candidate === text);
  if (severity === undefined) throw REPLY_ERRORS.invalidInput(`${where}.severity: Input should be one of Informational, Low, Medium, High, Critical, Unknown`);
  return severity;
}

function port(value: unknown, where: string): number | null {
  if (value === undefined || value === null || value === "") return null;
  const number = typeof value === "string" && /^[0-9]{1,5}$/.test(value) ? Number(value) : value;
  if (typeof number !== "number" || !Number.isInteger(number) || number < 0 || number > 65_535) {
    throw REPLY_ERRORS.invalidInput(`${where}: Input should be a valid port`);
  }
  return number;
}

function requiredText(alert: JsonObject, field: string, where: string): string {
  const value = alert[field];
  if (typeof value !== "string" || value === "") throw REPLY_ERRORS.invalidInput(`${where}.${field}: Field required`);
  return value;
}

function readParsed(value: unknown, index: number): IngestedAlert {
  const where = `alerts[${index}]`;
  if (!isJsonObject(value)) throw REPLY_ERRORS.invalidInput(`${where}: Input should be a valid dictionary`);
  const vendor = requiredText(value, "vendor", where);
  const product = requiredText(value, "product", where);
  const time = value["event_timestamp"];
  if (typeof time !== "number" || !Number.isSafeInteger(time)) throw REPLY_ERRORS.invalidInput(`${where}.event_timestamp: Input should be a valid integer`);
  const description = value["alert_description"];
  return {
    name: requiredText(value, "alert_name", where),
    description: typeof description === "string" ? description : "",
    severity: severityOf(value["severity"], where),
    source: `${vendor} ${product}`,
    time,
    localIp: requiredText(value, "local_ip", where),
    localPort: port(value["local_port"], `${where}.local_port`),
    remoteIp: requiredText(value, "remote_ip", where),
    remotePort: port(value["remote_port"], `${where}.remote_port`),
    action: typeof value["action_status"] === "string" && value["action_status"].toLowerCase() === "blocked" ? "BLOCKED" : "REPORTED",
  };
}

/** Splits a CEF header on unescaped pipes. */
function cefFields(text: string): string[] {
  const fields: string[] = [];
  let current = "";
  for (let i = 0; i < text.length; i++) {
    const char = text.charAt(i);
    if (char === "\\" && i + 1 < text.length) {
      current += text.charAt(++i);
    } else if (char === "|" && fields.length < 7) {
      fields.push(current);
      current = "";
    } else {
      current += char;
    }
  }
  fields.push(current);
  return fields;
}

function cefSeverity(value: string): AlertSeverity {
  const number = Number(value);
  if (value !== "" && Number.isFinite(number)) return number >= 9 ? "critical" : number >= 7 ? "high" : number >= 4 ? "medium" : "low";
  const text = value.toLowerCase();
  if (text === "very-high") return "critical";
  return FILTERABLE_SEVERITIES.find((candidate) => candidate === text) ?? "unknown";
}

function readCef(value: unknown, index: number, now: number): IngestedAlert {
  const where = `alerts[${index}]`;
  if (typeof value !== "string" || !value.startsWith("CEF:")) throw REPLY_ERRORS.invalidInput(`${where}: not a CEF message`);
  const fields = cefFields(value);
  if (fields.length < 8) throw REPLY_ERRORS.invalidInput(`${where}: a CEF message has 7 header fields and an extension`);
  const [, vendor, product, , , name, severity, extension] = fields;
  const pairs = new Map<string, string>();
  const pattern = /(\w+)=((?:\\=|[^=])*?)(?=\s+\w+=|$)/g;
  for (const match of (extension ?? "").matchAll(pattern)) pairs.set(match[1] ?? "", (match[2] ?? "").trim());
  const rt = Number(pairs.get("rt"));
  return {
    name: name ?? "CEF alert",
    description: pairs.get("msg") ?? "",
    severity: cefSeverity(severity ?? ""),
    source: `${vendor ?? ""} ${product ?? ""}`.trim(),
    time: Number.isSafeInteger(rt) && rt > 0 ? rt : now,
    localIp: pairs.get("src") ?? null,
    localPort: port(pairs.get("spt"), `${where}.spt`),
    remoteIp: pairs.get("dst") ?? null,
    remotePort: port(pairs.get("dpt"), `${where}.dpt`),
    action: (pairs.get("act") ?? "").toLowerCase().includes("block") ? "BLOCKED" : "REPORTED",
  };
}

const INCIDENT_SEVERITY: Readonly<Record<AlertSeverity, IncidentSeverity>> = {
  unknown: "low",
  informational: "low",
  low: "low",
  medium: "medium",
  high: "high",
  critical: "critical",
};

/** Stores ingested alerts, grouped into one new incident. */
function ingest(world: XdrWorld, items: readonly IngestedAlert[], now: number): void {
  if (items.length === 0) return;
  const byIp = new Map<string, EndpointSeed>();
  const wanted = new Set(items.flatMap((item) => (item.localIp === null ? [] : [item.localIp])));
  for (const endpoint of world.endpoints) if (wanted.has(endpoint.ip)) byIp.set(endpoint.ip, endpoint);
  const incidentId = world.next.incident++;
  const records: AlertRecord[] = items.map((item) => {
    const endpoint = item.localIp === null ? undefined : byIp.get(item.localIp);
    const id = world.next.alert++;
    return {
      alert_id: id,
      case_id: incidentId,
      endpoint_id: endpoint?.id ?? null,
      host_name: endpoint?.name ?? null,
      host_ip: endpoint?.ip ?? item.localIp,
      detection_timestamp: item.time,
      local_insert_ts: now,
      last_modified_ts: now,
      severity: item.severity,
      name: item.name,
      category: "Other",
      description: item.description,
      source: item.source,
      status: "new",
      resolution_comment: null,
      user_name: null,
      mitre_tactic: null,
      mitre_technique: null,
      external_id: `ext-${id.toString(16)}`,
      action: item.action,
      starred: false,
      process: null,
      command_line: null,
      local_ip: item.localIp,
      local_port: item.localPort,
      remote_ip: item.remoteIp,
      remote_port: item.remotePort,
      domain: null,
      file_sha256: null,
      file_name: null,
    };
  });
  const counts = { low: 0, medium: 0, high: 0, critical: 0 };
  for (const record of records) {
    const severity = INCIDENT_SEVERITY[record.severity];
    counts[severity === "medium" ? "medium" : severity]++;
  }
  const severity: IncidentSeverity = counts.critical > 0 ? "critical" : counts.high > 0 ? "high" : counts.medium > 0 ? "medium" : "low";
  const hosts = [...new Map(records.flatMap((r) => (r.endpoint_id === null ? [] : [[r.endpoint_id, `${r.host_name ?? ""}:${r.endpoint_id}`] as const]))).values()];
  const sources = [...new Set(records.map((r) => r.source))];
  const first = records[0];
  const others = records.length - 1;
  const incident: Incident = {
    incident_id: String(incidentId),
    incident_name: null,
    creation_time: now,
    modification_time: now,
    detection_time: null,
    status: "new",
    severity,
    description:
      `'${first?.name ?? "Alert"}' ${others > 0 ? `along with ${others} other alert${others === 1 ? "" : "s"} ` : ""}` +
      `generated by ${sources.join(" and ")}` +
      (first?.host_name === null || first?.host_name === undefined ? "" : ` detected on host ${first.host_name}`),
    assigned_user_mail: null,
    assigned_user_pretty_name: null,
    alert_count: records.length,
    low_severity_alert_count: counts.low,
    med_severity_alert_count: counts.medium,
    high_severity_alert_count: counts.high,
    critical_severity_alert_count: counts.critical,
    user_count: 0,
    host_count: hosts.length,
    notes: null,
    resolve_comment: null,
    resolved_timestamp: null,
    manual_severity: null,
    manual_description: null,
    xdr_url: `${world.tenant.consoleUrl}/incident-view?caseId=${incidentId}`,
    starred: false,
    starred_manually: false,
    hosts,
    users: [],
    incident_sources: sources,
    rule_based_score: null,
    manual_score: null,
    predicted_score: null,
    aggregated_score: null,
    wildfire_hits: 0,
    alerts_grouping_status: "Enabled",
    mitre_tactics_ids_and_names: [],
    mitre_techniques_ids_and_names: [],
    alert_categories: ["Other"],
    original_tags: [],
    tags: [],
    incident_domain: "DOMAIN:security",
    custom_fields: {},
  };
  world.putIncident(Object.freeze(incident));
  for (const record of records) world.putAlert(record);
}

function alertsList(context: OperationContext): unknown[] {
  const alerts = dataOf(context)["alerts"];
  if (!Array.isArray(alerts)) throw REPLY_ERRORS.invalidInput("alerts: Input should be a valid list");
  return alerts;
}

function insertParsed(context: OperationContext, world: XdrWorld): OperationResult {
  const alerts = alertsList(context);
  // Validate every alert before accounting or storing any.
  const items = alerts.map((alert, index) => readParsed(alert, index));
  context.tenant.limits.ingestion.admit("parsed", items.length, context.now);
  ingest(world, items, context.now);
  return replyWith(true);
}

function insertCef(context: OperationContext, world: XdrWorld): OperationResult {
  const alerts = alertsList(context);
  const items = alerts.map((alert, index) => readCef(alert, index, context.now));
  context.tenant.limits.ingestion.admit("cef", items.length, context.now);
  ingest(world, items, context.now);
  return replyWith(true);
}

/** The alert operations, configured. */
export function xdrAlertOperations(options: ResolvedXdrOptions): Operation[] {
  return [
    xdrOperation({ id: "alerts.get_alerts", path: `${PUBLIC_API_V1}/alerts/get_alerts`, permission: "alerts:view", handle: listing(alertView, false) }, options),
    xdrOperation(
      { id: "alerts.get_alerts_multi_events", path: `${PUBLIC_API_V1}/alerts/get_alerts_multi_events`, permission: "alerts:view", handle: listing(alertMultiEventsV1, true) },
      options,
    ),
    xdrOperation(
      { id: "v2.alerts.get_alerts_multi_events", path: `${PUBLIC_API_V2}/alerts/get_alerts_multi_events`, permission: "alerts:view", handle: listing(alertMultiEventsV2, false) },
      options,
    ),
    xdrOperation({ id: "alerts.update_alerts", path: `${PUBLIC_API_V1}/alerts/update_alerts`, permission: "alerts:action", mutates: true, handle: updateAlerts }, options),
    xdrOperation({ id: "alerts.insert_parsed_alerts", path: `${PUBLIC_API_V1}/alerts/insert_parsed_alerts`, permission: "alerts:action", mutates: true, handle: insertParsed }, options),
    xdrOperation({ id: "alerts.insert_cef_alerts", path: `${PUBLIC_API_V1}/alerts/insert_cef_alerts`, permission: "alerts:action", mutates: true, handle: insertCef }, options),
  ];
}
