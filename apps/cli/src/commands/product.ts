/**
 * `cxctl <product> <group> <call>`: every operation of a product client, built from the product's catalog
 * (plain data: the client is imported only when a command runs), plus the curated commands of the
 * product, which take the place of the generic ones of the same name.
 *
 * @module
 */
import { Command } from "commander";
import { bodyHelp } from "../body-schema.js";
import { kebab, productCatalog, type CatalogEntry, type OperationInfo, type ProductCatalog } from "../catalog.js";
import { globalFlags, openClient, PRODUCT_TITLES, type ProductName } from "../connection.js";
import type { CliIo } from "../io.js";
import { chooseFormat } from "../output.js";
import { buildBody, checkBody, collect, listFlagsFor, runOperation, type OperationFlags } from "../request.js";
import { curatedCommands, curatedOperationOf } from "./curated.js";

/** Option names the generic commands use themselves (a path parameter never takes one of them). */
const RESERVED = new Set(["data", "filter", "sort", "from", "to", "limit", "all", "page-size", "param", "check", "help", "output", "profile", "key", "key-id", "key-type", "base-url", "proxy", "timeout"]);

/**
 * Builds the command of one operation.
 *
 * @param catalog - The product's catalog (the request schema is read from it only for `--help` and the body check).
 * @param entry - The operation.
 * @param io - The run's streams.
 * @param taken - Names already used in the group (an alias never takes one of them).
 * @returns The command.
 */
export function operationCommand(catalog: ProductCatalog, entry: CatalogEntry, io: CliIo, taken: ReadonlySet<string> = new Set()): Command {
  const { product } = catalog;
  const { operation } = entry;
  const bodyFields = entry.bodyFields === undefined ? undefined : new Set(entry.bodyFields);
  const paginated = operation.pagination.kind !== "none";
  const notes = [
    `${operation.method} ${operation.path}`,
    paginated ? `paginated (${operation.pagination.kind})` : undefined,
    operation.retrySafety === "unsafe" ? "not retried after an ambiguous failure" : undefined,
    operation.deprecated === undefined ? undefined : `deprecated: ${operation.deprecated}`,
  ].filter((note) => note !== undefined);
  const command = new Command(entry.call).description(`operation ${operation.id}: ${notes.join("; ")}`);
  const aliasName = kebab(operation.id.split(".").at(-1) ?? "");
  if (aliasName !== entry.call && aliasName !== "" && !taken.has(aliasName)) command.alias(aliasName);
  command
    .option("-d, --data <json|@file|->", "request body (without the request_data envelope): JSON, @file or - for stdin")
    .option("--param <name=value>", "set one body field (repeatable); numbers and JSON values are parsed", collect)
    .option("--no-check", "send the body without checking it against the operation's schema first");
  const pathFlags: [string, string][] = [];
  for (const param of operation.pathParams ?? []) {
    const flag = kebab(param);
    if (RESERVED.has(flag)) continue;
    pathFlags.push([flag, param]);
    command.option(`--${flag} <value>`, `path parameter ${param}`);
  }
  const takes = listFlagsFor(operation, bodyFields);
  if (takes.filter) command.option("--filter <field:op:value>", "filter (repeatable), e.g. status:eq:new or severity:in:high,critical", collect);
  if (takes.sort) command.option("--sort <field[:asc|desc]>", "sort order");
  if (takes.range) {
    command.option("--from <n>", operation.pagination.kind === "filter_data" ? "first result offset (filter_data.paging.from)" : "first result offset (search_from)");
    command.option("--to <n>", operation.pagination.kind === "filter_data" ? "end offset, exclusive (filter_data.paging.to)" : "end offset, exclusive (search_to)");
  }
  if (paginated) {
    command
      .option("--limit <n>", "most items to print (default 100)")
      .option("--all", "follow pagination through every item")
      .option("--page-size <n>", `items per page${operation.pagination.maxPageSize === undefined ? "" : ` (at most ${operation.pagination.maxPageSize})`}`);
  }
  const example = [`cxctl ${product} ${entry.group} ${entry.call}`];
  if (pathFlags.length > 0) example.push(...pathFlags.map(([flag]) => `--${flag} <${flag}>`));
  else if (paginated) example.push("--limit 10 --output table");
  else if (operation.requestEnvelope !== "none") example.push("--data @request.json");
  // The body fields are read from the schema only when this command's help is shown.
  command.addHelpText("after", () => bodyHelp(catalog.requestSchema(operation.id)));
  command.addHelpText(
    "after",
    `\nExample:\n  ${example.join(" ")}${entry.method === undefined ? "" : `\n\nSDK: client.${entry.method}(...)`}${operation.permissions === undefined ? "" : `\nPermissions: ${operation.permissions.join(", ")}`}`,
  );
  command.action(async (_flags: unknown, self: Command) => {
    const flags = globalFlags(self) as ReturnType<typeof globalFlags> & OperationFlags;
    const format = chooseFormat(flags.output, io.stdout);
    const extra: Record<string, unknown> = {};
    for (const [flag, param] of pathFlags) {
      const value = flags[flag.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase())];
      if (typeof value === "string") extra[param] = value;
    }
    const body = await buildBody(operation, flags, io, extra);
    if (flags.check !== false) await checkBody(catalog, `${product} ${entry.group} ${entry.call}`, operation, body, new Map(pathFlags.map(([flag, param]) => [param, `--${flag}`])));
    const client = await openClient(product, flags, io);
    try {
      await runOperation(client, operation, body, flags, { format, io });
    } finally {
      await client.close();
    }
  });
  return command;
}

/**
 * What a command group does, for `cxctl <product> --help`: the API group it belongs to and its calls.
 *
 * @param name - The group (kebab-case namespace).
 * @param group - The group command, with its calls added.
 * @param apiGroups - The API groups (the spec's tags) of the group's operations.
 * @returns One line.
 */
export function groupDescription(name: string, group: Command, apiGroups: ReadonlySet<string>): string {
  const calls = group.commands.map((command) => command.name());
  const shown: string[] = [];
  for (const call of calls) {
    if (shown.length > 0 && [...shown, call].join(", ").length > 48) break;
    shown.push(call);
  }
  const rest = calls.length - shown.length;
  const simple = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]/g, "");
  const tags = new Map<string, string>();
  for (const tag of apiGroups) if (simple(tag) !== simple(name) && !tags.has(simple(tag))) tags.set(simple(tag), tag);
  const api = tags.size === 0 ? "" : ` (${[...tags.values()].slice(0, 2).join(", ")} API)`;
  return `${shown.join(", ")}${rest > 0 ? ` and ${rest} more` : ""}${api}`;
}

/**
 * Builds `cxctl <product>` with every operation and the curated commands.
 *
 * @param product - The product.
 * @param io - The run's streams.
 * @returns The command.
 */
export async function productCommand(product: ProductName, io: CliIo): Promise<Command> {
  const catalog = await productCatalog(product);
  const { entries } = catalog;
  const root = new Command(product).description(`${PRODUCT_TITLES[product]}: every operation (${entries.length}), as <group> <call>`);
  const curated = curatedCommands(catalog, io);
  const groups = new Map<string, Command>();
  const groupOf = (name: string): Command => {
    let group = groups.get(name);
    if (group === undefined) {
      group = new Command(name).description(`${name} operations`);
      groups.set(name, group);
    }
    return group;
  };
  for (const [group, commands] of curated) for (const command of commands) groupOf(group).addCommand(command);
  const primaries = new Map<string, Set<string>>();
  for (const entry of entries) primaries.set(entry.group, (primaries.get(entry.group) ?? new Set()).add(entry.call));
  for (const entry of entries) {
    const group = groupOf(entry.group);
    const curatedNames = new Set(group.commands.flatMap((command) => [command.name(), ...command.aliases()]));
    if (curatedNames.has(entry.call)) {
      // The curated command takes the generic one's place: give it the operation's own name too.
      const curated = group.commands.find((command) => command.name() === entry.call);
      const alias = kebab(entry.operation.id.split(".").at(-1) ?? "");
      if (curated !== undefined && curatedOperationOf(curated) === entry.operation.id && alias !== entry.call && !curatedNames.has(alias) && !(primaries.get(entry.group) ?? new Set()).has(alias)) curated.alias(alias);
      continue;
    }
    const existing = new Set([...curatedNames, ...(primaries.get(entry.group) ?? [])]);
    group.addCommand(operationCommand(catalog, entry, io, existing));
  }
  for (const name of [...groups.keys()].sort()) {
    const group = groups.get(name);
    if (group === undefined) continue;
    const apiGroups = new Set(entries.filter((entry) => entry.group === name && entry.operation.group !== undefined).map((entry) => entry.operation.group as string));
    group.description(groupDescription(name, group, apiGroups));
    group.addHelpText("after", `\nExample:\n  cxctl ${product} ${name} ${group.commands[0]?.name() ?? ""} --help`);
    root.addCommand(group);
  }
  root.addHelpText("after", `\nExample:\n  cxctl ${product} ${[...groups.keys()][0] ?? ""} --help\n\nEvery call takes --data (JSON, @file or -), --output, and for lists --limit and --all.`);
  return root;
}
