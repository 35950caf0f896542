/**
 * Map from operation id to its request and reply types, so that `request(id, body)` is typed.
 *
 * @module
 */
import type { GeneratedOperationShapes } from "./generated/shapes.js";

/**
 * Request and reply type of every operation, keyed by operation id. `request` is what the caller
 * passes (the content of `request_data` when the body is wrapped; `undefined` when there is no body);
 * `reply` is the reply after its envelope is removed.
 */
export interface OperationShapes extends GeneratedOperationShapes {}

/** Every operation id with known types. */
export type OperationId = keyof OperationShapes;

/** Request type of an operation. */
export type RequestOf<Id extends OperationId> = OperationShapes[Id]["request"];

/** Reply type of an operation (after the envelope is removed). */
export type ReplyOf<Id extends OperationId> = OperationShapes[Id]["reply"];
