/**
 * The Cortex operation table and the request and reply types of every operation of Cortex XDR,
 * XSIAM, XSOAR 6/8, Xpanse and Cortex Cloud.
 *
 * - `operations` lists every entry; `getOperation(method, path)` and `getOperationById(id)` find one.
 * - Product subpaths (`@cortex-sdk/schemas/xdr`, `/xsiam`, `/xsoar`, `/xpanse`, `/cloud`) export only
 *   that product's entries, request and reply types (`XdrOperationShapes`, `XdrRequestOf`, named types)
 *   and typed filter builder; `@cortex-sdk/schemas/shapes` has the map of every product's types (large);
 *   `@cortex-sdk/schemas/validators` (every product) and `/validators/<product>` have the opt-in runtime
 *   validators and the JSON Schemas (they need the optional peer dependency zod).
 * - This root module declares no operation types, so importing it costs the type checker little.
 *
 * @packageDocumentation
 */
import type { HttpMethod, OperationEntry } from "./operation.js";
import { allOperations } from "./generated/all.js";
import { createLookup } from "./lookup.js";

export type * from "./operation.js";
export type * from "./json-schema.js";
export { normalizePath } from "./lookup.js";
export { DEPLOYMENTS, PRODUCTS, PRODUCT_TITLES, PROBE_OPERATIONS, XSOAR_VERSIONS, deploymentOf, isProduct, productOf } from "./product-list.js";
export { createFilterList, andFilter, orFilter, searchCondition, type FilterListBuilder, type ConditionsIn, type FieldIn, type OperatorIn, type AcceptingField, type ValueIn, type SearchCondition, type SearchTree, type SearchType } from "./filters.js";

/** Every operation of every product, sorted by id. */
export const operations: readonly OperationEntry[] = allOperations;

/**
 * XSOAR 8 serves the XSOAR 6 routes under this prefix (the table keeps the XSOAR 6 path): on XSOAR 8,
 * `POST /incidents/search` is `POST /xsoar/public/v1/incidents/search`. Applies to entries whose
 * `xsoarVersions` include 8 and whose path does not start with `/public_api` or `/platform`.
 */
export const xsoar8PathPrefix = "/xsoar/public/v1";

/**
 * The path to call for an operation on a product: the entry's path, with the XSOAR 8 prefix for
 * XSOAR routes on XSOAR 8.
 *
 * @param entry - The operation.
 * @param xsoarVersion - The XSOAR major version of the tenant, when calling XSOAR.
 * @returns The path from the API root.
 */
export function pathFor(entry: OperationEntry, xsoarVersion?: 6 | 8): string {
  const isXsoarRoute = !entry.path.startsWith("/public_api") && !entry.path.startsWith("/platform") && entry.products.includes("xsoar");
  return xsoarVersion === 8 && isXsoarRoute ? `${xsoar8PathPrefix}${entry.path}` : entry.path;
}

const lookup = createLookup(operations);

/**
 * Finds the operation served at a method and path; the path is compared without a trailing slash,
 * and a concrete path (`/public_api/v1/assets/abc`) matches a templated one (`/public_api/v1/assets/{id}`).
 *
 * @param method - HTTP method, any case.
 * @param path - Path from the API root.
 * @returns The entry, or `undefined` when no operation matches.
 */
export function getOperation(method: HttpMethod | (string & {}), path: string): OperationEntry | undefined {
  return lookup.byRoute(method, path);
}

/**
 * Finds an operation by its id.
 *
 * @param id - Operation id such as `incidents.get_incidents`.
 * @returns The entry, or `undefined` when no operation has that id.
 */
export function getOperationById(id: string): OperationEntry | undefined {
  return lookup.byId(id);
}
