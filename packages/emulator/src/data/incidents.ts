/**
 * Seeded incidents in the shape `incidents/get_incidents` returns.
 */
import { pick, pickSome, randomInt, type Random } from "../random.js";
import { deepFreeze } from "../json-cache.js";
import type { Directory } from "./directory.js";
import type { Incident as RecordedIncident, IncidentSeverity, IncidentStatus } from "@cortex-sdk/schemas-base/curated-types";

/** Incident statuses as documented for get_incidents filters and replies (every one of the curated `IncidentStatus`). */
export const INCIDENT_STATUSES = [
  "new",
  "under_investigation",
  "resolved_threat_handled",
  "resolved_known_issue",
  "resolved_duplicate",
  "resolved_false_positive",
  "resolved_true_positive",
  "resolved_security_testing",
  "resolved_other",
  "resolved_auto",
] as const satisfies readonly IncidentStatus[];

// Every curated status is seeded: a status added there fails to compile here until it is listed above.
const EVERY_STATUS_LISTED: [Exclude<IncidentStatus, (typeof INCIDENT_STATUSES)[number]>] extends [never] ? true : never = true;
void EVERY_STATUS_LISTED;

export type { IncidentSeverity, IncidentStatus };

/**
 * An incident record as the emulator holds it: the curated `Incident` of `@cortex-sdk/schemas-base` (what
 * the SDK types a reply's incident as), narrowed to what the emulator always fills in, plus the fields the
 * curated type leaves to its index signature.
 */
export interface Incident extends RecordedIncident {
  /** Workflow status (only documented values). */
  status: IncidentStatus;
  /** Effective severity (only documented values). */
  severity: IncidentSeverity;
  /** Generated description (or the manual one, when set). */
  description: string;
  /** Alerts of low severity. */
  low_severity_alert_count: number;
  /** Alerts of medium severity. */
  med_severity_alert_count: number;
  /** Alerts of high severity. */
  high_severity_alert_count: number;
  /** Alerts of critical severity. */
  critical_severity_alert_count: number;
  /** Analyst notes, or `null`. */
  notes: string | null;
  /** Set when resolved. */
  resolve_comment: string | null;
  /** Epoch ms when resolved, else `null`. */
  resolved_timestamp: number | null;
  /** Severity set by an analyst, else `null`. */
  manual_severity: IncidentSeverity | null;
  /** Description set by an analyst, else `null`. */
  manual_description: string | null;
  /** Console link. */
  xdr_url: string;
  /** Starred by hand. */
  starred_manually: boolean;
  /** `"host:agent_id"` strings. */
  hosts: string[];
  /** Domain accounts. */
  users: string[];
  /** Alert sources, e.g. `"XDR Agent"`. */
  incident_sources: string[];
  /** Score from scoring rules, or `null`. */
  rule_based_score: number | null;
  /** Score set by an analyst, or `null`. */
  manual_score: number | null;
  /** Score from the model, or `null`. */
  predicted_score: number | null;
  /** Combined score, or `null`. */
  aggregated_score: number | null;
  /** WildFire hits across alerts. */
  wildfire_hits: number;
  /** Whether new alerts still group into this incident. */
  alerts_grouping_status: "Enabled" | "Disabled";
  /** e.g. `"TA0002 - Execution"`. */
  mitre_tactics_ids_and_names: string[];
  /** e.g. `"T1059.001 - PowerShell"`. */
  mitre_techniques_ids_and_names: string[];
  /** Alert categories, e.g. `"Malware"`. */
  alert_categories: string[];
  /** Tags as first applied. */
  original_tags: string[];
  /** Current tags. */
  tags: string[];
  /** e.g. `"DOMAIN:security"`. */
  incident_domain: string;
  /** Custom fields, keys lowercased without spaces. */
  custom_fields: Record<string, unknown>;
}

/** Inputs for {@link generateIncidents}. */
export interface IncidentSeedOptions {
  /** How many incidents to create (ids "1".."count"). */
  readonly count: number;
  /** Creation time of the newest incident, epoch ms. */
  readonly anchorMs: number;
  /** Console base URL, e.g. `https://tenant.xdr.emulator.invalid`. */
  readonly consoleUrl: string;
  /** Hosts, users and analysts to draw from. */
  readonly directory: Directory;
}

/** Alert sources seeded incidents and alerts use. */
export const SOURCES = [
  "XDR Agent",
  "XDR Analytics",
  "XDR Analytics BIOC",
  "XDR BIOC",
  "XDR IOC",
  "Correlation",
  "Firewall",
] as const;

/** A detection the seeded data draws from: alert name, category and MITRE tactic and technique. */
export interface Technique {
  /** Alert name. */
  readonly alert: string;
  /** Alert category. */
  readonly category: string;
  /** `"TA0002 - Execution"` form. */
  readonly tactic: string;
  /** `"T1059.001 - PowerShell"` form. */
  readonly technique: string;
}

/** The detections seeded incidents and alerts are made of. */
export const TECHNIQUES: readonly [Technique, ...Technique[]] = [
  { alert: "Suspicious PowerShell command line", category: "Malware", tactic: "TA0002 - Execution", technique: "T1059.001 - PowerShell" },
  { alert: "Credential dumping via LSASS access", category: "Credential Access", tactic: "TA0006 - Credential Access", technique: "T1003.001 - LSASS Memory" },
  { alert: "Unusual SMB lateral movement", category: "Lateral Movement", tactic: "TA0008 - Lateral Movement", technique: "T1021.002 - SMB/Windows Admin Shares" },
  { alert: "WildFire malware verdict", category: "Malware", tactic: "TA0002 - Execution", technique: "T1204.002 - Malicious File" },
  { alert: "Port scan from internal host", category: "Reconnaissance", tactic: "TA0007 - Discovery", technique: "T1046 - Network Service Discovery" },
  { alert: "Scheduled task created for persistence", category: "Persistence", tactic: "TA0003 - Persistence", technique: "T1053.005 - Scheduled Task" },
  { alert: "Large upload to rare external domain", category: "Exfiltration", tactic: "TA0010 - Exfiltration", technique: "T1041 - Exfiltration Over C2 Channel" },
  { alert: "Impossible travel sign-in", category: "Identity", tactic: "TA0001 - Initial Access", technique: "T1078 - Valid Accounts" },
];

const SEVERITIES: readonly [IncidentSeverity, ...IncidentSeverity[]] = ["low", "medium", "high", "critical"];
const TAGS = ["DOM:Security", "EP:Workstations", "EP:Servers", "Phishing", "Ransomware"] as const;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function chooseStatus(random: Random): IncidentStatus {
  const roll = random();
  if (roll < 0.35) return "new";
  if (roll < 0.6) return "under_investigation";
  const resolved = INCIDENT_STATUSES.slice(2);
  return resolved[Math.floor(random() * resolved.length)] ?? "resolved_other";
}

/**
 * Generates incidents "1".."count". Ids increase with creation time, as on a
 * real tenant, and nothing depends on the wall clock, so one seed always
 * yields the same list.
 */
export function generateIncidents(random: Random, options: IncidentSeedOptions): Incident[] {
  const { directory } = options;
  // Walk backwards from the anchor so the newest incident is at the anchor.
  const gaps = Array.from({ length: options.count }, () => randomInt(random, 20 * MINUTE, 6 * HOUR));
  let creation = options.anchorMs - gaps.reduce((sum, gap) => sum + gap, 0);
  const incidents: Incident[] = [];

  for (let index = 0; index < options.count; index++) {
    creation += gaps[index] ?? 0;
    const id = String(index + 1);
    const severityRank = randomInt(random, 0, SEVERITIES.length - 1);
    const severity = SEVERITIES[severityRank] ?? "low";
    // Counts per severity never exceed the incident's severity, and the top one is non-zero.
    const counts = SEVERITIES.map((_, rank) =>
      rank > severityRank ? 0 : rank === severityRank ? randomInt(random, 1, 3) : randomInt(random, 0, 4),
    );
    const alertCount = counts.reduce((sum, n) => sum + n, 0);
    const techniques = pickSome(random, TECHNIQUES, randomInt(random, 1, 3));
    const lead = techniques[0] ?? TECHNIQUES[0];
    const hostRecords = pickSome(random, directory.hosts, randomInt(random, 1, 3));
    const users = pickSome(random, directory.users, randomInt(random, 0, 2));
    const sources = pickSome(random, SOURCES, randomInt(random, 1, 2));
    const status = chooseStatus(random);
    const modification = creation + randomInt(random, 0, 3 * DAY);
    const assignee = status === "new" && random() < 0.6 ? null : pick(random, [null, ...directory.analysts]);
    const starred = random() < 0.2;
    const firstHost = hostRecords[0]?.hostName ?? "unknown-host";
    const others = alertCount - 1;
    const description =
      `'${lead.alert}' ${others > 0 ? `along with ${others} other alert${others === 1 ? "" : "s"} ` : ""}` +
      `generated by ${sources.join(" and ")} detected on host ${firstHost}` +
      (users[0] === undefined ? "" : ` involving user ${users[0]}`);
    const tags = pickSome(random, TAGS, randomInt(random, 0, 2));
    const score = randomInt(random, 10, 100);

    incidents.push({
      incident_id: id,
      incident_name: random() < 0.3 ? `${lead.category} on ${firstHost}` : null,
      creation_time: creation,
      modification_time: modification,
      detection_time: null,
      status,
      severity,
      description,
      assigned_user_mail: assignee?.mail ?? null,
      assigned_user_pretty_name: assignee?.prettyName ?? null,
      alert_count: alertCount,
      low_severity_alert_count: counts[0] ?? 0,
      med_severity_alert_count: counts[1] ?? 0,
      high_severity_alert_count: counts[2] ?? 0,
      critical_severity_alert_count: counts[3] ?? 0,
      user_count: users.length,
      host_count: hostRecords.length,
      notes: null,
      resolve_comment: status.startsWith("resolved_") ? "Closed after review" : null,
      resolved_timestamp: status.startsWith("resolved_") ? modification : null,
      manual_severity: null,
      manual_description: null,
      xdr_url: `${options.consoleUrl}/incident-view?caseId=${id}`,
      starred,
      starred_manually: starred && random() < 0.5,
      hosts: hostRecords.map((host) => `${host.hostName}:${host.agentId}`),
      users,
      incident_sources: sources,
      rule_based_score: score,
      manual_score: null,
      predicted_score: null,
      aggregated_score: score,
      wildfire_hits: techniques.some((t) => t.alert.startsWith("WildFire")) ? randomInt(random, 1, 3) : 0,
      alerts_grouping_status: status.startsWith("resolved_") ? "Disabled" : "Enabled",
      mitre_tactics_ids_and_names: [...new Set(techniques.map((t) => t.tactic))],
      mitre_techniques_ids_and_names: techniques.map((t) => t.technique),
      alert_categories: [...new Set(techniques.map((t) => t.category))],
      original_tags: tags,
      tags: [...tags],
      incident_domain: "DOMAIN:security",
      custom_fields: {},
    });
  }
  // Records never change in place (a state change replaces the object in the
  // list), so their JSON can be cached. The list itself stays mutable.
  for (const incident of incidents) deepFreeze(incident);
  return incidents;
}

/** Alert counts per severity of one incident. */
export interface SeverityCounts {
  /** Low (and informational or unknown) alerts. */
  readonly low: number;
  /** Medium alerts. */
  readonly medium: number;
  /** High alerts. */
  readonly high: number;
  /** Critical alerts. */
  readonly critical: number;
}

/**
 * The incident with new alert counts: `alert_count`, the per-severity counts
 * and the "along with N other alerts" part of a generated description follow
 * them. Returns a new frozen record.
 */
export function withAlertCounts(incident: Incident, counts: SeverityCounts): Incident {
  const total = counts.low + counts.medium + counts.high + counts.critical;
  const others = total - 1;
  const along = others > 0 ? `along with ${others} other alert${others === 1 ? "" : "s"} ` : "";
  const description =
    incident.manual_description === null
      ? incident.description.replace(/^('[^']*' )(?:along with \d+ other alerts? )?/, `$1${along}`)
      : incident.description;
  return deepFreeze({
    ...incident,
    description,
    alert_count: total,
    low_severity_alert_count: counts.low,
    med_severity_alert_count: counts.medium,
    high_severity_alert_count: counts.high,
    critical_severity_alert_count: counts.critical,
  });
}
