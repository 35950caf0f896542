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
