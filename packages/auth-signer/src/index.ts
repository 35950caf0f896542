/**
 * Standard and Advanced API key signing for the Cortex APIs (Node entry,
 * synchronous, backed by node:crypto). For runtimes without node:crypto, use
 * `@cortex-sdk/auth-signer/web`.
 * @packageDocumentation
 */

export * from "./shared.js";
export { advancedAuthorization, createClockSigner, createSigner, createUncheckedClockSigner, signHeaders } from "./sign-node.js";
export type { ClockSigner, Signer } from "./sign-node.js";
