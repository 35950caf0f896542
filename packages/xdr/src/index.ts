/**
 * Typed client for the Cortex XDR API.
 *
 * @packageDocumentation
 */
export { XdrClient, type XdrClientOptions } from "./client.js";
export * from "./generated/client-base.js";
export { ALERTS_TOTAL_CAP, XqlQueries, EndpointResponseActions, ScriptRuns, ActionTracking, AlertBulkUpdates, IncidentBulkUpdates, LookupDatasets, ApiKeyManagement, XqlQuery, type ActionOutcome, type ActionResult, type AndWaitOptions, type ExpiringApiKey, type FileRetrievalOutcome, type ScriptOutcome, type XqlQueryOptions, type XqlResult } from "@cortex-sdk/workflows";
export { XDR_CLIENT_VERSION } from "./version.js";
export type * from "@cortex-sdk/schemas-xdr";
export {
  CortexActionFailedError,
  CortexConflictError,
  CortexInvalidRequestError,
  CortexReplyValidationError,
  CortexXqlQueryError,
  CortexXqlQuotaError,
  isCortexError,
  type TenantOutcome,
  type TenantTarget,
} from "@cortex-sdk/core";
