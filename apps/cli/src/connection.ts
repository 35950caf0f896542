/**
 * Global connection flags (every tenant command), turned into client options, and the lazy loading of
 * product clients: a product client is imported only when a command needs it, so `cxctl --help` stays fast.
 * Flags win over the CORTEX_API_* environment variables, which win over the profile (`--profile`,
 * `CORTEX_PROFILE`, else the profile file's default).
 *
 * @module
 */
import { readFileSync } from "node:fs";
import type { ClientManifest, ClientOptions, CortexClient, Logger } from "@cortex-sdk/core";
import type { Command } from "commander";
import { PRODUCTS, PRODUCT_TITLES as VENDOR_TITLES, type Product } from "@cortex-sdk/schemas-base/products";
import { readAllStdin, type CliIo } from "./io.js";
import { UsageError } from "./output.js";
import { styleFor } from "./style.js";

/** Products with a client (the one list, from `@cortex-sdk/schemas-base/products`). */
export { PRODUCTS };
export type { Product };

/** What each product is, for help. */
export const PRODUCT_TITLES: Readonly<Record<Product, string>> = {
  ...VENDOR_TITLES,
  xsoar: `${VENDOR_TITLES.xsoar} 6 and 8 (needs --xsoar-version or the profile's)`,
};

/** Values of the global flags. */
export interface GlobalFlags {
  readonly profile?: string;
  readonly baseUrl?: string;
  readonly keyId?: string;
  readonly key?: string;
  readonly keyType?: string;
  readonly xsoarVersion?: string;
  readonly insecure?: boolean;
  readonly caFile?: string;
  readonly proxy?: string;
  readonly timeout?: string;
  readonly verbose?: boolean;
  readonly logLevel?: string;
  readonly output?: string;
  readonly quiet?: boolean;
  readonly childTenant?: string;
  readonly expiryNotice?: boolean;
}

/** Global flags that take a value (to find the command word in argv without parsing). */
export const GLOBAL_VALUE_FLAGS = new Set([
  "--profile",
  "--base-url",
  "--key-id",
  "--key",
  "--key-type",
  "--xsoar-version",
  "--ca-file",
  "--proxy",
  "--timeout",
  "--log-level",
  "--child-tenant",
  "-o",
  "--output",
]);

/**
 * Adds the global flags to the program.
 *
 * @param program - The root command.
 * @returns The same command.
 */
export function withGlobalFlags(program: Command): Command {
  return program
    .option("--profile <name>", "profile to use (env CORTEX_PROFILE; default: the profile file's default)")
    .option("--base-url <url>", "tenant API URL, console URL or FQDN (env CORTEX_API_BASE_URL)")
    .option("--key-id <id>", "API key id (env CORTEX_API_KEY_ID)")
    .option("--key <secret>", "API key, or - to read it from stdin (env CORTEX_API_KEY; prefer the env var or a profile)")
    .option("--key-type <level>", "standard or advanced (env CORTEX_API_KEY_TYPE)")
    .option("--xsoar-version <6|8>", "XSOAR major version (env CORTEX_XSOAR_VERSION)")
    .option("--insecure", "turn TLS certificate verification off (dangerous; prints a warning)")
    .option("--ca-file <path>", "PEM file of CA certificates to trust in addition to the system's")
    .option("--proxy <url>", "HTTP(S) proxy URL (default: https_proxy/HTTPS_PROXY)")
    .option("--timeout <duration>", "total time per call, retries included, e.g. 30s, 2m (default 120s)")
    .option("-v, --verbose", "log each request attempt to stderr (same as --log-level debug)")
    .option("--log-level <level>", "debug, info, warn, error or off (env CORTEX_SDK_LOG)")
    .option("-o, --output <format>", "table, json, ndjson, csv or yaml (default: table on a terminal, else json)")
    .option("-q, --quiet", "no progress indicator")
    .option("--child-tenant <id>", "act on this MSSP child tenant of the key's tenant: sends x-child-tenant-id (env CORTEX_CHILD_TENANT_ID; profile childTenantId)")
    .option("--no-expiry-notice", "no notice on stderr when the key in use expires within a week (env CORTEX_EXPIRY_NOTICE=off)");
}

/**
 * The global flags of a command, merged with its parents'.
 *
 * @param command - The command being run.
 * @returns The flags.
 */
export function globalFlags(command: Command): GlobalFlags & Record<string, unknown> {
  return command.optsWithGlobals() as GlobalFlags & Record<string, unknown>;
}

const DURATION = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)?$/;
const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;

/**
 * Parses a duration such as `30d`, `12h`, `90s`, `500ms` (a bare number is in `defaultUnit`).
 *
 * @param text - The duration.
 * @param flag - The flag, for the message.
 * @param defaultUnit - Unit of a bare number.
 * @returns Milliseconds.
 * @throws {@link UsageError} when the text is not a duration.
 */
export function parseDuration(text: string, flag = "duration", defaultUnit: keyof typeof UNIT_MS = "ms"): number {
  const match = DURATION.exec(text.trim());
  if (match === null) throw new UsageError(`${flag}: "${text}" is not a duration; use a number and a unit, e.g. 30d, 12h, 2w, 90m, 30s.`);
  return Math.round(Number(match[1]) * UNIT_MS[(match[2] ?? defaultUnit) as keyof typeof UNIT_MS]);
}

/** Options for any product client, plus what the CLI needs to know about them. */
export interface ConnectionOptions extends ClientOptions {
  /** Where logs go. */
  readonly logger: Logger;
}

/**
 * Client options from the global flags and the environment.
 *
 * @param flags - Parsed flags.
 * @param io - The run's environment.
 * @returns Options for a product client.
 * @throws {@link UsageError} for invalid flag values.
 */
export async function clientOptionsFrom(flags: GlobalFlags, io: CliIo): Promise<ConnectionOptions> {
  const stderrStyle = styleFor(io.stderr, io.env);
  const logger: Logger = {
    debug: (message, fields) => io.stderr.write(`${stderrStyle.dim(`debug: ${message}${fieldsText(fields)}`)}\n`),
    info: (message, fields) => io.stderr.write(`info: ${message}${fieldsText(fields)}\n`),
    warn: (message, fields) => io.stderr.write(`${stderrStyle.yellow("warning:")} ${message}${fieldsText(fields)}\n`),
    error: (message, fields) => io.stderr.write(`${stderrStyle.red("error:")} ${message}${fieldsText(fields)}\n`),
  };
  let key = flags.key;
  if (key === "-") key = (await readAllStdin(io)).trim();
  const level = flags.keyType;
  if (level !== undefined && level !== "standard" && level !== "advanced") {
    // Never echo a key pasted into the wrong flag.
    throw new UsageError(`--key-type must be standard or advanced; got ${level.length > 16 ? `a value of ${level.length} characters (not shown: it looks like a key; the key goes in --key or CORTEX_API_KEY)` : `"${level}"`}.`);
  }
  const xsoar = flags.xsoarVersion;
  if (xsoar !== undefined && xsoar !== "6" && xsoar !== "8") throw new UsageError(`--xsoar-version must be 6 or 8; got "${xsoar}".`);
  const logLevel = flags.verbose === true ? "debug" : flags.logLevel;
  if (logLevel !== undefined && !["debug", "info", "warn", "error", "off"].includes(logLevel)) throw new UsageError(`--log-level must be debug, info, warn, error or off; got "${logLevel}".`);
  let ca: string | undefined;
  if (flags.caFile !== undefined) {
    try {
      ca = readFileSync(flags.caFile, "utf8");
    } catch (error) {
      throw new UsageError(`--ca-file: cannot read ${flags.caFile}: ${(error as Error).message}`);
    }
  }
  if (flags.insecure === true) {
    io.stderr.write(
      `${stderrStyle.bold(stderrStyle.red("WARNING: --insecure turns TLS certificate verification OFF."))} Anyone on the network path can read and change this traffic, including your API key. Use --ca-file instead.\n`,
    );
  }
  return {
    env: io.env,
    logger,
    ...(flags.profile === undefined ? {} : { profile: flags.profile }),
    ...(flags.baseUrl === undefined ? {} : { baseUrl: flags.baseUrl }),
    ...(flags.keyId === undefined ? {} : { apiKeyId: flags.keyId }),
    ...(key === undefined ? {} : { apiKey: key }),
    ...(level === undefined ? {} : { securityLevel: level }),
    ...(xsoar === undefined ? {} : { xsoarVersion: Number(xsoar) as 6 | 8 }),
    ...(flags.insecure === true ? { dangerouslyDisableTlsVerification: true } : {}),
    ...(ca === undefined ? {} : { ca }),
    ...(flags.proxy === undefined ? {} : { proxy: flags.proxy }),
    ...(flags.childTenant === undefined ? {} : { childTenantId: flags.childTenant }),
    ...(flags.timeout === undefined ? {} : { timeoutMs: parseDuration(flags.timeout, "--timeout", "s") }),
    ...(logLevel === undefined ? {} : { logLevel: logLevel as "debug" }),
  };
}

function fieldsText(fields: Readonly<Record<string, unknown>> | undefined): string {
  if (fields === undefined || Object.keys(fields).length === 0) return "";
  return ` ${JSON.stringify(fields)}`;
}

/** A product client seen generically: the core client plus its namespaces. */
export type AnyClient = CortexClient & Record<string, unknown>;

/** A product client class, with its operation table as data. */
export type ClientClass = (new (options: ClientOptions) => AnyClient) & { readonly operations: readonly unknown[] };

/**
 * Imports a product client's manifest (plain data: its namespaces and which method calls which operation).
 *
 * @param product - The product.
 * @returns The manifest.
 */
export async function loadManifest(product: Product): Promise<ClientManifest> {
  switch (product) {
    case "xdr":
      return (await import("@cortex-sdk/xdr/manifest")).xdrManifest;
    case "xsiam":
      return (await import("@cortex-sdk/xsiam/manifest")).xsiamManifest;
    case "xsoar":
      return (await import("@cortex-sdk/xsoar/manifest")).xsoarManifest;
    case "xpanse":
      return (await import("@cortex-sdk/xpanse/manifest")).xpanseManifest;
    case "cloud":
      return (await import("@cortex-sdk/cloud/manifest")).cloudManifest;
  }
}

async function loadModule(product: Product): Promise<Record<string, unknown>> {
  switch (product) {
    case "xdr":
      return (await import("@cortex-sdk/xdr")) as unknown as Record<string, unknown>;
    case "xsiam":
      return (await import("@cortex-sdk/xsiam")) as unknown as Record<string, unknown>;
    case "xsoar":
      return (await import("@cortex-sdk/xsoar")) as unknown as Record<string, unknown>;
    case "xpanse":
      return (await import("@cortex-sdk/xpanse")) as unknown as Record<string, unknown>;
    case "cloud":
      return (await import("@cortex-sdk/cloud")) as unknown as Record<string, unknown>;
  }
}

const CLASS_NAMES: Readonly<Record<Product, string>> = { xdr: "XdrClient", xsiam: "XsiamClient", xsoar: "XsoarClient", xpanse: "XpanseClient", cloud: "CloudClient" };

/**
 * Imports a product client class (only when a command needs it).
 *
 * @param product - The product.
 * @returns The class.
 */
export async function loadClientClass(product: Product): Promise<ClientClass> {
  const module = await loadModule(product);
  return module[CLASS_NAMES[product]] as ClientClass;
}

/**
 * Opens a client of a product from the global flags.
 *
 * @param product - The product.
 * @param flags - Global flags.
 * @param io - The run's streams.
 * @returns The client; close it when done.
 */
export async function openClient(product: Product, flags: GlobalFlags, io: CliIo): Promise<AnyClient> {
  const Client = await loadClientClass(product);
  const client = new Client(await clientOptionsFrom(flags, io));
  const { noticesSilenced, keyExpiryWatch } = await import("./notices.js");
  if (!noticesSilenced(flags as Record<string, unknown>, io.env) && client.config.routing.auth === "cortex") {
    const { keyExpiryStep, KEY_EXPIRY_STEP } = await import("@cortex-sdk/core");
    const { baseUrl, credentials, profile } = client.config;
    client.middleware.add(KEY_EXPIRY_STEP, keyExpiryStep(client, keyExpiryWatch(io, { baseUrl, keyId: credentials.keyId, profile })), { before: "serialize" });
  }
  return client;
}

/**
 * Checks a `--product` value.
 *
 * @param value - The flag value.
 * @param allowed - Products that make sense for the command.
 * @returns The product.
 */
export function productFlag(value: string | undefined, allowed: readonly Product[], fallback: Product): Product {
  const product = (value ?? fallback) as Product;
  if (!allowed.includes(product)) throw new UsageError(`--product must be one of ${allowed.join(", ")}; got "${value}".`);
  return product;
}
