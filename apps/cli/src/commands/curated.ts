/**
 * The everyday commands by name, per product: incidents and alerts list/get/update, endpoints with
 * isolate/unisolate/scan `--wait`, lookups, XSOAR incidents search/create/update, Xpanse assets and
 * incidents, Cortex Cloud issues and cases. Each is a thin layer over the same operation runner as the
 * generic commands, with friendlier flags and table columns.
 *
 * @module
 */
import { Command } from "commander";
import type { OperationInfo, ProductCatalog } from "../catalog.js";
import { globalFlags, openClient, parseDuration, type AnyClient } from "../connection.js";
import { ExitCodeError } from "../errors.js";
import { ExitCode } from "../exit-codes.js";
import type { CliIo } from "../io.js";
import { cellText, chooseFormat, UsageError, writeValue, type Column, type Sink } from "../output.js";
import { bodyHelp } from "../body-schema.js";
import { buildBody, checkBody, checkXsoar8Fields, collect, listFlagsFor, looseValue, runOperation, type OperationFlags } from "../request.js";
import { progress, styleFor } from "../style.js";
import { typedCalls } from "../typed-calls.js";

type Flags = ReturnType<typeof globalFlags> & OperationFlags & Record<string, unknown>;

interface Curated {
  /** Group and call, e.g. `incidents`, `list`. */
  readonly group: string;
  readonly name: string;
  /** Positional arguments, commander syntax. */
  readonly args?: string;
  readonly operationId: string;
  readonly description: string;
  readonly example: string;
  /** Adds the command's own flags. */
  readonly flags?: (command: Command) => void;
  /** Extra body fields from the flags and arguments. */
  readonly body?: (flags: Flags, args: readonly string[]) => Record<string, unknown>;
  /** Table columns for items. */
  readonly columns?: readonly Column<unknown>[];
  /** Runs instead of the standard runner (after the body is built). */
  readonly run?: (context: RunContext) => Promise<void>;
  /** `run` sends another request than the body and checks it with `context.check` itself. */
  readonly checksOwnRequest?: true;
  /** `--filter` selects lookup rows (`field:eq:value`), whatever the operation's body has. */
  readonly filters?: "lookup";
}

interface RunContext {
  readonly client: AnyClient;
  readonly operation: OperationInfo;
  readonly body: unknown;
  readonly flags: Flags;
  readonly sink: Sink;
  readonly io: CliIo;
  /** Checks a request against the operation's schema (unless `--no-check`); exit 2 and nothing sent when it does not fit. */
  readonly check: (request: unknown) => Promise<void>;
}

const col = (header: string, ...fields: string[]): Column<unknown> => ({
  header,
  cell: (row) => {
    const record = row as Record<string, unknown>;
    for (const field of fields) {
      const value = record[field];
      if (value !== undefined && value !== null) return /_time$|^creation_time$|timestamp|^modification_time$/.test(field) && typeof value === "number" ? new Date(value).toISOString() : cellText(value);
    }
    return "";
  },
});

const INCIDENT_COLUMNS = [col("ID", "incident_id"), col("SEVERITY", "severity"), col("STATUS", "status"), col("CREATED", "creation_time"), col("NAME", "incident_name", "description")];
const ALERT_COLUMNS = [col("ID", "alert_id"), col("SEVERITY", "severity"), col("STATUS", "status", "resolution_status"), col("CATEGORY", "category"), col("DETECTED", "detection_timestamp"), col("NAME", "name", "description")];
const ENDPOINT_COLUMNS = [col("ID", "agent_id", "endpoint_id"), col("NAME", "host_name", "endpoint_name"), col("STATUS", "agent_status", "endpoint_status"), col("OS", "os_type", "platform"), col("IP", "ip", "ip_address"), col("ISOLATED", "is_isolated")];
/** XSOAR incident status numbers as the console names them. */
export const XSOAR_STATUS_WORDS: Readonly<Record<string, string>> = { "0": "Pending", "1": "Active", "2": "Closed", "3": "Archive" };
/** XSOAR severity numbers as the console names them. */
export const XSOAR_SEVERITY_WORDS: Readonly<Record<string, string>> = { "0": "Unknown", "0.5": "Informational", "1": "Low", "2": "Medium", "3": "High", "4": "Critical" };

/** A column that shows a number as the console's word for it (the number itself when it has none). */
const wordCol = (header: string, field: string, words: Readonly<Record<string, string>>): Column<unknown> => ({
  header,
  cell: (row) => {
    const value = (row as Record<string, unknown>)[field];
    if (value === undefined || value === null) return "";
    return words[String(value)] ?? cellText(value);
  },
});

const XSOAR_INCIDENT_COLUMNS = [col("ID", "id"), col("NAME", "name"), col("TYPE", "type"), wordCol("SEVERITY", "severity", XSOAR_SEVERITY_WORDS), wordCol("STATUS", "status", XSOAR_STATUS_WORDS), col("CREATED", "created")];
const ASSET_COLUMNS = [col("ID", "asm_ids", "id"), col("NAME", "name"), col("TYPE", "type", "asset_type"), col("IPS", "ips", "ip_addresses"), col("DOMAINS", "domain", "domains")];
const ISSUE_COLUMNS = [col("ID", "id", "issue_id"), col("SEVERITY", "severity"), col("STATUS", "status"), col("NAME", "name", "title", "description")];
const CASE_COLUMNS = [col("ID", "case_id", "id"), col("SEVERITY", "severity"), col("STATUS", "status"), col("NAME", "case_name", "name", "description")];

const listFlags = (command: Command): void => {
  command
    .option("--status <status>", "only this status (e.g. new, under_investigation)")
    .option("--severity <list>", "only these severities, comma-separated (e.g. high,critical)");
};
const listBody = (flags: Flags): Record<string, unknown> => {
  const filters: unknown[] = [];
  if (typeof flags["status"] === "string") filters.push({ field: "status", operator: "eq", value: flags["status"] });
  if (typeof flags["severity"] === "string") filters.push({ field: "severity", operator: "in", value: flags["severity"].split(",").map((value) => value.trim()) });
  return filters.length === 0 ? {} : { filters };
};

const curatedOperations = new WeakMap<Command, string>();

/**
 * The operation a curated command calls.
 *
 * @param command - A command from {@link curatedCommands}.
 * @returns The operation id, or undefined for other commands.
 */
export function curatedOperationOf(command: Command): string | undefined {
  return curatedOperations.get(command);
}

/** The client method that sends a response action and waits for it (`client.endpoints.<method>`). */
const AND_WAIT: Readonly<Record<string, string>> = { "endpoints.isolate": "isolateAndWait", "endpoints.unisolate": "unisolateAndWait", "endpoints.scan": "scanAndWait" };

/** What the client's `...AndWait()` methods resolve to. */
interface WaitedAction {
  readonly actionId: string;
  readonly reply: unknown;
  readonly endpoints: readonly { readonly endpointId: string; readonly status: string }[];
  readonly failed: readonly { readonly endpointId: string; readonly status: string }[];
}

/**
 * Sends a response action and, with `--wait`, waits for it through the client's `endpoints.<action>AndWait()`
 * (one implementation: core's `waitForAction`), with a spinner on a terminal. Exits 12 when an endpoint
 * failed and 11 when the wait timed out.
 */
async function responseAction(context: RunContext): Promise<void> {
  const { client, operation, body, flags, sink, io } = context;
  if (flags["wait"] !== true) {
    await writeValue(await client.request(operation.id, body), sink);
    return;
  }
  const maxWaitMs = typeof flags["maxWait"] === "string" ? parseDuration(flags["maxWait"], "--max-wait", "s") : 600_000;
  const endpoints = client["endpoints"] as Record<string, unknown> | undefined;
  const method = AND_WAIT[operation.id];
  const andWait = method === undefined ? undefined : endpoints?.[method];
  if (typeof andWait !== "function") throw new UsageError(`${operation.id}: this product's client cannot wait for the action; run it without --wait.`);
  const spinner = progress(io, flags.quiet === true);
  const started = Date.now();
  const tick = (): void => spinner.update(`${operation.id}: waiting for the endpoints (${Math.round((Date.now() - started) / 1000)} s)`);
  tick();
  const timer = setInterval(tick, 1_000);
  timer.unref();
  let outcome: WaitedAction;
  try {
    outcome = (await (andWait as (request: unknown, options: unknown) => Promise<WaitedAction>).call(endpoints, body, { maxWaitMs, minDelayMs: 250, maxDelayMs: 5_000, allowFailures: true })) as WaitedAction;
  } finally {
    clearInterval(timer);
    spinner.stop();
  }
  const statuses = Object.fromEntries(outcome.endpoints.map((endpoint) => [endpoint.endpointId, endpoint.status]));
  const reply = outcome.reply !== null && typeof outcome.reply === "object" ? (outcome.reply as Record<string, unknown>) : {};
  await writeValue({ action_id: outcome.actionId, ...reply, status: statuses }, sink);
  if (outcome.failed.length > 0) {
    const style = styleFor(io.stderr, io.env);
    throw new ExitCodeError(ExitCode.actionFailed, `${style.red("✗")} action ${outcome.actionId}: ${outcome.failed.map((endpoint) => `${endpoint.endpointId} ${endpoint.status}`).join(", ")}`);
  }
}

const waitFlags = (command: Command): void => {
  command
    .option("--wait", "poll the action status until every endpoint is done (exit 12 if one failed, 11 on timeout)")
    .option("--max-wait <duration>", "longest wait, e.g. 10m (default 10m)")
    .option("--incident-id <id>", "link the action to an incident");
};
const endpointsBody = (flags: Flags, args: readonly string[]): Record<string, unknown> => {
  const ids = (args[0] as unknown as string[] | undefined) ?? [];
  if (ids.length === 0) throw new UsageError("name at least one endpoint id");
  return {
    filters: [{ field: "endpoint_id_list", operator: "in", value: ids }],
    ...(typeof flags["incidentId"] === "string" ? { incident_id: flags["incidentId"] } : {}),
  };
};

function xdrLike(): Curated[] {
  return [
    { group: "incidents", name: "list", operationId: "incidents.get_incidents", description: "list incidents, newest first", example: "cxctl xdr incidents list --status new --limit 20 --output table", flags: listFlags, body: (flags) => ({ ...listBody(flags), ...(flags.sort === undefined ? { sort: { field: "creation_time", keyword: "desc" } } : {}) }), columns: INCIDENT_COLUMNS },
    { group: "incidents", name: "get", args: "<incident-id>", operationId: "incidents.get_incident_extra_data", description: "one incident with its alerts, artifacts and assets", example: "cxctl xdr incidents get 412", flags: (command) => command.option("--alerts-limit <n>", "most alerts to include", "100"), body: (flags, args) => ({ incident_id: String(args[0]), alerts_limit: Number(flags["alertsLimit"] ?? 100) }) },
    {
      group: "incidents",
      name: "update",
      args: "<incident-id>",
      operationId: "incidents.update_incident",
      description: "change an incident's status, severity, assignee or comment",
      example: 'cxctl xdr incidents update 412 --status under_investigation --assignee analyst@example.com --comment "on it"',
      flags: (command) => command.option("--status <status>", "new status").option("--severity <severity>", "manual severity").option("--assignee <email>", "assignee email").option("--resolve-comment <text>", "resolution comment").option("--comment <text>", "add a comment"),
      body: (flags, args) => {
        const update: Record<string, unknown> = {};
        if (typeof flags["status"] === "string") update["status"] = flags["status"];
        if (typeof flags["severity"] === "string") update["manual_severity"] = flags["severity"];
        if (typeof flags["assignee"] === "string") update["assigned_user_mail"] = flags["assignee"];
        if (typeof flags["resolveComment"] === "string") update["resolve_comment"] = flags["resolveComment"];
        if (typeof flags["comment"] === "string") update["comment"] = { comment_action: "add", value: flags["comment"] };
        if (Object.keys(update).length === 0 && flags.data === undefined && flags.param === undefined) throw new UsageError("nothing to update: pass --status, --severity, --assignee, --comment, --param or --data");
        return { incident_id: String(args[0]), update_data: update };
      },
    },
    { group: "alerts", name: "list", operationId: "alerts.get_alerts", description: "list alerts", example: "cxctl xdr alerts list --severity high,critical --limit 50", flags: listFlags, body: listBody, columns: ALERT_COLUMNS },
    { group: "alerts", name: "get", args: "<alert-id...>", operationId: "alerts.get_alerts", description: "alerts by id", example: "cxctl xdr alerts get 94077 94078", body: (_flags, args) => ({ filters: [{ field: "alert_id_list", operator: "in", value: ((args[0] as unknown as string[]) ?? []).map((id) => looseValue(id)) }] }), columns: ALERT_COLUMNS },
    {
      group: "alerts",
      name: "update",
      args: "<alert-id...>",
      operationId: "alerts.update_alerts",
      description: "change the status, severity or comment of alerts",
      example: "cxctl xdr alerts update 94077 --status resolved_false_positive --comment duplicate",
      flags: (command) => command.option("--status <status>", "new status").option("--severity <severity>", "new severity").option("--comment <text>", "comment"),
      body: (flags, args) => {
        const update: Record<string, unknown> = {};
        for (const field of ["status", "severity", "comment"]) if (typeof flags[field] === "string") update[field] = flags[field];
        if (Object.keys(update).length === 0 && flags.data === undefined && flags.param === undefined) throw new UsageError("nothing to update: pass --status, --severity, --comment, --param or --data");
        return { alert_id_list: (args[0] as unknown as string[]) ?? [], update_data: update };
      },
    },
    { group: "endpoints", name: "list", operationId: "endpoints.get_endpoint", description: "list endpoints", example: "cxctl xdr endpoints list --filter platform:in:windows --limit 50", columns: ENDPOINT_COLUMNS },
    { group: "endpoints", name: "isolate", args: "<endpoint-id...>", operationId: "endpoints.isolate", description: "isolate endpoints from the network", example: "cxctl xdr endpoints isolate 4ca1f3e2b5d84b0e9a1c3f4d5e6a7b8c --wait", flags: waitFlags, body: endpointsBody, run: responseAction },
    { group: "endpoints", name: "unisolate", args: "<endpoint-id...>", operationId: "endpoints.unisolate", description: "release endpoints from isolation", example: "cxctl xdr endpoints unisolate 4ca1f3e2b5d84b0e9a1c3f4d5e6a7b8c --wait", flags: waitFlags, body: endpointsBody, run: responseAction },
    { group: "endpoints", name: "scan", args: "<endpoint-id...>", operationId: "endpoints.scan", description: "run a malware scan on endpoints", example: "cxctl xdr endpoints scan 4ca1f3e2b5d84b0e9a1c3f4d5e6a7b8c --wait --max-wait 30m", flags: waitFlags, body: endpointsBody, run: responseAction },
    {
      group: "lookups",
      name: "add-data",
      args: "<dataset>",
      operationId: "xql.lookups.add_data",
      description: "add rows to a lookup dataset (--data is a JSON list of rows, @file or -)",
      example: 'cxctl xdr lookups add-data vip_users --data \'[{"user": "ceo@example.com"}]\' --key-fields user',
      flags: (command) => command.option("--key-fields <list>", "comma-separated key fields: rows with the same keys are replaced"),
      body: () => ({}),
      checksOwnRequest: true,
      run: async (context) => {
        const dataset = context.flags["dataset"] as string;
        const rows = context.body;
        const data = Array.isArray(rows) ? rows : ((rows as Record<string, unknown> | undefined)?.["data"] ?? []);
        const keyFields = typeof context.flags["keyFields"] === "string" ? { key_fields: context.flags["keyFields"].split(",") } : {};
        const request = { dataset_name: dataset, data, ...keyFields };
        await context.check(request);
        await writeValue(await context.client.request(context.operation.id, request), context.sink);
      },
    },
    { group: "lookups", name: "get-data", args: "<dataset>", operationId: "xql.lookups.get_data", filters: "lookup", description: "read rows of a lookup dataset", example: "cxctl xdr lookups get-data vip_users --filter user:eq:ceo@example.com", body: (flags, args) => ({ dataset_name: String(args[0]), filters: (flags.filter ?? []).map((text) => { const [field = "", , ...rest] = text.split(":"); return { [field]: rest.join(":") }; }), ...(flags.limit === undefined ? {} : { limit: Number(flags.limit) }) }), flags: (command) => command.option("--limit <n>", "most rows") },
    { group: "lookups", name: "remove-data", args: "<dataset>", operationId: "xql.lookups.remove_data", filters: "lookup", description: "remove rows of a lookup dataset matching every --filter field:eq:value", example: "cxctl xdr lookups remove-data vip_users --filter user:eq:ceo@example.com", body: (flags, args) => ({ dataset_name: String(args[0]), filters: (flags.filter ?? []).map((text) => { const [field = "", , ...rest] = text.split(":"); return { [field]: rest.join(":") }; }) }) },
  ];
}

function xsoar(): Curated[] {
  return [
    {
      group: "incidents",
      name: "search",
      operationId: "xsoar.incidents.search",
      description: "search incidents with an XSOAR query",
      example: 'cxctl xsoar incidents search --query "status:Active severity:High" --limit 20',
      flags: (command) => command.option("--query <query>", "XSOAR query, e.g. status:Active"),
      body: (flags) => ({ filter: { ...(typeof flags["query"] === "string" ? { query: flags["query"] } : {}) } }),
      columns: XSOAR_INCIDENT_COLUMNS,
    },
    {
      group: "incidents",
      name: "create",
      operationId: "xsoar.incident",
      description: "create an incident",
      example: 'cxctl xsoar incidents create --name "Phishing report" --type Phishing --severity 2',
      flags: (command) => command.option("--name <name>", "incident name (required on XSOAR 8)").option("--type <type>", "incident type").option("--severity <0-4>", "severity (0 unknown … 4 critical)").option("--details <text>", "details").option("--field <name=value>", "custom field (repeatable)", collect),
      body: (flags) => incidentFields(flags),
    },
    {
      group: "incidents",
      name: "update",
      args: "<incident-id>",
      operationId: "xsoar.incident",
      description: "update an incident (loads its version first, so the change is not rejected as stale)",
      example: "cxctl xsoar incidents update 42 --severity 3 --field owner=analyst",
      flags: (command) => command.option("--name <name>", "incident name").option("--type <type>", "incident type").option("--severity <0-4>", "severity").option("--details <text>", "details").option("--field <name=value>", "custom field (repeatable)", collect),
      body: (flags, args) => ({ id: String(args[0]), ...incidentFields(flags) }),
      run: async (context) => {
        const body = context.body as Record<string, unknown>;
        const id = String(body["id"]);
        let version: unknown = body["version"];
        if (version === undefined) {
          try {
            const found = await typedCalls(context.client).request("xsoar.incidents.search", { filter: { id: [id], page: 0, size: 1 } });
            version = found?.data?.[0]?.version;
          } catch {
            version = undefined;
          }
        }
        const reply = await context.client.request(context.operation.id, { ...body, ...(version === undefined ? {} : { version }) });
        await writeValue(reply, context.sink);
      },
    },
  ];
}

function incidentFields(flags: Flags): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (typeof flags["name"] === "string") body["name"] = flags["name"];
  if (typeof flags["type"] === "string") body["type"] = flags["type"];
  if (typeof flags["severity"] === "string") body["severity"] = Number(flags["severity"]);
  if (typeof flags["details"] === "string") body["details"] = flags["details"];
  const custom: Record<string, unknown> = {};
  for (const field of (flags["field"] as string[] | undefined) ?? []) {
    const equals = field.indexOf("=");
    if (equals <= 0) throw new UsageError(`--field must be name=value; got "${field}".`);
    custom[field.slice(0, equals)] = looseValue(field.slice(equals + 1));
  }
  if (Object.keys(custom).length > 0) body["CustomFields"] = custom;
  return body;
}

function xpanse(): Curated[] {
  return [
    { group: "assets", name: "list", operationId: "assets.get_assets_internet_exposure", description: "list internet-exposed assets", example: "cxctl xpanse assets list --limit 50 --output table", columns: ASSET_COLUMNS },
    { group: "incidents", name: "list", operationId: "incidents.get_incidents", description: "list incidents", example: "cxctl xpanse incidents list --status new", flags: listFlags, body: listBody, columns: INCIDENT_COLUMNS },
  ];
}

function cloud(): Curated[] {
  return [
    { group: "issues", name: "list", operationId: "issue.search", description: "search issues", example: "cxctl cloud issues list --filter severity:eq:HIGH --limit 50", columns: ISSUE_COLUMNS },
    { group: "cases", name: "list", operationId: "case.search", description: "search cases", example: "cxctl cloud cases list --limit 20 --output table", columns: CASE_COLUMNS },
  ];
}

/** The curated commands of a product whose operation the product has. */
function specsOf(catalog: ProductCatalog): Curated[] {
  const { product, entries } = catalog;
  const specs = product === "xdr" || product === "xsiam" ? xdrLike() : product === "xsoar" ? xsoar() : product === "xpanse" ? xpanse() : cloud();
  const ids = new Set(entries.map((entry) => entry.operation.id));
  return specs.filter((spec) => ids.has(spec.operationId));
}

/**
 * The names of a product's curated commands by group (without building them).
 *
 * @param catalog - The product's operations.
 * @returns Names by group, in the order the commands are built.
 */
export function curatedNames(catalog: ProductCatalog): Map<string, string[]> {
  const names = new Map<string, string[]>();
  for (const spec of specsOf(catalog)) names.set(spec.group, [...(names.get(spec.group) ?? []), spec.name]);
  return names;
}

/**
 * The curated commands of a product, by group.
 *
 * @param catalog - The product's operations.
 * @param io - The run's streams.
 * @param only - Build only these groups' commands (default: every group).
 * @returns Commands by group name.
 */
export function curatedCommands(catalog: ProductCatalog, io: CliIo, only?: ReadonlySet<string>): Map<string, Command[]> {
  const { product, entries } = catalog;
  const byId = new Map(entries.map((entry) => [entry.operation.id, entry.operation]));
  const groups = new Map<string, Command[]>();
  for (const spec of specsOf(catalog)) {
    const operation = byId.get(spec.operationId);
    if (operation === undefined || (only !== undefined && !only.has(spec.group))) continue;
    const command = new Command(spec.name).description(`${spec.description} (operation ${operation.id})`);
    if (spec.args !== undefined) command.argument(spec.args);
    command.option("-d, --data <json|@file|->", "request body fields (JSON, @file or -); flags add to it");
    if (spec.checksOwnRequest !== true) command.option("--param <name=value>", "set one body field (repeatable; a.b sets b inside a); numbers and JSON values are parsed", collect);
    command.option("--no-check", "send the request without checking it against the operation's schema first");
    const entry = entries.find((candidate) => candidate.operation.id === operation.id);
    const takes = listFlagsFor(operation, entry?.bodyFields === undefined ? undefined : new Set(entry.bodyFields));
    if (takes.filter || spec.filters === "lookup") command.option("--filter <field:op:value>", spec.filters === "lookup" ? "row filter field:eq:value (repeatable)" : "filter (repeatable), e.g. status:eq:new", collect);
    if (takes.sort) command.option("--sort <field[:asc|desc]>", "sort order");
    if (operation.pagination.kind !== "none") command.option("--limit <n>", "most items to print (default 100)").option("--all", "follow pagination through every item").option("--page-size <n>", "items per page");
    spec.flags?.(command);
    if (spec.checksOwnRequest !== true) command.addHelpText("after", () => bodyHelp(catalog.requestSchema(operation.id), operation));
    command.addHelpText("after", `\nExample:\n  ${spec.example.replace(/^cxctl xdr /, `cxctl ${product} `)}`);
    command.action(async (...values: unknown[]) => {
      const self = values.at(-1) as Command;
      const args = values.slice(0, -2) as string[];
      const flags = globalFlags(self) as Flags;
      if (spec.group === "lookups" && spec.name === "add-data") (flags as Record<string, unknown>)["dataset"] = args[0];
      const format = chooseFormat(flags.output, io.stdout);
      const sink: Sink = { format, io };
      const extra = spec.body?.(flags, args) ?? {};
      const body = spec.run !== undefined && spec.group === "lookups" && spec.name === "add-data" ? await bodyFromData(flags, io) : await buildBody(operation, flags, io, extra);
      const check = async (request: unknown): Promise<void> => {
        if (flags.check !== false) await checkBody(catalog, `${product} ${spec.group} ${spec.name}`, operation, request);
      };
      if (spec.checksOwnRequest !== true) await check(body);
      const client = await openClient(product, flags, io);
      try {
        if (flags.check !== false && spec.checksOwnRequest !== true) await checkXsoar8Fields(`${product} ${spec.group} ${spec.name}`, operation, client.config.xsoarVersion, body);
        if (spec.run !== undefined) await spec.run({ client, operation, body, flags, sink, io, check });
        else await runOperation(client, operation, body, flags, sink, spec.columns);
      } finally {
        await client.close();
      }
    });
    curatedOperations.set(command, operation.id);
    groups.set(spec.group, [...(groups.get(spec.group) ?? []), command]);
  }
  return groups;
}

async function bodyFromData(flags: Flags, io: CliIo): Promise<unknown> {
  const { readData } = await import("../request.js");
  const data = await readData(flags.data, io);
  if (data === undefined) throw new UsageError("--data is required: a JSON list of rows, @file or -");
  return data;
}
