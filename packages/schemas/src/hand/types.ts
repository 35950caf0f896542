/**
 * The shape of a hand-authored operation: an operation table entry plus the JSON Schemas of its
 * request (as the caller passes it, inside `request_data` when wrapped) and of its reply (after the
 * envelope is removed). The generator reads these like a spec and emits them with the generated entries.
 *
 * @module
 */
import type { JsonSchema } from "../../../schemas-base/src/json-schema.js";
import type { OperationEntry } from "../../../schemas-base/src/operation.js";

/** A hand-authored operation. */
export interface HandAuthoredOperation extends OperationEntry {
  /** Request schema (unwrapped). */
  readonly request?: JsonSchema;
  /** Reply schema (unwrapped). */
  readonly reply?: JsonSchema;
}
