import { startEmulator, type AuthFailureEvent, type RunningEmulator } from "@cortex-sdk/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CortexAuthenticationError, CortexBadRequestError, CortexPermissionError, CortexServerError, type CortexClient } from "../src/index.js";
import { startFront, testClient } from "./helpers.js";

interface GenerateReply {
  readonly id: number;
  readonly key: string;
}

let emulator: RunningEmulator;
let skewed: RunningEmulator;
const authFailures: AuthFailureEvent[] = [];
const skewedFailures: AuthFailureEvent[] = [];
let admin: CortexClient;
let adminLines: string[];

beforeAll(async () => {
  [emulator, skewed] = await Promise.all([
    startEmulator({ port: 0, seed: 3, incidentCount: 40, onAuthFailure: (event) => authFailures.push(event) }),
    // The server's clock is 20 minutes ahead of ours: far outside the ±5 min window for advanced keys.
    startEmulator({ port: 0, seed: 4, incidentCount: 5, clockOffsetMs: 20 * 60_000, onAuthFailure: (event) => skewedFailures.push(event) }),
  ]);
  const key = emulator.bootstrapKeys[0];
  if (key === undefined) throw new Error("no bootstrap key");
  ({ client: admin, lines: adminLines } = testClient({ baseUrl: emulator.url, apiKeyId: key.keyId, apiKey: key.key, securityLevel: "advanced" }));
});

afterAll(async () => {
  await admin.close();
  await Promise.all([emulator.close(), skewed.close()]);
});

describe("against the emulator over loopback", () => {
  it("signs every attempt afresh: the emulator, which refuses replayed nonces, accepts the third attempt", async () => {
    const key = emulator.bootstrapKeys[0];
    if (key === undefined) throw new Error("no bootstrap key");
    const front = await startFront(emulator.url, (n) => (n <= 2 ? "forward-then-503" : "forward"));
    const { client } = testClient({ baseUrl: front.url, apiKeyId: key.keyId, apiKey: key.key, securityLevel: "advanced" });
    const failuresBefore = authFailures.length;
    try {
      const { data, response } = await client.request<{ total_count: number }>("incidents.get_incidents", { search_to: 5 }).withResponse();
      expect(data.total_count).toBe(40);
      expect(response.attempts).toBe(3);
      expect(new Set(front.nonces).size).toBe(3);
      expect(authFailures.length).toBe(failuresBefore);
    } finally {
      await client.close();
      await front.close();
    }
  });

  it("never sends an unsafe write twice: one key generated, the 503 reported after one attempt", async () => {
    const key = emulator.bootstrapKeys[0];
    if (key === undefined) throw new Error("no bootstrap key");
    const front = await startFront(emulator.url, () => "forward-then-503");
    const { client } = testClient({ baseUrl: front.url, apiKeyId: key.keyId, apiKey: key.key, securityLevel: "advanced" });
    try {
      const error = await client.request("api_keys.generate", { roles: ["Viewer"], security_level: "standard" }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(CortexServerError);
      expect((error as CortexServerError).attempts).toBe(1);
      expect(front.paths.filter((path) => path.includes("api_keys/generate"))).toHaveLength(1);
    } finally {
      await client.close();
      await front.close();
    }
  });

  it("produces typed errors from the emulator's real envelopes", async () => {
    const badRequest = await admin.request("incidents.get_incidents", { search_from: 0, search_to: 500 }).catch((e: unknown) => e);
    expect(badRequest).toBeInstanceOf(CortexBadRequestError);
    expect((badRequest as CortexBadRequestError).message).toContain("0 < search_size <= 100");

    const viewer = await admin.request<GenerateReply>("api_keys.generate", { roles: ["Viewer"], security_level: "advanced" });
    const { client } = testClient({ baseUrl: emulator.url, apiKeyId: viewer.id, apiKey: viewer.key, securityLevel: "advanced" });
    const { client: mismatched } = testClient({ baseUrl: emulator.url, apiKeyId: viewer.id, apiKey: viewer.key, securityLevel: "standard" });
    try {
      const forbidden = await client.request("api_keys.generate", { roles: ["Viewer"], security_level: "advanced" }).catch((e: unknown) => e);
      expect(forbidden).toBeInstanceOf(CortexPermissionError);
      const rejected = await mismatched.request("incidents.get_incidents", {}).catch((e: unknown) => e);
      expect(rejected).toBeInstanceOf(CortexAuthenticationError);
      const auth = rejected as CortexAuthenticationError;
      // The 401 says nothing about why: the SDK ranks the candidates and claims none.
      expect(auth.likelyCause).toBe("unknown");
      expect(auth.likelyCauses[0]).toBe("key_level_mismatch");
      expect(auth.likelyCauses).toEqual(expect.arrayContaining(["wrong_key", "unknown_key_id", "expired_key", "deleted_key", "wrong_tenant_url"]));
      expect(auth.message).toMatch(/authentication failed \(HTTP 401\).*does not say why; possible causes, most likely first: \(1\) the key's security level does not match/);
      expect(auth.attempts).toBe(1);
    } finally {
      await client.close();
      await mismatched.close();
    }
  });

  it("never logs the key, nor the key a generate reply holds, at debug level", async () => {
    const generated = await admin.request<GenerateReply>("api_keys.generate", { roles: ["Viewer"], security_level: "advanced" });
    await admin.request("incidents.get_incidents", { search_to: 2 });
    const all = adminLines.join("\n");
    expect(adminLines.length).toBeGreaterThan(2);
    expect(all).not.toContain(emulator.bootstrapKeys[0]?.key ?? "missing");
    expect(all).not.toContain(generated.key);
    expect(all).toMatch(/"requestId":"[0-9a-f-]{36}"/);
  });
});

describe("clock skew against an emulator whose clock is 20 minutes ahead", () => {
  it("detects the skew from the Date header, corrects it once for the tenant, and succeeds", async () => {
    const key = skewed.bootstrapKeys[0];
    if (key === undefined) throw new Error("no bootstrap key");
    const { client, lines } = testClient({ baseUrl: skewed.url, apiKeyId: key.keyId, apiKey: key.key, securityLevel: "advanced" });
    const { client: second } = testClient({ baseUrl: skewed.url, apiKeyId: key.keyId, apiKey: key.key, securityLevel: "advanced" });
    try {
      const first = await client.request("incidents.get_incidents", { search_to: 1 }).withResponse();
      expect(first.response.attempts).toBe(2);
      expect(skewedFailures.length).toBe(1);
      expect(lines.join("\n")).toMatch(/clock skew detected.*"skewMs":1(19|20)\d{4}/);
      // The correction is shared by every client of the tenant: no second failure.
      const again = await second.request("incidents.get_incidents", { search_to: 1 }).withResponse();
      expect(again.response.attempts).toBe(1);
      expect(skewedFailures.length).toBe(1);
    } finally {
      await client.close();
      await second.close();
    }
  });

  it("says the clock is off, and by how much, when the corrected attempt still fails", async () => {
    const key = skewed.bootstrapKeys[0];
    if (key === undefined) throw new Error("no bootstrap key");
    const { client } = testClient({ baseUrl: skewed.url, apiKeyId: key.keyId, apiKey: "W".repeat(128), securityLevel: "advanced" });
    try {
      const error = await client.request("incidents.get_incidents", {}).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CortexAuthenticationError);
      const auth = error as CortexAuthenticationError;
      expect(auth.likelyCause).toBe("clock_skew");
      expect(auth.message).toMatch(/clock differs from the server's by about 1(19\d|200) s/);
      expect(auth.clockSkewMs).toBeGreaterThan(19 * 60_000);
      expect(auth.message).not.toContain("W".repeat(128));
    } finally {
      await client.close();
    }
  });
});
