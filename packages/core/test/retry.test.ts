import { createHash } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import {
  CortexAbortError,
  CortexAuthenticationError,
  CortexConnectionError,
  CortexConnectionLostError,
  CortexCouldNotConnectError,
  CortexRateLimitError,
  CortexServerError,
  CortexTimeoutError,
  isCortexError,
} from "../src/index.js";
import { GENERATE_PATH, harness, headerOf, INCIDENTS_PATH, sendJson, startServer, TEST_KEY, testClient, type Harness } from "./helpers.js";

const json = { "content-type": "application/json" };
let current: Harness | undefined;
afterEach(async () => {
  current?.agent.assertNoPendingInterceptors();
  await current?.client.close();
  await current?.agent.close();
  current = undefined;
});

describe("retries", () => {
  it("signs every attempt afresh: a new nonce and timestamp, and a valid hash each time", async () => {
    current = harness();
    const seen: { nonce: string; timestamp: string; authorization: string }[] = [];
    const answer = (status: number) => (options: { headers?: unknown }) => {
      seen.push({
        nonce: headerOf(options.headers, "x-xdr-nonce") ?? "",
        timestamp: headerOf(options.headers, "x-xdr-timestamp") ?? "",
        authorization: headerOf(options.headers, "authorization") ?? "",
      });
      return { statusCode: status, data: status === 200 ? { reply: { total_count: 0, result_count: 0, incidents: [] } } : "busy", responseOptions: { headers: json } };
    };
    current.pool.intercept({ path: INCIDENTS_PATH, method: "POST" }).reply(answer(503));
    current.pool.intercept({ path: INCIDENTS_PATH, method: "POST" }).reply(answer(502));
    current.pool.intercept({ path: INCIDENTS_PATH, method: "POST" }).reply(answer(200));
    const { response } = await current.client.request("incidents.get_incidents", {}).withResponse();
    expect(response.attempts).toBe(3);
    expect(new Set(seen.map((attempt) => attempt.nonce)).size).toBe(3);
    for (const attempt of seen) {
      expect(attempt.nonce).toMatch(/^[A-Za-z0-9]{64}$/);
      expect(attempt.authorization).toBe(createHash("sha256").update(TEST_KEY + attempt.nonce + attempt.timestamp).digest("hex"));
    }
  });

  it("never sends an unsafe write twice after an ambiguous failure", async () => {
    current = harness();
    current.pool.intercept({ path: GENERATE_PATH, method: "POST" }).reply(503, "unavailable");
    const error = await current.client.request("api_keys.generate", { roles: ["Viewer"], security_level: "advanced" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CortexServerError);
    expect((error as CortexServerError).attempts).toBe(1);
  });

  it("retries an unsafe write when the caller opts in for that call", async () => {
    current = harness();
    current.pool.intercept({ path: GENERATE_PATH, method: "POST" }).reply(503, "unavailable");
    current.pool.intercept({ path: GENERATE_PATH, method: "POST" }).reply(200, { reply: { id: 9, key: "x".repeat(20) } }, { headers: json });
    const { data, response } = await current.client.request("api_keys.generate", { roles: ["Viewer"], security_level: "advanced" }, { retryUnsafe: true }).withResponse();
    expect(data).toEqual({ id: 9, key: "x".repeat(20) });
    expect(response.attempts).toBe(2);
  });

  it("retries throttling even for unsafe writes, since a throttled request was not acted on", async () => {
    current = harness();
    current.pool.intercept({ path: GENERATE_PATH, method: "POST" }).reply(429, { reply: { err_code: 429, err_msg: "Too many requests", err_extra: null } }, { headers: json });
    current.pool.intercept({ path: GENERATE_PATH, method: "POST" }).reply(200, { reply: { id: 1, key: "y".repeat(20) } }, { headers: json });
    const { response } = await current.client.request("api_keys.generate", { roles: ["Viewer"], security_level: "standard" }).withResponse();
    expect(response.attempts).toBe(2);
  });

  it("waits at least as long as Retry-After asks", async () => {
    current = harness();
    current.pool.intercept({ path: INCIDENTS_PATH, method: "POST" }).reply(429, "Rate limit exceeded", { headers: { "retry-after": "0.3" } });
    current.pool
      .intercept({ path: INCIDENTS_PATH, method: "POST" })
      .reply(200, { reply: { total_count: 0, result_count: 0, incidents: [] } }, { headers: json });
    const { response } = await current.client.request("incidents.get_incidents", {}).withResponse();
    expect(response.attempts).toBe(2);
    // The wait the retry step chose (it logs it), not the wall clock: the configured backoff is 1–5 ms,
    // so only Retry-After can make it 300 ms.
    const retrying = current.lines.filter((line) => line.startsWith("info retrying "));
    expect(retrying).toHaveLength(1);
    const fields = JSON.parse(retrying[0]!.slice("info retrying ".length)) as { delayMs: number; reason: string };
    expect(fields.reason).toBe("throttled");
    expect(fields.delayMs).toBeGreaterThanOrEqual(300);
  });

  it("gives up after maxRetries and reports the attempts", async () => {
    current = harness({ retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 2 } });
    current.pool.intercept({ path: INCIDENTS_PATH, method: "POST" }).reply(429, "Too many requests").times(3);
    const error = await current.client.request("incidents.get_incidents", {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CortexRateLimitError);
    expect((error as CortexRateLimitError).attempts).toBe(3);
  });

  it("does not retry terminal errors such as 400 or a plain 500", async () => {
    current = harness();
    current.pool.intercept({ path: INCIDENTS_PATH, method: "POST" }).reply(500, { reply: { err_code: 500, err_msg: "An error occurred while processing XDR public API", err_extra: "Invalid parameter names: x" } }, { headers: json });
    const error = await current.client.request("incidents.get_incidents", {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CortexServerError);
    expect((error as CortexServerError).attempts).toBe(1);
    expect((error as CortexServerError).message).toContain("Invalid parameter names: x");
  });

  it("corrects clock skew from the Date header and retries once", async () => {
    current = harness();
    const serverAhead = 10 * 60_000;
    const timestamps: number[] = [];
    current.pool.intercept({ path: INCIDENTS_PATH, method: "POST" }).reply((options) => {
      timestamps.push(Number(headerOf(options.headers, "x-xdr-timestamp")));
      return { statusCode: 401, data: { reply: { err_code: 401, err_msg: "Public API request unauthorized", err_extra: null } }, responseOptions: { headers: { ...json, date: new Date(Date.now() + serverAhead).toUTCString() } } };
    });
    current.pool.intercept({ path: INCIDENTS_PATH, method: "POST" }).reply((options) => {
      timestamps.push(Number(headerOf(options.headers, "x-xdr-timestamp")));
      return { statusCode: 200, data: { reply: { total_count: 0, result_count: 0, incidents: [] } }, responseOptions: { headers: json } };
    });
    const { response } = await current.client.request("incidents.get_incidents", {}).withResponse();
    expect(response.attempts).toBe(2);
    const corrected = (timestamps[1] ?? 0) - (timestamps[0] ?? 0);
    expect(corrected).toBeGreaterThan(serverAhead - 2_000);
    expect(corrected).toBeLessThan(serverAhead + 2_000);
  });

  it("says the clock is off, and by how much, when correction does not help", async () => {
    current = harness();
    const answer = () => ({
      statusCode: 401,
      data: { reply: { err_code: 401, err_msg: "Public API request unauthorized", err_extra: null } },
      responseOptions: { headers: { ...json, date: new Date(Date.now() - 3_600_000).toUTCString() } },
    });
    current.pool.intercept({ path: INCIDENTS_PATH, method: "POST" }).reply(answer).times(2);
    const error = await current.client.request("incidents.get_incidents", {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CortexAuthenticationError);
    const auth = error as CortexAuthenticationError;
    expect(auth.attempts).toBe(2);
    expect(auth.likelyCause).toBe("clock_skew");
    expect(auth.message).toMatch(/clock differs from the server's by about -?\d+ s/);
  });

  it("signs the corrected attempt with the server's clock even before 1970, and ends with the typed 401 (over loopback)", async () => {
    const timestamps: string[] = [];
    const server = await startServer((request, response) => {
      timestamps.push(String(request.headers["x-xdr-timestamp"]));
      request.resume();
      sendJson(response, 401, { reply: { err_code: 401, err_msg: "Public API request unauthorized", err_extra: null } }, { date: "Thu, 01 Jan 1960 00:00:00 GMT" });
    });
    const { client } = testClient({ baseUrl: server.url });
    try {
      const error = await client.request("incidents.get_incidents", {}).catch((e: unknown) => e);
      // The signer takes the measured offset as it is (no SigningError): the service judges the timestamp.
      expect(error).toBeInstanceOf(CortexAuthenticationError);
      expect((error as CortexAuthenticationError).attempts).toBe(2);
      expect((error as CortexAuthenticationError).likelyCause).toBe("clock_skew");
      expect(timestamps).toHaveLength(2);
      expect(Number(timestamps[0])).toBeGreaterThan(0);
      expect(Number(timestamps[1])).toBeLessThan(0);
      expect(Math.abs(Number(timestamps[1]) - Date.parse("1960-01-01T00:00:00Z"))).toBeLessThan(60_000);
    } finally {
      await client.close();
      await server.close();
    }
  });

  it("stops retrying when the caller aborts", async () => {
    current = harness({ retry: { maxRetries: 5, baseDelayMs: 200, maxDelayMs: 200 } });
    current.pool.intercept({ path: INCIDENTS_PATH, method: "POST" }).reply(503, "busy").persist();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await current.client.request("incidents.get_incidents", {}, { signal: controller.signal }).catch((e: unknown) => e);
    expect(isCortexError(error)).toBe(true);
    expect(error).toBeInstanceOf(CortexAbortError);
  });
});

describe("retry classification over real sockets", () => {
  it("resends even an unsafe write when the connection was refused (nothing was sent)", async () => {
    const closed = await startServer(() => undefined);
    const url = closed.url;
    await closed.close();
    const { client } = testClient({ baseUrl: url, retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 1 } });
    const error = await client.request("api_keys.generate", { roles: ["Viewer"], security_level: "standard" }).catch((e: unknown) => e);
    await client.close();
    expect(error).toBeInstanceOf(CortexCouldNotConnectError);
    expect(error).not.toBeInstanceOf(CortexConnectionLostError);
    expect((error as CortexConnectionError).kind).toBe("connection");
    expect((error as CortexConnectionError).code).toBe("ECONNREFUSED");
    expect((error as CortexConnectionError).requestMayHaveBeenSent).toBe(false);
    expect((error as CortexConnectionError).attempts).toBe(3);
    expect((error as Error).message).toMatch(/could not connect to 127\.0\.0\.1:\d+ \(ECONNREFUSED\); nothing was sent\. Check the URL/);
  });

  it("after a reset, resends a read but not an unsafe write (unless the caller opts in)", async () => {
    const seen: string[] = [];
    const server = await startServer((request, response) => {
      seen.push(request.url ?? "");
      // Requests 1 (the write), 2 (the read's first attempt) and 4 (the opted-in write's first) are reset.
      if ([1, 2, 4].includes(seen.length)) {
        request.socket.destroy();
        return;
      }
      request.resume();
      sendJson(response, 200, { reply: { id: 1, key: "z".repeat(20), total_count: 0, incidents: [] } });
    });
    const { client } = testClient({ baseUrl: server.url });
    try {
      const write = await client.request("api_keys.generate", { roles: ["Viewer"], security_level: "standard" }).catch((e: unknown) => e);
      expect(write).toBeInstanceOf(CortexConnectionLostError);
      const lost = write as CortexConnectionLostError;
      expect(lost.kind).toBe("connection_lost");
      expect(lost.requestMayHaveBeenSent).toBe(true);
      expect(lost.attempts).toBe(1);
      expect(lost.lostDuring).toBe("request");
      expect(lost.retrySafety).toBe("unsafe");
      expect(lost.operationMayHaveRun).toBe("maybe");
      expect(lost.safeToRepeat).toBe(false);
      // Not the "check the URL" advice of a connection that never opened.
      expect(lost.message).not.toMatch(/could not|Check the URL/);
      expect(lost.message).toMatch(/^api_keys\.generate: the connection to 127\.0\.0\.1:\d+ was lost after the request was sent, before any answer/);
      expect(lost.message).toMatch(/It may have run on the tenant: it was not resent automatically.*Check whether it took effect/);
      expect(seen).toHaveLength(1);
      const read = await client.request("incidents.get_incidents", {}).withResponse();
      expect(read.response.attempts).toBe(2);
      const optedIn = await client.request("api_keys.generate", { roles: ["Viewer"], security_level: "standard" }, { retryUnsafe: true }).withResponse();
      expect(optedIn.response.attempts).toBe(2);
    } finally {
      await client.close();
      await server.close();
    }
  });

  it("says a read whose connection keeps breaking is safe to repeat, and an answer cut short means the write ran", async () => {
    let calls = 0;
    const server = await startServer((request, response) => {
      calls += 1;
      request.resume();
      if (request.url?.includes("get_incidents") === true) {
        request.socket.destroy();
        return;
      }
      // The write's answer starts (status and part of the body), then the connection breaks.
      response.writeHead(200, { "content-type": "application/json", "content-length": "100" });
      response.write('{"reply": {"id": 7,', () => response.socket?.destroy());
    });
    const { client } = testClient({ baseUrl: server.url, retry: { maxRetries: 1, baseDelayMs: 1, maxDelayMs: 1 } });
    try {
      const read = await client.request("incidents.get_incidents", {}).catch((e: unknown) => e);
      expect(read).toBeInstanceOf(CortexConnectionLostError);
      const lostRead = read as CortexConnectionLostError;
      expect(lostRead.attempts).toBe(2);
      expect(lostRead.operationMayHaveRun).toBe("no");
      expect(lostRead.safeToRepeat).toBe(true);
      expect(lostRead.message).toMatch(/\(attempt 2\)\. It is a read: nothing changed on the tenant, and it is safe to repeat\.$/);
      const before = calls;
      const write = await client.request("api_keys.generate", { roles: ["Viewer"], security_level: "standard" }).catch((e: unknown) => e);
      expect(calls - before).toBe(1);
      expect(write).toBeInstanceOf(CortexConnectionLostError);
      const lostWrite = write as CortexConnectionLostError;
      expect(lostWrite.lostDuring).toBe("response");
      expect(lostWrite.status).toBe(200);
      expect(lostWrite.operationMayHaveRun).toBe("yes");
      expect(lostWrite.message).toMatch(/lost while the answer \(HTTP 200\) was being read.*The operation ran on the tenant; do not send it again/);
    } finally {
      await client.close();
      await server.close();
    }
  });

  it("after a header timeout, resends a read, not an unsafe write (undici checks these timeouts about once a second)", async () => {
    let calls = 0;
    const server = await startServer((request, response) => {
      calls += 1;
      request.resume();
      // Odd calls never answer; even calls answer at once.
      if (calls % 2 === 0) sendJson(response, 200, { reply: true });
    });
    const { client } = testClient({ baseUrl: server.url, headersTimeoutMs: 100 });
    try {
      const read = await client.request("incidents.get_incidents", {}).withResponse();
      expect(read.response.attempts).toBe(2);
      const unsafe = await client.request("api_keys.generate", {}).catch((e: unknown) => e);
      expect(unsafe).toBeInstanceOf(CortexTimeoutError);
      expect((unsafe as CortexTimeoutError).phase).toBe("headers");
      expect((unsafe as CortexTimeoutError).attempts).toBe(1);
    } finally {
      await client.close();
      await server.close();
    }
  });
});

describe("retry limits", () => {
  it("resends an idempotent write after a 503", async () => {
    current = harness();
    current.pool.intercept({ path: "/public_api/v1/incidents/update_incident", method: "POST" }).reply(503, "busy");
    current.pool.intercept({ path: "/public_api/v1/incidents/update_incident", method: "POST" }).reply(200, { reply: true }, { headers: json });
    const { data, response } = await current.client.request("incidents.update_incident", { incident_id: "1", update_data: { status: "new" } }).withResponse();
    expect(data).toBe(true);
    expect(response.attempts).toBe(2);
  });

  it("stops retrying when a failing tenant has spent its retry budget, for every client of the tenant", async () => {
    current = harness({ retry: { maxRetries: 3, baseDelayMs: 0, maxDelayMs: 0 } });
    current.pool.intercept({ path: INCIDENTS_PATH, method: "POST" }).reply(503, "busy").persist();
    const attempts: number[] = [];
    for (let call = 0; call < 40; call++) {
      const error = (await current.client.request("incidents.get_incidents", {}).catch((e: unknown) => e)) as CortexServerError;
      attempts.push(error.attempts ?? 0);
    }
    // 500 tokens at 5 per retry: about 100 retries, then single attempts.
    expect(attempts.slice(0, 30).every((count) => count === 4)).toBe(true);
    expect(attempts.slice(-5).every((count) => count === 1)).toBe(true);
    expect(current.lines.some((line) => line.includes("retry budget is spent"))).toBe(true);
    current.agent.assertNoPendingInterceptors = () => undefined;
  });

  it("gives up at once when Retry-After is longer than what is left of the deadline", async () => {
    current = harness({ timeoutMs: 2_000 });
    current.pool.intercept({ path: INCIDENTS_PATH, method: "POST" }).reply(429, "Too many requests", { headers: { "retry-after": "60" } });
    const error = await current.client.request("incidents.get_incidents", {}).catch((e: unknown) => e);
    // Had it waited, the 2 s deadline would have ended the call with a timeout error instead.
    expect(error).toBeInstanceOf(CortexRateLimitError);
    expect((error as CortexRateLimitError).retryAfterMs).toBe(60_000);
    expect((error as CortexRateLimitError).attempts).toBe(1);
  });

  it("corrects the clock once for concurrent calls that all hit the skew, without doubling the offset", async () => {
    current = harness();
    const serverAhead = 10 * 60_000;
    const timestamps: number[] = [];
    current.pool
      .intercept({ path: INCIDENTS_PATH, method: "POST" })
      .reply<object>((options) => {
        const timestamp = Number(headerOf(options.headers, "x-xdr-timestamp"));
        timestamps.push(timestamp);
        const skewed = Math.abs(timestamp - (Date.now() + serverAhead)) > 60_000;
        return skewed
          ? { statusCode: 401, data: { reply: { err_code: 401, err_msg: "Public API request unauthorized", err_extra: null } }, responseOptions: { headers: { ...json, date: new Date(Date.now() + serverAhead).toUTCString() } } }
          : { statusCode: 200, data: { reply: { total_count: 0, result_count: 0, incidents: [] } }, responseOptions: { headers: json } };
      })
      .persist();
    const results = await Promise.all(Array.from({ length: 3 }, () => current?.client.request("incidents.get_incidents", {}).withResponse()));
    expect(results.map((result) => result?.response.attempts)).toEqual([2, 2, 2]);
    const later = await current.client.request("incidents.get_incidents", {}).withResponse();
    expect(later.response.attempts).toBe(1);
  });
});
