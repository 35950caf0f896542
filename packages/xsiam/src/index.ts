/**
 * Typed client for the Cortex XSIAM API.
 *
 * @packageDocumentation
 */
export { XsiamClient, type XsiamClientOptions } from "./client.js";
export * from "./generated/client-base.js";
export { XSIAM_CLIENT_VERSION } from "./version.js";
export type * from "@cortex-sdk/schemas/xsiam";
export { isCortexError } from "@cortex-sdk/core";
