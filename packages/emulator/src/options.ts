/**
 * Options of `startEmulator`, their defaults and validation. Behaviour the
 * vendor does not document is gathered in {@link UnknownBehaviours}, each with
 * a default and a pointer to the reference, so nothing is guessed silently.
 */
import { DEFAULT_REQUEST_LIMITS, type RequestLimits } from "./bounds.js";
import type { Clock } from "./clock.js";
import { MAX_BODY_BYTES } from "./envelopes.js";
import type { FaultRule } from "./faults.js";
import { validateFaultPlan } from "./faults.js";
import type { GenericResponder } from "./generic.js";
import { DEFAULT_OPERATION_LIMITS, VENDOR_REQUESTS_PER_SECOND, operationKey, type OperationRateLimit, type ResolvedRateLimits } from "./limits/index.js";
import type { IngestionLimits } from "./limits/ingestion.js";
import type { XqlLimits } from "./limits/xql.js";
import { SCALE_PRESETS, type DataScale } from "./scale.js";
import { DEFAULT_NONCE_CACHE_ENTRIES, type NonceCacheFullPolicy } from "./nonce-cache.js";
import { PRODUCT_FAMILIES, type PathFamily } from "./paths.js";
import type { RoleSpec } from "./rbac.js";
import { tableOperationLimits } from "./schema-responder.js";
import type { AuthFailureEvent } from "./auth.js";
import type { XdrStateOptions } from "./state/xdr/options.js";
import { DEPLOYMENTS, type Deployment } from "@cortex-sdk/schemas-base/products";

/** Request-rate limits. */
export interface RateLimitOptions {
  /**
   * Requests per second per tenant across all endpoints; `null` for none.
   * The default is the vendor's documented 10 ({@link VENDOR_REQUESTS_PER_SECOND}); pass `null` when a
   * test suite sends raw requests in bursts on purpose. The SDK's own clients stay below it by default.
   */
  readonly perSecond?: number | null | undefined;
  /** Send `Retry-After` (seconds) with 429s; default `false` (the vendor sends no rate headers as far as documented). */
  readonly retryAfter?: boolean | undefined;
  /**
   * Per-operation limits. Default: {@link DEFAULT_OPERATION_LIMITS} (get_incident_extra_data: 10 a minute)
   * plus every `limits.rateLimit` of the operation table for the operations the tenant's product serves.
   * A list given here replaces those defaults.
   */
  readonly operations?: readonly OperationRateLimit[] | undefined;
}

/** XQL limits. */
export interface XqlLimitOptions {
  /** Concurrent XQL queries per tenant; default 4. */
  readonly maxConcurrent?: number | undefined;
  /** Daily compute-unit quota; default 5. */
  readonly dailyQuota?: number | undefined;
}

/** Alert-ingestion limits. */
export interface IngestionLimitOptions {
  /** Alerts per minute; default 600. */
  readonly alertsPerMinute?: number | undefined;
  /** Alerts per `insert_parsed_alerts` request; default 60. */
  readonly parsedAlertsPerRequest?: number | undefined;
}

/** Replay-cache bounds. */
export interface NonceCacheOptions {
  /**
   * Hard cap on remembered nonces across the server; default 250 000 (about 40 MB at ~165 bytes each).
   * Nonces live for the auth window, so the default holds ~830 advanced-key requests a second sustained.
   */
  readonly maxEntries?: number | undefined;
  /**
   * At the cap: `evict_oldest` (default; the oldest nonces are forgotten early) or
   * `reject` (429 "Too many requests" until nonces expire). See {@link NonceCacheFullPolicy}.
   */
  readonly whenFull?: NonceCacheFullPolicy | undefined;
}

/**
 * Answers where the vendor's behaviour is not documented. Each default follows
 * what the reference suggests; see the README's "Unknowns" table.
 */
export interface UnknownBehaviours {
  /** Status for a route no operation serves: 500 (default; reference xdr-xsiam-api §2.3 [LAB] saw 500) or 404. */
  readonly unknownRoute?: 404 | 500 | undefined;
  /** XSOAR 6 answer for a route it lacks: `"spa"` (default; 200 with the web app's HTML, reference xsoar §2.1) or 404. */
  readonly xsoar6UnknownRoute?: "spa" | 404 | undefined;
  /** Status for a non-JSON `Content-Type` on a body: 415 (default; XSOAR 8 does this, reference xsoar §2.6) or 400. */
  readonly contentTypeStatus?: 400 | 415 | undefined;
  /** Reject bodies without any `Content-Type`; default `false` (accepted as JSON). */
  readonly requireContentType?: boolean | undefined;
  /** Shape of IAM 400 bodies: `"flat"` (default; `{err_code, err_extra}`, reference xdr-xsiam §2.3) or `"data"` (`{data: {err_msg, metadata: {...}}}`, reference xsoar §1.4). */
  readonly iamErrorShape?: "flat" | "data" | undefined;
  /** Where `x-child-tenant-id` is honoured: `"all"` (default) or `"api_keys"` (only the API-key endpoints; elsewhere ignored). */
  readonly childTenantHeader?: "all" | "api_keys" | undefined;
  /** Status when `x-child-tenant-id` names a tenant the key may not act on: 403 (default) or 401. */
  readonly childTenantDeniedStatus?: 401 | 403 | undefined;
  /** Serve `/xsiam/public/v1/*` as an alias of `/public_api/v1/*` on XSIAM tenants; default `true`. */
  readonly xsiamPublicAlias?: boolean | undefined;
  /** HTTP status of the XQL concurrency error (body `err_code` is always 500); default 500. */
  readonly xqlConcurrencyStatus?: number | undefined;
  /** IAM key edit with a different `security_level`: `"reject"` (default; 400) or `"apply"`. */
  readonly keyEditSecurityLevel?: "reject" | "apply" | undefined;
  /** `get_api_keys` filter `roles contains [..]`: keys with `"any"` (default) or `"all"` of the listed roles. */
  readonly apiKeyRolesContains?: "any" | "all" | undefined;
  /**
   * API key ids given as numeric text (`"12"`) in the `id` filter of `get_api_keys` and `delete`: `"accept"`
   * (default; the service takes an id as a number or as text, issue #11, as its pydantic models coerce numeric
   * text to an int) or `"reject"` (400 "Input should be a valid integer"; the reference documents ints only,
   * xdr-xsiam §2.3, xsoar-xpanse-cloud §4.7). Other text is rejected either way.
   */
  readonly apiKeyIdsAsText?: "accept" | "reject" | undefined;
  /**
   * XSOAR 8 `POST /incident` creating an incident without `name`: `"reject"` (default; 400 "name is required":
   * the reference marks `name` required in 8, xsoar-xpanse-cloud §2.6, but not what the service answers) or
   * `"accept"` (created with an empty name, as XSOAR 6 does here).
   */
  readonly xsoar8IncidentWithoutName?: "reject" | "accept" | undefined;
  /**
   * Spelling of the count and data keys (`DATA`, `TOTAL_COUNT`, `FILTER_COUNT`) in replies that use the
   * upper-case ones: `"upper"` (default; as documented for api_keys, case and cloud_onboarding lists,
   * reference xsoar-xpanse-cloud §1.3, §4.7) or `"lower"` (the flavour some tenants serve, reference §5 item 10).
   */
  readonly countKeyCase?: "upper" | "lower" | undefined;
  /** Reply of the undocumented key check `api_keys/validate`: `"bare"` (default; `true`) or `"reply"` (`{"reply": true}`). */
  readonly keyCheckReply?: "bare" | "reply" | undefined;
}

/** {@link UnknownBehaviours} with defaults applied. */
export type ResolvedUnknowns = { readonly [K in keyof UnknownBehaviours]-?: Exclude<UnknownBehaviours[K], undefined> };

/** The default of every {@link UnknownBehaviours} field. */
export const DEFAULT_UNKNOWNS: ResolvedUnknowns = {
  unknownRoute: 500,
  xsoar6UnknownRoute: "spa",
  contentTypeStatus: 415,
  requireContentType: false,
  iamErrorShape: "flat",
  childTenantHeader: "all",
  childTenantDeniedStatus: 403,
  xsiamPublicAlias: true,
  xqlConcurrencyStatus: 500,
  keyEditSecurityLevel: "reject",
  apiKeyRolesContains: "any",
  apiKeyIdsAsText: "accept",
  xsoar8IncidentWithoutName: "reject",
  countKeyCase: "upper",
  keyCheckReply: "bare",
};

/** One tenant to host. */
export interface TenantSpec {
  /** Stable id (letters, digits, `-`, `_`, `.`), e.g. `"acme-xdr"`. */
  readonly id: string;
  /** Deployment served. */
  readonly product: Deployment;
  /** Display name; default derived from the product. */
  readonly name?: string | undefined;
  /** MSSP parent tenant id: the parent's keys may act on this tenant with `x-child-tenant-id`. */
  readonly parent?: string | undefined;
  /** Data seed; default the emulator seed (mixed with the tenant id). */
  readonly seed?: number | undefined;
  /** Data scale; default the emulator's. */
  readonly scale?: DataScale | undefined;
  /** Seeded incidents; overrides `scale`. */
  readonly incidentCount?: number | undefined;
  /** Extra roles (added to the seeded ones and `EmulatorOptions.roles`). */
  readonly roles?: readonly RoleSpec[] | undefined;
  /** Path families served; default {@link PRODUCT_FAMILIES} of the product. */
  readonly families?: readonly PathFamily[] | undefined;
  /** Rate limits, overriding `EmulatorOptions.rateLimits` field by field. */
  readonly rateLimits?: RateLimitOptions | undefined;
  /** XQL limits, overriding `EmulatorOptions.xqlLimits`. */
  readonly xqlLimits?: XqlLimitOptions | undefined;
  /** Ingestion limits, overriding `EmulatorOptions.ingestionLimits`. */
  readonly ingestionLimits?: IngestionLimitOptions | undefined;
  /**
   * The tenant's scope-based access switch: `false` (default, as the console ships) stores keys' scopes
   * without enforcing them; `true` enforces them. Change it at run time with `RunningEmulator.setScopeEnforcement`.
   */
  readonly scopeEnforcement?: boolean | undefined;
}

/** Options for `startEmulator`. Every field is optional. */
export interface EmulatorOptions {
  /** TCP port; `0` (default) picks a free one. */
  readonly port?: number | undefined;
  /** Interface to bind; default `"127.0.0.1"`. */
  readonly host?: string | undefined;
  /** Seed for all generated data and fault probabilities (not for secrets); default `1`. */
  readonly seed?: number | undefined;
  /** Data scale of every tenant; default `"small"`. */
  readonly scale?: DataScale | undefined;
  /** Seeded incidents per tenant; overrides `scale`. */
  readonly incidentCount?: number | undefined;
  /** How far an advanced-key timestamp may be from the emulator clock, ms; default 300 000 (±5 min). */
  readonly authWindowMs?: number | undefined;
  /** Added to the base clock to form the emulator clock; default `0`. Use it to simulate client skew. */
  readonly clockOffsetMs?: number | undefined;
  /** Base clock in epoch ms; default `Date.now`. Inject one to move time in tests. */
  readonly now?: Clock | undefined;
  /** Request-rate limits for every tenant (XSOAR 6 tenants: none unless set on the tenant). */
  readonly rateLimits?: RateLimitOptions | undefined;
  /** XQL limits for every tenant. */
  readonly xqlLimits?: XqlLimitOptions | undefined;
  /** Ingestion limits for every tenant. */
  readonly ingestionLimits?: IngestionLimitOptions | undefined;
  /** Initial fault plan; change it at run time with `RunningEmulator.faults`. */
  readonly faults?: readonly FaultRule[] | undefined;
  /** Directory for durable state (keys survive restarts); default none (in memory). */
  readonly dataDir?: string | undefined;
  /** Tenants to host; default one per product plus an MSSP child of the XSIAM tenant (see README). */
  readonly tenants?: readonly TenantSpec[] | undefined;
  /** Custom roles added to every tenant. */
  readonly roles?: readonly RoleSpec[] | undefined;
  /** Replay-cache bounds. */
  readonly nonceCache?: NonceCacheOptions | undefined;
  /** Largest request body, bytes; default {@link MAX_BODY_BYTES} (1 MiB). Larger bodies get 413. */
  readonly maxBodyBytes?: number | undefined;
  /**
   * Size bounds of a parsed JSON body: most items in one array, longest string, deepest nesting;
   * default {@link DEFAULT_REQUEST_LIMITS}. A body past one gets 400 naming the value.
   */
  readonly requestLimits?: Partial<RequestLimits> | undefined;
  /** Answers where the vendor's behaviour is undocumented. */
  readonly unknowns?: UnknownBehaviours | undefined;
  /**
   * XDR / XSIAM state: response-action and XQL timing on the emulator clock, alert and endpoint counts
   * (default: {@link SCALE_PRESETS} of the tenant's scale), download-link lifetime. Applies to every
   * XDR and XSIAM tenant.
   * @throws RangeError (from `startEmulator`) on negative or non-integer values.
   */
  readonly xdrState?: XdrStateOptions | undefined;
  /**
   * Generic operation layer (validation and answers for operations without a handler). Default
   * (`undefined`): the schema-driven layer, `createSchemaResponder()`, covering every operation of the
   * schemas table. `null` turns the generic layer off (only specific handlers answer); any other
   * responder replaces it (wrap `createSchemaResponder()` to extend it).
   */
  readonly genericResponder?: GenericResponder | null | undefined;
  /** Called for every rejected credential with the internal reason the client never sees. */
  readonly onAuthFailure?: ((event: AuthFailureEvent) => void) | undefined;
  /** Called with any unexpected error the emulator answered with a 500. */
  readonly onError?: ((error: unknown) => void) | undefined;
}

/** A tenant after defaults and validation. */
export interface ResolvedTenant {
  readonly id: string;
  readonly product: Deployment;
  readonly name: string;
  readonly parentId: string | null;
  readonly seed: number;
  readonly incidentCount: number;
  readonly roles: readonly RoleSpec[];
  readonly families: readonly PathFamily[];
  readonly rate: ResolvedRateLimits;
  readonly xql: XqlLimits;
  readonly ingestion: IngestionLimits;
  readonly scopeEnforcement: boolean;
}

/** Options after defaults and validation. */
export interface ResolvedOptions {
  readonly port: number;
  readonly host: string;
  readonly seed: number;
  readonly authWindowMs: number;
  readonly clockOffsetMs: number;
  readonly maxBodyBytes: number;
  readonly requestLimits: RequestLimits;
  readonly nonceMaxEntries: number;
  readonly nonceWhenFull: NonceCacheFullPolicy;
  readonly faults: readonly FaultRule[];
  readonly dataDir: string | undefined;
  readonly tenants: readonly ResolvedTenant[];
  readonly unknowns: ResolvedUnknowns;
}

const PRODUCT_NAMES: Readonly<Record<Deployment, string>> = {
  xdr: "Cortex XDR",
  xsiam: "Cortex XSIAM",
  xsoar6: "Cortex XSOAR 6",
  xsoar8: "Cortex XSOAR 8",
  xpanse: "Cortex Xpanse",
  cloud: "Cortex Cloud",
};

/** Id of the MSSP child tenant the default plan pairs with the XSIAM tenant. */
export const DEFAULT_CHILD_TENANT_ID = "tenant-xsiam-child-1";

/** The default tenants: one per product (XDR first), then an MSSP child of the XSIAM tenant. */
export function defaultTenantSpecs(): TenantSpec[] {
  return [
    ...DEPLOYMENTS.map((product): TenantSpec => ({ id: `tenant-${product}-1`, product })),
    { id: DEFAULT_CHILD_TENANT_ID, product: "xsiam", parent: "tenant-xsiam-1", name: "Emulated Cortex XSIAM child tenant" },
  ];
}

function requireInteger(name: string, value: unknown, min: number, max: number = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new RangeError(`EmulatorOptions.${name} must be an integer in [${min}, ${max}], got ${String(value)}`);
  }
  return value;
}

function oneOf<const T>(name: string, value: unknown, allowed: readonly T[]): T {
  const found = allowed.find((candidate) => candidate === value);
  if (found === undefined) {
    throw new RangeError(`EmulatorOptions.${name} must be one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}, got ${JSON.stringify(value)}`);
  }
  return found;
}

function resolveUnknowns(input: UnknownBehaviours | undefined): ResolvedUnknowns {
  const given = input ?? {};
  const pick = <K extends keyof ResolvedUnknowns>(key: K, allowed: readonly ResolvedUnknowns[K][]): ResolvedUnknowns[K] =>
    given[key] === undefined ? DEFAULT_UNKNOWNS[key] : oneOf(`unknowns.${key}`, given[key], allowed);
  const xqlStatus = given.xqlConcurrencyStatus;
  return {
    unknownRoute: pick("unknownRoute", [404, 500]),
    xsoar6UnknownRoute: pick("xsoar6UnknownRoute", ["spa", 404]),
    contentTypeStatus: pick("contentTypeStatus", [400, 415]),
    requireContentType: pick("requireContentType", [true, false]),
    iamErrorShape: pick("iamErrorShape", ["flat", "data"]),
    childTenantHeader: pick("childTenantHeader", ["all", "api_keys"]),
    childTenantDeniedStatus: pick("childTenantDeniedStatus", [401, 403]),
    xsiamPublicAlias: pick("xsiamPublicAlias", [true, false]),
    xqlConcurrencyStatus:
      xqlStatus === undefined ? DEFAULT_UNKNOWNS.xqlConcurrencyStatus : requireInteger("unknowns.xqlConcurrencyStatus", xqlStatus, 400, 599),
    keyEditSecurityLevel: pick("keyEditSecurityLevel", ["reject", "apply"]),
    apiKeyRolesContains: pick("apiKeyRolesContains", ["any", "all"]),
    apiKeyIdsAsText: pick("apiKeyIdsAsText", ["accept", "reject"]),
    xsoar8IncidentWithoutName: pick("xsoar8IncidentWithoutName", ["reject", "accept"]),
    countKeyCase: pick("countKeyCase", ["upper", "lower"]),
    keyCheckReply: pick("keyCheckReply", ["bare", "reply"]),
  };
}

function resolveRate(where: string, base: ResolvedRateLimits, input: RateLimitOptions | undefined): ResolvedRateLimits {
  if (input === undefined) return base;
  const perSecond =
    input.perSecond === undefined
      ? base.perSecond
      : input.perSecond === null
        ? null
        : requireInteger(`${where}.perSecond`, input.perSecond, 1, 1_000_000);
  const operations = input.operations ?? base.operations;
  operations.forEach((limit, index) => {
    if (typeof limit.method !== "string" || typeof limit.path !== "string" || !limit.path.startsWith("/")) {
      throw new RangeError(`EmulatorOptions.${where}.operations[${index}] needs a method and a path starting with /`);
    }
    requireInteger(`${where}.operations[${index}].limit`, limit.limit, 1, 1_000_000);
    requireInteger(`${where}.operations[${index}].windowMs`, limit.windowMs, 1);
  });
  return { perSecond, retryAfter: input.retryAfter ?? base.retryAfter, operations };
}

/** Adds the table's documented per-operation limits to the defaults (not to a list the user gave), once per operation. */
function withTableLimits(rate: ResolvedRateLimits, product: Deployment, explicit: boolean): ResolvedRateLimits {
  if (explicit) return rate;
  const seen = new Set(rate.operations.map((limit) => operationKey(limit.method, limit.path)));
  const added = tableOperationLimits(product).filter((limit) => {
    const key = operationKey(limit.method, limit.path);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return added.length === 0 ? rate : { ...rate, operations: [...rate.operations, ...added] };
}

const TENANT_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/**
 * Applies defaults and validates.
 * @throws RangeError or TypeError naming the offending option.
 */
export function resolveOptions(options: EmulatorOptions): ResolvedOptions {
  const seed = requireInteger("seed", options.seed ?? 1, Number.MIN_SAFE_INTEGER);
  const scale = oneOf<DataScale>("scale", options.scale ?? "small", ["small", "large"]);
  const incidentCount =
    options.incidentCount === undefined ? SCALE_PRESETS[scale].incidents : requireInteger("incidentCount", options.incidentCount, 0, 100_000);
  const unknowns = resolveUnknowns(options.unknowns);
  const rateDefaults: ResolvedRateLimits = { perSecond: VENDOR_REQUESTS_PER_SECOND, retryAfter: false, operations: DEFAULT_OPERATION_LIMITS };
  const rate = resolveRate("rateLimits", rateDefaults, options.rateLimits);
  const xql: XqlLimits = {
    maxConcurrent: requireInteger("xqlLimits.maxConcurrent", options.xqlLimits?.maxConcurrent ?? 4, 1, 10_000),
    dailyQuota: requireInteger("xqlLimits.dailyQuota", options.xqlLimits?.dailyQuota ?? 5, 0),
    concurrencyStatus: unknowns.xqlConcurrencyStatus,
  };
  const ingestion: IngestionLimits = {
    alertsPerMinute: requireInteger("ingestionLimits.alertsPerMinute", options.ingestionLimits?.alertsPerMinute ?? 600, 1, 1_000_000),
    parsedAlertsPerRequest: requireInteger(
      "ingestionLimits.parsedAlertsPerRequest",
      options.ingestionLimits?.parsedAlertsPerRequest ?? 60,
      1,
      1_000_000,
    ),
  };

  const specs = options.tenants ?? defaultTenantSpecs();
  if (!Array.isArray(specs) || specs.length === 0) throw new RangeError("EmulatorOptions.tenants must list at least one tenant");
  const ids = new Set<string>();
  const tenants = specs.map((spec, index): ResolvedTenant => {
    const where = `tenants[${index}]`;
    if (typeof spec.id !== "string" || !TENANT_ID.test(spec.id)) {
      throw new RangeError(`EmulatorOptions.${where}.id must match ${TENANT_ID.source}, got ${JSON.stringify(spec.id)}`);
    }
    if (ids.has(spec.id)) throw new RangeError(`EmulatorOptions.${where}.id '${spec.id}' is used twice`);
    ids.add(spec.id);
    const product = oneOf(`${where}.product`, spec.product, DEPLOYMENTS);
    const tenantScale = oneOf<DataScale>(`${where}.scale`, spec.scale ?? scale, ["small", "large"]);
    const families: readonly PathFamily[] = spec.families ?? PRODUCT_FAMILIES[product];
    const known = new Set(Object.values(PRODUCT_FAMILIES).flat());
    for (const family of families) {
      if (!known.has(family)) throw new RangeError(`EmulatorOptions.${where}.families: unknown family '${String(family)}'`);
    }
    // XSOAR 6 has no documented rate limit: none unless the tenant sets one.
    const tenantRateBase = product === "xsoar6" ? { ...rate, perSecond: null } : rate;
    return {
      id: spec.id,
      product,
      name: spec.name ?? `Emulated ${PRODUCT_NAMES[product]} tenant`,
      parentId: spec.parent ?? null,
      scopeEnforcement: spec.scopeEnforcement === true,
      seed: spec.seed === undefined ? seed : requireInteger(`${where}.seed`, spec.seed, Number.MIN_SAFE_INTEGER),
      incidentCount:
        spec.incidentCount !== undefined
          ? requireInteger(`${where}.incidentCount`, spec.incidentCount, 0, 100_000)
          : options.incidentCount !== undefined
            ? incidentCount
            : SCALE_PRESETS[tenantScale].incidents,
      roles: [...(options.roles ?? []), ...(spec.roles ?? [])],
      families: families.filter((family: PathFamily) => unknowns.xsiamPublicAlias || family !== "xsiam_public_v1"),
      rate: withTableLimits(
        resolveRate(`${where}.rateLimits`, tenantRateBase, spec.rateLimits),
        product,
        options.rateLimits?.operations !== undefined || spec.rateLimits?.operations !== undefined,
      ),
      xql: {
        maxConcurrent:
          spec.xqlLimits?.maxConcurrent === undefined
            ? xql.maxConcurrent
            : requireInteger(`${where}.xqlLimits.maxConcurrent`, spec.xqlLimits.maxConcurrent, 1, 10_000),
        dailyQuota:
          spec.xqlLimits?.dailyQuota === undefined
            ? xql.dailyQuota
            : requireInteger(`${where}.xqlLimits.dailyQuota`, spec.xqlLimits.dailyQuota, 0),
        concurrencyStatus: xql.concurrencyStatus,
      },
      ingestion: {
        alertsPerMinute:
          spec.ingestionLimits?.alertsPerMinute === undefined
            ? ingestion.alertsPerMinute
            : requireInteger(`${where}.ingestionLimits.alertsPerMinute`, spec.ingestionLimits.alertsPerMinute, 1, 1_000_000),
        parsedAlertsPerRequest:
          spec.ingestionLimits?.parsedAlertsPerRequest === undefined
            ? ingestion.parsedAlertsPerRequest
            : requireInteger(`${where}.ingestionLimits.parsedAlertsPerRequest`, spec.ingestionLimits.parsedAlertsPerRequest, 1, 1_000_000),
      },
    };
  });
  for (const tenant of tenants) {
    if (tenant.parentId === null) continue;
    const parent = tenants.find((candidate) => candidate.id === tenant.parentId);
    if (parent === undefined) throw new RangeError(`EmulatorOptions.tenants: '${tenant.id}' names unknown parent '${tenant.parentId}'`);
    if (parent.id === tenant.id || parent.parentId !== null) {
      throw new RangeError(`EmulatorOptions.tenants: '${tenant.id}': a parent must be a top-level tenant (MSSP pairing is one level deep)`);
    }
    if (tenant.product === "xsoar6" || parent.product === "xsoar6") {
      throw new RangeError(`EmulatorOptions.tenants: '${tenant.id}': XSOAR 6 tenants cannot take part in MSSP pairing here`);
    }
  }

  const dataDir = options.dataDir;
  if (dataDir !== undefined && (typeof dataDir !== "string" || dataDir === "")) {
    throw new TypeError("EmulatorOptions.dataDir must be a non-empty path");
  }
  const host = options.host ?? "127.0.0.1";
  if (typeof host !== "string" || host === "") throw new TypeError("EmulatorOptions.host must be a non-empty string");
  return {
    port: requireInteger("port", options.port ?? 0, 0, 65_535),
    host,
    seed,
    authWindowMs: requireInteger("authWindowMs", options.authWindowMs ?? 300_000, 1),
    clockOffsetMs: requireInteger("clockOffsetMs", options.clockOffsetMs ?? 0, Number.MIN_SAFE_INTEGER),
    maxBodyBytes: requireInteger("maxBodyBytes", options.maxBodyBytes ?? MAX_BODY_BYTES, 1, 1024 * 1024 * 1024),
    requestLimits: {
      maxArrayItems: requireInteger("requestLimits.maxArrayItems", options.requestLimits?.maxArrayItems ?? DEFAULT_REQUEST_LIMITS.maxArrayItems, 1),
      maxStringLength: requireInteger("requestLimits.maxStringLength", options.requestLimits?.maxStringLength ?? DEFAULT_REQUEST_LIMITS.maxStringLength, 1),
      maxDepth: requireInteger("requestLimits.maxDepth", options.requestLimits?.maxDepth ?? DEFAULT_REQUEST_LIMITS.maxDepth, 1, 10_000),
    },
    nonceMaxEntries: requireInteger("nonceCache.maxEntries", options.nonceCache?.maxEntries ?? DEFAULT_NONCE_CACHE_ENTRIES, 1, 100_000_000),
    nonceWhenFull: oneOf("nonceCache.whenFull", options.nonceCache?.whenFull ?? "evict_oldest", ["reject", "evict_oldest"]),
    faults: validateFaultPlan(options.faults ?? [], "EmulatorOptions.faults"),
    dataDir,
    tenants,
    unknowns,
  };
}
