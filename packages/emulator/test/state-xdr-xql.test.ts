import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { advancedHeaders, bootstrapOf, call, type Credentials } from "./helpers.js";
import { allAlerts, startXdr, type AlertRow, type XdrHarness } from "./state-xdr-helpers.js";

const XQL = "/public_api/v1/xql";
const RUN_MS = 2_000;
let xdr: XdrHarness;
let alerts: AlertRow[];

interface Results {
  status: string;
  number_of_results: number;
  query_cost: Record<string, number>;
  remaining_quota: number;
  results: { data?: Record<string, unknown>[] | string; stream_id?: string };
}

async function start(query: string, extra: Record<string, unknown> = {}, credentials?: Credentials): Promise<string> {
  const reply = await xdr.post(`${XQL}/start_xql_query`, { query, ...extra }, credentials === undefined ? {} : { credentials });
  if (reply.status !== 200) throw new Error(`start answered ${reply.status}: ${reply.text}`);
  return (reply.body as { reply: string }).reply;
}

async function results(queryId: string, extra: Record<string, unknown> = {}, credentials?: Credentials): Promise<Results> {
  const reply = await xdr.post(`${XQL}/get_query_results`, { query_id: queryId, ...extra }, credentials === undefined ? {} : { credentials });
  if (reply.status !== 200) throw new Error(`results answered ${reply.status}: ${reply.text}`);
  return (reply.body as { reply: Results }).reply;
}

/** Runs a query to completion (moving the clock) and returns its inline rows. */
async function rows(query: string): Promise<Record<string, unknown>[]> {
  const id = await start(query);
  xdr.clock.advance(RUN_MS);
  const done = await results(id, { limit: 1000 });
  expect(done.status).toBe("SUCCESS");
  return done.results.data as Record<string, unknown>[];
}

/** The alerts dataset computed independently, from get_alerts records, in dataset order (alert id). */
function alertRows(): Record<string, unknown>[] {
  return [...alerts].sort((a, b) => Number(a.alert_id) - Number(b.alert_id)).map((alert) => ({ ...alert, _time: alert.detection_timestamp }));
}

beforeAll(async () => {
  xdr = await startXdr({ seed: 21 }, { xqlRunMs: RUN_MS, alerts: 3_000 });
  const total = await xdr.reply<{ total_count: number }>("/public_api/v1/alerts/get_alerts", { search_to: 1 });
  alerts = await allAlerts(xdr, total.total_count);
});

afterAll(async () => {
  await xdr.emulator.close();
});

describe("XQL queries", () => {
  it("start answers a query id string; results are PENDING until the query completes", async () => {
    const id = await start("dataset = alerts | limit 3");
    expect(id).toMatch(/^[0-9a-f]+_\d+_inv$/);
    expect(await results(id)).toEqual({ status: "PENDING" });
    xdr.clock.advance(RUN_MS);
    const done = await results(id);
    expect(done.status).toBe("SUCCESS");
    expect(done.number_of_results).toBe(3);
    expect(Object.keys(done.query_cost)).toEqual(["tenant-xdr-1"]);
    expect(typeof done.remaining_quota).toBe("number");
  });

  it("pending_flag false waits for the results", async () => {
    const id = await start("dataset = alerts | limit 1");
    expect((await results(id, { pending_flag: false })).status).toBe("SUCCESS");
  });

  it("filter with comparisons, and/or, fields, sort and limit return the right rows", async () => {
    const got = await rows('dataset = alerts | filter severity = "high" and source != "XDR Agent" | fields alert_id, severity, source | sort asc alert_id | limit 50');
    const expected = alertRows()
      .filter((a) => a["severity"] === "high" && a["source"] !== "XDR Agent")
      .sort((a, b) => String(a["alert_id"]).localeCompare(String(b["alert_id"])))
      .slice(0, 50)
      .map((a) => ({ alert_id: a["alert_id"], severity: a["severity"], source: a["source"] }));
    expect(expected.length).toBeGreaterThan(0);
    expect(got).toEqual(expected);
  });

  it("contains, in, not, numeric comparisons, dedup and comp count() by", async () => {
    const counted = await rows('dataset = alerts | filter name contains "PowerShell" or severity in ("critical", "low") | comp count() as n by severity');
    const expectedCounts = new Map<string, number>();
    for (const a of alertRows()) {
      if (String(a["name"]).includes("PowerShell") || a["severity"] === "critical" || a["severity"] === "low") {
        expectedCounts.set(String(a["severity"]), (expectedCounts.get(String(a["severity"])) ?? 0) + 1);
      }
    }
    expect(new Map(counted.map((row) => [String(row["severity"]), row["n"]]))).toEqual(expectedCounts);

    const deduped = await rows("dataset = alerts | filter not (case_id > 5) and case_id >= 2 | dedup case_id | fields case_id");
    const seen: number[] = [];
    for (const a of alertRows()) {
      const id = a["case_id"] as number;
      if (id <= 5 && id >= 2 && !seen.includes(id)) seen.push(id);
    }
    expect(deduped).toEqual(seen.map((case_id) => ({ case_id })));

    const newest = await rows("dataset = alerts | sort desc detection_timestamp | limit 10 | fields alert_id");
    const expectedNewest = alertRows()
      .sort((a, b) => (b["detection_timestamp"] as number) - (a["detection_timestamp"] as number))
      .slice(0, 10)
      .map((a) => ({ alert_id: a["alert_id"] }));
    expect(newest).toEqual(expectedNewest);

    const total = await rows("dataset = alerts | comp count()");
    expect(total).toEqual([{ count: alerts.length }]);
  });

  it("anything outside the subset is a syntax error with line and column", async () => {
    const reply = await xdr.post(`${XQL}/start_xql_query`, { query: "dataset = alerts |alter2 x = 1" });
    expect(reply.status).toBe(500);
    const body = reply.body as { reply: { err_code: number; err_msg: string } };
    expect(body.reply.err_code).toBe(500);
    expect(JSON.parse(body.reply.err_msg)).toEqual({ line: 1, column: 17, message: "no viable alternative at input '|alter2'" });
    const second = await xdr.post(`${XQL}/start_xql_query`, { query: "dataset = alerts\n| filter severity ~= 3" });
    expect(JSON.parse((second.body as { reply: { err_msg: string } }).reply.err_msg)).toMatchObject({ line: 2, column: 18 });
    const unknown = await xdr.post(`${XQL}/start_xql_query`, { query: "dataset = nope" });
    expect(unknown.status).toBe(500);
  });

  it("more than 1000 rows go to an NDJSON stream (plain, gzip blob, or gzip transfer encoding); limit and csv", async () => {
    const id = await start("dataset = xdr_data | fields event_id, agent_hostname");
    xdr.clock.advance(RUN_MS);
    const done = await results(id);
    expect(alerts.length).toBeGreaterThanOrEqual(3_000);
    expect(done.number_of_results).toBe(alerts.length);
    const streamId = done.results.stream_id as string;
    expect(typeof streamId).toBe("string");
    const plain = await xdr.post(`${XQL}/get_query_results_stream`, { stream_id: streamId });
    const lines = plain.text.trim().split("\n").map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toHaveLength(alerts.length);
    expect(new Set(lines.map((line) => line["event_id"])).size).toBe(alerts.length);
    const blob = await fetch(`${xdr.emulator.url}${XQL}/get_query_results_stream`, {
      method: "POST",
      headers: { ...advancedHeaders(xdr.admin, xdr.clock.now), "Content-Type": "application/json" },
      body: JSON.stringify({ request_data: { stream_id: streamId, is_gzip_compressed: true } }),
    });
    const unzipped = gunzipSync(Buffer.from(await blob.arrayBuffer())).toString("utf8");
    expect(unzipped).toBe(plain.text);
    const encoded = await call(xdr.emulator.url, `${XQL}/get_query_results_stream`, {
      headers: { ...advancedHeaders(xdr.admin, xdr.clock.now), "Accept-Encoding": "gzip" },
      body: { request_data: { stream_id: streamId } },
    });
    expect(encoded.headers.get("content-encoding")).toBe("gzip");
    expect(encoded.text).toBe(plain.text);

    const limited = await results(id, { limit: 5 });
    expect(limited.results.data).toHaveLength(5);
    const csv = await results(id, { limit: 2, format: "csv" });
    expect(String(csv.results.data).split("\n")).toHaveLength(3);
    expect(String(csv.results.data).split("\n")[0]).toBe("event_id,agent_hostname");
  });

  it("holds one of 4 slots per running query (the documented error beyond), and charges the quota", async () => {
    xdr.clock.advance(RUN_MS);
    const before = await xdr.reply<Record<string, number>>(`${XQL}/get_quota`, {});
    const ids = [];
    for (let i = 0; i < 4; i++) ids.push(await start(`dataset = endpoints | limit ${i + 1}`));
    const quota = await xdr.reply<Record<string, unknown>>(`${XQL}/get_quota`, {});
    expect(quota["current_concurrent_active_queries_count"]).toBe(4);
    expect(Object.keys(quota["current_concurrent_active_queries"] as object).sort()).toEqual([...ids].sort());
    const refused = await xdr.post(`${XQL}/start_xql_query`, { query: "dataset = endpoints" });
    expect(refused.status).toBe(500);
    expect((refused.body as { reply: { err_extra: { err_msg: string } } }).reply.err_extra.err_msg).toContain("reached max allowed amount of parallel running queries");
    xdr.clock.advance(RUN_MS);
    expect((await results(ids[0] as string)).status).toBe("SUCCESS");
    const after = await xdr.reply<Record<string, number>>(`${XQL}/get_quota`, {});
    expect(after["current_concurrent_active_queries_count"]).toBe(0);
    expect(after["used_quota"]).toBeGreaterThan(before["used_quota"] as number);
    expect(after["total_daily_concurrent_rejected_queries"]).toBe((before["total_daily_concurrent_rejected_queries"] as number) + 1);
    expect(await start("dataset = endpoints | limit 1")).toMatch(/_inv$/);
  });

  it("multi-tenant queries with tenants add a tenant column and a cost per tenant", async () => {
    const parent = bootstrapOf(xdr.emulator.bootstrapKeys, "tenant-xsiam-1");
    const id = await start("dataset = endpoints | comp count() as n", { tenants: ["tenant-xsiam-1", "tenant-xsiam-child-1"] }, parent);
    xdr.clock.advance(RUN_MS);
    const done = await results(id, {}, parent);
    expect(done.results.data).toEqual([
      { n: 50, tenant: "tenant-xsiam-1" },
      { n: 50, tenant: "tenant-xsiam-child-1" },
    ]);
    expect(Object.keys(done.query_cost).sort()).toEqual(["tenant-xsiam-1", "tenant-xsiam-child-1"]);
    const stranger = await xdr.post(`${XQL}/start_xql_query`, { query: "dataset = endpoints", tenants: ["tenant-xdr-1"] }, { credentials: parent });
    expect(stranger.status).toBe(400);
  });
});

describe("lookup datasets", () => {
  it("add_dataset, add_data with key_fields upsert, get_data, all-or-nothing remove_data, XQL over it, delete_dataset", async () => {
    expect(await xdr.reply(`${XQL}/add_dataset`, { dataset_name: "vip_hosts", dataset_type: "lookup", dataset_schema: { host: "text", owner: "text", tier: "number" } })).toEqual({
      dataset_name: "vip_hosts",
    });
    expect((await xdr.post(`${XQL}/add_dataset`, { dataset_name: "vip_hosts", dataset_type: "lookup", dataset_schema: { host: "text" } })).status).toBe(500);
    expect(await xdr.reply(`${XQL}/lookups/add_data`, { dataset_name: "vip_hosts", data: [{ host: "a", owner: "ann", tier: 1 }, { host: "b", owner: "bob", tier: 2 }] })).toEqual({
      added: 2,
      updated: 0,
      skipped: 0,
    });
    expect(await xdr.reply(`${XQL}/lookups/add_data`, { dataset_name: "vip_hosts", key_fields: ["host"], data: [{ host: "a", tier: 3 }, { host: "c", owner: "cy", tier: 1 }] })).toEqual({
      added: 1,
      updated: 1,
      skipped: 0,
    });
    const data = await xdr.reply<{ data: Record<string, unknown>[]; filter_count: number; total_count: number }>(`${XQL}/lookups/get_data`, {
      dataset_name: "vip_hosts",
      filters: [{ host: "a" }],
    });
    expect(data.total_count).toBe(3);
    expect(data.filter_count).toBe(1);
    // The upsert replaced the row: the field it left out is null now.
    expect(data.data[0]).toMatchObject({ host: "a", owner: null, tier: 3 });
    expect(await rows("dataset = vip_hosts | filter tier = 1 | fields host | sort asc host")).toEqual([{ host: "c" }]);
    expect(await xdr.reply(`${XQL}/lookups/remove_data`, { dataset_name: "vip_hosts", filters: [{ host: "b" }, { host: "zzz" }] })).toEqual({ deleted: 0 });
    expect(await xdr.reply(`${XQL}/lookups/remove_data`, { dataset_name: "vip_hosts", filters: [{ host: "b" }, { owner: "cy", tier: 1 }] })).toEqual({ deleted: 2 });
    const datasets = await xdr.reply<{ dataset_name: string; type: string; total_events: number }[]>(`${XQL}/get_datasets`, {});
    expect(datasets.find((d) => d.dataset_name === "vip_hosts")).toMatchObject({ type: "Lookup", total_events: 1 });
    expect(datasets.find((d) => d.dataset_name === "alerts")?.total_events).toBe(alerts.length);
    const deleted = await xdr.post("/public_api/v2/xql/delete_dataset", { dataset_name: "vip_hosts" });
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe("");
    expect((await xdr.post(`${XQL}/lookups/get_data`, { dataset_name: "vip_hosts" })).status).toBe(500);
    expect((await xdr.post("/public_api/v2/xql/delete_dataset", { dataset_name: "alerts" })).status).toBe(500);
  });
});
