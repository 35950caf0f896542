/**
 * Typed client for the Cortex XSIAM API.
 *
 * @packageDocumentation
 */
export { XsiamClient, type XsiamClientOptions } from "./client.js";
export * from "./generated/client-base.js";
export { ApiKeyManagement, ApiKeyScopes, type ApiKeyScope, type ApiKeyScopeMode, type ApiKeyTagScope, type ExpiringApiKey } from "@cortex-sdk/workflows/api-keys";
export { ALERTS_TOTAL_CAP, AlertBulkUpdates, IncidentBulkUpdates } from "@cortex-sdk/workflows/bulk-updates";
export { LookupDatasets } from "@cortex-sdk/workflows/lookups";
export { EndpointResponseActions, ScriptRuns, ActionTracking, type ActionOutcome, type ActionResult, type AndWaitOptions, type FileRetrievalOutcome, type ScriptOutcome } from "@cortex-sdk/workflows/response-actions";
export { XqlQueries, XqlQuery, type XqlQueryOptions, type XqlResult } from "@cortex-sdk/workflows/xql";
export { XSIAM_CLIENT_VERSION } from "./version.js";
export type * from "@cortex-sdk/schemas-xsiam";
export { andFilter, orFilter, searchCondition, tenantField, type SearchCondition, type SearchTree, type SearchType, type TenantField } from "@cortex-sdk/schemas-base";
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
