/**
 * The operations of a product client, from data: the client's manifest (which namespace and method calls
 * which operation), its operation table and the operations' request JSON Schemas. Nothing here is
 * hard-coded per operation, so a regenerated client brings its new calls to the command line.
 *
 * The build writes each product's catalog to `dist/cli-manifest/` (see build-cli-manifest.ts), so a
 * product's commands and their `--help` are built from one small JSON file, without importing the client,
 * its table or zod. Without those files (running from source before a build), the catalog is computed
 * from the client, as the build does.
 *
 * @module
 */
import { readFileSync } from "node:fs";
import type { ClientManifest } from "@cortex-sdk/core";
import type { SchemaNode } from "./body-schema.js";
import type { Product } from "./connection.js";

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
  readonly requiredOnXsoar8?: { readonly fields: readonly string[]; readonly unlessPresent?: string };
}

/** The keys of {@link OperationInfo}: what the catalog keeps of a table entry. */
const OPERATION_KEYS = ["id", "method", "path", "pagination", "retrySafety", "async", "deprecated", "permissions", "pathParams", "queryParams", "requestEnvelope", "replyKind", "requestContentType", "group", "requiredOnXsoar8"] as const;

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
  /** Top-level fields of the request body, from its JSON Schema (none when it has no schema). */
  readonly bodyFields?: readonly string[];
}

/** Every operation of one product, and their request schemas read on demand. */
export interface ProductCatalog {
  /** The product. */
  readonly product: Product;
  /** The operations, sorted by group and call. */
  readonly entries: readonly CatalogEntry[];
  /**
   * The request JSON Schema of an operation (the content of `request_data` when the body is wrapped).
   *
   * @param id - Operation id.
   * @returns The schema, or undefined when the operation takes no documented body.
   */
  requestSchema(id: string): SchemaNode | undefined;
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

/**
 * Every operation of a product client, named by its namespace and method; operations no namespace calls
 * are named after their id.
 *
 * @param table - The client's operation table (`Client.operations`).
 * @param manifest - The client's manifest.
 * @returns The entries, sorted by group and call.
 */
export function catalogOf(table: readonly OperationInfo[], manifest: ClientManifest | undefined): CatalogEntry[] {
  const byId = new Map(table.map((operation) => [operation.id, operation]));
  const entries: CatalogEntry[] = [];
  const mapped = new Set<string>();
  const taken = new Set<string>();
  const add = (operation: OperationInfo, group: string, call: string, method: string | undefined): void => {
    if (mapped.has(operation.id) || taken.has(`${group} ${call}`)) return;
    taken.add(`${group} ${call}`);
    mapped.add(operation.id);
    entries.push({ group, call, method, operation: pick(operation) });
  };
  for (const namespace of manifest?.namespaces ?? []) {
    for (const { id, method } of namespace.operations) {
      const operation = byId.get(id);
      if (operation !== undefined) add(operation, kebab(namespace.name), kebab(method), `${namespace.name}.${method}`);
    }
  }
  for (const operation of table) {
    const [head = "misc", ...rest] = operation.id.split(".");
    add(operation, kebab(head), rest.length === 0 ? "call" : kebab(rest.join("-")), undefined);
  }
  entries.sort((a, b) => a.group.localeCompare(b.group) || a.call.localeCompare(b.call));
  return entries;
}

function pick(operation: OperationInfo): OperationInfo {
  const kept: Record<string, unknown> = {};
  for (const key of OPERATION_KEYS) if (operation[key] !== undefined) kept[key] = operation[key];
  return kept as unknown as OperationInfo;
}

/** Where the build writes the catalogs: `dist/cli-manifest/` (this resolves from `src/` and `dist/` alike). */
export const CLI_MANIFEST_DIR = new URL("../dist/cli-manifest/", import.meta.url);

/** A product's catalog as the build writes it: `<product>.json` plus the schemas in `<product>.requests.ndjson`. */
export interface StoredCatalog {
  readonly product: Product;
  /** The entries; `request` is the byte range of the entry's schema in the `.requests.ndjson` file. */
  readonly entries: readonly (CatalogEntry & { readonly request?: readonly [number, number] })[];
}

const loaded = new Map<Product, Promise<ProductCatalog>>();

/**
 * A product's catalog: from `dist/cli-manifest/` when the build wrote it (one JSON file; a schema is
 * parsed only when asked for), else computed from the client.
 *
 * @param product - The product.
 * @returns The catalog.
 */
export function productCatalog(product: Product): Promise<ProductCatalog> {
  let catalog = loaded.get(product);
  if (catalog === undefined) {
    catalog = readStoredCatalog(product) ?? import("./catalog-source.js").then(({ computeCatalog }) => computeCatalog(product));
    loaded.set(product, catalog);
  }
  return catalog;
}

function readStoredCatalog(product: Product): Promise<ProductCatalog> | undefined {
  let stored: StoredCatalog;
  try {
    stored = JSON.parse(readFileSync(new URL(`${product}.json`, CLI_MANIFEST_DIR), "utf8")) as StoredCatalog;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  const ranges = new Map(stored.entries.flatMap((entry) => (entry.request === undefined ? [] : [[entry.operation.id, entry.request] as const])));
  let requests: Buffer | undefined;
  const parsed = new Map<string, SchemaNode>();
  return Promise.resolve({
    product,
    entries: stored.entries,
    requestSchema(id) {
      const range = ranges.get(id);
      if (range === undefined) return undefined;
      let schema = parsed.get(id);
      if (schema === undefined) {
        requests ??= readFileSync(new URL(`${product}.requests.ndjson`, CLI_MANIFEST_DIR));
        schema = JSON.parse(requests.subarray(range[0], range[1]).toString("utf8")) as SchemaNode;
        parsed.set(id, schema);
      }
      return schema;
    },
  });
}
