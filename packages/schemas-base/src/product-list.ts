/**
 * The products the SDK covers, as data: one list every package reads (clients, CLI, docs, emulator,
 * benchmarks). Two concepts, two names:
 * - a {@link Product} is what a customer buys and what a client is for (`xsoar` is one product);
 * - a {@link Deployment} is a product as one server serves it, where XSOAR 6 and XSOAR 8 differ in
 *   host, path prefix and authentication (`xsoar6`, `xsoar8`).
 *
 * This module has no imports, so reading the list costs nothing.
 *
 * @module
 */

/** Every product, in the order the SDK lists them. */
export const PRODUCTS = ["xdr", "xsiam", "xsoar", "xpanse", "cloud"] as const;

/** A Cortex product the SDK has a client for. */
export type Product = (typeof PRODUCTS)[number];

/** XSOAR major versions the SDK speaks to. */
export const XSOAR_VERSIONS = [6, 8] as const;

/** An XSOAR major version; XSOAR 8 serves the same routes under `/xsoar/public/v1` with Cortex key auth. */
export type XsoarVersion = (typeof XSOAR_VERSIONS)[number];

/** Every deployment, in the order of {@link PRODUCTS} with XSOAR split by major version. */
export const DEPLOYMENTS = ["xdr", "xsiam", "xsoar6", "xsoar8", "xpanse", "cloud"] as const;

/** A product as one server serves it: XSOAR is split by major version, since their APIs differ. */
export type Deployment = (typeof DEPLOYMENTS)[number];

/** The product's name as the vendor writes it. */
export const PRODUCT_TITLES: Readonly<Record<Product, string>> = {
  xdr: "Cortex XDR",
  xsiam: "Cortex XSIAM",
  xsoar: "Cortex XSOAR",
  xpanse: "Cortex Xpanse",
  cloud: "Cortex Cloud",
};

/**
 * The deployment of a product.
 *
 * @param product - The product.
 * @param xsoarVersion - For XSOAR: the major version (required there).
 * @returns The deployment, e.g. `xsoar8` for XSOAR with version 8.
 * @throws Error when XSOAR comes without a version.
 */
export function deploymentOf(product: Product, xsoarVersion?: XsoarVersion): Deployment {
  if (product !== "xsoar") return product;
  if (xsoarVersion === undefined) throw new Error("XSOAR needs its major version (6 or 8) to name a deployment.");
  return xsoarVersion === 6 ? "xsoar6" : "xsoar8";
}

/**
 * The product a deployment belongs to.
 *
 * @param deployment - The deployment.
 * @returns The product, e.g. `xsoar` for `xsoar6`.
 */
export function productOf(deployment: Deployment): Product {
  return deployment === "xsoar6" || deployment === "xsoar8" ? "xsoar" : deployment;
}

/**
 * Whether a string names a product.
 *
 * @param value - Any string.
 * @returns True for one of {@link PRODUCTS}.
 */
export function isProduct(value: string): value is Product {
  return (PRODUCTS as readonly string[]).includes(value);
}

/**
 * Operations the SDK's runtime calls on its own, by role: core probes the tenant with them (connectivity,
 * a rejected key's diagnosis, a child tenant's refusal, key expiry notices) without spelling their ids.
 * A test holds each to the table.
 */
export const PROBE_OPERATIONS = {
  /** A read every key may make on every product: the health check. */
  healthCheck: "healthcheck",
  /** The key list (filterable by id), where the product has key management. */
  listApiKeys: "api_keys.get_api_keys",
} as const;
