/**
 * Building request bodies from flags (`--data`, `--filter`, `--sort`, `--from/--to`, path parameters)
 * and running an operation: one call, every page (with a progress counter), or a stream.
 *
 * @module
 */
import { readFileSync } from "node:fs";
import { describeBodyIssues } from "./body-schema.js";
import type { OperationInfo, ProductCatalog } from "./catalog.js";
import type { AnyClient } from "./connection.js";
import { readAllStdin, type CliIo } from "./io.js";
import { UsageError, writeRows, writeValue, type Column, type Sink } from "./output.js";
import { progress } from "./style.js";

/** Flags shared by every operation command. */
export interface OperationFlags {
  readonly data?: string;
  readonly filter?: string[];
  readonly sort?: string;
  readonly from?: string;
  readonly to?: string;
  readonly limit?: string;
  readonly all?: boolean;
  readonly pageSize?: string;
  readonly param?: string[];
  readonly quiet?: boolean;
  /** `--no-check` sets it false: send the body without checking it against the schema. */
  readonly check?: boolean;
}

/** Collects a repeated flag. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/**
 * Reads `--data`: inline JSON, `@file` or `-` (stdin).
 *
 * @param text - The flag value.
 * @param io - The run's streams.
 * @returns The parsed JSON.
 */
export async function readData(text: string | undefined, io: CliIo): Promise<unknown> {
  if (text === undefined) return undefined;
  let json = text;
  if (text === "-") json = await readAllStdin(io);
  else if (text.startsWith("@")) {
    try {
      json = readFileSync(text.slice(1), "utf8");
    } catch (error) {
      throw new UsageError(`--data: cannot read ${text.slice(1)}: ${(error as Error).message}`);
    }
  }
  try {
    return JSON.parse(json) as unknown;
  } catch (error) {
    throw new UsageError(`--data must be JSON, @file or - (stdin): ${(error as Error).message}`);
  }
}

/**
 * Parses a flag value as JSON when it looks like JSON (numbers, booleans, arrays, objects), else as text.
 *
 * @param text - The value.
 * @returns The value.
 */
export function looseValue(text: string): unknown {
  if (/^(-?\d+(\.\d+)?|true|false|null)$/.test(text) || /^[[{"]/.test(text)) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}

/** A parsed `--filter field:operator:value`. */
export interface ParsedFilter {
  readonly field: string;
  readonly operator: string;
  readonly value: unknown;
}

/**
 * Parses `--filter field:operator:value` (`in` and `nin` split a comma list; numbers stay numbers).
 *
 * @param text - The flag value.
 * @returns The filter.
 */
export function parseFilter(text: string): ParsedFilter {
  const first = text.indexOf(":");
  const second = first === -1 ? -1 : text.indexOf(":", first + 1);
  if (first <= 0 || second === -1) throw new UsageError(`--filter must be field:operator:value (e.g. status:eq:new, severity:in:high,critical); got "${text}".`);
  const field = text.slice(0, first);
  const operator = text.slice(first + 1, second);
  const raw = text.slice(second + 1);
  const value = /^(n?in|contains)$/i.test(operator) && !raw.startsWith("[") ? raw.split(",").map((part) => looseValue(part.trim())) : looseValue(raw);
  return { field, operator, value };
}

function positiveInt(flag: string, text: string, min = 1): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < min) throw new UsageError(`${flag} must be a whole number of at least ${min}; got "${text}".`);
  return value;
}

/** Which of the list flags (`--filter`, `--sort`, `--from`/`--to`) an operation's request can carry. */
export interface ListFlags {
  readonly filter: boolean;
  readonly sort: boolean;
  readonly range: boolean;
}

/**
 * The list flags that apply to an operation: those whose body fields its request schema has
 * (`filters`, `sort`, `search_from`/`search_to`, or `filter_data` for Cortex Cloud style calls). Without
 * a schema, only operations that page by offset or by `filter_data` get them.
 *
 * @param operation - The operation.
 * @param bodyFields - Top-level fields of the request, from its JSON Schema.
 * @returns The flags that apply.
 */
export function listFlagsFor(operation: OperationInfo, bodyFields: ReadonlySet<string> | undefined): ListFlags {
  if (operation.requestEnvelope === "none") return { filter: false, sort: false, range: false };
  if (operation.pagination.kind === "filter_data" || bodyFields?.has("filter_data") === true) return { filter: true, sort: true, range: true };
  if (bodyFields === undefined) {
    const offset = operation.pagination.kind === "offset";
    return { filter: offset, sort: offset, range: offset };
  }
  return { filter: bodyFields.has("filters"), sort: bodyFields.has("sort"), range: bodyFields.has("search_from") || bodyFields.has("search_to") };
}

/**
 * Builds a request body from `--data` and the typed flags. `--data` is the base; flags add to it in the
 * shape the operation's paging kind uses (`filters`/`sort`/`search_from` for the public API,
 * `filter_data` for Cortex Cloud style calls).
 *
 * @param operation - The operation.
 * @param flags - The flags.
 * @param io - The run's streams.
 * @param extra - Fields set by the command (path parameters, curated flags), merged into objects of `--data`.
 * @returns The body.
 */
export async function buildBody(operation: OperationInfo, flags: OperationFlags, io: CliIo, extra: Record<string, unknown> = {}): Promise<unknown> {
  const data = await readData(flags.data, io);
  const hasFlags = (flags.filter?.length ?? 0) > 0 || flags.sort !== undefined || flags.from !== undefined || flags.to !== undefined || (flags.param?.length ?? 0) > 0 || Object.keys(extra).length > 0;
  if (!hasFlags) return data ?? (operation.requestEnvelope === "none" ? undefined : {});
  if (data !== undefined && (data === null || typeof data !== "object" || Array.isArray(data))) {
    throw new UsageError("--data must be a JSON object when combined with --filter, --sort, --from, --to or parameters.");
  }
  const body: Record<string, unknown> = { ...((data as Record<string, unknown> | undefined) ?? {}) };
  const filters = (flags.filter ?? []).map(parseFilter);
  const filterData = operation.pagination.kind === "filter_data";
  if (filters.length > 0) {
    if (filterData) {
      const filterDataBody = { ...((body["filter_data"] as Record<string, unknown> | undefined) ?? {}) };
      filterDataBody["filter"] = { AND: filters.map((filter) => ({ SEARCH_FIELD: filter.field, SEARCH_TYPE: filter.operator.toUpperCase(), SEARCH_VALUE: filter.value })) };
      body["filter_data"] = filterDataBody;
    } else {
      body["filters"] = [...((body["filters"] as unknown[] | undefined) ?? []), ...filters.map((filter) => ({ field: filter.field, operator: filter.operator, value: filter.value }))];
    }
  }
  if (flags.sort !== undefined) {
    const [field = "", order = "desc"] = flags.sort.split(":");
    if (field === "" || !/^(asc|desc)$/i.test(order)) throw new UsageError(`--sort must be field or field:asc|desc; got "${flags.sort}".`);
    if (filterData) body["filter_data"] = { ...((body["filter_data"] as Record<string, unknown> | undefined) ?? {}), sort: [{ FIELD: field, ORDER: order.toUpperCase() }] };
    else body["sort"] = { field, keyword: order.toLowerCase() };
  }
  if (flags.from !== undefined || flags.to !== undefined) {
    const from = flags.from === undefined ? 0 : positiveInt("--from", flags.from, 0);
    const to = flags.to === undefined ? from + 100 : positiveInt("--to", flags.to, from + 1);
    if (filterData) body["filter_data"] = { ...((body["filter_data"] as Record<string, unknown> | undefined) ?? {}), paging: { from, to } };
    else {
      body["search_from"] = from;
      body["search_to"] = to;
    }
  }
  for (const param of flags.param ?? []) {
    const equals = param.indexOf("=");
    if (equals <= 0) throw new UsageError(`--param must be name=value; got "${param}".`);
    setField(body, param.slice(0, equals).split("."), looseValue(param.slice(equals + 1)));
  }
  mergeInto(body, extra);
  return body;
}

/** Merges fields set by the command into the body: objects field by field (the command wins), anything else replaced. */
function mergeInto(body: Record<string, unknown>, extra: Readonly<Record<string, unknown>>): void {
  for (const [name, value] of Object.entries(extra)) {
    const current = body[name];
    if (isPlainObject(current) && isPlainObject(value)) {
      const merged = { ...current };
      mergeInto(merged, value);
      body[name] = merged;
    } else {
      body[name] = value;
    }
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * Sets a field of a body by its path (`update_data.status` sets `status` inside `update_data`), creating
 * the objects on the way.
 */
function setField(body: Record<string, unknown>, path: readonly string[], value: unknown): void {
  const [name = "", ...rest] = path;
  if (rest.length === 0) {
    body[name] = value;
    return;
  }
  const inner = body[name];
  if (inner !== undefined && (inner === null || typeof inner !== "object" || Array.isArray(inner))) {
    throw new UsageError(`--param ${path.join(".")}: ${name} is already set to a value that is not an object.`);
  }
  const object = { ...((inner as Record<string, unknown> | undefined) ?? {}) };
  body[name] = object;
  setField(object, rest, value);
}

/**
 * Checks a body against the operation's request schema before anything is sent (core's `checkRequest`
 * with the product's validators: required fields, allowed values, unknown fields where the schema lists
 * every field, types). Operations without a documented body are not checked.
 *
 * @param catalog - The product's catalog (for the schema).
 * @param command - The command line that runs the operation, for the message, e.g. `xdr incidents get`.
 * @param operation - The operation.
 * @param body - The body as built from the flags.
 * @param fieldFlags - Body fields that have their own flag, e.g. `incident_id` → `--incident-id`.
 * @throws {@link UsageError} (exit 2) naming each field to fix; nothing was sent.
 */
export async function checkBody(catalog: ProductCatalog, command: string, operation: OperationInfo, body: unknown, fieldFlags: ReadonlyMap<string, string> = new Map()): Promise<void> {
  const schema = catalog.requestSchema(operation.id);
  if (schema === undefined) return;
  // Imported here, not at the top, so that building the program (and its help) loads no schemas package.
  const [{ checkRequest }, validators] = await Promise.all([import("@cortex-sdk/core"), import("@cortex-sdk/schemas/product-validators").then(({ loadProductValidators }) => loadProductValidators(catalog.product))]);
  const issues = await checkRequest(validators, operation.id, operation.pathParams ?? [], body);
  if (issues.length === 0) return;
  const lines = describeBodyIssues(issues, schema, body, fieldFlags);
  throw new UsageError(
    `${command}: the request body does not fit operation ${operation.id}, so nothing was sent:\n${lines.map((line) => `  ${line}`).join("\n")}\nThe body fields are in \`cxctl ${command} --help\`; --no-check sends the body unchecked.`,
  );
}

/**
 * Checks the fields XSOAR 8 requires of an operation whose one schema serves XSOAR 6 and 8 (the entry's
 * `requiredOnXsoar8`), once the client knows the tenant's version: on XSOAR 8 a missing one exits 2 and
 * nothing is sent; on XSOAR 6 the body goes as it is.
 *
 * @param command - The command line that runs the operation, for the message, e.g. `xsoar incidents create`.
 * @param operation - The operation.
 * @param xsoarVersion - The version the client is configured for.
 * @param body - The body as built from the flags.
 * @throws {@link UsageError} (exit 2) naming each missing field.
 */
export async function checkXsoar8Fields(command: string, operation: OperationInfo, xsoarVersion: 6 | 8 | undefined, body: unknown): Promise<void> {
  if (operation.requiredOnXsoar8 === undefined || xsoarVersion !== 8) return;
  const { xsoar8RequiredIssues } = await import("@cortex-sdk/core");
  const issues = xsoar8RequiredIssues(operation, xsoarVersion, body);
  if (issues.length === 0) return;
  const fields = issues.map((issue) => issue.path);
  throw new UsageError(`${command}: XSOAR 8 requires ${fields.join(", ")}, so nothing was sent: set ${fields.map((field) => `--param ${field}=<${field}>`).join(" ")} (or its flag; see \`cxctl ${command} --help\`).`);
}

/**
 * Runs an operation and writes its result: a paginated operation yields items (the first 100 unless
 * `--limit` or `--all`), with a page counter on a terminal; an NDJSON operation streams rows; others print
 * the reply.
 *
 * @param client - The product client.
 * @param operation - The operation.
 * @param body - The request body.
 * @param flags - Paging flags.
 * @param sink - Output.
 * @param columns - Table columns for items, when known.
 * @returns The number of items written (1 for a single reply).
 */
export async function runOperation(client: AnyClient, operation: OperationInfo, body: unknown, flags: OperationFlags, sink: Sink, columns?: readonly Column<unknown>[]): Promise<number> {
  if (operation.pagination.kind !== "none") {
    const limit = flags.limit === undefined ? (flags.all === true ? undefined : 100) : positiveInt("--limit", flags.limit);
    const pageSize = flags.pageSize === undefined ? undefined : positiveInt("--page-size", flags.pageSize);
    const list = client.paginate<unknown, unknown>(operation.id, body, { ...(limit === undefined ? {} : { limit }), ...(pageSize === undefined ? {} : { pageSize }) });
    const spinner = progress(sink.io, flags.quiet === true);
    let seen = 0;
    async function* items(): AsyncGenerator<unknown> {
      try {
        for await (const page of list.pages()) {
          seen += page.items.length;
          spinner.update(`${operation.id}: ${seen} item${seen === 1 ? "" : "s"}, page ${page.index + 1}`);
          yield* page.items;
        }
      } finally {
        spinner.stop();
      }
    }
    return writeRows(items(), sink, columns);
  }
  if (operation.replyKind === "ndjson") {
    return writeRows(client.streamNdjson(operation.id, body), sink, columns);
  }
  const reply = await client.request(operation.id, body);
  if (reply instanceof Uint8Array) {
    if (sink.io.stdout.isTTY === true) throw new UsageError(`${operation.id} answers binary data (${reply.byteLength} bytes); redirect stdout to a file.`);
    sink.io.stdout.write(Buffer.from(reply) as unknown as string);
    return 1;
  }
  await writeValue(reply, sink);
  return 1;
}
