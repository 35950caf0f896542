import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { startEmulator, type RunningEmulator } from "@cortex-sdk/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const BIN = fileURLToPath(new URL("../dist/bin.js", import.meta.url));
let emulator: RunningEmulator;
let adminEnv: Record<string, string>;

interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built cxctl binary as a subprocess with only the given environment. */
function cxctl(args: readonly string[], env: Record<string, string> = {}): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { PATH: process.env["PATH"] ?? "", NO_COLOR: "1", ...env }, timeout: 30_000 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === "number" ? error.code : 1;
      resolve({ code, stdout, stderr });
    });
  });
}

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, incidentCount: 30 });
  const admin = emulator.bootstrapKeys[0];
  if (admin === undefined) throw new Error("no bootstrap key");
  adminEnv = { CORTEX_API_BASE_URL: emulator.url, CORTEX_API_KEY_ID: admin.keyId, CORTEX_API_KEY: admin.key, CORTEX_API_KEY_TYPE: admin.securityLevel };
});

afterAll(async () => {
  await emulator.close();
});

describe("cxctl (built binary) against the emulator", () => {
  it("lists incidents as JSON by default when stdout is not a terminal", async () => {
    const result = await cxctl(["xdr", "incidents", "list", "--limit", "7"], adminEnv);
    expect(result.code, result.stderr).toBe(0);
    const incidents = JSON.parse(result.stdout) as { incident_id: string }[];
    expect(incidents).toHaveLength(7);
  });

  it("follows pagination with --all and streams NDJSON", async () => {
    const result = await cxctl(["xdr", "incidents", "list", "--all", "--output", "ndjson"], adminEnv);
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.trim().split("\n");
    expect(lines).toHaveLength(30);
    expect(new Set(lines.map((line) => (JSON.parse(line) as { incident_id: string }).incident_id)).size).toBe(30);
  });

  it("prints a table with --output table", async () => {
    const result = await cxctl(["xdr", "incidents", "list", "--limit", "3", "--output", "table", "--status", "new"], adminEnv);
    expect(result.code, result.stderr).toBe(0);
    const [header, ...rows] = result.stdout.trimEnd().split("\n");
    expect(header).toMatch(/^ID\s+SEVERITY\s+STATUS\s+CREATED\s+NAME$/);
    expect(rows.length).toBeLessThanOrEqual(3);
    for (const row of rows) expect(row).toMatch(/\bnew\b/);
  });

  it("generates a key with flags, and the new key works", async () => {
    const generated = await cxctl(["keys", "generate", "--role", "Investigator", "--level", "standard", "--expires", "2d", "--output", "json"], adminEnv);
    expect(generated.code, generated.stderr).toBe(0);
    const key = JSON.parse(generated.stdout) as { id: number; key: string; security_level: string };
    expect(key.security_level).toBe("standard");
    const listed = await cxctl(["xdr", "incidents", "list", "--limit", "1", "--base-url", emulator.url, "--key-id", String(key.id), "--key", key.key, "--key-type", "standard"]);
    expect(listed.code, listed.stderr).toBe(0);
  });

  it("refuses an expiry past six months before sending anything", async () => {
    const result = await cxctl(["keys", "generate", "--role", "Viewer", "--expires", "200d"], adminEnv);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/more than six months/);
  });

  it("exits 4 with a clear message for a bad key, without printing the key", async () => {
    const badKey = "B".repeat(128);
    const result = await cxctl(["xdr", "incidents", "list"], { ...adminEnv, CORTEX_API_KEY: badKey });
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/authentication failed \(HTTP 401\)/);
    expect(result.stderr + result.stdout).not.toContain(badKey);
  });

  it("exits 5 when the key's role lacks the permission", async () => {
    const generated = await cxctl(["keys", "generate", "--role", "Viewer", "--output", "json"], adminEnv);
    const viewer = JSON.parse(generated.stdout) as { id: number; key: string };
    const result = await cxctl(["keys", "generate", "--role", "Viewer"], { ...adminEnv, CORTEX_API_KEY_ID: String(viewer.id), CORTEX_API_KEY: viewer.key });
    expect(result.code).toBe(5);
    expect(result.stderr).toMatch(/403/);
  });

  it("exits 3 and names what is missing when not configured", async () => {
    const result = await cxctl(["xdr", "incidents", "list"], { CORTEX_API_BASE_URL: emulator.url });
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/CORTEX_API_KEY_ID/);
    expect(result.stderr).toMatch(/CORTEX_API_KEY_TYPE/);
  });

  it("exits 8 when the tenant cannot be reached", async () => {
    const result = await cxctl(["xdr", "incidents", "list"], { ...adminEnv, CORTEX_API_BASE_URL: "http://127.0.0.1:1" });
    expect(result.code).toBe(8);
    expect(result.stderr).toMatch(/could not reach 127\.0\.0\.1:1/);
  });

  it("exits 2 on a usage mistake and 0 on --help, which lists exit codes and an example", async () => {
    expect((await cxctl(["xdr", "incidents", "list", "--output", "xml"], adminEnv)).code).toBe(2);
    expect((await cxctl(["nonsense"])).code).toBe(2);
    const help = await cxctl(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Exit codes:/);
    expect(help.stdout).toMatch(/Example:/);
    const subHelp = await cxctl(["keys", "generate", "--help"]);
    expect(subHelp.stdout).toMatch(/Example:\n\s+cxctl keys generate/);
  });

  it("runs the demo: a key generated and incidents listed over loopback", async () => {
    const result = await cxctl(["demo"]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Started a local Cortex XDR tenant at http:\/\/127\.0\.0\.1:\d+/);
    expect(result.stdout).toMatch(/new key: id \d+, advanced/);
    expect(result.stdout).toMatch(/ID\s+SEVERITY\s+STATUS/);
    expect(result.stdout).toMatch(/5 incidents/);
  });
});
