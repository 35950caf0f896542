import { execFileSync } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer as createHttpServer, type IncomingMessage, type Server } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import { connect, type AddressInfo, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { MockAgent, ProxyAgent } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CORE_VERSION, CortexAuthenticationError, CortexConfigError, CortexConnectionError, CortexConsoleUrlError, type CortexClient } from "../src/index.js";
import { headerOf, sendJson, startServer, TEST_KEY, testClient, uniqueBaseUrl } from "./helpers.js";

const OK = { reply: { total_count: 0, result_count: 0, incidents: [] } };

let certDir: string;
let cert: string;
let key: string;
let tlsServer: Server;
let tlsUrl: string;
const tlsRequests: IncomingMessage[] = [];

/** A CONNECT proxy: records each tunnel and checks credentials when asked to. */
interface Proxy {
  readonly url: string;
  readonly tunnels: { target: string; authorization: string | undefined }[];
  close(): Promise<void>;
}

async function startProxy(requiredAuthorization?: string): Promise<Proxy> {
  const tunnels: Proxy["tunnels"] = [];
  const sockets = new Set<Socket>();
  const server = createHttpServer((_request, response) => response.writeHead(405).end());
  server.on("connect", (request: IncomingMessage, client: Socket, head: Buffer) => {
    sockets.add(client);
    const authorization = request.headers["proxy-authorization"];
    tunnels.push({ target: request.url ?? "", authorization });
    if (requiredAuthorization !== undefined && authorization !== requiredAuthorization) {
      client.end("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic\r\n\r\n");
      return;
    }
    const [host, port] = (request.url ?? "").split(":");
    const upstream = connect(Number(port), host ?? "127.0.0.1", () => {
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on("error", () => client.destroy());
    client.on("error", () => upstream.destroy());
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    tunnels,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

beforeAll(async () => {
  certDir = mkdtempSync(join(tmpdir(), "cortex-sdk-tls-"));
  // A throwaway self-signed certificate for 127.0.0.1, made fresh for this run.
  execFileSync("openssl", [
    "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
    "-keyout", join(certDir, "key.pem"), "-out", join(certDir, "cert.pem"), "-days", "1",
    "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
  ], { stdio: "ignore" });
  cert = readFileSync(join(certDir, "cert.pem"), "utf8");
  key = readFileSync(join(certDir, "key.pem"), "utf8");
  tlsServer = createHttpsServer({ cert, key }, (request, response) => {
    tlsRequests.push(request);
    request.resume();
    sendJson(response, 200, OK);
  });
  tlsServer.listen(0, "127.0.0.1");
  await once(tlsServer, "listening");
  tlsUrl = `https://127.0.0.1:${(tlsServer.address() as AddressInfo).port}`;
});

afterAll(async () => {
  tlsServer.closeAllConnections();
  await new Promise<void>((resolve) => tlsServer.close(() => resolve()));
  rmSync(certDir, { recursive: true, force: true });
});

async function using<T>(client: CortexClient, run: (client: CortexClient) => Promise<T>): Promise<T> {
  try {
    return await run(client);
  } finally {
    await client.close();
  }
}

describe("TLS", () => {
  it("verifies certificates by default: a self-signed one is refused once, permanently, with advice", async () => {
    const { client } = testClient({ baseUrl: tlsUrl, retry: { maxRetries: 3, baseDelayMs: 1, maxDelayMs: 1 } });
    const error = await using(client, (c) => c.request("incidents.get_incidents", {}).catch((e: unknown) => e));
    expect(error).toBeInstanceOf(CortexConnectionError);
    const connection = error as CortexConnectionError;
    expect(connection.permanent).toBe(true);
    expect(connection.attempts).toBe(1);
    expect(connection.code).toMatch(/SELF_SIGNED|UNABLE_TO_VERIFY/);
    expect(connection.message).toMatch(/`ca` option/);
  });

  it("trusts a custom CA bundle", async () => {
    const { client } = testClient({ baseUrl: tlsUrl, ca: cert });
    const { response } = await using(client, (c) => c.request("incidents.get_incidents", {}).withResponse());
    expect(response.status).toBe(200);
  });

  it("turns verification off only when asked, and says so loudly", async () => {
    const { client, lines } = testClient({ baseUrl: tlsUrl, dangerouslyDisableTlsVerification: true });
    await using(client, (c) => c.request("incidents.get_incidents", {}));
    expect(lines.some((line) => line.startsWith("warn TLS certificate verification is OFF"))).toBe(true);
  });
});

describe("proxies", () => {
  it("tunnels through the `proxy` option with credentials, which never reach a log line", async () => {
    const proxy = await startProxy(`Basic ${Buffer.from("alice:pa ss@word").toString("base64")}`);
    try {
      const proxyUrl = proxy.url.replace("http://", "http://alice:pa%20ss%40word@");
      const { client, lines } = testClient({ baseUrl: tlsUrl, ca: cert, proxy: proxyUrl, logLevel: "debug" });
      await using(client, async (c) => {
        await c.request("incidents.get_incidents", {});
        expect(c.config.proxy).toBe(proxyUrl.replace("pa%20ss%40word", "[REDACTED]"));
      });
      expect(proxy.tunnels.map((tunnel) => tunnel.target)).toEqual([new URL(tlsUrl).host]);
      expect(lines.join("\n")).not.toMatch(/pa%20ss|pa ss@word/);
    } finally {
      await proxy.close();
    }
  });

  it("reads HTTPS_PROXY from the environment and honours NO_PROXY", async () => {
    const proxy = await startProxy();
    try {
      const { client } = testClient({ baseUrl: tlsUrl, ca: cert, env: { HTTPS_PROXY: proxy.url } });
      await using(client, (c) => c.request("incidents.get_incidents", {}));
      expect(proxy.tunnels).toHaveLength(1);
      const { client: direct } = testClient({ baseUrl: tlsUrl, ca: cert, env: { HTTPS_PROXY: proxy.url, NO_PROXY: "localhost,127.0.0.1" } });
      await using(direct, (c) => c.request("incidents.get_incidents", {}));
      expect(proxy.tunnels).toHaveLength(1);
    } finally {
      await proxy.close();
    }
  });

  it("reports a proxy that refuses the credentials as a permanent connection error, sent once", async () => {
    const proxy = await startProxy("Basic something-else");
    try {
      const { client } = testClient({ baseUrl: tlsUrl, ca: cert, proxy: proxy.url.replace("http://", "http://bob:wrong@") });
      const error = await using(client, (c) => c.request("incidents.get_incidents", {}).catch((e: unknown) => e));
      expect(error).toBeInstanceOf(CortexConnectionError);
      expect((error as CortexConnectionError).message).toMatch(/proxy refused.*407.*credentials/);
      expect(proxy.tunnels).toHaveLength(1);
    } finally {
      await proxy.close();
    }
  });

  it("honours a dispatcher the user built (ProxyAgent with a custom CA)", async () => {
    const proxy = await startProxy();
    const dispatcher = new ProxyAgent({ uri: proxy.url, requestTls: { ca: cert } });
    try {
      const { client } = testClient({ baseUrl: tlsUrl, dispatcher });
      await using(client, (c) => c.request("incidents.get_incidents", {}));
      expect(proxy.tunnels).toHaveLength(1);
    } finally {
      await dispatcher.close();
      await proxy.close();
    }
  });
});

describe("the wire format", () => {
  it("sends a User-Agent naming the SDK, the client and Node, accepts gzip and decodes it", async () => {
    const seen: Record<string, string | string[] | undefined>[] = [];
    const server = await startServer((request, response) => {
      seen.push(request.headers);
      request.resume();
      const body = gzipSync(JSON.stringify({ reply: { total_count: 1, result_count: 1, incidents: [{ incident_id: "1" }] } }));
      response.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip", "content-length": body.length }).end(body);
    });
    try {
      const { client } = testClient({ baseUrl: server.url });
      const data = await using(client, (c) => c.request<{ incidents: unknown[] }>("incidents.get_incidents", {}));
      expect(data.incidents).toEqual([{ incident_id: "1" }]);
      expect(seen[0]?.["user-agent"]).toBe(`cortex-sdk-js/${CORE_VERSION} test/0.0.0 node/${process.versions.node}`);
      expect(seen[0]?.["accept-encoding"]).toBe("gzip");
    } finally {
      await server.close();
    }
  });

  it("XSOAR 6: the raw key alone, at the server root (account path kept)", async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    const baseUrl = uniqueBaseUrl();
    let headers: unknown;
    agent.get(baseUrl).intercept({ path: "/acc_t1/incidents/search", method: "POST" }).reply((options) => {
      headers = options.headers;
      return { statusCode: 200, data: { total: 0, data: [] }, responseOptions: { headers: { "content-type": "application/json" } } };
    });
    const { client } = testClient({ baseUrl: `${baseUrl}/acc_t1`, dispatcher: agent, xsoarVersion: 6, securityLevel: "standard" }, "xsoar");
    await using(client, (c) => c.request("xsoar.incidents.search", { filter: { query: "" } }));
    expect(headerOf(headers, "authorization")).toBe(TEST_KEY);
    expect(headerOf(headers, "x-xdr-auth-id")).toBeUndefined();
    expect(headerOf(headers, "x-xdr-nonce")).toBeUndefined();
    await agent.close();
  });

  it("XSOAR 8: Cortex headers, XSOAR routes under /xsoar/public/v1, Cortex-wide routes at the root", async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    const baseUrl = uniqueBaseUrl();
    const pool = agent.get(baseUrl);
    let headers: unknown;
    pool.intercept({ path: "/xsoar/public/v1/incidents/search", method: "POST" }).reply((options) => {
      headers = options.headers;
      return { statusCode: 200, data: { total: 0, data: [] }, responseOptions: { headers: { "content-type": "application/json" } } };
    });
    pool.intercept({ path: "/public_api/v1/api_keys/generate", method: "POST" }).reply(200, { reply: { id: 1, key: "k".repeat(20) } }, { headers: { "content-type": "application/json" } });
    const { client } = testClient({ baseUrl, dispatcher: agent, xsoarVersion: 8 }, "xsoar");
    await using(client, async (c) => {
      await c.request("xsoar.incidents.search", { filter: { query: "" } });
      await c.request("api_keys.generate", { roles: ["Viewer"], security_level: "standard" });
    });
    expect(headerOf(headers, "x-xdr-auth-id")).toBe("7");
    expect(headerOf(headers, "x-xdr-nonce")).toMatch(/^[A-Za-z0-9]{64}$/);
    agent.assertNoPendingInterceptors();
    await agent.close();
  });

  it("ignores (and warns about) authentication headers given in the call options", async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    const baseUrl = uniqueBaseUrl();
    let headers: unknown;
    agent.get(baseUrl).intercept({ path: "/public_api/v1/incidents/get_incidents", method: "POST" }).reply((options) => {
      headers = options.headers;
      return { statusCode: 200, data: OK, responseOptions: { headers: { "content-type": "application/json" } } };
    });
    const { client, lines } = testClient({ baseUrl, dispatcher: agent, securityLevel: "standard" });
    await using(client, (c) => c.request("incidents.get_incidents", {}, { headers: { Authorization: `Bearer ${TEST_KEY}`, "X-Custom": "kept" } }));
    expect(headerOf(headers, "authorization")).toBe(TEST_KEY);
    expect(headerOf(headers, "x-custom")).toBe("kept");
    expect(lines.some((line) => line.startsWith('warn Ignoring the "authorization" header'))).toBe(true);
    await agent.close();
  });

  it("turns a redirect from the console into a console-URL error, without following it", async () => {
    const server = await startServer((request, response) => {
      request.resume();
      response.writeHead(302, { location: "https://acme.xdr.us.paloaltonetworks.com/login" }).end();
    });
    try {
      const { client } = testClient({ baseUrl: server.url });
      const error = await using(client, (c) => c.request("incidents.get_incidents", {}).catch((e: unknown) => e));
      expect(error).toBeInstanceOf(CortexConsoleUrlError);
      expect((error as CortexConsoleUrlError).attempts).toBe(1);
    } finally {
      await server.close();
    }
  });
});

describe("the operation table comes from the product client", () => {
  it("refuses ids outside the client's table, and operations its product or XSOAR version does not serve", async () => {
    const { client } = testClient({ baseUrl: uniqueBaseUrl() });
    await expect(client.request("nope.nothing", {})).rejects.toThrowError(/Unknown operation id "nope\.nothing"/);
    const { client: xsoar6 } = testClient({ baseUrl: "https://xsoar.corp.example", xsoarVersion: 6, securityLevel: "standard" }, "xsoar");
    await expect(xsoar6.request("api_keys.generate", {})).rejects.toThrowError(/not served by XSOAR 6/);
    await expect(xsoar6.request("healthcheck")).rejects.toThrowError(CortexConfigError);
  });

  it("imports only types from @cortex-sdk/schemas-base (values only from the small reply-rules module), so no product table is bundled by core", () => {
    const sourceDir = new URL("../src/", import.meta.url);
    for (const file of readdirSync(sourceDir).filter((name) => name.endsWith(".ts"))) {
      const text = readFileSync(new URL(file, sourceDir), "utf8");
      for (const match of text.matchAll(/^\s*(import|export)\s+(type\s+)?[^;]*?from\s+"(@cortex-sdk\/schemas[^"]*)"/gm)) {
        if (match[3] === "@cortex-sdk/schemas-base/replies") continue;
        // The key-expiry rules are a few pure functions, shared with the emulator: no table comes with them.
        if (match[3] === "@cortex-sdk/schemas-base/api-key-expiry") continue;
        // The product list and the probes' operation ids: constants in a module without imports.
        if (match[3] === "@cortex-sdk/schemas-base/products") continue;
        expect(match[2], `${file}: ${match[0]}`).toBe("type ");
      }
    }
  });

  it.each([
    ["an XDR client", "xdr", undefined, "healthcheck", "this looks like an XSOAR 6 server, not the API of a Cortex tenant: check the base URL"],
    ["an XSOAR 8 client", "xsoar", 8, "xsoar.incidents.search", "this looks like an XSOAR 6 server, which takes the raw key without an id: set xsoarVersion to 6"],
  ] as const)("tells %s that XSOAR 6's CSRF 403 comes from an XSOAR 6 server, with advice it can act on", async (_, product, xsoarVersion, operationId, advice) => {
    const server = await startServer((request, response) => {
      request.resume();
      response.writeHead(403, { "content-type": "application/json" }).end(JSON.stringify({ id: "forbidden", status: 403, title: "Forbidden", detail: "Issue with CSRF code", error: "http: named cookie not present" }));
    });
    try {
      const { client } = testClient({ baseUrl: server.url, ...(xsoarVersion === undefined ? {} : { xsoarVersion }) }, product);
      const error = await using(client, (c) => c.request(operationId, {})).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(CortexAuthenticationError);
      expect((error as CortexAuthenticationError).likelyCause).toBe("wrong_header");
      expect((error as Error).message).toContain(`Most likely (1) ${advice}`);
      // Nothing in the message tells it the opposite (the hint for XSOAR 6 clients).
      expect((error as Error).message).not.toContain("set xsoarVersion to 8");
    } finally {
      await server.close();
    }
  });

  it("tells an XSOAR 6 client that XSOAR 6's CSRF 403 means an unknown key, or an XSOAR 8 server", async () => {
    const server = await startServer((request, response) => {
      request.resume();
      response.writeHead(403, { "content-type": "application/json" }).end(JSON.stringify({ id: "forbidden", status: 403, title: "Forbidden", detail: "Issue with CSRF code" }));
    });
    try {
      const { client } = testClient({ baseUrl: server.url, xsoarVersion: 6, securityLevel: "standard" }, "xsoar");
      const error = await using(client, (c) => c.request("xsoar.incidents.search", {})).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(CortexAuthenticationError);
      expect((error as Error).message).toContain("XSOAR 6 answers an unknown or revoked API key this way: check the key, and that the server is XSOAR 6 (for XSOAR 8 set xsoarVersion to 8).");
    } finally {
      await server.close();
    }
  });

  it("warns once per process about a deprecated operation", async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    const baseUrl = uniqueBaseUrl();
    agent.get(baseUrl).intercept({ path: "/public_api/v1/legacy/old_call", method: "POST" }).reply(200, { reply: {} }, { headers: { "content-type": "application/json" } }).times(2);
    const { client, lines } = testClient({ baseUrl, dispatcher: agent });
    await using(client, async (c) => {
      await c.request("legacy.old_call", {});
      await c.request("legacy.old_call", {});
    });
    expect(lines.filter((line) => line.includes("legacy.old_call is deprecated: use incidents.get_incidents"))).toHaveLength(1);
    await agent.close();
  });
});
