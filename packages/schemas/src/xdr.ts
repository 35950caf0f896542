/**
 * Cortex XDR only: its operation entries, the request and reply types of its operations (`XdrOperationShapes`,
 * `XdrRequestOf`, `XdrReplyOf` and one named type per request, reply and shared record) and a filter list
 * builder typed by its operations. Nothing here loads another product's entries or declarations, or
 * any JSON Schema (those are in `@cortex-sdk/schemas/validators/xdr`).
 *
 * @module
 */
import type { HttpMethod, OperationEntry } from "./operation.js";
import { xdrOperations } from "./generated/products/xdr.js";
import type { XdrOperationId, XdrRequestOf } from "./generated/types/xdr.js";
import { createFilterList, type FilterListBuilder } from "./filters.js";
import { createLookup } from "./lookup.js";

export type * from "./generated/types/xdr.js";
export type { FilterListBuilder } from "./filters.js";

/** Every operation Cortex XDR serves, sorted by id. */
export const operations: readonly OperationEntry[] = [...xdrOperations].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

const lookup = createLookup(operations);

/**
 * Finds a Cortex XDR operation by its id.
 *
 * @param id - Operation id such as `incidents.get_incidents`.
 * @returns The entry, or `undefined` when Cortex XDR serves no operation with that id.
 */
export function getOperationById(id: string): OperationEntry | undefined {
  return lookup.byId(id);
}

/**
 * Finds the Cortex XDR operation served at a method and path (compared without a trailing slash).
 *
 * @param method - HTTP method, any case.
 * @param path - Path from the API root.
 * @returns The entry, or `undefined`.
 */
export function getOperation(method: HttpMethod | (string & {}), path: string): OperationEntry | undefined {
  return lookup.byRoute(method, path);
}

/**
 * Starts the flat AND filter list of a Cortex XDR operation: `where` offers only the fields the operation
 * documents, the operators each field allows and the value type of each.
 *
 * @param _id - The operation id; only its type is used.
 * @returns An empty builder.
 */
export function filterList<Id extends XdrOperationId>(_id: Id): FilterListBuilder<XdrRequestOf<Id>> {
  return createFilterList<XdrRequestOf<Id>>();
}
