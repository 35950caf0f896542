// Route resolution (specific handler → generic responder → 405 / unknown
// route) and the request checks that need no generated validator.
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPLY_ERRORS, SCALE_PRESETS, type GenericResponder, type RequestView, type RunningEmulator } from "../src/index.js";
import { startEmulator } from "./helpers.js";
import { advancedHeaders, bootstrapOf, call, FORBIDDEN, invalidInput, replyOf, standardHeaders, type Credentials } from "./helpers.js";

const INCIDENTS = "/public_api/v1/incidents/get_incidents";
// Operations with no specific handler (the XDR state answers get_alerts and the response actions).
const ALERTS = "/public_api/v1/alerts/get_alerts_pcap";
const ENDPOINT_ACTION = "/public_api/v1/endpoints/delete";
const seen: RequestView[] = [];
const errors: unknown[] = [];

const responder: GenericResponder = {
  resolve(route) {
    if (route.product === "xsoar8" && route.surface === "xsoar" && route.method === "POST" && route.path === "/incidents/search") {
      return { operationId: "xsoar.incidents.search", permission: "xsoar:view", respond: () => ({ body: { data: [], total: 0 } }) };
    }
    if (route.product !== "xdr" && route.product !== "xsiam") return undefined;
    if (route.method === "POST" && route.path === ALERTS) {
      return {
        operationId: "alerts.get_alerts_pcap",
        permission: "alerts:view",
        validate: (_request, body) => {
          const data = (body as { request_data?: { search_to?: number } }).request_data ?? {};
          if ((data.search_to ?? 0) > 100) throw REPLY_ERRORS.invalidInput("Search size must fulfill the requirement: 0 < search_size <= 100");
        },
        respond: (request) => {
          seen.push(request);
          return { body: { reply: { total_count: 0, result_count: 0, alerts: [], seed: request.tenantSeed } } };
        },
      };
    }
    if (route.method === "POST" && route.path === ENDPOINT_ACTION) {
      return { operationId: "endpoints.delete", permission: "response_actions:action", respond: () => ({ body: { reply: { action_id: 1 } } }) };
    }
    if (route.method === "POST" && route.path === "/public_api/v1/boom") {
      return {
        operationId: "boom",
        permission: null,
        respond: () => {
          throw new Error("generic layer bug with /internal/path.ts:1");
        },
      };
    }
    const asset = /^\/public_api\/v1\/assets\/([^/]+)$/.exec(route.path);
    if (asset !== null && route.method === "GET") {
      return { operationId: "assets.get_asset", permission: "assets:view", pathParams: { id: asset[1] ?? "" }, respond: (request) => ({ body: { reply: { data: [{ id: request.pathParams["id"] }] } } }) };
    }
    if (route.method === "POST" && route.path === INCIDENTS) {
      // Validation only: the specific handler still answers.
      return {
        operationId: "incidents.get_incidents",
        permission: "incidents:view",
        validate: (_request, body) => {
          if ((body as { request_data?: Record<string, unknown> }).request_data?.["bogus"] !== undefined) {
            throw REPLY_ERRORS.invalidInput("request_data.bogus: Extra inputs are not permitted");
          }
        },
      };
    }
    return undefined;
  },
  methods: (route) => (/^\/public_api\/v1\/assets\/[^/]+$/.test(route.path) ? ["GET"] : []),
};

let emulator: RunningEmulator;
let admin: Credentials;
let viewer: Credentials;

beforeAll(async () => {
  emulator = await startEmulator({ genericResponder: responder, onError: (error) => errors.push(error) });
  admin = bootstrapOf(emulator.bootstrapKeys, "tenant-xdr-1");
  const reply = await call(emulator.url, "/public_api/v1/api_keys/generate", {
    headers: advancedHeaders(admin),
    body: { request_data: { roles: ["Viewer"], security_level: "standard" } },
  });
  viewer = { keyId: String(replyOf<{ id: number }>(reply).id), key: replyOf<{ key: string }>(reply).key };
});
afterAll(async () => {
  await emulator.close();
});

describe("generic responder", () => {
  it("answers operations without a specific handler, with a plain-data view of the request", async () => {
    const reply = await call(emulator.url, `${ALERTS}/?trace=1`, { headers: { ...advancedHeaders(admin), "x-extra": "yes" }, body: { request_data: {} } });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ reply: { total_count: 0, alerts: [] } });
    const view = seen.at(-1);
    expect(view).toMatchObject({
      method: "POST",
      path: ALERTS,
      canonicalPath: ALERTS,
      surface: "cortex",
      family: "public_api_v1",
      tenant: { tenantId: "tenant-xdr-1", product: "xdr" },
      keyId: Number(admin.keyId),
      keyRoles: ["Instance Administrator"],
    });
    expect(view?.query.get("trace")).toBe("1");
    expect(view?.headers["x-extra"]).toBe("yes");
    // Generated answers can derive from the tenant seed: different per tenant, same per start.
    const xsiam = await call(emulator.url, "/xsiam/public/v1/alerts/get_alerts_pcap", { headers: advancedHeaders(bootstrapOf(emulator.bootstrapKeys, "tenant-xsiam-1")), body: {} });
    expect(xsiam.status).toBe(200);
    expect(replyOf<{ seed: number }>(xsiam).seed).not.toBe(replyOf<{ seed: number }>(reply).seed);
    expect(seen.at(-1)?.canonicalPath).toBe(ALERTS);
  });

  it("runs the generic validation before the answer, and before specific handlers too", async () => {
    const tooBig = await call(emulator.url, ALERTS, { headers: advancedHeaders(admin), body: { request_data: { search_to: 500 } } });
    expect(tooBig.status).toBe(400);
    expect(tooBig.body).toEqual(invalidInput("Search size must fulfill the requirement: 0 < search_size <= 100"));
    const extra = await call(emulator.url, INCIDENTS, { headers: advancedHeaders(admin), body: { request_data: { bogus: 1 } } });
    expect(extra.status).toBe(400);
    expect(extra.body).toEqual(invalidInput("request_data.bogus: Extra inputs are not permitted"));
    const fine = await call(emulator.url, INCIDENTS, { headers: advancedHeaders(admin), body: { request_data: {} } });
    expect(replyOf<{ total_count: number }>(fine).total_count).toBe(25);
  });

  it("enforces the generic operation's permission", async () => {
    expect((await call(emulator.url, ALERTS, { headers: standardHeaders(viewer), body: {} })).status).toBe(200);
    const isolate = await call(emulator.url, ENDPOINT_ACTION, { headers: standardHeaders(viewer), body: {} });
    expect(isolate.status).toBe(403);
    expect(isolate.body).toEqual(FORBIDDEN);
  });

  it("passes path parameters, and answers 405 for other methods it declares", async () => {
    const asset = await call(emulator.url, "/public_api/v1/assets/abc%20def", { method: "GET", headers: advancedHeaders(admin) });
    expect(asset.body).toEqual({ reply: { data: [{ id: "abc%20def" }] } });
    const wrong = await call(emulator.url, "/public_api/v1/assets/abc", { headers: advancedHeaders(admin), body: {} });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get("allow")).toBe("GET");
  });

  it("leaves routes it does not know to the unknown-route answer, per product", async () => {
    const cloud = bootstrapOf(emulator.bootstrapKeys, "tenant-cloud-1");
    const reply = await call(emulator.url, ALERTS, { headers: advancedHeaders(cloud), body: {} });
    expect(reply.status).toBe(500);
  });

  it("turns a failure inside the generic layer into the generic 500, reported to onError", async () => {
    const before = errors.length;
    const reply = await call(emulator.url, "/public_api/v1/boom", { headers: advancedHeaders(admin), body: {} });
    expect(reply.status).toBe(500);
    expect(reply.text).not.toContain("internal/path");
    expect(errors.length).toBe(before + 1);
  });
});

describe("content type", () => {
  it("answers 415 to a body that is not JSON, and accepts JSON variants, no type, or an empty form body", async () => {
    const cases: [Record<string, string>, string, number][] = [
      [{ "Content-Type": "text/plain" }, '{"request_data": {}}', 415],
      [{ "Content-Type": "application/x-www-form-urlencoded" }, "a=b", 415],
      [{ "Content-Type": "application/json; charset=utf-8" }, '{"request_data": {}}', 200],
      [{ "Content-Type": "application/vnd.cortex+json" }, '{"request_data": {}}', 200],
      // curl -d '' sends a form content type with an empty body.
      [{ "Content-Type": "application/x-www-form-urlencoded" }, "", 200],
    ];
    for (const [headers, body, status] of cases) {
      const reply = await fetch(emulator.url + INCIDENTS, { method: "POST", headers: { ...advancedHeaders(admin), ...headers }, body });
      expect([headers, reply.status]).toEqual([headers, status]);
      if (status === 415) {
        expect(await reply.json()).toEqual({
          reply: { err_code: 415, err_msg: "Unsupported Media Type", err_extra: `Content-Type must be application/json, got '${headers["Content-Type"]}'` },
        });
      }
    }
    const untyped = await fetch(emulator.url + INCIDENTS, { method: "POST", headers: advancedHeaders(admin), body: new Blob(['{"request_data": {}}']) });
    expect(untyped.status).toBe(200);
  });

  it("answers 400 instead, or requires the header, when configured", async () => {
    const strict = await startEmulator({ unknowns: { contentTypeStatus: 400, requireContentType: true } });
    try {
      const key = bootstrapOf(strict.bootstrapKeys, "tenant-xdr-1");
      const wrong = await fetch(strict.url + INCIDENTS, { method: "POST", headers: { ...advancedHeaders(key), "Content-Type": "text/plain" }, body: "{}" });
      expect(wrong.status).toBe(400);
      expect(await wrong.json()).toMatchObject({ reply: { err_code: 400, err_msg: "Got an invalid input while processing XDR public API" } });
      const missing = await fetch(strict.url + INCIDENTS, { method: "POST", headers: advancedHeaders(key), body: new Blob(["{}"]) });
      expect(missing.status).toBe(400);
    } finally {
      await strict.close();
    }
  });

  it("answers in XSOAR's envelope on XSOAR 8 routes (both prefixes)", async () => {
    const xsoar8 = bootstrapOf(emulator.bootstrapKeys, "tenant-xsoar8-1");
    for (const prefix of ["/xsoar/public/v1", "/xsoar"]) {
      const wrong = await fetch(`${emulator.url}${prefix}/incidents/search`, {
        method: "POST",
        headers: { ...advancedHeaders(xsoar8), "Content-Type": "text/plain" },
        body: "{}",
      });
      expect(wrong.status).toBe(415);
      expect(await wrong.json()).toEqual({
        id: "unsupported_media_type",
        status: 415,
        title: "Unsupported Media Type",
        detail: "Content-Type must be application/json, got 'text/plain'",
        error: "Unsupported Media Type",
        encrypted: false,
        multires: null,
      });
      // XSOAR's envelope `{data, total}` over the tenant's seeded incidents.
      const right = await call(emulator.url, `${prefix}/incidents/search/`, { headers: advancedHeaders(xsoar8), body: { filter: {} } });
      expect(right.status).toBe(200);
      const { data, total } = right.body as { data: unknown; total: unknown };
      expect(Array.isArray(data)).toBe(true);
      expect(typeof total).toBe("number");
      expect(total).toBe(SCALE_PRESETS.small.incidents);
      expect(total as number).toBeGreaterThanOrEqual((data as unknown[]).length);
      expect((data as unknown[]).length).toBeGreaterThan(0);
    }
  });
});

describe("robustness", () => {
  it("answers malformed HTTP with 400 and keeps serving", async () => {
    const url = new URL(emulator.url);
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(url.port), url.hostname, () => socket.write("THIS IS NOT HTTP\r\n\r\n"));
      let text = "";
      socket.on("data", (chunk) => (text += chunk.toString()));
      socket.on("end", () => resolve(text));
      socket.on("error", reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request/);
    expect((await call(emulator.url, "/public_api/v1/healthcheck", { method: "GET", headers: advancedHeaders(admin) })).status).toBe(200);
  });

  it("never shows a stack trace, whatever the body", async () => {
    const bodies = ["{", "[]", '{"request_data": "x"}', '{"request_data": {"filters": {"a": 1}}}', '{"request_data": {"sort": []}}', "\u0000\u0001", "null"];
    for (const rawBody of bodies) {
      const reply = await call(emulator.url, INCIDENTS, { headers: advancedHeaders(admin), rawBody });
      expect(reply.status).toBe(400);
      expect(reply.text).not.toMatch(/\bat .+:\d+:\d+|Error:|\.ts\b/);
    }
  });
});
