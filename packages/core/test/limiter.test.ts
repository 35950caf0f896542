import { afterEach, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "@cortex-sdk/emulator";
import fc from "fast-check";
import { CortexAbortError, CortexClient, RateLimiter, Semaphore, waitUntil, type ClientOptions, type LimiterClock, type Permit } from "../src/index.js";
import { tenantState } from "../src/tenant-state.js";
import { readJson, sendJson, startServer, testClient, testInfo, type LocalServer } from "./helpers.js";

let server: LocalServer | undefined;
const clients: CortexClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  await server?.close();
  server = undefined;
});

/** A clock the test moves by hand: `advance` fires due timers in order, letting promises settle between them. */
class ManualClock implements LimiterClock {
  time = 0;
  #timers: { at: number; callback: () => void }[] = [];

  now(): number {
    return this.time;
  }

  setTimer(callback: () => void, ms: number): () => void {
    const timer = { at: this.time + ms, callback };
    this.#timers.push(timer);
    return () => {
      this.#timers = this.#timers.filter((other) => other !== timer);
    };
  }

  /** Moves to `to`, firing every timer due on the way at its own time. */
  async advanceTo(to: number): Promise<void> {
    await flush();
    for (;;) {
      const due = this.#timers.filter((timer) => timer.at <= to).sort((a, b) => a.at - b.at)[0];
      if (due === undefined) break;
      this.#timers = this.#timers.filter((timer) => timer !== due);
      this.time = Math.max(this.time, due.at);
      due.callback();
      await flush();
    }
    this.time = Math.max(this.time, to);
    await flush();
  }
}

async function flush(): Promise<void> {
  for (let turn = 0; turn < 5; turn++) await Promise.resolve();
}

/** Largest number of events within any half-open window of `windowMs`, the way the service counts. */
function busiestWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let start = 0, end = 0; start < sorted.length; start++) {
    while (end < sorted.length && (sorted[end] ?? 0) < (sorted[start] ?? 0) + windowMs) end++;
    best = Math.max(best, end - start);
  }
  return best;
}

describe("RateLimiter on a controlled clock", () => {
  it("lets a full window through at once, then the next permit only a window after the first request was answered", async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({ requests: 3, perMs: 1_000 }, { clock });
    const first = await limiter.acquire();
    await limiter.acquire();
    await limiter.acquire();
    let fourth: Permit | undefined;
    void limiter.acquire().then((permit) => (fourth = permit));
    // The first answer comes 200 ms after it was sent: the service may have counted it as late as that.
    await clock.advanceTo(200);
    first.settle();
    // One window after that, plus the 5 ms guard (half a percent of the window).
    await clock.advanceTo(1_204);
    expect(fourth).toBeUndefined();
    await clock.advanceTo(1_205);
    expect(fourth).toBeDefined();
  });

  it("counts an unanswered request as arriving at most ten seconds after it was sent", async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({ requests: 1, perMs: 1_000 }, { clock });
    await limiter.acquire();
    let granted = false;
    void limiter.acquire().then(() => (granted = true));
    // 10 s of possible transit plus the window and its 5 ms guard.
    await clock.advanceTo(11_004);
    expect(granted).toBe(false);
    await clock.advanceTo(11_005);
    expect(granted).toBe(true);
  });

  it("spaces permits evenly when asked to, without drifting when a timer fires late and without saving up a burst", async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({ requests: 10, perMs: 1_000 }, { clock, spaced: true });
    const grants: number[] = [];
    for (let index = 0; index < 5; index++) void limiter.acquire().then((permit) => (grants.push(clock.now()), permit.settle()));
    await clock.advanceTo(0);
    expect(grants).toEqual([0]);
    // The timer for 100 fires 7 ms late; the one after is still due at 200.
    await clock.advanceTo(99);
    clock.time = 107;
    await clock.advanceTo(400);
    expect(grants).toEqual([0, 107, 200, 300, 400]);
    // After an idle spell one permit is immediate, the next one a gap later.
    await clock.advanceTo(5_000);
    const later: number[] = [];
    for (let index = 0; index < 2; index++) void limiter.acquire().then(() => later.push(clock.now()));
    await clock.advanceTo(5_200);
    expect(later).toEqual([5_000, 5_100]);
  });

  it("never lets the service see more than the limit in a window, whatever the delays on the way (property)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 6 }),
        fc.boolean(),
        // Per request: when the caller asks (ms), how long it takes to reach the service, and then to be answered.
        fc.array(fc.tuple(fc.integer({ min: 0, max: 3_000 }), fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 400 })), { minLength: 1, maxLength: 40 }),
        async (requests, spaced, calls) => {
          const clock = new ManualClock();
          const limiter = new RateLimiter({ requests, perMs: 1_000 }, { clock, spaced });
          const arrivals: number[] = [];
          const events: { at: number; run: () => void }[] = [];
          const sorted = [...calls].sort((a, b) => a[0] - b[0]);
          for (const [askAt, transit, answer] of sorted) {
            events.push({
              at: askAt,
              run: () => {
                void limiter.acquire().then((permit) => {
                  const sentAt = clock.now();
                  events.push({ at: sentAt + transit, run: () => arrivals.push(clock.now()) });
                  events.push({ at: sentAt + transit + answer, run: () => permit.settle() });
                });
              },
            });
          }
          for (let steps = 0; steps < 10_000 && arrivals.length < calls.length; steps++) {
            const next = events.sort((a, b) => a.at - b.at)[0];
            const nextAt = next?.at ?? clock.time + 1_000;
            await clock.advanceTo(Math.min(nextAt, clock.time + 1_000));
            const due = events.filter((event) => event.at <= clock.time);
            for (const event of due) {
              events.splice(events.indexOf(event), 1);
              event.run();
            }
            await flush();
          }
          expect(arrivals).toHaveLength(calls.length);
          expect(busiestWindow(arrivals, 1_000)).toBeLessThanOrEqual(requests);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("grants in order, drops aborted waiters, pauses on request and only ever tightens", async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({ requests: 2, perMs: 100 }, { clock });
    (await limiter.acquire()).settle();
    (await limiter.acquire()).settle();
    const controller = new AbortController();
    const order: string[] = [];
    const aborted = limiter.acquire(controller.signal).then(
      () => order.push("aborted-one-granted"),
      () => order.push("aborted"),
    );
    const third = limiter.acquire().then((permit) => (order.push("third"), permit.settle()));
    controller.abort(new Error("stop"));
    await aborted;
    expect(limiter.pending).toBe(1);
    await clock.advanceTo(102);
    await third;
    expect(order).toEqual(["aborted", "third"]);

    limiter.pauseFor(500);
    let resumed = false;
    void limiter.acquire().then(() => (resumed = true));
    await clock.advanceTo(601);
    expect(resumed).toBe(false);
    await clock.advanceTo(602);
    expect(resumed).toBe(true);

    limiter.tighten({ requests: 5, perMs: 100 });
    expect(limiter.limit).toEqual({ requests: 2, perMs: 100 });
    limiter.tighten({ requests: 1, perMs: 100 });
    expect(limiter.limit).toEqual({ requests: 1, perMs: 100 });
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
    await flush();
    expect(thirdIn).toBe(false);
    releaseA();
    releaseA();
    (await third)();
    expect(semaphore.inUse).toBe(1);
  });
});

/** The statuses the emulator answered, seen right where each attempt goes out (before retries hide them). */
function recordStatuses(client: CortexClient, statuses: number[]): void {
  client.middleware.add(
    "recordStatus",
    async (context, next) => {
      try {
        const result = await next(context);
        statuses.push(result.response.status);
        return result;
      } catch (error) {
        statuses.push((error as { status?: number }).status ?? 0);
        throw error;
      }
    },
    { before: "sign" },
  );
}

/** A client of the emulator's first key with the default client settings except `options`, and no retries. */
function emulatorClient(emulator: RunningEmulator, options: Partial<ClientOptions> = {}): CortexClient {
  const key = emulator.bootstrapKeys[0];
  if (key === undefined) throw new Error("the emulator has no key");
  const client = new CortexClient({ baseUrl: emulator.url, apiKeyId: key.keyId, apiKey: key.key, securityLevel: "advanced", retry: { maxRetries: 0 }, logLevel: "off", env: {}, ...options }, testInfo());
  clients.push(client);
  return client;
}

describe("client-side rate limit against the emulator", () => {
  it("keeps 200 concurrent callers across four clients of one tenant free of 429s, the strictest rate winning", async () => {
    // The emulator counts 80 a second per tenant, on a sliding window; the clients ask for 80 and 120.
    const emulator = await startEmulator({ port: 0, seed: 5, incidentCount: 3, rateLimits: { perSecond: 80 } });
    try {
      const statuses: number[] = [];
      const tenantClients = [80, 120, 80, 120].map((requests) => {
        const client = emulatorClient(emulator, { rateLimit: { requests, perMs: 1_000 } });
        recordStatuses(client, statuses);
        return client;
      });
      const results = await Promise.allSettled(Array.from({ length: 200 }, (_, index) => tenantClients[index % 4]?.request("incidents.get_incidents", {})));
      expect(statuses).toHaveLength(200);
      expect(statuses.filter((status) => status === 429)).toEqual([]);
      expect(results.every((result) => result.status === "fulfilled")).toBe(true);
    } finally {
      await emulator.close();
    }
  });

  it("sends 16 concurrent healthchecks of a fresh client with the default limit to a default emulator without a 429", async () => {
    const emulator = await startEmulator({ port: 0, seed: 6 });
    try {
      const statuses: number[] = [];
      const client = emulatorClient(emulator);
      expect(client.config.rateLimit).toEqual({ requests: 10, perMs: 1_000 });
      recordStatuses(client, statuses);
      await Promise.all(Array.from({ length: 16 }, () => client.request("healthcheck")));
      expect(statuses).toEqual(Array.from({ length: 16 }, () => 200));
    } finally {
      await emulator.close();
    }
  });

  it("applies an operation's own documented limit on top of the tenant's, without holding other operations back", async () => {
    const order: string[] = [];
    server = await startServer((request, response) => {
      order.push(request.url ?? "");
      request.resume();
      sendJson(response, 200, { reply: { total_count: 0, result_count: 0, incidents: [] } });
    });
    // TEST_OPERATIONS gives incidents.get_incident_extra_data a limit of 2 per 400 ms.
    const { client } = testClient({ baseUrl: server.url, rateLimit: { requests: 100, perMs: 1_000 } });
    clients.push(client);
    await Promise.all([
      ...Array.from({ length: 3 }, () => client.request("incidents.get_incident_extra_data", { incident_id: "1" })),
      ...Array.from({ length: 6 }, () => client.request("incidents.get_incidents", {})),
    ]);
    const extra = "/public_api/v1/incidents/get_incident_extra_data";
    // Ordering, not timing: every other call got through before the limited operation's third call.
    expect(order.lastIndexOf("/public_api/v1/incidents/get_incidents")).toBeLessThan(order.lastIndexOf(extra));
    expect(order.filter((path) => path === extra)).toHaveLength(3);
  });

  it("makes every caller of the tenant wait when the server says Retry-After", async () => {
    let count = 0;
    server = await startServer((request, response) => {
      request.resume();
      count += 1;
      if (count === 1) {
        response.writeHead(429, { "retry-after": "1", "content-type": "text/plain" }).end("Too many requests");
        return;
      }
      sendJson(response, 200, { reply: { total_count: 0, result_count: 0, incidents: [] } });
    });
    const { client } = testClient({ baseUrl: server.url, rateLimit: { requests: 50, perMs: 1_000 } });
    clients.push(client);
    const statuses: number[] = [];
    recordStatuses(client, statuses);
    const first = client.request("incidents.get_incidents", {});
    while (!statuses.includes(429)) await new Promise((resolve) => setTimeout(resolve, 2));
    await new Promise((resolve) => setImmediate(resolve));
    // The limiter has room for 49 more, but the 429 paused it for everyone: a new call waits in its queue.
    const second = client.request("incidents.get_incidents", {});
    await new Promise((resolve) => setImmediate(resolve));
    expect(tenantState(client.config.baseUrl).limiter?.pending).toBe(1);
    await Promise.all([first, second]);
    expect(statuses).toEqual([429, 200, 200]);
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

describe("an idle limiter", () => {
  it("is one with no permit still counted, no waiter and no pause ahead", async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({ requests: 1, perMs: 1_000 }, { clock });
    expect(limiter.idle).toBe(true);
    const first = await limiter.acquire();
    // Unanswered: it may still be on its way, for ten seconds.
    await clock.advanceTo(5_000);
    expect(limiter.idle).toBe(false);
    first.settle();
    const waiting = limiter.acquire();
    expect(limiter.idle).toBe(false);
    // One window (plus the guard) after the answer, the waiter gets its permit; answered, it leaves the window.
    await clock.advanceTo(6_005);
    (await waiting).settle();
    expect(limiter.idle).toBe(false);
    await clock.advanceTo(7_010);
    expect(limiter.idle).toBe(true);
    limiter.pauseFor(500);
    expect(limiter.idle).toBe(false);
    await clock.advanceTo(7_510);
    expect(limiter.idle).toBe(true);
  });
});

describe("tryAcquire", () => {
  it("grants what acquire would grant at once, counts it in the same window, and never jumps a waiter", async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({ requests: 2, perMs: 1_000 }, { clock });
    const first = limiter.tryAcquire();
    expect(first).toBeDefined();
    const second = await limiter.acquire();
    // The window is full: no permit now, and an acquire waits.
    expect(limiter.tryAcquire()).toBeUndefined();
    let third: Permit | undefined;
    void limiter.acquire().then((permit) => (third = permit));
    first?.settle();
    second.settle();
    await clock.advanceTo(500);
    expect(third).toBeUndefined();
    // Room again (one window and its guard after the answers): the waiter is served first, by the timer.
    await clock.advanceTo(1_005);
    expect(third).toBeDefined();
    const fourth = limiter.tryAcquire();
    expect(fourth).toBeDefined();
    expect(limiter.tryAcquire()).toBeUndefined();
    third?.settle();
    fourth?.settle();
    const aborted = new AbortController();
    aborted.abort();
    await clock.advanceTo(3_000);
    expect(limiter.tryAcquire(aborted.signal)).toBeUndefined();
    expect(limiter.tryAcquire()).toBeDefined();
  });
});

describe("child tenant state", () => {
  it("drops idle child tenants once there are many, keeps busy ones, and a dropped one still reaches the live limiters", async () => {
    const url = "https://api-sweep.example.com";
    const clock = new ManualClock();
    const busy = tenantState(url, "busy");
    busy.limiter = new RateLimiter({ requests: 1, perMs: 1_000 }, { clock });
    const permit = await busy.limiter.acquire();
    const held = tenantState(url, "quiet");
    expect(tenantState(url, "quiet")).toBe(held);
    // The parent's state is not a child's, and children share the parent's clock correction and retry budget.
    expect(tenantState(url)).not.toBe(held);
    tenantState(url).clockOffsetMs = 1_234;
    expect(held.clockOffsetMs).toBe(1_234);
    held.retryTokens -= 5;
    expect(tenantState(url).retryTokens).toBe(495);
    tenantState(url).retryTokens = 500;
    for (let index = 0; index < 2_100; index++) tenantState(url, `child-${index}`);
    // Swept: the quiet child was dropped (a new state), the busy one kept with its window.
    expect(tenantState(url, "busy")).toBe(busy);
    expect(tenantState(url, "busy").limiter).toBe(busy.limiter);
    const live = tenantState(url, "quiet");
    expect(live).not.toBe(held);
    // A call still holding the dropped state takes its permits from the live one: one window per child.
    const limiter = new RateLimiter({ requests: 1, perMs: 1_000 }, { clock });
    held.limiter = limiter;
    expect(live.limiter).toBe(limiter);
    expect(held.operationLimiters).toBe(live.operationLimiters);
    permit.settle();
  });
});
