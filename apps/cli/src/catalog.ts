/**
 * The operations of a product client, read at run time from the client itself: its operation table
 * (through the `clientInfo` a subclass may read) and its generated namespaces (which method calls which
 * operation). Nothing here is hard-coded per operation, so a regenerated client brings its new calls to
 * the command line.
 *
 * @module
 */
import type { ClientOptions, CortexClient } from "@cortex-sdk/core";
import { operationMethodsOf, type ClientClass } from "./connection.js";

/** The parts of an operation table entry the CLI reads. */
export interface OperationInfo {
  readonly id: string;
  readonly method: string;
  readonly path: string;
  readonly pagination: { readonly kind: string; readonly maxPageSize?: number; readonly itemsField?: string };
  readonly retrySafety: string;
  readonly async?: string;
  readonly deprecated?: string;
  readonly permissions?: readonly string[];
  readonly pathParams?: readonly string[];
  readonly queryParams?: readonly { readonly name: string; readonly required: boolean }[];
  readonly requestEnvelope?: string;
  readonly replyKind?: string;
  readonly requestContentType?: string;
  readonly group?: string;
  readonly products?: readonly string[];
  readonly xsoarVersions?: readonly number[];
}

/** One command of the generic tree. */
export interface CatalogEntry {
  /** Command group (the namespace, kebab-case), e.g. `api-keys`. */
  readonly group: string;
  /** Call (the method, kebab-case), e.g. `get-action-status`. */
  readonly call: string;
  /** The client method, when a namespace has one, e.g. `apiKeys.generate`. */
  readonly method: string | undefined;
  /** The operation. */
  readonly operation: OperationInfo;
}

/** Dummy settings so the table can be read without credentials (nothing is sent). */
const PROBE_OPTIONS: ClientOptions = {
  baseUrl: "http://127.0.0.1:9",
  apiKeyId: "1",
  apiKey: "probe",
  securityLevel: "standard",
  xsoarVersion: 8,
  env: {},
  configFile: "/nonexistent/cxctl-probe.json",
  logLevel: "off",
};

const CALL = /this\.#client\.(request|paginate|stream|streamNdjson)\(\s*"([^"]+)"/;

/**
 * Turns a camelCase or snake_case name into kebab-case.
 *
 * @param name - The name.
 * @returns kebab-case.
 */
export function kebab(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .replace(/[_.\s]+/g, "-")
    .toLowerCase();
}

const cache = new Map<ClientClass, CatalogEntry[]>();

/**
 * Every operation of a product client, named by its namespace and method.
 *
 * @param Client - The product client class.
 * @returns The entries, sorted by group and call.
 */
export function catalogOf(Client: ClientClass): CatalogEntry[] {
  const cached = cache.get(Client);
  if (cached !== undefined) return cached;
  const Base = Client as unknown as new (options: ClientOptions) => CortexClient;
  class Probe extends Base {
    get table(): readonly OperationInfo[] {
      return this.clientInfo.operations as readonly OperationInfo[];
    }
  }
  const probe = new Probe(PROBE_OPTIONS) as Probe & Record<string, unknown>;
  const table = probe.table;
  const byId = new Map(table.map((operation) => [operation.id, operation]));
  const entries: CatalogEntry[] = [];
  const mapped = new Set<string>();
  const taken = new Set<string>();
  const add = (operation: OperationInfo, property: string, name: string): void => {
    const group = kebab(property);
    const call = kebab(name);
    if (mapped.has(operation.id) || taken.has(`${group} ${call}`)) return;
    taken.add(`${group} ${call}`);
    mapped.add(operation.id);
    entries.push({ group, call, method: `${property}.${name}`, operation });
  };
  // The client package's own map, when it exports one; else the generated methods' source.
  for (const [id, [property, name]] of Object.entries(operationMethodsOf(Client) ?? {})) {
    const operation = byId.get(id);
    if (operation !== undefined) add(operation, property, name);
  }
  for (const [property, namespace] of Object.entries(probe)) {
    if (namespace === null || typeof namespace !== "object") continue;
    // Walk the prototype chain: workflow classes extend the generated namespaces.
    for (let proto = Object.getPrototypeOf(namespace) as Record<string, unknown> | null; proto !== null && proto !== Object.prototype; proto = Object.getPrototypeOf(proto) as Record<string, unknown> | null) {
      for (const name of Object.getOwnPropertyNames(proto)) {
        const fn = proto[name];
        if (name === "constructor" || typeof fn !== "function") continue;
        const match = CALL.exec(Function.prototype.toString.call(fn));
        const operation = match?.[2] === undefined ? undefined : byId.get(match[2]);
        if (operation !== undefined) add(operation, property, name);
      }
    }
  }
  for (const operation of table) {
    if (mapped.has(operation.id)) continue;
    const [head = "misc", ...rest] = operation.id.split(".");
    const group = kebab(head);
    const call = rest.length === 0 ? "call" : kebab(rest.join("-"));
    if (taken.has(`${group} ${call}`)) continue;
    taken.add(`${group} ${call}`);
    entries.push({ group, call, method: undefined, operation });
  }
  entries.sort((a, b) => a.group.localeCompare(b.group) || a.call.localeCompare(b.call));
  cache.set(Client, entries);
  return entries;
}
