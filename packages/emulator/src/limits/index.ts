/**
 * Per-tenant limits: the request rate across all endpoints, per-operation
 * rates (registered as data), XQL concurrency and alert ingestion. Every
 * counter is created up front from configuration, so nothing grows with
 * traffic.
 */
import { stripTrailingSlash } from "../paths.js";
import { IngestionAccounting, type IngestionLimits } from "./ingestion.js";
import { SlidingWindow, type Admission } from "./window.js";
import { XqlAccounting, type XqlLimits } from "./xql.js";

/** A rate limit on one operation, identified by method and canonical path. */
export interface OperationRateLimit {
  /** HTTP method, e.g. `"POST"`. */
  readonly method: string;
  /** Canonical path, e.g. `/public_api/v1/incidents/get_incident_extra_data` (XSOAR routes: without prefix). */
  readonly path: string;
  /** Requests allowed per window. */
  readonly limit: number;
  /** Window length in ms. */
  readonly windowMs: number;
}

/** The per-operation limits the reference documents (xdr-xsiam-api §4.2, §6). */
export const DEFAULT_OPERATION_LIMITS: readonly OperationRateLimit[] = [
  { method: "POST", path: "/public_api/v1/incidents/get_incident_extra_data", limit: 10, windowMs: 60_000 },
];

/** The vendor's documented request rate per tenant across all endpoints. */
export const VENDOR_REQUESTS_PER_SECOND = 10;

/** Rate-limit settings after defaults are applied. */
export interface ResolvedRateLimits {
  /** Requests per second per tenant across all endpoints, or `null` for no limit. */
  readonly perSecond: number | null;
  /** Whether 429s carry `Retry-After` (seconds). */
  readonly retryAfter: boolean;
  /** Per-operation limits. */
  readonly operations: readonly OperationRateLimit[];
}

/** Key of an operation limit: `"POST /public_api/v1/..."`. */
export function operationKey(method: string, path: string): string {
  return `${method.toUpperCase()} ${stripTrailingSlash(path)}`;
}

/** All limits of one tenant. */
export class TenantLimits {
  readonly #global: SlidingWindow | null;
  readonly #operations = new Map<string, SlidingWindow>();
  /** Whether 429s carry `Retry-After`. */
  readonly retryAfter: boolean;
  /** XQL concurrency and quota. */
  readonly xql: XqlAccounting;
  /** Alert ingestion budget. */
  readonly ingestion: IngestionAccounting;

  /**
   * @param rate - Request-rate limits.
   * @param xql - XQL limits.
   * @param ingestion - Ingestion limits.
   */
  constructor(rate: ResolvedRateLimits, xql: XqlLimits, ingestion: IngestionLimits) {
    this.#global = rate.perSecond === null ? null : new SlidingWindow(rate.perSecond, 1000);
    for (const limit of rate.operations) {
      this.#operations.set(operationKey(limit.method, limit.path), new SlidingWindow(limit.limit, limit.windowMs));
    }
    this.retryAfter = rate.retryAfter;
    this.xql = new XqlAccounting(xql);
    this.ingestion = new IngestionAccounting(ingestion);
  }

  /** Counts a request against the tenant-wide rate. */
  admitRequest(now: number): Admission {
    return this.#global === null ? { ok: true } : this.#global.tryAcquire(now);
  }

  /** Counts a request against its operation's rate, if the operation has one. */
  admitOperation(method: string, canonicalPath: string, now: number): Admission {
    const window = this.#operations.get(operationKey(method, canonicalPath));
    return window === undefined ? { ok: true } : window.tryAcquire(now);
  }
}

export type { Admission } from "./window.js";
export type { XqlLimits, XqlCounters } from "./xql.js";
export type { IngestionLimits, IngestionKind } from "./ingestion.js";
