/**
 * Typed client for the Cortex XSIAM API.
 *
 * @packageDocumentation
 */
export { XsiamClient, type XsiamClientOptions } from "./client.js";
export * from "./generated/client-base.js";
export { ALERTS_TOTAL_CAP, XqlQueries, EndpointResponseActions, ScriptRuns, ActionTracking, AlertBulkUpdates, IncidentBulkUpdates, LookupDatasets, ApiKeyManagement, ApiKeyScopes, XqlQuery, type ActionOutcome, type ApiKeyScope, type ApiKeyScopeMode, type ApiKeyTagScope, type ActionResult, type AndWaitOptions, type ExpiringApiKey, type FileRetrievalOutcome, type ScriptOutcome, type XqlQueryOptions, type XqlResult } from "@cortex-sdk/workflows";
export { XSIAM_CLIENT_VERSION } from "./version.js";
export type * from "@cortex-sdk/schemas-xsiam";
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
