/**
 * Typed client for the Cortex XDR API.
 *
 * @packageDocumentation
 */
export { XdrClient, type XdrClientOptions } from "./client.js";
export * from "./generated/client-base.js";
export { XDR_CLIENT_VERSION } from "./version.js";
export type * from "@cortex-sdk/schemas/xdr";
// The curated types of the everyday calls (more precise than the generated ones: per-field operators).
export type {
  GenerateApiKeyReply,
  GenerateApiKeyRequest,
  GetIncidentsReply,
  GetIncidentsRequest,
  Incident,
  IncidentFilter,
  IncidentSeverity,
  IncidentStatus,
} from "@cortex-sdk/schemas";
export { isCortexError } from "@cortex-sdk/core";
