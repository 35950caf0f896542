import { AsyncLocalStorage } from "node:async_hooks";
import { once } from "node:events";
import type { IncomingMessage } from "node:http";
import { gzipSync } from "node:zlib";
import { Agent, RetryAgent, type Dispatcher } from "undici";
import { afterEach, describe, expect, it } from "vitest";
import { CortexAbortError, CortexConnectionLostError, CortexTimeoutError, type CortexClient } from "../src/index.js";
import { startServer, testClient, type LocalServer } from "./helpers.js";

// A buffered call (every call but `stream()`) reads its answer with a dispatch handler of its own: these pin what
// undici's request() and its body stream did for it, over real sockets.
const LIST = "incidents.get_incidents";
const OK = JSON.stringify({ reply: { total_count: 0, result_count: 0, incidents: [] } });

let server: LocalServer | undefined;
let client: CortexClient | undefined;

afterEach(async () => {
  await client?.close();
  await server?.close();
  client = undefined;
  server = undefined;
});

describe("a buffered answer over a socket", () => {
  it("keeps the caller's AsyncLocalStorage context after the call", async () => {
    server = await startServer((request, response) => {
      request.resume();
      // Answer on a later turn, from a context the caller's store is not in.
      setImmediate(() => response.writeHead(200, { "content-type": "application/json" }).end(OK));
    });
    client = testClient({ baseUrl: server.url }).client;
    const storage = new AsyncLocalStorage<string>();
    const calls = ["first", "second", "third"].map((name) =>
      storage.run(name, async () => {
        await client?.request(LIST, {});
        return storage.getStore();
      }),
    );
    expect(await Promise.all(calls)).toEqual(["first", "second", "third"]);
  });

  it("flattens the headers: lower-case names, repeated values joined, a __proto__ header kept as data, an informational answer skipped", async () => {
    server = await startServer((request, response) => {
      request.resume();
      response.writeEarlyHints({ link: "</style.css>; rel=preload" });
      response.setHeader("X-Request-ID", "req-1");
      response.setHeader("Set-Cookie", ["a=1", "b=2"]);
      response.setHeader("__proto__", "data");
      response.writeHead(200, { "Content-Type": "application/json" }).end(OK);
    });
    client = testClient({ baseUrl: server.url }).client;
    const { response } = await client.request(LIST, {}).withResponse();
    expect(response.status).toBe(200);
    expect(response.headers["x-request-id"]).toBe("req-1");
    expect(response.headers["set-cookie"]).toBe("a=1, b=2");
    expect(Object.getPrototypeOf(response.headers)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(response.headers, "__proto__")?.value).toBe("data");
    expect(response.requestId).toBe("req-1");
  });

  it.each([
    ["a composed Agent (an interceptor)", () => new Agent().compose((dispatch: Dispatcher["dispatch"]) => (options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler) => dispatch({ ...options, headers: { ...(options.headers as Record<string, string>), "x-composed": "yes" } }, handler))],
    ["a RetryAgent", () => new RetryAgent(new Agent())],
  ] as const)("reads answers through %s, which speaks undici's newer handler API", async (_, makeDispatcher) => {
    const seen: (string | undefined)[] = [];
    server = await startServer((request, response) => {
      seen.push(request.headers["x-composed"] as string | undefined);
      request.resume();
      const body = gzipSync(JSON.stringify({ reply: { total_count: 3, result_count: 0, incidents: [] } }));
      response.setHeader("Set-Cookie", ["a=1", "b=2"]);
      response.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip", "content-length": body.length }).end(body);
    });
    const dispatcher = makeDispatcher();
    client = testClient({ baseUrl: server.url, dispatcher }).client;
    try {
      const { data, response } = await client.request<{ total_count: number }>(LIST, {}).withResponse();
      expect(data.total_count).toBe(3);
      expect(response.headers["set-cookie"]).toBe("a=1, b=2");
      expect(response.headers["content-type"]).toBe("application/json");
    } finally {
      await dispatcher.close();
    }
    expect(seen).toEqual([_.startsWith("a composed") ? "yes" : undefined]);
  });

  it("ends an exchange still waiting for its answer at the call's deadline, typed as a timeout, and closes its connection", async () => {
    const held: IncomingMessage[] = [];
    server = await startServer((request, response) => {
      request.resume();
      if (held.length === 0) {
        held.push(request);
        return;
      }
      response.writeHead(200, { "content-type": "application/json" }).end(OK);
    });
    client = testClient({ baseUrl: server.url, retry: { maxRetries: 0 } }).client;
    const closed = once(server.server, "connection").then(([socket]) => once(socket as NodeJS.EventEmitter, "close"));
    const error = await client.request(LIST, {}, { timeoutMs: 50 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CortexTimeoutError);
    expect((error as CortexTimeoutError).phase).toBe("total");
    await closed;
    // The next call is not held up by the abandoned one.
    await expect(client.request(LIST, {})).resolves.toMatchObject({ total_count: 0 });
  });

  it("stops reading a body when the caller aborts, typed as the caller's abort", async () => {
    const controller = new AbortController();
    server = await startServer((request, response) => {
      request.resume();
      response.writeHead(200, { "content-type": "application/json", "content-length": "1000" });
      // Half a body, then nothing: the caller gives up while it is being read.
      response.write(" ".repeat(500), () => controller.abort(new Error("enough")));
    });
    client = testClient({ baseUrl: server.url, retry: { maxRetries: 0 } }).client;
    const error = await client.request(LIST, {}, { signal: controller.signal }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CortexAbortError);
    expect((error as CortexAbortError).message).toMatch(/aborted by the caller/);
  });

  it("reports a connection lost while the body was read as lost during the response, with its status", async () => {
    server = await startServer((request, response) => {
      request.resume();
      response.writeHead(200, { "content-type": "application/json", "content-length": "1000" });
      response.write(" ".repeat(100), () => response.socket?.destroy());
    });
    client = testClient({ baseUrl: server.url, retry: { maxRetries: 0 } }).client;
    const error = await client.request(LIST, {}).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CortexConnectionLostError);
    expect((error as CortexConnectionLostError).lostDuring).toBe("response");
    expect((error as CortexConnectionLostError).status).toBe(200);
  });
});
