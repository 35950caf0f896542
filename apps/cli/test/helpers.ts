import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startEmulator, type RunningEmulator } from "@cortex-sdk/emulator";
import { run } from "../src/main.js";

export const BIN = fileURLToPath(new URL("../dist/bin.js", import.meta.url));

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs cxctl in this process (the `run` behind the binary) with only the given environment (and
 * optional stdin), capturing stdout and stderr. Starting a Node process per command made the suite slow
 * and machine-dependent; binary.test.ts checks the binary itself with {@link cxctlBinary}.
 */
export async function cxctl(args: readonly string[], env: Record<string, string> = {}, input?: string): Promise<RunResult> {
  let stdout = "";
  let stderr = "";
  const stdin = {
    isTTY: false,
    async *[Symbol.asyncIterator](): AsyncGenerator<string> {
      if (input !== undefined && input !== "") yield input;
    },
  };
  const code = await run(args, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env: { PATH: process.env["PATH"] ?? "", NO_COLOR: "1", ...env },
    stdin,
  });
  return { code, stdout, stderr };
}

/** Runs the built cxctl binary as a subprocess with only the given environment (and optional stdin). */
export function cxctlBinary(args: readonly string[], env: Record<string, string> = {}, input?: string): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [BIN, ...args], { env: { PATH: process.env["PATH"] ?? "", NO_COLOR: "1", ...env }, timeout: 30_000 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === "number" ? error.code : 1;
      resolve({ code, stdout, stderr });
    });
    child.stdin?.end(input ?? "");
  });
}

/** A started emulator (no rate limit) and the environment of each product's bootstrap key. */
export interface Fixture {
  readonly emulator: RunningEmulator;
  readonly home: string;
  /** Connection environment for a product's bootstrap key (xdr, xsiam, xsoar8, xpanse, cloud), with a temp HOME. */
  env(product: string): Record<string, string>;
  close(): Promise<void>;
}

export async function fixture(options: Parameters<typeof startEmulator>[0] = {}): Promise<Fixture> {
  const emulator = await startEmulator({ port: 0, rateLimits: { perSecond: null }, ...options });
  const home = await mkdtemp(join(tmpdir(), "cxctl-test-"));
  return {
    emulator,
    home,
    env(product: string) {
      const key = emulator.bootstrapKeys.find((candidate) => candidate.product === product);
      if (key === undefined) throw new Error(`no bootstrap key for ${product}`);
      return {
        HOME: home,
        XDG_CONFIG_HOME: join(home, ".config"),
        CORTEX_API_BASE_URL: emulator.url,
        CORTEX_API_KEY_ID: key.keyId,
        CORTEX_API_KEY: key.key,
        CORTEX_API_KEY_TYPE: key.securityLevel,
        ...(product === "xsoar8" ? { CORTEX_XSOAR_VERSION: "8" } : {}),
      };
    },
    async close() {
      await emulator.close();
      await rm(home, { recursive: true, force: true });
    },
  };
}

/** Only HOME and XDG_CONFIG_HOME of an environment (profile tests). */
export function homeOnly(env: Record<string, string>): Record<string, string> {
  return { HOME: env["HOME"] ?? "", XDG_CONFIG_HOME: env["XDG_CONFIG_HOME"] ?? "" };
}
