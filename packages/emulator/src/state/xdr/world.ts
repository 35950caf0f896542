/**
 * The XDR / XSIAM state of one tenant: endpoints, alerts (linked to the
 * tenant's incidents), response actions, downloads, XQL queries, lookup
 * datasets, IOCs and hash lists.
 *
 * Built lazily on the first XDR operation of a tenant, from the tenant's seed:
 * the same seed gives the same world. Time-driven state (action status,
 * isolation, scans, XQL queries) is derived from the emulator clock when read,
 * so nothing runs in the background and a test moves time by moving its
 * injected clock.
 */
import { generateAlerts, type AlertRecord, type AlertSeverity } from "../../data/alerts.js";
import { generateEndpoints, type EndpointSeed } from "../../data/endpoints.js";
import { withAlertCounts, type Incident } from "../../data/incidents.js";
import { deriveSeed, mulberry32 } from "../../random.js";
import type { Tenant } from "../../tenant.js";
import { LARGE_SCALE, SMALL_SCALE_ENDPOINTS, isLargeScale, type ResolvedXdrOptions } from "./options.js";

/** Incident list replies kept per world (each at most a page of 100 incidents, about 150 KB). */
const INCIDENT_REPLY_CACHE_ENTRIES = 16;

/** Id of the first seeded alert. */
export const FIRST_ALERT_ID = 100_001;

/** Response-action kinds. */
export type ActionKind =
  | "isolate"
  | "unisolate"
  | "scan"
  | "abort_scan"
  | "quarantine"
  | "restore"
  | "file_retrieval"
  | "run_script"
  | "run_snippet_code_script";

/** Action status values (reference §4.6). */
export type ActionStatus =
  | "PENDING"
  | "IN_PROGRESS"
  | "CANCELLED"
  | "PENDING_ABORT"
  | "ABORTED"
  | "EXPIRED"
  | "COMPLETED_PARTIAL"
  | "COMPLETED_SUCCESSFULLY"
  | "FAILED"
  | "TIMEOUT";

/** A script run by run_script or run_snippet_code_script. */
export interface ActionScript {
  /** Script uid (`null` for snippets). */
  readonly uid: string | null;
  /** Script name. */
  readonly name: string;
  /** Script description. */
  readonly description: string;
  /** Parameter values as sent. */
  readonly parameters: Readonly<Record<string, unknown>>;
  /** Snippet code, for snippets. */
  readonly snippet: string | null;
}

/** A response action (plain JSON, persisted). */
export interface ActionRecord {
  /** Action (group action) id. */
  readonly id: number;
  /** What it does. */
  readonly kind: ActionKind;
  /** Creation time, epoch ms. */
  readonly createdAt: number;
  /** Agent ids it runs on. */
  readonly endpointIds: readonly string[];
  /** Final status per agent id, reached at `createdAt + pendingMs + inProgressMs`. */
  readonly outcomes: Readonly<Record<string, ActionStatus>>;
  /** Incident the action was linked to, or `null`. */
  readonly incidentId: string | null;
  /** The script, for script actions. */
  readonly script?: ActionScript;
  /** Files asked for, for file retrieval (paths). */
  readonly files?: readonly string[];
  /** File hash, for quarantine and restore. */
  readonly fileHash?: string;
  /** File path, for quarantine. */
  readonly filePath?: string;
  /** Agent ids whose part was aborted, with the abort action id (scans). */
  aborted?: Record<string, number>;
}

/** Mutable per-endpoint state (only endpoints that changed have an entry). */
export interface EndpointState {
  /** Settled isolation. */
  isolated: boolean;
  /** When isolation settled, epoch ms, or `null`. */
  isolatedDate: number | null;
  /** An isolate/unisolate action not yet settled. */
  isolationAction: number | null;
  /** Settled scan status, e.g. `SCAN_STATUS_NONE`. */
  scan: string;
  /** A scan action not yet settled. */
  scanAction: number | null;
  /** Alias (`""` when none). */
  alias: string;
}

/** A file served once at `/public_api/v1/download/<token>` until it expires (memory only). */
export interface Download {
  /** Expiry, epoch ms. */
  readonly expiresAt: number;
  /** File name for `Content-Disposition`. */
  readonly fileName: string;
  /** The bytes. */
  readonly content: Uint8Array;
}

/** A lookup (or other user) dataset. */
export interface LookupDataset {
  /** Name. */
  readonly name: string;
  /** Field types by name. */
  readonly schema: Readonly<Record<string, string>>;
  /** Rows, each with `_insert_time` and `_update_time`. */
  rows: Record<string, unknown>[];
  /** Creation time, epoch ms. */
  readonly createdAt: number;
}

/** An IOC rule (`indicators/insert`). */
export interface IocRule {
  /** Rule id. */
  readonly rule_id: number;
  /** The indicator value. */
  readonly indicator: string;
  /** Indicator type. */
  readonly type: string;
  /** `SEV_0x0_...`. */
  readonly severity: string;
  /** Epoch ms or -1. */
  readonly expiration_date: number;
  /** Comment. */
  readonly comment: string | null;
  /** Reputation. */
  readonly reputation: string | null;
  /** Reliability. */
  readonly reliability: string | null;
  /** Whether the default expiration applies. */
  readonly default_expiration_enabled: boolean;
}

/** An agent installer package (`distributions/create`). */
export interface DistributionRecord {
  /** 32-hex id. */
  readonly id: string;
  /** Name. */
  readonly name: string;
  /** Package type as sent (`standalone`, `upgrade`, ...). */
  readonly packageType: string;
  /** Platform, or `null`. */
  readonly platform: string | null;
  /** Creation time, epoch ms; the package is built `inProgressMs` later. */
  readonly createdAt: number;
}

/** Ids and positions of the world's records. */
const SEVERITY_RANK: Readonly<Record<AlertSeverity, number>> = {
  unknown: 0,
  informational: 1,
  low: 2,
  medium: 3,
  high: 4,
  critical: 5,
};

/** Rank of a severity for sorting (unknown < informational < low < ... < critical). */
export function severityRank(severity: AlertSeverity): number {
  return SEVERITY_RANK[severity];
}

/** The state of one tenant. */
export class XdrWorld {
  /** The tenant. */
  readonly tenant: Tenant;
  /** Timing and scale. */
  readonly options: ResolvedXdrOptions;
  /** Endpoints in seed order. */
  readonly endpoints: readonly EndpointSeed[];
  /** Endpoints by agent id. */
  readonly endpointsById: ReadonlyMap<string, EndpointSeed>;
  /** Changed endpoint state by agent id. */
  readonly endpointState = new Map<string, EndpointState>();
  /** Alerts in id order. */
  readonly alerts: AlertRecord[];
  /** Position in {@link alerts} by alert id. */
  readonly alertIndex = new Map<number, number>();
  /** Alert positions by incident id (as a number). */
  readonly alertsByCase = new Map<number, number[]>();
  /** Position in `tenant.incidents` by incident id. */
  readonly incidentIndex = new Map<string, number>();
  /** Response actions by id. */
  readonly actions = new Map<number, ActionRecord>();
  /** Download links by token (memory only). */
  readonly downloads = new Map<string, Download>();
  /** Lookup datasets by name. */
  readonly lookups = new Map<string, LookupDataset>();
  /** IOC rules by id. */
  readonly iocs = new Map<number, IocRule>();
  /** Hash exceptions: sha256 → list. */
  readonly hashLists = new Map<string, "blocklist" | "allowlist">();
  /** Agent installer packages by id. */
  readonly distributions = new Map<string, DistributionRecord>();
  /** Role changes of console users (`rbac/set_user_role`): e-mail → role name (`""` for none). */
  readonly userRoles = new Map<string, string>();
  /** Next ids. */
  next = { alert: FIRST_ALERT_ID, incident: 1, action: 1, ioc: 1 };
  /** Changed records, persisted as overlays on the seeded world. */
  readonly dirty = { incidents: new Set<string>(), alerts: new Set<number>(), endpoints: new Set<string>() };
  /** Bumped on every alert change; sorted views are cached per version. */
  #version = 0;
  #sorted = new Map<string, { version: number; alerts: AlertRecord[] }>();
  /** Bumped on every incident change; incident list replies are cached per version. */
  #incidentVersion = 0;
  #incidentReplies = new Map<string, Buffer>();
  #incidentReplyVersion = 0;

  /** Builds the seeded world of `tenant` (rescaling incident alert counts at the large scale). */
  constructor(tenant: Tenant, options: ResolvedXdrOptions, anchorMs: number) {
    this.tenant = tenant;
    this.options = options;
    const large = isLargeScale(tenant.incidents.length);
    const endpointCount = options.endpoints ?? (large ? LARGE_SCALE.endpoints : SMALL_SCALE_ENDPOINTS);
    const random = mulberry32(deriveSeed(tenant.seed, "xdr-world"));
    this.endpoints = generateEndpoints(random, tenant.directory, endpointCount, anchorMs);
    this.endpointsById = new Map(this.endpoints.map((endpoint) => [endpoint.id, endpoint]));

    const target = options.alerts ?? (large ? LARGE_SCALE.alerts : undefined);
    if (target !== undefined) this.#rescale(target);
    tenant.incidents.forEach((incident, position) => this.incidentIndex.set(incident.incident_id, position));
    this.next.incident = tenant.incidents.reduce((max, incident) => Math.max(max, Number(incident.incident_id)), 0) + 1;
    this.alerts = generateAlerts({ incidents: tenant.incidents, endpointsById: this.endpointsById, firstId: FIRST_ALERT_ID });
    this.alerts.forEach((alert, position) => this.#indexAlert(alert, position));
    this.next.alert = FIRST_ALERT_ID + this.alerts.length;
  }

  /**
   * Scales every incident's per-severity alert counts so that they add up to exactly `target`
   * (largest-remainder apportionment, so the mix of severities and incidents keeps its shape).
   * Incidents without alerts get an even share when no incident has any. With no incidents
   * there is nothing alerts can belong to, and the tenant has none.
   */
  #rescale(target: number): void {
    const incidents = this.tenant.incidents;
    if (incidents.length === 0) return;
    const natural = incidents.reduce((sum, incident) => sum + incident.alert_count, 0);
    if (natural === target) return;
    const cells = incidents.flatMap((incident) =>
      natural === 0
        ? [1, 0, 0, 0]
        : [incident.low_severity_alert_count, incident.med_severity_alert_count, incident.high_severity_alert_count, incident.critical_severity_alert_count],
    );
    const weight = natural === 0 ? incidents.length : natural;
    const counts = cells.map((cell) => Math.floor((cell * target) / weight));
    let missing = target - counts.reduce((sum, count) => sum + count, 0);
    // Hand the rest out by largest remainder, ties to the earlier cell: deterministic for a seed.
    const order = cells
      .map((cell, index) => ({ index, remainder: (cell * target) % weight }))
      .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
    for (const { index } of order) {
      if (missing <= 0) break;
      counts[index] = (counts[index] ?? 0) + 1;
      missing--;
    }
    for (let i = 0; i < incidents.length; i++) {
      const incident = incidents[i];
      if (incident === undefined) continue;
      const at = i * 4;
      incidents[i] = withAlertCounts(incident, {
        low: counts[at] ?? 0,
        medium: counts[at + 1] ?? 0,
        high: counts[at + 2] ?? 0,
        critical: counts[at + 3] ?? 0,
      });
    }
  }

  #indexAlert(alert: AlertRecord, position: number): void {
    this.alertIndex.set(alert.alert_id, position);
    if (alert.case_id !== null) {
      let list = this.alertsByCase.get(alert.case_id);
      if (list === undefined) {
        list = [];
        this.alertsByCase.set(alert.case_id, list);
      }
      list.push(position);
    }
  }

  /** The incident with this id, or `undefined`. */
  incident(id: string): Incident | undefined {
    const position = this.incidentIndex.get(id);
    return position === undefined ? undefined : this.tenant.incidents[position];
  }

  /** Replaces an incident record (or appends a new one). */
  putIncident(incident: Incident): void {
    const position = this.incidentIndex.get(incident.incident_id);
    if (position === undefined) {
      this.incidentIndex.set(incident.incident_id, this.tenant.incidents.length);
      this.tenant.incidents.push(incident);
    } else {
      this.tenant.incidents[position] = incident;
    }
    this.dirty.incidents.add(incident.incident_id);
    this.#incidentVersion++;
  }

  /**
   * An incident list reply, built by `build` once per request text and incident version: clients
   * page and poll the same lists over and over, and filtering, sorting and serialising the
   * incidents again for each was most of a list call's cost. Depends on nothing but the incidents
   * and `request` (the request's own text of what it asks for).
   */
  incidentReply(request: string, build: () => string): Buffer {
    if (this.#incidentReplyVersion !== this.#incidentVersion) {
      this.#incidentReplies.clear();
      this.#incidentReplyVersion = this.#incidentVersion;
    }
    let bytes = this.#incidentReplies.get(request);
    if (bytes === undefined) {
      bytes = Buffer.from(build(), "utf8");
      // Bounded: a client that never repeats a request gains nothing, and must not grow the cache.
      if (this.#incidentReplies.size >= INCIDENT_REPLY_CACHE_ENTRIES) this.#incidentReplies.clear();
      this.#incidentReplies.set(request, bytes);
    }
    return bytes;
  }

  /** The alert with this id, or `undefined`. */
  alert(id: number): AlertRecord | undefined {
    const position = this.alertIndex.get(id);
    return position === undefined ? undefined : this.alerts[position];
  }

  /** Alerts of an incident, in id order. */
  alertsOf(incidentId: string): AlertRecord[] {
    const positions = this.alertsByCase.get(Number(incidentId)) ?? [];
    return positions.flatMap((position) => {
      const alert = this.alerts[position];
      return alert === undefined ? [] : [alert];
    });
  }

  /** Replaces an alert record (or appends a new one). */
  putAlert(alert: AlertRecord): void {
    const position = this.alertIndex.get(alert.alert_id);
    if (position === undefined) {
      this.alerts.push(alert);
      this.#indexAlert(alert, this.alerts.length - 1);
      this.next.alert = Math.max(this.next.alert, alert.alert_id + 1);
    } else {
      this.alerts[position] = alert;
    }
    this.dirty.alerts.add(alert.alert_id);
    this.#version++;
  }

  /** Recomputes an incident's alert counts from its alerts (after severities change). */
  recountIncident(incidentId: string, now: number): void {
    const incident = this.incident(incidentId);
    if (incident === undefined) return;
    const counts = { low: 0, medium: 0, high: 0, critical: 0 };
    for (const alert of this.alertsOf(incidentId)) {
      if (alert.severity === "critical") counts.critical++;
      else if (alert.severity === "high") counts.high++;
      else if (alert.severity === "medium") counts.medium++;
      // Informational and unknown alerts count as low, so the four counts always add up to alert_count.
      else counts.low++;
    }
    this.putIncident({ ...withAlertCounts(incident, counts), modification_time: Math.max(incident.modification_time, now) });
  }

  /**
   * Alerts sorted by a comparator key, cached until an alert changes.
   * @param key - Cache key naming the order.
   * @param compare - The order.
   */
  sortedAlerts(key: string, compare: (a: AlertRecord, b: AlertRecord) => number): readonly AlertRecord[] {
    const cached = this.#sorted.get(key);
    if (cached !== undefined && cached.version === this.#version) return cached.alerts;
    const alerts = [...this.alerts].sort(compare);
    this.#sorted.set(key, { version: this.#version, alerts });
    return alerts;
  }

  /** Changed state of an endpoint, created on first change. */
  stateOf(endpointId: string): EndpointState {
    let state = this.endpointState.get(endpointId);
    if (state === undefined) {
      state = { isolated: false, isolatedDate: null, isolationAction: null, scan: "SCAN_STATUS_NONE", scanAction: null, alias: "" };
      this.endpointState.set(endpointId, state);
    }
    this.dirty.endpoints.add(endpointId);
    return state;
  }

  /** End of the PENDING phase of an action. */
  pendingEnd(action: ActionRecord): number {
    return action.createdAt + this.options.pendingMs;
  }

  /** When an action reaches its final status. */
  finalAt(action: ActionRecord): number {
    return action.createdAt + this.options.pendingMs + this.options.inProgressMs;
  }

  /** Status of an action on one endpoint at `now`. */
  actionStatus(action: ActionRecord, endpointId: string, now: number): ActionStatus {
    const abortId = action.aborted?.[endpointId];
    if (abortId !== undefined) {
      const abort = this.actions.get(abortId);
      return abort !== undefined && now >= this.finalAt(abort) ? "ABORTED" : "PENDING_ABORT";
    }
    if (now < this.pendingEnd(action)) return "PENDING";
    if (now < this.finalAt(action)) return "IN_PROGRESS";
    return action.outcomes[endpointId] ?? "FAILED";
  }

  /**
   * Settles an endpoint's isolation and scan with the clock: an isolate or
   * scan action whose final time has passed becomes the settled state.
   */
  settle(endpointId: string, now: number): EndpointState | undefined {
    const state = this.endpointState.get(endpointId);
    if (state === undefined) return undefined;
    if (state.isolationAction !== null) {
      const action = this.actions.get(state.isolationAction);
      if (action === undefined) state.isolationAction = null;
      else if (now >= this.finalAt(action)) {
        if (action.outcomes[endpointId] === "COMPLETED_SUCCESSFULLY") {
          state.isolated = action.kind === "isolate";
          state.isolatedDate = state.isolated ? this.finalAt(action) : null;
        }
        state.isolationAction = null;
      }
    }
    if (state.scanAction !== null) {
      const action = this.actions.get(state.scanAction);
      if (action === undefined) state.scanAction = null;
      else {
        const status = this.actionStatus(action, endpointId, now);
        if (status === "ABORTED") {
          state.scan = "SCAN_STATUS_ABORTED";
          state.scanAction = null;
        } else if (status !== "PENDING" && status !== "IN_PROGRESS" && status !== "PENDING_ABORT") {
          state.scan = status === "COMPLETED_SUCCESSFULLY" ? "SCAN_STATUS_SUCCESS" : "SCAN_STATUS_ERROR";
          state.scanAction = null;
        }
      }
    }
    return state;
  }

  /** `is_isolated` of an endpoint at `now`. */
  isolationOf(endpointId: string, now: number): { readonly is_isolated: string; readonly isolated_date: number | null } {
    const state = this.settle(endpointId, now);
    if (state === undefined) return { is_isolated: "AGENT_UNISOLATED", isolated_date: null };
    if (state.isolationAction !== null) {
      const action = this.actions.get(state.isolationAction);
      return {
        is_isolated: action?.kind === "isolate" ? "AGENT_PENDING_ISOLATION" : "AGENT_PENDING_ISOLATION_CANCELLATION",
        isolated_date: state.isolatedDate,
      };
    }
    return { is_isolated: state.isolated ? "AGENT_ISOLATED" : "AGENT_UNISOLATED", isolated_date: state.isolatedDate };
  }

  /** `scan_status` of an endpoint at `now`. */
  scanOf(endpointId: string, now: number): string {
    const state = this.settle(endpointId, now);
    if (state === undefined) return "SCAN_STATUS_NONE";
    if (state.scanAction !== null) {
      const action = this.actions.get(state.scanAction);
      if (action === undefined) return state.scan;
      const status = this.actionStatus(action, endpointId, now);
      if (status === "PENDING_ABORT") return "SCAN_STATUS_PENDING_CANCELLATION";
      return status === "PENDING" ? "SCAN_STATUS_PENDING" : "SCAN_STATUS_IN_PROGRESS";
    }
    return state.scan;
  }

  /** Adds an action, allocating its id. */
  addAction(action: Omit<ActionRecord, "id">): ActionRecord {
    const record: ActionRecord = { ...action, id: this.next.action++ };
    this.actions.set(record.id, record);
    return record;
  }

  /** Drops expired download links. */
  purgeDownloads(now: number): void {
    for (const [token, download] of this.downloads) if (download.expiresAt <= now) this.downloads.delete(token);
  }
}
