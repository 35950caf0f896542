/**
 * The XDR / XSIAM stateful operations, configured by {@link XdrStateOptions}.
 * `OPERATIONS` holds them with the defaults; an emulator with other timing
 * or scale uses `xdrOperations(options)` in their place.
 */
import type { Operation } from "../router.js";
import { resolveXdrOptions, type XdrStateOptions } from "../state/xdr/options.js";
import { xdrAlertOperations } from "./xdr-alerts.js";
import { xdrContentOperations } from "./xdr-content.js";
import { xdrEndpointOperations } from "./xdr-endpoints.js";
import { xdrIncidentOperations } from "./xdr-incidents.js";
import { xdrRbacOperations } from "./xdr-rbac.js";
import { xdrXqlOperations } from "./xdr-xql.js";

/**
 * Every XDR / XSIAM operation with state, built for `options`.
 * @throws RangeError on invalid options.
 */
export function xdrOperations(options: XdrStateOptions = {}): Operation[] {
  const resolved = resolveXdrOptions(options);
  return [...xdrIncidentOperations(resolved), ...xdrAlertOperations(resolved), ...xdrEndpointOperations(resolved), ...xdrXqlOperations(resolved), ...xdrContentOperations(resolved), ...xdrRbacOperations(resolved)];
}

/** The XDR operations with default options. */
export const XDR_OPERATIONS: readonly Operation[] = xdrOperations();
