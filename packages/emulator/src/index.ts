/**
 * A local Cortex tenant for tests, demos and offline development: real HTTP
 * on loopback, real key authentication, seeded data.
 *
 * @packageDocumentation
 */
export { startEmulator, DATA_ANCHOR_MS } from "./emulator.js";
export type { EmulatorOptions, RunningEmulator, BootstrapKey } from "./emulator.js";
export type { TenantInfo, Product } from "./tenant.js";
export type { AuthFailureEvent } from "./state.js";
export type { Clock } from "./clock.js";
export type { AuthFailureReason } from "./auth.js";
export type { SecurityLevel } from "./keys.js";
export { ApiError, REPLY_ERRORS, MAX_BODY_BYTES, errorEnvelope } from "./envelopes.js";
export type { ErrorEnvelope } from "./envelopes.js";
