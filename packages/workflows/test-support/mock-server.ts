// A tiny Cortex-shaped HTTP server for the products' workflow tests whose state the emulator does not simulate yet:
// each route answers from a handler with the reference's shapes, and every request is recorded.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface Recorded {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingMessage["headers"];
  readonly body: Record<string, unknown> | undefined;
}

export type Handler = (body: Record<string, unknown>, request: Recorded, response: ServerResponse) => unknown;

export interface MockServer {
  readonly url: string;
  readonly requests: Recorded[];
  route(path: string, handler: Handler): void;
  close(): Promise<void>;
}

export async function startMockServer(): Promise<MockServer> {
  const routes = new Map<string, Handler>();
  const requests: Recorded[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const path = (request.url ?? "/").split("?")[0]?.replace(/\/$/, "") ?? "/";
      const text = Buffer.concat(chunks).toString("utf8");
      const parsed = text === "" ? undefined : (JSON.parse(text) as Record<string, unknown>);
      const recorded: Recorded = { method: request.method ?? "GET", path, headers: request.headers, body: parsed };
      requests.push(recorded);
      const handler = routes.get(path) ?? [...routes.entries()].find(([prefix]) => prefix.endsWith("*") && path.startsWith(prefix.slice(0, -1)))?.[1];
      if (handler === undefined) {
        response.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ reply: { err_code: 404, err_msg: `no route ${path}` } }));
        return;
      }
      const inner = (parsed?.["request_data"] ?? parsed ?? {}) as Record<string, unknown>;
      Promise.resolve(handler(inner, recorded, response))
        .then((value) => {
          if (response.headersSent || response.writableEnded) return;
          if (value instanceof ErrorReply) {
            response.writeHead(value.status, { "content-type": "application/json" }).end(JSON.stringify(value.body));
            return;
          }
          response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ reply: value }));
        })
        .catch((error: unknown) => {
          response.writeHead(500, { "content-type": "application/json" }).end(JSON.stringify({ reply: { err_code: 500, err_msg: String(error) } }));
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    route: (path, handler) => routes.set(path, handler),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Answer with an error status and body. */
export class ErrorReply {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {}
}
