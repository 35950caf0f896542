/**
 * The Cortex operation table and the request and reply types of every operation.
 *
 * @packageDocumentation
 */
import type { HttpMethod, OperationEntry } from "./operation.js";
import { xdrOperations } from "./products/xdr.js";

export type * from "./operation.js";
export type * from "./shapes.js";
export type * from "./products/xdr-types.js";

/** Every operation of every product. */
export const operations: readonly OperationEntry[] = [...xdrOperations];

const byId = new Map<string, OperationEntry>(operations.map((entry) => [entry.id, entry]));
const byRoute = new Map<string, OperationEntry>(operations.map((entry) => [routeKey(entry.method, entry.path), entry]));

function routeKey(method: string, path: string): string {
  return `${method.toUpperCase()} ${normalizePath(path)}`;
}

/**
 * Normalises a path for lookups: strips the query string and any trailing slash.
 *
 * @param path - A request path such as `/public_api/v1/incidents/get_incidents/`.
 * @returns The path without query string or trailing slash.
 */
export function normalizePath(path: string): string {
  const withoutQuery = path.split("?", 1)[0] ?? "";
  const trimmed = withoutQuery.replace(/\/+$/, "");
  return trimmed === "" ? "/" : trimmed;
}

/**
 * Finds the operation served at a method and path; the path is compared without a trailing slash.
 *
 * @param method - HTTP method, any case.
 * @param path - Path from the API root.
 * @returns The entry, or `undefined` when no operation matches.
 */
export function getOperation(method: HttpMethod | (string & {}), path: string): OperationEntry | undefined {
  return byRoute.get(routeKey(method, path));
}

/**
 * Finds an operation by its id.
 *
 * @param id - Operation id such as `incidents.get_incidents`.
 * @returns The entry, or `undefined` when no operation has that id.
 */
export function getOperationById(id: string): OperationEntry | undefined {
  return byId.get(id);
}
