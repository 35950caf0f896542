// Workflow fault cases against a mock server, shared by the clients that serve XQL and response actions
// (XDR, XSIAM): FAIL queries, failed endpoints, rejected batches, the 9,999 total cap, aborts, concurrency.
// The happy paths run against the emulator in workflow-emulator-suite.ts. Each product's test file calls
// `workflowFaultSuite` with its client.
import { gzipSync } from "node:zlib";
import { CortexAbortError, CortexActionFailedError, CortexInvalidRequestError, CortexReplyValidationError, CortexXqlQueryError } from "@cortex-sdk/core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ErrorReply, startMockServer, type MockServer } from "./mock-server.js";
import type { NewClient, XqlResponseClient } from "./xql-response-client.js";

/**
 * Registers the workflow fault tests for one product's client.
 *
 * @param newClient - Builds the product's client from options.
 */
export function workflowFaultSuite<C extends XqlResponseClient>(newClient: NewClient<C>): void {
  let server: MockServer;
  let client: C;

  beforeAll(async () => {
    server = await startMockServer();
    client = newClient({ baseUrl: server.url, apiKeyId: 1, apiKey: "K".repeat(64), securityLevel: "standard", rateLimit: false, logLevel: "off", retry: { baseDelayMs: 1, maxDelayMs: 5 }, env: {} });
  });
  afterAll(async () => {
    await client.close();
    await server.close();
  });
  afterEach(() => {
    server.requests.length = 0;
  });

  const fast = { minDelayMs: 2, maxDelayMs: 5 };

  describe("xql.query", () => {
    it("waits through PENDING and yields inline rows with cost and quota", async () => {
      let polls = 0;
      server.route("/public_api/v1/xql/start_xql_query", () => "q-inline");
      server.route("/public_api/v1/xql/get_query_results", (body) => {
        expect(body["query_id"]).toBe("q-inline");
        polls += 1;
        if (polls < 3) return { status: "PENDING" };
        return { status: "SUCCESS", number_of_results: 3, query_cost: { "tenant-1": 0.25, "tenant-2": 0.5 }, remaining_quota: 4.25, results: { data: [{ n: 1 }, { n: 2 }, { n: 3 }] } };
      });
      const result = await client.xql.query("dataset = xdr_data | limit 3", { timeframe: { relativeTime: 3_600_000 }, tenants: ["tenant-1", "tenant-2"], ...fast });
      expect(result.status).toBe("SUCCESS");
      expect(result.totalCost).toBeCloseTo(0.75);
      expect(result.remainingQuota).toBe(4.25);
      expect(result.polls).toBe(3);
      expect(result.streamed).toBe(false);
      const rows: unknown[] = [];
      for await (const row of result) rows.push(row);
      expect(rows).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
      const start = server.requests.find((request) => request.path.endsWith("start_xql_query"));
      expect(start?.body).toEqual({ request_data: { query: "dataset = xdr_data | limit 3", tenants: ["tenant-1", "tenant-2"], timeframe: { relativeTime: 3_600_000 } } });
    });

    it("switches to the gzip NDJSON stream for large results and honours the limit", async () => {
      const rows = Array.from({ length: 5000 }, (_, index) => JSON.stringify({ index, host: `h${index}` })).join("\n");
      server.route("/public_api/v1/xql/start_xql_query", () => "q-stream");
      server.route("/public_api/v1/xql/get_query_results", () => ({ status: "SUCCESS", number_of_results: 5000, query_cost: { t: 1 }, remaining_quota: 3, results: { stream_id: "s-1" } }));
      server.route("/public_api/v1/xql/get_query_results_stream", (body, _request, response) => {
        expect(body).toEqual({ stream_id: "s-1", is_gzip_compressed: true });
        response.writeHead(200, { "content-type": "application/octet-stream" }).end(gzipSync(rows));
      });
      let count = 0;
      let last: unknown;
      for await (const row of client.xql.query<{ index: number }>("dataset = xdr_data", fast)) {
        count += 1;
        last = row.index;
      }
      expect(count).toBe(5000);
      expect(last).toBe(4999);
      const limited = await client.xql.query("dataset = xdr_data", { ...fast, limit: 2500 });
      expect(limited.streamed).toBe(true);
      let seen = 0;
      for await (const _ of limited) seen += 1;
      expect(seen).toBe(2500);
    });

    it("turns FAIL into a typed error", async () => {
      server.route("/public_api/v1/xql/start_xql_query", () => "q-fail");
      server.route("/public_api/v1/xql/get_query_results", () => ({ status: "FAIL", error: "no viable alternative at input '|alter2'" }));
      const error = await client.xql.query("dataset = x |alter2", fast).then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(CortexXqlQueryError);
      expect((error as Error).message).toContain("no viable alternative");
      expect((error as CortexXqlQueryError).queryId).toBe("q-fail");
    });

    it("stops on abort while the query is pending", async () => {
      server.route("/public_api/v1/xql/start_xql_query", () => "q-slow");
      server.route("/public_api/v1/xql/get_query_results", () => ({ status: "PENDING" }));
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 30);
      const error = await client.xql.query("dataset = x", { ...fast, signal: controller.signal }).then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(CortexAbortError);
    });

    it("never runs more than four queries of a tenant at once", async () => {
      let running = 0;
      let peak = 0;
      let next = 0;
      const left = new Map<string, number>();
      // Counts only this test's queries: an earlier test's aborted start may reach the server late on a busy
      // machine, and must not count as running here.
      server.route("/public_api/v1/xql/start_xql_query", (body) => {
        if (body["query"] !== "dataset = concurrency") return "q-stray";
        running += 1;
        peak = Math.max(peak, running);
        const id = `q${next++}`;
        left.set(id, 3);
        return id;
      });
      server.route("/public_api/v1/xql/get_query_results", (body) => {
        const id = String(body["query_id"]);
        const polls = (left.get(id) ?? 0) - 1;
        left.set(id, polls);
        // Stay pending until four queries have started, so the peak does not depend on the machine's speed.
        if (polls > 0 || next < 4) return { status: "PENDING" };
        running -= 1;
        return { status: "SUCCESS", results: { data: [{ id }] } };
      });
      const results = await Promise.all(Array.from({ length: 9 }, () => client.xql.query("dataset = concurrency", fast)));
      expect(results).toHaveLength(9);
      expect(peak).toBe(4);
    });
  });

  describe("response actions", () => {
    it("isolateAndWait polls until every endpoint is final", async () => {
      let polls = 0;
      server.route("/public_api/v1/endpoints/isolate", () => ({ action_id: 77, status: "1", endpoints_count: "2" }));
      server.route("/public_api/v1/actions/get_action_status", (body) => {
        expect(body["group_action_id"]).toBe(77);
        polls += 1;
        return polls < 2 ? { data: { a1: "PENDING", a2: "IN_PROGRESS" } } : { data: { a1: "COMPLETED_SUCCESSFULLY", a2: "COMPLETED_SUCCESSFULLY" } };
      });
      const outcome = await client.endpoints.isolateAndWait({ endpoint_id: "a1" }, fast);
      expect(outcome.actionId).toBe("77");
      expect(outcome.succeeded.map((endpoint) => endpoint.endpointId)).toEqual(["a1", "a2"]);
      expect(outcome.reply).toMatchObject({ action_id: 77 });
    });

    it("throws CortexActionFailedError with the reasons when an endpoint fails", async () => {
      server.route("/public_api/v1/endpoints/scan", () => ({ action_id: 78, endpoints_count: 2 }));
      server.route("/public_api/v1/actions/get_action_status", () => ({ data: { a1: "COMPLETED_SUCCESSFULLY", a2: "FAILED" }, errorReasons: { a2: { errorDescription: "agent offline" } } }));
      const error = await client.endpoints.scanAndWait({ filters: "all" } as never, fast).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CortexActionFailedError);
      expect((error as CortexActionFailedError).failed).toEqual([{ endpointId: "a2", status: "FAILED", reason: { errorDescription: "agent offline" } }]);
      expect((error as Error).message).toContain("agent offline");
      const allowed = await client.waitForAction(78, { ...fast, allowFailures: true });
      expect(allowed.failed).toHaveLength(1);
    });

    it("fileRetrievalAndWait hands out the links and streams the files", async () => {
      server.route("/public_api/v1/endpoints/file_retrieval", () => ({ action_id: 90, status: "1", endpoints_count: "1" }));
      server.route("/public_api/v1/actions/get_action_status", () => ({ data: { e1: "COMPLETED_SUCCESSFULLY" } }));
      server.route("/public_api/v1/actions/file_retrieval_details", () => ({ data: { e1: `${server.url}/public_api/v1/download/tok-e1` } }));
      server.route("/public_api/v1/download/*", (_body, request, response) => {
        expect(request.method).toBe("GET");
        response.writeHead(200, { "content-type": "application/zip" }).end(Buffer.from(`zip:${request.path.split("/").pop()}`));
      });
      const retrieval = await client.endpoints.fileRetrievalAndWait({ filters: [{ field: "endpoint_id_list", operator: "in", value: ["e1"] }], files: { windows: ["C:\\x.exe"] } } as never, fast);
      const chunks: Buffer[] = [];
      for await (const chunk of await retrieval.download("e1")) chunks.push(chunk as Buffer);
      expect(Buffer.concat(chunks).toString()).toBe("zip:tok-e1");
    });

    it("runAndWait waits for the run and reads the results", async () => {
      let polls = 0;
      server.route("/public_api/v1/scripts/run_script", () => ({ action_id: 55, status: 1, endpoints_count: 1 }));
      server.route("/public_api/v1/scripts/get_script_execution_status", () => {
        polls += 1;
        return polls < 2 ? { general_status: "PENDING", endpoints_pending: 1 } : { general_status: "COMPLETED_SUCCESSFULLY", endpoints_completed_successfully: 1 };
      });
      server.route("/public_api/v1/scripts/get_script_execution_results", () => ({ script_name: "whoami", results: [{ endpoint_id: "e1", execution_status: "COMPLETED_SUCCESSFULLY", standard_output: "root" }] }));
      server.route("/public_api/v1/scripts/get_script_execution_results_files", () => ({ DATA: `${server.url}/public_api/v1/download/script-55` }));
      server.route("/public_api/v1/download/*", (_body, _request, response) => response.writeHead(200).end("files"));
      const run = await client.scripts.runAndWait({ filters: [{ field: "endpoint_id_list", operator: "in", value: ["e1"] }], script_uid: "u", parameters_values: {} } as never, fast);
      expect(run.results["script_name"]).toBe("whoami");
      const chunks: Buffer[] = [];
      for await (const chunk of await run.downloadFiles("e1")) chunks.push(chunk as Buffer);
      expect(Buffer.concat(chunks).toString()).toBe("files");
    });
  });

  describe("alerts and incidents", () => {
    it("iterates past the 9,999 total cap until a short page", async () => {
      const total = 10_150;
      server.route("/public_api/v1/alerts/get_alerts", (body) => {
        const from = Number(body["search_from"] ?? 0);
        const to = Math.min(total, Number(body["search_to"] ?? 100));
        const alerts = Array.from({ length: Math.max(0, to - from) }, (_, offset) => ({ alert_id: String(from + offset) }));
        return { total_count: Math.min(total, 9999), result_count: alerts.length, alerts };
      });
      let count = 0;
      const ids = new Set<string>();
      for await (const alert of client.alerts.list({})) {
        count += 1;
        ids.add(String((alert as { alert_id?: unknown }).alert_id));
      }
      expect(count).toBe(total);
      expect(ids.size).toBe(total);
    });

    it("updateMany sends at most 100 ids per call and reports failed batches", async () => {
      let calls = 0;
      server.route("/public_api/v1/alerts/update_alerts", (body) => {
        calls += 1;
        const ids = body["alert_id_list"] as string[];
        expect(ids.length).toBeLessThanOrEqual(100);
        if (calls === 2) return new ErrorReply(400, { reply: { err_code: 400, err_msg: "bad batch" } });
        return { alerts_ids: ids };
      });
      const ids = Array.from({ length: 250 }, (_, index) => index + 1);
      const result = await client.alerts.updateMany(ids, { status: "resolved_other", comment: "bulk" });
      expect(result.batches.map((batch) => batch.items.length)).toEqual([100, 100, 50]);
      expect(result.ok).toBe(false);
      expect(result.failed).toHaveLength(100);
      expect(result.succeeded).toHaveLength(150);
    });

    it("incidents.updateMany sends one incident per call with bounded concurrency", async () => {
      let running = 0;
      let peak = 0;
      server.route("/public_api/v1/incidents/update_incident", async () => {
        running += 1;
        peak = Math.max(peak, running);
        await new Promise((resolve) => setTimeout(resolve, 5));
        running -= 1;
        return true;
      });
      const result = await client.incidents.updateMany(Array.from({ length: 10 }, (_, index) => ({ incident_id: String(index), update_data: { status: "under_investigation" } })), { concurrency: 3 });
      expect(result.ok).toBe(true);
      expect(result.batches).toHaveLength(10);
      expect(peak).toBeLessThanOrEqual(3);
    });
  });

  describe("lookups", () => {
    it("upserts in batches of 1,000 and sums the counts", async () => {
      server.route("/public_api/v1/xql/lookups/add_data", (body) => {
        expect(body["key_fields"]).toEqual(["user"]);
        return { added: (body["data"] as unknown[]).length, updated: 0, skipped: 0 };
      });
      const rows = Array.from({ length: 2500 }, (_, index) => ({ user: `u${index}`, level: index % 3 }));
      const result = await client.lookups.upsert("vip", rows, { keyFields: ["user"] });
      expect(result.batches.map((batch) => batch.items.length)).toEqual([1000, 1000, 500]);
      expect(result.added).toBe(2500);
    });

    it("removes all blocks in one call and refuses empty blocks before sending", async () => {
      server.route("/public_api/v1/xql/lookups/remove_data", (body) => ({ deleted: (body["filters"] as unknown[]).length }));
      const result = await client.lookups.remove("vip", [{ user: "a" }, { user: "b" }]);
      expect(result.deleted).toBe(2);
      expect(result.batches).toHaveLength(1);
      await expect(client.lookups.remove("vip", [{}])).rejects.toBeInstanceOf(CortexInvalidRequestError);
    });
  });

  describe("reply validation", () => {
    it("is off by default and checks replies when asked, per client or per call", async () => {
      server.route("/public_api/v1/incidents/get_incidents", () => ({ total_count: "many", result_count: 1, incidents: [{ incident_id: { nested: true } }] }));
      await expect(client.incidents.list({ search_to: 1 })).resolves.toBeDefined();
      const error = await client.incidents.list({ search_to: 1 }, { validateReplies: true }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CortexReplyValidationError);
      expect((error as Error).message).toContain("incidents.get_incidents");
      const strict = client.withOptions({ validateReplies: true });
      await expect(strict.incidents.list({ search_to: 1 })).rejects.toBeInstanceOf(CortexReplyValidationError);
      await expect(strict.incidents.list({ search_to: 1 }, { validateReplies: false })).resolves.toBeDefined();
      await strict.close();
    });
  });

  describe("MSSP fan-out", () => {
    it("runs per child tenant with the header, tags results and errors", async () => {
      server.route("/public_api/v1/healthcheck", (_body, request) => {
        const child = request.headers["x-child-tenant-id"];
        if (child === "bad") return new ErrorReply(403, { reply: { err_code: 403, err_msg: "not your child" } });
        return { status: "available", child };
      });
      const outcomes = await client.fanOut(
        [{ childTenantId: "c1" }, { childTenantId: "c2", name: "second" }, { childTenantId: "bad" }],
        (tenant) => tenant.request<{ child: string }>("healthcheck", undefined),
        { concurrency: 2 },
      );
      expect(outcomes.map((outcome) => outcome.tenant)).toEqual(["c1", "second", "bad"]);
      expect(outcomes[0]).toMatchObject({ ok: true, value: { child: "c1" } });
      expect(outcomes[1]).toMatchObject({ ok: true, value: { child: "c2" } });
      expect(outcomes[2]?.ok).toBe(false);
    });
  });
}
