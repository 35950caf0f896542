import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startXdr, type IncidentRow, type XdrHarness } from "./state-xdr-helpers.js";

const V1 = "/public_api/v1";
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "xdr-state-"));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function open(): Promise<XdrHarness> {
  return startXdr({ seed: 8, dataDir: dir }, { actionTiming: { pendingMs: 10, inProgressMs: 10 } });
}

describe("XDR state with a data directory", () => {
  it("keeps incident and alert updates, ingested alerts, isolation and lookup data across a restart", async () => {
    const first = await open();
    let endpointId: string;
    let alertId: string;
    let total: number;
    try {
      await first.reply(`${V1}/incidents/update_incident`, { incident_id: "3", update_data: { status: "under_investigation", notes: "kept" } });
      const [alert] = (await first.reply<{ alerts: { alert_id: string }[] }>(`${V1}/alerts/get_alerts`, { search_to: 1 })).alerts;
      alertId = alert?.alert_id as string;
      await first.reply(`${V1}/alerts/update_alerts`, { alert_id_list: [alertId], update_data: { comment: "persisted" } });
      await first.reply(`${V1}/alerts/insert_cef_alerts`, { alerts: ["CEF:0|Acme|IDS|1|1|Kept alert|5|src=10.1.1.1"] });
      total = (await first.reply<{ total_count: number }>(`${V1}/alerts/get_alerts`, { search_to: 1 })).total_count;
      const [endpoint] = (await first.reply<{ endpoints: { endpoint_id: string }[] }>(`${V1}/endpoints/get_endpoint`, {
        filters: [{ field: "endpoint_status", operator: "in", value: ["connected"] }],
        search_to: 1,
      })).endpoints;
      endpointId = endpoint?.endpoint_id as string;
      await first.reply(`${V1}/endpoints/isolate`, { endpoint_id: endpointId });
      await first.reply("/public_api/v1/xql/add_dataset", { dataset_name: "kept", dataset_type: "lookup", dataset_schema: { k: "text" } });
      await first.reply("/public_api/v1/xql/lookups/add_data", { dataset_name: "kept", data: [{ k: "v" }] });
    } finally {
      await first.emulator.close();
    }
    expect((await readdir(dir)).filter((name) => name.startsWith("xdr."))).toEqual(["xdr.tenant-xdr-1.json"]);

    const second = await open();
    try {
      second.clock.advance(60_000);
      const [incident] = (await second.reply<{ incidents: IncidentRow[] }>(`${V1}/incidents/get_incidents`, {
        filters: [{ field: "incident_id_list", operator: "in", value: ["3"] }],
      })).incidents;
      expect(incident).toMatchObject({ status: "under_investigation", notes: "kept" });
      const [alert] = (await second.reply<{ alerts: Record<string, unknown>[] }>(`${V1}/alerts/get_alerts`, {
        filters: [{ field: "alert_id_list", operator: "in", value: [Number(alertId)] }],
      })).alerts;
      expect(alert?.["resolution_comment"]).toBe("persisted");
      expect((await second.reply<{ total_count: number }>(`${V1}/alerts/get_alerts`, { search_to: 1 })).total_count).toBe(total);
      const [endpoint] = (await second.reply<{ endpoints: { is_isolated: string }[] }>(`${V1}/endpoints/get_endpoint`, {
        filters: [{ field: "endpoint_id_list", operator: "in", value: [endpointId] }],
      })).endpoints;
      expect(endpoint?.is_isolated).toBe("AGENT_ISOLATED");
      const data = await second.reply<{ data: Record<string, unknown>[] }>("/public_api/v1/xql/lookups/get_data", { dataset_name: "kept" });
      expect(data.data.map((row) => row["k"])).toEqual(["v"]);
      // New ids continue after the persisted ones.
      await second.reply(`${V1}/alerts/insert_cef_alerts`, { alerts: ["CEF:0|Acme|IDS|1|1|Next alert|5|src=10.1.1.1"] });
      expect((await second.reply<{ total_count: number }>(`${V1}/alerts/get_alerts`, { search_to: 1 })).total_count).toBe(total + 1);
    } finally {
      await second.emulator.close();
    }
  });
});
