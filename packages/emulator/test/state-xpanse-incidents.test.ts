// Xpanse incidents and alert updates with state: get_incidents with §3.2 filters and page tokens (24 h expiry,
// bound to their operation and tenant), update_incident and update_alerts visible on the next read and kept
// across a restart; the XDR tenant's get_incidents keeps its own data.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { responseValidator } from "@cortex-sdk/schemas/validators";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../src/index.js";
import { advancedHeaders, bootstrapOf, call, replyOf, type Credentials, type Reply } from "./helpers.js";

const V1 = "/public_api/v1";
const ALERTS = "/public_api/v2/alerts/get_alerts_multi_events";
const DAY = 24 * 60 * 60 * 1000;

let emulator: RunningEmulator;
let xpanse: Credentials;
let xdr: Credentials;
let clock = Date.UTC(2025, 5, 1);

function post(path: string, requestData: unknown, credentials: Credentials = xpanse, at: RunningEmulator = emulator): Promise<Reply> {
  return call(at.url, path, { headers: advancedHeaders(credentials, clock), body: { request_data: requestData } });
}

interface Incident {
  incident_id: string;
  status: string;
  severity: string;
  manual_severity: string | null;
  assigned_user_mail: string | null;
  creation_time: number;
  incident_sources: string[];
  description: string;
  resolve_comment: string | null;
}
interface IncidentPage {
  total_count: number;
  result_count: number;
  incidents: Incident[];
  next_page_token?: string | null;
}

async function incidents(requestData: unknown, at: RunningEmulator = emulator): Promise<IncidentPage> {
  const answer = await post(`${V1}/incidents/get_incidents`, requestData, xpanse, at);
  expect(answer.status, answer.text).toBe(200);
  const reply = replyOf<IncidentPage>(answer);
  const result = await responseValidator("incidents.get_incidents")?.["~standard"].validate(reply);
  expect(result?.issues).toBeUndefined();
  return reply;
}

const byId = (id: string): unknown[] => [{ field: "incident_id_list", operator: "in", value: [id] }];

beforeAll(async () => {
  emulator = await startEmulator({ seed: 12, now: () => clock, rateLimits: { perSecond: null, operations: [] } });
  xpanse = bootstrapOf(emulator.bootstrapKeys, "tenant-xpanse-1");
  xdr = bootstrapOf(emulator.bootstrapKeys, "tenant-xdr-1");
});
afterAll(async () => {
  await emulator.close();
});

describe("Xpanse get_incidents", () => {
  it("answers ASM incidents with filters, sort and paging", async () => {
    const all = await incidents({ search_from: 0, search_to: 100 });
    expect(all.total_count).toBeGreaterThan(5);
    expect(all.incidents.every((incident) => incident.incident_sources.includes("ASM"))).toBe(true);
    const times = all.incidents.map((incident) => incident.creation_time);
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const asc = await incidents({ sort: { field: "creation_time", keyword: "ASC" }, search_to: 3 });
    expect(asc.incidents.map((incident) => incident.creation_time)).toEqual([...times].sort((a, b) => a - b).slice(0, 3));
    const [first] = all.incidents;
    const one = await incidents({ filters: [{ field: "incident_id_list", operator: "in", value: [first?.incident_id] }] });
    expect(one.incidents.map((incident) => incident.incident_id)).toEqual([first?.incident_id]);
    const needle = first?.description.slice(0, 6).toUpperCase() ?? "";
    const contains = await incidents({ filters: [{ field: "description", operator: "contains", value: needle }], search_to: 100 });
    expect(contains.incidents.every((incident) => incident.description.toUpperCase().includes(needle))).toBe(true);
    const after = await incidents({ filters: [{ field: "creation_time", operator: "gte", value: times[2] }], search_to: 100 });
    expect(after.incidents.every((incident) => incident.creation_time >= (times[2] ?? 0))).toBe(true);
    expect((await post(`${V1}/incidents/get_incidents`, { filters: [{ field: "nope", operator: "in", value: [1] }] })).status).toBe(400);
  });

  it("pages with use_page_token / next_page_token; tokens expire after 24 h and are bound to their operation and tenant", async () => {
    const total = (await incidents({})).total_count;
    let page = await incidents({ use_page_token: true, search_to: 4 });
    const seen = page.incidents.map((incident) => incident.incident_id);
    const firstToken = page.next_page_token;
    expect(typeof firstToken).toBe("string");
    while (typeof page.next_page_token === "string") {
      page = await incidents({ next_page_token: page.next_page_token });
      seen.push(...page.incidents.map((incident) => incident.incident_id));
    }
    expect(page.next_page_token).toBeNull();
    expect(new Set(seen).size).toBe(total);
    expect((await post(ALERTS, { next_page_token: firstToken })).status).toBe(401);
    expect((await post(`${V1}/incidents/get_incidents`, { next_page_token: "forged" })).status).toBe(401);
    const alertToken = replyOf<{ next_page_token: string }>(await post(ALERTS, { use_page_token: true, search_to: 2 })).next_page_token;
    expect((await post(`${V1}/incidents/get_incidents`, { next_page_token: alertToken })).status).toBe(401);
    clock += DAY - 1000;
    expect((await post(`${V1}/incidents/get_incidents`, { next_page_token: firstToken })).status).toBe(200);
    clock += 2000;
    expect((await post(`${V1}/incidents/get_incidents`, { next_page_token: firstToken })).status).toBe(401);
  });

  it("the XDR tenant keeps its own get_incidents", async () => {
    const answer = await post(`${V1}/incidents/get_incidents`, { search_to: 2 }, xdr);
    expect(answer.status).toBe(200);
    const reply = replyOf<IncidentPage>(answer);
    expect(reply.incidents.length).toBe(2);
    expect(reply.next_page_token).toBeUndefined();
  });
});

describe("Xpanse update_incident and update_alerts", () => {
  it("update_incident changes status, severity and assignee, visible on the next get_incidents", async () => {
    const target = (await incidents({ filters: [{ field: "status", operator: "eq", value: "new" }], search_to: 1 })).incidents[0];
    const id = target?.incident_id as string;
    const answer = await post(`${V1}/incidents/update_incident`, {
      incident_id: id,
      update_data: { status: "resolved_-_risk_accepted", resolve_comment: "accepted", manual_severity: "critical", assigned_user_mail: "alice.chen@example.com" },
    });
    expect(answer.status, answer.text).toBe(200);
    expect(replyOf(answer)).toBe(true);
    const [updated] = (await incidents({ filters: byId(id) })).incidents;
    expect(updated).toMatchObject({ status: "resolved_-_risk_accepted", resolve_comment: "accepted", manual_severity: "critical", severity: "critical", assigned_user_mail: "alice.chen@example.com" });
    // "resolved" filters every resolved status.
    const resolved = await incidents({ filters: [{ field: "status", operator: "eq", value: "resolved" }], search_to: 100 });
    expect(resolved.incidents.map((incident) => incident.incident_id)).toContain(id);

    const missing = await post(`${V1}/incidents/update_incident`, { incident_id: "999999", update_data: { status: "new" } });
    expect(missing.status).toBe(500);
    expect(missing.text).toContain("Incident 999999 was not found");
    expect((await post(`${V1}/incidents/update_incident`, { incident_id: id, update_data: { status: "bogus" } })).status).toBe(400);
    expect((await post(`${V1}/incidents/update_incident`, { incident_id: id, update_data: { assigned_user_mail: "ghost@example.com" } })).status).toBe(500);
  });

  it("update_alerts changes severity and status, visible on the next get_alerts_multi_events", async () => {
    const answer = await post(`${V1}/alerts/update_alerts`, { alert_id_list: ["1", "2", "987654"], update_data: { severity: "low", status: "resolved_no_risk", comment: "fine" } });
    expect(answer.status, answer.text).toBe(200);
    const reply = replyOf<{ alerts_ids: number[] }>(answer);
    expect((await responseValidator("alerts.update_alerts")?.["~standard"].validate(reply))?.issues).toBeUndefined();
    expect(reply.alerts_ids).toEqual([1, 2]);
    const alerts = replyOf<{ alerts: Record<string, unknown>[] }>(await post(ALERTS, { filters: [{ field: "alert_id_list", operator: "in", value: [1, 2] }] })).alerts;
    expect(alerts.map((alert) => [alert["alert_id"], alert["severity"], alert["status"], alert["resolution_comment"]])).toEqual(
      expect.arrayContaining([
        ["1", "low", "resolved_no_risk", "fine"],
        ["2", "low", "resolved_no_risk", "fine"],
      ]),
    );
    expect((await post(`${V1}/alerts/update_alerts`, { alert_id_list: ["1"], update_data: { severity: "extreme" } })).status).toBe(400);
    const tooMany = Array.from({ length: 101 }, (_, index) => String(index + 1));
    expect((await post(`${V1}/alerts/update_alerts`, { alert_id_list: tooMany, update_data: { severity: "low" } })).status).toBe(400);
  });

  it("keeps incident and alert updates across a restart with a data directory", async () => {
    const dir = await mkdtemp(join(tmpdir(), "xpanse-incidents-"));
    try {
      const first = await startEmulator({ seed: 3, dataDir: dir, now: () => clock });
      const key = bootstrapOf(first.bootstrapKeys, "tenant-xpanse-1");
      try {
        expect((await post(`${V1}/incidents/update_incident`, { incident_id: "2", update_data: { status: "under_investigation" } }, key, first)).status).toBe(200);
        expect((await post(`${V1}/alerts/update_alerts`, { alert_id_list: ["3"], update_data: { severity: "critical" } }, key, first)).status).toBe(200);
      } finally {
        await first.close();
      }
      const second = await startEmulator({ seed: 3, dataDir: dir, now: () => clock });
      const again = bootstrapOf(second.bootstrapKeys, "tenant-xpanse-1");
      try {
        const [incident] = replyOf<IncidentPage>(await post(`${V1}/incidents/get_incidents`, { filters: byId("2") }, again, second)).incidents;
        expect(incident?.status).toBe("under_investigation");
        const [alert] = replyOf<{ alerts: Record<string, unknown>[] }>(
          await post(ALERTS, { filters: [{ field: "alert_id_list", operator: "in", value: [3] }] }, again, second),
        ).alerts;
        expect(alert?.["severity"]).toBe("critical");
      } finally {
        await second.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
