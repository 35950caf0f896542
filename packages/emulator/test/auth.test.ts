import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AuthFailureEvent, type AuthFailureReason, type RunningEmulator } from "../src/index.js";
import { startEmulator } from "./helpers.js";
import {
  advancedHeaders,
  call,
  nonce,
  replyOf,
  sha256hex,
  standardHeaders,
  UNAUTHORIZED,
  type Credentials,
} from "./helpers.js";

const WINDOW = 300_000;
const DAY = 24 * 60 * 60 * 1000;
const HEALTH = "/public_api/v1/healthcheck";
const INCIDENTS = "/public_api/v1/incidents/get_incidents";
const GENERATE = "/public_api/v1/api_keys/generate";

// The emulator reads this injected clock; tests move it instead of sleeping.
let current = Date.UTC(2031, 5, 1, 12, 0, 0);
const failures: AuthFailureEvent[] = [];
let emulator: RunningEmulator;
let admin: Credentials;

beforeAll(async () => {
  emulator = await startEmulator({ now: () => current, onAuthFailure: (event) => failures.push(event) });
  const [bootstrap] = emulator.bootstrapKeys;
  if (bootstrap === undefined) throw new Error("no bootstrap key");
  admin = bootstrap;
});

afterAll(async () => {
  await emulator.close();
});

async function generateKey(requestData: Record<string, unknown>): Promise<Credentials> {
  const reply = await call(emulator.url, GENERATE, {
    headers: advancedHeaders(admin, current),
    body: { request_data: requestData },
  });
  expect(reply.status).toBe(200);
  const { id, key } = replyOf<{ id: number; key: string }>(reply);
  return { keyId: String(id), key };
}

/** Calls healthcheck and asserts the exact 401 envelope and the internal reason. */
async function expectRejected(headers: Record<string, string>, reason: AuthFailureReason): Promise<void> {
  const before = failures.length;
  const reply = await call(emulator.url, HEALTH, { method: "GET", headers });
  expect(reply.status).toBe(401);
  expect(reply.text).toBe(JSON.stringify(UNAUTHORIZED));
  expect(reply.text).not.toContain(reason);
  expect(failures.length).toBe(before + 1);
  expect(failures.at(-1)?.reason).toBe(reason);
}

describe("the vendor's own examples", () => {
  it("a standard key with curl-style headers: x-xdr-auth-id, Authorization: <key>, -d '{}' or -d ''", async () => {
    const standard = await generateKey({ roles: ["Investigator"], security_level: "standard" });
    for (const body of ["{}", ""]) {
      // curl -X POST <url>/public_api/v1/incidents/get_incidents/ -H "x-xdr-auth-id: <id>" -H "Authorization: <key>" -H "Content-Type: application/json" -d '<body>'
      const response = await fetch(`${emulator.url}/public_api/v1/incidents/get_incidents/`, {
        method: "POST",
        headers: { "x-xdr-auth-id": standard.keyId, Authorization: standard.key, "Content-Type": "application/json" },
        body,
      });
      expect(response.status).toBe(200);
      expect(((await response.json()) as { reply: { total_count: number } }).reply.total_count).toBe(25);
    }
  });

  it("an advanced key signed as the official Python sample does (timestamp = int(now) * 1000)", async () => {
    const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"; // string.ascii_letters + string.digits
    const nonceValue = Array.from({ length: 64 }, () => letters.charAt(Math.floor(Math.random() * letters.length))).join("");
    const timestamp = Math.trunc(current / 1000) * 1000;
    const authKey = `${admin.key}${nonceValue}${timestamp}`; // "%s%s%s" % (api_key, nonce, timestamp)
    const headers = {
      "x-xdr-timestamp": String(timestamp),
      "x-xdr-nonce": nonceValue,
      "x-xdr-auth-id": String(admin.keyId),
      Authorization: sha256hex(authKey),
    };
    // requests.post(url, headers=headers, json={"request_data": {}})
    const response = await fetch(`${emulator.url}/public_api/v1/incidents/get_incidents/`, {
      method: "POST",
      headers: { ...headers, "Content-Type": "application/json" },
      body: JSON.stringify({ request_data: {} }),
    });
    expect(response.status).toBe(200);
    expect(String(timestamp)).toMatch(/000$/);
  });
});

describe("advanced keys", () => {
  it("accepts the bootstrap administrator key signed with sha256(key + nonce + timestamp)", async () => {
    expect(admin.keyId).toMatch(/^\d+$/);
    expect(admin.key).toMatch(/^[A-Za-z0-9]{128}$/);
    expect(emulator.bootstrapKeys[0]).toMatchObject({
      tenantId: emulator.tenants[0]?.tenantId,
      securityLevel: "advanced",
      roles: ["Instance Administrator"],
    });
    const reply = await call(emulator.url, HEALTH, { method: "GET", headers: advancedHeaders(admin, current) });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ status: "available" });
  });

  it("accepts second-granular timestamps and timestamps at the window edges", async () => {
    for (const timestamp of [Math.floor(current / 1000) * 1000, current - WINDOW, current + WINDOW]) {
      const reply = await call(emulator.url, HEALTH, { method: "GET", headers: advancedHeaders(admin, timestamp) });
      expect(reply.status).toBe(200);
    }
  });

  it("rejects a wrong hash", async () => {
    const headers = advancedHeaders(admin, current);
    await expectRejected({ ...headers, Authorization: sha256hex("not the key" + "x") }, "bad_signature");
    // Hex case matters: the signature is lowercase hex.
    await expectRejected({ ...headers, Authorization: headers["Authorization"]?.toUpperCase() ?? "" }, "bad_signature");
  });

  it("rejects timestamps beyond the window on either side", async () => {
    await expectRejected(advancedHeaders(admin, current - WINDOW - 1), "clock_skew");
    await expectRejected(advancedHeaders(admin, current + WINDOW + 1), "clock_skew");
  });

  it("rejects a replayed nonce, but not the same nonce under another key", async () => {
    const headers = advancedHeaders(admin, current);
    expect((await call(emulator.url, HEALTH, { method: "GET", headers })).status).toBe(200);
    await expectRejected(headers, "nonce_replay");
    // Re-signing the same nonce with a new timestamp is still a replay.
    const sameNonce = headers["x-xdr-nonce"] ?? "";
    await expectRejected(advancedHeaders(admin, current + 1, sameNonce), "nonce_replay");

    const other = await generateKey({ roles: ["Viewer"], security_level: "advanced" });
    const reply = await call(emulator.url, HEALTH, {
      method: "GET",
      headers: advancedHeaders(other, current, sameNonce),
    });
    expect(reply.status).toBe(200);
  });

  it("rejects an advanced key sent raw", async () => {
    await expectRejected(standardHeaders(admin), "level_mismatch");
    // Raw key plus nonce/timestamp is still raw.
    await expectRejected({ ...advancedHeaders(admin, current), Authorization: admin.key }, "level_mismatch");
  });

  it("rejects missing or malformed headers", async () => {
    const headers = advancedHeaders(admin, current);
    const without = (name: string): Record<string, string> =>
      Object.fromEntries(Object.entries(headers).filter(([key]) => key !== name));
    await expectRejected({}, "missing_headers");
    await expectRejected(without("x-xdr-auth-id"), "missing_headers");
    await expectRejected(without("Authorization"), "missing_headers");
    await expectRejected(without("x-xdr-nonce"), "missing_headers");
    await expectRejected(without("x-xdr-timestamp"), "missing_headers");

    const shortNonce = nonce().slice(1);
    await expectRejected(advancedHeaders(admin, current, shortNonce), "malformed_nonce");
    const symbolNonce = `${nonce().slice(1)}-`;
    await expectRejected(advancedHeaders(admin, current, symbolNonce), "malformed_nonce");
    const n = nonce();
    const fractional = `${current}.5`;
    await expectRejected(
      { ...headers, "x-xdr-nonce": n, "x-xdr-timestamp": fractional, Authorization: sha256hex(admin.key + n + fractional) },
      "malformed_timestamp",
    );
  });

  it("rejects unknown key ids", async () => {
    await expectRejected(advancedHeaders({ keyId: "999999", key: admin.key }, current), "unknown_key");
    await expectRejected(advancedHeaders({ keyId: `0${admin.keyId}`, key: admin.key }, current), "unknown_key");
    await expectRejected(advancedHeaders({ keyId: "abc", key: admin.key }, current), "unknown_key");
  });
});

describe("standard keys", () => {
  it("accept curl-style headers (Authorization = raw key), ignoring extra nonce/timestamp", async () => {
    const viewer = await generateKey({ roles: ["Viewer"], security_level: "standard" });
    const reply = await call(emulator.url, INCIDENTS, { headers: standardHeaders(viewer), body: { request_data: {} } });
    expect(reply.status).toBe(200);
    const withExtras = { ...standardHeaders(viewer), "x-xdr-nonce": nonce(), "x-xdr-timestamp": "1" };
    expect((await call(emulator.url, HEALTH, { method: "GET", headers: withExtras })).status).toBe(200);
  });

  it("reject a standard key sent hashed", async () => {
    const viewer = await generateKey({ roles: ["Viewer"], security_level: "standard" });
    await expectRejected(advancedHeaders(viewer, current), "level_mismatch");
  });

  it("reject a wrong raw key", async () => {
    const viewer = await generateKey({ roles: ["Viewer"], security_level: "standard" });
    await expectRejected({ ...standardHeaders(viewer), Authorization: `${viewer.key}x` }, "bad_signature");
  });
});

describe("expiration", () => {
  it("rejects a key once its expiration has passed", async () => {
    const shortLived = await generateKey({
      roles: ["Viewer"],
      security_level: "standard",
      expiration: current + 60_000,
    });
    expect((await call(emulator.url, HEALTH, { method: "GET", headers: standardHeaders(shortLived) })).status).toBe(200);
    current += 60_000;
    await expectRejected(standardHeaders(shortLived), "expired_key");
  });

  it("defaults to one week: valid after 6 days, rejected after 8", async () => {
    const advanced = await generateKey({ roles: ["Investigator"], security_level: "advanced" });
    const standard = await generateKey({ roles: ["Investigator"], security_level: "standard" });
    current += 6 * DAY;
    expect((await call(emulator.url, HEALTH, { method: "GET", headers: advancedHeaders(advanced, current) })).status).toBe(200);
    expect((await call(emulator.url, HEALTH, { method: "GET", headers: standardHeaders(standard) })).status).toBe(200);
    current += 2 * DAY;
    await expectRejected(advancedHeaders(advanced, current), "expired_key");
    await expectRejected(standardHeaders(standard), "expired_key");
    // The bootstrap key never expires.
    expect((await call(emulator.url, HEALTH, { method: "GET", headers: advancedHeaders(admin, current) })).status).toBe(200);
  });
});

describe("Date header", () => {
  it("is sent on every response, from the emulator clock", async () => {
    const ok = await call(emulator.url, HEALTH, { method: "GET", headers: advancedHeaders(admin, current) });
    const rejected = await call(emulator.url, HEALTH, { method: "GET" });
    const missing = await call(emulator.url, "/public_api/v1/nope", {});
    for (const reply of [ok, rejected, missing]) {
      expect(Date.parse(reply.headers.get("date") ?? "")).toBe(Math.floor(current / 1000) * 1000);
    }
  });
});
