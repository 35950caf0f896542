import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { invalidInput } from "./helpers.js";
import { allAlerts, allIncidents, startXdr, type AlertRow, type IncidentRow, type XdrHarness } from "./state-xdr-helpers.js";

const V1 = "/public_api/v1";
let xdr: XdrHarness;
let alerts: AlertRow[];
let incidents: IncidentRow[];

beforeAll(async () => {
  xdr = await startXdr({ seed: 11 });
  const first = await xdr.reply<{ total_count: number }>(`${V1}/alerts/get_alerts`, { search_from: 0, search_to: 1 });
  alerts = await allAlerts(xdr, first.total_count);
  incidents = await allIncidents(xdr);
});

afterAll(async () => {
  await xdr.emulator.close();
});

describe("seeded alerts", () => {
  it("belong to existing incidents whose counts agree with them", () => {
    expect(alerts.length).toBeGreaterThan(25);
    const byCase = new Map<number, AlertRow[]>();
    for (const alert of alerts) {
      expect(alert.case_id).not.toBeNull();
      byCase.set(alert.case_id as number, [...(byCase.get(alert.case_id as number) ?? []), alert]);
    }
    for (const incident of incidents) {
      const own = byCase.get(Number(incident.incident_id)) ?? [];
      expect(own.length).toBe(incident.alert_count);
      expect(own.filter((a) => a.severity === "critical").length).toBe(incident.critical_severity_alert_count);
      expect(own.filter((a) => a.severity === "high").length).toBe(incident.high_severity_alert_count);
      expect(own.filter((a) => a.severity === "medium").length).toBe(incident.med_severity_alert_count);
      expect(own.filter((a) => a.severity === "low").length).toBe(incident.low_severity_alert_count);
    }
    expect([...byCase.keys()].every((id) => incidents.some((incident) => Number(incident.incident_id) === id))).toBe(true);
  });

  it("name endpoints that get_endpoints lists, with the documented id types", async () => {
    const endpoints = await xdr.reply<{ agent_id: string }[]>(`${V1}/endpoints/get_endpoints`, {});
    const ids = new Set(endpoints.map((endpoint) => endpoint.agent_id));
    expect(ids.size).toBe(50);
    for (const alert of alerts) {
      expect(typeof alert.alert_id).toBe("string");
      expect(typeof alert.case_id).toBe("number");
      expect(alert.endpoint_id === null || ids.has(alert.endpoint_id)).toBe(true);
    }
    expect(alerts.some((alert) => alert.endpoint_id !== null)).toBe(true);
  });

  it("page in the default order (newest first) with each alert exactly once", () => {
    const ids = alerts.map((alert) => alert.alert_id);
    expect(new Set(ids).size).toBe(ids.length);
    const times = alerts.map((alert) => alert.detection_timestamp);
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it("filter by severity, source, ids and creation time (seconds or ms), and sort by severity", async () => {
    const high = await xdr.reply<{ total_count: number; alerts: AlertRow[] }>(`${V1}/alerts/get_alerts`, {
      filters: [{ field: "severity", operator: "in", value: ["high", "critical"] }],
    });
    expect(high.total_count).toBe(alerts.filter((a) => a.severity === "high" || a.severity === "critical").length);
    const some = alerts.slice(3, 6);
    const byIds = await xdr.reply<{ alerts: AlertRow[] }>(`${V1}/alerts/get_alerts`, {
      filters: [{ field: "alert_id_list", operator: "IN", value: some.map((a) => Number(a.alert_id)) }],
    });
    expect(byIds.alerts.map((a) => a.alert_id).sort()).toEqual(some.map((a) => a.alert_id).sort());
    const pivot = alerts[Math.floor(alerts.length / 2)] as AlertRow;
    const seconds = Math.ceil(pivot.detection_timestamp / 1000);
    const since = await xdr.reply<{ total_count: number }>(`${V1}/alerts/get_alerts`, {
      filters: [{ field: "creation_time", operator: "gte", value: seconds }],
    });
    expect(since.total_count).toBe(alerts.filter((a) => a.detection_timestamp >= seconds * 1000).length);
    const source = alerts[0]?.source as string;
    const bySource = await xdr.reply<{ total_count: number }>(`${V1}/alerts/get_alerts`, {
      filters: [{ field: "alert_source", operator: "in", value: [source] }],
    });
    expect(bySource.total_count).toBe(alerts.filter((a) => a.source === source).length);
    const sorted = await xdr.reply<{ alerts: AlertRow[] }>(`${V1}/alerts/get_alerts`, { sort: { field: "severity", keyword: "desc" }, search_to: 5 });
    expect(sorted.alerts.every((a) => a.severity === "critical")).toBe(alerts.filter((a) => a.severity === "critical").length >= 5);
  });

  it("reject pages over 100 with the vendor's message", async () => {
    const reply = await xdr.post(`${V1}/alerts/get_alerts`, { search_from: 0, search_to: 101 });
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual(invalidInput("Search size must fulfill the requirement: 0 < search_size <= 100"));
  });

  it("come in the multi-events v1 (events list) and v2 (array event fields) shapes", async () => {
    const v1 = await xdr.reply<{ alerts: (AlertRow & { events: unknown[] })[] }>(`${V1}/alerts/get_alerts_multi_events`, { search_to: 3 });
    expect(v1.alerts.map((a) => a.alert_id)).toEqual(alerts.slice(0, 3).map((a) => a.alert_id));
    expect(v1.alerts[0]?.events).toHaveLength(1);
    const v2 = await xdr.reply<{ alerts: Record<string, unknown>[] }>("/public_api/v2/alerts/get_alerts_multi_events", { search_to: 3 });
    const first = v2.alerts[0] as Record<string, unknown>;
    expect(first["alert_id"]).toBe(alerts[0]?.alert_id);
    expect(Array.isArray(first["event_type"]) && (first["event_type"] as unknown[]).every((v) => typeof v === "string")).toBe(true);
    expect(first["host_ip"]).toEqual(alerts[0]?.host_ip === null ? [] : [alerts[0]?.host_ip]);
    expect(first["event_timestamp"]).toEqual([alerts[0]?.detection_timestamp]);
    expect(typeof first["case_id"]).toBe("number");
  });
});

describe("changes", () => {
  it("update_incident is visible on the next read, and resolving resolves the incident's alerts", async () => {
    const target = incidents.find((incident) => incident.status === "new") ?? (incidents[0] as IncidentRow);
    const byId = { filters: [{ field: "incident_id_list", operator: "in", value: [target.incident_id] }] };
    // Read once before the change: a repeated list request must not be answered from the old state.
    const before = await xdr.reply<{ incidents: IncidentRow[] }>(`${V1}/incidents/get_incidents`, byId);
    expect(before.incidents[0]?.status).toBe(target.status);
    const ok = await xdr.post(`${V1}/incidents/update_incident`, {
      incident_id: target.incident_id,
      update_data: { status: "resolved_false_positive", resolve_comment: "benign", manual_severity: "critical", assigned_user_mail: "none", notes: "checked" },
    });
    expect(ok.body).toEqual({ reply: true });
    const extra = await xdr.reply<{ incident: IncidentRow; alerts: { total_count: number; data: AlertRow[] } }>(`${V1}/incidents/get_incident_extra_data`, {
      incident_id: target.incident_id,
    });
    expect(extra.incident).toMatchObject({ status: "resolved_false_positive", resolve_comment: "benign", severity: "critical", manual_severity: "critical", notes: "checked", assigned_user_mail: null });
    expect(extra.alerts.total_count).toBe(target.alert_count);
    expect(extra.alerts.data.every((alert) => alert["resolution_status"] === "STATUS_070_RESOLVED_FALSE_POSITIVE")).toBe(true);
    const listed = await xdr.reply<{ incidents: IncidentRow[] }>(`${V1}/incidents/get_incidents`, byId);
    expect(listed.incidents[0]?.status).toBe("resolved_false_positive");
    const bad = await xdr.post(`${V1}/incidents/update_incident`, { incident_id: target.incident_id, update_data: { assigned_user_mail: "nobody@example.com" } });
    expect(bad.status).toBe(500);
    const missing = await xdr.post(`${V1}/incidents/get_incident_extra_data`, { incident_id: "999999" });
    expect(missing.status).toBe(404);
  });

  it("update_alerts answers the updated ids, and incident counts follow severity changes", async () => {
    const alert = alerts.find((a) => a.severity === "low") as AlertRow;
    const before = incidents.find((incident) => Number(incident.incident_id) === alert.case_id) as IncidentRow;
    const reply = await xdr.reply<{ alerts_ids: number[] }>(`${V1}/alerts/update_alerts`, {
      alert_id_list: [alert.alert_id, "1"],
      update_data: { severity: "high", status: "under_investigation", comment: "looking" },
    });
    expect(reply.alerts_ids).toEqual([Number(alert.alert_id)]);
    const read = await xdr.reply<{ alerts: AlertRow[] }>(`${V1}/alerts/get_alerts`, {
      filters: [{ field: "alert_id_list", operator: "in", value: [Number(alert.alert_id)] }],
    });
    expect(read.alerts[0]).toMatchObject({ severity: "high", resolution_status: "STATUS_020_UNDER_INVESTIGATION", resolution_comment: "looking" });
    const [after] = (await xdr.reply<{ incidents: IncidentRow[] }>(`${V1}/incidents/get_incidents`, {
      filters: [{ field: "incident_id_list", operator: "in", value: [before.incident_id] }],
    })).incidents;
    expect(after?.low_severity_alert_count).toBe(before.low_severity_alert_count - 1);
    expect(after?.high_severity_alert_count).toBe(before.high_severity_alert_count + 1);
    expect(after?.alert_count).toBe(before.alert_count);
    const tooMany = await xdr.post(`${V1}/alerts/update_alerts`, { alert_id_list: Array.from({ length: 101 }, (_, i) => String(i + 1)), update_data: { severity: "low" } });
    expect(tooMany.status).toBe(400);
  });

  it("insert_parsed_alerts and insert_cef_alerts add alerts in a new incident, within the ingestion limits", async () => {
    const before = await xdr.reply<{ total_count: number }>(`${V1}/alerts/get_alerts`, { search_to: 1 });
    const endpoints = await xdr.reply<{ endpoints: { ip: string[]; endpoint_id: string }[] }>(`${V1}/endpoints/get_endpoint`, { search_to: 1 });
    const ip = endpoints.endpoints[0]?.ip[0] as string;
    const parsed = Array.from({ length: 3 }, (_, i) => ({
      product: "NGFW",
      vendor: "Acme",
      local_ip: ip,
      local_port: String(50000 + i),
      remote_ip: "192.0.2.10",
      remote_port: "443",
      event_timestamp: xdr.clock.now - i,
      severity: i === 0 ? "High" : "Informational",
      alert_name: `Parsed ${i}`,
    }));
    expect((await xdr.post(`${V1}/alerts/insert_parsed_alerts`, { alerts: parsed })).body).toEqual({ reply: true });
    const cef = "CEF:0|Acme|IDS|1.0|100|Port scan detected|7|src=10.9.9.9 dst=192.0.2.20 spt=1234 dpt=22 msg=scan from inside";
    expect((await xdr.post(`${V1}/alerts/insert_cef_alerts`, { alerts: [cef] })).body).toEqual({ reply: true });
    const after = await xdr.reply<{ total_count: number; alerts: AlertRow[] }>(`${V1}/alerts/get_alerts`, {
      filters: [{ field: "alert_source", operator: "in", value: ["Acme NGFW", "Acme IDS"] }],
    });
    expect(after.total_count).toBe(4);
    const total = await xdr.reply<{ total_count: number }>(`${V1}/alerts/get_alerts`, { search_to: 1 });
    expect(total.total_count).toBe(before.total_count + 4);
    const parsedAlert = after.alerts.find((a) => a.name === "Parsed 0") as AlertRow;
    expect(parsedAlert.endpoint_id).toBe(endpoints.endpoints[0]?.endpoint_id);
    const extra = await xdr.reply<{ incident: IncidentRow; alerts: { data: AlertRow[] } }>(`${V1}/incidents/get_incident_extra_data`, {
      incident_id: String(parsedAlert.case_id),
    });
    expect(extra.incident.alert_count).toBe(3);
    expect(extra.incident.high_severity_alert_count + extra.incident.low_severity_alert_count).toBe(3);
    expect(extra.alerts.data.map((a) => a.name).sort()).toEqual(["Parsed 0", "Parsed 1", "Parsed 2"]);
    const cefAlert = after.alerts.find((a) => a.name === "Port scan detected");
    expect(cefAlert?.severity).toBe("high");

    const sixtyOne = await xdr.post(`${V1}/alerts/insert_parsed_alerts`, { alerts: Array.from({ length: 61 }, () => parsed[0]) });
    expect(sixtyOne.status).toBe(400);
    // 600 a minute: 4 used, so nine more batches of 60 fit (540), then the budget is spent.
    for (let i = 0; i < 9; i++) expect((await xdr.post(`${V1}/alerts/insert_parsed_alerts`, { alerts: Array.from({ length: 60 }, () => parsed[0]) })).status).toBe(200);
    const over = await xdr.post(`${V1}/alerts/insert_parsed_alerts`, { alerts: Array.from({ length: 60 }, () => parsed[0]) });
    expect(over.status).toBe(429);
    const invalid = await xdr.post(`${V1}/alerts/insert_parsed_alerts`, { alerts: [{ vendor: "x" }] });
    expect(invalid.status).toBe(400);
  });
});
