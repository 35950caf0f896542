/**
 * The shared model of the Cortex operation table, with no operation in it: the types of an operation
 * entry, the product list, path lookup, the filter builders and the XSOAR 8 path rule. Core, the
 * workflows and every per-product schemas package (`@cortex-sdk/schemas-xdr`, ...) build on it; it
 * declares no operation types and holds no table, so importing it costs nearly nothing.
 *
 * - `@cortex-sdk/schemas-base/products`: the product and deployment lists alone.
 * - `@cortex-sdk/schemas-base/api-key-expiry`: API key lifetime rules.
 * - `@cortex-sdk/schemas-base/replies`: the reply normalisation rules core applies.
 * - `@cortex-sdk/schemas-base/validators`: the validator builder (needs the optional peer dependency zod).
 * - `@cortex-sdk/schemas-base/curated-types`: hand-curated types several products share.
 *
 * @packageDocumentation
 */
import type { OperationEntry } from "./operation.js";

export type * from "./operation.js";
export type * from "./json-schema.js";
export type { OperationTypeNames } from "./type-names.js";
export { normalizePath, createLookup, type OperationLookup } from "./lookup.js";
export { DEPLOYMENTS, PRODUCTS, PRODUCT_TITLES, PROBE_OPERATIONS, XSOAR_VERSIONS, deploymentOf, isProduct, productOf } from "./product-list.js";
export type { TenantField } from "./curated-types.js";
export { createFilterList, andFilter, orFilter, searchCondition, tenantField, type FilterListBuilder, type ConditionsIn, type FieldIn, type OperatorIn, type AcceptingField, type ValueIn, type SearchCondition, type SearchTree, type SearchType } from "./filters.js";

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
