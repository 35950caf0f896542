/**
 * `cxctl <product> <group> <call>`: every operation of a product client, built from the product's catalog
 * (plain data: the client is imported only when a command runs), plus the curated commands of the
 * product, which take the place of the generic ones of the same name.
 *
 * @module
 */
import { Command } from "commander";
import { bodyHelp, type SchemaNode } from "../body-schema.js";
import { kebab, productCatalog, type CatalogEntry, type OperationInfo, type ProductCatalog } from "../catalog.js";
import { globalFlags, openClient, PRODUCT_TITLES, type Product } from "../connection.js";
import type { CliIo } from "../io.js";
import { chooseFormat } from "../output.js";
import { buildBody, checkBody, checkXsoar8Fields, collect, listFlagsFor, runOperation, type OperationFlags } from "../request.js";
import { curatedCommands, curatedNames, curatedOperationOf } from "./curated.js";

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
    .option("--param <name=value>", "set one body field (repeatable; a.b sets b inside a); numbers and JSON values are parsed", collect)
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
  // The body fields and the example are read from the schema only when this command's help is shown.
  command.addHelpText("after", () => {
    const schema = catalog.requestSchema(operation.id);
    const example = [`cxctl ${product} ${entry.group} ${entry.call}`, ...pathFlags.map(([flag]) => `--${flag} <${flag}>`)];
    const pathParams = new Set(pathFlags.map(([, param]) => param));
    const required = requiredFields(schema).filter((name) => !pathParams.has(name));
    if (required.length > 0) example.push(...required.map((name) => `--param ${name}=<${name}>`));
    else if (paginated) example.push("--limit 10 --output table");
    else if (pathFlags.length === 0 && schema !== undefined) example.push("--data @request.json");
    const sdk = entry.method === undefined ? "" : `\n\nSDK: client.${entry.method}(...)`;
    const permissions = operation.permissions === undefined ? "" : `\nPermissions: ${operation.permissions.join(", ")}`;
    const body = bodyHelp(schema, operation);
    return `${body === "" ? "" : `${body}\n`}\nExample:\n  ${example.join(" ")}${sdk}${permissions}`;
  });
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
      if (flags.check !== false) await checkXsoar8Fields(`${product} ${entry.group} ${entry.call}`, operation, client.config.xsoarVersion, body);
      await runOperation(client, operation, body, flags, { format, io });
    } finally {
      await client.close();
    }
  });
  return command;
}

/** The required top-level fields of a request (of its first shape, when it has several). */
function requiredFields(schema: SchemaNode | undefined): readonly string[] {
  return schema?.required ?? schema?.anyOf?.[0]?.required ?? [];
}

/**
 * What a command group does, for `cxctl <product> --help`: the API group it belongs to and its calls.
 *
 * @param name - The group (kebab-case namespace).
 * @param calls - The group's calls, in order.
 * @param apiGroups - The API groups (the spec's tags) of the group's operations.
 * @returns One line.
 */
export function groupDescription(name: string, calls: readonly string[], apiGroups: ReadonlySet<string>): string {
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
 * Builds `cxctl <product>`: every group, with the calls of the groups asked for (the others are stubs
 * that only describe themselves, enough for `cxctl <product> --help`).
 *
 * @param product - The product.
 * @param io - The run's streams.
 * @param build - The groups whose calls to build, or `"all"`.
 * @returns The command.
 */
export async function productCommand(product: Product, io: CliIo, build: "all" | readonly string[] = "all"): Promise<Command> {
  const catalog = await productCatalog(product);
  const { entries } = catalog;
  const only = build === "all" ? undefined : new Set(build);
  const root = new Command(product).description(`${PRODUCT_TITLES[product]}: every operation (${entries.length}), as <group> <call>`);
  const curated = curatedCommands(catalog, io, only);
  const curatedByGroup = curatedNames(catalog);
  const byGroup = new Map<string, CatalogEntry[]>();
  for (const entry of entries) byGroup.set(entry.group, [...(byGroup.get(entry.group) ?? []), entry]);
  const names = [...new Set([...byGroup.keys(), ...curatedByGroup.keys()])].sort();
  for (const name of names) {
    const members = byGroup.get(name) ?? [];
    const curatedCalls = curatedByGroup.get(name) ?? [];
    // A curated command takes the place of the generic one of the same name.
    const calls = [...curatedCalls, ...members.map((entry) => entry.call).filter((call) => !curatedCalls.includes(call))];
    const apiGroups = new Set(members.flatMap((entry) => (entry.operation.group === undefined ? [] : [entry.operation.group])));
    const group = new Command(name).description(groupDescription(name, calls, apiGroups));
    if (only === undefined || only.has(name)) {
      addCalls(group, catalog, members, curated.get(name) ?? [], io);
      group.addHelpText("after", `\nExample:\n  cxctl ${product} ${name} ${calls[0] ?? ""} --help`);
    } else {
      group.helpOption(false).allowUnknownOption().allowExcessArguments();
    }
    root.addCommand(group);
  }
  // The example names an everyday group: the first with curated commands.
  const example = [...curatedByGroup.keys()][0] ?? names[0] ?? "";
  root.addHelpText("after", `\nExample:\n  cxctl ${product} ${example} --help\n\nEvery call takes --data (JSON, @file or -), --output, and for lists --limit and --all.`);
  return root;
}

/** Adds a group's calls: its curated commands, then a generic command for each other operation. */
function addCalls(group: Command, catalog: ProductCatalog, members: readonly CatalogEntry[], curated: readonly Command[], io: CliIo): void {
  for (const command of curated) group.addCommand(command);
  const primaries = new Set(members.map((entry) => entry.call));
  for (const entry of members) {
    const curatedNames = new Set(group.commands.flatMap((command) => [command.name(), ...command.aliases()]));
    if (curatedNames.has(entry.call)) {
      // The curated command takes the generic one's place: give it the operation's own name too.
      const replacing = group.commands.find((command) => command.name() === entry.call);
      const alias = kebab(entry.operation.id.split(".").at(-1) ?? "");
      if (replacing !== undefined && curatedOperationOf(replacing) === entry.operation.id && alias !== entry.call && !curatedNames.has(alias) && !primaries.has(alias)) replacing.alias(alias);
      continue;
    }
    group.addCommand(operationCommand(catalog, entry, io, new Set([...curatedNames, ...primaries])));
  }
}
