import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allAlerts, allIncidents, startXdr, type XdrHarness } from "./state-xdr-helpers.js";

const V1 = "/public_api/v1";
let xdr: XdrHarness;

// How fast the large world builds is measured in bench/emulator-load.mjs, never asserted here.
beforeAll(async () => {
  xdr = await startXdr({ seed: 5, scale: "large" });
});

afterAll(async () => {
  await xdr.emulator.close();
});

describe("large scale", () => {
  it("has exactly 100 000 alerts and 10 000 endpoints, and caps total_count at 9 999", async () => {
    const reply = await xdr.reply<{ total_count: number; result_count: number }>(`${V1}/alerts/get_alerts`, {});
    expect(reply.total_count).toBe(9_999);
    expect(reply.result_count).toBe(100);
    const endpoints = await xdr.reply<{ total_count: number }>(`${V1}/endpoints/get_endpoint`, { search_to: 1 });
    expect(endpoints.total_count).toBeGreaterThanOrEqual(10_000);
  });

  it("pages through every alert exactly once, and the alerts add up to the incidents' counts", async () => {
    const incidents = await allIncidents(xdr);
    const expected = incidents.reduce((sum, incident) => sum + incident.alert_count, 0);
    expect(expected).toBe(100_000);
    // One page past the end, to see that it is empty.
    const alerts = await allAlerts(xdr, expected + 100, 8);
    expect(alerts).toHaveLength(expected);
    const ids = new Set(alerts.map((alert) => alert.alert_id));
    expect(ids.size).toBe(expected);
    const perCase = new Map<number, number>();
    for (const alert of alerts) perCase.set(alert.case_id as number, (perCase.get(alert.case_id as number) ?? 0) + 1);
    for (const incident of incidents) expect(perCase.get(Number(incident.incident_id)) ?? 0).toBe(incident.alert_count);
  }, 60_000);
});

describe("a fixed alert count", () => {
  async function seededAlertTotal(alerts: number): Promise<{ total: number; incidents: number }> {
    const harness = await startXdr({ seed: 11 }, { alerts });
    try {
      const incidents = await allIncidents(harness);
      const total = incidents.reduce((sum, incident) => sum + incident.alert_count, 0);
      // The incidents' severity counts add up to their alert counts, and the alerts are really there.
      for (const incident of incidents) {
        expect(
          incident.low_severity_alert_count + incident.med_severity_alert_count + incident.high_severity_alert_count + incident.critical_severity_alert_count,
        ).toBe(incident.alert_count);
      }
      const served = await allAlerts(harness, total + 100, 4);
      expect(served).toHaveLength(total);
      return { total, incidents: incidents.length };
    } finally {
      await harness.emulator.close();
    }
  }

  it.each([7, 1_234, 5_003])("seeds exactly %i alerts, scaling the incidents' counts up or down", async (alerts) => {
    expect((await seededAlertTotal(alerts)).total).toBe(alerts);
  });

  it("refuses a count past the documented maximum", async () => {
    await expect(startXdr({}, { alerts: 1_000_001 })).rejects.toThrow(/alerts must be an integer from 0 to 1000000/);
  });
});
