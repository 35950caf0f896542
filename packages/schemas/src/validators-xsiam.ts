/**
 * Opt-in runtime validators and JSON Schemas of the Cortex XSIAM operations only (what a Cortex XSIAM client loads when
 * reply validation is on): the same rules as `@cortex-sdk/schemas/validators`, over Cortex XSIAM's JSON
 * Schemas. Needs the optional peer dependency `zod`.
 *
 * @module
 */
import type { StandardSchemaV1 } from "@standard-schema/spec";
import { xsiamOperations } from "./generated/products/xsiam.js";
import { xsiamSchemas } from "./generated/products/xsiam-schemas.js";
import type { XsiamOperationId, XsiamReplyOf, XsiamRequestOf } from "./generated/types/xsiam.js";
import type { JsonSchema } from "./json-schema.js";
import { createValidators } from "./validators.js";

export type { StandardSchemaV1 } from "@standard-schema/spec";

const validators = createValidators(xsiamSchemas, xsiamOperations);

/**
 * The JSON Schema of a Cortex XSIAM operation's request (the content of `request_data` when wrapped).
 *
 * @param id - Operation id.
 * @returns A plain JSON Schema object, or `undefined` when the operation has no body or is not a Cortex XSIAM operation.
 */
export function requestJsonSchema(id: XsiamOperationId | (string & {})): JsonSchema | undefined {
  return validators.requestJsonSchema(id);
}

/**
 * The JSON Schema of a Cortex XSIAM operation's reply after the envelope is removed.
 *
 * @param id - Operation id.
 * @returns A plain JSON Schema object, or `undefined` when the reply is empty, binary or not a Cortex XSIAM operation.
 */
export function responseJsonSchema(id: XsiamOperationId | (string & {})): JsonSchema | undefined {
  return validators.responseJsonSchema(id);
}

/**
 * A strict validator of a Cortex XSIAM operation's request.
 *
 * @param id - Operation id.
 * @returns A Standard Schema object, or `undefined` when the operation has no request body or is not a Cortex XSIAM operation.
 */
export function requestValidator<Id extends XsiamOperationId>(id: Id): StandardSchemaV1<unknown, XsiamRequestOf<Id>> | undefined;
export function requestValidator(id: string): StandardSchemaV1 | undefined;
export function requestValidator(id: string): StandardSchemaV1 | undefined {
  return validators.requestValidator(id);
}

/**
 * A lenient validator of a Cortex XSIAM operation's reply (after the envelope is removed).
 *
 * @param id - Operation id.
 * @returns A Standard Schema object, or `undefined` when the reply is empty, binary or not a Cortex XSIAM operation.
 */
export function responseValidator<Id extends XsiamOperationId>(id: Id): StandardSchemaV1<unknown, XsiamReplyOf<Id>> | undefined;
export function responseValidator(id: string): StandardSchemaV1 | undefined;
export function responseValidator(id: string): StandardSchemaV1 | undefined {
  return validators.responseValidator(id);
}
