import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { advancedHeaders, call, type Reply } from "./helpers.js";
import { startXdr, type XdrHarness } from "./state-xdr-helpers.js";

const V1 = "/public_api/v1";
const BUILD_MS = 5_000;
let xdr: XdrHarness;

/** A signed POST with a raw body (for `validate` next to `request_data`). */
function raw(harness: XdrHarness, path: string, body: unknown): Promise<Reply> {
  return call(harness.emulator.url, path, { headers: advancedHeaders(harness.admin, harness.clock.now), body });
}

interface Rule {
  rule_id: number;
  indicator: string;
  type: string;
  severity: string;
  expiration_date: number;
  comment: string;
}

async function rules(filters: unknown[] = [], paging: Record<string, number> = {}): Promise<{ objects_count: number; objects: Rule[]; objects_type: string }> {
  const answer = await xdr.post(`${V1}/indicators/get`, { filters, ...paging });
  expect(answer.status).toBe(200);
  return answer.body as { objects_count: number; objects: Rule[]; objects_type: string };
}

beforeAll(async () => {
  xdr = await startXdr({ seed: 31 }, { actionTiming: { pendingMs: 0, inProgressMs: BUILD_MS } });
});

afterAll(async () => {
  await xdr.emulator.close();
});

describe("IOCs", () => {
  it("insert_jsons stores indicators; validate reports type mismatches without storing them", async () => {
    const answer = await raw(xdr, `${V1}/indicators/insert_jsons`, {
      request_data: [
        { indicator: "evil.example.com", type: "DOMAIN_NAME", severity: "HIGH", comment: "c2" },
        { indicator: "testtest.com", type: "HASH", severity: "LOW" },
      ],
      validate: true,
    });
    expect(answer.status).toBe(200);
    expect((answer.body as { reply: unknown }).reply).toEqual({
      success: false,
      validation_errors: [{ indicator: "testtest.com", error: "Got type: HASH, Indicator: testtest.com mismatch" }],
    });
    const stored = await rules([{ field: "indicator", operator: "EQ", value: "evil.example.com" }]);
    expect(stored.objects_count).toBe(1);
    expect(stored.objects[0]).toMatchObject({ type: "DOMAIN_NAME", severity: "SEV_040_HIGH", expiration_date: -1, comment: "c2" });
    expect((await rules([{ field: "indicator", operator: "EQ", value: "testtest.com" }])).objects_count).toBe(0);
  });

  it("insert_csv takes a CSV string with a header line", async () => {
    const csv = "indicator,type,severity,expiration_date,comment\n10.9.8.7,IP,MEDIUM,Never,\"scanner, noisy\"\nbad.exe,FILENAME,CRITICAL,1767225600000,";
    const answer = await raw(xdr, `${V1}/indicators/insert_csv`, { request_data: csv, validate: true });
    expect((answer.body as { reply: unknown }).reply).toEqual({ success: true, validation_errors: [] });
    const ip = (await rules([{ field: "type", operator: "EQ", value: "IP" }])).objects;
    expect(ip.map((rule) => [rule.indicator, rule.severity, rule.comment])).toEqual([["10.9.8.7", "SEV_030_MEDIUM", "scanner, noisy"]]);
    const file = (await rules([{ field: "indicator", operator: "IN", value: ["bad.exe"] }])).objects[0];
    expect(file).toMatchObject({ severity: "SEV_050_CRITICAL", expiration_date: 1767225600000 });
  });

  it("insert creates and updates IOC rules; an existing indicator without rule_id is a 400", async () => {
    const rule = { indicator: "c".repeat(64), type: "HASH", severity: "SEV_020_LOW", expiration_date: -1, default_expiration_enabled: false, comment: "first", reputation: "BAD", reliability: "A" };
    const created = await xdr.post(`${V1}/indicators/insert`, [rule]);
    const added = (created.body as { added_objects: { id: number; status: string }[] }).added_objects;
    expect(added).toHaveLength(1);
    const id = added[0]?.id as number;
    expect(added[0]?.status).toBe(`Created a new IOC rule with the ID: ${id} successfully`);
    const duplicate = await xdr.post(`${V1}/indicators/insert`, [rule]);
    expect(duplicate.status).toBe(400);
    expect((duplicate.body as { reply: { err_extra: string } }).reply.err_extra).toBe("IOC indicator exists");
    const updated = await xdr.post(`${V1}/indicators/insert`, [{ ...rule, rule_id: id, severity: "SEV_040_HIGH", comment: "second" }]);
    expect(updated.body).toMatchObject({ added_objects: [], updated_objects: [{ id }], errors: [] });
    expect((await rules([{ field: "rule_id", operator: "EQ", value: id }])).objects[0]).toMatchObject({ severity: "SEV_040_HIGH", comment: "second" });
  });

  it("get pages in rule id order; delete removes the matching rules", async () => {
    const all = await rules();
    expect(all.objects_type).toBe("indicator");
    const ids = all.objects.map((rule) => rule.rule_id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    const second = await rules([], { search_from: 1, search_to: 2 });
    expect(second.objects_count).toBe(all.objects_count);
    expect(second.objects.map((rule) => rule.rule_id)).toEqual(ids.slice(1, 2));
    const deleted = await xdr.post(`${V1}/indicators/delete`, { filters: [{ field: "type", operator: "IN", value: ["IP", "FILENAME"] }] });
    expect(deleted.body).toMatchObject({ objects_count: 2 });
    expect((await rules()).objects_count).toBe(all.objects_count - 2);
    expect((await rules([{ field: "type", operator: "EQ", value: "IP" }])).objects_count).toBe(0);
  });
});

describe("hash exceptions", () => {
  const block = "1".repeat(64);
  const allow = "2".repeat(64);

  it("adds hashes to one list; adding only listed hashes is the vendor's error", async () => {
    expect(await xdr.reply(`${V1}/hash_exceptions/blocklist`, { hash_list: [block], comment: "bad" })).toBe(true);
    expect(await xdr.reply(`${V1}/hash_exceptions/allowlist`, { hash_list: [allow, block] })).toBe(true);
    const again = await xdr.post(`${V1}/hash_exceptions/allowlist`, { hash_list: [block, allow] });
    expect(again.status).toBe(500);
    expect((again.body as { reply: { err_extra: string } }).reply.err_extra).toBe("All hashes have already been added to the allow or block list");
  });

  it("removes a hash from its list (the next add succeeds); a hash not on the list is a 500", async () => {
    const wrongList = await xdr.post(`${V1}/hash_exceptions/allowlist/remove`, { hash_list: [block] });
    expect(wrongList.status).toBe(500);
    expect(await xdr.reply(`${V1}/hash_exceptions/blocklist/remove`, { hash_list: [block] })).toBe(true);
    expect(await xdr.reply(`${V1}/hash_exceptions/allowlist`, { hash_list: [block] })).toBe(true);
    expect(await xdr.reply(`${V1}/hash_exceptions/allowlist/remove`, { hash_list: [block, allow] })).toBe(true);
    expect((await xdr.post(`${V1}/hash_exceptions/allowlist/remove`, { hash_list: [allow] })).status).toBe(500);
  });

  it("rejects a value that is not a SHA256", async () => {
    expect((await xdr.post(`${V1}/hash_exceptions/blocklist`, { hash_list: ["nothex"] })).status).toBe(400);
  });
});

describe("distributions", () => {
  it("creates a package that is In Progress, then Completed on the clock, with a URL the emulator serves", async () => {
    const { distribution_id: id } = await xdr.reply<{ distribution_id: string }>(`${V1}/distributions/create`, {
      name: "Servers 8.6",
      package_type: "standalone",
      platform: "windows",
      agent_version: "8.6.0.12345",
    });
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(await xdr.reply(`${V1}/distributions/get_status`, { distribution_id: id })).toEqual({ status: "In Progress" });
    expect((await xdr.post(`${V1}/distributions/get_dist_url`, { distribution_id: id, package_type: "x64" })).status).toBe(500);
    xdr.clock.advance(BUILD_MS);
    expect(await xdr.reply(`${V1}/distributions/get_status`, { distribution_id: id })).toEqual({ status: "Completed" });
    const { distribution_url: url } = await xdr.reply<{ distribution_url: string }>(`${V1}/distributions/get_dist_url`, { distribution_id: id, package_type: "x64" });
    // Served like the other download links: to a valid key.
    expect((await fetch(url)).status).toBe(401);
    const download = await fetch(url, { headers: advancedHeaders(xdr.admin, xdr.clock.now) });
    expect(download.status).toBe(200);
    expect(download.headers.get("content-disposition")).toBe("attachment; filename=Servers_8.6_x64.msi");
    expect(await download.text()).toContain(id);
    expect(await xdr.reply(`${V1}/distributions/delete`, { distribution_id: id })).toBe(true);
    expect((await xdr.post(`${V1}/distributions/get_status`, { distribution_id: id })).status).toBe(500);
    expect((await fetch(url, { headers: advancedHeaders(xdr.admin, xdr.clock.now) })).status).toBe(404);
  });

  it("lists agent versions per platform", async () => {
    const versions = await xdr.reply<Record<string, string[]>>(`${V1}/distributions/get_versions`, {});
    expect(Object.keys(versions).sort()).toEqual(["linux", "macos", "windows"]);
    expect(versions["windows"]?.length).toBeGreaterThan(0);
  });

  it("needs a platform for a standalone package", async () => {
    expect((await xdr.post(`${V1}/distributions/create`, { name: "x", package_type: "standalone" })).status).toBe(400);
  });
});

describe("audits", () => {
  interface Page<T> {
    total_count: number;
    result_count: number;
    data: T[];
  }

  it("management_logs: newest first by default, filters by type and time, pages at most 100", async () => {
    const first = await xdr.reply<Page<{ AUDIT_ID: number; AUDIT_INSERT_TIME: number; AUDIT_ENTITY: string }>>(`${V1}/audits/management_logs`, {});
    expect(first.result_count).toBe(100);
    const times = first.data.map((row) => row.AUDIT_INSERT_TIME);
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const entity = first.data[0]?.AUDIT_ENTITY as string;
    const filtered = await xdr.reply<Page<{ AUDIT_ENTITY: string; AUDIT_INSERT_TIME: number }>>(`${V1}/audits/management_logs`, {
      filters: [
        { field: "type", operator: "in", value: [entity] },
        { field: "timestamp", operator: "gte", value: times[50] },
      ],
      sort: { field: "timestamp", keyword: "asc" },
    });
    expect(filtered.data.every((row) => row.AUDIT_ENTITY === entity && row.AUDIT_INSERT_TIME >= (times[50] as number))).toBe(true);
    expect(filtered.total_count).toBe(first.data.slice(0, 51).filter((row) => row.AUDIT_ENTITY === entity).length);
    const oversize = await xdr.post(`${V1}/audits/management_logs`, { search_from: 0, search_to: 101 });
    expect(oversize.status).toBe(400);
  });

  it("agents_reports: filters by endpoint and pages over the seeded reports", async () => {
    const all = await xdr.reply<Page<{ ENDPOINTID: string; TIMESTAMP: number }>>(`${V1}/audits/agents_reports`, { search_from: 0, search_to: 100 });
    const rest = await xdr.reply<Page<{ ENDPOINTID: string; TIMESTAMP: number }>>(`${V1}/audits/agents_reports`, { search_from: 100, search_to: 200 });
    expect(rest.total_count).toBe(all.total_count);
    expect(Math.min(...all.data.map((row) => row.TIMESTAMP))).toBeGreaterThanOrEqual(Math.max(...rest.data.map((row) => row.TIMESTAMP)));
    const endpoint = all.data[0]?.ENDPOINTID as string;
    const mine = await xdr.reply<Page<{ ENDPOINTID: string }>>(`${V1}/audits/agents_reports`, { filters: [{ field: "endpoint_id", operator: "in", value: [endpoint] }] });
    expect(mine.total_count).toBeGreaterThan(0);
    expect(mine.data.every((row) => row.ENDPOINTID === endpoint)).toBe(true);
  });
});

describe("with a data directory", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "xdr-content-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("keeps IOC rules, hash lists and distributions across a restart", async () => {
    const first = await startXdr({ seed: 32, dataDir: dir });
    let id: string;
    try {
      await first.reply(`${V1}/indicators/insert_jsons`, [{ indicator: "kept.example.com", type: "DOMAIN_NAME", severity: "LOW" }]);
      await first.reply(`${V1}/hash_exceptions/blocklist`, { hash_list: ["3".repeat(64)] });
      id = (await first.reply<{ distribution_id: string }>(`${V1}/distributions/create`, { name: "kept", package_type: "upgrade" })).distribution_id;
    } finally {
      await first.emulator.close();
    }
    const second = await startXdr({ seed: 32, dataDir: dir });
    try {
      const kept = await second.post(`${V1}/indicators/get`, { filters: [{ field: "indicator", operator: "EQ", value: "kept.example.com" }] });
      expect((kept.body as { objects_count: number }).objects_count).toBe(1);
      expect((await second.post(`${V1}/hash_exceptions/blocklist`, { hash_list: ["3".repeat(64)] })).status).toBe(500);
      expect((await second.post(`${V1}/distributions/get_status`, { distribution_id: id })).status).toBe(200);
    } finally {
      await second.emulator.close();
    }
  });
});
