// The reply types say what the normalised reply holds: lower-case count and data keys, the upper-case
// spelling a read-only alias of the same value, whichever casing the tenant sends (emulator both ways).
import { startEmulator, type RunningEmulator } from "@cortex-sdk/emulator";
import type { ApiKeysGetApiKeysReply, CaseSearchReply } from "@cortex-sdk/schemas-xsiam";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { XsiamClient } from "../src/index.js";

let upper: RunningEmulator;
let lower: RunningEmulator;

beforeAll(async () => {
  [upper, lower] = await Promise.all([startEmulator({ port: 0, seed: 21 }), startEmulator({ port: 0, seed: 22, unknowns: { countKeyCase: "lower" } })]);
});

afterAll(async () => {
  await Promise.all([upper.close(), lower.close()]);
});

function clientOf(emulator: RunningEmulator): XsiamClient {
  const key = emulator.bootstrapKeys.find((candidate) => candidate.tenantId === "tenant-xsiam-1");
  if (key === undefined) throw new Error("no XSIAM tenant");
  return new XsiamClient({ baseUrl: emulator.url, apiKeyId: key.keyId, apiKey: key.key, securityLevel: "advanced", logLevel: "off", env: {} });
}

describe.each([
  ["upper-case DATA/TOTAL_COUNT/FILTER_COUNT", () => upper],
  ["lower-case data/total_count/filter_count", () => lower],
])("%s over loopback", (_casing, emulator) => {
  it("api key list: typed data and DATA are the same list, counts under both spellings", async () => {
    const client = clientOf(emulator());
    try {
      const keys: ApiKeysGetApiKeysReply = await client.apiKeys.list({});
      const data: readonly unknown[] | undefined = keys.data;
      expect(Array.isArray(data)).toBe(true);
      expect(keys.data!.length).toBeGreaterThan(0);
      expect(keys.DATA).toBe(keys.data);
      expect(keys.total_count).toBe(keys.TOTAL_COUNT);
      expect(keys.filter_count).toBe(keys.FILTER_COUNT);
      expect(typeof keys.total_count).toBe("number");
      expect(Object.keys(keys).filter((key) => key.toUpperCase() === key)).toEqual([]);
    } finally {
      await client.close();
    }
  });

  it("case search: typed data and DATA are the same list", async () => {
    const client = clientOf(emulator());
    try {
      const cases: CaseSearchReply = await client.case.search({});
      expect(Array.isArray(cases.data)).toBe(true);
      expect(cases.DATA).toBe(cases.data);
      expect(cases.total_count).toBe(cases.TOTAL_COUNT);
      expect(typeof cases.total_count).toBe("number");
    } finally {
      await client.close();
    }
  });
});
