/**
 * Generates each product client's operation namespaces and its manifest from the operation table in
 * @cortex-sdk/schemas and the manifest data in naming.ts: packages/<product>/src/generated/client-base.ts
 * and manifest.ts. `--check` regenerates in memory and fails when a committed file differs.
 *
 * Run through `pnpm generate` (after the schemas build) or `pnpm run check:clients`.
 *
 * @module
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { JsonSchema, OperationEntry, Product } from "../../packages/schemas-base/dist/index.js";
import { methodNameOverrides, namespaceNames, productClients, type ProductClientSpec } from "./naming.js";
import { workflowClasses, workflowsEntry } from "./workflow-methods.js";

/** A client spec with the product's title, read from @cortex-sdk/schemas-base/products. */
type ProductClient = ProductClientSpec & { readonly title: string };

/** The repository root (the compiled generator runs from node_modules/.cache/clients-generator). */
const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");

/** One operation placed on a namespace. */
interface Member {
  readonly entry: OperationEntry;
  readonly method: string;
}

/** One namespace of a client: its operations and the workflow it extends. */
interface Namespace {
  readonly property: string;
  readonly members: readonly Member[];
  readonly base: string | undefined;
  readonly replaces: readonly string[];
}

type RequestSchema = (id: string) => JsonSchema | undefined;

/** The named request and reply types of each operation in @cortex-sdk/schemas-<product>. */
type TypeNames = Readonly<Record<string, { readonly request?: string; readonly reply?: string; readonly requestOptional?: boolean }>>;

/**
 * Splits an operation id into namespace and call, e.g. `v2.alerts.get_alerts_multi_events`.
 *
 * @param id - Operation id.
 * @returns The namespace and the call.
 */
export function splitId(id: string): { namespace: string; call: string } {
  const parts = id.split(".");
  let version = "";
  if (/^v\d+$/.test(parts[0] ?? "")) version = (parts.shift() ?? "").toUpperCase();
  if (parts[0] === "platform" || parts[0] === "xsoar") parts.shift();
  const namespace = parts.length > 1 ? (parts.shift() ?? "system") : "system";
  return { namespace, call: parts.join("_") + (version ? `_${version.toLowerCase()}` : "") };
}

function camel(text: string): string {
  const words = text.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return words.map((word, index) => (index === 0 ? word.charAt(0).toLowerCase() + word.slice(1) : word.charAt(0).toUpperCase() + word.slice(1))).join("");
}

function pascal(text: string): string {
  const name = camel(text);
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** Places every operation on a namespace and method, by the naming data. */
function group(client: ProductClient, entries: readonly OperationEntry[]): Map<string, Member[]> {
  const groups = new Map<string, Member[]>();
  for (const entry of entries) {
    const { namespace, call } = splitId(entry.id);
    const named = methodNameOverrides[entry.id];
    const [placedNamespace, placedMethod] = named?.includes(".") ? (named.split(".") as [string, string]) : [undefined, named];
    const property = placedNamespace ?? namespaceNames[namespace] ?? camel(namespace);
    const method = placedMethod ?? camel(call);
    const members = groups.get(property) ?? [];
    groups.set(property, members);
    if (members.some((other) => other.method === method)) throw new Error(`${client.className}: two operations map to ${property}.${method} (${entry.id}); add a name in scripts/clients-generator/naming.ts`);
    members.push({ entry, method });
  }
  return groups;
}

function namespacesOf(client: ProductClient, groups: ReadonlyMap<string, readonly Member[]>): { namespaces: Namespace[]; plain: { property: string; className: string }[] } {
  const workflows = client.workflows ?? {};
  for (const property of Object.keys(workflows)) if (!groups.has(property)) throw new Error(`${client.className}: workflow for ${property}, which has no operations`);
  const namespaces: Namespace[] = [...groups.entries()].map(([property, members]) => ({ property, members, base: workflows[property]?.extends, replaces: workflows[property]?.replaces ?? [] }));
  const plain: { property: string; className: string }[] = [];
  for (const [property, extra] of Object.entries(client.extraNamespaces ?? {})) {
    if (groups.has(property)) throw new Error(`${client.className}: extra namespace ${property} clashes with an operation group`);
    if (extra.operationsOf !== undefined) namespaces.push({ property, members: groups.get(extra.operationsOf) ?? [], base: extra.class, replaces: [] });
    else plain.push({ property, className: extra.class });
  }
  namespaces.sort((a, b) => a.property.localeCompare(b.property));
  return { namespaces, plain };
}

function render(client: ProductClient, groups: ReadonlyMap<string, readonly Member[]>, requestSchema: RequestSchema, typeNames: TypeNames, genericWorkflows: ReadonlySet<string>, workflowSubpaths: ReadonlyMap<string, string>): string {
  const usedTypes = new Set<string>([`${client.prefix}OperationId`, `${client.prefix}ReplyOf`, `${client.prefix}RequestOf`]);
  // A generic workflow class gets this product's shapes map, so its declarations name only this product's types.
  const workflowType = (className: string): string => {
    if (!genericWorkflows.has(className)) return className;
    usedTypes.add(`${client.prefix}OperationShapes`);
    return `${className}<${client.prefix}OperationShapes>`;
  };
  const requestType = (entry: OperationEntry): string => {
    const name = typeNames[entry.id]?.request ?? "undefined";
    if (name !== "undefined") usedTypes.add(name);
    return name;
  };
  const replyType = (entry: OperationEntry): string => {
    const name = typeNames[entry.id]?.reply ?? "unknown";
    if (!["undefined", "unknown", "Uint8Array"].includes(name)) usedTypes.add(name);
    return name;
  };
  const { namespaces, plain } = namespacesOf(client, groups);
  const workflowImports = [...new Set([...namespaces.flatMap((namespace) => (namespace.base === undefined ? [] : [namespace.base])), ...plain.map((extra) => extra.className), ...(client.extraOperations === undefined ? [] : [client.extraOperations])])].sort();
  const tableName = `${client.prefix.toUpperCase()}_OPERATIONS`;
  const out: string[] = [];
  out.push("// Generated by scripts/clients-generator from the @cortex-sdk/schemas operation table.");
  out.push("// Do not edit: change the table or scripts/clients-generator/naming.ts and run `pnpm generate`.");
  out.push("import {");
  out.push("  pathOnly,");
  out.push("  ProductClient,");
  out.push("  type ApiPromise,");
  out.push("  type CallOptions,");
  out.push("  type CortexClient,");
  out.push("  type ListOptions,");
  out.push("  type PagePromise,");
  out.push("  type ProductClientOptions,");
  out.push("  type ReplyValidationOptions,");
  out.push("  type ReplyValidators,");
  out.push("  type RequestValidators,");
  out.push("  type ValidatedCallOptions,");
  out.push('} from "@cortex-sdk/core";');
  out.push('import type { OperationEntry } from "@cortex-sdk/schemas-base";');
  const typeImportAt = out.length;
  out.push(`import { operations } from "@cortex-sdk/schemas-${client.product}";`);
  // Each workflow from its concern's subpath: the package root would load every product's workflow declarations.
  const bySubpath = new Map<string, string[]>();
  for (const name of workflowImports) {
    const subpath = workflowSubpaths.get(name) ?? fail(`${client.className}: ${name} is exported by no subpath of @cortex-sdk/workflows`);
    bySubpath.set(subpath, [...(bySubpath.get(subpath) ?? []), name]);
  }
  for (const [subpath, names] of [...bySubpath].sort(([a], [b]) => a.localeCompare(b))) out.push(`import { ${names.join(", ")} } from "${subpath}";`);
  out.push("");
  out.push(`/** Every operation {@link ${client.className}} can call: the ${client.title} table${client.extraOperations === undefined ? "" : " and the hand-written operations it lacks"}. */`);
  out.push(`export const ${tableName}: readonly OperationEntry[] = ${client.extraOperations === undefined ? "operations" : `[...operations, ...${client.extraOperations}.filter((extra) => !operations.some((entry) => entry.id === extra.id))]`};`);
  out.push("");
  const classes: { property: string; className: string; typeName: string; operations: boolean }[] = plain.map((extra) => ({ ...extra, typeName: workflowType(extra.className), operations: false }));
  for (const { property, members, base, replaces } of namespaces) {
    const className = `${client.prefix}${pascal(property)}Namespace`;
    classes.push({ property, className, typeName: className, operations: true });
    out.push(base === undefined ? `/** The \`${property}\` operations of ${client.title}. */` : `/** The \`${property}\` operations of ${client.title}, with the workflows of {@link ${base}}. */`);
    out.push(`export class ${className}${base === undefined ? "" : ` extends ${workflowType(base)}`} {`);
    out.push("  readonly #client: CortexClient;");
    out.push("");
    out.push("  /** @param client - The client that sends the calls. */");
    out.push("  constructor(client: CortexClient) {");
    if (base !== undefined) out.push("    super(client);");
    out.push("    this.#client = client;");
    out.push("  }");
    for (const { entry, method } of members) {
      // The workflow class implements this call itself (a checked request, another paging).
      if (replaces.includes(method)) continue;
      out.push("");
      out.push(...doc(entry, property, method, client, requestSchema));
      const id = JSON.stringify(entry.id);
      const { param, body } = requestParameter(entry, requestType(entry), typeNames[entry.id]?.requestOptional !== false, requestSchema);
      const reply = replyType(entry);
      if (entry.pagination.kind !== "none") {
        const item = `NonNullable<${reply}[${JSON.stringify(entry.pagination.itemsField)} & keyof ${reply}]> extends readonly (infer Item)[] ? Item : unknown`;
        out.push(`  ${method}(${param}options?: ListOptions & ReplyValidationOptions): PagePromise<${reply}, ${item}> {`);
        out.push(`    return this.#client.paginate(${id}, ${body}, options);`);
      } else {
        out.push(`  ${method}(${param}options?: ValidatedCallOptions): ApiPromise<${reply}> {`);
        out.push(`    return this.#client.request(${id}, ${body}, options);`);
      }
      out.push("  }");
    }
    out.push("}");
    out.push("");
  }
  out.push(`/** Where each operation lives on {@link ${client.className}}: operation id → [namespace, method]. */`);
  out.push(`export const ${client.prefix.toUpperCase()}_OPERATION_METHODS: Readonly<Record<string, readonly [namespace: string, method: string]>> = Object.freeze({`);
  for (const [property, members] of [...groups.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    for (const { entry, method } of members) out.push(`  ${JSON.stringify(entry.id)}: [${JSON.stringify(property)}, ${JSON.stringify(method)}],`);
  }
  out.push("});");
  out.push("");
  classes.sort((a, b) => a.property.localeCompare(b.property));
  // One loader for every client of the class, so they share one client info object (see ProductClient).
  const loader = `load${client.prefix}Validators`;
  out.push(`const ${loader} = async (): Promise<ReplyValidators & RequestValidators> => (await import("@cortex-sdk/schemas-${client.product}/validators")) as ReplyValidators & RequestValidators;`);
  out.push("");
  out.push(`/** The generated part of {@link ${client.className}}: one namespace per operation group. */`);
  out.push(`export class ${client.className}Base extends ProductClient {`);
  out.push(`  /** Every operation this client can call (the table, as data). */`);
  out.push(`  static readonly operations: readonly OperationEntry[] = ${tableName};`);
  out.push("");
  // Namespaces are built on first use: a client made for one call (or one of many derived per child tenant)
  // does not pay for the ones it never touches. Each is a read-only getter returning the same object every time,
  // kept in one holder made on first use, so a new client sets one field, not one per namespace.
  out.push(`  #namespaces: {`);
  for (const { property, typeName } of classes) out.push(`    ${property}?: ${typeName};`);
  out.push(`  } | undefined;`);
  out.push("");
  out.push("  /**");
  out.push("   * @param options - Client options; anything missing comes from the environment.");
  out.push("   * @param version - Version of the product client package, for the User-Agent.");
  out.push("   */");
  out.push("  constructor(options: ProductClientOptions, version: string) {");
  out.push(`    super(options, { product: ${JSON.stringify(client.product)}, clientName: ${JSON.stringify(client.product)}, clientVersion: version }, ${tableName}, ${loader});`);
  out.push("  }");
  out.push("");
  for (const { property, typeName, operations } of classes) {
    out.push(`  /** \`${property}\` ${operations ? "operations" : "workflows"}. */`);
    out.push(`  get ${property}(): ${typeName} {`);
    out.push(`    return ((this.#namespaces ??= {}).${property} ??= new ${typeName}(this));`);
    out.push("  }");
    out.push("");
  }
  out.push("  /**");
  out.push(`   * Calls any ${client.title} operation by id: the request is checked and the reply typed by the operation.`);
  out.push("   *");
  out.push("   * @param operationId - Operation id from the table.");
  out.push("   * @param body - The request (without the `request_data` envelope).");
  out.push("   * @param options - Per-call options.");
  out.push("   * @returns The reply without its envelope; `.withResponse()` adds status, headers, request id and attempts.");
  out.push("   */");
  out.push(`  override request<Id extends ${client.prefix}OperationId>(operationId: Id, body: ${client.prefix}RequestOf<Id>, options?: CallOptions): ApiPromise<${client.prefix}ReplyOf<Id>>;`);
  out.push("  override request<T = unknown>(operationId: string, body?: unknown, options?: CallOptions): ApiPromise<T>;");
  out.push("  override request(operationId: string, body?: unknown, options?: CallOptions): ApiPromise<unknown> {");
  out.push("    return super.request(operationId, body, options);");
  out.push("  }");
  out.push("}");
  out.push("");
  out.splice(typeImportAt, 0, `import type {\n  ${[...usedTypes].sort().join(",\n  ")},\n} from "@cortex-sdk/schemas-${client.product}";`);
  return out.join("\n");
}

/** The manifest: which operations and workflows the client has, as plain data. */
function renderManifest(client: ProductClient, groups: ReadonlyMap<string, readonly Member[]>, methodsOf: ReadonlyMap<string, readonly string[]>): string {
  const { namespaces, plain } = namespacesOf(client, groups);
  const all = [...namespaces.map((namespace) => ({ ...namespace, workflow: namespace.base })), ...plain.map((extra) => ({ property: extra.property, members: [] as readonly Member[], workflow: extra.className, replaces: [] as readonly string[] }))].sort((a, b) => a.property.localeCompare(b.property));
  const out: string[] = [];
  out.push("// Generated by scripts/clients-generator from the @cortex-sdk/schemas operation table.");
  out.push("// Do not edit: change the table or scripts/clients-generator/naming.ts and run `pnpm generate`.");
  out.push('import type { ClientManifest } from "@cortex-sdk/core";');
  out.push("");
  out.push(`/** What {@link ${client.className}} holds: each namespace with its operations (id → method) and workflow methods. Plain data. */`);
  out.push(`export const ${client.product}Manifest: ClientManifest = {`);
  out.push(`  product: ${JSON.stringify(client.product)},`);
  out.push(`  client: ${JSON.stringify(client.className)},`);
  out.push(`  package: ${JSON.stringify(`@cortex-sdk/${client.package}`)},`);
  out.push("  namespaces: [");
  for (const namespace of all) {
    const own = new Set(namespace.members.filter((member) => !namespace.replaces.includes(member.method)).map((member) => member.method));
    const workflowMethodNames = namespace.workflow === undefined ? [] : (methodsOf.get(namespace.workflow) ?? fail(`${client.className}: workflow class ${namespace.workflow} is not exported by @cortex-sdk/workflows`));
    for (const replaced of namespace.replaces) if (!workflowMethodNames.includes(replaced)) fail(`${client.className}: ${namespace.property}.${replaced} is replaced by ${namespace.workflow ?? "?"}, which has no such method`);
    out.push("    {");
    out.push(`      name: ${JSON.stringify(namespace.property)},`);
    if (namespace.workflow !== undefined) out.push(`      workflow: ${JSON.stringify(namespace.workflow)},`);
    out.push("      operations: [");
    for (const { entry, method } of namespace.members) out.push(`        { id: ${JSON.stringify(entry.id)}, method: ${JSON.stringify(method)}, paginated: ${entry.pagination.kind !== "none"} },`);
    out.push("      ],");
    out.push(`      workflowMethods: [${workflowMethodNames.filter((name) => !own.has(name)).map((name) => JSON.stringify(name)).join(", ")}],`);
    out.push("    },");
  }
  out.push("  ],");
  out.push("};");
  out.push("");
  return out.join("\n");
}

function fail(message: string): never {
  throw new Error(message);
}

/** An object literal key. */
function key(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name);
}

interface PropertySchema {
  readonly type?: string | readonly string[];
  readonly enum?: readonly unknown[];
  readonly $anchor?: string;
}

/** A request literal naming the required fields with placeholders of their type. */
function exampleRequest(entry: OperationEntry, requestSchema: RequestSchema): string {
  const schema = requestSchema(entry.id) as { required?: readonly string[]; properties?: Record<string, PropertySchema> } | undefined;
  if (entry.requestEnvelope === "request_data_array") return "[]";
  const required = schema?.required ?? [];
  if (required.length === 0) return "{}";
  const placeholders: Record<string, string> = { string: '"…"', integer: "1", number: "1", boolean: "true", array: "[]", object: "{}" };
  const placeholder = (property: PropertySchema | undefined): string => {
    const type = Array.isArray(property?.type) ? property.type[0] : property?.type;
    if (property?.enum !== undefined && property.enum.length > 0) return JSON.stringify(property.enum[0]);
    // An AND/OR filter tree (override data anchors it): the smallest tree.
    if (property?.$anchor !== undefined) return "{ AND: [] }";
    return placeholders[String(type)] ?? '"…"';
  };
  return `{ ${required.map((name) => `${key(name)}: ${placeholder(schema?.properties?.[name])}`).join(", ")} }`;
}

/** The request parameter of a method: path parameters for bodiless calls, else the typed request body (optional only when `{}` is a valid request). */
function requestParameter(entry: OperationEntry, requestTypeName: string, requestOptional: boolean, requestSchema: RequestSchema): { param: string; body: string } {
  const pathParams = entry.pathParams ?? [];
  if (entry.requestEnvelope === "none") {
    if (pathParams.length === 0) return { param: "", body: "undefined" };
    const fields = pathParams.map((name) => `readonly ${JSON.stringify(name)}: string | number`).join("; ");
    return { param: `params: { ${fields} }, `, body: "params" };
  }
  const schema = requestSchema(entry.id) as { required?: readonly string[]; properties?: Record<string, unknown> } | undefined;
  const required = !requestOptional || pathParams.length > 0;
  // Path parameters travel in the request (the transport fills `{name}` from it) even when the body type lacks them.
  const pathFields = pathParams.map((name) => `readonly ${JSON.stringify(name)}: string | number`).join("; ");
  const type = pathParams.length === 0 ? requestTypeName : `${requestTypeName} & { ${pathFields} }`;
  // Path parameters that are not body fields are kept out of the serialised body.
  const bodyFields = new Set(Object.keys(schema?.properties ?? {}));
  const pathOnly = pathParams.filter((name) => !bodyFields.has(name));
  const body = pathOnly.length === 0 ? "request" : `pathOnly(request, ${JSON.stringify(pathOnly)})`;
  return { param: required ? `request: ${type}, ` : `request: ${type} = {} as ${type}, `, body };
}

/** What the doc comment of a call says about its operation: route, paging, retries, limits. */
function operationFacts(entry: OperationEntry): string[] {
  const facts: string[] = [];
  facts.push(`\`${entry.method} ${entry.path}\`.`);
  const paging = entry.pagination;
  if (paging.kind === "offset") facts.push(`Paginated by offset, at most ${paging.maxPageSize} per page: await for the first page, or \`for await\` over every item.`);
  else if (paging.kind === "page_token") facts.push("Paginated by page token: await for the first page, or `for await` over every item.");
  else if (paging.kind === "page_size" || paging.kind === "filter_data") facts.push(`Paginated (${paging.kind}), at most ${paging.maxPageSize} per page: await for the first page, or \`for await\` over every item.`);
  if (entry.retrySafety === "unsafe") facts.push("Not retried after an ambiguous failure (the service may already have acted) unless `retryUnsafe` is set.");
  if (entry.async === "action_id") facts.push("Returns an action id; poll it until the action finishes.");
  if (entry.async === "xql_query_id") facts.push("Starts an XQL query and returns its id.");
  if (entry.limits?.maxIdsPerCall) facts.push(`At most ${entry.limits.maxIdsPerCall} ids per call.`);
  if (entry.limits?.rateLimit) facts.push(`Rate limited to ${entry.limits.rateLimit.requests} calls per ${entry.limits.rateLimit.perMs / 1000} s.`);
  if (entry.replyHoldsSecret) facts.push("The reply holds a secret that is shown only once: store it.");
  return facts;
}

/** The argument of a call's example: path parameters, or a request naming the required fields. */
function exampleArgumentOf(entry: OperationEntry, requestSchema: RequestSchema): string {
  const pathParams = entry.pathParams ?? [];
  return entry.requestEnvelope === "none" ? (pathParams.length > 0 ? `{ ${pathParams.map((name) => `${key(name)}: "…"`).join(", ")} }` : "") : exampleRequest(entry, requestSchema);
}

function doc(entry: OperationEntry, property: string, method: string, client: ProductClient, requestSchema: RequestSchema): string[] {
  const lines: string[] = [];
  const paging = entry.pagination;
  lines.push("  /**");
  lines.push(`   * Operation \`${entry.id}\`: ${operationFacts(entry).join(" ")}`);
  if (entry.deprecated) lines.push(`   * @deprecated ${entry.deprecated}`);
  const pathParams = entry.pathParams ?? [];
  if (entry.requestEnvelope !== "none") lines.push("   * @param request - The request, without the `request_data` envelope.");
  else if (pathParams.length > 0) lines.push(`   * @param params - Path parameters: ${pathParams.map((name) => `\`${name}\``).join(", ")}.`);
  lines.push(`   * @param options - Per-call options${paging.kind === "none" ? "" : " plus `limit`, `pageSize` and `cursor`"}.`);
  lines.push("   * @returns The reply without its envelope; `.withResponse()` adds status, headers, request id and attempts.");
  lines.push("   * @throws `CortexApiError` subclasses for answers from the service, `CortexConnectionError` and `CortexTimeoutError` otherwise.");
  lines.push("   * @example");
  lines.push("   * ```ts");
  lines.push(`   * const client = new ${client.className}();`);
  const exampleArgument = exampleArgumentOf(entry, requestSchema);
  lines.push(paging.kind === "none" ? `   * const reply = await client.${property}.${method}(${exampleArgument});` : `   * for await (const item of client.${property}.${method}({})) console.log(item);`);
  lines.push("   * ```");
  lines.push("   */");
  return lines;
}

/** The name of an operation's function in `@cortex-sdk/<product>/operations`: namespace and method, as on the client. */
export function operationFunctionName(property: string, method: string): string {
  return `${property}${method.charAt(0).toUpperCase()}${method.slice(1)}`;
}

/** Fields of an entry that document it (where it comes from, what licence or role it needs) and that no call reads. */
const documentationFields = ["license", "permissions", "operationId", "sources", "group"] as const;

/** An entry without its documentation fields: what a call needs, inlined into each operation function. */
function runtimeEntry(entry: OperationEntry): OperationEntry {
  const copy: Record<string, unknown> = { ...entry };
  for (const field of documentationFields) delete copy[field];
  return copy as unknown as OperationEntry;
}

/**
 * `@cortex-sdk/<product>/operations`: one function per operation, each carrying its own table entry
 * inline, so a bundle that calls one operation holds that entry and the core runtime, not the table.
 */
function renderOperations(client: ProductClient, groups: ReadonlyMap<string, readonly Member[]>, requestSchema: RequestSchema, typeNames: TypeNames): string {
  const usedTypes = new Set<string>();
  const body: string[] = [];
  const names = new Set<string>();
  let usesPathOnly = false;
  let paginated = false;
  let single = false;
  for (const [property, members] of [...groups.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    for (const { entry, method } of members) {
      const name = operationFunctionName(property, method);
      if (names.has(name)) throw new Error(`${client.className}: two operations map to the function ${name} (${entry.id}); add a name in scripts/clients-generator/naming.ts`);
      names.add(name);
      const requestName = typeNames[entry.id]?.request ?? "undefined";
      if (requestName !== "undefined") usedTypes.add(requestName);
      const reply = typeNames[entry.id]?.reply ?? "unknown";
      if (!["undefined", "unknown", "Uint8Array"].includes(reply)) usedTypes.add(reply);
      const { param, body: sent } = requestParameter(entry, requestName, typeNames[entry.id]?.requestOptional !== false, requestSchema);
      if (sent.startsWith("pathOnly(")) usesPathOnly = true;
      const constant = `${name}Operation`;
      const paging = entry.pagination.kind !== "none";
      body.push(`const ${constant}: OperationEntry = ${JSON.stringify(runtimeEntry(entry))};`);
      body.push("");
      body.push("/**");
      body.push(` * Operation \`${entry.id}\` (\`client.${property}.${method}\` on \`${client.className}\`): ${operationFacts(entry).join(" ")}`);
      if (entry.deprecated) body.push(` * @deprecated ${entry.deprecated}`);
      body.push(` * @param client - The client that sends the call: the \`${client.prefix}LiteClient\` of \`@cortex-sdk/${client.package}/lite\`, or an \`${client.className}\`.`);
      const pathParams = entry.pathParams ?? [];
      if (entry.requestEnvelope !== "none") body.push(" * @param request - The request, without the `request_data` envelope.");
      else if (pathParams.length > 0) body.push(` * @param params - Path parameters: ${pathParams.map((param) => `\`${param}\``).join(", ")}.`);
      body.push(` * @param options - Per-call options${paging ? " plus `limit`, `pageSize` and `cursor`" : ""}.`);
      body.push(" * @returns The reply without its envelope; `.withResponse()` adds status, headers, request id and attempts.");
      body.push(" * @throws `CortexApiError` subclasses for answers from the service, `CortexConnectionError` and `CortexTimeoutError` otherwise.");
      body.push(" * @example");
      body.push(" * ```ts");
      body.push(` * const client = new ${client.prefix}LiteClient();`);
      const argument = exampleArgumentOf(entry, requestSchema);
      body.push(paging ? ` * for await (const item of ${name}(client, {})) console.log(item);` : ` * const reply = await ${name}(client${argument === "" ? "" : `, ${argument}`});`);
      body.push(" * ```");
      body.push(" */");
      if (entry.pagination.kind !== "none") {
        paginated = true;
        const item = `NonNullable<${reply}[${JSON.stringify(entry.pagination.itemsField)} & keyof ${reply}]> extends readonly (infer Item)[] ? Item : unknown`;
        body.push(`export function ${name}(client: CortexClientCore, ${param}options?: ListOptions): PagePromise<${reply}, ${item}> {`);
        body.push(`  return client.paginate(${constant}, ${sent}, options);`);
      } else {
        single = true;
        body.push(`export function ${name}(client: CortexClientCore, ${param}options?: CallOptions): ApiPromise<${reply}> {`);
        body.push(`  return client.request(${constant}, ${sent}, options);`);
      }
      body.push("}");
      body.push("");
    }
  }
  const coreTypes = ["CortexClientCore", ...(single ? ["ApiPromise", "CallOptions"] : []), ...(paginated ? ["ListOptions", "PagePromise"] : [])].sort();
  const out: string[] = [];
  out.push("// Generated by scripts/clients-generator from the @cortex-sdk/schemas operation table.");
  out.push("// Do not edit: change the table or scripts/clients-generator/naming.ts and run `pnpm generate`.");
  out.push("/**");
  out.push(` * One function per ${client.title} operation, each with its own table entry inline: a program that calls`);
  out.push(` * one operation through the \`${client.prefix}LiteClient\` bundles that entry and the core runtime only.`);
  out.push(" *");
  out.push(" * @example");
  out.push(" * ```ts");
  out.push(` * import { ${client.prefix}LiteClient } from "@cortex-sdk/${client.package}/lite";`);
  out.push(` * import { ${names.values().next().value ?? ""} } from "@cortex-sdk/${client.package}/operations";`);
  out.push(" * ```");
  out.push(" *");
  out.push(" * @module");
  out.push(" */");
  if (usesPathOnly) out.push('import { pathOnly } from "@cortex-sdk/core";');
  out.push(`import type { ${coreTypes.join(", ")} } from "@cortex-sdk/core";`);
  out.push('import type { OperationEntry } from "@cortex-sdk/schemas-base";');
  if (usedTypes.size > 0) out.push(`import type {\n  ${[...usedTypes].sort().join(",\n  ")},\n} from "@cortex-sdk/schemas-${client.product}";`);
  out.push("");
  out.push(...body);
  return `${out.join("\n").trimEnd()}\n`;
}

/** `@cortex-sdk/<product>/lite`: the client of the per-operation functions, without the table. */
function renderLite(client: ProductClient): string {
  const versionConstant = `${client.prefix.toUpperCase()}_CLIENT_VERSION`;
  const out: string[] = [];
  out.push("// Generated by scripts/clients-generator. Do not edit: run `pnpm generate`.");
  out.push("/**");
  out.push(` * The small ${client.title} client: the core runtime (per-attempt signing inside the retry loop, rate`);
  out.push(` * limits, typed errors, redaction) without the operation table, the namespaces, the workflows or the`);
  out.push(` * validators. Call it with the functions of \`@cortex-sdk/${client.package}/operations\`.`);
  out.push(" *");
  out.push(" * @module");
  out.push(" */");
  // An XSOAR client hands over the XSOAR support (routings, XSOAR texts); the other products' lite clients
  // bundle none of it.
  const xsoar = client.product === "xsoar";
  out.push(`import { CortexClientCore, ${xsoar ? "XSOAR_SUPPORT, " : ""}type ClientOptions } from "@cortex-sdk/core";`);
  out.push(`import { ${versionConstant} } from "../version.js";`);
  out.push("");
  out.push("/**");
  out.push(` * A ${client.title} client for the per-operation functions of \`@cortex-sdk/${client.package}/operations\`: it holds`);
  out.push(" * no operation table, so `request()` takes an operation's entry (the functions pass it), not an id;");
  out.push(` * for calls by id, namespaces, workflows, NDJSON row streaming (\`streamNdjson\`), XQL query slots and`);
  out.push(` * \`validateRequests\`/\`validateReplies\`, use \`${client.className}\` of \`@cortex-sdk/${client.package}\`.`);
  out.push(" *");
  out.push(" * @example");
  out.push(" * ```ts");
  out.push(` * import { ${client.prefix}LiteClient } from "@cortex-sdk/${client.package}/lite";`);
  out.push(" * // Reads CORTEX_API_BASE_URL, CORTEX_API_KEY_ID, CORTEX_API_KEY and CORTEX_API_KEY_TYPE.");
  out.push(` * const client = new ${client.prefix}LiteClient();`);
  out.push(" * ```");
  out.push(" */");
  out.push(`export class ${client.prefix}LiteClient extends CortexClientCore {`);
  out.push("  /**");
  out.push("   * @param options - Client options; anything missing comes from the environment.");
  out.push("   * @throws `CortexConfigError` when the URL or credentials are missing or invalid.");
  out.push("   */");
  out.push("  constructor(options: ClientOptions = {}) {");
  out.push(`    super(options, { product: ${JSON.stringify(client.product)}, clientName: ${JSON.stringify(`${client.product}-lite`)}, clientVersion: ${versionConstant}, operations: []${xsoar ? ", xsoarSupport: XSOAR_SUPPORT" : ""} });`);
  out.push("  }");
  out.push("}");
  out.push("");
  return out.join("\n");
}

async function main(): Promise<void> {
  const check = process.argv.includes("--check");
  const validators = (await import(join(root, "packages/schemas/dist/generated/validators.js"))) as { requestJsonSchema: RequestSchema };
  const { methods: methodsOf, generic: genericWorkflows, subpaths: workflowSubpaths } = workflowClasses(workflowsEntry(root));
  const { PRODUCTS, PRODUCT_TITLES } = (await import(join(root, "packages/schemas-base/dist/product-list.js"))) as { PRODUCTS: readonly Product[]; PRODUCT_TITLES: Readonly<Record<Product, string>> };
  const specified = productClients.map((client) => client.product).join(", ");
  if (specified !== PRODUCTS.join(", ")) throw new Error(`clients: naming.ts lists ${specified}; @cortex-sdk/schemas-base/products has ${PRODUCTS.join(", ")}: one client per product, in that order.`);
  let stale = 0;
  for (const spec of productClients) {
    const client: ProductClient = { ...spec, title: PRODUCT_TITLES[spec.product] };
    const dir = join(root, "packages", client.package);
    if (!existsSync(join(dir, "package.json"))) continue;
    const { operations } = (await import(join(root, `packages/schemas-${client.product}/dist/index.js`))) as { operations: readonly OperationEntry[] };
    const entries = [...operations].sort((a, b) => a.id.localeCompare(b.id));
    const groups = group(client, entries);
    const typeNames = ((await import(join(root, `packages/schemas-${client.product}/dist/type-names.js`))) as Record<string, TypeNames>)[`${client.product}TypeNames`] ?? {};
    const outputs: [string, string][] = [
      ["src/generated/client-base.ts", render(client, groups, validators.requestJsonSchema, typeNames, genericWorkflows, workflowSubpaths)],
      ["src/generated/manifest.ts", renderManifest(client, groups, methodsOf)],
      ["src/generated/operations.ts", renderOperations(client, groups, validators.requestJsonSchema, typeNames)],
      ["src/generated/lite.ts", renderLite(client)],
    ];
    for (const [name, text] of outputs) {
      const file = join(dir, name);
      if (check) {
        if (!existsSync(file) || readFileSync(file, "utf8") !== text) {
          console.error(`clients: ${file.slice(root.length + 1)} is out of date; run pnpm generate`);
          stale += 1;
        }
      } else {
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, text);
      }
    }
    if (!check) console.log(`clients: ${client.className}: ${entries.length} operations, ${Object.keys(client.workflows ?? {}).length + Object.keys(client.extraNamespaces ?? {}).length} workflow namespace(s) → packages/${client.package}/src/generated`);
  }
  if (check) {
    if (stale > 0) process.exit(1);
    console.log("clients: generated namespaces and manifests match the operation table");
  }
}

await main();
