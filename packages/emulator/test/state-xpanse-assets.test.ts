// Xpanse attack-surface state: seeded lists with filters and sort, the page-token flow (24 h expiry on the
// emulated clock, tokens bound to their query), tag assignment visible on the next read.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningEmulator } from "../src/index.js";
import { advancedHeaders, bootstrapOf, call, replyOf, startEmulator, type Credentials, type Reply } from "./helpers.js";

const V1 = "/public_api/v1";
const DAY = 24 * 60 * 60 * 1000;

let emulator: RunningEmulator;
let admin: Credentials;
let other: Credentials;
let clock = Date.UTC(2025, 5, 1);

function post(path: string, requestData: unknown, credentials: Credentials = admin): Promise<Reply> {
  return call(emulator.url, path, { headers: advancedHeaders(credentials, clock), body: { request_data: requestData } });
}

interface ListReply<T> {
  total_count: number;
  result_count: number;
  next_page_token?: string | null;
  [field: string]: unknown;
  items?: T[];
}

async function list<T>(path: string, field: string, requestData: unknown): Promise<ListReply<T> & { items: T[] }> {
  const reply = await post(path, requestData);
  expect(reply.status, reply.text).toBe(200);
  const body = replyOf<ListReply<T>>(reply);
  return { ...body, items: body[field] as T[] };
}

interface Asset {
  asm_ids: string[];
  name: string;
  asset_type: string;
  first_observed: number;
  tags: string[];
}

beforeAll(async () => {
  emulator = await startEmulator({ seed: 5, now: () => clock });
  admin = bootstrapOf(emulator.bootstrapKeys, "tenant-xpanse-1");
  other = bootstrapOf(emulator.bootstrapKeys, "tenant-cloud-1");
});
afterAll(async () => {
  await emulator.close();
});

describe("Xpanse lists", () => {
  it("filters and sorts internet-exposure assets, services, ranges, websites, tests and rules", async () => {
    const assets = await list<Asset>(`${V1}/assets/get_assets_internet_exposure`, "assets_internet_exposure", {});
    expect(assets.total_count).toBe(30);
    const domains = await list<Asset>(`${V1}/assets/get_assets_internet_exposure`, "assets_internet_exposure", {
      filters: [{ field: "type", operator: "in", value: ["domain"] }],
      sort: { field: "first_observed", keyword: "DESC" },
    });
    expect(domains.items.every((asset) => asset.asset_type === "DOMAIN")).toBe(true);
    expect(domains.total_count).toBe(assets.items.filter((asset) => asset.asset_type === "DOMAIN").length);
    const times = domains.items.map((asset) => asset.first_observed);
    expect(times).toEqual([...times].sort((a, b) => b - a));

    const ssh = await list<{ service_type: string; port: number }>(`${V1}/assets/get_external_services`, "external_services", {
      filters: [{ field: "service_type", operator: "eq", value: "SshServer" }],
    });
    expect(ssh.items.length).toBeGreaterThan(0);
    expect(ssh.items.every((service) => service.service_type === "SshServer" && service.port === 22)).toBe(true);

    const v6 = await list<{ ipaddress_version: number }>(`${V1}/assets/get_external_ip_address_ranges`, "external_ip_address_ranges", {
      filters: [{ field: "ipaddress_version", operator: "eq", value: 6 }],
    });
    expect(v6.total_count).toBe(2);
    const sites = await list<{ host: string }>(`${V1}/assets/get_external_websites`, "websites", { sort: { field: "host", keyword: "asc" }, search_from: 0, search_to: 3 });
    expect(sites.result_count).toBe(3);
    expect(sites.total_count).toBe(15);
    const rules = await list<{ priority: string; created: number }>(`${V1}/get_attack_surface_rules`, "attack_surface_rules", {
      filters: [{ field: "priority", operator: "in", value: ["High"] }],
    });
    expect(rules.items.length).toBe(2);
    const tooBig = await post(`${V1}/assets/get_assets_internet_exposure`, { search_from: 0, search_to: 501 });
    expect(tooBig.status).toBe(400);
  });

  it("changes vulnerability-test status visibly", async () => {
    const path = `${V1}/assets/get_vulnerability_tests`;
    const disabled = await list<{ name: string }>(path, "vulnerability_tests", { filters: [{ field: "status", operator: "eq", value: "Disabled" }] });
    const names = disabled.items.map((test) => test.name);
    expect(names.length).toBeGreaterThan(0);
    const update = await post(`${V1}/assets/bulk_update_vulnerability_tests`, { test_names: names, status: "Enabled" });
    expect(update.status).toBe(200);
    const after = await list<{ name: string }>(path, "vulnerability_tests", { filters: [{ field: "status", operator: "eq", value: "Disabled" }] });
    expect(after.total_count).toBe(0);
  });

  it("assigns and removes tags, visible on the next read and filterable on ranges", async () => {
    const [first, second] = (await list<Asset>(`${V1}/assets/get_assets_internet_exposure`, "assets_internet_exposure", { search_to: 2 })).items;
    const ids = [first?.asm_ids[0], second?.asm_ids[0]];
    const assign = await post(`${V1}/assets/tags/assets_internet_exposure/assign`, {
      filters: [{ field: "asm_id_list", operator: "in", value: ids }],
      tags: ["Crown Jewel"],
    });
    expect(replyOf(assign)).toEqual({ assign_tags: true });
    const tagged = await post(`${V1}/assets/get_asset_internet_exposure`, { asm_id_list: ids });
    expect(replyOf<{ details: { tags: string[] }[] }>(tagged).details.map((detail) => detail.tags)).toEqual([["Crown Jewel"], ["Crown Jewel"]]);
    await post(`${V1}/assets/tags/assets_internet_exposure/remove`, { filters: [{ field: "asm_id_list", operator: "in", value: [ids[0]] }], tags: ["Crown Jewel"] });
    const after = await list<Asset>(`${V1}/assets/get_assets_internet_exposure`, "assets_internet_exposure", {
      filters: [{ field: "asm_id_list", operator: "in", value: ids }],
    });
    expect(Object.fromEntries(after.items.map((asset) => [asset.asm_ids[0], asset.tags]))).toEqual({ [String(ids[0])]: [], [String(ids[1])]: ["Crown Jewel"] });

    const ranges = await list<{ range_id: string }>(`${V1}/assets/get_external_ip_address_ranges`, "external_ip_address_ranges", { search_to: 1 });
    const rangeId = ranges.items[0]?.range_id;
    await post(`${V1}/assets/tags/external_ip_address_ranges/assign`, { filters: [{ field: "range_id_list", operator: "in", value: [rangeId] }], tags: ["DMZ"] });
    const dmz = await list<{ range_id: string }>(`${V1}/assets/get_external_ip_address_ranges`, "external_ip_address_ranges", {
      filters: [{ field: "tags", operator: "in", value: ["DMZ"] }],
    });
    expect(dmz.items.map((range) => range.range_id)).toEqual([rangeId]);
  });
});

describe("page tokens", () => {
  const path = `${V1}/assets/get_external_services`;

  it("walks every item once, and a token expires after 24 h on the emulated clock", async () => {
    const all = await list<{ service_id: string }>(path, "external_services", {});
    const seen: string[] = [];
    let page = await list<{ service_id: string }>(path, "external_services", { use_page_token: true, search_from: 0, search_to: 15 });
    seen.push(...page.items.map((service) => service.service_id));
    const firstToken = page.next_page_token;
    expect(typeof firstToken).toBe("string");
    while (typeof page.next_page_token === "string") {
      page = await list<{ service_id: string }>(path, "external_services", { next_page_token: page.next_page_token });
      expect(page.total_count).toBe(40);
      seen.push(...page.items.map((service) => service.service_id));
    }
    expect(page.next_page_token).toBeNull();
    expect(seen).toHaveLength(40);
    expect(new Set(seen)).toEqual(new Set(all.items.map((service) => service.service_id)));

    clock += DAY - 1000;
    const stillValid = await post(path, { next_page_token: firstToken });
    expect(stillValid.status).toBe(200);
    clock += 2000;
    const expired = await post(path, { next_page_token: firstToken });
    expect(expired.status).toBe(401);
    expect(replyOf<{ err_code: number }>(expired).err_code).toBe(401);
  });

  it("does not let a token answer another operation, tenant or key", async () => {
    const page = await list<{ service_id: string }>(path, "external_services", { use_page_token: true, search_to: 5 });
    const token = page.next_page_token;
    const wrongOperation = await post(`${V1}/assets/get_assets_internet_exposure`, { next_page_token: token });
    expect(wrongOperation.status).toBe(401);
    const wrongTenant = await post(path, { next_page_token: token }, other);
    expect(wrongTenant.status).toBe(401);
    expect(wrongTenant.text).not.toContain("service_id");
    const forged = await post(path, { next_page_token: "not-a-token" });
    expect(forged.status).toBe(401);
  });

  it("pages ASM alerts on /public_api/v2 with filters", async () => {
    const alertsPath = "/public_api/v2/alerts/get_alerts_multi_events";
    const first = await list<{ alert_id: string; severity: string }>(alertsPath, "alerts", {
      filters: [{ field: "severity", operator: "in", value: ["high", "critical"] }],
      use_page_token: true,
      search_to: 5,
    });
    const ids = first.items.map((alert) => alert.alert_id);
    let token = first.next_page_token;
    while (typeof token === "string") {
      const next = await list<{ alert_id: string; severity: string }>(alertsPath, "alerts", { next_page_token: token });
      expect(next.items.every((alert) => ["high", "critical"].includes(alert.severity))).toBe(true);
      ids.push(...next.items.map((alert) => alert.alert_id));
      token = next.next_page_token;
    }
    expect(ids).toHaveLength(first.total_count);
    expect(new Set(ids).size).toBe(ids.length);
    const byId = await list<{ alert_id: string }>(alertsPath, "alerts", { filters: [{ field: "alert_id_list", operator: "in", value: [1, 2] }] });
    expect(byId.items.map((alert) => alert.alert_id).sort()).toEqual(["1", "2"]);
    const tooMany = await post(alertsPath, { search_from: 0, search_to: 101 });
    expect(tooMany.status).toBe(400);
  });
});
