import { startEmulator, type RunningEmulator } from "@cortex-sdk/emulator";
import { operations as xdrOperations } from "@cortex-sdk/schemas-xdr";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CortexAuthenticationError, CortexClient, diagnoseAuthentication, type ClientOptions } from "../src/index.js";

// Two tenants on two emulators (two URLs), each emulator with a clock the test moves.
let now = Date.now();
let home: RunningEmulator;
let elsewhere: RunningEmulator;
const clients: CortexClient[] = [];

function client(options: ClientOptions): CortexClient {
  const made = new CortexClient({ rateLimit: false, retry: { maxRetries: 0 }, env: {}, logLevel: "off", ...options }, { product: "xdr", clientName: "test", clientVersion: "0.0.0", operations: xdrOperations });
  clients.push(made);
  return made;
}

function admin(emulator: RunningEmulator): CortexClient {
  const key = emulator.bootstrapKeys.find((candidate) => candidate.product === "xdr");
  if (key === undefined) throw new Error("no xdr bootstrap key");
  return client({ baseUrl: emulator.url, apiKeyId: key.keyId, apiKey: key.key, securityLevel: key.securityLevel });
}

async function generate(emulator: RunningEmulator, level: "standard" | "advanced", expiration?: number): Promise<{ id: number; key: string }> {
  return admin(emulator).request<{ id: number; key: string }>("api_keys.generate", { roles: ["Viewer"], security_level: level, ...(expiration === undefined ? {} : { expiration }) });
}

beforeAll(async () => {
  [home, elsewhere] = await Promise.all([startEmulator({ port: 0, seed: 5, incidentCount: 3, now: () => now }), startEmulator({ port: 0, seed: 6, incidentCount: 3, now: () => now })]);
});

afterAll(async () => {
  await Promise.all(clients.map((made) => made.close()));
  await Promise.all([home.close(), elsewhere.close()]);
});

describe("diagnoseAuthentication against the emulator (whose 401 bodies are all the same)", () => {
  it("the 401 itself lists candidates and claims none", async () => {
    const key = await generate(home, "standard");
    const error = await client({ baseUrl: home.url, apiKeyId: key.id, apiKey: "x".repeat(64), securityLevel: "standard" }).request("healthcheck", undefined).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CortexAuthenticationError);
    expect((error as CortexAuthenticationError).likelyCause).toBe("unknown");
    expect((error as CortexAuthenticationError).likelyCauses.length).toBeGreaterThanOrEqual(5);
  });

  it("a level mismatch: the same call signed at the other level is accepted", async () => {
    const key = await generate(home, "standard");
    const found = await diagnoseAuthentication(client({ baseUrl: home.url, apiKeyId: key.id, apiKey: key.key, securityLevel: "advanced" }));
    expect(found).toMatchObject({ ok: false, cause: "key_level_mismatch", candidates: ["key_level_mismatch"] });
    expect(found.fix).toMatch(/standard/);
  });

  it("another tenant's URL: the key is accepted at a URL the caller knows", async () => {
    const key = await generate(elsewhere, "advanced");
    const found = await diagnoseAuthentication(client({ baseUrl: home.url, apiKeyId: key.id, apiKey: key.key, securityLevel: "advanced" }), { otherBaseUrls: [elsewhere.url] });
    expect(found.cause).toBe("wrong_tenant_url");
    expect(found.fix).toContain(elsewhere.url);
  });

  it("a wrong secret, an expired key, a deleted key and an unknown id, told apart with the key list", async () => {
    const reader = admin(home);
    const wrong = await generate(home, "standard");
    const expiring = await generate(home, "standard", now + 60_000);
    const deleted = await generate(home, "standard");
    await generate(home, "standard");
    await reader.request("api_keys.delete", { filters: [{ field: "id", operator: "in", value: [deleted.id] }] });
    now += 120_000;
    const diagnose = (id: number, secret: string) => diagnoseAuthentication(client({ baseUrl: home.url, apiKeyId: id, apiKey: secret, securityLevel: "standard" }), { keyListReader: reader, now });
    expect((await diagnose(wrong.id, "Z".repeat(128))).cause).toBe("wrong_key");
    const expired = await diagnose(expiring.id, expiring.key);
    expect(expired.cause).toBe("expired_key");
    expect(expired.detail).toContain(new Date(now - 60_000).toISOString());
    expect((await diagnose(deleted.id, deleted.key)).candidates[0]).toBe("deleted_key");
    expect((await diagnose(999_999, deleted.key)).candidates[0]).toBe("unknown_key_id");
  });

  it("an expiry seen earlier names the cause when no key list is readable", async () => {
    const key = await generate(home, "standard", now + 60_000);
    now += 120_000;
    const found = await diagnoseAuthentication(client({ baseUrl: home.url, apiKeyId: key.id, apiKey: key.key, securityLevel: "standard" }), { knownExpiration: now - 60_000, now });
    expect(found.cause).toBe("expired_key");
  });

  it("a working key is ok", async () => {
    const key = await generate(home, "advanced");
    expect((await diagnoseAuthentication(client({ baseUrl: home.url, apiKeyId: key.id, apiKey: key.key, securityLevel: "advanced" }))).ok).toBe(true);
  });
});
