/**
 * What only an XSOAR client needs: the XSOAR 6 and XSOAR 8 routings and the texts that name XSOAR versions
 * (the missing version, an XSOAR 6 key configured as advanced, the console-URL and wrong-header advice, an
 * operation the configured version does not serve). XSOAR clients hand it over in their
 * `ProductClientInfo` (`CortexClient` adds it itself), so a lite client of another product, which
 * never reaches XSOAR, bundles none of it.
 *
 * @module
 */
import type { OperationEntry, XsoarVersion } from "@cortex-sdk/schemas-base";
import type { ProductRouting, XsoarSupport } from "./routing.js";

export type { XsoarSupport } from "./routing.js";

/** The XSOAR support: the routings of `PRODUCT_ROUTING` and the texts of the XSOAR failures. */
export const XSOAR_SUPPORT: XsoarSupport = {
  routing: (version) => (version === 6 ? XSOAR6_ROUTING : XSOAR8_ROUTING),
  missingVersion: "the XSOAR version (`xsoarVersion` or CORTEX_XSOAR_VERSION: 6 for XSOAR 6 servers, 8 for XSOAR 8 tenants, as shown under Settings → About)",
  advancedXsoar6Key: (levelFrom) => `XSOAR 6 keys are sent as they are and cannot be advanced keys (security level from ${levelFrom}). For an XSOAR 8 tenant set xsoarVersion to 8.`,
  consoleUrlAdvice: (version) =>
    version === 6
      ? "the base URL is not the XSOAR 6 server's API root, or the server is an XSOAR 8 tenant (then set xsoarVersion to 8 and use its API key id)."
      : "the base URL looks like the console URL, the server is an XSOAR 6 server (then set xsoarVersion to 6), or the route is not part of the XSOAR 8 public API. Use the API URL, which starts with https://api- (Settings → API Keys → Copy API URL).",
  gatewayAdvice: "this looks like a Cortex gateway (XSOAR 8 or another Cortex product), which needs the key id and Cortex headers: set xsoarVersion to 8 and apiKeyId",
  xsoar6ServerAdvice: "this looks like an XSOAR 6 server, which takes the raw key without an id: set xsoarVersion to 6",
  unknownKeyHint: ": check the key, and that the server is XSOAR 6 (for XSOAR 8 set xsoarVersion to 8)",
  unavailableReason: xsoarVersionReason,
};

// An XSOAR routing carries the support, not enumerable, so that a configuration's JSON and inspect output
// show the routing as before.
function xsoarRouting(routing: ProductRouting): ProductRouting {
  return Object.defineProperty(routing, "xsoar", { value: XSOAR_SUPPORT });
}

/**
 * The routing of XSOAR 8: the XSOAR routes under `/xsoar/public/v1` on the `api-` host with Cortex key
 * headers; Cortex-wide routes (`/public_api/...`, `/platform/...`) stay at the root.
 *
 * @internal
 */
export const XSOAR8_ROUTING: ProductRouting = /* @__PURE__ */ xsoarRouting({ auth: "cortex", host: "api-prefix", pathPrefix: "/xsoar/public/v1", unprefixedPaths: ["/public_api/", "/platform/", "/xsoar/"], keepsBasePath: false });

/**
 * The routing of XSOAR 6: the same routes at the server root, with the raw key.
 *
 * @internal
 */
export const XSOAR6_ROUTING: ProductRouting = /* @__PURE__ */ xsoarRouting({ auth: "xsoar6", host: "as-given", pathPrefix: "", unprefixedPaths: [], keepsBasePath: true });

/**
 * Why an XSOAR version does not serve an XSOAR operation, if it does not (the second check of
 * `unavailableReason`).
 *
 * @param operation - The operation.
 * @param xsoarVersion - The client's XSOAR version, when known.
 * @returns A reason, or undefined.
 * @internal
 */
export function xsoarVersionReason(operation: OperationEntry, xsoarVersion: XsoarVersion | undefined): string | undefined {
  if (xsoarVersion !== undefined && operation.xsoarVersions !== undefined && !operation.xsoarVersions.includes(xsoarVersion)) {
    return `${operation.id} is not served by XSOAR ${xsoarVersion} (only by XSOAR ${operation.xsoarVersions.join(" and ")}).`;
  }
  return undefined;
}
