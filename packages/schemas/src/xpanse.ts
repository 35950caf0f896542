/**
 * The Cortex Xpanse operations only: import this subpath instead of the root to bundle only Cortex Xpanse's entries.
 *
 * @module
 */
import type { HttpMethod, OperationEntry } from "./operation.js";
import { xpanseOperations } from "./generated/products/xpanse.js";
import { createLookup } from "./lookup.js";

export type * from "./generated/products/xpanse-types.js";

/** Every operation Cortex Xpanse serves, sorted by id. */
export const operations: readonly OperationEntry[] = [...xpanseOperations].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

const lookup = createLookup(operations);

/**
 * Finds a Cortex Xpanse operation by its id.
 *
 * @param id - Operation id such as `incidents.get_incidents`.
 * @returns The entry, or `undefined` when Cortex Xpanse serves no operation with that id.
 */
export function getOperationById(id: string): OperationEntry | undefined {
  return lookup.byId(id);
}

/**
 * Finds the Cortex Xpanse operation served at a method and path (compared without a trailing slash).
 *
 * @param method - HTTP method, any case.
 * @param path - Path from the API root.
 * @returns The entry, or `undefined`.
 */
export function getOperation(method: HttpMethod | (string & {}), path: string): OperationEntry | undefined {
  return lookup.byRoute(method, path);
}
