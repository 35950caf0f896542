/**
 * Loads one product's validators on demand: `loadProductValidators("xdr")` imports
 * `@cortex-sdk/schemas-xdr/validators` and nothing of the other products. For tools that serve every
 * product but need one at a time (the emulator, the CLI), so they do not load every product's JSON
 * Schemas and zod (about 25 MB of a process) before a request asks for one.
 *
 * This module imports nothing at load time; the validators need the optional peer dependency zod.
 *
 * @module
 */
import type { Product } from "@cortex-sdk/schemas-base/products";
import type { ValidatorSet } from "@cortex-sdk/schemas-base/validators";

/**
 * Imports a product's validators and JSON Schemas (`@cortex-sdk/schemas-<product>/validators`); a
 * module is loaded once, so every caller gets the same instance.
 *
 * @param product - The product.
 * @returns The product's validators module, typed without its product's operation ids.
 */
export function loadProductValidators(product: Product): Promise<ValidatorSet> {
  // Literal specifiers, so that bundlers and the type checker see each package.
  switch (product) {
    case "xdr":
      return import("@cortex-sdk/schemas-xdr/validators");
    case "xsiam":
      return import("@cortex-sdk/schemas-xsiam/validators");
    case "xsoar":
      return import("@cortex-sdk/schemas-xsoar/validators");
    case "xpanse":
      return import("@cortex-sdk/schemas-xpanse/validators");
    case "cloud":
      return import("@cortex-sdk/schemas-cloud/validators");
  }
}
