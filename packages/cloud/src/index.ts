/**
 * Typed client for the Cortex Cloud API.
 *
 * @packageDocumentation
 */
export { CloudClient, type CloudClientOptions } from "./client.js";
export * from "./generated/client-base.js";
export { CLOUD_CLIENT_VERSION } from "./version.js";
export type * from "@cortex-sdk/schemas/cloud";
export { isCortexError } from "@cortex-sdk/core";
