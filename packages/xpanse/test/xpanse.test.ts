// Xpanse workflows: token paging against the emulator, and the restart after an expired token against a
// small server that expires its tokens on purpose.
import { startEmulator, type RunningEmulator } from "@cortex-sdk/emulator";
import { CortexAuthenticationError, CortexPaginationError } from "@cortex-sdk/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { XpanseClient } from "../src/index.js";
import { ErrorReply, startMockServer, type MockServer } from "../../workflows/test-support/mock-server.js";

let emulator: RunningEmulator;
let client: XpanseClient;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, seed: 13, rateLimits: { perSecond: null } } as Parameters<typeof startEmulator>[0]);
  const key = emulator.bootstrapKeys.find((candidate) => candidate.product === "xpanse");
  if (key === undefined) throw new Error("no Xpanse tenant");
  client = new XpanseClient({ baseUrl: emulator.url, apiKeyId: key.keyId, apiKey: key.key, securityLevel: "advanced", rateLimit: false, logLevel: "off", env: {} });
});

afterAll(async () => {
  await client.close();
  await emulator.close();
});

describe("Xpanse listings by page token against the emulator", () => {
  it("lists services, IP ranges, assets and rules once each, and gets details by id", async () => {
    const services: string[] = [];
    for await (const service of client.services.list({}, { pageSize: 7 })) services.push(String(service.service_id));
    expect(services.length).toBeGreaterThan(0);
    expect(new Set(services).size).toBe(services.length);
    const ranges: string[] = [];
    for await (const range of client.ipRanges.list({}, { pageSize: 3 })) ranges.push(String(range.range_id));
    expect(new Set(ranges).size).toBe(ranges.length);
    const assets = await client.assets.list({}, { pageSize: 5 }).collect({ limit: 12 });
    expect(assets.length).toBeGreaterThan(0);
    const details = await client.services.get(services.slice(0, 25));
    expect(details.length).toBe(Math.min(25, services.length));
    const rules = await client.attackSurfaceRules.list({}).collect({ limit: 5 });
    expect(rules.length).toBeGreaterThan(0);
  });
});

describe("expired page tokens", () => {
  let server: MockServer;
  beforeAll(async () => {
    server = await startMockServer();
  });
  afterAll(async () => {
    await server.close();
  });

  function mockClient(): XpanseClient {
    return new XpanseClient({ baseUrl: server.url, apiKeyId: 1, apiKey: "K".repeat(64), securityLevel: "standard", rateLimit: false, logLevel: "off", retry: { baseDelayMs: 1, maxDelayMs: 2 }, env: {} });
  }

  it("starts over from the first page and skips what was already yielded", async () => {
    const all = Array.from({ length: 25 }, (_, index) => ({ incident_id: String(index + 1) }));
    let expireOnce = true;
    server.route("/public_api/v1/incidents/get_incidents", (body) => {
      const token = body["next_page_token"];
      const offset = token === undefined ? 0 : Number(String(token).split(":")[1]);
      if (offset === 10 && expireOnce) {
        expireOnce = false;
        return new ErrorReply(401, { reply: { err_code: 401, err_msg: "Public API request unauthorized", err_extra: "page token expired" } });
      }
      const page = all.slice(offset, offset + 5);
      const next = offset + 5 < all.length ? `t${Math.random()}:${offset + 5}` : undefined;
      return { total_count: all.length, result_count: page.length, incidents: page, ...(next === undefined ? {} : { next_page_token: next }) };
    });
    const mock = mockClient();
    const ids: string[] = [];
    for await (const incident of mock.incidents.list({}, { pageSize: 5 })) ids.push(String(incident.incident_id));
    expect(ids).toEqual(all.map((incident) => incident.incident_id));
    const firstPages = server.requests.filter((request) => (request.body?.["request_data"] as Record<string, unknown>)?.["use_page_token"] === true);
    expect(firstPages).toHaveLength(2);
    await mock.close();
  });

  it("gives up after maxRestarts, and a 401 on the first page is an authentication error", async () => {
    server.route("/public_api/v2/alerts/get_alerts_multi_events", (body) => {
      if (body["next_page_token"] !== undefined) return new ErrorReply(401, { reply: { err_code: 401, err_msg: "Public API request unauthorized" } });
      return { total_count: 10, result_count: 2, alerts: [{ alert_id: `a${Math.random()}` }, { alert_id: `b${Math.random()}` }], next_page_token: `n${Math.random()}` };
    });
    const mock = mockClient();
    const error = await mock.alerts.list({}, { pageSize: 2, maxRestarts: 1 }).collect({ limit: 100 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CortexPaginationError);
    server.route("/public_api/v1/assets/get_external_services", () => new ErrorReply(401, { reply: { err_code: 401, err_msg: "Public API request unauthorized" } }));
    await expect(mock.services.list().collect({ limit: 1 })).rejects.toBeInstanceOf(CortexAuthenticationError);
    await mock.close();
  });
});

describe("the key check the Xpanse clients call first", () => {
  it("answers true for a valid key, in either undocumented reply shape, and 401 for a wrong one", async () => {
    await expect(client.apiKeys.validate()).resolves.toBe(true);
    const wrapped = await startEmulator({ port: 0, seed: 14, rateLimits: { perSecond: null }, unknowns: { keyCheckReply: "reply" } });
    const key = wrapped.bootstrapKeys.find((candidate) => candidate.product === "xpanse");
    if (key === undefined) throw new Error("no Xpanse tenant");
    const good = new XpanseClient({ baseUrl: wrapped.url, apiKeyId: key.keyId, apiKey: key.key, securityLevel: "advanced", rateLimit: false, logLevel: "off", env: {} });
    const bad = new XpanseClient({ baseUrl: wrapped.url, apiKeyId: key.keyId, apiKey: `${key.key.slice(0, -4)}XXXX`, securityLevel: "advanced", rateLimit: false, logLevel: "off", env: {}, retry: { maxRetries: 0 } });
    try {
      const { data, response } = await good.apiKeys.validate().withResponse();
      expect(data).toBe(true);
      expect(response.operationId).toBe("api_keys.validate");
      await expect(bad.apiKeys.validate()).rejects.toBeInstanceOf(CortexAuthenticationError);
    } finally {
      await Promise.all([good.close(), bad.close()]);
      await wrapped.close();
    }
  });
});
