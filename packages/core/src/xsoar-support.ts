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
import { XSOAR6_ROUTING, XSOAR8_ROUTING, xsoarVersionReason, type ProductRouting } from "./products.js";

/** What a client needs to reach XSOAR 6 and XSOAR 8 and to explain their failures: see {@link XSOAR_SUPPORT}. */
export interface XsoarSupport {
  /**
   * The routing of an XSOAR version.
   *
   * @param version - 6 or 8.
   * @returns The routing.
   */
  routing(version: XsoarVersion): ProductRouting;
  /** The missing setting, as the configuration error lists it, when no XSOAR version is given. */
  readonly missingVersion: string;
  /**
   * Why an XSOAR 6 key cannot be configured as advanced.
   *
   * @param levelFrom - Where the security level came from (`option securityLevel`, `env ...`).
   * @returns The configuration error's message.
   */
  advancedXsoar6Key(levelFrom: string): string;
  /**
   * What an answer with a redirect or an HTML page most likely means for a client of this XSOAR version.
   *
   * @param version - The client's XSOAR version.
   * @returns The advice that ends the console-URL error's message.
   */
  consoleUrlAdvice(version: XsoarVersion): string;
  /** The advice when an XSOAR 6 client's raw key gets a Cortex gateway's 401. */
  readonly gatewayAdvice: string;
  /**
   * Why an XSOAR operation cannot be called on an XSOAR version, if it cannot.
   *
   * @param operation - The operation (served by XSOAR).
   * @param version - The client's XSOAR version, when known.
   * @returns A reason, or undefined when the version serves it.
   */
  unavailableReason(operation: OperationEntry, version: XsoarVersion | undefined): string | undefined;
}

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
  unavailableReason: xsoarVersionReason,
};
