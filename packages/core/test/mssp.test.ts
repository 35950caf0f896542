import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inspect } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { startEmulator } from "@cortex-sdk/emulator";
import { childTenantClient, CortexClient, CortexConfigError, fanOut, ProductClient, tenantState, type CallContext, type ProductClientOptions, type CallResult } from "../src/index.js";
import { sendJson, startServer, TEST_KEY, TEST_OPERATIONS, testClient, testInfo, type LocalServer } from "./helpers.js";
import { runsFused } from "../src/pipeline.js";

let server: LocalServer | undefined;
const clients: CortexClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  await server?.close();
  server = undefined;
});

describe("child tenant clients", () => {
  it("share the parent's connections, carry the child's header, and closing them leaves the parent working", async () => {
    const sockets = new Set<unknown>();
    const seen: string[] = [];
    server = await startServer((request, response) => {
      sockets.add(request.socket);
      seen.push(String(request.headers["x-child-tenant-id"] ?? "parent"));
      request.resume();
      sendJson(response, 200, { status: "available" });
    });
    const { client: parent } = testClient({ baseUrl: server.url, rateLimit: { requests: 100, perMs: 1_000 } });
    clients.push(parent);
    await parent.request("healthcheck");
    const outcomes = await fanOut(
      Array.from({ length: 20 }, (_, index) => ({ childTenantId: `child-${index}` })),
      (target) => ("childTenantId" in target ? childTenantClient(parent, target.childTenantId) : parent),
      async (child) => {
        expect(child.dispatcher).toBe(parent.dispatcher);
        return child.request("healthcheck");
      },
      { concurrency: 1 },
    );
    expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
    // fanOut closed every child; the parent's connection is still open and in use.
    await parent.request("healthcheck");
    expect(seen).toEqual(["parent", ...Array.from({ length: 20 }, (_, index) => `child-${index}`), "parent"]);
    // One call at a time over keep-alive: the children reuse the parent's socket(s) (undici may open a second
    // one when a socket is not released yet); children with their own dispatchers would open 20 more.
    expect(sockets.size).toBeLessThanOrEqual(2);
  });
});

describe("child tenant clients derived from the parent's configuration", () => {
  it("read neither the environment nor the profile file again, and still send the child's header", async () => {
    const seen: string[] = [];
    server = await startServer((request, response) => {
      seen.push(String(request.headers["x-child-tenant-id"] ?? "parent"));
      request.resume();
      sendJson(response, 200, { status: "available" });
    });
    const home = mkdtempSync(join(tmpdir(), "cortex-sdk-mssp-"));
    const configFile = join(home, "config.json");
    writeFileSync(configFile, JSON.stringify({ profiles: { mssp: { baseUrl: server.url, apiKeyId: 7, apiKey: TEST_KEY, securityLevel: "advanced" } } }), { mode: 0o600 });
    let envReads = 0;
    const env = new Proxy({ CORTEX_PROFILE: "mssp" } as Record<string, string | undefined>, {
      get(target, name) {
        envReads += 1;
        return typeof name === "string" ? target[name] : undefined;
      },
    });
    const parent = new CortexClient({ configFile, env, rateLimit: false, logLevel: "off" }, testInfo());
    clients.push(parent);
    expect(parent.config.profile).toBe("mssp");
    expect(envReads).toBeGreaterThan(0);
    envReads = 0;
    // Gone: a child that loaded the profile again would fail for want of a URL and key.
    rmSync(home, { recursive: true, force: true });
    const children = ["child-a", "child-b", "child-c"].map((id) => childTenantClient(parent, id));
    clients.push(...children);
    for (const child of children) await child.request("healthcheck");
    expect(envReads).toBe(0);
    expect(seen).toEqual(["child-a", "child-b", "child-c"]);
    for (const child of children) {
      expect(child.config.baseUrl).toBe(parent.config.baseUrl);
      expect(child.config.credentials).toBe(parent.config.credentials);
      expect(child.config.sources).toEqual(parent.config.sources);
      expect(child.config.rateLimit).toBeUndefined();
      expect(child.dispatcher).toBe(parent.dispatcher);
      expect(Object.isFrozen(child.config)).toBe(true);
    }
    // A client derived from a child with other options is resolved from its options again (the profile is gone).
    expect(() => children[0]?.withOptions({ timeoutMs: 5_000 })).toThrowError(CortexConfigError);
  });

  it("redact the parent's key and their own signatures from errors, logs, inspect and JSON", async () => {
    const signatures: string[] = [];
    server = await startServer((request, response) => {
      request.resume();
      signatures.push(String(request.headers["authorization"]));
      // A service that echoes what it was sent, credentials included.
      sendJson(response, 400, { reply: { err_code: 400, err_msg: `bad ${String(request.headers["authorization"])} ${TEST_KEY}` } });
    });
    const { client: parent, lines } = testClient({ baseUrl: server.url, retry: { maxRetries: 0 } });
    clients.push(parent);
    const child = childTenantClient(parent, "child-1");
    clients.push(child);
    const error = await child.request("healthcheck").then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(signatures).toHaveLength(1);
    const signature = signatures[0] as string;
    expect(signature.length).toBeGreaterThanOrEqual(32);
    const everything = [message, JSON.stringify(error), inspect(error, { depth: 10, showHidden: true }), JSON.stringify(child), inspect(child, { depth: 10 }), String(child), inspect(child.config, { depth: 10, showHidden: true }), JSON.stringify(child.config), ...lines].join("\n");
    expect(everything).not.toContain(TEST_KEY);
    expect(everything).not.toContain(signature);
    expect(message).toContain("[REDACTED]");
    expect(lines.length).toBeGreaterThan(0);
  });

  it("share one limiter per child tenant, as clients resolved anew did", async () => {
    const seen: string[] = [];
    server = await startServer((request, response) => {
      seen.push(String(request.headers["x-child-tenant-id"]));
      request.resume();
      sendJson(response, 200, { status: "available" });
    });
    const { client: parent } = testClient({ baseUrl: server.url, rateLimit: { requests: 1, perMs: 3_600_000 } });
    clients.push(parent);
    const first = childTenantClient(parent, "shared");
    const second = childTenantClient(parent, "shared");
    const other = childTenantClient(parent, "other");
    clients.push(first, second, other);
    await first.request("healthcheck");
    // The child's one request an hour is spent: a second client of the same child waits, another child does not.
    const waiting = new AbortController();
    const blocked = second.request("healthcheck", undefined, { signal: waiting.signal }).then(
      () => "sent",
      (error: unknown) => (error as Error).name,
    );
    await other.request("healthcheck");
    waiting.abort();
    // Aborted while waiting for the child's limiter (the signal's own AbortError today), never sent.
    expect(await blocked).toMatch(/AbortError$/);
    expect(seen).toEqual(["shared", "other"]);
  });

  it("reject a child tenant id that cannot be sent", () => {
    const { client: parent } = testClient({ baseUrl: "http://127.0.0.1:9" });
    clients.push(parent);
    expect(() => childTenantClient(parent, " ")).toThrowError(CortexConfigError);
    expect(() => childTenantClient(parent, "child\r\nx-evil: 1")).toThrowError(/control characters/);
  });

  it("say on every derived client that TLS verification is off", () => {
    const { client: parent, lines } = testClient({ baseUrl: "https://api-tls-off.example.com", dangerouslyDisableTlsVerification: true });
    clients.push(parent);
    const before = lines.filter((line) => line.includes("TLS certificate verification is OFF")).length;
    clients.push(childTenantClient(parent, "child-1"));
    expect(lines.filter((line) => line.includes("TLS certificate verification is OFF"))).toHaveLength(before + 1);
  });
});

describe("a paced child tenant's permit", () => {
  it("is taken by the standard rateLimit step, settled when the answer starts (over loopback), and the hook is gone once the attempt is over", async () => {
    server = await startServer((request, response) => {
      request.resume();
      sendJson(response, 200, { status: "available" });
    });
    const { client: parent } = testClient({ baseUrl: server.url, rateLimit: { requests: 50, perMs: 1_000 } });
    clients.push(parent);
    const child = childTenantClient(parent, "child-paced");
    clients.push(child);
    expect(child.config.rateLimit).toEqual({ requests: 50, perMs: 1_000 });
    const seen: { hook: boolean; settledOnce: boolean }[] = [];
    child.middleware.add(
      "observe",
      async (context, next) => {
        const hook = context.onAnswerStarted;
        const result = await next(context);
        // send called the hook; calling it again (as the step's own clean-up does) changes nothing.
        hook?.();
        seen.push({ hook: typeof hook === "function", settledOnce: context.onAnswerStarted === hook });
        return result;
      },
      { before: "send" },
    );
    const contexts: { onAnswerStarted?: unknown }[] = [];
    child.middleware.add(
      "outer",
      async (context, next) => {
        contexts.push(context);
        return next(context);
      },
      { before: "rateLimit" },
    );
    await child.request("healthcheck");
    await child.request("healthcheck");
    expect(seen).toEqual([
      { hook: true, settledOnce: true },
      { hook: true, settledOnce: true },
    ]);
    expect(contexts.map((context) => context.onAnswerStarted)).toEqual([undefined, undefined]);
    // The child's own window holds both requests; the parent's holds none.
    expect(tenantState(parent.config.baseUrl, "child-paced").limiter).not.toBe(tenantState(parent.config.baseUrl).limiter);
    expect(tenantState(parent.config.baseUrl).limiter).toBeUndefined();
  });
});

// A product client as the generated ones are: its constructor takes the options alone.
class TestProductClient extends ProductClient {
  constructor(options: ProductClientOptions) {
    super(options, testInfo(), TEST_OPERATIONS, () => Promise.reject(new Error("no validators in this test")));
  }
}

describe("child tenant clients built from a shared pipeline", () => {
  it("keep their own steps: a step added to one child reaches neither its siblings nor the parent, and the parent's own steps reach no child", async () => {
    const seen: string[] = [];
    server = await startServer((request, response) => {
      seen.push(`${String(request.headers["x-child-tenant-id"] ?? "parent")}${request.headers["x-tag"] === undefined ? "" : `+${String(request.headers["x-tag"])}`}`);
      request.resume();
      sendJson(response, 200, { status: "available" });
    });
    const { client: parent } = testClient({ baseUrl: server.url, rateLimit: { requests: 100, perMs: 1_000 } });
    clients.push(parent);
    const standard = parent.middleware.names();
    const tag = (value: string) => async (context: CallContext, next: (context: CallContext) => Promise<CallResult>) => {
      context.request.headers["x-tag"] = value;
      return next(context);
    };
    const first = childTenantClient(parent, "child-1");
    clients.push(first);
    first.middleware.add("tag", tag("first"), { before: "send" });
    await first.request("healthcheck");
    parent.middleware.add("tag", tag("parent"), { before: "send" });
    const second = childTenantClient(parent, "child-2");
    const third = childTenantClient(parent, "child-3");
    clients.push(second, third);
    third.middleware.add("tag", tag("third"), { before: "send" });
    await Promise.all([second.request("healthcheck"), third.request("healthcheck"), parent.request("healthcheck"), first.request("healthcheck")]);
    expect(seen.slice(0, 1)).toEqual(["child-1+first"]);
    expect(seen.slice(1).sort()).toEqual(["child-1+first", "child-2", "child-3+third", "parent+parent"]);
    expect(second.middleware.names()).toEqual(standard);
    expect(parent.middleware.names()).toEqual([...standard.slice(0, -1), "tag", "send"]);
    // Removing a step from a child leaves its siblings' pipelines whole.
    second.middleware.remove("errorMap");
    expect(childTenantClient(parent, "child-4").middleware.names()).toEqual(standard);
  });

  it("run a product client's standard steps as one function, the child tenants' too, until a step is added among them", () => {
    const parent = new TestProductClient({ baseUrl: "https://api-fused.example.com", apiKeyId: "7", apiKey: TEST_KEY, securityLevel: "advanced", logLevel: "off", env: {} });
    clients.push(parent);
    const names = parent.middleware.names();
    // Reply validation wraps the call from outside the fused steps, after request validation.
    expect(names.slice(0, 3)).toEqual(["validateRequest", "validateReplies", "serialize"]);
    expect(runsFused(parent.middleware)).toBe(true);
    const child = parent.forTenant({ childTenantId: "child-fused" });
    clients.push(child);
    expect(runsFused(child.middleware)).toBe(true);
    child.middleware.add("mine", (context, next) => next(context), { before: "send" });
    expect(runsFused(child.middleware)).toBe(false);
    expect(runsFused(parent.middleware)).toBe(true);
  });

  it("give product clients their reply-validation step once, and a client derived from a child stays on the child tenant and its window", async () => {
    const seen: string[] = [];
    server = await startServer((request, response) => {
      seen.push(String(request.headers["x-child-tenant-id"] ?? "parent"));
      request.resume();
      sendJson(response, 200, { status: "available" });
    });
    const parent = new TestProductClient({ baseUrl: server.url, apiKeyId: "7", apiKey: TEST_KEY, securityLevel: "advanced", rateLimit: { requests: 1, perMs: 3_600_000 }, logLevel: "off", env: {} });
    clients.push(parent);
    const names = parent.middleware.names();
    expect(names.filter((name) => name === "validateReplies")).toHaveLength(1);
    await parent.request("healthcheck");
    // The parent's one request an hour is spent; each child has a window of its own.
    const children = ["child-a", "child-b"].map((childTenantId) => parent.forTenant({ childTenantId }));
    clients.push(...children);
    for (const child of children) {
      expect(child).toBeInstanceOf(TestProductClient);
      expect(child.middleware.names()).toEqual(names);
      await child.request("healthcheck");
    }
    const again = children[0]?.withOptions({ timeoutMs: 60_000 }) as TestProductClient;
    clients.push(again);
    expect(again.config.childTenantId).toBe("child-a");
    const waiting = new AbortController();
    const blocked = again.request("healthcheck", undefined, { signal: waiting.signal }).then(
      () => "sent",
      (error: unknown) => (error as Error).name,
    );
    // A client made with the child tenant in its options shares that child's window too.
    const direct = new TestProductClient({ baseUrl: server.url, apiKeyId: "7", apiKey: TEST_KEY, securityLevel: "advanced", rateLimit: { requests: 1, perMs: 3_600_000 }, childTenantId: "child-b", logLevel: "off", env: {} });
    clients.push(direct);
    const blockedToo = direct.request("healthcheck", undefined, { signal: waiting.signal }).then(
      () => "sent",
      (error: unknown) => (error as Error).name,
    );
    await children[1]?.forTenant({ childTenantId: "child-c" }).request("healthcheck");
    waiting.abort();
    expect(await blocked).toMatch(/Abort/);
    expect(await blockedToo).toMatch(/Abort/);
    expect(seen).toEqual(["parent", "child-a", "child-b", "child-c"]);
  });
});

describe("a child tenant client whose state was swept", () => {
  it("keeps sending, and its next call counts in the child's live window", async () => {
    server = await startServer((request, response) => {
      request.resume();
      sendJson(response, 200, { status: "available" });
    });
    // A short window, so the child's limiter goes idle soon (the sweep drops only idle children).
    const { client: parent } = testClient({ baseUrl: server.url, rateLimit: { requests: 1, perMs: 20 } });
    clients.push(parent);
    const child = childTenantClient(parent, "swept");
    clients.push(child);
    await child.request("healthcheck");
    const first = tenantState(parent.config.baseUrl, "swept");
    const limiter = first.limiter;
    expect(limiter).toBeDefined();
    while (limiter?.idle === false) await new Promise((resolve) => setTimeout(resolve, 5));
    // Enough other children to make the sweep run: the idle child is dropped and a new state stands for it.
    for (let index = 0; index < 2_100; index++) tenantState(parent.config.baseUrl, `other-${index}`);
    const live = tenantState(parent.config.baseUrl, "swept");
    expect(live).not.toBe(first);
    expect(live.limiter).toBeUndefined();
    // The child client looked its state up once; its next call takes its permit from the live state.
    await child.request("healthcheck");
    expect(live.limiter).toBeDefined();
    expect(live.limiter?.idle).toBe(false);
    expect(first.limiter).toBe(live.limiter);
  });
});

describe("child tenants against the emulator", () => {
  it("are each paced by a window of their own, as the service counts them, with no 429", async () => {
    const emulator = await startEmulator({
      port: 0,
      seed: 9,
      rateLimits: { perSecond: 5 },
      tenants: [
        { id: "mssp-parent", product: "xdr" },
        { id: "mssp-child-a", product: "xdr", parent: "mssp-parent" },
        { id: "mssp-child-b", product: "xdr", parent: "mssp-parent" },
      ],
    });
    try {
      const key = emulator.bootstrapKeys[0];
      if (key === undefined) throw new Error("the emulator has no key");
      const statuses: number[] = [];
      // 5 an hour: were any two of them one window, the sixth request would wait an hour and the test time out.
      const parent = new CortexClient({ baseUrl: emulator.url, apiKeyId: key.keyId, apiKey: key.key, securityLevel: "advanced", rateLimit: { requests: 5, perMs: 3_600_000 }, retry: { maxRetries: 0 }, logLevel: "off", env: {} }, testInfo());
      clients.push(parent);
      const recordStatuses = (client: CortexClient): CortexClient => {
        client.middleware.add(
          "status",
          async (context, next) => {
            const result = await next(context);
            statuses.push(result.response.status);
            return result;
          },
          { before: "send" },
        );
        return client;
      };
      recordStatuses(parent);
      const outcomes = await fanOut(
        [{ childTenantId: "mssp-child-a" }, { childTenantId: "mssp-child-b" }],
        (target) => recordStatuses(childTenantClient(parent, "childTenantId" in target ? target.childTenantId : "")),
        (child) => Promise.all(Array.from({ length: 5 }, () => child.request("healthcheck"))),
        { concurrency: 2 },
      );
      await Promise.all(Array.from({ length: 5 }, () => parent.request("healthcheck")));
      expect(outcomes.map((outcome) => outcome.ok)).toEqual([true, true]);
      expect(statuses).toEqual(Array.from({ length: 15 }, () => 200));
    } finally {
      await emulator.close();
    }
  });
});
