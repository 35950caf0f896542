/**
 * The User-Agent header: names the SDK, the product client and the Node version.
 *
 * @module
 */
import { createRequire } from "node:module";
import type { ProductIdentity } from "./config.js";

/** Version of `@cortex-sdk/core`. */
export const CORE_VERSION: string = (createRequire(import.meta.url)("../package.json") as { version: string }).version;

/**
 * Builds the User-Agent value, e.g. `cortex-sdk-js/1.2.0 xdr/1.2.0 node/20.19.0`.
 *
 * @param client - The product client's identity.
 * @returns The header value.
 */
export function userAgent(client: ProductIdentity): string {
  return `cortex-sdk-js/${CORE_VERSION} ${client.clientName}/${client.clientVersion} node/${process.versions.node}`;
}
