/**
 * XDR operation entries.
 *
 * @module
 */
import type { OperationEntry } from "../operation.js";

const XDR_AND_XSIAM = ["xdr", "xsiam"] as const;

/** Operations served by Cortex XDR (and the XSIAM 2.x surface). */
export const xdrOperations = [
  {
    id: "healthcheck",
    products: ["xdr", "xsiam", "cloud", "xpanse"],
    method: "GET",
    path: "/public_api/v1/healthcheck",
    requestEnvelope: "none",
    replyEnvelope: "bare",
    replyKind: "object",
    pagination: { kind: "none" },
    retrySafety: "read",
    async: "none",
    limits: {},
  },
  {
    id: "incidents.get_incidents",
    products: XDR_AND_XSIAM,
    method: "POST",
    path: "/public_api/v1/incidents/get_incidents",
    requestEnvelope: "request_data",
    replyEnvelope: "reply",
    replyKind: "object",
    pagination: { kind: "offset", maxPageSize: 100, itemsField: "incidents", totalField: "total_count", idField: "incident_id" },
    retrySafety: "read",
    async: "none",
    limits: {},
  },
  {
    id: "api_keys.generate",
    products: ["xdr", "xsiam", "xsoar", "cloud"],
    xsoarVersions: [8],
    method: "POST",
    path: "/public_api/v1/api_keys/generate",
    requestEnvelope: "request_data",
    replyEnvelope: "reply",
    replyKind: "object",
    pagination: { kind: "none" },
    retrySafety: "unsafe",
    async: "none",
    limits: {},
    replyHoldsSecret: true,
  },
] as const satisfies readonly OperationEntry[];
