/**
 * Client configuration, resolved once into an immutable object from explicit options, then the
 * environment.
 *
 * @module
 */
import { createCredentials, isSigningError, type Credentials, type SecurityLevel } from "@cortex-sdk/auth-signer";
import type { Product } from "@cortex-sdk/schemas";
import type { Dispatcher } from "undici";
import { CortexConfigError } from "./errors.js";
import { createLogger, parseLogLevel, stderrLogger, type LogLevel, type Logger } from "./logger.js";

/** Retry settings. */
export interface RetryOptions {
  /** Retries after the first attempt (default 3). */
  readonly maxRetries?: number;
  /** First backoff delay in ms (default 500). */
  readonly baseDelayMs?: number;
  /** Largest backoff delay in ms (default 20,000). */
  readonly maxDelayMs?: number;
}

/** Options every product client accepts. Anything not given is read from the environment. */
export interface ClientOptions {
  /** API URL (`https://api-<tenant>...`), console URL or bare FQDN; env `CORTEX_API_BASE_URL`. */
  readonly baseUrl?: string;
  /** API key id; env `CORTEX_API_KEY_ID`. */
  readonly apiKeyId?: string | number;
  /** API key secret; env `CORTEX_API_KEY`. */
  readonly apiKey?: string;
  /** Security level of the key; env `CORTEX_API_KEY_TYPE`. */
  readonly securityLevel?: SecurityLevel;
  /** Ready-made credentials (take precedence over apiKeyId/apiKey/securityLevel). */
  readonly credentials?: Credentials;
  /** Total time a call may take, retries included, in ms (default 120,000). */
  readonly timeoutMs?: number;
  /** Time to open a connection, in ms (default 10,000). */
  readonly connectTimeoutMs?: number;
  /** Time to receive response headers, in ms (default 60,000). */
  readonly headersTimeoutMs?: number;
  /** Time between body chunks, in ms (default 60,000). */
  readonly bodyTimeoutMs?: number;
  /** Retry settings. */
  readonly retry?: RetryOptions;
  /** An undici Dispatcher (ProxyAgent, EnvHttpProxyAgent, an Agent with a custom CA, MockAgent). */
  readonly dispatcher?: Dispatcher;
  /** PEM CA certificates to trust in addition to the system's (ignored when a dispatcher is given). */
  readonly ca?: string | readonly string[];
  /** Turns TLS certificate verification off. Dangerous: logs a warning on every client created. */
  readonly dangerouslyDisableTlsVerification?: boolean;
  /** Where logs go (default: stderr). */
  readonly logger?: Logger;
  /** Lowest level logged (default: env `CORTEX_SDK_LOG`, else `warn`). */
  readonly logLevel?: LogLevel;
  /** Environment to read instead of `process.env` (tests, embedding). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** Options a product client adds for itself. */
export interface ProductClientInfo {
  /** Product this client talks to. */
  readonly product: Product;
  /** Name for the User-Agent, e.g. `xdr`. */
  readonly clientName: string;
  /** Version of the product client package. */
  readonly clientVersion: string;
}

/** The immutable result of {@link resolveConfig}. */
export interface ResolvedConfig {
  /** Normalised API origin, e.g. `https://api-acme.xdr.us.paloaltonetworks.com`. */
  readonly baseUrl: string;
  /** Credentials; the key itself is never exposed. */
  readonly credentials: Credentials;
  /** Product client facts. */
  readonly client: ProductClientInfo;
  /** Total deadline per call, ms. */
  readonly timeoutMs: number;
  /** Connect timeout, ms. */
  readonly connectTimeoutMs: number;
  /** Headers timeout, ms. */
  readonly headersTimeoutMs: number;
  /** Body timeout, ms. */
  readonly bodyTimeoutMs: number;
  /** Retry settings with defaults applied. */
  readonly retry: Required<RetryOptions>;
  /** User-supplied dispatcher, if any. */
  readonly dispatcher: Dispatcher | undefined;
  /** Extra CA certificates. */
  readonly ca: readonly string[];
  /** Whether TLS verification is off. */
  readonly tlsVerification: boolean;
  /** Logger with level and redaction applied. */
  readonly logger: Logger;
}

/**
 * Resolves options and environment into one immutable configuration.
 *
 * @param options - Explicit options; they win over the environment.
 * @param info - The product client's identity.
 * @returns The frozen configuration.
 * @throws {@link CortexConfigError} naming each missing or invalid setting and how to set it.
 */
export function resolveConfig(options: ClientOptions, info: ProductClientInfo): ResolvedConfig {
  const env = options.env ?? process.env;
  const logger = createLogger(options.logger ?? stderrLogger, options.logLevel ?? parseLogLevel(env["CORTEX_SDK_LOG"]) ?? "warn");
  const rawUrl = options.baseUrl ?? env["CORTEX_API_BASE_URL"];
  if (rawUrl === undefined || rawUrl.trim() === "") {
    throw new CortexConfigError("configuration", "No API URL: pass `baseUrl` or set CORTEX_API_BASE_URL to the tenant's API URL (https://api-<tenant>...).");
  }
  const credentials = options.credentials ?? credentialsFrom(options, env);
  const tlsVerification = options.dangerouslyDisableTlsVerification !== true;
  if (!tlsVerification) {
    logger.warn("TLS certificate verification is OFF (dangerouslyDisableTlsVerification). Anyone on the network path can read and change this traffic, including your API key.");
  }
  const retry: Required<RetryOptions> = {
    maxRetries: nonNegative(options.retry?.maxRetries, 3, "retry.maxRetries"),
    baseDelayMs: nonNegative(options.retry?.baseDelayMs, 500, "retry.baseDelayMs"),
    maxDelayMs: nonNegative(options.retry?.maxDelayMs, 20_000, "retry.maxDelayMs"),
  };
  const ca = options.ca === undefined ? [] : typeof options.ca === "string" ? [options.ca] : [...options.ca];
  return Object.freeze({
    baseUrl: normalizeBaseUrl(rawUrl),
    credentials,
    client: Object.freeze({ ...info }),
    timeoutMs: positive(options.timeoutMs, 120_000, "timeoutMs"),
    connectTimeoutMs: positive(options.connectTimeoutMs, 10_000, "connectTimeoutMs"),
    headersTimeoutMs: positive(options.headersTimeoutMs, 60_000, "headersTimeoutMs"),
    bodyTimeoutMs: positive(options.bodyTimeoutMs, 60_000, "bodyTimeoutMs"),
    retry: Object.freeze(retry),
    dispatcher: options.dispatcher,
    ca: Object.freeze(ca),
    tlsVerification,
    logger,
  });
}

function credentialsFrom(options: ClientOptions, env: Readonly<Record<string, string | undefined>>): Credentials {
  const keyId = options.apiKeyId ?? env["CORTEX_API_KEY_ID"];
  const key = options.apiKey ?? env["CORTEX_API_KEY"];
  const level = options.securityLevel ?? env["CORTEX_API_KEY_TYPE"]?.trim().toLowerCase();
  const missing: string[] = [];
  if (keyId === undefined || String(keyId).trim() === "") missing.push("the key id (`apiKeyId` or CORTEX_API_KEY_ID)");
  if (key === undefined || key === "") missing.push("the key (`apiKey` or CORTEX_API_KEY)");
  if (level === undefined || level === "") {
    missing.push("the key's security level (`securityLevel` or CORTEX_API_KEY_TYPE: standard or advanced, as shown next to the key in the console)");
  }
  if (missing.length > 0) throw new CortexConfigError("configuration", `Missing ${missing.join(", ")}.`);
  try {
    return createCredentials({ keyId: typeof keyId === "string" ? keyId.trim() : (keyId as number), key: key as string, securityLevel: level as SecurityLevel });
  } catch (error) {
    if (isSigningError(error)) throw new CortexConfigError("configuration", `Invalid credentials: ${error.message}`, { cause: error });
    throw error;
  }
}

const LOOPBACK_OR_IP = /^(localhost|\[[0-9a-f:.]+\]|\d{1,3}(\.\d{1,3}){3})$/i;

/**
 * Normalises what a user pasted as the tenant URL into the API origin. Accepts the API URL, the console
 * URL or a bare FQDN and derives the `api-` host; an `http:` URL, localhost or an IP address (such as the
 * emulator's) is used as given.
 *
 * @param input - URL or FQDN.
 * @returns The origin plus any path prefix, without a trailing slash.
 * @throws {@link CortexConfigError} when the input is not a URL or host name.
 */
export function normalizeBaseUrl(input: string): string {
  const trimmed = input.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new CortexConfigError("configuration", `The API URL "${trimmed}" is not a URL. Use the tenant's API URL, e.g. https://api-acme.xdr.us.paloaltonetworks.com.`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new CortexConfigError("configuration", `The API URL must use https (got ${url.protocol}).`);
  }
  if (url.username !== "" || url.password !== "") {
    throw new CortexConfigError("configuration", "The API URL must not contain a user name or password; pass the key through apiKey/CORTEX_API_KEY.");
  }
  const isLocal = url.protocol === "http:" || LOOPBACK_OR_IP.test(url.hostname);
  if (!isLocal && !url.hostname.startsWith("api-")) url.hostname = `api-${url.hostname}`;
  // Console paths (#/incidents, /dashboard) mean nothing to the API; only keep a path prefix on local URLs.
  const path = isLocal ? url.pathname.replace(/\/+$/, "") : "";
  return `${url.origin}${path}`;
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) throw new CortexConfigError("configuration", `${name} must be a positive number of milliseconds; got ${String(value)}.`);
  return value;
}

function nonNegative(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0) throw new CortexConfigError("configuration", `${name} must be zero or more; got ${String(value)}.`);
  return value;
}
