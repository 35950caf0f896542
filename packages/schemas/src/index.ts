/**
 * Every product's operation table at once, for tools that handle every product (the emulator, the CLI,
 * the docs): `operations` of Cortex XDR, XSIAM, XSOAR 6/8, Xpanse and Cortex Cloud together, and the
 * shared model of `@cortex-sdk/schemas-base` re-exported.
 *
 * - One product alone is its own package (`@cortex-sdk/schemas-xdr`, `-xsiam`, `-xsoar`, `-xpanse`,
 *   `-cloud`): its entries, request and reply types and validators. Product clients depend on those,
 *   never on this package.
 * - `@cortex-sdk/schemas/shapes` has the map of every product's types (large);
 *   `@cortex-sdk/schemas/validators` has the validators and JSON Schemas of every operation (needs
 *   the optional peer dependency zod).
 * - This root module declares no operation types, so importing it costs the type checker little.
 *
 * @packageDocumentation
 */
import { createLookup, type HttpMethod, type OperationEntry } from "@cortex-sdk/schemas-base";
import { allOperations } from "./all.js";

export * from "@cortex-sdk/schemas-base";

/** Every operation of every product, sorted by id. */
export const operations: readonly OperationEntry[] = allOperations;

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
