import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const BIN = fileURLToPath(new URL("../dist/bin.js", import.meta.url));
const HEALTH = "/public_api/v1/healthcheck";

interface StartupInfo {
  readonly url: string;
  readonly tenants: readonly { tenantId: string; product: string }[];
  readonly bootstrapKeys: readonly { tenantId: string; product: string; keyId: string; key: string; securityLevel: string; authScheme: string }[];
}

interface Started {
  readonly child: ChildProcessWithoutNullStreams;
  readonly info: StartupInfo;
  readonly exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

/** Spawns `cxctl emulator start` and reads its first stdout line. */
function start(args: readonly string[]): Promise<Started> {
  const child = spawn(process.execPath, [BIN, "emulator", "start", ...args], { env: { PATH: process.env["PATH"] ?? "", NO_COLOR: "1" } });
  let stdout = "";
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal, stderr })),
  );
  return new Promise((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      const newline = stdout.indexOf("\n");
      if (newline !== -1) resolve({ child, info: JSON.parse(stdout.slice(0, newline)) as StartupInfo, exit });
    });
    void exit.then(({ code }) => reject(new Error(`cxctl exited (${code}) before printing: ${stderr}`)));
  });
}

/** Runs `cxctl emulator start` expecting it to exit on its own (usage errors). */
function runToExit(args: readonly string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, "emulator", "start", ...args], { env: { PATH: process.env["PATH"] ?? "" } });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** Signs as the vendor's Python sample does (second-granular timestamp). */
function signed(keyId: string, key: string): Record<string, string> {
  const nonce = [...randomBytes(64)].map((byte) => ALPHANUMERIC.charAt(byte % ALPHANUMERIC.length)).join("");
  const timestamp = String(Math.floor(Date.now() / 1000) * 1000);
  const authorization = createHash("sha256").update(key + nonce + timestamp).digest("hex");
  return { "x-xdr-auth-id": keyId, "x-xdr-nonce": nonce, "x-xdr-timestamp": timestamp, Authorization: authorization };
}

function health(info: StartupInfo, index = 0): Promise<Response> {
  const key = info.bootstrapKeys[index];
  if (key === undefined) throw new Error("no bootstrap key");
  return fetch(info.url + HEALTH, { headers: signed(key.keyId, key.key) });
}

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "cxctl-emulator-"));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("cxctl emulator start (built binary)", () => {
  it("prints the URL and bootstrap keys as JSON, serves signed requests, and exits 0 on SIGINT", { timeout: 90_000 }, async () => {
    const { child, info, exit } = await start(["--output", "json", "--port", "0", "--seed", "5"]);
    expect(info.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(info.tenants.map((tenant) => tenant.product)).toEqual(["xdr", "xsiam", "xsoar6", "xsoar8", "xpanse", "cloud", "xsiam"]);
    expect(info.bootstrapKeys[0]).toMatchObject({ tenantId: "tenant-xdr-1", keyId: "1", securityLevel: "advanced", authScheme: "cortex" });
    const reply = await health(info);
    expect(reply.status).toBe(200);
    expect(await reply.json()).toEqual({ status: "available" });
    child.kill("SIGINT");
    const ended = await exit;
    expect(ended.code).toBe(0);
    expect(ended.stderr).toMatch(/SIGINT received/);
    expect(ended.stderr).toMatch(/emulator stopped/);
    await expect(fetch(info.url + HEALTH)).rejects.toThrow();
  });

  it("exits 0 on SIGTERM too, and applies flags: fault plan from @file, data directory, rate limit", { timeout: 90_000 }, async () => {
    const plan = join(root, "plan.json");
    await writeFile(plan, JSON.stringify({ faults: [{ path: HEALTH, on: [1], fault: { kind: "status", status: 503 } }] }));
    const dataDir = join(root, "state");
    const first = await start(["--output", "json", "--fault-plan", `@${plan}`, "--data-dir", dataDir, "--rate-limit", "vendor"]);
    expect((await health(first.info)).status).toBe(503);
    expect((await health(first.info)).status).toBe(200);
    const statuses = await Promise.all(Array.from({ length: 12 }, () => health(first.info).then((r) => r.status)));
    expect(statuses).toContain(429);
    first.child.kill("SIGTERM");
    expect((await first.exit).code).toBe(0);
    // Same data directory: same keys after a restart.
    const second = await start(["--output", "json", "--data-dir", dataDir]);
    try {
      expect(second.info.bootstrapKeys).toEqual(first.info.bootstrapKeys);
      expect((await health(second.info)).status).toBe(200);
    } finally {
      second.child.kill("SIGTERM");
      expect((await second.exit).code).toBe(0);
    }
  });

  it("prints a table with every key in full when asked", { timeout: 90_000 }, async () => {
    const child = spawn(process.execPath, [BIN, "emulator", "start", "--output", "table"], { env: { PATH: process.env["PATH"] ?? "" } });
    let stdout = "";
    await new Promise<void>((resolve) => {
      child.stdout.on("data", (chunk: Buffer) => {
        stdout += chunk.toString();
        if (stdout.includes("Press Ctrl-C")) resolve();
      });
    });
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    child.kill("SIGINT");
    expect(await exited).toBe(0);
    expect(stdout).toMatch(/^Cortex emulator listening on http:\/\/127\.0\.0\.1:\d+/);
    expect(stdout).toMatch(/TENANT\s+PRODUCT\s+PARENT\s+KEY ID\s+LEVEL\s+KEY/);
    expect(stdout).toMatch(/tenant-xdr-1\s+xdr\s+-\s+1\s+advanced\s+[A-Za-z0-9]{128}\n/);
    expect(stdout).toMatch(/tenant-xsoar6-1\s+xsoar6\s+-\s+-\s+standard\s+[0-9A-F]{32}\n/);
  });

  it("exits 2 on invalid flags without starting", { timeout: 90_000 }, async () => {
    for (const args of [["--rate-limit", "fast"], ["--port", "70000"], ["--fault-plan", '[{"fault": {"kind": "explode"}}]'], ["--fault-plan", "@/no/such/file.json"], ["--scale", "huge"]]) {
      const result = await runToExit(args);
      expect([args, result.code]).toEqual([args, 2]);
    }
    const plan = await runToExit(["--fault-plan", '[{"fault": {"kind": "explode"}}]']);
    expect(plan.stderr).toMatch(/--fault-plan\[0\]\.fault\.kind must be one of/);
  });
});
