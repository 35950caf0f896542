import { startEmulator, type EmulatorOptions, type RunningEmulator, type XdrStateOptions } from "../src/index.js";
import { advancedHeaders, call, type Credentials, type Reply } from "./helpers.js";

/** A test clock the emulator reads; move it instead of sleeping. */
export class TestClock {
  now: number;
  constructor(start: number = Date.UTC(2025, 5, 1)) {
    this.now = start;
  }
  advance(ms: number): void {
    this.now += ms;
  }
  readonly read = (): number => this.now;
}

export interface XdrHarness {
  readonly emulator: RunningEmulator;
  readonly admin: Credentials;
  readonly clock: TestClock;
  post(path: string, requestData: unknown, extra?: { headers?: Record<string, string>; credentials?: Credentials }): Promise<Reply>;
  /** `reply` of a 200 answer (fails the test otherwise). */
  reply<T>(path: string, requestData: unknown): Promise<T>;
}

/**
 * Starts an emulator (through the public `startEmulator`) whose XDR state uses `xdr` as `xdrState`, with no
 * rate limits, and signs requests with the XDR tenant's administrator key (timestamps from the injected clock).
 */
export async function startXdr(options: EmulatorOptions = {}, xdr: XdrStateOptions = {}, tenantId = "tenant-xdr-1"): Promise<XdrHarness> {
  const clock = new TestClock();
  const emulator = await startEmulator({
    now: clock.read,
    ...options,
    xdrState: { ...options.xdrState, ...xdr },
    rateLimits: { perSecond: null, operations: [], ...options.rateLimits },
  });
  const admin = emulator.bootstrapKeys.find((key) => key.tenantId === tenantId);
  if (admin === undefined) throw new Error(`no bootstrap key for ${tenantId}`);
  const post: XdrHarness["post"] = (path, requestData, extra = {}) =>
    call(emulator.url, path, {
      headers: { ...advancedHeaders(extra.credentials ?? admin, clock.now), ...extra.headers },
      body: { request_data: requestData },
    });
  return {
    emulator,
    admin,
    clock,
    post,
    async reply<T>(path: string, requestData: unknown): Promise<T> {
      const answer = await post(path, requestData);
      if (answer.status !== 200) throw new Error(`${path} answered ${answer.status}: ${answer.text}`);
      return (answer.body as { reply: T }).reply;
    },
  };
}

export interface AlertRow {
  alert_id: string;
  case_id: number | null;
  severity: string;
  detection_timestamp: number;
  endpoint_id: string | null;
  host_name: string | null;
  source: string;
  name: string;
  [field: string]: unknown;
}

export interface IncidentRow {
  incident_id: string;
  alert_count: number;
  low_severity_alert_count: number;
  med_severity_alert_count: number;
  high_severity_alert_count: number;
  critical_severity_alert_count: number;
  status: string;
  [field: string]: unknown;
}

/** Every alert, paged 100 at a time with `concurrency` requests in flight, in the default order. */
export async function allAlerts(harness: XdrHarness, total: number, concurrency = 4, path = "/public_api/v1/alerts/get_alerts"): Promise<AlertRow[]> {
  const pages: AlertRow[][] = [];
  const count = Math.ceil(total / 100);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const page = next++;
      const reply = await harness.reply<{ alerts: AlertRow[] }>(path, { search_from: page * 100, search_to: page * 100 + 100 });
      pages[page] = reply.alerts;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return pages.flat();
}

/** Every incident, paged. */
export async function allIncidents(harness: XdrHarness): Promise<IncidentRow[]> {
  const rows: IncidentRow[] = [];
  for (let from = 0; ; from += 100) {
    const reply = await harness.reply<{ incidents: IncidentRow[]; total_count: number }>("/public_api/v1/incidents/get_incidents", {
      search_from: from,
      search_to: from + 100,
      sort: { field: "incident_id", keyword: "asc" },
    });
    rows.push(...reply.incidents);
    if (rows.length >= reply.total_count || reply.incidents.length === 0) return rows;
  }
}
