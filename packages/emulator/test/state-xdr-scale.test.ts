import { performance } from "node:perf_hooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allAlerts, allIncidents, startXdr, type XdrHarness } from "./state-xdr-helpers.js";

const V1 = "/public_api/v1";
let xdr: XdrHarness;
let startupMs: number;
let firstCallMs: number;

beforeAll(async () => {
  const started = performance.now();
  xdr = await startXdr({ seed: 5, scale: "large" });
  startupMs = performance.now() - started;
  const first = performance.now();
  await xdr.reply(`${V1}/alerts/get_alerts`, { search_to: 1 });
  firstCallMs = performance.now() - first;
});

afterAll(async () => {
  await xdr.emulator.close();
});

describe("large scale", () => {
  it("starts fast and builds the XDR world lazily in well under a few seconds", () => {
    console.info(`large scale: startup ${startupMs.toFixed(0)} ms, first XDR call (world build) ${firstCallMs.toFixed(0)} ms`);
    expect(startupMs).toBeLessThan(3000);
    expect(firstCallMs).toBeLessThan(3000);
  });

  it("has at least 100 000 alerts and 10 000 endpoints, and caps total_count at 9 999", async () => {
    const reply = await xdr.reply<{ total_count: number; result_count: number }>(`${V1}/alerts/get_alerts`, {});
    expect(reply.total_count).toBe(9_999);
    expect(reply.result_count).toBe(100);
    const endpoints = await xdr.reply<{ total_count: number }>(`${V1}/endpoints/get_endpoint`, { search_to: 1 });
    expect(endpoints.total_count).toBeGreaterThanOrEqual(10_000);
  });

  it("pages through every alert exactly once, and the alerts add up to the incidents' counts", async () => {
    const incidents = await allIncidents(xdr);
    const expected = incidents.reduce((sum, incident) => sum + incident.alert_count, 0);
    expect(expected).toBeGreaterThanOrEqual(100_000);
    // One page past the end, to see that it is empty.
    const alerts = await allAlerts(xdr, expected + 100, 8);
    expect(alerts).toHaveLength(expected);
    const ids = new Set(alerts.map((alert) => alert.alert_id));
    expect(ids.size).toBe(expected);
    const perCase = new Map<number, number>();
    for (const alert of alerts) perCase.set(alert.case_id as number, (perCase.get(alert.case_id as number) ?? 0) + 1);
    for (const incident of incidents) expect(perCase.get(Number(incident.incident_id)) ?? 0).toBe(incident.alert_count);
  }, 20_000);
});
