import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inspect } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { childTenantClient, CortexClient, CortexConfigError, fanOut } from "../src/index.js";
import { sendJson, startServer, TEST_KEY, testClient, testInfo, type LocalServer } from "./helpers.js";

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
  it("is settled when the answer starts (over loopback), and the hook is gone once the attempt is over", async () => {
    server = await startServer((request, response) => {
      request.resume();
      sendJson(response, 200, { status: "available" });
    });
    const { client: parent } = testClient({ baseUrl: server.url, rateLimit: { requests: 50, perMs: 1_000 } });
    clients.push(parent);
    const child = childTenantClient(parent, "child-paced");
    clients.push(child);
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
      { before: "childTenant" },
    );
    await child.request("healthcheck");
    await child.request("healthcheck");
    expect(seen).toEqual([
      { hook: true, settledOnce: true },
      { hook: true, settledOnce: true },
    ]);
    expect(contexts.map((context) => context.onAnswerStarted)).toEqual([undefined, undefined]);
  });
});
