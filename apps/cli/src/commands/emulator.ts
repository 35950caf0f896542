/**
 * `cxctl emulator start`: runs a local emulated Cortex tenant (every product, one URL) until SIGINT or
 * SIGTERM, printing the URL and the bootstrap keys. The flags mirror `startEmulator`'s options.
 *
 * @module
 */
import { readFileSync } from "node:fs";
import type { EmulatorOptions, FaultRule, RunningEmulator } from "@cortex-sdk/emulator";
import { Command, Option } from "commander";
import { globalFlags } from "../connection.js";
import type { CliIo } from "../io.js";
import { UsageError } from "../output.js";

interface StartFlags {
  readonly port: string;
  readonly host: string;
  readonly seed?: string;
  readonly scale?: "small" | "large";
  readonly incidents?: string;
  readonly clockOffset?: string;
  readonly authWindow?: string;
  readonly rateLimit?: string;
  readonly retryAfter?: boolean;
  readonly dataDir?: string;
  readonly faultPlan?: string;
  readonly nonceCacheMax?: string;
  readonly unknownRoute?: "404" | "500";
  readonly output?: "table" | "json";
}

/** The vendor's documented rate: 10 requests a second per tenant. */
const VENDOR_RATE = 10;

function integer(flag: string, text: string, min: number, max: number = Number.MAX_SAFE_INTEGER): number {
  const value = Number(text);
  if (!/^-?\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new UsageError(`${flag} must be an integer between ${min} and ${max}; got "${text}".`);
  }
  return value;
}

/**
 * Reads a fault plan given as JSON or as `@path` to a JSON file: a list of rules, or `{"faults": [...]}`.
 *
 * @param text - The flag value.
 * @returns The validated rules.
 * @throws {@link UsageError} when the file cannot be read or the plan is invalid.
 */
export function parseFaultPlan(text: string, validateFaultPlan: (rules: unknown, where: string) => FaultRule[]): FaultRule[] {
  let json = text;
  if (text.startsWith("@")) {
    try {
      json = readFileSync(text.slice(1), "utf8");
    } catch (error) {
      throw new UsageError(`--fault-plan: cannot read ${text.slice(1)}: ${(error as Error).message}`);
    }
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new UsageError("--fault-plan must be JSON (a list of rules, or {\"faults\": [...]}) or @file.");
  }
  const rules = typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? (parsed as { faults?: unknown }).faults : parsed;
  try {
    return validateFaultPlan(rules, "--fault-plan");
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function rateLimit(text: string): number | null {
  if (text === "off") return null;
  if (text === "vendor") return VENDOR_RATE;
  return integer("--rate-limit", text, 1, 1_000_000);
}

/**
 * Builds emulator options from the flags.
 *
 * @param flags - Parsed flags.
 * @param validateFaultPlan - The emulator's fault plan validator.
 * @returns Options for `startEmulator`.
 */
export function emulatorOptionsFrom(flags: StartFlags, validateFaultPlan: (rules: unknown, where: string) => FaultRule[]): EmulatorOptions {
  return {
    port: integer("--port", flags.port, 0, 65_535),
    host: flags.host,
    ...(flags.seed === undefined ? {} : { seed: integer("--seed", flags.seed, Number.MIN_SAFE_INTEGER) }),
    ...(flags.scale === undefined ? {} : { scale: flags.scale }),
    ...(flags.incidents === undefined ? {} : { incidentCount: integer("--incidents", flags.incidents, 0, 100_000) }),
    ...(flags.clockOffset === undefined ? {} : { clockOffsetMs: integer("--clock-offset", flags.clockOffset, Number.MIN_SAFE_INTEGER) }),
    ...(flags.authWindow === undefined ? {} : { authWindowMs: integer("--auth-window", flags.authWindow, 1) }),
    ...(flags.rateLimit === undefined && flags.retryAfter !== true
      ? {}
      : {
          rateLimits: {
            ...(flags.rateLimit === undefined ? {} : { perSecond: rateLimit(flags.rateLimit) }),
            ...(flags.retryAfter === true ? { retryAfter: true } : {}),
          },
        }),
    ...(flags.dataDir === undefined ? {} : { dataDir: flags.dataDir }),
    ...(flags.faultPlan === undefined ? {} : { faults: parseFaultPlan(flags.faultPlan, validateFaultPlan) }),
    ...(flags.nonceCacheMax === undefined ? {} : { nonceCache: { maxEntries: integer("--nonce-cache-max", flags.nonceCacheMax, 1) } }),
    ...(flags.unknownRoute === undefined ? {} : { unknowns: { unknownRoute: flags.unknownRoute === "404" ? 404 : 500 } }),
  };
}

/** What `--output json` prints: one line, so scripts can read it before the emulator stops. */
function startupInfo(emulator: RunningEmulator): unknown {
  return { url: emulator.url, tenants: emulator.tenants, bootstrapKeys: emulator.bootstrapKeys };
}

function table(emulator: RunningEmulator): string {
  const rows = emulator.bootstrapKeys.map((key) => {
    const tenant = emulator.tenants.find((candidate) => candidate.tenantId === key.tenantId);
    return [key.tenantId, key.product, tenant?.parentTenantId ?? "-", key.authScheme === "xsoar6" ? "-" : key.keyId, key.securityLevel, key.key];
  });
  const header = ["TENANT", "PRODUCT", "PARENT", "KEY ID", "LEVEL", "KEY"];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? "").length)));
  const line = (cells: readonly string[]): string => cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join("  ").trimEnd();
  return [
    `Cortex emulator listening on ${emulator.url}`,
    "",
    line(header),
    ...rows.map(line),
    "",
    "Cortex keys: send x-xdr-auth-id and Authorization (advanced: signed with x-xdr-nonce and x-xdr-timestamp).",
    "XSOAR 6 keys: send only Authorization. Press Ctrl-C to stop.",
    "",
  ].join("\n");
}

/** Resolves on the first SIGINT or SIGTERM. */
function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals): void => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve(signal);
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}

/**
 * Builds `cxctl emulator`.
 *
 * @param io - The run's streams and environment.
 * @returns The command.
 */
export function emulatorCommand(io: CliIo): Command {
  const emulator = new Command("emulator").description("run a local emulated Cortex tenant (XDR, XSIAM, XSOAR 6/8, Xpanse, Cloud)");
  emulator
    .command("start")
    .description("start the emulator and run until Ctrl-C (SIGINT) or SIGTERM; prints the URL and the bootstrap keys")
    .option("--port <n>", "TCP port; 0 picks a free one", "0")
    .option("--host <address>", "interface to bind", "127.0.0.1")
    .option("--seed <n>", "seed of the generated data and fault probabilities (default 1)")
    .addOption(new Option("--scale <scale>", "seeded data size per tenant").choices(["small", "large"]))
    .option("--incidents <n>", "seeded incidents per tenant (overrides --scale)")
    .option("--clock-offset <ms>", "run the emulator clock this far from the local clock")
    .option("--auth-window <ms>", "accepted advanced-key timestamp distance (default 300000)")
    .option("--rate-limit <n|vendor|off>", "requests per second per tenant; vendor = 10 (the default), off = no limit")
    .option("--retry-after", "send Retry-After with 429 answers")
    .option("--data-dir <path>", "keep state (keys included) in this directory across restarts")
    .option("--fault-plan <json|@file>", "fault rules as JSON, or @path to a JSON file")
    .option("--nonce-cache-max <n>", "hard cap on remembered nonces (default 250000)")
    .addOption(new Option("--unknown-route <status>", "status for unknown routes (default 500)").choices(["404", "500"]))
    .addHelpText(
      "after",
      '\nExamples:\n  cxctl emulator start --port 8443 --seed 7\n  cxctl emulator start --output json --data-dir .emulator --fault-plan \'[{"path": "/public_api/v1/healthcheck", "on": [1], "fault": {"kind": "status", "status": 503}}]\'',
    )
    .addHelpText("after", "\nWith the global --output: table, or json for one JSON line that scripts can read.")
    .action(async (_own: StartFlags, self: Command) => {
      const flags = globalFlags(self) as unknown as StartFlags;
      if (flags.output !== undefined && flags.output !== "table" && flags.output !== "json") throw new UsageError(`emulator start: --output must be table or json; got "${flags.output}".`);
      const { startEmulator, validateFaultPlan } = await import("@cortex-sdk/emulator");
      const options = emulatorOptionsFrom(flags, validateFaultPlan);
      const format = flags.output ?? (io.stdout.isTTY === true ? "table" : "json");
      let running: RunningEmulator;
      try {
        running = await startEmulator(options);
      } catch (error) {
        if (error instanceof RangeError || error instanceof TypeError) throw new UsageError(error.message);
        throw error;
      }
      // Listen for signals before announcing the URL: a script may signal as soon as it reads it.
      const stopped = untilSignal();
      try {
        io.stdout.write(format === "json" ? `${JSON.stringify(startupInfo(running))}\n` : table(running));
        const signal = await stopped;
        io.stderr.write(`cxctl: ${signal} received, stopping the emulator\n`);
      } finally {
        await running.close();
      }
      io.stderr.write("cxctl: emulator stopped\n");
    });
  return emulator;
}
