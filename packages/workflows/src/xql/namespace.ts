/**
 * The XQL namespace of the products that run XQL (XDR, XSIAM): `query()` from text to rows.
 *
 * @module
 */
import type { CortexClient } from "@cortex-sdk/core";
import { runXqlQuery, XqlQuery, type XqlQueryOptions } from "./run.js";

/** The `xql` workflows: {@link XqlQueries.query}. Product namespaces extend it. */
export class XqlQueries {
  readonly #client: CortexClient;

  /** @param client - The client that sends the calls. */
  constructor(client: CortexClient) {
    this.#client = client;
  }

  /**
   * Runs an XQL query and yields its rows. It waits for one of the tenant's four query slots, starts
   * the query, polls with backoff until it finishes, and reads the rows: inline for up to 1,000, from
   * the NDJSON stream (gzip, constant memory) beyond that.
   *
   * @param query - XQL text.
   * @param options - `timeframe`, `tenants` (MSSP), `limit`, `signal`, wait limits, `checkQuota`.
   * @returns Await it for the cost, remaining quota and rows, or `for await` over it for the rows.
   * @throws `CortexXqlQueryError` when the query fails; `CortexXqlQuotaError` when the quota is used up;
   *   `CortexTimeoutError` (`phase: "wait"`) after `maxWaitMs`; `CortexAbortError` on abort.
   * @example
   * ```ts
   * const result = await client.xql.query("dataset = xdr_data | fields agent_hostname | limit 5000", { timeframe: { relativeTime: 86_400_000 } });
   * console.log(result.totalCost, result.remainingQuota);
   * for await (const row of result) console.log(row.agent_hostname);
   * ```
   */
  query<Row = Record<string, unknown>>(query: string, options: XqlQueryOptions = {}): XqlQuery<Row> {
    return new XqlQuery<Row>(() => runXqlQuery<Row>(this.#client, query, options));
  }
}
