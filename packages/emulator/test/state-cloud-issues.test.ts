// Cortex Cloud state: issues (create 202, update 204, visible on the next search), cases (uppercase keys),
// the asset inventory with AND/OR filter trees, asset groups, vulnerabilities, compliance, and SBAC scopes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningEmulator } from "../src/index.js";
import { advancedHeaders, bootstrapOf, call, replyOf, startEmulator, type Credentials, type Reply } from "./helpers.js";

const V1 = "/public_api/v1";

let emulator: RunningEmulator;
let admin: Credentials;

function post(path: string, body: unknown, credentials: Credentials = admin): Promise<Reply> {
  return call(emulator.url, path, { headers: advancedHeaders(credentials), body });
}

interface Issue {
  id: number;
  domain: string;
  severity: string;
  status: string;
  name: string;
  status_resolution_reason: string | null;
}

interface IssuesReply {
  total_count: number;
  result_count: number;
  issues: Issue[];
}

async function issues(requestData: unknown, credentials: Credentials = admin): Promise<IssuesReply> {
  const reply = await post(`${V1}/issue/search`, { request_data: requestData }, credentials);
  expect(reply.status, reply.text).toBe(200);
  return replyOf<IssuesReply>(reply);
}

type Asset = Record<string, unknown>;

async function assets(body: unknown, credentials: Credentials = admin): Promise<{ data: Asset[]; metadata: { filter_count: number; total_count: number } }> {
  const reply = await post(`${V1}/assets`, body, credentials);
  expect(reply.status, reply.text).toBe(200);
  return replyOf(reply);
}

beforeAll(async () => {
  emulator = await startEmulator({ seed: 9 });
  admin = bootstrapOf(emulator.bootstrapKeys, "tenant-cloud-1");
});
afterAll(async () => {
  await emulator.close();
});

describe("issues", () => {
  it("searches with filters, sort and paging (inside request_data or at the root)", async () => {
    const all = await issues({ search_from: 0, search_to: 100 });
    expect(all.total_count).toBe(50);
    const high = await issues({ filters: [{ field: "severity", operator: "in", value: ["HIGH", "CRITICAL"] }], sort: { field: "id", keyword: "asc" }, search_to: 100 });
    expect(high.issues.every((issue) => ["HIGH", "CRITICAL"].includes(issue.severity))).toBe(true);
    expect(high.total_count).toBe(all.issues.filter((issue) => ["HIGH", "CRITICAL"].includes(issue.severity)).length);
    const ids = high.issues.map((issue) => issue.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    const tooMany = await post(`${V1}/issue/search`, { request_data: { search_from: 0, search_to: 101 } });
    expect(tooMany.status).toBe(400);
  });

  it("creates an issue (202, external id) visible on the next search, and updates it (204)", async () => {
    const created = await post(`${V1}/issue`, {
      request_data: { issue: { name: "Emulated issue", description: "made by a test", observation_time: 1_735_000_000_000, domain: "IT", category: "CONFIGURATION", severity: "LOW" } },
    });
    expect(created.status).toBe(202);
    const { external_id: externalId, detection_method: method } = created.body as { external_id: string; detection_method: string };
    expect(method).toBe("CREATE_ALERT_PUBLIC_API");
    expect(externalId).toMatch(/^[0-9a-f]{32}$/);
    const found = await issues({ filters: [{ field: "external_id", operator: "in", value: [externalId] }] });
    expect(found.issues).toHaveLength(1);
    const issue = found.issues[0] as Issue;
    expect(issue).toMatchObject({ name: "Emulated issue", severity: "LOW", status: "New", domain: "IT" });

    const updated = await post(`${V1}/issue/${issue.id}`, { request_data: { update_data: { severity: "HIGH", status: "Resolved", status_resolution_reason: "RESOLVED_FIXED" } } });
    expect(updated.status).toBe(204);
    expect(updated.text).toBe("");
    const after = (await issues({ filters: [{ field: "id", operator: "in", value: [issue.id] }] })).issues[0];
    expect(after).toMatchObject({ severity: "HIGH", status: "Resolved", status_resolution_reason: "RESOLVED_FIXED" });

    const noReason = await post(`${V1}/issue/${issue.id}`, { request_data: { update_data: { status: "Resolved" } } });
    expect(noReason.status).toBe(400);
    expect(noReason.body).toHaveProperty("error");
    const empty = await post(`${V1}/issue/${issue.id}`, { request_data: { update_data: {} } });
    expect(empty.status).toBe(400);
    const missing = await post(`${V1}/issue/999999`, { request_data: { update_data: { severity: "LOW" } } });
    expect(missing.status).toBe(404);
    const invalid = await post(`${V1}/issue`, { request_data: { issue: { name: "x" } } });
    expect(invalid.status).toBe(400);
  });
});

describe("cases", () => {
  it("answers DATA/TOTAL_COUNT/FILTER_COUNT and updates status", async () => {
    const reply = await post(`${V1}/case/search`, { request_data: { filters: [{ field: "status_progress", operator: "in", value: ["NEW"] }] } });
    expect(reply.status).toBe(200);
    const body = replyOf<{ TOTAL_COUNT: number; FILTER_COUNT: number; DATA: { case_id: string; status_progress: string }[] }>(reply);
    expect(body.TOTAL_COUNT).toBeGreaterThanOrEqual(body.FILTER_COUNT);
    expect(body.DATA.every((item) => item.status_progress === "NEW")).toBe(true);
    const target = body.DATA[0];
    expect(target).toBeDefined();
    const update = await post(`${V1}/case/update/${target?.case_id}`, { request_data: { update_data: { status_progress: "RESOLVED", resolve_comment: "ok" } } });
    expect(update.status).toBe(204);
    const again = replyOf<{ FILTER_COUNT: number; DATA: { case_id: string }[] }>(
      await post(`${V1}/case/search`, { request_data: { filters: [{ field: "status_progress", operator: "in", value: ["NEW"] }] } }),
    );
    expect(again.FILTER_COUNT).toBe(body.FILTER_COUNT - 1);
    expect(again.DATA.map((item) => item.case_id)).not.toContain(target?.case_id);
  });
});

describe("asset inventory", () => {
  it("filters with nested AND/OR trees and sorts with FIELD/ORDER", async () => {
    const all = await assets({ search_to: 100 });
    expect(all.metadata.total_count).toBe(40);
    const tree = { OR: [{ SEARCH_FIELD: "xdm.asset.provider", SEARCH_TYPE: "EQ", SEARCH_VALUE: "AWS" }, { SEARCH_FIELD: "xdm.asset.provider", SEARCH_TYPE: "EQ", SEARCH_VALUE: "GCP" }] };
    const picked = await assets({ filters: tree, sort: [{ FIELD: "xdm.asset.first_observed", ORDER: "DESC" }], search_to: 100 });
    const expected = all.data.filter((asset) => ["AWS", "GCP"].includes(String(asset["xdm.asset.provider"])));
    expect(picked.metadata.filter_count).toBe(expected.length);
    expect(picked.data.every((asset) => ["AWS", "GCP"].includes(String(asset["xdm.asset.provider"])))).toBe(true);
    const times = picked.data.map((asset) => Number(asset["xdm.asset.first_observed"]));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const contains = await assets({ filters: { AND: [{ SEARCH_FIELD: "xdm.asset.name", SEARCH_TYPE: "CONTAINS", SEARCH_VALUE: "bucket" }] }, search_to: 100 });
    expect(contains.data.every((asset) => String(asset["xdm.asset.name"]).includes("bucket"))).toBe(true);
    const bad = await post(`${V1}/assets`, { filters: { XOR: [] } });
    expect(bad.status).toBe(400);
    const unsupported = await post(`${V1}/assets`, { filters: { AND: [{ SEARCH_FIELD: "x", SEARCH_TYPE: "JSON_OVERLAPS", SEARCH_VALUE: "1" }] } });
    expect(unsupported.status).toBe(400);
  });

  it("creates an asset group whose members show the group id", async () => {
    const created = await post(`${V1}/asset-groups/create`, {
      asset_group: { group_name: "GCP", group_type: "Dynamic", membership_predicate: { AND: [{ SEARCH_FIELD: "xdm.asset.provider", SEARCH_TYPE: "EQ", SEARCH_VALUE: "GCP" }] } },
    });
    expect(created.status).toBe(200);
    const id = replyOf<{ data: { asset_group_id: number } }>(created).data.asset_group_id;
    const members = await assets({ filters: { AND: [{ SEARCH_FIELD: "xdm.asset.group_ids", SEARCH_TYPE: "ARRAY_CONTAINS", SEARCH_VALUE: String(id) }] }, search_to: 100 });
    expect(members.data.length).toBeGreaterThan(0);
    expect(members.data.every((asset) => asset["xdm.asset.provider"] === "GCP")).toBe(true);
    const groups = await post(`${V1}/asset-groups`, { filters: { AND: [{ SEARCH_FIELD: "XDM.ASSET_GROUP.NAME", SEARCH_TYPE: "EQ", SEARCH_VALUE: "GCP" }] } });
    expect((groups.body as { data: Record<string, unknown>[] }).data.map((group) => group["XDM.ASSET_GROUP.ID"])).toEqual([id]);
  });
});

describe("vulnerabilities and compliance", () => {
  it("filters vulnerabilities and pages them with tokens", async () => {
    const path = "/public_api/uvem/v1/get_vulnerabilities";
    const high = replyOf<{ vulnerabilities: { cvss_score: number }[] }>(await post(path, { request_data: { filters: [{ field: "cvss_score", operator: "gte", value: 7 }] } }));
    expect(high.vulnerabilities.every((item) => item.cvss_score >= 7)).toBe(true);
    const first = replyOf<{ total_count: number; vulnerabilities: { vulnerability_id: string }[]; next_page_token: string | null }>(
      await post(path, { request_data: { use_page_token: true, search_to: 3 } }),
    );
    const ids = first.vulnerabilities.map((item) => item.vulnerability_id);
    let token = first.next_page_token;
    while (token !== null) {
      const next = replyOf<{ vulnerabilities: { vulnerability_id: string }[]; next_page_token: string | null }>(await post(path, { request_data: { next_page_token: token } }));
      ids.push(...next.vulnerabilities.map((item) => item.vulnerability_id));
      token = next.next_page_token;
    }
    expect(new Set(ids).size).toBe(first.total_count);
  });

  it("requires the profile revision and filters compliance results", async () => {
    const path = `${V1}/compliance/get_assets`;
    expect((await post(path, { request_data: {} })).status).toBe(400);
    const failed = replyOf<{ filter_count: number; assets: { STATUS: string }[] }>(
      await post(path, { request_data: { assessment_profile_revision: "r1", last_evaluation_time: 0, filters: [{ field: "status", operator: "eq", value: "FAILED" }] } }),
    );
    expect(failed.assets.every((row) => row.STATUS === "FAILED")).toBe(true);
    expect(failed.filter_count).toBe(failed.assets.length);
  });
});

describe("SBAC scopes", () => {
  it("a scoped key sees only the issues, cases and assets of its scope", async () => {
    const generated = await post(`${V1}/api_keys/generate`, { request_data: { roles: ["Investigator"], security_level: "advanced" } });
    const { id, key } = replyOf<{ id: number; key: string }>(generated);
    const scoped: Credentials = { keyId: String(id), key };
    const unscoped = await issues({ search_to: 100 }, scoped);
    expect(unscoped.total_count).toBeGreaterThan(0);
    const set = await call(emulator.url, `/platform/iam/v1/scope/api-key/${id}`, {
      method: "PUT",
      headers: advancedHeaders(admin),
      body: { request_data: { cases_issues: { mode: "scope", names: ["Health"] }, assets: { mode: "scope", asset_group_ids: [1] } } },
    });
    expect(set.status).toBe(200);

    // The tenant's switch is off (the console's default): the scope is stored but not enforced.
    const all = await issues({ search_to: 100 });
    expect((await issues({ search_to: 100 }, scoped)).total_count).toBe(all.total_count);
    const cloudTenant = emulator.tenants.find((tenant) => tenant.product === "cloud");
    expect(cloudTenant?.scopeEnforcement).toBe(false);
    emulator.setScopeEnforcement(cloudTenant?.tenantId ?? "", true);
    const health = await issues({ search_to: 100 }, scoped);
    expect(health.issues.every((issue) => issue.domain === "Health")).toBe(true);
    expect(health.total_count).toBe(all.issues.filter((issue) => issue.domain === "Health").length);
    const hidden = all.issues.find((issue) => issue.domain !== "Health");
    const blocked = await post(`${V1}/issue/${hidden?.id}`, { request_data: { update_data: { severity: "LOW" } } }, scoped);
    expect(blocked.status).toBe(404);

    const cases = replyOf<{ TOTAL_COUNT: number; DATA: { case_domain: string }[] }>(await post(`${V1}/case/search`, { request_data: {} }, scoped));
    expect(cases.DATA.every((item) => item.case_domain === "Health")).toBe(true);

    const mine = await assets({ search_to: 100 }, scoped);
    const everything = await assets({ search_to: 100 });
    expect(mine.metadata.total_count).toBe(everything.data.filter((asset) => asset["xdm.asset.provider"] === "AWS").length);
    expect(mine.data.every((asset) => asset["xdm.asset.provider"] === "AWS")).toBe(true);
    const groups = (await post(`${V1}/asset-groups`, {})).body as { data: Record<string, unknown>[] };
    expect(groups.data.find((group) => group["XDM.ASSET_GROUP.ID"] === 1)?.["IS_USED_BY_SBAC"]).toBe(true);
    emulator.setScopeEnforcement(cloudTenant?.tenantId ?? "", false);
    expect((await issues({ search_to: 100 }, scoped)).total_count).toBe(all.total_count);
  });

  it("refuses unknown scope names and domains instead of storing them", async () => {
    const generated = await post(`${V1}/api_keys/generate`, { request_data: { roles: ["Investigator"], security_level: "advanced" } });
    const { id } = replyOf<{ id: number }>(generated);
    const put = (request_data: unknown) => call(emulator.url, `/platform/iam/v1/scope/api-key/${id}`, { method: "PUT", headers: advancedHeaders(admin), body: { request_data } });
    const typo = await put({ case_issues: { mode: "scope", names: ["Health"] } });
    expect(typo.status).toBe(400);
    expect(JSON.stringify(typo.body)).toContain("case_issues");
    const domain = await put({ cases_issues: { mode: "scope", names: ["Helth"] } });
    expect(domain.status).toBe(400);
    expect(JSON.stringify(domain.body)).toContain("unknown domain 'Helth'");
    const inner = await put({ endpoints: { endpoint_group: { mode: "any" } } });
    expect(inner.status).toBe(400);
    expect(JSON.stringify(inner.body)).toContain("endpoint_group");
    // Nothing was stored by the refused calls.
    const stored = await call(emulator.url, `/platform/iam/v1/scope/api-key/${id}`, { method: "GET", headers: advancedHeaders(admin) });
    expect(stored.body).toMatchObject({ data: { cases_issues: { mode: "see_all", tags: [] } } });
  });
});

describe("documented shapes beyond the spec's (nested trees, list values, request_data, root placement), validated", () => {
  // The schema overrides model what the reference documents (xsoar-xpanse-cloud §1.3, §4.2–4.4): nested AND/OR
  // trees with list values, /assets wrapped in request_data, and the issue-search window at the body root.
  // These calls go through the generic layer's request validation (it is on), then the handlers.
  const send = (path: string, body: unknown): Promise<Reply> => post(path, body);

  it("evaluates nested AND/OR trees with list values", async () => {
    const all = replyOf<{ data: Asset[] }>(await send(`${V1}/assets`, { search_to: 100 })).data;
    const tree = {
      AND: [
        { OR: [{ SEARCH_FIELD: "xdm.asset.provider", SEARCH_TYPE: "EQ", SEARCH_VALUE: "AWS" }, { SEARCH_FIELD: "xdm.asset.provider", SEARCH_TYPE: "IN", SEARCH_VALUE: ["GCP"] }] },
        { SEARCH_FIELD: "xdm.asset.type.class", SEARCH_TYPE: "NEQ", SEARCH_VALUE: "Identity" },
      ],
    };
    const picked = replyOf<{ data: Asset[]; metadata: { filter_count: number } }>(await send(`${V1}/assets`, { filters: tree, search_to: 100 }));
    const expected = all.filter((asset) => ["AWS", "GCP"].includes(String(asset["xdm.asset.provider"])) && asset["xdm.asset.type.class"] !== "Identity");
    expect(picked.metadata.filter_count).toBe(expected.length);
    expect(picked.data.map((asset) => asset["xdm.asset.id"])).toEqual(expected.map((asset) => asset["xdm.asset.id"]));
    expect(expected.length).toBeLessThan(all.length);
    // The same body wrapped in request_data (as live-tested clients send it).
    const wrapped = replyOf<{ metadata: { filter_count: number } }>(await send(`${V1}/assets`, { request_data: { filters: tree, search_to: 100 } }));
    expect(wrapped.metadata.filter_count).toBe(expected.length);
  });

  it("reads the issue window at the body root as the spec places it", async () => {
    const root = await send(`${V1}/issue/search`, { request_data: {}, search_from: 0, search_to: 5 });
    expect(replyOf<IssuesReply>(root).result_count).toBe(5);
    // Still validated: an unknown root field, and a root window over the page size.
    expect((await send(`${V1}/issue/search`, { request_data: {}, search_too: 5 })).status).toBe(400);
    expect((await send(`${V1}/issue/search`, { request_data: {}, search_from: 0, search_to: 101 })).status).toBe(400);
  });

  it("still rejects malformed trees", async () => {
    expect((await send(`${V1}/assets`, { filters: { AND: [{ SEARCH_FIELD: "xdm.asset.provider", SEARCH_TYPE: "LIKE", SEARCH_VALUE: "AWS" }] } })).status).toBe(400);
    expect((await send(`${V1}/assets`, { request_data: { filters: { OR: [{ AND: [{ SEARCH_TYPE: "EQ", SEARCH_VALUE: "AWS" }] }] } } })).status).toBe(400);
  });
});
