/**
 * `cxctl xql "<query>"`: runs an XQL query (start, wait with a spinner, read the rows inline or as an
 * NDJSON stream for large results), holding one of the tenant's four query slots.
 *
 * @module
 */
import { Command, Option } from "commander";
import { globalFlags, openClient, parseDuration, productFlag, type GlobalFlags, type ProductName } from "../connection.js";
import { ExitCodeError } from "../errors.js";
import type { CliIo } from "../io.js";
import { chooseFormat, UsageError, writeRows } from "../output.js";
import { progress } from "../style.js";

const XQL_PRODUCTS: readonly ProductName[] = ["xdr", "xsiam", "cloud"];

interface XqlResults {
  readonly status?: string;
  readonly number_of_results?: number;
  readonly query_cost?: unknown;
  readonly remaining_quota?: unknown;
  readonly results?: { readonly data?: readonly unknown[]; readonly stream_id?: string };
}

/**
 * The `timeframe` of a query from the flags.
 *
 * @param flags - `--timeframe`, `--from`, `--to`.
 * @returns The timeframe, or undefined for the service's default.
 */
export function timeframeFrom(flags: Readonly<Record<string, unknown>>): Record<string, number> | undefined {
  const fromText = flags["from"];
  const toText = flags["to"];
  const timeframe = flags["timeframe"];
  if (typeof fromText === "string" || typeof toText === "string") {
    const from = typeof fromText === "string" ? Date.parse(fromText) : Number.NaN;
    const to = typeof toText === "string" ? Date.parse(toText) : Date.now();
    if (Number.isNaN(from) || Number.isNaN(to) || to <= from) throw new UsageError("--from and --to must be dates (e.g. 2025-01-31T00:00:00Z), --from before --to.");
    return { from, to };
  }
  if (typeof timeframe === "string") return { relativeTime: parseDuration(timeframe, "--timeframe", "h") };
  return undefined;
}

/**
 * Builds `cxctl xql`.
 *
 * @param io - The run's streams and environment.
 * @returns The command.
 */
export function xqlCommand(io: CliIo): Command {
  return new Command("xql")
    .argument("<query>", "the XQL query")
    .description("run an XQL query and print its rows (streamed for large results)")
    .option("--timeframe <duration>", "relative time frame, e.g. 24h, 7d (default: the service's)")
    .option("--from <date>", "absolute start (ISO 8601)")
    .option("--to <date>", "absolute end (ISO 8601; default now)")
    .option("--tenants <list>", "child tenant ids, comma-separated (MSSP)")
    .option("--limit <n>", "most rows (at most 1000 are returned inline; more are streamed)")
    .option("--max-wait <duration>", "longest wait for the query, e.g. 10m (default 10m)")
    .addOption(new Option("--product <product>", "product API to query (default xdr)").choices(XQL_PRODUCTS))
    .addHelpText("after", '\nExamples:\n  cxctl xql "dataset = xdr_data | filter event_type = ENUM.PROCESS | limit 10" --timeframe 24h\n  cxctl xql "dataset = xdr_data | fields agent_hostname" --timeframe 7d --tenants t1,t2 --output ndjson > rows.ndjson')
    .action(async (query: string, _own: unknown, self: Command) => {
      const flags = globalFlags(self) as GlobalFlags & Record<string, unknown>;
      const format = chooseFormat(flags.output, io.stdout);
      const product = productFlag(flags["product"] as string | undefined, XQL_PRODUCTS, "xdr");
      const timeframe = timeframeFrom(flags);
      const tenants = typeof flags["tenants"] === "string" ? flags["tenants"].split(",").map((tenant) => tenant.trim()).filter((tenant) => tenant !== "") : undefined;
      const limit = typeof flags["limit"] === "string" ? Number(flags["limit"]) : undefined;
      if (limit !== undefined && (!Number.isSafeInteger(limit) || limit <= 0)) throw new UsageError(`--limit must be a positive whole number; got "${String(flags["limit"])}".`);
      const maxWaitMs = typeof flags["maxWait"] === "string" ? parseDuration(flags["maxWait"], "--max-wait", "s") : 600_000;
      const { waitUntil } = await import("@cortex-sdk/core");
      const client = await openClient(product, flags, io);
      const spinner = progress(io, flags.quiet === true);
      try {
        await client.withXqlSlot(async () => {
          spinner.update("starting the query");
          const started = Date.now();
          const queryId = (await client.request("xql.start_xql_query", { query, ...(timeframe === undefined ? {} : { timeframe }), ...(tenants === undefined ? {} : { tenants }) })) as unknown;
          const id = typeof queryId === "string" ? queryId : String((queryId as { query_id?: string } | undefined)?.query_id ?? queryId);
          const results = await waitUntil<XqlResults>(
            async (poll) => {
              const reply = (await client.request("xql.get_query_results", { query_id: id, pending_flag: true, format: "json", ...(limit === undefined ? {} : { limit: Math.min(limit, 1000) }) })) as XqlResults;
              const status = (reply.status ?? "").toUpperCase();
              spinner.update(`query ${id}: ${status.toLowerCase() || "pending"} (poll ${poll}, ${Math.round((Date.now() - started) / 1000)} s)`);
              if (status === "PENDING" || status === "") return { done: false, state: status };
              return { done: true, value: reply };
            },
            { maxWaitMs, minDelayMs: 250, maxDelayMs: 5_000, description: `XQL query ${id}` },
          );
          spinner.stop();
          const status = (results.status ?? "").toUpperCase();
          if (status !== "SUCCESS" && status !== "PARTIAL_SUCCESS") throw new ExitCodeError(12, `cxctl: XQL query ${id} ended with status ${status || "unknown"}${results.results === undefined ? "" : `: ${JSON.stringify(results.results).slice(0, 300)}`}`);
          const streamId = results.results?.stream_id;
          let count: number;
          if (streamId !== undefined) {
            let seen = 0;
            const rows = client.streamNdjson("xql.get_query_results_stream", { stream_id: streamId, is_gzip_compressed: true });
            const counted = async function* (): AsyncGenerator<unknown> {
              for await (const row of rows) {
                if (limit !== undefined && seen >= limit) return;
                seen++;
                if (seen % 1000 === 0) spinner.update(`query ${id}: ${seen} rows`);
                yield row;
              }
            };
            count = await writeRows(counted(), { format, io });
          } else {
            const data = results.results?.data ?? [];
            count = await writeRows(limit === undefined ? data : data.slice(0, limit), { format, io });
          }
          if (format === "table") io.stderr.write(`${count} row${count === 1 ? "" : "s"} (query ${id}${results.query_cost === undefined ? "" : `, cost ${JSON.stringify(results.query_cost)}`})\n`);
        });
      } finally {
        spinner.stop();
        await client.close();
      }
    });
}
