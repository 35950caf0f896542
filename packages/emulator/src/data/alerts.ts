/**
 * Seeded alerts, derived from the incidents they belong to: an incident with
 * `alert_count` n has exactly n alerts whose `case_id` is the incident id,
 * with the incident's per-severity counts, hosts, users, sources and MITRE
 * techniques. Alerts are stored as flat {@link AlertRecord}s and rendered in
 * the three reply shapes (get_alerts, multi-events v1, multi-events v2) on the
 * way out, so 100 000 of them stay cheap.
 */
import { SOURCES, TECHNIQUES, type Incident, type IncidentStatus } from "./incidents.js";
import type { EndpointSeed } from "./endpoints.js";

/** Alert severities (get_alerts filters accept the first four; pcap and ingestion add the rest). */
export const ALERT_SEVERITIES = ["low", "medium", "high", "critical", "informational", "unknown"] as const;

/** One of {@link ALERT_SEVERITIES}. */
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

/** Alert statuses as `update_alerts` takes them (the incident statuses). */
export type AlertStatus = IncidentStatus;

/** `resolution_status` as alert replies spell it, per status. */
export const RESOLUTION_STATUS: Readonly<Record<AlertStatus, string>> = {
  new: "STATUS_010_NEW",
  under_investigation: "STATUS_020_UNDER_INVESTIGATION",
  resolved_threat_handled: "STATUS_040_RESOLVED_THREAT_HANDLED",
  resolved_known_issue: "STATUS_050_RESOLVED_KNOWN_ISSUE",
  resolved_duplicate: "STATUS_060_RESOLVED_DUPLICATE",
  resolved_false_positive: "STATUS_070_RESOLVED_FALSE_POSITIVE",
  resolved_other: "STATUS_080_RESOLVED_OTHER",
  resolved_true_positive: "STATUS_090_RESOLVED_TRUE_POSITIVE",
  resolved_security_testing: "STATUS_100_RESOLVED_SECURITY_TESTING",
  resolved_auto: "STATUS_130_RESOLVED_AUTO",
};

/** An alert as the emulator stores it (plain JSON; replaced, never changed in place). */
export interface AlertRecord {
  /** Numeric id (sent as a string in replies). */
  readonly alert_id: number;
  /** Incident id as an integer, or `null` for an alert not grouped into an incident. */
  readonly case_id: number | null;
  /** Agent id of the endpoint, or `null`. */
  readonly endpoint_id: string | null;
  /** Host name, or `null`. */
  readonly host_name: string | null;
  /** Host IPv4, or `null`. */
  readonly host_ip: string | null;
  /** Detection time, epoch ms. */
  readonly detection_timestamp: number;
  /** Server insert time, epoch ms. */
  readonly local_insert_ts: number;
  /** Last change, epoch ms. */
  readonly last_modified_ts: number;
  /** Severity. */
  readonly severity: AlertSeverity;
  /** Alert name. */
  readonly name: string;
  /** Category. */
  readonly category: string;
  /** Description. */
  readonly description: string;
  /** Alert source, e.g. `"XDR Agent"`. */
  readonly source: string;
  /** Workflow status. */
  readonly status: AlertStatus;
  /** Analyst comment, or `null`. */
  readonly resolution_comment: string | null;
  /** Domain user, or `null`. */
  readonly user_name: string | null;
  /** `"TA0002 - Execution"`, or `null`. */
  readonly mitre_tactic: string | null;
  /** `"T1059.001 - PowerShell"`, or `null`. */
  readonly mitre_technique: string | null;
  /** External id. */
  readonly external_id: string;
  /** `DETECTED`, `BLOCKED` or `REPORTED`. */
  readonly action: "DETECTED" | "BLOCKED" | "REPORTED";
  /** Starred. */
  readonly starred: boolean;
  /** Process image name, or `null`. */
  readonly process: string | null;
  /** Process command line, or `null`. */
  readonly command_line: string | null;
  /** Local IP of the network event, or `null`. */
  readonly local_ip: string | null;
  /** Local port, or `null`. */
  readonly local_port: number | null;
  /** Remote IP, or `null`. */
  readonly remote_ip: string | null;
  /** Remote port, or `null`. */
  readonly remote_port: number | null;
  /** Remote domain, or `null`. */
  readonly domain: string | null;
  /** SHA-256 of the file involved, or `null`. */
  readonly file_sha256: string | null;
  /** File name, or `null`. */
  readonly file_name: string | null;
}

const PROCESSES = ["powershell.exe", "cmd.exe", "rundll32.exe", "svchost.exe", "python3", "bash", "wscript.exe", "curl"] as const;
const DOMAINS = ["cdn-update.example.net", "login-verify.example.org", "files.example.com", "paste.example.io"] as const;
const PORTS = [443, 80, 445, 8080, 22, 3389] as const;

/** A 32-bit mix of an integer: per-alert details come from the id, not from a random stream. */
export function mix32(value: number): number {
  let h = (value ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** 64 hex characters derived from a number (stable fake SHA-256 values). */
export function fakeSha256(value: number): string {
  let out = "";
  for (let i = 0; i < 8; i++) out += mix32(value * 8 + i).toString(16).padStart(8, "0");
  return out;
}

function at<T>(items: readonly T[], index: number, fallback: T): T {
  return items.length === 0 ? fallback : (items[index % items.length] ?? fallback);
}

/** Inputs of {@link generateAlerts}. */
export interface AlertSeedOptions {
  /** Incidents in id order. */
  readonly incidents: readonly Incident[];
  /** Endpoints by agent id (incident hosts are `"host:agent_id"`). */
  readonly endpointsById: ReadonlyMap<string, EndpointSeed>;
  /** Id of the first alert. */
  readonly firstId: number;
}

/**
 * One copy of each repeated text of a seeding run. A large tenant holds 100 000 alerts or more, and most
 * of their texts come from small sets (997 file hashes, 254 remote addresses, a description per technique
 * and host): shared, they cost a pointer each instead of a string each.
 */
class Texts {
  readonly #texts = new Map<string, string>();

  /** The shared copy of `text`. */
  of(text: string): string {
    const known = this.#texts.get(text);
    if (known !== undefined) return known;
    this.#texts.set(text, text);
    return text;
  }
}

/** Builds one seeded alert from its incident. */
function seededAlert(incident: Incident, index: number, severity: AlertSeverity, id: number, endpointsById: ReadonlyMap<string, EndpointSeed>, texts: Texts): AlertRecord {
  const h = mix32(id);
  const hostEntry = at(incident.hosts, index, "");
  const agentId = hostEntry.slice(hostEntry.lastIndexOf(":") + 1);
  const endpoint = endpointsById.get(agentId);
  const techniqueName = at(incident.mitre_techniques_ids_and_names, index, "");
  const technique = TECHNIQUES.find((candidate) => candidate.technique === techniqueName) ?? TECHNIQUES[0];
  const span = Math.max(1, incident.modification_time - incident.creation_time);
  const detection = incident.creation_time + Math.floor((span * index) / Math.max(1, incident.alert_count));
  const network = technique.category === "Exfiltration" || technique.category === "Lateral Movement" || technique.category === "Reconnaissance";
  const file = technique.category === "Malware" || technique.category === "Persistence";
  const process = at(PROCESSES, h, "cmd.exe");
  return {
    alert_id: id,
    case_id: Number(incident.incident_id),
    endpoint_id: endpoint?.id ?? null,
    host_name: endpoint?.name ?? null,
    host_ip: endpoint?.ip ?? null,
    detection_timestamp: detection,
    local_insert_ts: detection + (h % 5000),
    last_modified_ts: Math.max(detection + (h % 5000), incident.modification_time),
    severity,
    name: technique.alert,
    category: technique.category,
    description: texts.of(`${technique.alert} on ${endpoint?.name ?? "an unknown host"}`),
    source: at(incident.incident_sources, index, SOURCES[0]),
    status: incident.status,
    resolution_comment: incident.resolve_comment,
    user_name: incident.users.length === 0 ? null : at(incident.users, index, null),
    mitre_tactic: technique.tactic,
    mitre_technique: technique.technique,
    external_id: `ext-${id.toString(16)}`,
    action: h % 3 === 0 ? "BLOCKED" : h % 3 === 1 ? "DETECTED" : "REPORTED",
    starred: incident.starred,
    process,
    // Unique per alert: joined into one flat string (a template literal this long leaves a chain of
    // string pieces behind, each an object of its own).
    command_line: [process, h % 2 === 0 ? " -enc " : " /c ", (h >>> 8).toString(36)].join(""),
    local_ip: network ? (endpoint?.ip ?? null) : null,
    local_port: network ? 49_152 + (h % 16_000) : null,
    remote_ip: network ? texts.of(`198.51.100.${1 + (h % 254)}`) : null,
    remote_port: network ? at(PORTS, h >>> 4, 443) : null,
    domain: network ? at(DOMAINS, h >>> 6, "files.example.com") : null,
    file_sha256: file ? texts.of(fakeSha256(h % 997)) : null,
    file_name: file ? texts.of(`payload_${(h % 997).toString(36)}.exe`) : null,
  };
}

/**
 * Generates the alerts of every incident, in incident order, ids from
 * `firstId`. Each incident gets exactly `alert_count` alerts, split by
 * severity as its per-severity counts say.
 */
export function generateAlerts(options: AlertSeedOptions): AlertRecord[] {
  const alerts: AlertRecord[] = [];
  const texts = new Texts();
  let id = options.firstId;
  for (const incident of options.incidents) {
    const counts: readonly [AlertSeverity, number][] = [
      ["critical", incident.critical_severity_alert_count],
      ["high", incident.high_severity_alert_count],
      ["medium", incident.med_severity_alert_count],
      ["low", incident.low_severity_alert_count],
    ];
    let index = 0;
    for (const [severity, count] of counts) {
      for (let n = 0; n < count; n++) alerts.push(seededAlert(incident, index++, severity, id++, options.endpointsById, texts));
    }
  }
  return alerts;
}

function actionPretty(action: AlertRecord["action"]): string {
  return action === "BLOCKED" ? "Prevented (Blocked)" : action === "REPORTED" ? "Detected (Reported)" : "Detected";
}

function osTypeOf(endpoint: EndpointSeed | undefined): string | null {
  if (endpoint === undefined) return null;
  return endpoint.platform === "windows" ? "AGENT_OS_WINDOWS" : endpoint.platform === "linux" ? "AGENT_OS_LINUX" : "AGENT_OS_MAC";
}

/** An alert inside `get_incident_extra_data` (`tags` is a list there, `original_tags` a string). */
export function extraDataAlertView(alert: AlertRecord, endpoint: EndpointSeed | undefined): Record<string, unknown> {
  return { ...alertView(alert, endpoint), tags: [] };
}

/** The flat alert of `alerts/get_alerts`. */
export function alertView(alert: AlertRecord, endpoint: EndpointSeed | undefined): Record<string, unknown> {
  return {
    external_id: alert.external_id,
    severity: alert.severity,
    matching_status: "MATCHED",
    end_match_attempt_ts: null,
    local_insert_ts: alert.local_insert_ts,
    last_modified_ts: alert.last_modified_ts,
    bioc_indicator: null,
    matching_service_rule_id: null,
    attempt_counter: 0,
    bioc_category_enum_key: null,
    is_whitelisted: false,
    starred: alert.starred,
    deduplicate_tokens: null,
    filter_rule_id: null,
    mitre_technique_id_and_name: alert.mitre_technique ?? "",
    mitre_tactic_id_and_name: alert.mitre_tactic ?? "",
    agent_version: endpoint?.version ?? null,
    agent_device_domain: null,
    agent_fqdn: endpoint === undefined ? null : `${endpoint.name}.corp.example.com`,
    agent_os_type: osTypeOf(endpoint),
    agent_data_collection_status: null,
    mac: endpoint?.mac ?? null,
    is_pcap: false,
    alert_type: "Unclassified",
    resolution_status: RESOLUTION_STATUS[alert.status],
    resolution_comment: alert.resolution_comment,
    dynamic_fields: null,
    // Strings in get_alerts records (arrays in multi-events v2), as the schemas have them.
    tags: "",
    original_tags: "",
    alert_id: String(alert.alert_id),
    detection_timestamp: alert.detection_timestamp,
    name: alert.name,
    category: alert.category,
    endpoint_id: alert.endpoint_id,
    description: alert.description,
    host_ip: alert.host_ip,
    host_name: alert.host_name,
    source: alert.source,
    action: alert.action,
    action_pretty: actionPretty(alert.action),
    user_name: alert.user_name,
    events_length: 1,
    case_id: alert.case_id,
    actor_process_image_name: alert.process,
    actor_process_command_line: alert.command_line,
    action_local_ip: alert.local_ip,
    action_local_port: alert.local_port,
    action_remote_ip: alert.remote_ip,
    action_remote_port: alert.remote_port,
    dns_query_name: alert.domain,
    action_file_sha256: alert.file_sha256,
    action_file_name: alert.file_name,
    contains_featured_host: "NO",
    contains_featured_user: "NO",
    contains_featured_ip: "NO",
  };
}

function eventOf(alert: AlertRecord): Record<string, unknown> {
  const h = mix32(alert.alert_id + 7);
  return {
    event_id: `evt-${alert.alert_id}`,
    event_type: alert.remote_ip !== null ? "Network Connections" : alert.file_sha256 !== null ? "File" : "Process Execution",
    event_sub_type: null,
    event_timestamp: alert.detection_timestamp,
    agent_install_type: "STANDARD",
    actor_process_image_name: alert.process,
    actor_process_command_line: alert.command_line,
    actor_process_os_pid: 1000 + (h % 60_000),
    actor_process_instance_id: `api-${h.toString(16)}`,
    causality_actor_process_image_name: "explorer.exe",
    causality_actor_process_os_pid: 500 + (h % 500),
    action_local_ip: alert.local_ip,
    action_local_port: alert.local_port,
    action_remote_ip: alert.remote_ip,
    action_remote_port: alert.remote_port,
    dns_query_name: alert.domain,
    action_file_sha256: alert.file_sha256,
    action_file_name: alert.file_name,
    user_name: alert.user_name,
    host_ip: alert.host_ip,
  };
}

const toStrings = (value: unknown): string[] => (value === null || value === undefined ? [] : [String(value)]);
const toIntegers = (value: unknown): number[] => (typeof value === "number" ? [value] : []);

/** A v1 event: pids and ports are strings there (the schema's types). */
function v1Event(alert: AlertRecord): Record<string, unknown> {
  const event = eventOf(alert);
  for (const field of ["actor_process_os_pid", "causality_actor_process_os_pid", "action_local_port", "action_remote_port"]) {
    const value = event[field];
    event[field] = value === null || value === undefined ? null : String(value);
  }
  return event;
}

/** `get_alerts_multi_events` v1: the alert with an `events` list. */
export function alertMultiEventsV1(alert: AlertRecord, endpoint: EndpointSeed | undefined): Record<string, unknown> {
  return {
    ...alertView(alert, endpoint),
    // Lists and booleans here, where get_alerts has strings (the schemas differ).
    mitre_technique_id_and_name: toStrings(alert.mitre_technique),
    mitre_tactic_id_and_name: toStrings(alert.mitre_tactic),
    contains_featured_host: false,
    contains_featured_user: false,
    contains_featured_ip: false,
    host_ip: toStrings(alert.host_ip),
    events: [v1Event(alert)],
  };
}


/** `get_alerts_multi_events` v2: flat alerts whose event fields are arrays (strings, or integers for times, pids and ports). */
export function alertMultiEventsV2(alert: AlertRecord, endpoint: EndpointSeed | undefined): Record<string, unknown> {
  const event = eventOf(alert);
  return {
    alert_id: String(alert.alert_id),
    external_id: alert.external_id,
    case_id: alert.case_id,
    severity: alert.severity,
    name: alert.name,
    category: alert.category,
    description: alert.description,
    source: alert.source,
    detection_timestamp: alert.detection_timestamp,
    local_insert_ts: alert.local_insert_ts,
    last_modified_ts: alert.last_modified_ts,
    attempt_counter: 0,
    resolution_status: RESOLUTION_STATUS[alert.status],
    resolution_comment: alert.resolution_comment,
    starred: alert.starred,
    endpoint_id: alert.endpoint_id,
    agent_os_type: osTypeOf(endpoint),
    action: alert.action,
    action_pretty: actionPretty(alert.action),
    host_ip: toStrings(alert.host_ip),
    host_name: alert.host_name,
    contains_featured_host: ["NO"],
    contains_featured_user: ["NO"],
    contains_featured_ip: ["NO"],
    tags: [],
    original_tags: [],
    user_name: toStrings(alert.user_name),
    event_type: toStrings(event["event_type"]),
    event_id: toStrings(event["event_id"]),
    actor_process_image_name: toStrings(alert.process),
    actor_process_command_line: toStrings(alert.command_line),
    actor_process_instance_id: toStrings(event["actor_process_instance_id"]),
    causality_actor_process_image_name: toStrings(event["causality_actor_process_image_name"]),
    action_local_ip: toStrings(alert.local_ip),
    action_remote_ip: toStrings(alert.remote_ip),
    dns_query_name: toStrings(alert.domain),
    action_file_sha256: toStrings(alert.file_sha256),
    action_file_name: toStrings(alert.file_name),
    mitre_technique_id_and_name: toStrings(alert.mitre_technique),
    mitre_tactic_id_and_name: toStrings(alert.mitre_tactic),
    event_timestamp: toIntegers(alert.detection_timestamp),
    actor_process_os_pid: toIntegers(event["actor_process_os_pid"]),
    causality_actor_process_os_pid: toIntegers(event["causality_actor_process_os_pid"]),
    action_local_port: toIntegers(alert.local_port),
    action_remote_port: toIntegers(alert.remote_port),
  };
}
