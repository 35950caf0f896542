/**
 * The XQL workflow of XDR and XSIAM: hold one of the tenant's query slots, start the query, poll its
 * results with backoff until it succeeds or fails, and hand the rows over as an async iterable: inline
 * results (up to 1,000 rows) or, when the service answers with a `stream_id`, the NDJSON (gzip) stream
 * read row by row with constant memory.
 *
 * @module
 */
import { CortexError, CortexServerError, CortexXqlQueryError, CortexXqlQuotaError, isCortexError, waitUntil, type CortexClient } from "@cortex-sdk/core";
import type { ShapedClient } from "../shared/types.js";

/** The time range of a query: absolute epoch milliseconds, or the last `relativeTime` ms. */
export type XqlTimeframe = { readonly from: number; readonly to: number } | { readonly relativeTime: number };

/** Options of {@link runXqlQuery} (`client.xql.query`). */
export interface XqlQueryOptions {
  /** Time range; the service's default (the last 24 hours) when absent. */
  readonly timeframe?: XqlTimeframe;
  /** MSSP: child tenant ids to query together; rows then carry a `tenant` field. */
  readonly tenants?: readonly string[];
  /** Cancels waiting for a slot, polling and reading rows. */
  readonly signal?: AbortSignal;
  /**
   * Most rows to yield. Up to 1,000 it is also sent to the service (which then answers inline); above
   * that, or when absent, every row is read, from the stream endpoint when there are more than 1,000.
   */
  readonly limit?: number;
  /** Longest wait for the query to finish, ms (default 600,000). */
  readonly maxWaitMs?: number;
  /** First delay between polls, ms (default 1,000). */
  readonly minDelayMs?: number;
  /** Largest delay between polls, ms (default 10,000). */
  readonly maxDelayMs?: number;
  /** Deadline for reading the result stream, ms (default 1,800,000). */
  readonly streamTimeoutMs?: number;
  /** Ask for the stream gzip-compressed (default true; decoded on the fly either way). */
  readonly gzip?: boolean;
  /** Read `xql.get_quota` before starting and refuse to start when no quota is left (default false: one call less). */
  readonly checkQuota?: boolean;
}

/** The facts of a finished query. */
export interface XqlQueryInfo {
  /** Execution id. */
  readonly queryId: string;
  /** Final status (`SUCCESS`). */
  readonly status: string;
  /** Rows the query produced (all tenants). */
  readonly numberOfResults: number | undefined;
  /** Cost of the query per tenant id, in quota units. */
  readonly queryCost: Readonly<Record<string, number>>;
  /** Sum of {@link XqlQueryInfo.queryCost}. */
  readonly totalCost: number;
  /** Quota left after the query, in quota units. */
  readonly remainingQuota: number | undefined;
  /** Whether the rows come from the stream endpoint (more than 1,000) rather than inline. */
  readonly streamed: boolean;
  /** Number of polls it took. */
  readonly polls: number;
}

/** A finished query: its facts, and its rows as an async iterable (read them once). */
export interface XqlResult<Row> extends XqlQueryInfo, AsyncIterable<Row> {
  /** @returns The rows, one at a time; breaking out of the loop closes the stream. */
  rows(): AsyncGenerator<Row, void, undefined>;
}

interface ResultsReply {
  readonly status?: string;
  readonly number_of_results?: number;
  readonly query_cost?: Record<string, number>;
  readonly remaining_quota?: number;
  readonly results?: { readonly data?: readonly unknown[]; readonly stream_id?: string };
  readonly [key: string]: unknown;
}

const PENDING = new Set(["PENDING", "RUNNING", "IN_PROGRESS"]);
const QUOTA_TEXT = /quota/i;

/**
 * What `client.xql.query()` returns: await it for the finished query's facts and rows, or `for await`
 * over it directly for the rows.
 */
export class XqlQuery<Row = Record<string, unknown>> implements PromiseLike<XqlResult<Row>>, AsyncIterable<Row> {
  readonly #start: () => Promise<XqlResult<Row>>;
  #result: Promise<XqlResult<Row>> | undefined;

  /** @param start - Runs the query (once, on first use). */
  constructor(start: () => Promise<XqlResult<Row>>) {
    this.#start = start;
  }

  #run(): Promise<XqlResult<Row>> {
    this.#result ??= this.#start();
    return this.#result;
  }

  /**
   * Promise `then`: resolves when the query has finished.
   *
   * @param onfulfilled - Called with the result.
   * @param onrejected - Called with the error.
   * @returns A promise of the callback's result.
   */
  then<R1 = XqlResult<Row>, R2 = never>(
    onfulfilled?: ((value: XqlResult<Row>) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.#run().then(onfulfilled, onrejected);
  }

  /** @returns An iterator over the rows (runs the query first). */
  async *[Symbol.asyncIterator](): AsyncIterator<Row> {
    const result = await this.#run();
    yield* result.rows();
  }
}

/** The XQL operations a query run calls, with the reply fields it reads. */
type XqlRunShapes = {
  readonly "xql.start_xql_query": { readonly request: unknown; readonly reply: unknown };
  readonly "xql.get_query_results": { readonly request: unknown; readonly reply: ResultsReply };
  readonly "xql.get_query_results_stream": { readonly request: unknown; readonly reply: unknown };
  readonly "xql.get_quota": { readonly request: unknown; readonly reply: Record<string, unknown> };
};

/**
 * Runs an XQL query from start to rows. It holds one of the tenant's XQL slots (at most four queries at
 * once per tenant, the documented limit) while the query runs; the "parallel running queries" 500 is
 * retried by the transport if another process holds the slots. Polling uses `pending_flag` and backs
 * off from `minDelayMs` to `maxDelayMs`. The slot is released as soon as the query has finished; the
 * rows are read afterwards.
 *
 * @param client - An XDR or XSIAM client.
 * @param query - The XQL text, e.g. `dataset = xdr_data | limit 10`.
 * @param options - Time range, tenants, limit, signal and polling limits.
 * @returns A finished query with its cost, remaining quota and rows.
 * @throws `CortexXqlQueryError` when the query fails (status `FAIL`).
 * @throws `CortexXqlQuotaError` when the tenant's quota is used up.
 * @throws `CortexTimeoutError` (`phase: "wait"`) when it does not finish within `maxWaitMs`.
 * @throws `CortexAbortError` when the signal fires.
 */
export async function runXqlQuery<Row = Record<string, unknown>>(client: CortexClient, query: string, options: XqlQueryOptions = {}): Promise<XqlResult<Row>> {
  const xql: ShapedClient<XqlRunShapes> = client;
  const signal = options.signal;
  const call = signal === undefined ? {} : { signal };
  const limit = options.limit === undefined ? undefined : Math.max(0, Math.floor(options.limit));
  const finished = await client.withXqlSlot(async () => {
    if (options.checkQuota === true) await assertQuota(xql, call);
    const startBody = {
      query,
      ...(options.tenants === undefined ? {} : { tenants: [...options.tenants] }),
      ...(options.timeframe === undefined ? {} : { timeframe: options.timeframe }),
    };
    let queryId: string;
    try {
      queryId = String(await xql.request("xql.start_xql_query", startBody, call));
    } catch (error) {
      throw asQuotaError(error) ?? error;
    }
    let polls = 0;
    const reply = await waitUntil<ResultsReply>(
      async () => {
        polls += 1;
        const body = { query_id: queryId, pending_flag: true, format: "json", ...(limit !== undefined && limit <= 1000 ? { limit: Math.max(1, limit) } : {}) };
        const result = await xql.request("xql.get_query_results", body, call).catch((error: unknown) => {
          throw asQuotaError(error) ?? error;
        });
        const status = String(result?.status ?? "").toUpperCase();
        if (PENDING.has(status) || status === "") return { done: false, state: status || "PENDING" };
        if (status === "FAIL" || status === "FAILED" || status === "CANCELED" || status === "CANCELLED") {
          const why = describeFailure(result);
          if (QUOTA_TEXT.test(why)) throw new CortexXqlQuotaError(`XQL query ${queryId} was refused: ${why}. The daily quota resets at midnight; check it with xql.get_quota.`, numberOr(result.remaining_quota), { operationId: "xql.get_query_results" });
          throw new CortexXqlQueryError(queryId, `XQL query ${queryId} failed${why === "" ? "" : `: ${why}`}. Check the query text and dataset names.`, result, { operationId: "xql.get_query_results" });
        }
        return { done: true, value: result };
      },
      { maxWaitMs: options.maxWaitMs ?? 600_000, minDelayMs: options.minDelayMs ?? 1_000, maxDelayMs: options.maxDelayMs ?? 10_000, description: `XQL query ${queryId}`, ...call },
    );
    return { queryId, reply, polls };
  }, call);

  const { queryId, reply, polls } = finished;
  const queryCost = { ...(reply.query_cost ?? {}) };
  const streamId = reply.results?.stream_id;
  const inline = reply.results?.data ?? [];
  const streamed = typeof streamId === "string" && streamId !== "";
  const info: XqlQueryInfo = {
    queryId,
    status: String(reply.status ?? "SUCCESS").toUpperCase(),
    numberOfResults: numberOr(reply.number_of_results),
    queryCost,
    totalCost: Object.values(queryCost).reduce((sum, cost) => sum + (typeof cost === "number" ? cost : 0), 0),
    remainingQuota: numberOr(reply.remaining_quota),
    streamed,
    polls,
  };
  let consumed = false;
  const rows = async function* rows(): AsyncGenerator<Row, void, undefined> {
    if (consumed) throw new CortexError("api", `The rows of XQL query ${queryId} were already read; run the query again to read them again.`);
    consumed = true;
    let left = limit ?? Number.POSITIVE_INFINITY;
    if (left <= 0) return;
    if (!streamed) {
      for (const row of inline) {
        if (left-- <= 0) return;
        yield row as Row;
      }
      return;
    }
    const stream = xql.streamNdjson<"xql.get_query_results_stream", Row>("xql.get_query_results_stream", { stream_id: streamId, is_gzip_compressed: options.gzip ?? true }, { ...call, timeoutMs: options.streamTimeoutMs ?? 1_800_000 });
    for await (const row of stream) {
      yield row;
      if (--left <= 0) return;
    }
  };
  return { ...info, rows, [Symbol.asyncIterator]: () => rows() };
}

async function assertQuota(client: ShapedClient<XqlRunShapes>, call: { signal?: AbortSignal }): Promise<void> {
  const quota = await client.request("xql.get_quota", {}, call);
  const total = (numberOr(quota["license_quota"]) ?? 0) + (numberOr(quota["additional_purchased_quota"]) ?? 0) + (numberOr(quota["eval_quota"]) ?? 0);
  const used = numberOr(quota["used_quota"]) ?? 0;
  if (total > 0 && used >= total) {
    throw new CortexXqlQuotaError(`The tenant's XQL quota is used up (${used} of ${total} units in the last 24 hours); queries fail until it frees up.`, total - used, { operationId: "xql.get_quota" });
  }
}

function asQuotaError(error: unknown): CortexXqlQuotaError | undefined {
  if (!isCortexError(error) || !(error instanceof CortexServerError) || !QUOTA_TEXT.test(`${error.message} ${JSON.stringify(error.detail ?? "")}`)) return undefined;
  const detail = error.detail;
  const remaining = detail !== null && typeof detail === "object" ? numberOr((detail as Record<string, unknown>)["remaining_quota"]) : undefined;
  if (remaining !== undefined && remaining > 0) return undefined;
  return new CortexXqlQuotaError(`${error.message} The daily XQL quota resets at midnight; check it with xql.get_quota.`, remaining, { operationId: error.operationId, requestId: error.requestId, cause: error });
}

function describeFailure(reply: ResultsReply): string {
  for (const key of ["error", "err_msg", "error_message", "message", "fail_reason"]) {
    const value = reply[key];
    if (typeof value === "string" && value !== "") return value;
    if (value !== undefined && value !== null) return JSON.stringify(value);
  }
  return "";
}

function numberOr(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}
