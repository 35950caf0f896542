/**
 * The User-Agent header: names the SDK, the product client and the Node version.
 *
 * @module
 */
import { readFileSync } from "node:fs";
import type { ProductIdentity } from "./config.js";

/**
 * The version of a package, read from the `package.json` one folder above a module of its `dist/`. Bundled
 * into an application, the module finds no such file, or another package's: the version is then
 * `"bundled"` (never another package's version, and loading never fails).
 *
 * @param moduleUrl - `import.meta.url` of a module directly under the package's `dist/`.
 * @param packageName - The package's name, e.g. `@cortex-sdk/xdr`.
 * @returns The version, or `"bundled"`.
 */
export function packageVersion(moduleUrl: string, packageName: string): string {
  try {
    const manifest = JSON.parse(readFileSync(new URL("../package.json", moduleUrl), "utf8")) as { name?: unknown; version?: unknown };
    return manifest.name === packageName && typeof manifest.version === "string" ? manifest.version : "bundled";
  } catch {
    return "bundled";
  }
}

/** Version of `@cortex-sdk/core`. */
export const CORE_VERSION: string = /* @__PURE__ */ packageVersion(import.meta.url, "@cortex-sdk/core");

/**
 * Builds the User-Agent value, e.g. `cortex-sdk-js/1.2.0 xdr/1.2.0 node/20.19.0`.
 *
 * @param client - The product client's identity.
 * @returns The header value.
 */
export function userAgent(client: ProductIdentity): string {
  return `cortex-sdk-js/${CORE_VERSION} ${client.clientName}/${client.clientVersion} node/${process.versions.node}`;
}
