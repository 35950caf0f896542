import { afterEach, describe, expect, it } from "vitest";
import { CortexAbortError, RateLimiter, Semaphore, waitUntil, type CortexClient } from "../src/index.js";
import { readJson, sendJson, startServer, testClient, type LocalServer } from "./helpers.js";

let server: LocalServer | undefined;
const clients: CortexClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  await server?.close();
  server = undefined;
});

/** Largest number of arrivals within any window of `windowMs`. */
function busiestWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let start = 0, end = 0; start < sorted.length; start++) {
    while (end < sorted.length && (sorted[end] ?? 0) < (sorted[start] ?? 0) + windowMs) end++;
    best = Math.max(best, end - start);
  }
  return best;
}

/** A server that answers every call with an empty incident page and records when each request arrived. */
async function recordingServer(): Promise<{ arrivals: number[]; byPath: Map<string, number[]> }> {
  const arrivals: number[] = [];
  const byPath = new Map<string, number[]>();
  server = await startServer((request, response) => {
    const now = performance.now();
    arrivals.push(now);
    byPath.set(request.url ?? "", [...(byPath.get(request.url ?? "") ?? []), now]);
    request.resume();
    sendJson(response, 200, { reply: { total_count: 0, result_count: 0, incidents: [] } });
  });
  return { arrivals, byPath };
}

describe("client-side rate limit", () => {
  it("holds the tenant under its rate with many concurrent callers across clients, the strictest rate winning", async () => {
    const { arrivals } = await recordingServer();
    const url = server?.url ?? "";
    const a = testClient({ baseUrl: url, rateLimit: { requests: 10, perMs: 250 } }).client;
    const b = testClient({ baseUrl: url, rateLimit: { requests: 5, perMs: 250 } }).client;
    clients.push(a, b);
    // Every signed attempt passes this step right before it goes on the wire.
    const sent: number[] = [];
    for (const client of [a, b]) {
      client.middleware.add("record", (context, next) => {
        sent.push(performance.now());
        return next(context);
      }, { before: "send" });
    }
    const started = performance.now();
    const calls = Array.from({ length: 30 }, (_, index) => (index % 2 === 0 ? a : b).request("incidents.get_incidents", {}));
    await Promise.all(calls);
    expect(arrivals).toHaveLength(30);
    expect(sent).toHaveLength(30);
    // 15 ms of slack for the time between a permit and the request being handed to undici.
    expect(busiestWindow(sent, 250 - 15)).toBeLessThanOrEqual(5);
    // 30 requests at 5 per 250 ms cannot all have arrived in less than 5 × 250 ms.
    expect(Math.max(...arrivals) - started).toBeGreaterThanOrEqual(5 * 250 - 15);
  });

  it("applies an operation's own documented limit on top of the tenant's", async () => {
    const { byPath } = await recordingServer();
    const { client } = testClient({ baseUrl: server?.url ?? "", rateLimit: { requests: 100, perMs: 1_000 } });
    clients.push(client);
    const sent: number[] = [];
    client.middleware.add("record", (context, next) => {
      if (context.operation.id === "incidents.get_incident_extra_data") sent.push(performance.now());
      return next(context);
    }, { before: "send" });
    const started = performance.now();
    await Promise.all([
      ...Array.from({ length: 6 }, () => client.request("incidents.get_incident_extra_data", { incident_id: "1" })),
      // Other operations are not held back by this operation's limit.
      ...Array.from({ length: 6 }, () => client.request("incidents.get_incidents", {})),
    ]);
    const times = byPath.get("/public_api/v1/incidents/get_incident_extra_data") ?? [];
    expect(times).toHaveLength(6);
    expect(busiestWindow(sent, 400 - 15)).toBeLessThanOrEqual(2);
    expect(Math.max(...times) - started).toBeGreaterThanOrEqual(2 * 400 - 15);
    // Ordering, not timing: every other call got through before the limited operation's third call.
    expect(Math.max(...(byPath.get("/public_api/v1/incidents/get_incidents") ?? []))).toBeLessThan([...times].sort((x, y) => x - y)[2] ?? 0);
  });

  it("makes every caller of the tenant wait when the server says Retry-After", async () => {
    const arrivals: number[] = [];
    let throttledAt = 0;
    server = await startServer((request, response) => {
      request.resume();
      arrivals.push(performance.now());
      if (arrivals.length === 1) {
        throttledAt = performance.now();
        response.writeHead(429, { "retry-after": "0.3", "content-type": "text/plain" }).end("Too many requests");
        return;
      }
      sendJson(response, 200, { reply: { total_count: 0, result_count: 0, incidents: [] } });
    });
    const { client } = testClient({ baseUrl: server.url, rateLimit: { requests: 50, perMs: 1_000 } });
    clients.push(client);
    const first = client.request("incidents.get_incidents", {});
    while (throttledAt === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await new Promise((resolve) => setTimeout(resolve, 30));
    await Promise.all([first, client.request("incidents.get_incidents", {}), client.request("incidents.get_incidents", {})]);
    expect(arrivals).toHaveLength(4);
    for (const at of arrivals.slice(1)) expect(at - throttledAt).toBeGreaterThanOrEqual(290);
  });
});

describe("RateLimiter and Semaphore", () => {
  it("grants in order, never more than the limit per window, and drops aborted waiters", async () => {
    let now = 0;
    const limiter = new RateLimiter({ requests: 2, perMs: 100 }, () => now);
    await limiter.acquire();
    await limiter.acquire();
    const controller = new AbortController();
    const order: string[] = [];
    const aborted = limiter.acquire(controller.signal).then(
      () => order.push("aborted-one-granted"),
      () => order.push("aborted"),
    );
    const third = limiter.acquire().then(() => order.push("third"));
    controller.abort(new Error("stop"));
    await aborted;
    expect(limiter.pending).toBe(1);
    now = 100;
    await third;
    expect(order).toEqual(["aborted", "third"]);
    expect(() => new RateLimiter({ requests: 0, perMs: 1 })).toThrowError(RangeError);
  });

  it("lets at most `capacity` holders in at once, first come first served", async () => {
    const semaphore = new Semaphore(2);
    const releaseA = await semaphore.acquire();
    await semaphore.acquire();
    let thirdIn = false;
    const third = semaphore.acquire().then((release) => {
      thirdIn = true;
      return release;
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(thirdIn).toBe(false);
    releaseA();
    releaseA();
    (await third)();
    expect(semaphore.inUse).toBe(1);
  });
});

describe("XQL", () => {
  /** An XQL service: queries run for a few polls; a fifth parallel query is refused with the real 500. */
  async function xqlServer(maxParallel = 4): Promise<{ stats: { running: number; maxRunning: number; rejected: number; started: number } }> {
    const stats = { running: 0, maxRunning: 0, rejected: 0, started: 0 };
    const polls = new Map<string, number>();
    server = await startServer((request, response) => {
      void readJson(request).then((body) => {
        const data = body["request_data"] as Record<string, unknown>;
        if (request.url?.endsWith("/start_xql_query")) {
          if (stats.running >= maxParallel) {
            stats.rejected += 1;
            sendJson(response, 500, {
              reply: { err_code: 500, err_msg: "An error occurred while processing XDR - XQL query", err_extra: { err_msg: "reached max allowed amount of parallel running queries. please wait for some queries to finish and submit your query again" } },
            });
            return;
          }
          stats.started += 1;
          stats.running += 1;
          stats.maxRunning = Math.max(stats.maxRunning, stats.running);
          const id = `q${stats.started}`;
          polls.set(id, 0);
          sendJson(response, 200, { reply: id });
          return;
        }
        const id = String(data["query_id"]);
        const count = (polls.get(id) ?? 0) + 1;
        polls.set(id, count);
        if (count < 3) {
          sendJson(response, 200, { reply: { status: "PENDING" } });
          return;
        }
        stats.running -= 1;
        sendJson(response, 200, { reply: { status: "SUCCESS", number_of_results: 1, results: { data: [{ id }] } } });
      });
    });
    return { stats };
  }

  function runQuery(client: CortexClient): Promise<unknown> {
    return client.withXqlSlot(async () => {
      const queryId = await client.request<string>("xql.start_xql_query", { query: "dataset = xdr_data | limit 1" });
      return waitUntil(
        async () => {
          const reply = await client.request<{ status: string }>("xql.get_query_results", { query_id: queryId });
          return reply.status === "PENDING" ? { done: false, state: reply.status } : { done: true, value: reply };
        },
        { minDelayMs: 5, maxDelayMs: 20 },
      );
    });
  }

  it("runs at most 4 queries at once per tenant, across clients, so none is refused", async () => {
    const { stats } = await xqlServer();
    const a = testClient({ baseUrl: server?.url ?? "" }).client;
    const b = testClient({ baseUrl: server?.url ?? "" }).client;
    clients.push(a, b);
    const results = await Promise.all(Array.from({ length: 10 }, (_, index) => runQuery(index % 2 === 0 ? a : b)));
    expect(results).toHaveLength(10);
    expect(stats.started).toBe(10);
    expect(stats.maxRunning).toBeLessThanOrEqual(4);
    expect(stats.rejected).toBe(0);
  });

  it("waits and retries a start refused with the XQL concurrency 500, although starting a query is an unsafe write", async () => {
    const { stats } = await xqlServer(0);
    const { client } = testClient({ baseUrl: server?.url ?? "", retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 2 } });
    clients.push(client);
    const error = await client.request("xql.start_xql_query", { query: "x" }).catch((e: unknown) => e);
    expect(stats.rejected).toBe(3);
    expect((error as { kind: string }).kind).toBe("xql_concurrency");
  });

  it("gives up waiting for a slot when aborted", async () => {
    await xqlServer();
    const { client } = testClient({ baseUrl: server?.url ?? "", xqlConcurrency: 1 });
    clients.push(client);
    let release: () => void = () => undefined;
    const holder = client.withXqlSlot(() => new Promise<void>((resolve) => (release = resolve)));
    const error = await client.withXqlSlot(() => Promise.resolve(), { signal: AbortSignal.timeout(20) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CortexAbortError);
    release();
    await holder;
  });
});
