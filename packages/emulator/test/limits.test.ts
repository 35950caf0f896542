// Request-rate limits per tenant and per operation, and the replay cache's
// hard cap, over HTTP. Time is an injected clock, so nothing sleeps.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type AuthFailureReason, type GenericResponder, type RunningEmulator } from "../src/index.js";
import { advancedHeaders, bootstrapOf, call, standardHeaders, xsoar6Headers, type Credentials } from "./helpers.js";

const HEALTH = "/public_api/v1/healthcheck";
const EXTRA_DATA = "/public_api/v1/incidents/get_incident_extra_data";
const TOO_MANY = { reply: { err_code: 429, err_msg: "Too many requests", err_extra: null } };

function health(url: string, credentials: Credentials, at: number): ReturnType<typeof call> {
  return call(url, HEALTH, { method: "GET", headers: advancedHeaders(credentials, at) });
}

// Answers get_incident_extra_data, which has no specific handler yet, so the
// per-operation limit can be observed through the generic layer.
const extraData: GenericResponder = {
  resolve: (route) =>
    route.method === "POST" && route.path === EXTRA_DATA
      ? { operationId: "incidents.get_incident_extra_data", permission: "incidents:view", respond: () => ({ body: { reply: { incident: {} } } }) }
      : undefined,
};

describe("tenant request rate", () => {
  let current = Date.UTC(2033, 0, 1);
  let emulator: RunningEmulator;
  let xdr: Credentials;
  let xsiam: Credentials;

  beforeAll(async () => {
    emulator = await startEmulator({ now: () => current, rateLimits: { perSecond: 10 } });
    xdr = bootstrapOf(emulator.bootstrapKeys, "tenant-xdr-1");
    xsiam = bootstrapOf(emulator.bootstrapKeys, "tenant-xsiam-1");
  });
  afterAll(async () => {
    await emulator.close();
  });

  it("admits 10 requests a second per tenant, then answers 429 'Too many requests' without Retry-After", async () => {
    for (let i = 0; i < 10; i++) expect((await health(emulator.url, xdr, current)).status).toBe(200);
    const limited = await health(emulator.url, xdr, current);
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual(TOO_MANY);
    expect(limited.text).toContain("Too many requests");
    expect(limited.headers.get("retry-after")).toBeNull();
    // Other tenants have their own budget.
    expect((await health(emulator.url, xsiam, current)).status).toBe(200);
    // The window slides: a second later there is room again.
    current += 999;
    expect((await health(emulator.url, xdr, current)).status).toBe(429);
    current += 1;
    expect((await health(emulator.url, xdr, current)).status).toBe(200);
  });

  it("counts every endpoint, including unknown routes and failed operations", async () => {
    current += 10_000;
    for (let i = 0; i < 5; i++) expect((await health(emulator.url, xdr, current)).status).toBe(200);
    for (let i = 0; i < 5; i++) {
      const reply = await call(emulator.url, "/public_api/v1/nothing", { headers: advancedHeaders(xdr, current), body: {} });
      expect(reply.status).toBe(500);
    }
    expect((await call(emulator.url, "/public_api/v1/incidents/get_incidents", { headers: advancedHeaders(xdr, current), body: {} })).status).toBe(429);
  });

  it("does not limit XSOAR 6 (nothing documented) unless the tenant sets a limit", async () => {
    current += 10_000;
    const key = bootstrapOf(emulator.bootstrapKeys, "tenant-xsoar6-1");
    for (let i = 0; i < 15; i++) expect((await call(emulator.url, "/about", { method: "GET", headers: xsoar6Headers(key.key) })).status).toBe(200);
  });

  it("sends Retry-After when configured, and can be set per tenant", async () => {
    const strict = await startEmulator({
      now: () => current,
      rateLimits: { perSecond: 2, retryAfter: true },
      tenants: [{ id: "a", product: "xdr" }, { id: "b", product: "xdr", rateLimits: { perSecond: null } }],
    });
    try {
      const [a, b] = strict.bootstrapKeys;
      if (a === undefined || b === undefined) throw new Error("no keys");
      await health(strict.url, a, current);
      current += 400;
      await health(strict.url, a, current);
      const limited = await health(strict.url, a, current);
      expect(limited.status).toBe(429);
      expect(limited.headers.get("retry-after")).toBe("1");
      for (let i = 0; i < 20; i++) expect((await health(strict.url, b, current)).status).toBe(200);
    } finally {
      await strict.close();
    }
  });

  it("limits each tenant to the vendor's 10 requests a second by default", async () => {
    const vendorLike = await startEmulator({ now: () => current });
    try {
      const key = bootstrapOf(vendorLike.bootstrapKeys, "tenant-xdr-1");
      const replies = await Promise.all(Array.from({ length: 40 }, () => health(vendorLike.url, key, current)));
      expect(replies.filter((reply) => reply.status === 200)).toHaveLength(10);
      expect(replies.filter((reply) => reply.status === 429)).toHaveLength(30);
    } finally {
      await vendorLike.close();
    }
  });

  it("turns the tenant-wide limit off with perSecond: null", async () => {
    const relaxed = await startEmulator({ now: () => current, rateLimits: { perSecond: null } });
    try {
      const key = bootstrapOf(relaxed.bootstrapKeys, "tenant-xdr-1");
      const replies = await Promise.all(Array.from({ length: 40 }, () => health(relaxed.url, key, current)));
      expect(replies.every((reply) => reply.status === 200)).toBe(true);
    } finally {
      await relaxed.close();
    }
  });
});

describe("per-operation limits", () => {
  let current = Date.UTC(2033, 5, 1);
  let emulator: RunningEmulator;
  let xdr: Credentials;

  beforeAll(async () => {
    emulator = await startEmulator({ now: () => current, genericResponder: extraData, rateLimits: { perSecond: null } });
    xdr = bootstrapOf(emulator.bootstrapKeys, "tenant-xdr-1");
  });
  afterAll(async () => {
    await emulator.close();
  });

  function extra(credentials: Credentials = xdr): ReturnType<typeof call> {
    return call(emulator.url, EXTRA_DATA, { headers: advancedHeaders(credentials, current), body: { request_data: { incident_id: "1" } } });
  }

  it("limits incidents/get_incident_extra_data to 10 a minute by default, separately from other operations", async () => {
    for (let i = 0; i < 10; i++) expect((await extra()).status).toBe(200);
    const limited = await extra();
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual(TOO_MANY);
    expect((await health(emulator.url, xdr, current)).status).toBe(200);
    // Each tenant has its own bucket.
    const xsiam = bootstrapOf(emulator.bootstrapKeys, "tenant-xsiam-1");
    expect((await extra(xsiam)).status).toBe(200);
    current += 59_999;
    expect((await extra()).status).toBe(429);
    current += 1;
    expect((await extra()).status).toBe(200);
  });

  it("takes the operation limits as data", async () => {
    const custom = await startEmulator({
      now: () => current,
      rateLimits: { perSecond: null, operations: [{ method: "POST", path: "/public_api/v1/incidents/get_incidents/", limit: 2, windowMs: 10_000 }] },
      genericResponder: extraData,
    });
    try {
      const key = bootstrapOf(custom.bootstrapKeys, "tenant-xsiam-1");
      const statuses: number[] = [];
      for (const path of ["/public_api/v1/incidents/get_incidents", "/public_api/v1/incidents/get_incidents/", "/xsiam/public/v1/incidents/get_incidents"]) {
        statuses.push((await call(custom.url, path, { headers: advancedHeaders(key, current), body: {} })).status);
      }
      expect(statuses).toEqual([200, 200, 429]);
      // The list replaces the default: get_incident_extra_data is unlimited here.
      for (let i = 0; i < 12; i++) {
        const reply = await call(custom.url, EXTRA_DATA, { headers: advancedHeaders(key, current), body: { request_data: { incident_id: "1" } } });
        expect(reply.status).toBe(200);
      }
    } finally {
      await custom.close();
    }
  });
});

describe("replay cache hard cap", () => {
  it("forgets the oldest nonces by default, so authentic requests are always answered", async () => {
    const current = Date.UTC(2034, 0, 1);
    const capped = await startEmulator({ now: () => current, nonceCache: { maxEntries: 3 } });
    try {
      const key = bootstrapOf(capped.bootstrapKeys, "tenant-xdr-1");
      const first = advancedHeaders(key, current);
      expect((await call(capped.url, HEALTH, { method: "GET", headers: first })).status).toBe(200);
      // An immediate replay is still caught...
      expect((await call(capped.url, HEALTH, { method: "GET", headers: first })).status).toBe(401);
      for (let i = 0; i < 5; i++) expect((await health(capped.url, key, current)).status).toBe(200);
      // ...but after more than maxEntries newer nonces, the first one has been forgotten.
      expect((await call(capped.url, HEALTH, { method: "GET", headers: first })).status).toBe(200);
    } finally {
      await capped.close();
    }
  });

  it("answers 429 while full under policy 'reject', and recovers once nonces leave the window", async () => {
    let current = Date.UTC(2034, 0, 1);
    const reasons: AuthFailureReason[] = [];
    const capped = await startEmulator({
      now: () => current,
      authWindowMs: 1_000,
      nonceCache: { maxEntries: 3, whenFull: "reject" },
      onAuthFailure: (event) => reasons.push(event.reason),
    });
    try {
      const key = bootstrapOf(capped.bootstrapKeys, "tenant-xdr-1");
      for (let i = 0; i < 3; i++) expect((await health(capped.url, key, current)).status).toBe(200);
      const full = await health(capped.url, key, current);
      expect(full.status).toBe(429);
      expect(full.body).toEqual(TOO_MANY);
      expect(reasons).toEqual(["nonce_cache_full"]);
      // Every signed request needs a nonce slot, key management included.
      const generated = await call(capped.url, "/public_api/v1/api_keys/generate", {
        headers: advancedHeaders(key, current),
        body: { request_data: { roles: ["Viewer"], security_level: "standard" } },
      });
      expect(generated.status).toBe(429);
      current += 2_001; // every stored nonce has left the window
      expect((await health(capped.url, key, current)).status).toBe(200);
      const again = await call(capped.url, "/public_api/v1/api_keys/generate", {
        headers: advancedHeaders(key, current),
        body: { request_data: { roles: ["Viewer"], security_level: "standard" } },
      });
      const { id, key: secret } = (again.body as { reply: { id: number; key: string } }).reply;
      expect((await health(capped.url, key, current)).status).toBe(200);
      expect((await health(capped.url, key, current)).status).toBe(429); // full again
      // Standard keys send no nonce: the cap never affects them.
      for (let i = 0; i < 5; i++) {
        expect((await call(capped.url, HEALTH, { method: "GET", headers: standardHeaders({ keyId: String(id), key: secret }) })).status).toBe(200);
      }
    } finally {
      await capped.close();
    }
  });
});
