/**
 * Client configuration, resolved once into an immutable object from explicit options, then the
 * environment, then a named profile (see `profiles.ts`).
 *
 * @module
 */
import { readFileSync } from "node:fs";
import { createCredentials, isSigningError, type Credentials, type SecurityLevel } from "@cortex-sdk/auth-signer";
import type { OperationEntry, Product, XsoarVersion } from "@cortex-sdk/schemas-base";
import type { RequestValidators } from "./request-validators.js";
import type { HttpDispatcher } from "./dispatcher.js";
import { CortexConfigError } from "./errors.js";
import { RateLimiter, type RateLimit } from "./limiter.js";
import { createLogger, parseLogLevel, stderrLogger, type LogLevel, type Logger } from "./logger.js";
import { CORTEX_ROUTING, PRODUCT_ROUTING, routingFor, type ProductRouting } from "./products.js";
import { loadProfile, profileFilePath, type Profile } from "./profiles.js";
import type { KeyExpiryWatch } from "./key-expiry-watch.js";
import { redactUrl } from "./redact.js";
import { XSOAR_SUPPORT, type XsoarSupport } from "./xsoar-support.js";

/** Retry settings. */
export interface RetryOptions {
  /** Retries after the first attempt (default 3). */
  readonly maxRetries?: number;
  /** First backoff delay in ms (default 500). */
  readonly baseDelayMs?: number;
  /** Largest backoff delay in ms (default 20,000). */
  readonly maxDelayMs?: number;
}

/** Options every product client accepts. Anything not given is read from the environment, then a profile. */
export interface ClientOptions {
  /**
   * API URL (`https://api-<tenant>...`), console URL or bare FQDN; env `CORTEX_API_BASE_URL`
   * (also `CORTEXCLOUD_API_URL`, `DEMISTO_BASE_URL`).
   */
  readonly baseUrl?: string;
  /** API key id; env `CORTEX_API_KEY_ID` (also `CORTEXCLOUD_API_KEY_ID`, `DEMISTO_API_KEY_ID`). */
  readonly apiKeyId?: string | number;
  /**
   * API key secret; env `CORTEX_API_KEY` (also `CORTEXCLOUD_API_KEY`; `DEMISTO_API_KEY` for a standard key,
   * `DEMISTO_ADVANCED_API_KEY` for an advanced one).
   */
  readonly apiKey?: string;
  /** Security level of the key; env `CORTEX_API_KEY_TYPE` (also `CORTEXCLOUD_API_KEY_TYPE`). Never guessed. */
  readonly securityLevel?: SecurityLevel;
  /** Ready-made credentials (take precedence over apiKeyId/apiKey/securityLevel). */
  readonly credentials?: Credentials;
  /**
   * XSOAR major version, required by XSOAR clients; env `CORTEX_XSOAR_VERSION`. XSOAR 8 is reached on the
   * `api-` host under `/xsoar/public/v1` with Cortex key headers; XSOAR 6 at the server root with the raw key.
   */
  readonly xsoarVersion?: XsoarVersion;
  /** Profile to read missing settings from; env `CORTEX_PROFILE`, else the profile file's default. */
  readonly profile?: string;
  /** Profile file to use instead of the default location; env `CORTEX_CONFIG_FILE`. */
  readonly configFile?: string;
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
  /**
   * Client-side limit of requests to the tenant (default 10 per 1,000 ms, the documented rate, on a sliding
   * window counted the way the service counts), shared by every client of the tenant in this process;
   * `false` turns it off.
   */
  readonly rateLimit?: RateLimit | false;
  /** XQL queries run at once per tenant through `withXqlSlot` (default 4, the documented maximum). */
  readonly xqlConcurrency?: number;
  /**
   * MSSP child tenant to act on: every request carries `x-child-tenant-id` (env `CORTEX_CHILD_TENANT_ID`,
   * else the profile's `childTenantId`; an empty string means none). A child id the key's tenant does not
   * manage fails with {@link CortexChildTenantError}.
   */
  readonly childTenantId?: string;
  /**
   * HTTP(S) proxy URL (credentials allowed: `http://user:pass@proxy:3128`), or `false` for none. Default:
   * `https_proxy`/`HTTPS_PROXY` (`http_proxy`/`HTTP_PROXY` for an http base URL) unless `no_proxy`/`NO_PROXY`
   * matches the host, else the profile's `proxy`. Ignored when a dispatcher is given.
   */
  readonly proxy?: string | false;
  /** An undici Dispatcher (ProxyAgent, EnvHttpProxyAgent, an Agent with a custom CA, MockAgent): see {@link HttpDispatcher}. */
  readonly dispatcher?: HttpDispatcher;
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
  /**
   * Expiry notices for the key in use (a week ahead, a day ahead, once expired): after the first
   * successful call the client looks its key up once and calls the hook when a notice is due. Product
   * clients only: a lite client (`@cortex-sdk/<product>/lite`) has no operation table to look its key up
   * with and throws `CortexConfigError` when given it.
   */
  readonly keyExpiry?: KeyExpiryWatch;
  /**
   * Check every request against its operation's schema before sending it (default false; a call's
   * `validateRequests` option overrides it): a missing required field, an unknown field, a wrong type or an
   * undocumented enum value throws `CortexInvalidRequestError` naming the field, and nothing is sent.
   */
  readonly validateRequests?: boolean;
}

/** Who a product client is. */
export interface ProductIdentity {
  /** Product this client talks to. */
  readonly product: Product;
  /** Name for the User-Agent, e.g. `xdr`. */
  readonly clientName: string;
  /** Version of the product client package. */
  readonly clientVersion: string;
}

/** What a product client hands to {@link CortexClient}: its identity and its own operation table. */
export interface ProductClientInfo extends ProductIdentity {
  /**
   * The operations this client may call. Each product client passes its own table (for example from
   * `@cortex-sdk/schemas/<product>`), so a bundle carries only the operations it can use.
   */
  readonly operations: readonly OperationEntry[];
  /**
   * Loads the request validators for `validateRequests` (product clients pass their product's
   * `@cortex-sdk/schemas-<product>/validators`). Without it the client cannot validate requests, and a
   * bundle of it carries no validators and no zod.
   */
  readonly loadRequestValidators?: () => Promise<RequestValidators>;
  /**
   * What an XSOAR client needs to reach XSOAR 6 and 8 ({@link XSOAR_SUPPORT}): XSOAR clients pass it, so
   * that a client of another product bundles none of it. `CortexClient` adds it for an XSOAR client that
   * does not; a `CortexClientCore` for XSOAR without it cannot be made.
   */
  readonly xsoarSupport?: XsoarSupport;
}

/** The immutable result of {@link resolveConfig}. */
export interface ResolvedConfig {
  /** Normalised API base URL, e.g. `https://api-acme.xdr.us.paloaltonetworks.com`. */
  readonly baseUrl: string;
  /** Credentials; the key itself is never exposed. */
  readonly credentials: Credentials;
  /** Product client facts. */
  readonly client: ProductIdentity;
  /** The product. */
  readonly product: Product;
  /** XSOAR version, for XSOAR clients. */
  readonly xsoarVersion: XsoarVersion | undefined;
  /** How the product is reached (auth headers, path prefix). */
  readonly routing: ProductRouting;
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
  /** Client-side request limit for the tenant, or undefined when off. */
  readonly rateLimit: RateLimit | undefined;
  /** Parallel XQL queries per tenant. */
  readonly xqlConcurrency: number;
  /** The MSSP child tenant requests act on, if any. */
  readonly childTenantId: string | undefined;
  /** User-supplied dispatcher, if any. */
  readonly dispatcher: HttpDispatcher | undefined;
  /** The proxy in use, with any password hidden, or undefined for a direct connection. */
  readonly proxy: string | undefined;
  /** Extra CA certificates. */
  readonly ca: readonly string[];
  /** Whether TLS verification is on. */
  readonly tlsVerification: boolean;
  /** The profile settings were read from, if any. */
  readonly profile: string | undefined;
  /** Where each setting came from, e.g. `{ baseUrl: "env CORTEX_API_BASE_URL", apiKey: "profile prod" }`. */
  readonly sources: Readonly<Record<string, string>>;
  /** Logger with level and redaction applied. */
  readonly logger: Logger;
  /** The lowest level the logger writes (so hot paths skip building fields of lines nobody reads). */
  readonly logLevel: LogLevel;
}

/** The client-side request limit used when none is configured: the documented 10 a second. */
export const DEFAULT_RATE_LIMIT: RateLimit = Object.freeze({ requests: 10, perMs: 1_000 });

/** The documented limit of XQL queries running at once per tenant. */
export const DEFAULT_XQL_CONCURRENCY = 4;

// Facts of a configuration that must not be reachable from its public fields (the object is JSON- and
// inspect-safe): held in private fields of an object kept under a non-enumerable symbol, so neither
// JSON.stringify nor util.inspect (even with showHidden) shows them.
const PRIVATE_FACTS = Symbol("cortex-sdk.config.private");

/** The private facts of a {@link ResolvedConfig}. */
class PrivateFacts {
  /** The proxy URL with its credentials, or undefined for a direct connection. */
  readonly #proxyUrl: string | undefined;
  /** The secret values its logs and errors are redacted of: the key, then recent signatures. */
  readonly #secrets: string[];
  /** Where the configured logger writes, before level and redaction (a derived configuration wraps it anew). */
  readonly #sink: Logger;

  constructor(proxyUrl: string | undefined, secrets: string[], sink: Logger) {
    this.#proxyUrl = proxyUrl;
    this.#secrets = secrets;
    this.#sink = sink;
  }

  get sink(): Logger {
    return this.#sink;
  }

  get proxyUrl(): string | undefined {
    return this.#proxyUrl;
  }

  get secrets(): string[] {
    return this.#secrets;
  }
}

type WithPrivateFacts = ResolvedConfig & { readonly [PRIVATE_FACTS]?: PrivateFacts };

function privateFactsOf(config: ResolvedConfig): PrivateFacts | undefined {
  return (config as WithPrivateFacts)[PRIVATE_FACTS];
}

/**
 * The proxy URL with its credentials, for the transport.
 *
 * @param config - A resolved configuration.
 * @returns The URL, or undefined for a direct connection.
 * @internal
 */
export function proxyUrlOf(config: ResolvedConfig): string | undefined {
  return privateFactsOf(config)?.proxyUrl;
}

// The key, plus this many of the latest signatures (an advanced key's Authorization hash).
const REMEMBERED_SIGNATURES = 16;

/**
 * The secret values (the key, recent signatures) to redact from anything this configuration's client
 * logs or throws.
 *
 * @param config - A resolved configuration.
 * @returns The live list (do not change it; use {@link rememberSecret}).
 * @internal
 */
export function secretsOf(config: ResolvedConfig): readonly string[] {
  return privateFactsOf(config)?.secrets ?? [];
}

/**
 * Adds a value sent as a credential (an Authorization header) to the values redacted from logs and errors.
 *
 * @param config - The configuration whose client sent it.
 * @param value - The value.
 * @internal
 */
export function rememberSecret(config: ResolvedConfig, value: string): void {
  const list = privateFactsOf(config)?.secrets;
  if (list === undefined || value.length < 8 || list.includes(value)) return;
  list.push(value);
  // Keep the first entry (the key) and the latest signatures.
  if (list.length > REMEMBERED_SIGNATURES + 1) list.splice(1, 1);
}

type Env = Readonly<Record<string, string | undefined>>;

const TLS_OFF_WARNING = "TLS certificate verification is OFF (dangerouslyDisableTlsVerification). Anyone on the network path can read and change this traffic, including your API key.";

interface Found<T> {
  readonly value: T;
  readonly from: string;
}

/**
 * Resolves options, environment and profile into one immutable configuration.
 *
 * @param options - Explicit options; they win over the environment, which wins over the profile.
 * @param info - The product client's identity.
 * @returns The frozen configuration.
 * @throws {@link CortexConfigError} naming each missing or invalid setting and how to set it.
 */
export function resolveConfig(options: ClientOptions, info: ProductIdentity): ResolvedConfig {
  return resolveClientConfig(options, info, (info as ProductClientInfo).xsoarSupport ?? XSOAR_SUPPORT);
}

/**
 * {@link resolveConfig} with the XSOAR support given (or not): a client resolves its configuration with the
 * support its info carries, so a bundle of a lite client of another product carries none of it.
 *
 * @param options - Explicit options.
 * @param info - The product client's identity.
 * @param xsoar - The XSOAR support; required for XSOAR.
 * @returns The frozen configuration.
 * @throws {@link CortexConfigError} as {@link resolveConfig} does, and for XSOAR without support.
 * @internal
 */
export function resolveClientConfig(options: ClientOptions, info: ProductIdentity, xsoar: XsoarSupport | undefined): ResolvedConfig {
  const env = options.env ?? process.env;
  const product = info.product;
  const fileOptions = { env, ...(options.configFile === undefined ? {} : { configFile: options.configFile }) };

  const fromOptions = (name: string, value: unknown): Found<string> | undefined =>
    value === undefined || value === null || String(value).trim() === "" ? undefined : { value: String(value), from: `option ${name}` };
  const fromEnv = (names: readonly string[]): Found<string> | undefined => {
    for (const name of names) {
      const value = env[name];
      if (value !== undefined && value.trim() !== "") return { value, from: `env ${name}` };
    }
    return undefined;
  };

  // 1. options and environment.
  let baseUrl = fromOptions("baseUrl", options.baseUrl) ?? fromEnv(["CORTEX_API_BASE_URL", "CORTEXCLOUD_API_URL", "DEMISTO_BASE_URL"]);
  let keyId = options.credentials === undefined ? (fromOptions("apiKeyId", options.apiKeyId) ?? fromEnv(["CORTEX_API_KEY_ID", "CORTEXCLOUD_API_KEY_ID", "DEMISTO_API_KEY_ID"])) : undefined;
  let key = options.credentials === undefined ? (fromOptions("apiKey", options.apiKey) ?? envKey(env)) : undefined;
  let level =
    options.credentials === undefined
      ? (fromOptions("securityLevel", options.securityLevel) ?? fromEnv(["CORTEX_API_KEY_TYPE", "CORTEXCLOUD_API_KEY_TYPE"]) ?? impliedLevel(key))
      : undefined;
  let xsoarVersion = fromOptions("xsoarVersion", options.xsoarVersion) ?? fromEnv(["CORTEX_XSOAR_VERSION"]);

  // 2. the profile: when one is named, or when something is still missing.
  const profileName = fromOptions("profile", options.profile) ?? fromEnv(["CORTEX_PROFILE"]);
  const needsKey = options.credentials === undefined && (key === undefined || level === undefined || keyId === undefined);
  const missingSomething = baseUrl === undefined || needsKey || (product === "xsoar" && xsoarVersion === undefined);
  let profile: { readonly name: string; readonly profile: Profile } | undefined;
  if (profileName !== undefined || missingSomething) {
    profile = loadProfile(profileName?.value, fileOptions);
  }
  if (profile !== undefined) {
    const from = `profile ${profile.name}`;
    const take = (value: unknown): Found<string> | undefined => (value === undefined ? undefined : { value: String(value), from });
    const p = profile.profile;
    baseUrl ??= take(p.baseUrl);
    if (options.credentials === undefined) {
      keyId ??= take(p.apiKeyId);
      key ??= take(p.apiKey);
      level ??= take(p.securityLevel);
    }
    xsoarVersion ??= take(p.xsoarVersion);
  }

  const rawKey = key?.value;
  const logLevel = options.logLevel ?? parseLogLevel(env["CORTEX_SDK_LOG"]) ?? "warn";
  // Redaction by value: the key, and (added by the sign step) the signatures sent with it.
  const secrets: string[] = rawKey === undefined ? [] : [rawKey];
  const logger = createLogger(options.logger ?? stderrLogger, logLevel, secrets);

  // 3. what is missing, all at once.
  const missing: string[] = [];
  const version = parseXsoarVersion(xsoarVersion);
  let routing = CORTEX_ROUTING;
  if (product === "xsoar") {
    if (xsoar === undefined) {
      throw new CortexConfigError("configuration", `The ${info.clientName} client is for XSOAR: give it xsoarSupport (XSOAR_SUPPORT) or use XsoarLiteClient.`);
    }
    if (version === undefined) missing.push(xsoar.missingVersion);
    routing = xsoar.routing(version ?? 8);
  }
  if (baseUrl === undefined) missing.push("the API URL (`baseUrl` or CORTEX_API_BASE_URL: the tenant's API URL, https://api-<tenant>...)");
  if (options.credentials === undefined) {
    if (routing.auth === "cortex" && keyId === undefined) missing.push("the key id (`apiKeyId` or CORTEX_API_KEY_ID)");
    if (key === undefined) missing.push("the key (`apiKey` or CORTEX_API_KEY)");
    if (routing.auth === "cortex" && level === undefined) {
      missing.push("the key's security level (`securityLevel` or CORTEX_API_KEY_TYPE: standard or advanced, as shown next to the key in the console)");
    }
  }
  if (missing.length > 0) {
    const path = profileFilePath(fileOptions);
    const hint = path === undefined ? "" : ` You can also keep them in a profile in ${path} (\`cxctl profile add\`).`;
    throw new CortexConfigError("configuration", `Missing ${missing.join(", ")}.${hint}`);
  }

  const credentials = options.credentials ?? buildCredentials(routing, keyId, key, level);
  const tlsVerification = options.dangerouslyDisableTlsVerification !== true;
  if (!tlsVerification) {
    logger.warn(TLS_OFF_WARNING);
  }
  const retry: Required<RetryOptions> = {
    maxRetries: nonNegative(options.retry?.maxRetries, 3, "retry.maxRetries"),
    baseDelayMs: nonNegative(options.retry?.baseDelayMs, 500, "retry.baseDelayMs"),
    maxDelayMs: nonNegative(options.retry?.maxDelayMs, 20_000, "retry.maxDelayMs"),
  };
  const normalizedUrl = baseUrlFor((baseUrl as Found<string>).value, routing);
  const ca = options.ca !== undefined ? (typeof options.ca === "string" ? [options.ca] : [...options.ca]) : profile?.profile.caFile !== undefined ? [readCaFile(profile.profile.caFile, profile.name)] : [];
  const proxy = options.dispatcher === undefined ? resolveProxy(options.proxy, env, normalizedUrl, profile) : undefined;
  if (options.dispatcher !== undefined && typeof options.proxy === "string") {
    logger.warn("Both `dispatcher` and `proxy` were given; the dispatcher is used as it is and `proxy` is ignored.");
  }

  const sources: Record<string, string> = {};
  const record = (name: string, found: Found<unknown> | undefined): void => {
    if (found !== undefined) sources[name] = found.from;
  };
  record("baseUrl", baseUrl);
  if (options.credentials !== undefined) sources["credentials"] = "option credentials";
  record("apiKeyId", keyId);
  record("apiKey", key);
  record("securityLevel", level);
  record("xsoarVersion", xsoarVersion);
  record("proxy", proxy);
  const childTenant = options.childTenantId !== undefined ? (options.childTenantId.trim() === "" ? undefined : { value: options.childTenantId.trim(), from: "option childTenantId" }) : (fromEnv(["CORTEX_CHILD_TENANT_ID"]) ?? (profile?.profile.childTenantId === undefined ? undefined : { value: profile.profile.childTenantId, from: `profile ${profile.name}` }));
  record("childTenantId", childTenant);

  const config: ResolvedConfig = {
    baseUrl: normalizedUrl,
    credentials,
    client: Object.freeze({ product: info.product, clientName: info.clientName, clientVersion: info.clientVersion }),
    product,
    xsoarVersion: version,
    routing,
    timeoutMs: positive(options.timeoutMs, 120_000, "timeoutMs"),
    connectTimeoutMs: positive(options.connectTimeoutMs, 10_000, "connectTimeoutMs"),
    headersTimeoutMs: positive(options.headersTimeoutMs, 60_000, "headersTimeoutMs"),
    bodyTimeoutMs: positive(options.bodyTimeoutMs, 60_000, "bodyTimeoutMs"),
    retry: Object.freeze(retry),
    rateLimit: resolveRateLimit(options.rateLimit),
    xqlConcurrency: positiveInteger(options.xqlConcurrency, DEFAULT_XQL_CONCURRENCY, "xqlConcurrency"),
    childTenantId: childTenant?.value,
    dispatcher: options.dispatcher,
    proxy: proxy === undefined ? undefined : redactUrl(proxy.value),
    ca: Object.freeze(ca),
    tlsVerification,
    profile: profile?.name,
    sources: Object.freeze(sources),
    logger,
    logLevel,
  };
  Object.defineProperty(config, PRIVATE_FACTS, { value: Object.freeze(new PrivateFacts(proxy?.value, secrets, options.logger ?? stderrLogger)), enumerable: false });
  return Object.freeze(config);
}

/**
 * The configuration of a client that acts with `parent`'s key on `parent`'s host over `parent`'s connections,
 * for an MSSP child tenant: the parent's resolved settings as they are (no environment, profile file or
 * validation again), with the given dispatcher, child tenant and rate. Its redaction list starts as a copy of
 * the parent's (the key and the signatures the parent sent) and grows with its own signatures; its logger
 * redacts by it.
 *
 * @param parent - The parent client's configuration.
 * @param dispatcher - The dispatcher the derived client sends with (the parent's).
 * @param childTenantId - The child tenant its requests act on (already checked).
 * @param rateLimit - The child tenant's rate (its own limiter paces it), or undefined for none.
 * @returns The frozen configuration, or undefined when `parent` was not made by {@link resolveConfig}.
 * @internal
 */
export function deriveChildTenantConfig(parent: ResolvedConfig, dispatcher: HttpDispatcher, childTenantId: string, rateLimit: RateLimit | undefined): ResolvedConfig | undefined {
  const facts = privateFactsOf(parent);
  if (facts === undefined) return undefined;
  const secrets = [...facts.secrets];
  const logger = createLogger(facts.sink, parent.logLevel, secrets);
  // Every client made with verification off says so, derived ones included (as resolveConfig does).
  if (!parent.tlsVerification) logger.warn(TLS_OFF_WARNING);
  // Field by field in resolveConfig's order rather than a spread: the copy then shares the parent's shape, where a
  // spread of a frozen object with fields replaced builds a new shape (and its descriptors) for every child. The
  // private facts are made anew below.
  const config: ResolvedConfig = {
    baseUrl: parent.baseUrl,
    credentials: parent.credentials,
    client: parent.client,
    product: parent.product,
    xsoarVersion: parent.xsoarVersion,
    routing: parent.routing,
    timeoutMs: parent.timeoutMs,
    connectTimeoutMs: parent.connectTimeoutMs,
    headersTimeoutMs: parent.headersTimeoutMs,
    bodyTimeoutMs: parent.bodyTimeoutMs,
    retry: parent.retry,
    rateLimit,
    xqlConcurrency: parent.xqlConcurrency,
    childTenantId,
    dispatcher,
    proxy: parent.proxy,
    ca: parent.ca,
    tlsVerification: parent.tlsVerification,
    profile: parent.profile,
    sources: parent.sources,
    logger,
    logLevel: parent.logLevel,
  };
  Object.defineProperty(config, PRIVATE_FACTS, { value: Object.freeze(new PrivateFacts(facts.proxyUrl, secrets, facts.sink)), enumerable: false });
  return Object.freeze(config);
}

// The key from the environment. DEMISTO_* names say the level by which variable holds the key.
function envKey(env: Env): Found<string> | undefined {
  for (const name of ["CORTEX_API_KEY", "CORTEXCLOUD_API_KEY"]) {
    const value = env[name];
    if (value !== undefined && value !== "") return { value, from: `env ${name}` };
  }
  const standard = env["DEMISTO_API_KEY"];
  const advanced = env["DEMISTO_ADVANCED_API_KEY"];
  if (standard !== undefined && standard !== "" && advanced !== undefined && advanced !== "") {
    throw new CortexConfigError("configuration", "Both DEMISTO_API_KEY and DEMISTO_ADVANCED_API_KEY are set, so the key to use is ambiguous: unset one, or set CORTEX_API_KEY and CORTEX_API_KEY_TYPE.");
  }
  if (advanced !== undefined && advanced !== "") return { value: advanced, from: "env DEMISTO_ADVANCED_API_KEY" };
  if (standard !== undefined && standard !== "") return { value: standard, from: "env DEMISTO_API_KEY" };
  return undefined;
}

function impliedLevel(key: Found<string> | undefined): Found<string> | undefined {
  if (key?.from === "env DEMISTO_ADVANCED_API_KEY") return { value: "advanced", from: key.from };
  if (key?.from === "env DEMISTO_API_KEY") return { value: "standard", from: key.from };
  return undefined;
}

function parseXsoarVersion(found: Found<string> | undefined): XsoarVersion | undefined {
  if (found === undefined) return undefined;
  const value = found.value.trim().replace(/^v/i, "");
  if (value === "6" || value.startsWith("6.")) return 6;
  if (value === "8" || value.startsWith("8.")) return 8;
  throw new CortexConfigError("configuration", `The XSOAR version from ${found.from} must be 6 or 8; got ${describeSettingValue(found.value, undefined)}.`);
}

function buildCredentials(routing: ProductRouting, keyId: Found<string> | undefined, key: Found<string> | undefined, level: Found<string> | undefined): Credentials {
  const secret = (key as Found<string>).value;
  if (/^\s*(bearer|basic|token)\s/i.test(secret)) {
    throw new CortexConfigError("configuration", `The key from ${key?.from ?? "the options"} starts with an authorization scheme ("Bearer ..."): give the key alone; the SDK builds the Authorization header.`);
  }
  const normalizedLevel = level?.value.trim().toLowerCase();
  // An XSOAR routing carries the XSOAR support.
  const xsoar6 = routing.auth === "xsoar6" ? routing.xsoar : undefined;
  if (xsoar6 !== undefined) {
    if (normalizedLevel === "advanced") throw new CortexConfigError("configuration", xsoar6.advancedXsoar6Key(level?.from ?? "options"));
    // XSOAR 6 keys have no id: the id is a placeholder the XSOAR 6 signer never sends.
    return wrapCredentials({ keyId: keyId?.value.trim() ?? "1", key: secret, securityLevel: "standard" }, key);
  }
  if (normalizedLevel !== "standard" && normalizedLevel !== "advanced") {
    throw new CortexConfigError("configuration", `The security level from ${level?.from ?? "options"} must be "standard" or "advanced" (as shown next to the key in the console); got ${describeSettingValue(level?.value, secret)}.`);
  }
  return wrapCredentials({ keyId: (keyId as Found<string>).value.trim(), key: secret, securityLevel: normalizedLevel }, key);
}

/**
 * A setting's wrong value as an error message may show it: never a key typed into the wrong setting.
 *
 * @param value - The value given.
 * @param secret - The configured key.
 * @returns The quoted value, or its length when it may be a secret.
 */
function describeSettingValue(value: string | undefined, secret: string | undefined): string {
  if (value === undefined) return "nothing";
  const trimmed = value.trim();
  if (trimmed.length > 16 || (secret !== undefined && secret.length >= 8 && (value.includes(secret) || (trimmed.length >= 8 && secret.includes(trimmed))))) {
    return `a value of ${value.length} characters (not shown: it looks like a key; the key goes in apiKey / CORTEX_API_KEY)`;
  }
  return JSON.stringify(value);
}

function wrapCredentials(input: { keyId: string; key: string; securityLevel: SecurityLevel }, key: Found<string> | undefined): Credentials {
  try {
    return createCredentials(input);
  } catch (error) {
    if (isSigningError(error)) throw new CortexConfigError("configuration", `Invalid credentials (key from ${key?.from ?? "options"}): ${error.message}`, { cause: error });
    throw error;
  }
}

function resolveRateLimit(value: RateLimit | false | undefined): RateLimit | undefined {
  if (value === false) return undefined;
  if (value === undefined) return DEFAULT_RATE_LIMIT;
  try {
    RateLimiter.validate(value);
  } catch (error) {
    throw new CortexConfigError("configuration", `rateLimit: ${(error as Error).message}`);
  }
  return Object.freeze({ requests: value.requests, perMs: value.perMs });
}

function resolveProxy(option: string | false | undefined, env: Env, baseUrl: string, profile: { readonly name: string; readonly profile: Profile } | undefined): Found<string> | undefined {
  if (option === false) return undefined;
  const checked = (found: Found<string>): Found<string> => {
    let url: URL;
    try {
      url = new URL(found.value.includes("://") ? found.value : `http://${found.value}`);
    } catch {
      throw new CortexConfigError("configuration", `The proxy from ${found.from} is not a URL (${redactUrl(found.value)}); use http://host:port.`);
    }
    if (!["http:", "https:", "socks5:", "socks:"].includes(url.protocol)) {
      throw new CortexConfigError("configuration", `The proxy from ${found.from} must be an http, https or socks5 URL; got ${url.protocol}.`);
    }
    return { value: url.href.replace(/\/$/, ""), from: found.from };
  };
  if (option !== undefined) return checked({ value: option, from: "option proxy" });
  const target = new URL(baseUrl);
  const names = target.protocol === "https:" ? ["https_proxy", "HTTPS_PROXY", "http_proxy", "HTTP_PROXY"] : ["http_proxy", "HTTP_PROXY"];
  for (const name of names) {
    const value = env[name];
    if (value !== undefined && value.trim() !== "") {
      if (bypassesProxy(target, env["no_proxy"] ?? env["NO_PROXY"])) return undefined;
      return checked({ value: value.trim(), from: `env ${name}` });
    }
  }
  if (profile?.profile.proxy !== undefined) return checked({ value: profile.profile.proxy, from: `profile ${profile.name}` });
  return undefined;
}

/**
 * Whether `NO_PROXY` exempts a URL: `*`, exact hosts, domain suffixes (`example.com` and `.example.com`
 * both match `api.example.com`), optionally with a port.
 *
 * @param url - The target.
 * @param noProxy - The `NO_PROXY` value.
 * @returns True when the target is reached directly.
 */
export function bypassesProxy(url: URL, noProxy: string | undefined): boolean {
  if (noProxy === undefined || noProxy.trim() === "") return false;
  const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, "");
  const port = url.port !== "" ? url.port : url.protocol === "https:" ? "443" : "80";
  for (const raw of noProxy.split(/[\s,]+/)) {
    const entry = raw.trim().toLowerCase();
    if (entry === "") continue;
    if (entry === "*") return true;
    const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(entry);
    if (match === null) continue;
    const entryHost = (match[1] ?? "").replace(/^\*?\./, "").replace(/^\[|\]$/g, "");
    if (match[2] !== undefined && match[2] !== port) continue;
    if (host === entryHost || host.endsWith(`.${entryHost}`)) return true;
  }
  return false;
}

function readCaFile(path: string, profileName: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    throw new CortexConfigError("configuration", `Cannot read the CA file ${path} named by profile ${profileName}: ${(error as Error).message}.`, { cause: error });
  }
}

/** What {@link normalizeBaseUrl} needs to know about the target. */
export interface UrlTarget {
  /** The product (default: a Cortex gateway product such as XDR). */
  readonly product?: Product;
  /** The XSOAR version, for XSOAR. */
  readonly xsoarVersion?: XsoarVersion;
}

const LOOPBACK_OR_IP = /^(localhost|\[[0-9a-f:.]+\]|\d{1,3}(\.\d{1,3}){3})$/i;

/**
 * Normalises what a user pasted as the tenant URL into the API base URL. For the Cortex gateway products
 * (XDR, XSIAM, XSOAR 8, Xpanse, Cortex Cloud) it accepts the API URL, the console URL, an `ext-` URL or a
 * bare FQDN and derives the `api-` host, dropping console paths (the XSOAR 8 `/xsoar` prefix is added per
 * operation). XSOAR 6 servers are used as given, path included (multi-tenant `/acc_<name>`). An `http:`
 * URL, localhost or an IP address (such as the emulator's) is used as given.
 *
 * @param input - URL or FQDN.
 * @param target - Product and XSOAR version.
 * @returns The origin plus any path prefix, without a trailing slash.
 * @throws {@link CortexConfigError} when the input is not a URL or host name.
 */
export function normalizeBaseUrl(input: string, target: UrlTarget = {}): string {
  const routing = target.product === "xsoar" && target.xsoarVersion !== undefined ? routingFor("xsoar", target.xsoarVersion) : target.product === undefined || target.product === "xsoar" ? PRODUCT_ROUTING.xdr : routingFor(target.product);
  return baseUrlFor(input, routing);
}

// normalizeBaseUrl for a routing already resolved (resolveConfig's, which may be XSOAR's without the table of
// every product's routing).
function baseUrlFor(input: string, routing: ProductRouting): string {
  const trimmed = input.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new CortexConfigError("configuration", `The API URL "${redactUrl(trimmed)}" is not a URL. Use the tenant's API URL, e.g. https://api-acme.xdr.us.paloaltonetworks.com.`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new CortexConfigError("configuration", `The API URL must use https (got ${url.protocol}).`);
  }
  if (url.username !== "" || url.password !== "") {
    throw new CortexConfigError("configuration", "The API URL must not contain a user name or password; pass the key through apiKey/CORTEX_API_KEY.");
  }
  const isLocal = url.protocol === "http:" || LOOPBACK_OR_IP.test(url.hostname);
  if (!isLocal && routing.host === "api-prefix") {
    if (url.hostname.startsWith("ext-")) url.hostname = `api-${url.hostname.slice(4)}`;
    else if (!url.hostname.startsWith("api-")) url.hostname = `api-${url.hostname}`;
  }
  // Console paths (#/incidents, /dashboard, /xsoar) mean nothing to the API; keep a path prefix only on
  // local URLs and XSOAR 6 servers.
  const path = isLocal || routing.keepsBasePath ? url.pathname.replace(/\/+$/, "") : "";
  return `${url.origin}${path}`;
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) throw new CortexConfigError("configuration", `${name} must be a positive number of milliseconds; got ${String(value)}.`);
  return value;
}

function positiveInteger(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) throw new CortexConfigError("configuration", `${name} must be a positive whole number; got ${String(value)}.`);
  return value;
}

function nonNegative(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0) throw new CortexConfigError("configuration", `${name} must be zero or more; got ${String(value)}.`);
  return value;
}
