/**
 * A local multi-tenant Cortex tenant for tests, demos and offline development:
 * real HTTP on loopback, real key authentication, seeded data, configurable
 * limits and faults.
 *
 * @packageDocumentation
 */
export { startEmulator, DATA_ANCHOR_MS } from "./emulator.js";
export type { RunningEmulator, BootstrapKey } from "./emulator.js";
export { DEFAULT_UNKNOWNS, DEFAULT_CHILD_TENANT_ID, defaultTenantSpecs } from "./options.js";
export { SCALE_PRESETS } from "./scale.js";
export type { DataScale, ScalePreset } from "./scale.js";
export type {
  EmulatorOptions,
  TenantSpec,
  RateLimitOptions,
  XqlLimitOptions,
  IngestionLimitOptions,
  NonceCacheOptions,
  UnknownBehaviours,
  ResolvedUnknowns,
} from "./options.js";
export type { XdrStateOptions, ActionTiming } from "./state/xdr/options.js";
export { DEPLOYMENTS } from "@cortex-sdk/schemas-base/products";
export type { Deployment } from "@cortex-sdk/schemas-base/products";
export type { TenantInfo } from "./tenant.js";
export { PRODUCT_FAMILIES } from "./paths.js";
export type { PathFamily, Surface } from "./paths.js";
export { DEFAULT_OPERATION_LIMITS, VENDOR_REQUESTS_PER_SECOND } from "./limits/index.js";
export type { OperationRateLimit } from "./limits/index.js";
export { XQL_CONCURRENCY_MESSAGE } from "./limits/xql.js";
export { validateFaultPlan, validateFaultRule } from "./faults.js";
export type { FaultRule, FaultAction, FaultController, FaultRuleStats } from "./faults.js";
export type { GenericResponder, GenericOperation, RouteQuery, RequestView, OperationResult } from "./generic.js";
export { createSchemaResponder, permissionOf, permissionGroupOf, productServes, tableOperationLimits } from "./schema-responder.js";
export type { SchemaResponderOptions } from "./schema-responder.js";
export { PERMISSION_GROUPS, ADMIN_ROLE } from "./rbac.js";
export type { Permission, RoleSpec } from "./rbac.js";
export { scopeAllows, datasetRowFilter, UNRESTRICTED_SCOPE } from "./scope.js";
export type { ApiKeyScope, ScopeMode, ScopeTag, TagScope, ScopeSubject } from "./scope.js";
export type { AuthFailureEvent } from "./auth.js";
export type { Clock } from "./clock.js";
export type { AuthFailureReason } from "./auth.js";
export type { SecurityLevel, AuthScheme } from "./keys.js";
export { DEFAULT_NONCE_CACHE_ENTRIES } from "./nonce-cache.js";
export type { NonceCacheFullPolicy } from "./nonce-cache.js";
export { DEFAULT_REQUEST_LIMITS, type RequestLimits } from "./bounds.js";
export { ApiError, REPLY_ERRORS, MAX_BODY_BYTES, XQL_ERROR_MESSAGE, errorEnvelope, xsoarErrorBody } from "./envelopes.js";
export type { ErrorEnvelope, ErrExtra, XsoarErrorBody, ApiErrorOptions } from "./envelopes.js";
