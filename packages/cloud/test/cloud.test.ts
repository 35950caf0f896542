// Cortex Cloud workflows against the emulator: AND/OR tree searches, dynamic asset groups, API keys and
// their scopes.
import { startEmulator, type RunningEmulator } from "@cortex-sdk/emulator";
import { CortexInvalidRequestError } from "@cortex-sdk/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { andFilter, CloudClient, orFilter, searchCondition, tenantField } from "../src/index.js";

let emulator: RunningEmulator;
let client: CloudClient;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, seed: 17, rateLimits: { perSecond: null } } as Parameters<typeof startEmulator>[0]);
  const key = emulator.bootstrapKeys.find((candidate) => candidate.product === "cloud");
  if (key === undefined) throw new Error("no Cortex Cloud tenant");
  client = new CloudClient({ baseUrl: emulator.url, apiKeyId: key.keyId, apiKey: key.key, securityLevel: "advanced", rateLimit: false, logLevel: "off", env: {} });
});

afterAll(async () => {
  await client.close();
  await emulator.close();
});

describe("AND/OR filter trees", () => {
  it("builds the tree the service takes and sends it as filters", async () => {
    const tree = andFilter(searchCondition("xdm.asset.provider", "EQ", "AWS"), orFilter(searchCondition("xdm.asset.type.category", "EQ", "Compute"), searchCondition("xdm.asset.type.category", "EQ", "Storage")));
    expect(tree).toEqual({
      AND: [
        { SEARCH_FIELD: "xdm.asset.provider", SEARCH_TYPE: "EQ", SEARCH_VALUE: "AWS" },
        { OR: [{ SEARCH_FIELD: "xdm.asset.type.category", SEARCH_TYPE: "EQ", SEARCH_VALUE: "Compute" }, { SEARCH_FIELD: "xdm.asset.type.category", SEARCH_TYPE: "EQ", SEARCH_VALUE: "Storage" }] },
      ],
    });
    const page = await client.assets.search(orFilter(searchCondition("xdm.asset.provider", "EQ", "AWS"), searchCondition("xdm.asset.provider", "EQ", "GCP")), { pageSize: 10 });
    expect(page.data?.every((asset) => ["AWS", "GCP"].includes(String(asset["xdm.asset.provider"])))).toBe(true);
    const groups = await client.assetGroups.search(searchCondition("XDM.ASSET_GROUP.TYPE", "EQ", "Dynamic")).collect({ limit: 5 });
    expect(groups.length).toBeGreaterThan(0);
    expect(groups.every((group) => group["XDM.ASSET_GROUP.TYPE"] === "Dynamic")).toBe(true);
    // create answers {"reply": {"data": ...}}: the reply envelope (an entry override) hands back data.
    const created = await client.assetGroups.createDynamic("gcp compute", andFilter(searchCondition("xdm.asset.provider", "EQ", "GCP"), searchCondition("xdm.asset.type.class", "EQ", "Compute")), { validateRequests: true });
    expect(created.data?.success).toBe(true);
    expect(created.data?.asset_group_id).toBeGreaterThan(0);
  });

  it("sends a tree nested three deep, typed per field, and gets only the matching assets", async () => {
    const since = Date.UTC(2024, 0, 1);
    const tree = andFilter(
      searchCondition("xdm.asset.provider", "IN", ["AWS", "GCP"]),
      orFilter(searchCondition("xdm.asset.type.class", "EQ", "Compute"), andFilter(searchCondition("xdm.asset.type.class", "EQ", "Data"), searchCondition("xdm.asset.first_observed", "GTE", since))),
    );
    const all = await client.assets.search(tree, { validateRequests: true }).collect({ limit: 500 });
    expect(all.length).toBeGreaterThan(0);
    for (const asset of all) {
      expect(["AWS", "GCP"]).toContain(asset["xdm.asset.provider"]);
      const cls = asset["xdm.asset.type.class"];
      expect(cls === "Compute" || (cls === "Data" && Number(asset["xdm.asset.first_observed"]) >= since)).toBe(true);
    }
    // The same tree without the typed narrowing: the emulator computes the same set.
    const everything = await client.assets.search(andFilter(searchCondition("xdm.asset.provider", "NEQ", "nothing")), { validateRequests: true }).collect({ limit: 1000 });
    const expected = everything.filter((asset) => ["AWS", "GCP"].includes(String(asset["xdm.asset.provider"])) && (asset["xdm.asset.type.class"] === "Compute" || (asset["xdm.asset.type.class"] === "Data" && Number(asset["xdm.asset.first_observed"]) >= since)));
    expect(all.map((asset) => asset["xdm.asset.id"]).sort()).toEqual(expected.map((asset) => asset["xdm.asset.id"]).sort());
  });

  it("with validation on, sends a field the tenant defines (tenantField) as it is", async () => {
    const sent: unknown[] = [];
    client.middleware.add("watch", async (context, next) => {
      sent.push(context.request.body);
      return next(context);
    }, { before: "send" });
    try {
      const tree = andFilter(searchCondition("xdm.asset.provider", "EQ", "AWS"), searchCondition(tenantField("xdm.asset.tags"), "IS_EMPTY", undefined));
      // What the emulator answers for a field it does not hold is its own business; the SDK's part is to send it.
      await client.assets.search(tree, { validateRequests: true }).then(() => undefined, () => undefined);
    } finally {
      client.middleware.remove("watch");
    }
    expect(sent.length).toBeGreaterThanOrEqual(1);
    expect(String(sent[0])).toContain('"SEARCH_FIELD":"xdm.asset.tags"');
  });

  it("with validation on, rejects a wrong field, search type or value before sending, naming it", async () => {
    const wrong = async (tree: object): Promise<CortexInvalidRequestError> => {
      const error = await client.assets.search(tree as never, { validateRequests: true }).then(() => undefined, (caught: unknown) => caught);
      expect(error).toBeInstanceOf(CortexInvalidRequestError);
      return error as CortexInvalidRequestError;
    };
    expect((await wrong(andFilter(orFilter({ SEARCH_FIELD: 7, SEARCH_TYPE: "EQ", SEARCH_VALUE: "red" })))).message).toMatch(/filters\.AND\.0\.OR\.0\.SEARCH_FIELD: .*xdm\.asset\.provider/);
    expect((await wrong(andFilter(orFilter({ SEARCH_FIELD: tenantField("xdm.asset.tags"), SEARCH_TYPE: "LIKE", SEARCH_VALUE: "red" })))).message).toMatch(/filters\.AND\.0\.OR\.0\.SEARCH_TYPE: expected one of "EQ"/);
    expect((await wrong(andFilter(searchCondition("xdm.asset.provider", "GT", "AWS")))).message).toMatch(/filters\.AND\.0\.SEARCH_TYPE: expected one of "EQ"/);
    expect((await wrong(andFilter(searchCondition("xdm.asset.first_observed", "RANGE", { from: 1 })))).message).toMatch(/filters\.AND\.0\.SEARCH_VALUE\.to/);
    expect((await wrong({ XOR: [] })).message).toMatch(/filters: expected an object with AND; or with OR/);
  });
});

describe("the other operations' typed trees, sent over loopback", () => {
  it("sends each typed tree with validation on and the emulator, which checks the same schema, takes it", async () => {
    const sent: string[] = [];
    client.middleware.add("watch", async (context, next) => {
      sent.push(String(context.request.body));
      return next(context);
    }, { before: "send" });
    try {
      const conditions = andFilter(orFilter(searchCondition("Finding Type", "EQ", "CAS_CVE_SCANNER"), searchCondition("Finding Type", "EQ", "CAS_SAST_SCANNER")), searchCondition("CVSS", "GTE", 7));
      const scope = orFilter(andFilter(searchCondition("category", "EQ", "APPLICATION"), searchCondition("Has Deployed Assets", "EQ", true)));
      await client.appsec.policiesPost({ name: "critical", conditions, scope, triggers: { periodic: { isEnabled: true, actions: { reportIssue: true } } } }, { validateRequests: true });
      await client.policy.search({ filter: orFilter(searchCondition("name", "CONTAINS", "Cloud"), andFilter(searchCondition("mode", "EQ", "CUSTOM"))) }, { validateRequests: true });
      await client.cloudOnboarding.listInstances({ filter_data: { paging: { from: 0, to: 50 }, filter: andFilter(searchCondition("CLOUD_PROVIDER", "EQ", "AWS"), orFilter(searchCondition("SCAN_MODE", "IN", ["MANAGED", "OUTPOST"]))) } }, { validateRequests: true });
      await client.cloudOnboarding.listAccounts({ instance_id: "i-1", filter_data: { filter: andFilter(searchCondition("ACCOUNT_NAME", "CONTAINS", "prod")) } }, { validateRequests: true });
      await client.system.policy({ name: "aws rules", description: "d", rule_matching_type: "RULE_FILTER", asset_matching_type: "ALL_ASSETS", associated_rule_filter: andFilter(orFilter(andFilter(searchCondition("cloudType", "EQ", "aws"))), searchCondition("labels", "ARRAY_CONTAINS", "test")) }, { validateRequests: true });
      await client.notifications.rule({ name: "high", forward_type: "alert", filter: { filter: andFilter(searchCondition("severity", "EQ", "SEV_040_HIGH")) } }, { validateRequests: true });
    } finally {
      client.middleware.remove("watch");
    }
    expect(sent.some((body) => body.includes('"SEARCH_FIELD":"Finding Type"') && body.includes('"SEARCH_FIELD":"category"'))).toBe(true);
    expect(sent.some((body) => body.includes('"SEARCH_FIELD":"CLOUD_PROVIDER"'))).toBe(true);
    expect(sent.some((body) => body.includes('"filter":{"filter":{"AND"'))).toBe(true);
  });

  it("a wrong tree is refused before sending with validation on, and by the emulator (HTTP 400) without", async () => {
    const wrong = { name: "p", conditions: andFilter(orFilter({ SEARCH_FIELD: "CVSS", SEARCH_TYPE: "GT", SEARCH_VALUE: "7" })), scope: andFilter(searchCondition("Category", "EQ", "APPLICATION")), triggers: {} } as never;
    await expect(client.appsec.policiesPost(wrong, { validateRequests: true })).rejects.toThrow(/conditions\.AND\.0\.OR\.0\.SEARCH_VALUE/);
    await expect(client.appsec.policiesPost(wrong)).rejects.toThrow(/HTTP 400/);
  });
});

describe("API keys with scopes", () => {
  it("generates a checked key, reads and sets its scope, and deletes it", async () => {
    await expect(client.apiKeys.generate({ roles: [], security_level: "standard" })).rejects.toBeInstanceOf(CortexInvalidRequestError);
    const { id } = await client.apiKeys.generate({ roles: ["Viewer"], security_level: "standard", comment: "scoped" });
    const scope = await client.apiKeys.getScope(id ?? 0);
    expect(scope).toBeDefined();
    await client.apiKeys.setScope(id ?? 0, { cases_issues: { mode: "see_all" } });
    const deleted = await client.apiKeys.deleteByIds([id ?? 0]);
    expect(deleted.update_count).toBe(1);
  });

  it("lists and deletes keys by ids given as numeric text, which the service and the emulator take as ints", async () => {
    const { id } = await client.apiKeys.generate({ roles: ["Viewer"], security_level: "standard", comment: "by text" });
    const text = String(id) as `${number}`;
    const listed = await client.request("api_keys.get_api_keys", { filters: [{ field: "id", operator: "in", value: [text] }] }, { validateRequests: true });
    expect(listed.data?.map((key) => key.id)).toEqual([id]);
    // Text that is not a number is wrong for the SDK's validator (nothing sent) and for the service alike.
    await expect(client.request("api_keys.delete", { filters: [{ field: "id", operator: "in", value: ["abc" as `${number}`] }] }, { validateRequests: true })).rejects.toThrow(/filters\.0\.value\.0/);
    await expect(client.request("api_keys.delete", { filters: [{ field: "id", operator: "in", value: ["abc" as `${number}`] }] })).rejects.toThrow(/HTTP 400.*Invalid value 'abc' for field id/);
    const deleted = await client.apiKeys.deleteByIds([text], { validateRequests: true });
    expect(deleted.update_count).toBe(1);
  });
});
