// Secrets in cxctl's own output (issue #12 item 9): a server (or proxy) that echoes the request's headers
// into its error answers puts the standard key, or the advanced key's per-request hash, into the body. Over
// random keys × error statuses × output formats, with debug logging on, neither the key nor any hash sent
// appears in cxctl's stdout or stderr. The core's property tests cover the SDK's errors, inspect and JSON.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cxctl } from "./helpers.js";

let server: Server;
let url: string;
/** Every Authorization value the server received (the hashes of advanced keys included). */
const received: string[] = [];
let status = 500;

function echo(request: IncomingMessage): string {
  return JSON.stringify({ reply: { err_code: status, err_msg: `rejected request with Authorization: ${String(request.headers["authorization"])}`, err_extra: { headers: request.headers } } });
}

beforeAll(async () => {
  server = createServer((request, response) => {
    received.push(String(request.headers["authorization"] ?? ""));
    request.resume();
    request.on("end", () => {
      response.writeHead(status, { "Content-Type": "application/json", "X-Echo-Authorization": String(request.headers["authorization"] ?? "") });
      response.end(echo(request));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe("cxctl never prints a key a server echoes back", () => {
  it("over random keys, both levels, error statuses and output formats, with --verbose", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.stringMatching(/^[A-Za-z0-9]{20,128}$/),
        fc.constantFrom("standard", "advanced"),
        fc.constantFrom(400, 401, 403, 500),
        fc.constantFrom("json", "table"),
        async (key, level, answer, format) => {
          status = answer;
          received.length = 0;
          const env = { HOME: "/nonexistent", CORTEX_API_BASE_URL: url, CORTEX_API_KEY_ID: "42", CORTEX_API_KEY: key, CORTEX_API_KEY_TYPE: level, CORTEX_EXPIRY_NOTICE: "off" };
          const result = await cxctl(["--verbose", "--timeout", "5s", "xdr", "incidents", "list", "--limit", "1", "-o", format], env);
          expect(result.code).not.toBe(0);
          expect(received.length).toBeGreaterThan(0);
          const printed = result.stdout + result.stderr;
          // The echo reached the output (so the check below means something), with the secret masked.
          expect(printed).toMatch(/Authorization: \[REDACTED\]/);
          expect(printed).not.toContain(key);
          for (const sent of received) if (sent.length >= 8) expect(printed).not.toContain(sent);
        },
      ),
      { numRuns: 12 },
    );
  }, 120_000);
});
