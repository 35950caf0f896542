/**
 * Cortex XSIAM only: its operation entries, the request and reply types of its operations (`XsiamOperationShapes`,
 * `XsiamRequestOf`, `XsiamReplyOf` and one named type per request, reply and shared record) and a filter list
 * builder typed by its operations. Nothing here loads another product's entries or declarations, or
 * any JSON Schema (those are in `@cortex-sdk/schemas/validators/xsiam`).
 *
 * @module
 */
import type { HttpMethod, OperationEntry } from "./operation.js";
import { xsiamOperations } from "./generated/products/xsiam.js";
import type { XsiamOperationId, XsiamRequestOf } from "./generated/types/xsiam.js";
import { createFilterList, type FilterListBuilder } from "./filters.js";
import { createLookup } from "./lookup.js";

export type * from "./generated/types/xsiam.js";
export type { FilterListBuilder } from "./filters.js";

/** Every operation Cortex XSIAM serves, sorted by id. */
export const operations: readonly OperationEntry[] = [...xsiamOperations].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

const lookup = createLookup(operations);

/**
 * Finds a Cortex XSIAM operation by its id.
 *
 * @param id - Operation id such as `incidents.get_incidents`.
 * @returns The entry, or `undefined` when Cortex XSIAM serves no operation with that id.
 */
export function getOperationById(id: string): OperationEntry | undefined {
  return lookup.byId(id);
}

/**
 * Finds the Cortex XSIAM operation served at a method and path (compared without a trailing slash).
 *
 * @param method - HTTP method, any case.
 * @param path - Path from the API root.
 * @returns The entry, or `undefined`.
 */
export function getOperation(method: HttpMethod | (string & {}), path: string): OperationEntry | undefined {
  return lookup.byRoute(method, path);
}

/**
 * Starts the flat AND filter list of a Cortex XSIAM operation: `where` offers only the fields the operation
 * documents, the operators each field allows and the value type of each.
 *
 * @param _id - The operation id; only its type is used.
 * @returns An empty builder.
 */
export function filterList<Id extends XsiamOperationId>(_id: Id): FilterListBuilder<XsiamRequestOf<Id>> {
  return createFilterList<XsiamRequestOf<Id>>();
}
