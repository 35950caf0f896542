/**
 * Incidents with state: get_incidents over the live list, get_incident_extra_data
 * (the incident, its alerts and their artifacts) and update_incident (reference
 * xdr-xsiam-api §4.2).
 */
import { extraDataAlertView, type AlertRecord } from "../data/alerts.js";
import { INCIDENT_STATUSES, type Incident, type IncidentSeverity, type IncidentStatus } from "../data/incidents.js";
import { ApiError, REPLY_ERRORS } from "../envelopes.js";
import type { OperationResult } from "../generic.js";
import { deepFreeze } from "../json-cache.js";
import { isJsonObject, type JsonObject } from "../query.js";
import type { Operation, OperationContext } from "../router.js";
import type { ResolvedXdrOptions } from "../state/xdr/options.js";
import type { XdrWorld } from "../state/xdr/world.js";
import { incidentListJson } from "./incidents.js";
import { PUBLIC_API_V1 } from "./paths.js";
import { dataOf, replyWith, requireId, xdrError, xdrOperation } from "./xdr-common.js";

/** Statuses update_incident accepts (reference §4.2). */
export const UPDATABLE_INCIDENT_STATUSES: readonly IncidentStatus[] = [
  "new",
  "under_investigation",
  "resolved_duplicate",
  "resolved_security_testing",
  "resolved_true_positive",
  "resolved_false_positive",
  "resolved_other",
  "resolved_known_issue",
];

const SEVERITIES: readonly IncidentSeverity[] = ["low", "medium", "high", "critical"];
const DEFAULT_ALERTS_LIMIT = 1000;

function notFound(id: string): ApiError {
  return new ApiError(404, "An error occurred while processing XDR public API - Incidents", `Incident ${id} was not found`);
}

function networkArtifacts(alerts: readonly AlertRecord[]): Record<string, unknown>[] {
  const byKey = new Map<string, { alert: AlertRecord; count: number }>();
  for (const alert of alerts) {
    if (alert.remote_ip === null) continue;
    const key = `${alert.remote_ip}|${alert.domain ?? ""}`;
    const entry = byKey.get(key);
    if (entry === undefined) byKey.set(key, { alert, count: 1 });
    else entry.count++;
  }
  return [...byKey.values()].map(({ alert, count }) => ({
    type: alert.domain === null ? "IP" : "DOMAIN",
    alert_count: count,
    is_manual: false,
    network_domain: alert.domain,
    network_remote_ip: alert.remote_ip,
    network_remote_port: alert.remote_port,
    network_country: "US",
  }));
}

function fileArtifacts(alerts: readonly AlertRecord[]): Record<string, unknown>[] {
  const byHash = new Map<string, { alert: AlertRecord; count: number }>();
  for (const alert of alerts) {
    if (alert.file_sha256 === null) continue;
    const entry = byHash.get(alert.file_sha256);
    if (entry === undefined) byHash.set(alert.file_sha256, { alert, count: 1 });
    else entry.count++;
  }
  return [...byHash.values()].map(({ alert, count }) => ({
    type: "HASH",
    alert_count: count,
    is_manual: false,
    is_malicious: true,
    is_process: alert.category === "Malware",
    file_name: alert.file_name,
    file_sha256: alert.file_sha256,
    file_signature_status: "SIGNATURE_UNAVAILABLE",
    file_signature_vendor_name: null,
    file_wildfire_verdict: "MALWARE",
    low_confidence: false,
  }));
}

function extraData(context: OperationContext, world: XdrWorld): OperationResult {
  const data = dataOf(context);
  const id = requireId(data, "incident_id");
  const limitValue = data["alerts_limit"] ?? DEFAULT_ALERTS_LIMIT;
  if (typeof limitValue !== "number" || !Number.isSafeInteger(limitValue) || limitValue < 0) {
    throw REPLY_ERRORS.invalidInput("alerts_limit: Input should be a valid integer");
  }
  const incident = world.incident(id);
  if (incident === undefined) throw notFound(id);
  const alerts = world.alertsOf(id);
  const network = networkArtifacts(alerts);
  const files = fileArtifacts(alerts);
  return replyWith({
    incident,
    alerts: {
      total_count: alerts.length,
      data: alerts.slice(0, limitValue).map((alert) => extraDataAlertView(alert, alert.endpoint_id === null ? undefined : world.endpointsById.get(alert.endpoint_id))),
    },
    network_artifacts: { total_count: network.length, data: network },
    file_artifacts: { total_count: files.length, data: files },
  });
}

function severityFromCounts(incident: Incident): IncidentSeverity {
  if (incident.critical_severity_alert_count > 0) return "critical";
  if (incident.high_severity_alert_count > 0) return "high";
  if (incident.med_severity_alert_count > 0) return "medium";
  return "low";
}

function readStatus(value: unknown): IncidentStatus {
  const status = UPDATABLE_INCIDENT_STATUSES.find((candidate) => candidate === value);
  if (status === undefined) {
    throw REPLY_ERRORS.invalidInput(`status: Input should be one of ${UPDATABLE_INCIDENT_STATUSES.join(", ")}`);
  }
  return status;
}

const KNOWN_FIELDS = new Set([
  "assigned_user_mail",
  "assigned_user_pretty_name",
  "manual_severity",
  "status",
  "resolve_comment",
  "comment",
  "notes",
]);

/** Applies `update_data` to an incident (validating everything first); returns the new record. */
function applyUpdate(world: XdrWorld, incident: Incident, update: JsonObject, now: number): Incident {
  const next: { -readonly [K in keyof Incident]: Incident[K] } = { ...incident, custom_fields: { ...incident.custom_fields } };
  const mail = update["assigned_user_mail"];
  if (mail !== undefined) {
    if (mail === null || mail === "" || mail === "none") {
      next.assigned_user_mail = null;
      next.assigned_user_pretty_name = null;
    } else {
      const analyst = typeof mail === "string" ? world.tenant.directory.analysts.find((candidate) => candidate.mail === mail) : undefined;
      if (analyst === undefined) throw xdrError(`${String(mail)} is not a valid Cortex XDR email address`);
      next.assigned_user_mail = analyst.mail;
      next.assigned_user_pretty_name = analyst.prettyName;
    }
  }
  const pretty = update["assigned_user_pretty_name"];
  if (pretty !== undefined) {
    if (pretty !== null && typeof pretty !== "string") throw REPLY_ERRORS.invalidInput("assigned_user_pretty_name: Input should be a valid string");
    next.assigned_user_pretty_name = pretty === "" ? null : pretty;
  }
  const manual = update["manual_severity"];
  if (manual !== undefined) {
    if (manual === null || manual === "" || manual === "none") {
      next.manual_severity = null;
      next.severity = severityFromCounts(incident);
    } else {
      const severity = SEVERITIES.find((candidate) => candidate === manual);
      if (severity === undefined) throw REPLY_ERRORS.invalidInput("manual_severity: Input should be one of critical, high, medium, low");
      next.manual_severity = severity;
      next.severity = severity;
    }
  }
  if (update["status"] !== undefined) next.status = readStatus(update["status"]);
  const resolved = next.status.startsWith("resolved_");
  const comment = update["resolve_comment"];
  if (comment !== undefined) {
    if (comment !== null && typeof comment !== "string") throw REPLY_ERRORS.invalidInput("resolve_comment: Input should be a valid string");
    if (!resolved) throw REPLY_ERRORS.invalidInput("resolve_comment: only allowed when the incident is resolved");
    next.resolve_comment = comment;
  }
  const note = update["notes"];
  if (note !== undefined) {
    if (note !== null && typeof note !== "string") throw REPLY_ERRORS.invalidInput("notes: Input should be a valid string");
    next.notes = note;
  }
  const added = update["comment"];
  if (added !== undefined && (!isJsonObject(added) || added["comment_action"] !== "add" || typeof added["value"] !== "string")) {
    throw REPLY_ERRORS.invalidInput('comment: expected {"comment_action": "add", "value": "<text>"}');
  }
  for (const [field, value] of Object.entries(update)) {
    if (KNOWN_FIELDS.has(field)) continue;
    if (!/^[a-z0-9_]+$/.test(field)) throw REPLY_ERRORS.invalidInput(`Invalid parameter names: ${field}`);
    next.custom_fields[field] = value;
  }
  if (resolved && !incident.status.startsWith("resolved_")) {
    next.resolved_timestamp = now;
    next.alerts_grouping_status = "Disabled";
  } else if (!resolved) {
    next.resolved_timestamp = null;
    next.resolve_comment = null;
    next.alerts_grouping_status = "Enabled";
  }
  next.modification_time = Math.max(now, incident.modification_time);
  return deepFreeze(next);
}

function updateIncident(context: OperationContext, world: XdrWorld): OperationResult {
  const data = dataOf(context);
  const id = requireId(data, "incident_id");
  const update = data["update_data"];
  if (!isJsonObject(update)) throw REPLY_ERRORS.invalidInput("update_data: Input should be a valid dictionary");
  const incident = world.incident(id);
  if (incident === undefined) throw xdrError(`Incident ${id} was not found`);
  const next = applyUpdate(world, incident, update, context.now);
  world.putIncident(next);
  // Resolving an incident resolves its alerts.
  if (next.status !== incident.status && next.status.startsWith("resolved_")) {
    for (const alert of world.alertsOf(id)) {
      world.putAlert({ ...alert, status: next.status, resolution_comment: next.resolve_comment, last_modified_ts: context.now });
    }
  }
  return replyWith(true);
}

/** The incident operations, configured. */
export function xdrIncidentOperations(options: ResolvedXdrOptions): Operation[] {
  return [
    xdrOperation(
      {
        id: "incidents.get_incidents",
        path: `${PUBLIC_API_V1}/incidents/get_incidents`,
        permission: "incidents:view",
        // The world makes sure rescaled and changed incidents are in the list before it is read, and
        // keeps the reply to a repeated request until an incident changes.
        handle: (context, world) => ({ json: world.incidentReply(JSON.stringify(context.requestData), () => incidentListJson(context)) }),
      },
      options,
    ),
    xdrOperation({ id: "incidents.get_incident_extra_data", path: `${PUBLIC_API_V1}/incidents/get_incident_extra_data`, permission: "incidents:view", handle: extraData }, options),
    xdrOperation({ id: "incidents.update_incident", path: `${PUBLIC_API_V1}/incidents/update_incident`, permission: "incidents:action", mutates: true, handle: updateIncident }, options),
  ];
}
