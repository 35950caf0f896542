// Pieces that are not (yet) reachable through a built-in operation: the 500
// path, key revocation at the index level, the bounded data structures, the
// XQL and ingestion accounting (driven over HTTP through test operations) and
// the scope helpers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticate } from "../src/auth.js";
import { startEmulatorWith } from "../src/emulator.js";
import { ApiError } from "../src/envelopes.js";
import type { RequestView } from "../src/generic.js";
import { createSchemaResponder } from "../src/schema-responder.js";
import type { RunningEmulator } from "../src/index.js";
import { KeyIndex, generateSecret, type NewApiKey } from "../src/keys.js";
import { IngestionAccounting } from "../src/limits/ingestion.js";
import { SlidingWindow, WeightedWindow } from "../src/limits/window.js";
import { XqlAccounting, XQL_CONCURRENCY_MESSAGE } from "../src/limits/xql.js";
import { NonceCache } from "../src/nonce-cache.js";
import { OPERATIONS } from "../src/operations/index.js";
import type { Operation } from "../src/router.js";
import { UNRESTRICTED_SCOPE, datasetRowFilter, scopeAllows, type ApiKeyScope } from "../src/scope.js";
import { advancedHeaders, call, type Credentials } from "./helpers.js";

function newKey(overrides: Partial<NewApiKey> = {}): NewApiKey {
  return {
    secret: generateSecret(),
    securityLevel: "advanced",
    authScheme: "cortex",
    roles: ["Viewer"],
    comment: null,
    expiration: null,
    creationTime: 0,
    createdBy: "test",
    scope: null,
    bootstrap: false,
    ...overrides,
  };
}

function lower(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}

// Test-only operations that reach internals, served next to the built-in ones.
const errors: unknown[] = [];
const TEST_OPERATIONS: Operation[] = [
  {
    id: "test.explode",
    method: "POST",
    surface: "cortex",
    path: "/public_api/v1/test/explode",
    permission: null,
    products: ["xdr"],
    handle: () => {
      throw new Error("secret internal detail at /srv/app.ts:42");
    },
  },
  {
    id: "test.xql_start",
    method: "POST",
    surface: "cortex",
    path: "/public_api/v1/test/xql_start",
    permission: "xql:action",
    products: ["xdr"],
    handle: ({ tenant, requestData, now }) => {
      tenant.limits.xql.acquire(String((requestData as { id: string }).id), now);
      return { body: { reply: String((requestData as { id: string }).id) } };
    },
  },
  {
    id: "test.xql_finish",
    method: "POST",
    surface: "cortex",
    path: "/public_api/v1/test/xql_finish",
    permission: "xql:action",
    products: ["xdr"],
    handle: ({ tenant, requestData }) => ({ body: { reply: tenant.limits.xql.release(String((requestData as { id: string }).id)) } }),
  },
  {
    id: "test.ingest",
    method: "POST",
    surface: "cortex",
    path: "/public_api/v1/test/ingest",
    permission: null,
    products: ["xdr"],
    handle: ({ tenant, requestData, now }) => {
      tenant.limits.ingestion.admit("parsed", (requestData as { alerts: unknown[] }).alerts.length, now);
      return { body: { reply: true } };
    },
  },
];

let emulator: RunningEmulator;
let admin: Credentials;
let current = Date.UTC(2030, 0, 1);

beforeAll(async () => {
  emulator = await startEmulatorWith({ now: () => current, rateLimits: { perSecond: null }, onError: (error) => errors.push(error) }, [...OPERATIONS, ...TEST_OPERATIONS]);
  const [bootstrap] = emulator.bootstrapKeys;
  if (bootstrap === undefined) throw new Error("no bootstrap key");
  admin = bootstrap;
});

afterAll(async () => {
  await emulator.close();
});

function post(path: string, requestData: unknown): ReturnType<typeof call> {
  return call(emulator.url, path, { headers: advancedHeaders(admin, current), body: { request_data: requestData } });
}

describe("unexpected errors", () => {
  it("answers a thrown exception with the generic 500 envelope and keeps serving", async () => {
    for (let i = 0; i < 2; i++) {
      const reply = await post("/public_api/v1/test/explode", {});
      expect(reply.status).toBe(500);
      expect(reply.text).toBe(
        JSON.stringify({
          reply: { err_code: 500, err_msg: "An error occurred while processing XDR public API", err_extra: null },
        }),
      );
      expect(reply.text).not.toContain("secret internal detail");
      expect(reply.text).not.toMatch(/at .*\.ts:\d+/);
    }
    expect(errors).toHaveLength(2);
  });
});

describe("XQL concurrency accounting", () => {
  it("admits 4 parallel queries, answers the 5th with the documented 500 body, and admits again after a release", async () => {
    for (const id of ["q1", "q2", "q3", "q4"]) expect((await post("/public_api/v1/test/xql_start", { id })).status).toBe(200);
    const refused = await post("/public_api/v1/test/xql_start", { id: "q5" });
    expect(refused.status).toBe(500);
    expect(refused.body).toEqual({
      reply: {
        err_code: 500,
        err_msg: "An error occurred while processing XDR - XQL query",
        err_extra: {
          err_msg: XQL_CONCURRENCY_MESSAGE,
          query_cost: 0,
          remaining_quota: 5,
          total_daily_running_queries: 4,
          total_daily_concurrent_rejected_queries: 1,
        },
      },
    });
    expect(XQL_CONCURRENCY_MESSAGE).toBe(
      "reached max allowed amount of parallel running queries. please wait for some queries to finish and submit your query again",
    );
    expect((await post("/public_api/v1/test/xql_finish", { id: "q2" })).body).toEqual({ reply: true });
    expect((await post("/public_api/v1/test/xql_start", { id: "q5" })).status).toBe(200);
    expect((await post("/public_api/v1/test/xql_start", { id: "q6" })).status).toBe(500);
  });

  it("keeps daily counters per UTC day and never holds more than the limit", () => {
    const day = Date.UTC(2030, 5, 1, 23, 59);
    const xql = new XqlAccounting({ maxConcurrent: 2, dailyQuota: 5, concurrencyStatus: 500 });
    xql.acquire("a", day);
    xql.acquire("b", day);
    expect(() => xql.acquire("c", day)).toThrow(ApiError);
    xql.acquire("a", day); // already running: idempotent
    xql.charge(1.5, day);
    expect(xql.counters(day)).toMatchObject({
      total_daily_running_queries: 2,
      total_daily_concurrent_rejected_queries: 1,
      current_concurrent_active_queries_count: 2,
      remaining_quota: 3.5,
    });
    xql.release("a");
    const nextDay = day + 2 * 60_000;
    expect(xql.counters(nextDay)).toMatchObject({ total_daily_running_queries: 0, total_daily_concurrent_rejected_queries: 0, used_quota: 0 });
    expect([...xql.active().keys()]).toEqual(["b"]);
  });
});

describe("ingestion accounting", () => {
  it("refuses more than 60 parsed alerts in one request with a 400, over HTTP", async () => {
    const ok = await post("/public_api/v1/test/ingest", { alerts: Array.from({ length: 60 }, () => ({})) });
    expect(ok.status).toBe(200);
    const tooMany = await post("/public_api/v1/test/ingest", { alerts: Array.from({ length: 61 }, () => ({})) });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body).toMatchObject({ reply: { err_code: 400, err_extra: "alerts: at most 60 alerts per request, got 61" } });
  });

  it("admits 600 alerts a minute, then 429 until the oldest leave the window", () => {
    const meter = new IngestionAccounting({ alertsPerMinute: 600, parsedAlertsPerRequest: 60 });
    for (let i = 0; i < 10; i++) meter.admit("parsed", 60, 1_000 + i);
    expect(meter.usedThisMinute).toBe(600);
    expect(() => meter.admit("cef", 1, 2_000)).toThrow(expect.objectContaining({ status: 429 }));
    // 60 s after the first batch it has left the window.
    meter.admit("create_alert", 60, 61_000);
    expect(() => meter.admit("cef", 1, 61_000)).toThrow(expect.objectContaining({ status: 429 }));
  });
});

describe("key index", () => {
  it("treats a deleted key as unknown, and never resolves XSOAR 6 keys by id", () => {
    const keys = new KeyIndex<{ id: string; keys: Map<number, ReturnType<KeyIndex<never>["issue"]>> }>();
    const tenant = { id: "t", keys: new Map() };
    const nonces = new NonceCache();
    const doomed = keys.issue(tenant, newKey());
    const now = Date.now();
    const context = { keys, nonces, now, windowMs: 300_000 };
    const credentials = { keyId: String(doomed.id), key: doomed.secret };
    expect(authenticate(lower(advancedHeaders(credentials, now)), context).ok).toBe(true);
    expect(keys.revoke(doomed.id)).toBe(true);
    expect(authenticate(lower(advancedHeaders(credentials, now)), context)).toMatchObject({ ok: false, reason: "unknown_key" });
    expect(tenant.keys.has(doomed.id)).toBe(false);

    const xsoar = keys.issue(tenant, newKey({ authScheme: "xsoar6", securityLevel: "standard", secret: "ABCDEF0123456789ABCDEF0123456789" }));
    expect(keys.lookupXsoar6("ABCDEF0123456789ABCDEF0123456789")?.key.id).toBe(xsoar.id);
    expect(keys.lookupXsoar6("abcdef0123456789abcdef0123456789")).toBeUndefined();
    const headers = { "x-xdr-auth-id": String(xsoar.id), authorization: xsoar.secret };
    expect(authenticate(headers, context)).toMatchObject({ ok: false, reason: "unknown_key" });
    keys.revoke(xsoar.id);
    expect(keys.lookupXsoar6("ABCDEF0123456789ABCDEF0123456789")).toBeUndefined();
  });
});

describe("signature checks", () => {
  it("accept only the lower-case hex signature, tell a standard key sent signed apart, and never take the secret for a signature", () => {
    const keys = new KeyIndex<{ id: string; keys: Map<number, ReturnType<KeyIndex<never>["issue"]>> }>();
    const tenant = { id: "t", keys: new Map() };
    const context = { keys, nonces: new NonceCache(), now: Date.now(), windowMs: 300_000 };
    const advanced = keys.issue(tenant, newKey());
    const signed = lower(advancedHeaders({ keyId: String(advanced.id), key: advanced.secret }, context.now));
    const upper = { ...signed, authorization: (signed["authorization"] ?? "").toUpperCase() };
    expect(authenticate(upper, context)).toMatchObject({ ok: false, reason: "bad_signature" });
    expect(authenticate({ ...signed, authorization: `${signed["authorization"] ?? ""}0` }, context)).toMatchObject({ ok: false, reason: "bad_signature" });
    expect(authenticate({ ...signed, authorization: advanced.secret }, context)).toMatchObject({ ok: false, reason: "level_mismatch" });
    expect(authenticate(signed, context).ok).toBe(true);

    const standard = keys.issue(tenant, newKey({ securityLevel: "standard" }));
    const raw = { "x-xdr-auth-id": String(standard.id), authorization: standard.secret };
    expect(authenticate(raw, context).ok).toBe(true);
    const standardSigned = lower(advancedHeaders({ keyId: String(standard.id), key: standard.secret }, context.now));
    expect(authenticate(standardSigned, context)).toMatchObject({ ok: false, reason: "level_mismatch" });
    expect(authenticate({ ...raw, authorization: `${standard.secret}x` }, context)).toMatchObject({ ok: false, reason: "bad_signature" });
  });
});

describe("default generic responder", () => {
  it("loads a product's schemas when prepared, and validates without being prepared too", async () => {
    const responder = createSchemaResponder();
    const route = { product: "xpanse", surface: "cortex", method: "POST", path: "/public_api/v1/incidents/get_incidents" } as const;
    await responder.prepare?.(route);
    expect(responder.prepare?.(route)).toBeUndefined();
    const operation = responder.resolve(route);
    const view = { tenant: { product: "xpanse" }, canonicalPath: route.path } as unknown as RequestView;
    expect(() => operation?.validate?.(view, { request_data: { search_from: "zero" } })).toThrow(ApiError);
    // A responder used without the server's prepare step (a wrapper that does not forward it) still validates.
    const cloudRoute = { ...route, product: "cloud", path: "/public_api/v1/cloud_onboarding/create_instance_template" } as const;
    const unprepared = createSchemaResponder().resolve(cloudRoute);
    const cloudView = { tenant: { product: "cloud" }, canonicalPath: cloudRoute.path } as unknown as RequestView;
    expect(() => unprepared?.validate?.(cloudView, { request_data: { cloud_provider: "ON_PREM" } })).toThrow(/cloud_provider/);
  });
});

describe("NonceCache", () => {
  it("rejects a live nonce and accepts it again after expiry", () => {
    const cache = new NonceCache();
    expect(cache.maxEntries).toBe(250_000);
    expect(cache.remember("a", 1_000, 0)).toBe("stored");
    expect(cache.remember("a", 2_000, 1_000)).toBe("replay");
    expect(cache.remember("a", 3_000, 1_001)).toBe("stored");
  });

  it("stays bounded by the live window under a steady stream of nonces", () => {
    const cache = new NonceCache();
    const window = 100;
    let peak = 0;
    for (let now = 0; now < 100_000; now++) {
      cache.remember(`n${now}`, now + window, now);
      peak = Math.max(peak, cache.size);
    }
    // ~window live entries, plus at most the slack before the next sweep.
    expect(peak).toBeLessThanOrEqual(2048);
  });

  it("never exceeds its hard cap: 'reject' refuses new nonces while full, 'evict_oldest' drops the oldest", () => {
    const reject = new NonceCache({ maxEntries: 100, whenFull: "reject" });
    for (let i = 0; i < 100; i++) expect(reject.remember(`n${i}`, 10_000, 0)).toBe("stored");
    expect(reject.remember("late", 10_000, 1)).toBe("full");
    expect(reject.remember("n5", 10_000, 1)).toBe("replay");
    expect(reject.size).toBe(100);
    // Once entries expire there is room again.
    expect(reject.remember("later", 20_000, 10_001)).toBe("stored");

    const evict = new NonceCache({ maxEntries: 100, whenFull: "evict_oldest" });
    for (let i = 0; i < 150; i++) expect(evict.remember(`n${i}`, 10_000, 0)).toBe("stored");
    expect(evict.size).toBe(100);
    expect(evict.remember("n149", 10_000, 0)).toBe("replay");
    expect(evict.remember("n0", 10_000, 0)).toBe("stored");
  });
});

describe("sliding windows", () => {
  it("admit at most `limit` events in any window and say how long to wait", () => {
    const window = new SlidingWindow(3, 1000);
    expect([0, 10, 20].map((t) => window.tryAcquire(t).ok)).toEqual([true, true, true]);
    expect(window.tryAcquire(500)).toEqual({ ok: false, retryAfterMs: 500 });
    expect(window.tryAcquire(1000).ok).toBe(true);
    expect(window.tryAcquire(1005)).toEqual({ ok: false, retryAfterMs: 5 });
  });

  it("weigh multi-unit events", () => {
    const window = new WeightedWindow(10, 1000);
    expect(window.tryAcquire(6, 0).ok).toBe(true);
    expect(window.tryAcquire(5, 100)).toEqual({ ok: false, retryAfterMs: 900 });
    expect(window.tryAcquire(4, 100).ok).toBe(true);
    expect(window.tryAcquire(6, 1000).ok).toBe(true);
    expect(window.used).toBe(10);
  });
});

describe("scope helpers", () => {
  const scoped: ApiKeyScope = {
    ...UNRESTRICTED_SCOPE,
    cases_issues: { mode: "scope", tags: [{ tag_id: "DOM:4", tag_name: "Health" }] },
    endpoints: { endpoint_groups: { mode: "no_scope", tags: [] }, endpoint_tags: { mode: "any", tags: [] } },
    assets: { mode: "scope", asset_groups: [{ asset_group_id: 2, asset_group_name: "two" }] },
    datasets_rows: { default_filter_mode: "no_scope", filters: [{ dataset: "xdr_data", filter: "agent_hostname = \"a\"" }] },
  };

  it("let a key without a scope see everything", () => {
    expect(scopeAllows(null, { kind: "cases_issues", domain: "Security" })).toBe(true);
    expect(datasetRowFilter(null, "xdr_data")).toBe("all");
  });

  it("filter by domain, endpoint group/tag, asset group and dataset", () => {
    expect(scopeAllows(scoped, { kind: "cases_issues", domain: "Health" })).toBe(true);
    expect(scopeAllows(scoped, { kind: "cases_issues", domain: "Security" })).toBe(false);
    expect(scopeAllows(scoped, { kind: "endpoints", groups: ["g"], tags: [] })).toBe(false);
    expect(scopeAllows(scoped, { kind: "endpoints", groups: [], tags: ["t"] })).toBe(true);
    expect(scopeAllows(scoped, { kind: "assets", groupIds: [1, 2] })).toBe(true);
    expect(scopeAllows(scoped, { kind: "assets", groupIds: [1] })).toBe(false);
    expect(datasetRowFilter(scoped, "xdr_data")).toEqual({ xql: 'agent_hostname = "a"' });
    expect(datasetRowFilter(scoped, "other")).toBe("none");
  });
});
