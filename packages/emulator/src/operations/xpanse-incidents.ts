/**
 * Xpanse incidents and alert updates with state (reference xsoar-xpanse-cloud
 * §3): `incidents/get_incidents` with the §3.2 filters, sort and the
 * page-token flow of {@link pageList} (24 h tokens bound to tenant, operation
 * and key), `incidents/update_incident` and `alerts/update_alerts`, whose
 * changes show on the next read (`get_incidents`,
 * `v2/alerts/get_alerts_multi_events`) and are durable with the Xpanse data.
 *
 * Xpanse tenants only: XDR / XSIAM incidents and alerts live in the XDR world.
 */
import { REPLY_ERRORS } from "../envelopes.js";
import type { OperationResult } from "../generic.js";
import { asObject, isJsonObject, type JsonObject } from "../query.js";
import type { Operation, OperationContext } from "../router.js";
import { compareField, compileFieldFilters, listReply, pageList, readCortexSort, type FieldDescription } from "../state/xpanse/cortex-list.js";
import { XPANSE_DATA, type XpanseRecord } from "../state/xpanse/model.js";
import { PUBLIC_API_V1 } from "./paths.js";
import { xdrError } from "./xdr-common.js";
import { servedBy } from "./served.js";

/** Incident statuses update_incident accepts on Xpanse (the integration's list and the XDR spellings). */
export const XPANSE_INCIDENT_STATUSES = [
  "new",
  "under_investigation",
  "resolved_-_no_longer_observed",
  "resolved_-_no_risk",
  "resolved_-_risk_accepted",
  "resolved_-_contested_asset",
  "resolved_-_remediated_automatically",
  "resolved",
  "resolved_duplicate",
  "resolved_security_testing",
  "resolved_true_positive",
  "resolved_false_positive",
  "resolved_other",
  "resolved_known_issue",
] as const;

/** Alert statuses update_alerts accepts on Xpanse (docs and integration spellings both, reference §3.2). */
export const XPANSE_ALERT_STATUSES = [
  "new",
  "reopened",
  "under_investigation",
  "resolved_-_no_longer_observed",
  "resolved_-_no_risk",
  "resolved_-_risk_accepted",
  "resolved_-_contested_asset",
  "resolved_-_remediated_automatically",
  "resolved_no_risk",
  "resolved_risk_accepted",
  "resolved_contested_asset",
  "resolved_remediated_automatically",
  "resolved",
] as const;

const ALERT_SEVERITIES = ["critical", "high", "medium", "low", "unknown", "informational"] as const;
const INCIDENT_SEVERITIES = ["critical", "high", "medium", "low"] as const;
/** Alert ids per update_alerts request. */
export const MAX_XPANSE_ALERT_UPDATE = 100;
const MAX_INCIDENT_PAGE = 100;

type Fields = Readonly<Record<string, FieldDescription<XpanseRecord>>>;
const TIME = ["gte", "lte"] as const;

const INCIDENT_FIELDS: Fields = {
  incident_id_list: { get: (record) => record["incident_id"], ops: ["in"] },
  incident_id: { get: (record) => record["incident_id"], ops: ["in", "eq"] },
  alert_sources: { get: (record) => record["incident_sources"], ops: ["in"] },
  description: { get: (record) => record["description"], ops: ["in", "contains"] },
  // "resolved" matches every resolved status (reference §3.2: the filter value is `resolved`).
  status: {
    get: (record) => {
      const status = String(record["status"]);
      return status.startsWith("resolved") ? [status, "resolved"] : [status];
    },
    ops: ["eq", "neq", "in"],
  },
  starred: { get: (record) => record["starred"], ops: ["eq", "neq"] },
  cloud_management_status: { get: (record) => record["cloud_management_status"] ?? "Not Applicable", ops: ["in", "eq"] },
  integration_source: { get: (record) => record["integration_source"], ops: ["in", "eq"] },
  creation_time: { get: (record) => record["creation_time"], ops: TIME },
  modification_time: { get: (record) => record["modification_time"], ops: TIME },
};

const SEVERITY_RANK: Readonly<Record<string, number>> = { low: 1, medium: 2, high: 3, critical: 4 };

function incidentSortKey(record: XpanseRecord, field: string): unknown {
  return field === "severity" ? SEVERITY_RANK[String(record["severity"])] : record[field];
}

async function getIncidents(context: OperationContext): Promise<OperationResult> {
  const data = asObject(context.requestData, "request_data");
  const store = (await XPANSE_DATA.get(context.state, context.tenant)).incidents;
  const matches = compileFieldFilters(data["filters"], INCIDENT_FIELDS);
  // Newest first when unsorted, as on XDR.
  const sort = readCortexSort(data["sort"], ["creation_time", "severity", "modification_time"]) ?? { field: "creation_time", desc: true };
  const page = pageList<XpanseRecord>(context, data, {
    operation: "incidents.get_incidents",
    maxSize: MAX_INCIDENT_PAGE,
    idOf: (record) => String(record["incident_id"]),
    lookup: (id) => store.get(id),
    select: (sorted) => {
      const selected = [...store.values()].filter(matches);
      if (!sorted) return selected;
      return selected.sort((a, b) => {
        const order = compareField(incidentSortKey(a, sort.field), incidentSortKey(b, sort.field)) || Number(a["incident_id"]) - Number(b["incident_id"]);
        return sort.desc ? -order : order;
      });
    },
  });
  const body = listReply("incidents", page);
  return { body: { reply: { ...body.reply, restricted_incident_ids: [] } } };
}

function oneOf<T extends string>(value: unknown, field: string, allowed: readonly T[]): T {
  const found = allowed.find((candidate) => candidate === value);
  if (found === undefined) throw REPLY_ERRORS.invalidInput(`${field}: Input should be one of ${allowed.join(", ")}`);
  return found;
}

function severityFromCounts(incident: XpanseRecord): string {
  if (Number(incident["critical_severity_alert_count"]) > 0) return "critical";
  if (Number(incident["high_severity_alert_count"]) > 0) return "high";
  if (Number(incident["med_severity_alert_count"]) > 0) return "medium";
  return "low";
}

/** Applies `update_data` (validated first) to a copy of the incident. */
function applyIncidentUpdate(context: OperationContext, incident: XpanseRecord, update: JsonObject): XpanseRecord {
  const next: XpanseRecord = { ...incident };
  const mail = update["assigned_user_mail"];
  if (mail !== undefined) {
    if (mail === null || mail === "" || mail === "none") {
      next["assigned_user_mail"] = null;
      next["assigned_user_pretty_name"] = null;
    } else {
      const analyst = typeof mail === "string" ? context.tenant.directory.analysts.find((candidate) => candidate.mail === mail) : undefined;
      if (analyst === undefined) throw xdrError(`${String(mail)} is not a valid Cortex Xpanse email address`);
      next["assigned_user_mail"] = analyst.mail;
      next["assigned_user_pretty_name"] = analyst.prettyName;
    }
  }
  const pretty = update["assigned_user_pretty_name"];
  if (pretty !== undefined) {
    if (mail === undefined) throw REPLY_ERRORS.invalidInput("assigned_user_pretty_name: only allowed with assigned_user_mail");
    if (pretty !== null && typeof pretty !== "string") throw REPLY_ERRORS.invalidInput("assigned_user_pretty_name: Input should be a valid string");
    if (next["assigned_user_mail"] !== null) next["assigned_user_pretty_name"] = pretty === "" ? null : pretty;
  }
  const manual = update["manual_severity"];
  if (manual !== undefined) {
    if (manual === null || manual === "" || manual === "none") {
      next["manual_severity"] = null;
      next["severity"] = severityFromCounts(incident);
    } else {
      const severity = oneOf(manual, "manual_severity", INCIDENT_SEVERITIES);
      next["manual_severity"] = severity;
      next["severity"] = severity;
    }
  }
  if (update["status"] !== undefined) next["status"] = oneOf(update["status"], "status", XPANSE_INCIDENT_STATUSES);
  const resolved = String(next["status"]).startsWith("resolved");
  const comment = update["resolve_comment"];
  if (comment !== undefined) {
    if (comment !== null && typeof comment !== "string") throw REPLY_ERRORS.invalidInput("resolve_comment: Input should be a valid string");
    if (!resolved) throw REPLY_ERRORS.invalidInput("resolve_comment: only allowed when the incident is resolved");
    next["resolve_comment"] = comment;
  }
  const added = update["comment"];
  if (added !== undefined && (!isJsonObject(added) || added["comment_action"] !== "add" || typeof added["value"] !== "string")) {
    throw REPLY_ERRORS.invalidInput('comment: expected {"comment_action": "add", "value": "<text>"}');
  }
  const wasResolved = String(incident["status"]).startsWith("resolved");
  if (resolved && !wasResolved) next["resolved_timestamp"] = context.now;
  else if (!resolved) {
    next["resolved_timestamp"] = null;
    next["resolve_comment"] = null;
  }
  next["modification_time"] = Math.max(context.now, Number(incident["modification_time"]));
  return next;
}

async function updateIncident(context: OperationContext): Promise<OperationResult> {
  const data = asObject(context.requestData, "request_data");
  const idValue = data["incident_id"];
  if (idValue === undefined || idValue === null || idValue === "") throw REPLY_ERRORS.invalidInput("incident_id: Field required");
  const id = String(idValue);
  const update = data["update_data"];
  if (!isJsonObject(update)) throw REPLY_ERRORS.invalidInput("update_data: Input should be a valid dictionary");
  const store = (await XPANSE_DATA.get(context.state, context.tenant)).incidents;
  const incident = store.get(id);
  if (incident === undefined) throw xdrError(`Incident ${id} was not found`);
  store.set(id, applyIncidentUpdate(context, incident, update));
  await XPANSE_DATA.save(context.state, context.tenant);
  return { body: { reply: true } };
}

const RESOLUTION_STATUS: Readonly<Record<string, string>> = {
  new: "STATUS_010_NEW",
  reopened: "STATUS_010_NEW",
  under_investigation: "STATUS_020_UNDER_INVESTIGATION",
};

async function updateAlerts(context: OperationContext): Promise<OperationResult> {
  const data = asObject(context.requestData, "request_data");
  const list = data["alert_id_list"];
  if (!Array.isArray(list) || list.length === 0) throw REPLY_ERRORS.invalidInput("alert_id_list: Input should be a non-empty list");
  if (list.length > MAX_XPANSE_ALERT_UPDATE) throw REPLY_ERRORS.invalidInput(`alert_id_list: at most ${MAX_XPANSE_ALERT_UPDATE} alerts per request`);
  const ids = list.map((value: unknown, index) => {
    if (typeof value === "string" && /^\d+$/.test(value)) return value;
    if (typeof value === "number" && Number.isSafeInteger(value)) return String(value);
    throw REPLY_ERRORS.invalidInput(`alert_id_list[${index}]: Input should be a valid string`);
  });
  const update = data["update_data"];
  if (!isJsonObject(update)) throw REPLY_ERRORS.invalidInput("update_data: Input should be a valid dictionary");
  // Missing fields are ignored (reference §3.1); present ones are validated before anything changes.
  const severity = update["severity"] === undefined ? undefined : oneOf(update["severity"], "severity", ALERT_SEVERITIES);
  const status = update["status"] === undefined ? undefined : oneOf(update["status"], "status", XPANSE_ALERT_STATUSES);
  const comment = update["comment"];
  if (comment !== undefined && comment !== null && typeof comment !== "string") throw REPLY_ERRORS.invalidInput("comment: Input should be a valid string");
  const store = (await XPANSE_DATA.get(context.state, context.tenant)).alerts;
  const updated: number[] = [];
  for (const id of new Set(ids)) {
    const alert = store.get(id);
    if (alert === undefined) continue;
    const next: XpanseRecord = { ...alert, last_modified_ts: Math.max(context.now, Number(alert["last_modified_ts"])) };
    if (severity !== undefined) next["severity"] = severity;
    if (status !== undefined) {
      next["status"] = status;
      next["resolution_status"] = RESOLUTION_STATUS[status] ?? "STATUS_070_RESOLVED_OTHER";
    }
    if (comment !== undefined) next["resolution_comment"] = comment;
    store.set(id, next);
    updated.push(Number(id));
  }
  await XPANSE_DATA.save(context.state, context.tenant);
  return { body: { reply: { alerts_ids: updated } } };
}

/** The Xpanse incident and alert-update operations. */
export const XPANSE_INCIDENT_OPERATIONS: readonly Operation[] = [
  {
    id: "incidents.get_incidents",
    method: "POST",
    surface: "cortex",
    path: `${PUBLIC_API_V1}/incidents/get_incidents`,
    permission: "incidents:view",
    products: servedBy("incidents.get_incidents", "xpanse"),
    handle: getIncidents,
  },
  {
    id: "incidents.update_incident",
    method: "POST",
    surface: "cortex",
    path: `${PUBLIC_API_V1}/incidents/update_incident`,
    permission: "incidents:action",
    products: servedBy("incidents.update_incident", "xpanse"),
    mutates: true,
    handle: updateIncident,
  },
  {
    id: "alerts.update_alerts",
    method: "POST",
    surface: "cortex",
    path: `${PUBLIC_API_V1}/alerts/update_alerts`,
    permission: "alerts:action",
    products: servedBy("alerts.update_alerts", "xpanse"),
    mutates: true,
    handle: updateAlerts,
  },
];
