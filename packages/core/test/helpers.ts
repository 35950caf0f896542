import { once } from "node:events";
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Product } from "@cortex-sdk/schemas-base";
import { MockAgent } from "undici";
import { CortexClient, type ClientOptions, type LogFields, type Logger } from "../src/index.js";
import { TEST_OPERATIONS } from "./operations.js";

export { GENERATE_PATH, INCIDENTS_PATH, TEST_OPERATIONS } from "./operations.js";

let tenantCounter = 0;

/** A unique tenant URL per test, so the shared per-tenant state (retry budget, clock, limiter) never leaks between tests. */
export function uniqueBaseUrl(): string {
  tenantCounter += 1;
  return `https://api-tenant${tenantCounter}-${process.pid}.example.com`;
}

export const TEST_KEY = "TestKeySecretValue0123456789abcdefghijklmnopqrstuvwxyzABCDEFG";

export interface RecordingLogger extends Logger {
  readonly lines: string[];
}

/** A logger that keeps every line as text (message plus JSON fields). */
export function recordingLogger(): RecordingLogger {
  const lines: string[] = [];
  const record = (level: string) => (message: string, fields?: LogFields) => {
    lines.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`);
  };
  return { lines, debug: record("debug"), info: record("info"), warn: record("warn"), error: record("error") };
}

/** The product client identity tests use, with the inline operation table. */
export function testInfo(product: Product = "xdr") {
  return { product, clientName: "test", clientVersion: "0.0.0", operations: TEST_OPERATIONS };
}

/** A client with fast retries, no client-side rate limit and a recording logger, unless options say otherwise. */
export function testClient(options: Partial<ClientOptions>, product: Product = "xdr"): { client: CortexClient; lines: string[] } {
  const logger = recordingLogger();
  const client = new CortexClient(
    { apiKeyId: "7", apiKey: TEST_KEY, securityLevel: "advanced", retry: { baseDelayMs: 1, maxDelayMs: 5 }, rateLimit: false, logger, logLevel: "debug", env: {}, ...options },
    testInfo(product),
  );
  return { client, lines: logger.lines };
}

export interface Harness {
  readonly client: CortexClient;
  readonly agent: MockAgent;
  readonly baseUrl: string;
  readonly pool: ReturnType<MockAgent["get"]>;
  readonly lines: string[];
}

/** A client over a MockAgent with fast retries and a logger that records every line. */
export function harness(options: Partial<ClientOptions> = {}): Harness {
  const agent = new MockAgent();
  agent.disableNetConnect();
  const baseUrl = uniqueBaseUrl();
  const { client, lines } = testClient({ baseUrl, dispatcher: agent, ...options });
  return { client, agent, baseUrl, pool: agent.get(baseUrl), lines };
}

/** Reads a header from undici's mock request options whatever shape they arrive in. */
export function headerOf(headers: unknown, name: string): string | undefined {
  if (headers === undefined || headers === null) return undefined;
  if (Array.isArray(headers)) {
    for (let index = 0; index < headers.length; index += 2) {
      if (String(headers[index]).toLowerCase() === name) return String(headers[index + 1]);
    }
    return undefined;
  }
  if (typeof (headers as Headers).get === "function") return (headers as Headers).get(name) ?? undefined;
  for (const [key, value] of Object.entries(headers as Record<string, unknown>)) if (key.toLowerCase() === name) return String(value);
  return undefined;
}

export interface LocalServer {
  readonly server: Server;
  readonly url: string;
  close(): Promise<void>;
}

/** Starts a node:http server on loopback. */
export async function startServer(handler: (request: IncomingMessage, response: ServerResponse) => void): Promise<LocalServer> {
  const server = createServer(handler);
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    server,
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Reads a request body as JSON. */
export async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  return text === "" ? {} : (JSON.parse(text) as Record<string, unknown>);
}

/** Writes a JSON answer. */
export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const payload = JSON.stringify(body);
  response.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(payload), ...headers });
  response.end(payload);
}

/** What the front server of {@link startFront} does with one request. */
export type Fault = "forward" | "forward-then-503" | "503";

/**
 * A front server that forwards to the emulator (which checks every signature and refuses replayed nonces),
 * and can drop the emulator's answer to fake a failure after the request was processed.
 */
export async function startFront(target: string, plan: (requestNumber: number) => Fault): Promise<LocalServer & { nonces: string[]; paths: string[] }> {
  const nonces: string[] = [];
  const paths: string[] = [];
  let count = 0;
  const front = await startServer((request, response) => {
    count += 1;
    const fault = plan(count);
    nonces.push(String(request.headers["x-xdr-nonce"] ?? ""));
    paths.push(request.url ?? "");
    if (fault === "503") {
      request.resume();
      response.writeHead(503, { "content-type": "text/plain" }).end("Service Unavailable");
      return;
    }
    const upstream = httpRequest(`${target}${request.url ?? "/"}`, { method: request.method, headers: request.headers }, (answer) => {
      if (fault === "forward-then-503") {
        answer.resume();
        response.writeHead(503, { "content-type": "text/plain" }).end("Service Unavailable");
        return;
      }
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    });
    request.pipe(upstream);
  });
  return Object.assign(front, { nonces, paths });
}
