// The fault plan over real HTTP: schedules, seeded probabilities, each fault
// kind, and changing the plan while the emulator runs.
import { request } from "node:http";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { type AuthFailureReason, type FaultRule, type RunningEmulator } from "../src/index.js";
import { startEmulator } from "./helpers.js";
import { advancedHeaders, bootstrapOf, call, type Credentials } from "./helpers.js";

const HEALTH = "/public_api/v1/healthcheck";
const INCIDENTS = "/public_api/v1/incidents/get_incidents";

let emulator: RunningEmulator;
let admin: Credentials;
const reasons: AuthFailureReason[] = [];

beforeAll(async () => {
  emulator = await startEmulator({ seed: 11, onAuthFailure: (event) => reasons.push(event.reason) });
  admin = bootstrapOf(emulator.bootstrapKeys, "tenant-xdr-1");
});
afterAll(async () => {
  await emulator.close();
});
afterEach(() => {
  emulator.faults.clear();
});

function health(url: string = emulator.url, credentials: Credentials = admin): ReturnType<typeof call> {
  return call(url, HEALTH, { method: "GET", headers: advancedHeaders(credentials) });
}

/** A raw request that reports how the exchange ended, byte for byte. */
function rawPost(path: string): Promise<{ status?: number | undefined; declared?: number; received: number; error?: string }> {
  return new Promise((resolve) => {
    const body = JSON.stringify({ request_data: {} });
    const req = request(new URL(path, emulator.url), {
      method: "POST",
      agent: false,
      headers: { ...advancedHeaders(admin), "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) },
    });
    req.on("response", (res) => {
      let received = 0;
      res.on("data", (chunk: Buffer) => (received += chunk.length));
      res.on("end", () => resolve({ status: res.statusCode, declared: Number(res.headers["content-length"]), received }));
      res.on("error", (error) => resolve({ status: res.statusCode, declared: Number(res.headers["content-length"]), received, error: error.message }));
      res.on("aborted", () => resolve({ status: res.statusCode, declared: Number(res.headers["content-length"]), received, error: "aborted" }));
    });
    req.on("error", (error: NodeJS.ErrnoException) => resolve({ received: 0, error: error.code ?? error.message }));
    req.end(body);
  });
}

/** A GET over node:http, whose socket timers are not the global ones a fake clock replaces. */
function rawGet(path: string): Promise<{ status?: number | undefined }> {
  return new Promise((resolve) => {
    const req = request(new URL(path, emulator.url), { method: "GET", agent: false, headers: advancedHeaders(admin) });
    req.on("response", (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode }));
    });
    req.on("error", () => resolve({}));
    req.end();
  });
}

describe("schedules", () => {
  it("fires on the 3rd and 7th matching request only, and counts per rule", async () => {
    emulator.faults.set([{ name: "flaky health", path: HEALTH, on: [3, 7], fault: { kind: "status", status: 503 } }]);
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const reply = await health();
      statuses.push(reply.status);
      if (reply.status === 503) expect(reply.body).toEqual({ reply: { err_code: 503, err_msg: "Service Unavailable", err_extra: null } });
    }
    expect(statuses).toEqual([200, 200, 503, 200, 200, 200, 503, 200]);
    // Other routes are untouched, and do not advance the rule's counter.
    expect((await call(emulator.url, INCIDENTS, { headers: advancedHeaders(admin), body: {} })).status).toBe(200);
    expect(emulator.faults.list()).toEqual([{ rule: expect.objectContaining({ name: "flaky health" }), matched: 8, fired: 2 }]);
  });

  it("matches method, path prefix and trailing-slash variants, and stops after `times`", async () => {
    emulator.faults.set([
      { method: "post", pathPrefix: "/public_api/v1/incidents", times: 2, fault: { kind: "status", status: 429 } },
    ]);
    const statuses: number[] = [];
    for (const path of [INCIDENTS, `${INCIDENTS}/`, INCIDENTS]) {
      statuses.push((await call(emulator.url, path, { headers: advancedHeaders(admin), body: {} })).status);
    }
    expect(statuses).toEqual([429, 429, 200]);
    expect((await health()).status).toBe(200);
  });

  it("answers 429 faults with the vendor's body, before authentication", async () => {
    emulator.faults.set([{ path: HEALTH, fault: { kind: "status", status: 429 } }]);
    const reply = await call(emulator.url, HEALTH, { method: "GET" });
    expect(reply.status).toBe(429);
    expect(reply.body).toEqual({ reply: { err_code: 429, err_msg: "Too many requests", err_extra: null } });
    expect(reply.headers.get("date")).not.toBeNull();
  });

  it("sends a custom body and headers when given", async () => {
    emulator.faults.set([{ path: HEALTH, fault: { kind: "status", status: 503, body: { message: "maintenance" }, headers: { "Retry-After": "7" } } }]);
    const reply = await health();
    expect(reply.status).toBe(503);
    expect(reply.body).toEqual({ message: "maintenance" });
    expect(reply.headers.get("retry-after")).toBe("7");
  });
});

describe("probabilities", () => {
  async function pattern(seed: number): Promise<number[]> {
    const seeded = await startEmulator({ seed, faults: [{ path: HEALTH, probability: 0.3, fault: { kind: "status", status: 503 } }] });
    try {
      const key = bootstrapOf(seeded.bootstrapKeys, "tenant-xdr-1");
      const statuses: number[] = [];
      for (let i = 0; i < 40; i++) statuses.push((await health(seeded.url, key)).status);
      return statuses;
    } finally {
      await seeded.close();
    }
  }

  it("replay identically for the same seed and differ for another", async () => {
    const first = await pattern(5);
    expect(await pattern(5)).toEqual(first);
    expect(first.filter((status) => status === 503).length).toBeGreaterThan(0);
    expect(first.filter((status) => status === 200).length).toBeGreaterThan(0);
    expect(await pattern(6)).not.toEqual(first);
  });

  it("never fire at 0 and always fire at 1", async () => {
    emulator.faults.set([
      { path: HEALTH, probability: 0, fault: { kind: "status", status: 500 } },
      { path: INCIDENTS, probability: 1, fault: { kind: "status", status: 503 } },
    ]);
    for (let i = 0; i < 10; i++) expect((await health()).status).toBe(200);
    for (let i = 0; i < 3; i++) expect((await call(emulator.url, INCIDENTS, { headers: advancedHeaders(admin), body: {} })).status).toBe(503);
  });
});

describe("fault kinds", () => {
  it("adds latency", async () => {
    emulator.faults.set([{ path: HEALTH, fault: { kind: "latency", ms: 150 } }]);
    // A fake clock holds the emulator's latency timer: the answer cannot come before 150 ms have passed on
    // it, however busy the machine. node:http's socket timers are not the global ones, so the exchange
    // itself runs on real I/O, which the real setImmediate lets progress between steps of the fake clock.
    const realSetImmediate = globalThis.setImmediate;
    const ioTurns = async (turns: number): Promise<void> => {
      for (let turn = 0; turn < turns; turn++) await new Promise((resolve) => realSetImmediate(resolve));
    };
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    try {
      const started = Date.now();
      let answeredAt: number | undefined;
      let status: number | undefined;
      const answered = rawGet(HEALTH).then((outcome) => {
        status = outcome.status;
        answeredAt = Date.now();
      });
      while (answeredAt === undefined) {
        await ioTurns(20);
        await vi.advanceTimersByTimeAsync(10);
      }
      await answered;
      expect(status).toBe(200);
      expect(answeredAt - started).toBeGreaterThanOrEqual(150);
    } finally {
      vi.useRealTimers();
    }
  });

  it("resets the connection without answering", async () => {
    emulator.faults.set([{ path: INCIDENTS, on: [1], fault: { kind: "reset" } }]);
    const outcome = await rawPost(INCIDENTS);
    expect(outcome.status).toBeUndefined();
    expect(["ECONNRESET", "socket hang up"]).toContain(outcome.error);
    // And keeps serving.
    expect((await rawPost(INCIDENTS)).status).toBe(200);
  });

  it("truncates the body: full Content-Length, part of the bytes, then a closed connection", async () => {
    emulator.faults.set([{ path: INCIDENTS, on: [1], fault: { kind: "truncate", bytes: 100 } }]);
    const outcome = await rawPost(INCIDENTS);
    expect(outcome.status).toBe(200);
    expect(outcome.declared).toBeGreaterThan(1000);
    expect(outcome.received).toBe(100);
    expect(outcome.error).toBeDefined();
    await expect(fetch(emulator.url + INCIDENTS, { method: "POST", headers: advancedHeaders(admin), body: "{}" }).then((r) => r.json())).resolves.toBeDefined();
  });

  it("truncates to half the body by default", async () => {
    emulator.faults.set([{ path: INCIDENTS, on: [1], fault: { kind: "truncate" } }]);
    const outcome = await rawPost(INCIDENTS);
    expect(outcome.received).toBe(Math.floor((outcome.declared ?? 0) / 2));
  });

  it("redirects to a console login page, as the console host does", async () => {
    emulator.faults.set([{ pathPrefix: "/public_api/", fault: { kind: "login_redirect" } }]);
    const response = await fetch(emulator.url + INCIDENTS + "?x=1", { method: "POST", body: "{}", redirect: "manual" });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(`https://console.emulator.invalid/login?redirect=${encodeURIComponent(INCIDENTS)}`);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    emulator.faults.set([{ fault: { kind: "login_redirect", location: "https://acme.xdr.eu.paloaltonetworks.com/login" } }]);
    const custom = await fetch(emulator.url + HEALTH, { redirect: "manual" });
    expect(custom.headers.get("location")).toBe("https://acme.xdr.eu.paloaltonetworks.com/login");
  });

  it("offsets the server clock: signatures from the client clock fall outside the window; Date shows it", async () => {
    // The emulator's base clock is fixed, so its Date header is known to the second.
    const base = Date.UTC(2026, 0, 15, 12, 0, 0);
    const tenMinutes = 10 * 60_000;
    const skewedReasons: AuthFailureReason[] = [];
    const fixed = await startEmulator({ seed: 11, now: () => base, onAuthFailure: (event) => skewedReasons.push(event.reason) });
    try {
      const key = bootstrapOf(fixed.bootstrapKeys, "tenant-xdr-1");
      fixed.faults.set([{ name: "skew", fault: { kind: "clock_offset", ms: tenMinutes } }]);
      const reply = await call(fixed.url, HEALTH, { method: "GET", headers: advancedHeaders(key, base) });
      expect(reply.status).toBe(401);
      expect(skewedReasons).toEqual(["clock_skew"]);
      expect(Date.parse(reply.headers.get("date") ?? "")).toBe(base + tenMinutes);
      // Signing with the server's clock works.
      const corrected = await call(fixed.url, HEALTH, { method: "GET", headers: advancedHeaders(key, base + tenMinutes) });
      expect(corrected.status).toBe(200);
      fixed.faults.clear();
      expect((await call(fixed.url, HEALTH, { method: "GET", headers: advancedHeaders(key, base) })).status).toBe(200);
    } finally {
      await fixed.close();
    }
  });
});

describe("runtime control", () => {
  it("adds, lists, replaces and clears rules while serving", async () => {
    expect((await health()).status).toBe(200);
    emulator.faults.add({ path: HEALTH, fault: { kind: "status", status: 503 } });
    expect((await health()).status).toBe(503);
    emulator.faults.set([{ path: HEALTH, on: [2], fault: { kind: "status", status: 429 } }]);
    expect([(await health()).status, (await health()).status]).toEqual([200, 429]);
    emulator.faults.clear();
    expect(emulator.faults.list()).toEqual([]);
    expect((await health()).status).toBe(200);
  });

  it("rejects invalid rules with a message naming the field", () => {
    const invalid: [unknown, RegExp][] = [
      [{ fault: { kind: "latency", ms: -1 } }, /fault\.ms must be a non-negative integer/],
      [{ fault: { kind: "status", status: 42 } }, /fault\.status must be an HTTP status/],
      [{ on: [0], fault: { kind: "reset" } }, /on must be a non-empty list of positive integers/],
      [{ probability: 1.5, fault: { kind: "reset" } }, /probability must be a number in \[0, 1\]/],
      [{ on: [1], probability: 0.5, fault: { kind: "reset" } }, /not both/],
      [{ path: HEALTH }, /fault must be an object/],
      [{ fault: { kind: "reset" }, when: "always" }, /unknown field 'when'/],
    ];
    for (const [rule, message] of invalid) {
      expect(() => emulator.faults.set([rule as FaultRule])).toThrow(message);
    }
    expect(emulator.faults.list()).toEqual([]);
  });
});
