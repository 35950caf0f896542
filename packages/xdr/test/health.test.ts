// The `health` workflow against the emulator over HTTP: available, and a typed error when unreachable.
import { startEmulator, type RunningEmulator } from "@cortex-sdk/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { XdrClient } from "../src/index.js";

let emulator: RunningEmulator;
let client: XdrClient;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, seed: 5, rateLimits: { perSecond: null } } as Parameters<typeof startEmulator>[0]);
  const key = emulator.bootstrapKeys.find((candidate) => candidate.product === "xdr");
  if (key === undefined) throw new Error("no XDR tenant");
  client = new XdrClient({ baseUrl: emulator.url, apiKeyId: key.keyId, apiKey: key.key, securityLevel: "advanced", rateLimit: false, logLevel: "off", env: {} });
});

afterAll(async () => {
  await client?.close();
  await emulator?.close();
});

describe("client.health", () => {
  it("says the emulated tenant is available", async () => {
    expect(await client.health.isAvailable()).toBe(true);
  });

  it("throws a typed error, not false, when the tenant cannot be reached", async () => {
    const nowhere = client.withOptions({ baseUrl: "http://127.0.0.1:9", retry: { maxRetries: 0 }, timeoutMs: 2_000 });
    await expect(nowhere.health.isAvailable()).rejects.toMatchObject({ kind: "connection" });
    await nowhere.close();
  });
});
