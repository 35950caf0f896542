import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { startEmulator, type RunningEmulator } from "@cortex-sdk/emulator";
import { CortexAuthenticationError, CortexClient, CortexClientCore, CortexConfigError } from "@cortex-sdk/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { XdrClient } from "../src/index.js";
import { XdrLiteClient } from "../src/generated/lite.js";
import { incidentsList, systemHealthcheck } from "../src/generated/operations.js";

/** bench/bundle-size.mjs: the exact program the benchmark measures, and its bundler. */
interface BundleBench {
  readonly ONE_CALL_SCRIPT: string;
  bundle(script: string, options: { outfile: string }): Promise<{ readonly gzipBytes: number }>;
}

let emulator: RunningEmulator;
let keyId: string | number;
let key: string;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, seed: 3, incidentCount: 42 });
  const bootstrap = emulator.bootstrapKeys[0];
  if (bootstrap === undefined) throw new Error("no bootstrap key");
  keyId = bootstrap.keyId;
  key = bootstrap.key;
});

afterAll(async () => {
  await emulator.close();
});

function lite(): XdrLiteClient {
  return new XdrLiteClient({ baseUrl: emulator.url, apiKeyId: keyId, apiKey: key, securityLevel: "advanced", logLevel: "off", env: {} });
}

describe("XdrLiteClient and the per-operation functions against the emulator over loopback", () => {
  it("lists incidents like the namespace client, and pages through them", async () => {
    const client = lite();
    const full = new XdrClient({ baseUrl: emulator.url, apiKeyId: keyId, apiKey: key, securityLevel: "advanced", logLevel: "off", env: {} });
    try {
      const { data, response } = await incidentsList(client, { search_to: 5 }).withResponse();
      expect(data.incidents).toHaveLength(5);
      expect(data.total_count).toBe(42);
      expect(response.operationId).toBe("incidents.get_incidents");
      expect(data).toEqual(await full.incidents.list({ search_to: 5 }));
      const ids: unknown[] = [];
      for await (const incident of incidentsList(client, {}, { pageSize: 10 })) ids.push(incident.incident_id);
      expect(new Set(ids).size).toBe(42);
      // The functions take the namespace client too.
      expect((await incidentsList(full, { search_to: 1 })).incidents).toHaveLength(1);
    } finally {
      await client.close();
      await full.close();
    }
  });

  it("signs each call: a wrong key gets the typed authentication error, which never shows the key", async () => {
    const wrongKey = "W".repeat(64);
    const client = new XdrLiteClient({ baseUrl: emulator.url, apiKeyId: keyId, apiKey: wrongKey, securityLevel: "advanced", logLevel: "off", env: {} });
    try {
      const error = await incidentsList(client, { search_to: 1 }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(CortexAuthenticationError);
      expect((error as CortexAuthenticationError).operationId).toBe("incidents.get_incidents");
      expect(JSON.stringify(error) + String(error) + String((error as Error).stack)).not.toContain(wrongKey);
    } finally {
      await client.close();
    }
  });

  it("has no table: calls by id and request validation are refused with a clear error", async () => {
    const client = lite();
    try {
      await expect(client.request("incidents.get_incidents", {})).rejects.toThrow(CortexConfigError);
      await expect(systemHealthcheck(client, { validateRequests: true } as never)).rejects.toThrow(/no request validators/);
      expect(() => new XdrLiteClient({ baseUrl: emulator.url, apiKeyId: keyId, apiKey: key, env: {}, validateRequests: true })).toThrow(CortexConfigError);
      expect(JSON.stringify(client)).not.toContain(key);
    } finally {
      await client.close();
    }
  });

  it("refuses the key expiry watch (it cannot look its key up); the product client delivers the notice", async () => {
    const notices: string[] = [];
    const keyExpiry = { knownExpiration: Date.parse("2030-01-02T00:00:00Z"), now: () => Date.parse("2030-01-01T00:00:00Z"), onNotice: (event: { notice: string }) => notices.push(event.notice) };
    expect(() => new XdrLiteClient({ baseUrl: emulator.url, apiKeyId: keyId, apiKey: key, securityLevel: "advanced", env: {}, keyExpiry })).toThrow(/keyExpiry: the xdr-lite client holds no operation table/);
    const full = new XdrClient({ baseUrl: emulator.url, apiKeyId: keyId, apiKey: key, securityLevel: "advanced", logLevel: "off", env: {}, keyExpiry });
    try {
      await systemHealthcheck(full);
      await systemHealthcheck(full);
      expect(notices).toEqual(["one_day"]);
    } finally {
      await full.close();
    }
  });

  it("is the call-sending core without what only the full client adds; its derived clients stay lite", async () => {
    const client = lite();
    const derived = client.withOptions({ timeoutMs: 5_000 });
    try {
      expect(client).toBeInstanceOf(CortexClientCore);
      expect(client).not.toBeInstanceOf(CortexClient);
      expect("streamNdjson" in client || "withXqlSlot" in client).toBe(false);
      expect(derived).toBeInstanceOf(CortexClientCore);
      expect(derived.config.timeoutMs).toBe(5_000);
      expect((await systemHealthcheck(derived)).status).toBeDefined();
    } finally {
      await derived.close();
      await client.close();
    }
  });

  it("namespaces of the full client are built on first use, once, and are not own properties", () => {
    const full = new XdrClient({ baseUrl: emulator.url, apiKeyId: keyId, apiKey: key, securityLevel: "advanced", logLevel: "off", env: {} });
    expect(Object.keys(full)).not.toContain("incidents");
    const incidents = full.incidents;
    expect(full.incidents).toBe(incidents);
    expect(typeof incidents.list).toBe("function");
    expect(full.forTenant({ childTenantId: "child-1" }).incidents).not.toBe(incidents);
    expect(Object.keys(full)).not.toContain("incidents");
    expect(() => {
      (full as unknown as { incidents: unknown }).incidents = {};
    }).toThrow(TypeError);
  });

  it("the bundled one-call program runs against the emulator (undici external)", async () => {
    const folder = mkdtempSync(join(tmpdir(), "cortex-one-call-"));
    try {
      const outfile = join(folder, "one-call.mjs");
      const bench = (await import(new URL("../../../bench/bundle-size.mjs", import.meta.url).href)) as BundleBench;
      const { gzipBytes } = await bench.bundle(bench.ONE_CALL_SCRIPT, { outfile });
      expect(gzipBytes).toBeGreaterThan(0);
      // It carries what an XDR call may show (the advice on a rejected key), not what only XSOAR clients or
      // readers of the reply rules' reasons need.
      const program = readFileSync(outfile, "utf8");
      expect(program).toContain("this machine's clock is off");
      for (const absent of ["XSOAR 6 keys are sent as they are", "the base URL is not the XSOAR 6 server's API root", "this looks like a Cortex gateway", "is not served by XSOAR", "xsoar/public/v1", "recorded replies", "globalThis.crypto.getRandomValues"]) {
        expect(program).not.toContain(absent);
      }
      // The application installs undici next to the bundle.
      const undici = dirname(createRequire(join(realpathSync(join(import.meta.dirname, "../../core")), "package.json")).resolve("undici/package.json"));
      mkdirSync(join(folder, "node_modules"));
      symlinkSync(undici, join(folder, "node_modules", "undici"), "dir");
      const env = { PATH: process.env["PATH"] ?? "", CORTEX_API_BASE_URL: emulator.url, CORTEX_API_KEY_ID: String(keyId), CORTEX_API_KEY: key, CORTEX_API_KEY_TYPE: "advanced" };
      const { stdout } = await promisify(execFile)(process.execPath, [outfile], { env, cwd: folder });
      expect(JSON.parse(stdout)).toEqual({ incidents: 10, total: 42 });
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
