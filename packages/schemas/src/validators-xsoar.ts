/**
 * Opt-in runtime validators and JSON Schemas of the Cortex XSOAR operations only (what a Cortex XSOAR client loads when
 * reply validation is on): the same rules as `@cortex-sdk/schemas/validators`, over Cortex XSOAR's JSON
 * Schemas. Needs the optional peer dependency `zod`.
 *
 * @module
 */
import type { StandardSchemaV1 } from "@standard-schema/spec";
import { xsoarOperations } from "./generated/products/xsoar.js";
import { xsoarSchemas } from "./generated/products/xsoar-schemas.js";
import type { XsoarOperationId, XsoarReplyOf, XsoarRequestOf } from "./generated/types/xsoar.js";
import type { JsonSchema } from "./json-schema.js";
import { createValidators } from "./validators.js";

export type { StandardSchemaV1 } from "@standard-schema/spec";

const validators = createValidators(xsoarSchemas, xsoarOperations);

/**
 * The JSON Schema of a Cortex XSOAR operation's request (the content of `request_data` when wrapped).
 *
 * @param id - Operation id.
 * @returns A plain JSON Schema object, or `undefined` when the operation has no body or is not a Cortex XSOAR operation.
 */
export function requestJsonSchema(id: XsoarOperationId | (string & {})): JsonSchema | undefined {
  return validators.requestJsonSchema(id);
}

/**
 * The JSON Schema of a Cortex XSOAR operation's reply after the envelope is removed.
 *
 * @param id - Operation id.
 * @returns A plain JSON Schema object, or `undefined` when the reply is empty, binary or not a Cortex XSOAR operation.
 */
export function responseJsonSchema(id: XsoarOperationId | (string & {})): JsonSchema | undefined {
  return validators.responseJsonSchema(id);
}

/**
 * A strict validator of a Cortex XSOAR operation's request.
 *
 * @param id - Operation id.
 * @returns A Standard Schema object, or `undefined` when the operation has no request body or is not a Cortex XSOAR operation.
 */
export function requestValidator<Id extends XsoarOperationId>(id: Id): StandardSchemaV1<unknown, XsoarRequestOf<Id>> | undefined;
export function requestValidator(id: string): StandardSchemaV1 | undefined;
export function requestValidator(id: string): StandardSchemaV1 | undefined {
  return validators.requestValidator(id);
}

/**
 * A lenient validator of a Cortex XSOAR operation's reply (after the envelope is removed).
 *
 * @param id - Operation id.
 * @returns A Standard Schema object, or `undefined` when the reply is empty, binary or not a Cortex XSOAR operation.
 */
export function responseValidator<Id extends XsoarOperationId>(id: Id): StandardSchemaV1<unknown, XsoarReplyOf<Id>> | undefined;
export function responseValidator(id: string): StandardSchemaV1 | undefined;
export function responseValidator(id: string): StandardSchemaV1 | undefined {
  return validators.responseValidator(id);
}
