import { Agent, request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_BODY_BYTES, type RunningEmulator } from "../src/index.js";
import { startEmulator } from "./helpers.js";
import { advancedHeaders, call, invalidInput, replyOf, type Credentials } from "./helpers.js";

const HEALTH = "/public_api/v1/healthcheck";
const INCIDENTS = "/public_api/v1/incidents/get_incidents";

let emulator: RunningEmulator;
let admin: Credentials;

beforeAll(async () => {
  emulator = await startEmulator();
  const [bootstrap] = emulator.bootstrapKeys;
  if (bootstrap === undefined) throw new Error("no bootstrap key");
  admin = bootstrap;
});

afterAll(async () => {
  await emulator.close();
});

/** Sends a request with a declared Content-Length but waits for the answer before sending any body. */
function declareBody(path: string, length: number): Promise<{ status: number; body: string }> {
  const target = new URL(path, emulator.url);
  return new Promise((resolve, reject) => {
    const req = request(target, {
      method: "POST",
      headers: { ...advancedHeaders(admin), "Content-Type": "application/json", "Content-Length": String(length) },
    });
    req.on("response", (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, body });
      });
    });
    req.on("error", reject);
    req.flushHeaders();
  });
}

describe("server", () => {
  it("starts on loopback with one tenant per product (XDR first) and an MSSP child of XSIAM", () => {
    expect(emulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(emulator.tenants.map((tenant) => [tenant.tenantId, tenant.product, tenant.parentTenantId])).toEqual([
      ["tenant-xdr-1", "xdr", null],
      ["tenant-xsiam-1", "xsiam", null],
      ["tenant-xsoar6-1", "xsoar6", null],
      ["tenant-xsoar8-1", "xsoar8", null],
      ["tenant-xpanse-1", "xpanse", null],
      ["tenant-cloud-1", "cloud", null],
      ["tenant-xsiam-child-1", "xsiam", "tenant-xsiam-1"],
    ]);
    expect(emulator.tenants[1]?.childTenantIds).toEqual(["tenant-xsiam-child-1"]);
    // One administrator key per tenant, in tenant order; the XDR tenant's is the first, with id 1.
    expect(emulator.bootstrapKeys.map((key) => key.tenantId)).toEqual(emulator.tenants.map((tenant) => tenant.tenantId));
    expect(emulator.bootstrapKeys[0]).toMatchObject({ keyId: "1", product: "xdr", securityLevel: "advanced", authScheme: "cortex" });
    expect(emulator.bootstrapKeys[2]).toMatchObject({ product: "xsoar6", securityLevel: "standard", authScheme: "xsoar6", roles: ["Administrator"] });
    expect(emulator.bootstrapKeys[2]?.key).toMatch(/^[0-9A-F]{32}$/);
    expect(new Set(emulator.bootstrapKeys.map((key) => key.key)).size).toBe(emulator.bootstrapKeys.length);
  });

  it("serves the healthcheck (authenticated), with or without a trailing slash", async () => {
    for (const path of [HEALTH, `${HEALTH}/`]) {
      const reply = await call(emulator.url, path, { method: "GET", headers: advancedHeaders(admin) });
      expect(reply.status).toBe(200);
      expect(reply.body).toEqual({ status: "available" });
      expect(reply.headers.get("content-type")).toBe("application/json");
    }
    expect((await call(emulator.url, HEALTH, { method: "GET" })).status).toBe(401);
  });

  it("accepts a trailing slash on POST operations", async () => {
    const reply = await call(emulator.url, `${INCIDENTS}/`, { headers: advancedHeaders(admin), body: { request_data: {} } });
    expect(reply.status).toBe(200);
    expect(replyOf<{ total_count: number }>(reply).total_count).toBe(25);
  });

  it("treats an empty body, or one without request_data, as empty request_data", async () => {
    const empty = await call(emulator.url, INCIDENTS, { headers: advancedHeaders(admin), rawBody: "" });
    expect(empty.status).toBe(200);
    const bare = await call(emulator.url, INCIDENTS, { headers: advancedHeaders(admin), body: {} });
    expect(bare.status).toBe(200);
  });

  it("answers 400 to malformed JSON and non-object bodies", async () => {
    const malformed = await call(emulator.url, INCIDENTS, { headers: advancedHeaders(admin), rawBody: '{"request_data": ' });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toEqual(invalidInput("Invalid JSON body"));
    const array = await call(emulator.url, INCIDENTS, { headers: advancedHeaders(admin), rawBody: "[]" });
    expect(array.status).toBe(400);
    expect(array.body).toEqual(invalidInput("Request body must be a JSON object"));
  });

  // Behaviour change: unknown routes answer 500 by default, as the reference observed on live
  // tenants (xdr-xsiam-api §2.3 [LAB]); 404 is an option.
  it("answers the generic 500 for unknown routes by default, never naming internals", async () => {
    const reply = await call(emulator.url, "/public_api/v1/api_keys/list", {
      headers: advancedHeaders(admin),
      body: { request_data: {} },
    });
    expect(reply.status).toBe(500);
    expect(reply.body).toEqual({
      reply: { err_code: 500, err_msg: "An error occurred while processing XDR public API", err_extra: null },
    });
  });

  it("answers 404 with the path (no query) for unknown routes when configured", async () => {
    const notFound = await startEmulator({ unknowns: { unknownRoute: 404 } });
    try {
      const [key] = notFound.bootstrapKeys;
      if (key === undefined) throw new Error("no bootstrap key");
      const reply = await call(notFound.url, "/public_api/v1/nope/nothing/?debug=1", {
        headers: advancedHeaders(key),
        body: { request_data: {} },
      });
      expect(reply.status).toBe(404);
      expect(reply.body).toEqual({
        reply: { err_code: 404, err_msg: "Not found", err_extra: "No such API: /public_api/v1/nope/nothing/" },
      });
    } finally {
      await notFound.close();
    }
  });

  it("answers 405 with an Allow header for the wrong method", async () => {
    const post = await call(emulator.url, HEALTH, { headers: advancedHeaders(admin), body: {} });
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET");
    expect(post.body).toEqual({
      reply: { err_code: 405, err_msg: "Method not allowed", err_extra: `POST is not supported for ${HEALTH}` },
    });
    const get = await call(emulator.url, INCIDENTS, { method: "GET", headers: advancedHeaders(admin) });
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST");
  });

  it("answers 413 to a declared body over the 1 MiB default without reading it", async () => {
    const reply = await declareBody(INCIDENTS, MAX_BODY_BYTES + 1);
    expect(reply.status).toBe(413);
    expect(JSON.parse(reply.body)).toEqual({
      reply: { err_code: 413, err_msg: "Request entity too large", err_extra: `Request body exceeds ${MAX_BODY_BYTES} bytes` },
    });
  });

  it("answers 413 to a streamed (chunked) body over the 1 MiB default", async () => {
    const big = new Uint8Array(MAX_BODY_BYTES + 1024).fill(0x20);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= big.length) return controller.close();
        const chunk = big.subarray(sent, sent + 1024 * 1024);
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    // The server keeps draining (and discarding) the upload, so the client gets the 413.
    const response = await fetch(emulator.url + INCIDENTS, {
      method: "POST",
      headers: advancedHeaders(admin),
      body: stream,
      duplex: "half",
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(((await response.json()) as { reply: { err_code: number } }).reply.err_code).toBe(413);
    // And it is still serving.
    expect((await call(emulator.url, HEALTH, { method: "GET", headers: advancedHeaders(admin) })).status).toBe(200);
  });

  it("produces identical incidents for the same seed and different ones for another", async () => {
    const twin = await startEmulator();
    const other = await startEmulator({ seed: 2 });
    try {
      const fetchAll = async (target: RunningEmulator): Promise<unknown> => {
        const [key] = target.bootstrapKeys;
        if (key === undefined) throw new Error("no bootstrap key");
        const reply = await call(target.url, INCIDENTS, { headers: advancedHeaders(key), body: { request_data: {} } });
        return replyOf<{ incidents: unknown }>(reply).incidents;
      };
      const mine = await fetchAll(emulator);
      expect(await fetchAll(twin)).toEqual(mine);
      expect(await fetchAll(other)).not.toEqual(mine);
      // Secrets never come from the seed.
      expect(twin.bootstrapKeys[0]?.key).not.toBe(emulator.bootstrapKeys[0]?.key);
    } finally {
      await twin.close();
      await other.close();
    }
  });

  it("honours incidentCount", async () => {
    const large = await startEmulator({ incidentCount: 150 });
    try {
      const [key] = large.bootstrapKeys;
      if (key === undefined) throw new Error("no bootstrap key");
      const reply = await call(large.url, INCIDENTS, {
        headers: advancedHeaders(key),
        body: { request_data: { search_from: 100, search_to: 200 } },
      });
      expect(replyOf<{ total_count: number; result_count: number }>(reply)).toMatchObject({
        total_count: 150,
        result_count: 50,
      });
    } finally {
      await large.close();
    }
  });

  it("rejects invalid options", async () => {
    await expect(startEmulator({ port: 70_000 })).rejects.toThrow(RangeError);
    await expect(startEmulator({ authWindowMs: 0 })).rejects.toThrow(RangeError);
    await expect(startEmulator({ incidentCount: -1 })).rejects.toThrow(RangeError);
    await expect(startEmulator({ scale: "huge" as "large" })).rejects.toThrow(/scale must be one of/);
    await expect(startEmulator({ tenants: [] })).rejects.toThrow(/at least one tenant/);
    await expect(startEmulator({ tenants: [{ id: "a", product: "xdr" }, { id: "a", product: "xsiam" }] })).rejects.toThrow(/used twice/);
    await expect(startEmulator({ tenants: [{ id: "a", product: "xdr", parent: "nobody" }] })).rejects.toThrow(/unknown parent/);
    await expect(startEmulator({ tenants: [{ id: "bad id", product: "xdr" }] })).rejects.toThrow(RangeError);
    await expect(startEmulator({ rateLimits: { perSecond: 0 } })).rejects.toThrow(/perSecond/);
    await expect(startEmulator({ unknowns: { unknownRoute: 418 as 404 } })).rejects.toThrow(/unknownRoute/);
    await expect(startEmulator({ roles: [{ name: "Bad", permissions: ["incidents:write"] }] })).rejects.toThrow(/permission/);
    await expect(startEmulator({ faults: [{ fault: { kind: "explode" } as never }] })).rejects.toThrow(/kind must be one of/);
  });

  it("rejects when the port is taken, and leaves nothing running", async () => {
    const port = Number(new URL(emulator.url).port);
    await expect(startEmulator({ port })).rejects.toThrow(/EADDRINUSE/);
    expect((await call(emulator.url, HEALTH, { method: "GET", headers: advancedHeaders(admin) })).status).toBe(200);
  });

  it("closes promptly despite keep-alive connections, and close() is idempotent", async () => {
    const short = await startEmulator();
    const [key] = short.bootstrapKeys;
    if (key === undefined) throw new Error("no bootstrap key");
    // A keep-alive connection left idle in an agent's pool: close() must end it, not wait for it.
    const agent = new Agent({ keepAlive: true, keepAliveMsecs: 60_000 });
    let socketClosed: Promise<void> | undefined;
    await new Promise<void>((resolve, reject) => {
      const req = request(new URL(HEALTH, short.url), { agent, headers: advancedHeaders(key) }, (res) => {
        res.resume();
        res.on("end", () => resolve());
      });
      req.on("socket", (socket) => (socketClosed = new Promise<void>((closed) => socket.once("close", () => closed()))));
      req.on("error", reject);
      req.end();
    });
    await Promise.all([short.close(), short.close()]);
    // Resolves only because the emulator closed the idle connection (the agent would keep it for a minute).
    await socketClosed;
    agent.destroy();
    await expect(fetch(short.url + HEALTH)).rejects.toThrow();
  });
});
