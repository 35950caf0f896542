/**
 * XSOAR data (6 and 8 share it): incidents, war-room entries, indicators and
 * lists, each with the integer `version` XSOAR uses for optimistic locking
 * (reference xsoar-xpanse-cloud §2.3). Seeded per tenant from its seed;
 * persisted through {@link TenantDataStore} when a data directory is set.
 */
import { deriveSeed, mulberry32, pick, randomHex, randomInt, type Random } from "../../random.js";
import type { Tenant } from "../../tenant.js";
import { TenantDataStore } from "./durable.js";

/** XSOAR's "no time" value (`closed` of an open incident). */
export const XSOAR_ZERO_TIME = "0001-01-01T00:00:00Z";

/** Incident status codes: 0 Pending, 1 Active, 2 Done (closed), 3 Archive. */
export const XSOAR_STATUS = { pending: 0, active: 1, done: 2, archive: 3 } as const;

/** Severity codes: 0 Unknown, 0.5 Info, 1 Low, 2 Medium, 3 High, 4 Critical. */
export const XSOAR_SEVERITY = { unknown: 0, info: 0.5, low: 1, medium: 2, high: 3, critical: 4 } as const;

/** An XSOAR incident, field names as the server returns them. */
export interface XsoarIncident {
  id: string;
  version: number;
  numericId: number;
  name: string;
  type: string;
  status: number;
  severity: number;
  owner: string;
  created: string;
  occurred: string;
  modified: string;
  closed: string;
  closeReason: string;
  closeNotes: string;
  closingUserId: string;
  details: string;
  labels: { type: string; value: string }[];
  investigationId: string;
  playbookId: string;
  runStatus: string;
  phase: string;
  sourceBrand: string;
  sourceInstance: string;
  rawJSON: string;
  dueDate: string;
  reminder: string;
  parent: string;
  isPlayground: boolean;
  linkedIncidents: string[];
  attachment: unknown[] | null;
  CustomFields: Record<string, unknown>;
}

/** A war-room entry. */
export interface XsoarEntry {
  id: string;
  version: number;
  investigationId: string;
  type: number;
  format: string;
  contents: string;
  parentContent: string;
  created: string;
  modified: string;
  user: string;
  note: boolean;
  tags: string[];
  category: string;
  brand: string;
}

/** An indicator (IocObject). */
export interface XsoarIndicator {
  id: string;
  version: number;
  value: string;
  indicator_type: string;
  score: number;
  manualScore: boolean;
  setBy: string;
  source: string;
  comment: string;
  firstSeen: string;
  lastSeen: string;
  timestamp: string;
  modified: string;
  calculatedTime: string;
  investigationIDs: string[];
  CustomFields: Record<string, unknown>;
}

/** A list (`id` is its name). */
export interface XsoarList {
  id: string;
  version: number;
  name: string;
  type: string;
  data: string;
  description: string;
  allRead: boolean;
  allReadWrite: boolean;
  modified: string;
  truncated: boolean;
}

/** One XSOAR tenant's data. */
export interface XsoarData {
  /** Incidents by id. */
  readonly incidents: Map<string, XsoarIncident>;
  /** War-room entries by investigation id, oldest first. */
  readonly entries: Map<string, XsoarEntry[]>;
  /** Indicators by id. */
  readonly indicators: Map<string, XsoarIndicator>;
  /** Lists by name. */
  readonly lists: Map<string, XsoarList>;
  /** Next ids. */
  readonly next: { incident: number; indicator: number; entry: number };
}

/** Time of the newest seeded record (the engine's data anchor). */
const ANCHOR_MS = Date.UTC(2025, 0, 1);
const HOUR_MS = 3_600_000;

/** ISO text of epoch ms, as XSOAR writes times. */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}

const TYPES = ["Phishing", "Malware", "Access", "Unclassified", "Vulnerability", "Authentication"] as const;
const NAMES: Readonly<Record<(typeof TYPES)[number], readonly [string, ...string[]]>> = {
  Phishing: ["Suspicious email reported", "Credential phishing link clicked", "Invoice lure with macro attachment"],
  Malware: ["Ransomware behaviour on endpoint", "Trojan detected by agent", "Cryptominer process started"],
  Access: ["Impossible travel login", "Privileged group membership change", "New admin account created"],
  Unclassified: ["Manual investigation", "Analyst follow-up", "Third-party notification"],
  Vulnerability: ["Critical CVE on internet-facing host", "Outdated TLS on web server", "Exposed RDP service"],
  Authentication: ["Brute force against VPN", "MFA fatigue attempts", "Password spray detected"],
};
const OWNERS = ["", "admin", "alice", "bob", "carol"] as const;
const SEVERITIES = [0, 0.5, 1, 2, 3, 4] as const;
const BRANDS = ["Manual", "EWS O365", "Cortex XDR - IR", "Splunk", "Mail Listener v2"] as const;
const INDICATOR_TYPES = ["IP", "Domain", "URL", "File", "Email"] as const;

function indicatorValue(random: Random, type: (typeof INDICATOR_TYPES)[number], i: number): string {
  switch (type) {
    case "IP":
      return `203.0.113.${(i * 7) % 250 + 1}`;
    case "Domain":
      return `bad-${randomHex(random, 6)}.example`;
    case "URL":
      return `https://phish-${randomHex(random, 6)}.example/login`;
    case "File":
      return randomHex(random, 64);
    case "Email":
      return `attacker${i}@evil.example`;
  }
}

/** Builds a tenant's seeded XSOAR data (deterministic for a tenant seed). */
export function seedXsoarData(tenant: Tenant): XsoarData {
  const random = mulberry32(deriveSeed(tenant.seed, "xsoar"));
  const count = Math.max(1, tenant.incidents.length);
  const incidents = new Map<string, XsoarIncident>();
  const entries = new Map<string, XsoarEntry[]>();
  let entryCounter = 1;
  for (let n = 1; n <= count; n++) {
    const id = String(n);
    // Older incidents first: the newest is at the anchor.
    const createdMs = ANCHOR_MS - (count - n) * 2 * HOUR_MS - randomInt(random, 0, HOUR_MS - 1);
    const type = pick(random, TYPES);
    const status = pick(random, [0, 1, 1, 1, 2, 2] as const);
    const closedMs = createdMs + randomInt(random, 1, 48) * HOUR_MS;
    const incident: XsoarIncident = {
      id,
      version: randomInt(random, 1, 4),
      numericId: n,
      name: pick(random, NAMES[type]),
      type,
      status,
      severity: pick(random, SEVERITIES),
      owner: pick(random, OWNERS),
      created: isoTime(createdMs),
      occurred: isoTime(createdMs - randomInt(random, 1, 60) * 60_000),
      modified: isoTime(status === 2 ? closedMs : createdMs + HOUR_MS),
      closed: status === 2 ? isoTime(closedMs) : XSOAR_ZERO_TIME,
      closeReason: status === 2 ? pick(random, ["Resolved", "False Positive", "Duplicate", "Other"] as const) : "",
      closeNotes: status === 2 ? "Closed after review" : "",
      closingUserId: status === 2 ? "admin" : "",
      details: `Seeded ${type.toLowerCase()} incident ${n}`,
      labels: [{ type: "Instance", value: "emulator" }],
      investigationId: id,
      playbookId: status === 0 ? "" : `playbook-${type.toLowerCase()}`,
      runStatus: status === 0 ? "" : status === 2 ? "completed" : "waiting",
      phase: "",
      sourceBrand: pick(random, BRANDS),
      sourceInstance: "emulator_instance_1",
      rawJSON: "",
      dueDate: XSOAR_ZERO_TIME,
      reminder: XSOAR_ZERO_TIME,
      parent: "",
      isPlayground: false,
      linkedIncidents: [],
      attachment: null,
      CustomFields: { detectionsla: { runStatus: "idle", sla: 30 }, sourceip: `198.51.100.${n % 250}` },
    };
    incidents.set(id, incident);
    entries.set(id, [
      {
        id: `${randomHex(random, 8)}-${entryCounter++}@${id}`,
        version: 1,
        investigationId: id,
        type: 1,
        format: "markdown",
        contents: `Incident ${id} created by ${incident.sourceBrand}`,
        parentContent: "",
        created: incident.created,
        modified: incident.created,
        user: "DBot",
        note: false,
        tags: [],
        category: "chat",
        brand: incident.sourceBrand,
      },
    ]);
  }
  const indicators = new Map<string, XsoarIndicator>();
  const indicatorCount = Math.min(40, Math.max(10, count));
  for (let n = 1; n <= indicatorCount; n++) {
    const type = pick(random, INDICATOR_TYPES);
    const seen = isoTime(ANCHOR_MS - randomInt(random, 1, 500) * HOUR_MS);
    indicators.set(String(n), {
      id: String(n),
      version: 1,
      value: indicatorValue(random, type, n),
      indicator_type: type,
      score: pick(random, [0, 1, 2, 3] as const),
      manualScore: false,
      setBy: "",
      source: "DBot",
      comment: "",
      firstSeen: seen,
      lastSeen: seen,
      timestamp: seen,
      modified: seen,
      calculatedTime: seen,
      investigationIDs: [String(randomInt(random, 1, count))],
      CustomFields: {},
    });
  }
  const lists = new Map<string, XsoarList>();
  const listTime = isoTime(ANCHOR_MS);
  for (const [name, type, data] of [
    ["AllowedDomains", "plain_text", "example.com\nexample.org"],
    ["VIPUsers", "plain_text", "alice@example.com\nbob@example.com"],
    ["EscalationMatrix", "json", '{"critical": "soc-lead", "high": "tier2"}'],
  ] as const) {
    lists.set(name, {
      id: name,
      version: 1,
      name,
      type,
      data,
      description: "",
      allRead: false,
      allReadWrite: false,
      modified: listTime,
      truncated: false,
    });
  }
  return { incidents, entries, indicators, lists, next: { incident: count + 1, indicator: indicatorCount + 1, entry: entryCounter } };
}

interface SerializedXsoar {
  readonly incidents: XsoarIncident[];
  readonly entries: Record<string, XsoarEntry[]>;
  readonly indicators: XsoarIndicator[];
  readonly lists: XsoarList[];
  readonly next: XsoarData["next"];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The tenants' XSOAR data (durable with a data directory). */
export const XSOAR_DATA = new TenantDataStore<XsoarData>({
  area: "xsoar",
  create: seedXsoarData,
  serialize: (data): SerializedXsoar => ({
    incidents: [...data.incidents.values()],
    entries: Object.fromEntries(data.entries),
    indicators: [...data.indicators.values()],
    lists: [...data.lists.values()],
    next: data.next,
  }),
  restore: (json) => {
    if (
      !isRecord(json) ||
      !Array.isArray(json["incidents"]) ||
      !isRecord(json["entries"]) ||
      !Array.isArray(json["indicators"]) ||
      !Array.isArray(json["lists"]) ||
      !isRecord(json["next"])
    ) {
      throw new Error("Data directory: the XSOAR data file is not valid");
    }
    const saved = json as unknown as SerializedXsoar;
    return {
      incidents: new Map(saved.incidents.map((incident) => [incident.id, incident])),
      entries: new Map(Object.entries(saved.entries)),
      indicators: new Map(saved.indicators.map((indicator) => [indicator.id, indicator])),
      lists: new Map(saved.lists.map((list) => [list.name, list])),
      next: { ...saved.next },
    };
  },
});
