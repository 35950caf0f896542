/**
 * Typed client for the Cortex XSOAR (6 and 8) API.
 *
 * @packageDocumentation
 */
export { XsoarClient, type XsoarClientOptions } from "./client.js";
export * from "./generated/client-base.js";
export * from "./workflows.js";
export { XSOAR_CLIENT_VERSION } from "./version.js";
export type * from "@cortex-sdk/schemas/xsoar";
export { CortexConflictError, CortexInvalidRequestError, CortexReplyValidationError, isCortexError, type ExpiringApiKey, type TenantOutcome, type TenantTarget } from "@cortex-sdk/core";
