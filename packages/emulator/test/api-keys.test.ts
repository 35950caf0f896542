import { maxApiKeyExpiration } from "@cortex-sdk/schemas-base/api-key-expiry";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningEmulator } from "../src/index.js";
import { startEmulator } from "./helpers.js";
import {
  advancedHeaders,
  call,
  FORBIDDEN,
  invalidInput,
  replyOf,
  standardHeaders,
  type Credentials,
  type Reply,
} from "./helpers.js";

const GENERATE = "/public_api/v1/api_keys/generate";

let current = Date.UTC(2031, 0, 15);
let emulator: RunningEmulator;
let admin: Credentials;

beforeAll(async () => {
  emulator = await startEmulator({ now: () => current });
  const [bootstrap] = emulator.bootstrapKeys;
  if (bootstrap === undefined) throw new Error("no bootstrap key");
  admin = bootstrap;
});

afterAll(async () => {
  await emulator.close();
});

function generate(requestData: unknown, credentials: Credentials = admin): Promise<Reply> {
  return call(emulator.url, GENERATE, {
    headers: advancedHeaders(credentials, current),
    body: { request_data: requestData },
  });
}

async function generateOk(requestData: unknown): Promise<{ id: number; key: string }> {
  const reply = await generate(requestData);
  expect(reply.status).toBe(200);
  return replyOf<{ id: number; key: string }>(reply);
}

describe("api_keys/generate", () => {
  it("returns an integer id and a 128-character alphanumeric secret; ids increase", async () => {
    const first = await generateOk({ roles: ["Public API Action"], security_level: "standard", comment: "ci" });
    const second = await generateOk({ roles: ["Viewer", "Investigator"], security_level: "advanced" });
    expect(Object.keys(first).sort()).toEqual(["id", "key"]);
    expect(Number.isInteger(first.id)).toBe(true);
    expect(first.id).toBeGreaterThan(Number(admin.keyId));
    expect(second.id).toBe(first.id + 1);
    expect(first.key).toMatch(/^[A-Za-z0-9]{128}$/);
    expect(second.key).not.toBe(first.key);
  });

  it("issues keys that authenticate at their security level", async () => {
    const standard = await generateOk({ roles: ["Viewer"], security_level: "standard" });
    const advanced = await generateOk({ roles: ["Viewer"], security_level: "advanced" });
    const health = "/public_api/v1/healthcheck";
    const asStandard = standardHeaders({ keyId: String(standard.id), key: standard.key });
    const asAdvanced = advancedHeaders({ keyId: String(advanced.id), key: advanced.key }, current);
    expect((await call(emulator.url, health, { method: "GET", headers: asStandard })).status).toBe(200);
    expect((await call(emulator.url, health, { method: "GET", headers: asAdvanced })).status).toBe(200);
  });

  it("accepts an expiration up to six calendar months ahead (the shared expiry rule)", async () => {
    // 15 January 2031 + six months = 15 July 2031: 181 days, not 183.
    expect(maxApiKeyExpiration(current)).toBe(Date.UTC(2031, 6, 15));
    await generateOk({ roles: ["Viewer"], security_level: "standard", expiration: maxApiKeyExpiration(current) });
  });

  it.each([
    [{ roles: ["Nobody"], security_level: "standard" }, "roles: unknown role 'Nobody'"],
    [{ roles: ["Viewer", "Nobody"], security_level: "standard" }, "roles: unknown role 'Nobody'"],
    [{ roles: [], security_level: "standard" }, "roles: at least one role is required"],
    [{ security_level: "standard" }, "roles: Field required"],
    [{ roles: "Viewer", security_level: "standard" }, "roles: Input should be a valid list"],
    [{ roles: [7], security_level: "standard" }, "roles[0]: Input should be a valid string"],
    [{ roles: ["Viewer"], security_level: "ADVANCED" }, "security_level: Input should be 'standard' or 'advanced'"],
    [{ roles: ["Viewer"], security_level: "basic" }, "security_level: Input should be 'standard' or 'advanced'"],
    [{ roles: ["Viewer"] }, "security_level: Field required"],
    [{ roles: ["Viewer"], security_level: "standard", expiration: "soon" }, "expiration: Input should be a valid integer"],
    [{ roles: ["Viewer"], security_level: "standard", comment: 5 }, "comment: Input should be a valid string"],
  ])("rejects %j with 400", async (requestData, extra) => {
    const reply = await generate(requestData);
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual(invalidInput(extra));
  });

  it("rejects expirations beyond six months or in the past", async () => {
    const tooLate = await generate({ roles: ["Viewer"], security_level: "standard", expiration: maxApiKeyExpiration(current) + 1 });
    expect(tooLate.status).toBe(400);
    expect(tooLate.body).toEqual(invalidInput("expiration: must be at most six months from now"));
    const past = await generate({ roles: ["Viewer"], security_level: "standard", expiration: current - 1 });
    expect(past.status).toBe(400);
    expect(past.body).toEqual(invalidInput("expiration: must be in the future"));
  });

  it("rejects a non-object request_data", async () => {
    const reply = await generate(["Viewer"]);
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual(invalidInput("request_data: Input should be a valid dictionary"));
  });

  it("creates nothing when validation fails (ids stay consecutive)", async () => {
    const before = await generateOk({ roles: ["Viewer"], security_level: "standard" });
    expect((await generate({ roles: ["Nobody"], security_level: "standard" })).status).toBe(400);
    const after = await generateOk({ roles: ["Viewer"], security_level: "standard" });
    expect(after.id).toBe(before.id + 1);
  });

  it("answers 403 to keys without Instance Administrator", async () => {
    for (const role of ["Viewer", "Investigator", "Public API Action"]) {
      const created = await generateOk({ roles: [role], security_level: "standard" });
      const reply = await call(emulator.url, GENERATE, {
        headers: standardHeaders({ keyId: String(created.id), key: created.key }),
        body: { request_data: { roles: ["Viewer"], security_level: "standard" } },
      });
      expect(reply.status).toBe(403);
      expect(reply.text).toBe(JSON.stringify(FORBIDDEN));
    }
  });

  it("lets a generated administrator key generate keys", async () => {
    const created = await generateOk({ roles: ["Instance Administrator"], security_level: "standard" });
    const reply = await call(emulator.url, GENERATE, {
      headers: standardHeaders({ keyId: String(created.id), key: created.key }),
      body: { request_data: { roles: ["Viewer"], security_level: "standard" } },
    });
    expect(reply.status).toBe(200);
  });

  it("never returns a secret again", async () => {
    const created = await generateOk({ roles: ["Instance Administrator"], security_level: "standard" });
    const own = standardHeaders({ keyId: String(created.id), key: created.key });
    const replies = [
      await call(emulator.url, "/public_api/v1/healthcheck", { method: "GET", headers: own }),
      await call(emulator.url, "/public_api/v1/incidents/get_incidents", { headers: own, body: { request_data: {} } }),
      await call(emulator.url, GENERATE, { headers: own, body: { request_data: { roles: ["Viewer"], security_level: "standard" } } }),
      await call(emulator.url, GENERATE, { headers: own, body: { request_data: { roles: ["Nobody"], security_level: "standard" } } }),
      await call(emulator.url, "/public_api/v1/api_keys/get_api_keys", { headers: own, body: { request_data: {} } }),
    ];
    for (const reply of replies) {
      expect(reply.text).not.toContain(created.key);
      expect(reply.text).not.toContain(admin.key);
    }
  });
});
