// The XSOAR lite client keeps every XSOAR behaviour through the XSOAR support it hands to the core (routings,
// XSOAR texts), which lite clients of other products do not carry: calls on XSOAR 6 and 8 over the emulator,
// the configuration errors, the operations a version does not serve, and the advice for wrong answers from a
// loopback server.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { RunningEmulator } from "@cortex-sdk/emulator";
import { CortexAuthenticationError, CortexClientCore, CortexConfigError, CortexConsoleUrlError, XSOAR_SUPPORT } from "@cortex-sdk/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startXsoarEmulator } from "./xsoar-emulator.js";
import { XsoarLiteClient } from "../src/generated/lite.js";
import { incidentsSearch, systemHealthcheck } from "../src/generated/operations.js";

let emulator: RunningEmulator;
let key8: { keyId: string; key: string };
let key6: { key: string };
let answers: Server;
let answersUrl: string;
// What the loopback server answers next: a status, headers and a body.
let nextAnswer: { status: number; headers: Record<string, string>; body: string } = { status: 200, headers: {}, body: "{}" };

beforeAll(async () => {
  ({ emulator, key8, key6 } = await startXsoarEmulator());
  answers = createServer((request, response) => {
    request.resume();
    request.on("end", () => response.writeHead(nextAnswer.status, nextAnswer.headers).end(nextAnswer.body));
  });
  await new Promise<void>((resolve) => answers.listen(0, "127.0.0.1", resolve));
  answersUrl = `http://127.0.0.1:${(answers.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => answers.close(resolve));
  await emulator.close();
});

const base = { rateLimit: false, logLevel: "off", env: {}, retry: { maxRetries: 0 } } as const;

describe("XsoarLiteClient", () => {
  it("calls XSOAR 8 (Cortex headers, /xsoar/public/v1) and XSOAR 6 (raw key, server root) over the emulator", async () => {
    const eight = new XsoarLiteClient({ ...base, baseUrl: emulator.url, apiKeyId: key8.keyId, apiKey: key8.key, securityLevel: "advanced", xsoarVersion: 8 });
    const six = new XsoarLiteClient({ ...base, baseUrl: emulator.url, apiKey: key6.key, xsoarVersion: 6 });
    try {
      expect(eight.config.routing).toBe(XSOAR_SUPPORT.routing(8));
      expect(six.config.routing).toBe(XSOAR_SUPPORT.routing(6));
      expect(six.config.routing.auth).toBe("xsoar6");
      // The routing carries the support, out of sight of JSON and inspect.
      expect(six.config.routing.xsoar).toBe(XSOAR_SUPPORT);
      expect(Object.keys(six.config.routing)).not.toContain("xsoar");
      expect(JSON.stringify(six.config)).not.toContain("XSOAR 6 keys");
      const found8 = await incidentsSearch(eight, { filter: { size: 2 } }).withResponse();
      const found6 = await incidentsSearch(six, { filter: { size: 2 } }).withResponse();
      expect(found8.response.status).toBe(200);
      expect(found6.response.status).toBe(200);
      // Its derived clients keep the support.
      const derived = six.withOptions({ timeoutMs: 5_000 });
      expect((await incidentsSearch(derived, { filter: { size: 1 } }).withResponse()).response.status).toBe(200);
      await derived.close();
    } finally {
      await eight.close();
      await six.close();
    }
  });

  it("names the missing XSOAR version and refuses an advanced XSOAR 6 key", () => {
    expect(() => new XsoarLiteClient({ ...base, baseUrl: emulator.url, apiKeyId: key8.keyId, apiKey: key8.key, securityLevel: "advanced" })).toThrow(/the XSOAR version \(`xsoarVersion` or CORTEX_XSOAR_VERSION/);
    const advanced6 = (): XsoarLiteClient => new XsoarLiteClient({ ...base, baseUrl: emulator.url, apiKey: key6.key, securityLevel: "advanced", xsoarVersion: 6 });
    expect(advanced6).toThrow(CortexConfigError);
    expect(advanced6).toThrow(/XSOAR 6 keys are sent as they are and cannot be advanced keys \(security level from option securityLevel\)/);
  });

  it("refuses an operation the XSOAR version does not serve, before sending", async () => {
    const six = new XsoarLiteClient({ ...base, baseUrl: emulator.url, apiKey: key6.key, xsoarVersion: 6 });
    try {
      const refused = await systemHealthcheck(six).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(CortexConfigError);
      expect((refused as Error).message).toBe("healthcheck is not served by XSOAR 6 (only by XSOAR 8).");
    } finally {
      await six.close();
    }
  });

  it("explains a redirect or an HTML page by the XSOAR version, and a gateway's 401 to an XSOAR 6 key", async () => {
    const six = new XsoarLiteClient({ ...base, baseUrl: answersUrl, apiKey: key6.key, xsoarVersion: 6 });
    const eight = new XsoarLiteClient({ ...base, baseUrl: answersUrl, apiKeyId: key8.keyId, apiKey: key8.key, securityLevel: "standard", xsoarVersion: 8 });
    try {
      nextAnswer = { status: 302, headers: { location: `${answersUrl}/login` }, body: "" };
      const redirected = await incidentsSearch(six, {}).catch((error: unknown) => error);
      expect(redirected).toBeInstanceOf(CortexConsoleUrlError);
      expect((redirected as Error).message).toContain("the base URL is not the XSOAR 6 server's API root, or the server is an XSOAR 8 tenant");
      nextAnswer = { status: 200, headers: { "content-type": "text/html" }, body: "<!doctype html><html></html>" };
      const page = await incidentsSearch(eight, {}).catch((error: unknown) => error);
      expect(page).toBeInstanceOf(CortexConsoleUrlError);
      expect((page as Error).message).toContain("the server is an XSOAR 6 server (then set xsoarVersion to 6), or the route is not part of the XSOAR 8 public API");
      nextAnswer = { status: 401, headers: { "content-type": "application/json" }, body: JSON.stringify({ reply: { err_code: 401, err_msg: "Public API request unauthorized" } }) };
      const rejected = await incidentsSearch(six, {}).catch((error: unknown) => error);
      expect(rejected).toBeInstanceOf(CortexAuthenticationError);
      expect((rejected as CortexAuthenticationError).likelyCause).toBe("wrong_header");
      expect((rejected as Error).message).toContain("this looks like a Cortex gateway (XSOAR 8 or another Cortex product), which needs the key id and Cortex headers");
    } finally {
      await six.close();
      await eight.close();
    }
  });

  it("is the only lite way to XSOAR: a CortexClientCore for XSOAR without the support is refused", () => {
    const make = (): CortexClientCore => new CortexClientCore({ ...base, baseUrl: emulator.url, apiKey: key6.key, xsoarVersion: 6 }, { product: "xsoar", clientName: "bare", clientVersion: "0", operations: [] });
    expect(make).toThrow(CortexConfigError);
    expect(make).toThrow(/The bare client is for XSOAR: give it xsoarSupport/);
  });
});
