/**
 * Cortex Cloud only: its operation entries, the request and reply types of its operations (`CloudOperationShapes`,
 * `CloudRequestOf`, `CloudReplyOf` and one named type per request, reply and shared record) and a filter list
 * builder typed by its operations. Nothing here loads another product's entries or declarations, or
 * any JSON Schema (those are in `@cortex-sdk/schemas/validators/cloud`).
 *
 * @module
 */
import type { HttpMethod, OperationEntry } from "./operation.js";
import { cloudOperations } from "./generated/products/cloud.js";
import type { CloudOperationId, CloudRequestOf } from "./generated/types/cloud.js";
import { createFilterList, type FilterListBuilder } from "./filters.js";
import { createLookup } from "./lookup.js";

export type * from "./generated/types/cloud.js";
export type { FilterListBuilder } from "./filters.js";

/** Every operation Cortex Cloud serves, sorted by id. */
export const operations: readonly OperationEntry[] = [...cloudOperations].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

const lookup = createLookup(operations);

/**
 * Finds a Cortex Cloud operation by its id.
 *
 * @param id - Operation id such as `issue.search`.
 * @returns The entry, or `undefined` when Cortex Cloud serves no operation with that id.
 */
export function getOperationById(id: string): OperationEntry | undefined {
  return lookup.byId(id);
}

/**
 * Finds the Cortex Cloud operation served at a method and path (compared without a trailing slash).
 *
 * @param method - HTTP method, any case.
 * @param path - Path from the API root.
 * @returns The entry, or `undefined`.
 */
export function getOperation(method: HttpMethod | (string & {}), path: string): OperationEntry | undefined {
  return lookup.byRoute(method, path);
}

/**
 * Starts the flat AND filter list of a Cortex Cloud operation: `where` offers only the fields the operation
 * documents, the operators each field allows and the value type of each.
 *
 * @param _id - The operation id; only its type is used.
 * @returns An empty builder.
 */
export function filterList<Id extends CloudOperationId>(_id: Id): FilterListBuilder<CloudRequestOf<Id>> {
  return createFilterList<CloudRequestOf<Id>>();
}
