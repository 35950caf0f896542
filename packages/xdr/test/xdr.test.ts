import { startEmulator, type RunningEmulator } from "@cortex-sdk/emulator";
import { CortexAuthenticationError, CortexBadRequestError, CortexConsoleUrlError, CortexPermissionError } from "@cortex-sdk/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { XdrClient, andFilter, isCortexError, orFilter, searchCondition, type Incident } from "../src/index.js";

let emulator: RunningEmulator;
let admin: XdrClient;

function clientFor(keyId: string | number, key: string, securityLevel: "standard" | "advanced", url = emulator.url): XdrClient {
  return new XdrClient({ baseUrl: url, apiKeyId: keyId, apiKey: key, securityLevel, logLevel: "off", retry: { baseDelayMs: 1, maxDelayMs: 5 }, env: {} });
}

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, seed: 7, incidentCount: 250 });
  const bootstrap = emulator.bootstrapKeys[0];
  if (bootstrap === undefined) throw new Error("no bootstrap key");
  admin = clientFor(bootstrap.keyId, bootstrap.key, "advanced");
});

afterAll(async () => {
  await admin.close();
  await emulator.close();
});

describe("XdrClient against the emulator over loopback", () => {
  it("generates an advanced key and lists incidents with it", async () => {
    const { id, key } = await admin.apiKeys.generate({ roles: ["Investigator"], security_level: "advanced", comment: "test" });
    expect(typeof id).toBe("number");
    const client = clientFor(id, key, "advanced");
    try {
      const page = await client.incidents.list({ search_to: 10 });
      expect(page.incidents).toHaveLength(10);
      expect(page.total_count).toBe(250);
    } finally {
      await client.close();
    }
  });

  it("works with a standard key too", async () => {
    const { id, key } = await admin.apiKeys.generate({ roles: ["Viewer"], security_level: "standard" });
    const client = clientFor(id, key, "standard");
    try {
      const { data, response } = await client.incidents.list({ search_to: 1 }).withResponse();
      expect(data.result_count).toBe(1);
      expect(response.status).toBe(200);
      expect(response.attempts).toBe(1);
      expect(response.operationId).toBe("incidents.get_incidents");
    } finally {
      await client.close();
    }
  });

  it("iterates every incident exactly once, in order, across pages", async () => {
    const ids: string[] = [];
    for await (const incident of admin.incidents.list({ sort: { field: "incident_id", keyword: "asc" } })) ids.push(incident.incident_id);
    expect(ids).toHaveLength(250);
    expect(new Set(ids).size).toBe(250);
    expect(ids.map(Number)).toEqual([...ids.map(Number)].sort((a, b) => a - b));
  });

  it("applies filters and the limit", async () => {
    const open: Incident[] = await admin.incidents.list({ filters: [{ field: "status", operator: "eq", value: "new" }] }).collect({ limit: 1000 });
    expect(open.length).toBeGreaterThan(0);
    expect(open.every((incident) => incident.status === "new")).toBe(true);
    const five = await admin.incidents.list().collect({ limit: 5 });
    expect(five).toHaveLength(5);
  });

  it("turns the service's 400 into a typed error with the server's detail", async () => {
    const error = await admin.incidents.list({ search_from: 0, search_to: 500 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CortexBadRequestError);
    expect((error as CortexBadRequestError).message).toContain("0 < search_size <= 100");
  });

  it("rejects a wrong key with a typed authentication error that does not show the key", async () => {
    const wrongKey = "W".repeat(128);
    const client = clientFor(emulator.bootstrapKeys[0]?.keyId ?? "1", wrongKey, "advanced");
    try {
      const error = await client.incidents.list().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CortexAuthenticationError);
      expect(isCortexError(error)).toBe(true);
      expect((error as CortexAuthenticationError).status).toBe(401);
      expect(JSON.stringify(error)).not.toContain(wrongKey);
      expect(String((error as Error).stack)).not.toContain(wrongKey);
    } finally {
      await client.close();
    }
  });

  it("reports a permission error for a key whose role may not manage keys", async () => {
    const { id, key } = await admin.apiKeys.generate({ roles: ["Viewer"], security_level: "advanced" });
    const viewer = clientFor(id, key, "advanced");
    try {
      const error = await viewer.apiKeys.generate({ roles: ["Viewer"], security_level: "advanced" }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CortexPermissionError);
    } finally {
      await viewer.close();
    }
  });

  it("derives clients with withOptions without changing the original", async () => {
    const derived = admin.withOptions({ timeoutMs: 5_000 });
    expect(derived).toBeInstanceOf(XdrClient);
    expect(derived.config.timeoutMs).toBe(5_000);
    expect(admin.config.timeoutMs).toBe(120_000);
    await derived.close();
  });
});

describe("alerts by filter data: the typed AND/OR tree over loopback", () => {
  it("sends a tree nested three deep with validation on; a wrong one is refused before sending, and by the emulator without validation", async () => {
    const tree = andFilter(searchCondition("severity", "IN", ["SEV_040_HIGH", "SEV_050_CRITICAL"]), orFilter(searchCondition("alert_name", "CONTAINS", "x"), andFilter(searchCondition("source_insert_ts", "RELATIVE_TIMESTAMP", "86400000"), searchCondition("action_remote_ip", "IP_MATCH", "10.0.0.0/8"))));
    const page = await admin.alerts.listByFilterData({ filter_data: { paging: { from: 0, to: 10 }, filter: tree } }, { validateRequests: true });
    expect(page).toBeDefined();
    const wrong = { filter_data: { filter: andFilter(orFilter({ SEARCH_FIELD: "severity", SEARCH_TYPE: "EQ", SEARCH_VALUE: "high" })) } } as never;
    await expect(admin.alerts.listByFilterData(wrong, { validateRequests: true })).rejects.toThrow(/filter_data\.filter\.AND\.0\.OR\.0\.SEARCH_VALUE/);
    await expect(admin.alerts.listByFilterData(wrong)).rejects.toBeInstanceOf(CortexBadRequestError);
  });
});

describe("clock skew against the emulator", () => {
  it("detects a server clock ten minutes ahead and signs with it from then on", async () => {
    const skewed = await startEmulator({ port: 0, clockOffsetMs: 10 * 60_000 });
    const bootstrap = skewed.bootstrapKeys[0];
    if (bootstrap === undefined) throw new Error("no bootstrap key");
    const client = clientFor(bootstrap.keyId, bootstrap.key, "advanced", skewed.url);
    try {
      const first = await client.incidents.list({ search_to: 1 }).withResponse();
      expect(first.response.attempts).toBe(2);
      const second = await client.incidents.list({ search_to: 1 }).withResponse();
      expect(second.response.attempts).toBe(1);
    } finally {
      await client.close();
      await skewed.close();
    }
  });
});

describe("console URL", () => {
  it("explains that an HTML answer means the console URL was used", async () => {
    const { createServer } = await import("node:http");
    const server = createServer((_, response) => {
      response.writeHead(200, { "content-type": "text/html" }).end("<!DOCTYPE html><html><body>Sign in</body></html>");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    const port = typeof address === "object" && address !== null ? address.port : 0;
    const client = clientFor(1, "K".repeat(64), "standard", `http://127.0.0.1:${port}`);
    try {
      const error = await client.incidents.list().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CortexConsoleUrlError);
      expect((error as Error).message).toMatch(/console URL/);
    } finally {
      await client.close();
      server.close();
    }
  });
});
