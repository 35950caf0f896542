/**
 * The operations of a product client, from data: the client's manifest (which namespace and method
 * calls which operation) and its operation table (`Client.operations`). Nothing here is hard-coded per
 * operation, so a regenerated client brings its new calls to the command line.
 *
 * @module
 */
import { manifestOf, type ClientClass } from "./connection.js";

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
  /** Call (the method, kebab-case), e.g. `get-status`. */
  readonly call: string;
  /** The client method, when a namespace has one, e.g. `apiKeys.generate`. */
  readonly method: string | undefined;
  /** The operation. */
  readonly operation: OperationInfo;
}

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
  const table = Client.operations as readonly OperationInfo[];
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
  for (const namespace of manifestOf(Client)?.namespaces ?? []) {
    for (const { id, method } of namespace.operations) {
      const operation = byId.get(id);
      if (operation !== undefined) add(operation, namespace.name, method);
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
