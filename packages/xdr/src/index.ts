/**
 * Typed client for the Cortex XDR API.
 *
 * @packageDocumentation
 */
export { XdrClient, type XdrClientOptions } from "./client.js";
export { ApiKeysResource, IncidentsResource } from "./resources.js";
export { XDR_CLIENT_VERSION } from "./version.js";
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
