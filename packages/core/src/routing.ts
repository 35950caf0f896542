/**
 * The shapes of a product's routing and of the XSOAR support (`products.ts` and `xsoar-support.ts` hold the
 * values).
 *
 * @module
 */
import type { OperationEntry, XsoarVersion } from "@cortex-sdk/schemas-base";

/**
 * Authentication header scheme.
 * - `cortex`: `Authorization` plus `x-xdr-auth-id` (and, for advanced keys, `x-xdr-nonce` and
 *   `x-xdr-timestamp`): XDR, XSIAM, XSOAR 8, Xpanse, Cortex Cloud.
 * - `xsoar6`: the raw key in `Authorization` and nothing else (XSOAR 6 keys have no id and no level).
 */
export type AuthScheme = "cortex" | "xsoar6";

/**
 * Where the API host is.
 * - `api-prefix`: the API lives on `api-<console host>`; console URLs are rewritten.
 * - `as-given`: the host is used as given (XSOAR 6 on-premises servers).
 */
export type HostStyle = "api-prefix" | "as-given";

/** How one product (and XSOAR version) is reached. */
export interface ProductRouting {
  /** Authentication header scheme. */
  readonly auth: AuthScheme;
  /** Where the API host is. */
  readonly host: HostStyle;
  /**
   * Prefix added to the operation path, except for paths that already start with one of
   * {@link ProductRouting.unprefixedPaths}.
   */
  readonly pathPrefix: string;
  /** Path starts that are served at the API root as they are (Cortex-wide APIs such as key management). */
  readonly unprefixedPaths: readonly string[];
  /** Whether a base URL's path is kept (XSOAR 6 multi-tenant accounts live under `/acc_<name>`). */
  readonly keepsBasePath: boolean;
  /**
   * On XSOAR's routings only (not enumerable): the XSOAR support, whose texts explain XSOAR failures. Other
   * products' clients, which never hold an XSOAR routing, bundle none of it.
   */
  readonly xsoar?: XsoarSupport;
}

/** What a client needs to reach XSOAR 6 and XSOAR 8 and to explain their failures: see `XSOAR_SUPPORT`. */
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
  /** The advice when an XSOAR 8 client's Cortex headers get XSOAR 6's answer to a key it does not know (a CSRF 403). */
  readonly xsoar6ServerAdvice: string;
  /** What to check after that answer, for an XSOAR 6 client (or a caller who does not say its version). */
  readonly unknownKeyHint: string;
  /**
   * Why an XSOAR operation cannot be called on an XSOAR version, if it cannot.
   *
   * @param operation - The operation (served by XSOAR).
   * @param version - The client's XSOAR version, when known.
   * @returns A reason, or undefined when the version serves it.
   */
  unavailableReason(operation: OperationEntry, version: XsoarVersion | undefined): string | undefined;
}
