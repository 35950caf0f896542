import { startEmulator, type RunningEmulator } from "@cortex-sdk/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CortexBadRequestError, CortexServerError, MiddlewareStack, type CallContext, type CallResult, type CortexClient, type Handler, type Middleware } from "../src/index.js";
import { fuseSteps } from "../src/pipeline.js";
import { startFront, startServer, testClient } from "./helpers.js";

// The standard steps from `serialize` to `send` run as one function while nobody changes them; a client
// with a step of its own among them runs every step separately. Both must behave the same.

/** A step that only passes the call on, placed among the standard ones: the client then composes every step. */
const passThrough: Middleware = (context, next) => next(context);

/** Clients of the same key: `fused` as built, `general` with a pass-through step between `serialize` and `send`. */
function clientPair(baseUrl: string, key: { keyId: number | string; key: string }, options: Parameters<typeof testClient>[0] = {}): { fused: CortexClient; general: CortexClient; seenBySend: number[] } {
  const { client: fused } = testClient({ baseUrl, apiKeyId: key.keyId, apiKey: key.key, securityLevel: "advanced", ...options });
  const { client: general } = testClient({ baseUrl, apiKeyId: key.keyId, apiKey: key.key, securityLevel: "advanced", ...options });
  const seenBySend: number[] = [];
  general.middleware.add("seenBySend", (context, next) => {
    seenBySend.push(context.attempt);
    return next(context);
  }, { before: "send" });
  general.middleware.add("passThrough", passThrough, { after: "retry" });
  return { fused, general, seenBySend };
}

let emulator: RunningEmulator;
let key: { keyId: number | string; key: string };
const closing: (() => Promise<void>)[] = [];

beforeAll(async () => {
  // Its own rate limit off: these clients send without a client-side limit (the permit test uses another emulator).
  emulator = await startEmulator({ port: 0, seed: 11, incidentCount: 30, rateLimits: { perSecond: 100_000 } });
  const first = emulator.bootstrapKeys[0];
  if (first === undefined) throw new Error("no bootstrap key");
  key = first;
});

afterAll(async () => {
  for (const close of closing.reverse()) await close();
  await emulator.close();
});

describe("the fused standard steps and the step-by-step pipeline, against the emulator over loopback", () => {
  it("give the same replies, pages and response facts", async () => {
    const { fused, general, seenBySend } = clientPair(emulator.url, key);
    closing.push(() => fused.close(), () => general.close());
    const [a, b] = await Promise.all([fused, general].map((client) => client.request<{ total_count: number; incidents: unknown[] }>("incidents.get_incidents", { search_from: 3, search_to: 9 }).withResponse()));
    expect(a?.data).toEqual(b?.data);
    expect(a?.data.incidents).toHaveLength(6);
    expect(a?.response.status).toBe(200);
    expect(a?.response.attempts).toBe(b?.response.attempts);
    expect(seenBySend).toEqual([1]);
    const [pagesA, pagesB] = await Promise.all([fused, general].map((client) => client.paginate<unknown, { incident_id: string }>("incidents.get_incidents", { search_to: 7 }).collect({ limit: 30 })));
    expect(pagesA?.map((item) => item.incident_id)).toEqual(pagesB?.map((item) => item.incident_id));
    expect(pagesA).toHaveLength(30);
  });

  it("give the same typed error for a refused request", async () => {
    const { fused, general } = clientPair(emulator.url, key);
    closing.push(() => fused.close(), () => general.close());
    const [a, b] = await Promise.all([fused, general].map((client) => client.request("incidents.get_incidents", { search_from: 0, search_to: 500 }).catch((error: unknown) => error)));
    expect(a).toBeInstanceOf(CortexBadRequestError);
    expect(b).toBeInstanceOf(CortexBadRequestError);
    expect((a as CortexBadRequestError).message).toBe((b as CortexBadRequestError).message);
    expect((a as CortexBadRequestError).attempts).toBe(1);
  });

  it("sign every attempt afresh (the emulator refuses a replayed nonce) and retry a read after 503s", async () => {
    for (const which of ["fused", "general"] as const) {
      const front = await startFront(emulator.url, (n) => (n <= 2 ? "forward-then-503" : "forward"));
      closing.push(() => front.close());
      const pair = clientPair(front.url, key);
      closing.push(() => pair.fused.close(), () => pair.general.close());
      const { data, response } = await pair[which].request<{ total_count: number }>("incidents.get_incidents", { search_to: 2 }).withResponse();
      expect(data.total_count).toBe(30);
      expect(response.attempts).toBe(3);
      expect(new Set(front.nonces).size).toBe(3);
      if (which === "general") expect(pair.seenBySend).toEqual([1, 2, 3]);
    }
  });

  it("send an unsafe write once after an ambiguous failure", async () => {
    for (const which of ["fused", "general"] as const) {
      const front = await startFront(emulator.url, () => "forward-then-503");
      closing.push(() => front.close());
      const pair = clientPair(front.url, key);
      closing.push(() => pair.fused.close(), () => pair.general.close());
      const error = await pair[which].request("api_keys.generate", { roles: ["Viewer"], security_level: "standard" }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(CortexServerError);
      expect((error as CortexServerError).attempts).toBe(1);
      expect(front.paths).toHaveLength(1);
    }
  });

  it("take a permit per attempt: 16 concurrent calls of a fresh client limited like the service draw no 429 from a default emulator", async () => {
    const strict = await startEmulator({ port: 0, seed: 12 });
    closing.push(() => strict.close());
    const strictKey = strict.bootstrapKeys[0];
    if (strictKey === undefined) throw new Error("no bootstrap key");
    // No retries: a 429 would fail its call.
    const { client } = testClient({ baseUrl: strict.url, apiKeyId: strictKey.keyId, apiKey: strictKey.key, securityLevel: "advanced", rateLimit: { requests: 10, perMs: 1_000 }, retry: { maxRetries: 0 } });
    closing.push(() => client.close());
    const replies = await Promise.all(Array.from({ length: 16 }, () => client.request("healthcheck").withResponse()));
    expect(replies.map((reply) => reply.response.status)).toEqual(Array.from({ length: 16 }, () => 200));
  });

  it("send to the same path: a base URL with a path, encoded path parameters, and a dot segment resolved as a URL parser does", async () => {
    const seen: string[] = [];
    const server = await startServer((request, response) => {
      seen.push(request.url ?? "");
      request.resume();
      response.writeHead(200, { "content-type": "application/octet-stream" }).end("ok");
    });
    closing.push(() => server.close());
    const { fused, general } = clientPair(`${server.url}/gateway`, key);
    closing.push(() => fused.close(), () => general.close());
    for (const token of ["a b/c", "..", "%2e%2e", "plain-token_1.bin"]) {
      for (const client of [fused, general]) {
        const bytes = await client.request<Uint8Array>("files.download", { token });
        // Downloaded bytes own their buffer exactly (a caller may hand `bytes.buffer` on).
        expect(Buffer.from(bytes.buffer).toString()).toBe("ok");
      }
    }
    const expected = ["a b/c", "..", "%2e%2e", "plain-token_1.bin"].map((token) => new URL(`${server.url}/gateway/public_api/v1/download/${encodeURIComponent(token)}`).pathname);
    expect(seen).toEqual(expected.flatMap((path) => [path, path]));
    expect(seen[0]).toBe("/gateway/public_api/v1/download/a%20b%2Fc");
  });
});

describe("MiddlewareStack fusion", () => {
  const result = (name: string): CallResult => ({ response: { status: 200, headers: {}, body: new Uint8Array() }, data: name, attempts: 1 });
  const step = (name: string, log: string[]): Middleware => (context, next) => {
    log.push(name);
    return name === "send" ? Promise.resolve(result("steps")) : next(context);
  };
  const context = {} as CallContext;

  function fusedStack(log: string[]): MiddlewareStack {
    const stack = new MiddlewareStack(["outer", "serialize", "retry", "send"].map((name) => ({ name, middleware: step(name, log) })));
    const fused: Handler = () => {
      log.push("fused");
      return Promise.resolve(result("fused"));
    };
    fuseSteps(stack, "serialize", fused);
    return stack;
  }

  it("runs the fused function for the fused steps, and the steps before them one by one", async () => {
    const log: string[] = [];
    const stack = fusedStack(log);
    expect((await stack.compose()(context)).data).toBe("fused");
    expect(log).toEqual(["outer", "fused"]);
  });

  it("keeps the fusion when a step is added before the fused ones, and on a clone", async () => {
    const log: string[] = [];
    const stack = fusedStack(log);
    stack.add("mine", step("mine", log), { before: "serialize" });
    expect((await stack.compose()(context)).data).toBe("fused");
    expect((await stack.clone().compose()(context)).data).toBe("fused");
    expect(log).toEqual(["outer", "mine", "fused", "outer", "mine", "fused"]);
  });

  it.each([
    ["added among the fused steps", (stack: MiddlewareStack, log: string[]) => stack.add("mine", step("mine", log), { after: "serialize" }), ["outer", "serialize", "mine", "retry", "send"]],
    ["added after the last one", (stack: MiddlewareStack, log: string[]) => stack.add("mine", step("mine", log), { after: "send" }), ["outer", "serialize", "retry", "send"]],
    ["removed", (stack: MiddlewareStack) => stack.remove("retry"), ["outer", "serialize", "send"]],
  ] as const)("runs every step one by one once a step is %s", async (_, change, expected) => {
    const log: string[] = [];
    const stack = fusedStack(log);
    await stack.compose()(context);
    log.length = 0;
    change(stack, log);
    expect((await stack.compose()(context)).data).toBe("steps");
    expect(log).toEqual(expected);
  });
});
