// Cortex Cloud workflows against the emulator: AND/OR tree searches, dynamic asset groups, API keys and
// their scopes.
import { startEmulator, type RunningEmulator } from "@cortex-sdk/emulator";
import { CortexInvalidRequestError } from "@cortex-sdk/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { andFilter, CloudClient, orFilter, searchCondition } from "../src/index.js";

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
    // The table's filter schema takes one level (AND or OR of conditions); nested trees are reported to the schemas owner.
    const page = await client.assets.search(orFilter(searchCondition("xdm.asset.provider", "EQ", "AWS"), searchCondition("xdm.asset.provider", "EQ", "GCP")), { pageSize: 10 });
    expect(page).toBeDefined();
    const groups = await client.assetGroups.search(searchCondition("XDM.ASSET_GROUP.TYPE", "EQ", "Dynamic")).collect({ limit: 5 });
    expect(Array.isArray(groups)).toBe(true);
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
});
