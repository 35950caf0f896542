/**
 * The Cortex SDK runtime: configuration and profiles, the request pipeline over undici with per-attempt
 * signing, retries by operation retry safety, client-side rate limits, typed errors, pagination, waiters,
 * NDJSON streams and logging with redaction.
 *
 * @packageDocumentation
 */
export { ApiPromise, type ResponseInfo, type WithResponse } from "./api-promise.js";
export type { ClientManifest, ManifestNamespace, ManifestOperation } from "./manifest.js";
export { ProductClient, type ProductClientOptions } from "./product-client.js";
export { CortexClient, CortexClientCore, STANDARD_STEPS, type ListOptions, type NdjsonCallOptions } from "./client.js";
export {
  bypassesProxy,
  DEFAULT_RATE_LIMIT,
  DEFAULT_XQL_CONCURRENCY,
  normalizeBaseUrl,
  resolveConfig,
  type ClientOptions,
  type ProductClientInfo,
  type ProductIdentity,
  type ResolvedConfig,
  type RetryOptions,
  type UrlTarget,
} from "./config.js";
export * from "./errors.js";
export { chunk, mapSettled } from "./concurrency.js";
export { RateLimiter, Semaphore, type LimiterClock, type Permit, type RateLimit, type RateLimiterOptions } from "./limiter.js";
export { createLogger, logsAt, parseLogLevel, stderrLogger, type LogFields, type LogLevel, type Logger } from "./logger.js";
export { parseNdjson, type NdjsonOptions } from "./ndjson.js";
export { decodeCursor, encodeCursor, PagePromise, paginatePages, type FetchPage, type Page, type PageCursor, type PaginateOptions } from "./pagination.js";
export {
  MiddlewareStack,
  type CallContext,
  type CallOptions,
  type CallResult,
  type Handler,
  type HttpRequest,
  type HttpResponse,
  type Middleware,
  type Placement,
  type ResponseMode,
  type StackEntry,
} from "./pipeline.js";
export { operationPath, PRODUCT_ROUTING, routingFor, unavailableReason, type AuthScheme, type HostStyle, type ProductRouting } from "./products.js";
export { XSOAR_SUPPORT, type XsoarSupport } from "./xsoar-support.js";
export {
  listProfiles,
  loadProfile,
  profileFilePath,
  readProfileFile,
  removeProfile,
  saveProfile,
  setDefaultProfile,
  type Profile,
  type ProfileFile,
  type ProfileFileOptions,
  type ProfileSummary,
} from "./profiles.js";
export { isSecretHeader, REDACTED, redactBody, redactError, redactHeaders, redactText, redactUrl } from "./redact.js";
export { checkKeyExpiry, KEY_EXPIRY_STEP, keyExpiryStep } from "./key-expiry.js";
export type { KeyExpiryNoticeEvent, KeyExpiryWatch } from "./key-expiry-watch.js";
export type { ClientCalls } from "./client-calls.js";
export { AUTHENTICATION_CAUSE_ADVICE, CLOCK_SKEW_THRESHOLD_MS, decideRetry, type RetryDecision } from "./steps.js";
export { diagnoseAuthentication, type AuthDiagnosis, type DiagnoseAuthenticationOptions } from "./auth-diagnosis.js";
export { NORMALIZE_REPLY_STEP, normalizeReply } from "./normalize-reply.js";
export { RETRY_BUDGET, tenantState, type TenantState } from "./tenant-state.js";
export type { HttpDispatcher } from "./dispatcher.js";
export { createDefaultDispatcher } from "./transport.js";
export { CORE_VERSION, packageVersion, userAgent } from "./user-agent.js";
export { waitUntil, type WaitOptions, type WaitState } from "./waiter.js";
export {
  CortexActionFailedError,
  CortexInvalidRequestError,
  CortexReplyValidationError,
  CortexXqlQueryError,
  CortexXqlQuotaError,
  type EndpointActionOutcome,
  type ReplyIssue,
} from "./workflow-errors.js";
export { paginateRestarting, paginateWithEntry, withPageTokens, withTotalCap, type RestartingListOptions } from "./paging.js";
export { childTenantClient, fanOut, profileClientOptions, tenantLabel, type FanOutOptions, type TenantOutcome, type TenantTarget } from "./mssp.js";
export { REPLY_VALIDATION_STEP, replyValidationStep, type ReplyValidationOptions, type ReplyValidators, type ValidatedCallOptions } from "./reply-validation.js";
export { pathOnly } from "./path-params.js";
export {
  addCalendarMonths,
  API_KEY_DEFAULT_LIFETIME_MS,
  API_KEY_MAX_LIFETIME_MONTHS,
  API_KEY_NOTICE_DAY_MS,
  API_KEY_NOTICE_WEEK_MS,
  apiKeyExpiryNotice,
  checkApiKeyExpiration,
  defaultApiKeyExpiration,
  maxApiKeyExpiration,
  rotatedApiKeyExpiration,
  type ApiKeyExpirationProblem,
  type ApiKeyExpirationRefusal,
  type ApiKeyExpiryNotice,
} from "@cortex-sdk/schemas-base/api-key-expiry";
export { REQUEST_VALIDATION_STEP, checkRequest, describeRequestIssues, requestValidationStep, xsoar8RequiredIssues, type RequestIssue, type RequestValidatedCallOptions, type RequestValidationOptions, type RequestValidators } from "./request-validation.js";
