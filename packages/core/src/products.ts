/**
 * How each product is reached: which host the API lives on, which path prefix its routes take, and
 * which authentication headers it expects. This is data, not guesswork: XSOAR needs an explicit
 * `xsoarVersion`, because XSOAR 6 and XSOAR 8 differ in all three.
 *
 * @module
 */
import type { OperationEntry } from "@cortex-sdk/schemas-base";
import { deploymentOf, type Deployment, type Product, type XsoarVersion } from "@cortex-sdk/schemas-base/products";
import type { ProductRouting } from "./routing.js";
import { XSOAR6_ROUTING, XSOAR8_ROUTING, xsoarVersionReason } from "./xsoar-support.js";

export type { AuthScheme, HostStyle, ProductRouting } from "./routing.js";

/**
 * The routing of XDR, XSIAM, Xpanse and Cortex Cloud.
 *
 * @internal
 */
export const CORTEX_ROUTING: ProductRouting = { auth: "cortex", host: "api-prefix", pathPrefix: "", unprefixedPaths: [], keepsBasePath: false };
const CORTEX = CORTEX_ROUTING;

// Pure: a client resolves its routing without this table (an XSOAR client's comes with its XSOAR support), so
// a bundle of a lite client drops it.
/**
 * Routing of every product. XSOAR 8 serves the XSOAR routes under `/xsoar/public/v1` on the `api-` host
 * with Cortex key headers; Cortex-wide routes (`/public_api/...`, `/platform/...`) stay at the root.
 * XSOAR 6 serves the same routes at the server root with the raw key.
 */
export const PRODUCT_ROUTING: Readonly<Record<Deployment, ProductRouting>> = /* @__PURE__ */ Object.freeze({
  xdr: CORTEX,
  xsiam: CORTEX,
  xpanse: CORTEX,
  cloud: CORTEX,
  xsoar8: XSOAR8_ROUTING,
  xsoar6: XSOAR6_ROUTING,
});

/**
 * The routing of a product, with XSOAR resolved by version.
 *
 * @param product - The product.
 * @param xsoarVersion - Required for XSOAR; ignored otherwise.
 * @returns The routing.
 * @throws Error when `product` is XSOAR and no version is given (callers check this first).
 */
export function routingFor(product: Product, xsoarVersion?: XsoarVersion): ProductRouting {
  return PRODUCT_ROUTING[deploymentOf(product, xsoarVersion)];
}

/**
 * The path to request for an operation on a product.
 *
 * @param routing - The product's routing.
 * @param operation - The operation.
 * @returns The path from the base URL, prefix included.
 */
export function operationPath(routing: ProductRouting, operation: OperationEntry): string {
  if (routing.pathPrefix === "" || routing.unprefixedPaths.some((start) => operation.path.startsWith(start))) return operation.path;
  return `${routing.pathPrefix}${operation.path}`;
}

/**
 * Why an operation cannot be called on a product, if it cannot.
 *
 * @param operation - The operation.
 * @param product - The client's product.
 * @param xsoarVersion - The XSOAR version, for XSOAR.
 * @returns A reason, or undefined when the product serves the operation.
 */
export function unavailableReason(operation: OperationEntry, product: Product, xsoarVersion?: XsoarVersion): string | undefined {
  return notServedReason(operation, product) ?? (product === "xsoar" ? xsoarVersionReason(operation, xsoarVersion) : undefined);
}

/**
 * Why a product does not serve an operation, if it does not (the first check of {@link unavailableReason}).
 *
 * @param operation - The operation.
 * @param product - The client's product.
 * @returns A reason, or undefined when the product serves the operation.
 * @internal
 */
export function notServedReason(operation: OperationEntry, product: Product): string | undefined {
  return operation.products.includes(product) ? undefined : `${operation.id} is not served by ${product} (it is served by ${operation.products.join(", ")}).`;
}
