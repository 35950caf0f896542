// The workflows of the clients that serve XQL and response actions (XDR, XSIAM) against the emulator's
// simulated state (XQL queries, response actions, script runs, alert updates, lookup datasets, API keys),
// over real HTTP. Faults the emulator cannot produce (FAIL queries, failed endpoints, rejected batches, the
// 9,999 total cap) are in workflow-fault-suite.ts on the mock server. Each product's test file calls
// `workflowEmulatorSuite` with its product and client.
import { startEmulator, type RunningEmulator } from "@cortex-sdk/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXECUTE_COMMANDS_UID } from "./operation-harness.js";
import type { NewClient, XqlResponseClient } from "./xql-response-client.js";

/** Response actions run 150 ms, XQL queries 100 ms, on the emulator clock (below). */
const ACTION = { pendingMs: 50, inProgressMs: 100 };
const XQL_RUN_MS = 100;

/**
 * An emulator clock that moves 1 ms each time it is read, so emulated durations count the emulator's work
 * rather than the machine's speed: a query stays pending for several polls however busy the machine is.
 */
function steppedClock(): () => number {
  let now = Date.now();
  return () => (now += 1);
}
/** More alerts than an XQL answer holds inline (1 000 rows), so `dataset = alerts` comes as a stream. */
const ALERTS = 1_500;
const fast = { minDelayMs: 10, maxDelayMs: 40, maxWaitMs: 10_000 };

/**
 * Registers the workflow tests against the emulator for one product's client.
 *
 * @param product - The product whose bootstrap key the client uses.
 * @param newClient - Builds the product's client from options.
 */
export function workflowEmulatorSuite<C extends XqlResponseClient>(product: "xdr" | "xsiam", newClient: NewClient<C>): void {
  let emulator: RunningEmulator;
  let client: C;
  let endpoints: string[] = [];

  const endpointFilter = (id: string | undefined): [{ field: "endpoint_id_list"; operator: "in"; value: string[] }] => [{ field: "endpoint_id_list", operator: "in", value: [String(id)] }];

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 11, now: steppedClock(), rateLimits: { perSecond: null }, xdrState: { actionTiming: ACTION, xqlRunMs: XQL_RUN_MS, alerts: ALERTS } } as Parameters<typeof startEmulator>[0]);
    const key = emulator.bootstrapKeys.find((candidate) => candidate.product === product);
    if (key === undefined) throw new Error(`no ${product} tenant`);
    client = newClient({ baseUrl: emulator.url, apiKeyId: key.keyId, apiKey: key.key, securityLevel: "advanced", rateLimit: false, logLevel: "off", timeoutMs: 10_000, env: {} });
    const listed = await client.endpoints.list({ filters: [{ field: "endpoint_status", operator: "in", value: ["connected"] }], sort: { field: "endpoint_id", keyword: "asc" }, search_to: 6 } as never);
    endpoints = ((listed as { endpoints?: { endpoint_id: string }[] }).endpoints ?? []).map((endpoint) => endpoint.endpoint_id);
    if (endpoints.length < 6) throw new Error(`setup: ${endpoints.length} connected endpoints`);
  });

  afterAll(async () => {
    await client?.close();
    await emulator?.close();
  });

  async function alertTotal(): Promise<number> {
    const first = (await client.alerts.list({ search_from: 0, search_to: 1 })) as { total_count?: number };
    return Number(first.total_count);
  }

  describe("xql.query against the emulator", () => {
    it("waits for a running query and yields its rows inline (≤ 1 000)", async () => {
      const result = await client.xql.query<Record<string, unknown>>("dataset = alerts | limit 25", fast);
      expect(result.status).toBe("SUCCESS");
      expect(result.streamed).toBe(false);
      // The query runs XQL_RUN_MS on the stepped clock: at least one poll saw it pending.
      expect(result.polls).toBeGreaterThan(1);
      const rows: Record<string, unknown>[] = [];
      for await (const row of result) rows.push(row);
      expect(rows).toHaveLength(25);
      expect(result.numberOfResults).toBe(25);
    });

    it("streams more than 1 000 rows, as many as the alert listing counts", async () => {
      const total = await alertTotal();
      expect(total).toBeGreaterThan(1000);
      const result = await client.xql.query<Record<string, unknown>>("dataset = alerts", fast);
      expect(result.streamed).toBe(true);
      let count = 0;
      for await (const _ of result) count += 1;
      expect(count).toBe(total);
      const limited = await client.xql.query("dataset = alerts", { ...fast, limit: 1200 });
      let seen = 0;
      for await (const _ of limited) seen += 1;
      expect(seen).toBe(1200);
    });
  });

  describe("response actions against the emulator", () => {
    it("isolateAndWait moves the endpoint to isolated, unisolateAndWait back", async () => {
      const target = endpoints[0] as string;
      const isolated = await client.endpoints.isolateAndWait({ endpoint_id: target }, fast);
      expect(isolated.succeeded.map((endpoint) => endpoint.endpointId)).toEqual([target]);
      expect(isolated.failed).toEqual([]);
      const state = async (): Promise<unknown> => {
        const reply = (await client.endpoints.list({ filters: endpointFilter(target) } as never)) as { endpoints?: { is_isolated?: unknown }[] };
        return reply.endpoints?.[0]?.is_isolated;
      };
      expect(await state()).toBe("AGENT_ISOLATED");
      await client.endpoints.unisolateAndWait({ endpoint_id: target }, fast);
      expect(await state()).not.toBe("AGENT_ISOLATED");
    });

    it("waitForAction follows a scan started with the plain method to its end", async () => {
      const started = (await client.endpoints.scan({ filters: endpointFilter(endpoints[1]) } as never)) as { action_id: number | string };
      const result = await client.waitForAction(started.action_id, fast);
      expect(result.succeeded.map((endpoint) => endpoint.endpointId)).toEqual([endpoints[1]]);
      const again = await client.actions.waitFor(started.action_id, fast);
      expect(again.succeeded).toHaveLength(1);
    });

    it("scripts.runAndWait waits for the run and reads its results", async () => {
      const run = await client.scripts.runAndWait({ filters: endpointFilter(endpoints[2]), script_uid: EXECUTE_COMMANDS_UID, parameters_values: { commands_list: ["echo hi"] } } as never, fast);
      const results = run.results as { results?: { endpoint_id?: string }[] };
      expect(results.results?.map((result) => result.endpoint_id)).toEqual([endpoints[2]]);
    });

    it("fileRetrievalAndWait hands out a download link that streams the file", async () => {
      const retrieval = await client.endpoints.fileRetrievalAndWait({ filters: endpointFilter(endpoints[3]), files: { windows: ["C:\\Temp\\a.txt"] } } as never, fast);
      const chunks: Buffer[] = [];
      for await (const chunk of await retrieval.download(endpoints[3] as string)) chunks.push(Buffer.from(chunk as Uint8Array));
      expect(Buffer.concat(chunks).length).toBeGreaterThan(0);
    });
  });

  describe("alerts.updateMany against the emulator", () => {
    it("updates 150 alerts in batches of 100 and the change is visible", async () => {
      const ids: string[] = [];
      for await (const alert of client.alerts.list({ sort: { field: "creation_time", keyword: "asc" } } as never, { limit: 150 })) ids.push(String((alert as { alert_id: unknown }).alert_id));
      expect(ids).toHaveLength(150);
      const result = await client.alerts.updateMany(ids, { severity: "low", comment: "bulk" } as never);
      expect(result.ok).toBe(true);
      expect(result.batches.map((batch) => batch.items.length)).toEqual([100, 50]);
      const reread = (await client.alerts.list({ filters: [{ field: "alert_id_list", operator: "in", value: ids.slice(140).map(Number) }] } as never)) as { alerts?: { severity?: string }[] };
      expect(reread.alerts?.map((alert) => alert.severity)).toEqual(Array.from({ length: 10 }, () => "low"));
    });
  });

  describe("lookups against the emulator", () => {
    it("upserts 2 500 rows in batches, updates by key, and removes blocks", async () => {
      await client.xql.addDataset({ dataset_name: "wf_vip", dataset_type: "lookup", dataset_schema: { user: "text", level: "number" } } as never);
      const rows = Array.from({ length: 2500 }, (_, index) => ({ user: `u${index}`, level: index % 3 }));
      const added = await client.lookups.upsert("wf_vip", rows, { keyFields: ["user"] });
      expect(added.batches.map((batch) => batch.items.length)).toEqual([1000, 1000, 500]);
      expect(added.added).toBe(2500);
      const again = await client.lookups.upsert("wf_vip", rows.slice(0, 10).map((row) => ({ ...row, level: 9 })), { keyFields: ["user"] });
      expect(again.added).toBe(0);
      expect(again.updated).toBe(10);
      const removed = await client.lookups.remove("wf_vip", [{ user: "u1" }, { user: "u2" }]);
      expect(removed.deleted).toBe(2);
      const left = (await client.lookups.get("wf_vip")) as { total_count?: number };
      expect(left.total_count).toBe(2498);
    });
  });

  describe("apiKeys.expiringKeys against the emulator", () => {
    it("finds a key expiring within the window and marks it", async () => {
      const now = Date.now();
      const generated = (await client.apiKeys.generate({ roles: ["Viewer"], security_level: "advanced", expiration: now + 2 * 86_400_000, comment: "expires soon" })) as { id: number };
      const expiring = await client.apiKeys.expiringKeys({ within: 7 * 86_400_000, now });
      const mine = expiring.find((entry) => Number(entry.key.id) === Number(generated.id));
      expect(mine?.mark).toBe("one_week");
      expect(expiring.every((entry) => entry.expiresInMs <= 7 * 86_400_000)).toBe(true);
    });
  });
}
