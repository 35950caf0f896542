/**
 * Endpoint response actions and script runs that wait for their outcome, and action tracking. Import it from
 * `@cortex-sdk/workflows/response-actions` to load only the declarations this concern needs (the package
 * root loads every concern's).
 *
 * @module
 */
export { actionIdOf, DOWNLOAD_OPERATION, downloadLink, PENDING_ACTION_STATUSES, RESPONSE_ACTION_OPERATIONS, splitWaitOptions, SUCCESSFUL_ACTION_STATUSES, waitForAction, waitForScript, type ActionResult, type AndWaitOptions, type ScriptRunResult, type WaitForActionOptions } from "./wait.js";
export { EndpointResponseActions, type ActionOutcome, type EndpointActionShapes, type FileRetrievalOutcome } from "./endpoints.js";
export { ScriptRuns, type ScriptOutcome, type ScriptRunShapes } from "./scripts.js";
export { ActionTracking } from "./actions.js";
