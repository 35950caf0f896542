import { inspect } from "node:util";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CortexClient, isCortexError, type ClientOptions } from "../src/index.js";
import { recordingLogger, startServer, testInfo, type LocalServer } from "./helpers.js";

// A server that echoes the credentials it received back into every kind of error answer, as some
// gateways and proxies do: the SDK must redact them by value, whatever field they land in.
type EchoMode = "json401" | "json403" | "text500" | "html" | "json429" | "array400" | "iam400";
const MODES: readonly EchoMode[] = ["json401", "json403", "text500", "html", "json429", "array400", "iam400"];

let server: LocalServer;

beforeAll(async () => {
  server = await startServer((request, response) => {
    request.resume();
    const mode = String(request.headers["x-echo-mode"] ?? "json401") as EchoMode;
    const auth = String(request.headers["authorization"] ?? "");
    const all = JSON.stringify(request.headers);
    const json = (status: number, body: unknown): void => {
      response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    };
    switch (mode) {
      case "json401":
        return json(401, { reply: { err_code: 401, err_msg: `Public API request unauthorized for Authorization: ${auth}`, err_extra: { received: request.headers } } });
      case "json403":
        return json(403, { reply: { err_code: 403, err_msg: "Forbidden", err_extra: `headers were ${all}` } });
      case "json429":
        return json(429, { reply: { err_code: 429, err_msg: `Too many requests from ${auth}`, err_extra: null } });
      case "array400":
        return json(400, { reply: { err_code: 400, err_msg: "bad", err_extra: [{ type: "value_error", loc: ["authorization"], msg: `unexpected ${auth}`, input: auth }] } });
      case "iam400":
        return json(400, { data: { err_msg: `bad key ${auth}`, metadata: { err_code: 400, err_extra: auth } } });
      case "text500":
        response.writeHead(500, { "content-type": "text/plain" }).end(`upstream said: ${all}`);
        return;
      case "html":
        response.writeHead(200, { "content-type": "text/html" }).end(`<html><body>login as ${auth}</body></html>`);
        return;
    }
  });
});

afterAll(async () => {
  await server.close();
});

// Keys as the console issues them (alphanumeric), of any plausible length.
const keyArbitrary = fc.stringMatching(/^[A-Za-z0-9]{16,128}$/);

function everyRendering(value: unknown): string[] {
  const out = [inspect(value, { depth: 10 }), inspect(value, { depth: 10, showHidden: true }), JSON.stringify(value) ?? "", String(value)];
  if (value instanceof Error) {
    out.push(value.stack ?? "", value.message);
    let cause: unknown = value.cause;
    while (cause instanceof Error) {
      out.push(cause.message, cause.stack ?? "");
      cause = cause.cause;
    }
  }
  return out;
}

function makeClient(key: string, securityLevel: "standard" | "advanced", extra: Partial<ClientOptions> = {}): { client: CortexClient; lines: string[] } {
  const logger = recordingLogger();
  const client = new CortexClient({ baseUrl: server.url, apiKeyId: "42", apiKey: key, securityLevel, retry: { maxRetries: 0 }, rateLimit: false, logger, logLevel: "debug", env: {}, ...extra }, testInfo());
  return { client, lines: logger.lines };
}

describe("secrets are redacted by value (property tests: random keys × every error path × every rendering)", () => {
  it("an echoed key or signature never appears in the error, its stack, JSON, inspect, String, or the debug log", async () => {
    await fc.assert(
      fc.asyncProperty(keyArbitrary, fc.constantFrom<"standard" | "advanced">("standard", "advanced"), fc.constantFrom(...MODES), async (key, level, mode) => {
        const sent: string[] = [];
        const { client, lines } = makeClient(key, level);
        client.middleware.add(
          "spy",
          async (context, next) => {
            sent.push(context.request.headers["authorization"] ?? "");
            return next(context);
          },
          { before: "send" },
        );
        try {
          const error = await client.request("healthcheck", undefined, { headers: { "x-echo-mode": mode } }).then(
            () => undefined,
            (caught: unknown) => caught,
          );
          expect(isCortexError(error), mode).toBe(true);
          const logged = lines.join("\n");
          const texts = [...everyRendering(error), logged, ...everyRendering(client)];
          const secrets = [key, ...sent.filter((value) => value.length >= 8)];
          for (const text of texts) for (const secret of secrets) expect(text.includes(secret), `${mode}/${level}: leaked in ${text.slice(0, 200)}`).toBe(false);
        } finally {
          await client.close();
        }
      }),
      { numRuns: 60 },
    );
  });

  it("a client prints no key through console.log, util.inspect, JSON.stringify or String", () => {
    fc.assert(
      fc.property(keyArbitrary, (key) => {
        const { client } = makeClient(key, "advanced");
        for (const text of everyRendering(client)) expect(text).not.toContain(key);
        expect(JSON.parse(JSON.stringify(client))).toMatchObject({ keyId: "42", securityLevel: "advanced", baseUrl: server.url });
        // Derived clients too.
        for (const text of everyRendering(client.withOptions({ timeoutMs: 5_000 }))) expect(text).not.toContain(key);
      }),
      { numRuns: 50 },
    );
  });

  it("a key typed into the security level (option or environment) never lands in the configuration error", () => {
    fc.assert(
      fc.property(keyArbitrary, fc.boolean(), (key, viaEnv) => {
        let caught: unknown;
        try {
          new CortexClient(
            viaEnv
              ? { env: { CORTEX_API_BASE_URL: server.url, CORTEX_API_KEY_ID: "42", CORTEX_API_KEY: key, CORTEX_API_KEY_TYPE: key } }
              : { baseUrl: server.url, apiKeyId: "42", apiKey: key, securityLevel: key as "standard", env: {} },
            testInfo(),
          );
        } catch (error) {
          caught = error;
        }
        expect(isCortexError(caught)).toBe(true);
        for (const text of everyRendering(caught)) expect(text).not.toContain(key);
        expect((caught as Error).message).toMatch(/not shown: it looks like a key/);
      }),
      { numRuns: 50 },
    );
  });
});
