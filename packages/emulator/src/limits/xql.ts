/**
 * XQL concurrency and quota accounting per tenant. The XQL operations (added
 * with the tenant state) call {@link XqlAccounting.acquire} when a query
 * starts and {@link XqlAccounting.release} when it finishes; going over the
 * limit raises the documented error (reference xdr-xsiam-api §4.8).
 */
import { ApiError, XQL_ERROR_MESSAGE } from "../envelopes.js";

/** The documented `err_extra.err_msg` of the concurrency error, verbatim. */
export const XQL_CONCURRENCY_MESSAGE =
  "reached max allowed amount of parallel running queries. please wait for some queries to finish and submit your query again";

const DAY_MS = 24 * 60 * 60 * 1000;

/** Settings of {@link XqlAccounting}. */
export interface XqlLimits {
  /** Queries that may run at once per tenant; the vendor's is 4. */
  readonly maxConcurrent: number;
  /** Daily compute-unit quota (`license_quota`); the reference's example is 5. */
  readonly dailyQuota: number;
  /** HTTP status of the concurrency error (the reference gives only `err_code` 500). */
  readonly concurrencyStatus: number;
}

/** The counters `xql/get_quota` reports. */
export interface XqlCounters {
  /** Queries started today (UTC day of the emulator clock). */
  readonly total_daily_running_queries: number;
  /** Queries refused today for concurrency. */
  readonly total_daily_concurrent_rejected_queries: number;
  /** Running queries now. */
  readonly current_concurrent_active_queries_count: number;
  /** Most queries running at once today. */
  readonly max_daily_concurrent_active_query_count: number;
  /** Compute units used today. */
  readonly used_quota: number;
  /** `dailyQuota - used_quota`, never below 0. */
  readonly remaining_quota: number;
}

/** One tenant's XQL accounting. Memory: at most `maxConcurrent` active ids. */
export class XqlAccounting {
  readonly #limits: XqlLimits;
  readonly #active = new Map<string, number>();
  #day = Number.NaN;
  #started = 0;
  #rejected = 0;
  #peak = 0;
  #used = 0;

  /** @param limits - Concurrency, quota and error status. */
  constructor(limits: XqlLimits) {
    this.#limits = limits;
  }

  #roll(now: number): void {
    const day = Math.floor(now / DAY_MS);
    if (day !== this.#day) {
      this.#day = day;
      this.#started = 0;
      this.#rejected = 0;
      this.#peak = this.#active.size;
      this.#used = 0;
    }
  }

  /**
   * Registers a starting query.
   * @throws ApiError - the documented concurrency error when `maxConcurrent` queries already run.
   */
  acquire(queryId: string, now: number): void {
    this.#roll(now);
    if (this.#active.has(queryId)) return;
    if (this.#active.size >= this.#limits.maxConcurrent) {
      this.#rejected++;
      const extra = {
        err_msg: XQL_CONCURRENCY_MESSAGE,
        query_cost: 0,
        remaining_quota: this.#remaining(),
        total_daily_running_queries: this.#started,
        total_daily_concurrent_rejected_queries: this.#rejected,
      };
      throw new ApiError(this.#limits.concurrencyStatus, XQL_ERROR_MESSAGE, extra, {
        body: { reply: { err_code: 500, err_msg: XQL_ERROR_MESSAGE, err_extra: extra } },
      });
    }
    this.#active.set(queryId, now);
    this.#started++;
    this.#peak = Math.max(this.#peak, this.#active.size);
  }

  /** Marks a query finished (success, failure or cancel). @returns whether it was running. */
  release(queryId: string): boolean {
    return this.#active.delete(queryId);
  }

  /** Adds compute units used by a finished query. */
  charge(cost: number, now: number): void {
    this.#roll(now);
    this.#used += cost;
  }

  /** Ids of running queries with their start times (epoch ms). */
  active(): ReadonlyMap<string, number> {
    return this.#active;
  }

  #remaining(): number {
    return Math.max(0, this.#limits.dailyQuota - this.#used);
  }

  /** The counters `xql/get_quota` reports, as of `now`. */
  counters(now: number): XqlCounters {
    this.#roll(now);
    return {
      total_daily_running_queries: this.#started,
      total_daily_concurrent_rejected_queries: this.#rejected,
      current_concurrent_active_queries_count: this.#active.size,
      max_daily_concurrent_active_query_count: this.#peak,
      used_quota: this.#used,
      remaining_quota: this.#remaining(),
    };
  }
}
