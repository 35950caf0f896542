/**
 * The Cortex SDK runtime: configuration, the request pipeline over undici with per-attempt signing,
 * retries, typed errors, pagination and logging with redaction.
 *
 * @packageDocumentation
 */
export { ApiPromise, type ResponseInfo, type WithResponse } from "./api-promise.js";
export { CortexClient, STANDARD_STEPS, type ListOptions } from "./client.js";
export { normalizeBaseUrl, resolveConfig, type ClientOptions, type ProductClientInfo, type ResolvedConfig, type RetryOptions } from "./config.js";
export * from "./errors.js";
export { createLogger, parseLogLevel, stderrLogger, type LogFields, type LogLevel, type Logger } from "./logger.js";
export { PagePromise, paginatePages, type FetchPage, type Page, type PageCursor, type PaginateOptions } from "./pagination.js";
export { MiddlewareStack, type CallContext, type CallOptions, type CallResult, type Handler, type HttpRequest, type HttpResponse, type Middleware, type Placement, type StackEntry } from "./pipeline.js";
export { REDACTED, redactBody, redactHeaders, redactText } from "./redact.js";
export { CLOCK_SKEW_THRESHOLD_MS, decideRetry, type RetryDecision } from "./steps.js";
export { RETRY_BUDGET, tenantState, type TenantState } from "./tenant-state.js";
export { CortexDeliveryError, CortexDeliveryTimeoutError, createDefaultDispatcher, type DeliveryFacts } from "./transport.js";
export { CORE_VERSION, userAgent } from "./user-agent.js";
