/**
 * Typed client for the Cortex XSIAM API.
 *
 * @packageDocumentation
 */
export { XsiamClient, type XsiamClientOptions } from "./client.js";
export * from "./generated/client-base.js";
export * from "./generated/xql-response-workflows.js";
export { XSIAM_CLIENT_VERSION } from "./version.js";
export type * from "@cortex-sdk/schemas/xsiam";
export {
  CortexActionFailedError,
  CortexConflictError,
  CortexInvalidRequestError,
  CortexReplyValidationError,
  CortexXqlQueryError,
  CortexXqlQuotaError,
  isCortexError,
  XqlQuery,
  type ActionResult,
  type AndWaitOptions,
  type ExpiringApiKey,
  type TenantOutcome,
  type TenantTarget,
  type XqlQueryOptions,
  type XqlResult,
} from "@cortex-sdk/core";
