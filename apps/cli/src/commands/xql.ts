/**
 * `cxctl xql "<query>"`: runs an XQL query through the client's `xql.query()` (one of the tenant's four
 * query slots, polling, rows inline or from the NDJSON stream for large results), with a spinner.
 *
 * @module
 */
import { Command, Option } from "commander";
import { globalFlags, openClient, parseDuration, productFlag, type GlobalFlags, type Product } from "../connection.js";
import { ExitCodeError } from "../errors.js";
import { ExitCode } from "../exit-codes.js";
import type { CliIo } from "../io.js";
import { chooseFormat, UsageError, writeRows } from "../output.js";
import { progress } from "../style.js";

const XQL_PRODUCTS: readonly Product[] = ["xdr", "xsiam", "cloud"];


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
      const client = await openClient(product, flags, io);
      const xql = client["xql"] as { query(text: string, options: Record<string, unknown>): PromiseLike<XqlFinished> } | undefined;
      // Cortex Cloud's client has no xql.query(); core's runXqlQuery is the same implementation.
      const runQuery = typeof xql?.query === "function" ? (text: string, options: Record<string, unknown>) => xql.query(text, options) : async (text: string, options: Record<string, unknown>) => (await import("@cortex-sdk/workflows")).runXqlQuery(client, text, options) as Promise<XqlFinished>;
      const spinner = progress(io, flags.quiet === true);
      const started = Date.now();
      spinner.update("starting the query");
      const timer = setInterval(() => spinner.update(`query running (${Math.round((Date.now() - started) / 1000)} s)`), 1_000);
      timer.unref();
      try {
        let result: XqlFinished;
        try {
          result = await runQuery(query, { maxWaitMs, minDelayMs: 250, maxDelayMs: 5_000, ...(timeframe === undefined ? {} : { timeframe }), ...(tenants === undefined ? {} : { tenants }), ...(limit === undefined ? {} : { limit }) });
        } catch (error) {
          throw syntaxErrorOf(error) ?? error;
        } finally {
          clearInterval(timer);
        }
        spinner.update(`query ${result.queryId}: ${result.streamed ? "streaming" : "reading"} ${result.numberOfResults ?? "the"} rows`);
        let seen = 0;
        const id = result.queryId;
        const counted = async function* (): AsyncGenerator<unknown> {
          for await (const row of result.rows()) {
            seen++;
            if (seen % 1000 === 0) spinner.update(`query ${id}: ${seen} rows`);
            yield row;
          }
        };
        const count = await writeRows(counted(), { format, io });
        spinner.stop();
        if (format === "table") io.stderr.write(`${count} row${count === 1 ? "" : "s"} (query ${id}${Object.keys(result.queryCost).length === 0 ? "" : `, cost ${JSON.stringify(result.queryCost)}`})\n`);
      } finally {
        clearInterval(timer);
        spinner.stop();
        await client.close();
      }
    });
}

/** A finished query as `client.xql.query()` resolves it (`XqlResult` of core). */
interface XqlFinished {
  readonly queryId: string;
  readonly numberOfResults: number | undefined;
  readonly queryCost: Readonly<Record<string, number>>;
  readonly streamed: boolean;
  rows(): AsyncGenerator<unknown, void, undefined>;
}

/**
 * An XQL syntax error the service reported when the query was started (its message is JSON with the
 * line and column), as a bad request (exit 6) that shows where the error is.
 *
 * @param error - What starting the query threw.
 * @returns The usage-level error, or undefined for any other error.
 */
export function syntaxErrorOf(error: unknown): ExitCodeError | undefined {
  if (!(error instanceof Error)) return undefined;
  const texts = [error.message, JSON.stringify((error as { detail?: unknown }).detail ?? null)];
  for (const text of texts) {
    const match = /\{[^{}]*"line"\s*:\s*\d+[^{}]*\}/.exec(text.replace(/\\"/g, '"'));
    if (match === null) continue;
    try {
      const found = JSON.parse(match[0]) as { line?: number; column?: number; message?: string };
      if (typeof found.line !== "number") continue;
      return new ExitCodeError(ExitCode.badRequest, `cxctl: XQL syntax error at line ${found.line}${typeof found.column === "number" ? `, column ${found.column}` : ""}: ${found.message ?? "see the query"}`);
    } catch {
      continue;
    }
  }
  return undefined;
}
