/**
 * Opt-in runtime validators and JSON Schemas of the Cortex Xpanse operations only (what a Cortex Xpanse client loads when
 * reply validation is on): the same rules as `@cortex-sdk/schemas/validators`, over Cortex Xpanse's JSON
 * Schemas. Needs the optional peer dependency `zod`.
 *
 * @module
 */
import type { StandardSchemaV1 } from "@standard-schema/spec";
import { xpanseOperations } from "./generated/products/xpanse.js";
import { xpanseSchemas } from "./generated/products/xpanse-schemas.js";
import type { XpanseOperationId, XpanseReplyOf, XpanseRequestOf } from "./generated/types/xpanse.js";
import type { JsonSchema } from "./json-schema.js";
import { createValidators } from "./validators.js";

export type { StandardSchemaV1 } from "@standard-schema/spec";

const validators = createValidators(xpanseSchemas, xpanseOperations);

/**
 * The JSON Schema of a Cortex Xpanse operation's request (the content of `request_data` when wrapped).
 *
 * @param id - Operation id.
 * @returns A plain JSON Schema object, or `undefined` when the operation has no body or is not a Cortex Xpanse operation.
 */
export function requestJsonSchema(id: XpanseOperationId | (string & {})): JsonSchema | undefined {
  return validators.requestJsonSchema(id);
}

/**
 * The JSON Schema of a Cortex Xpanse operation's reply after the envelope is removed.
 *
 * @param id - Operation id.
 * @returns A plain JSON Schema object, or `undefined` when the reply is empty, binary or not a Cortex Xpanse operation.
 */
export function responseJsonSchema(id: XpanseOperationId | (string & {})): JsonSchema | undefined {
  return validators.responseJsonSchema(id);
}

/**
 * A strict validator of a Cortex Xpanse operation's request.
 *
 * @param id - Operation id.
 * @returns A Standard Schema object, or `undefined` when the operation has no request body or is not a Cortex Xpanse operation.
 */
export function requestValidator<Id extends XpanseOperationId>(id: Id): StandardSchemaV1<unknown, XpanseRequestOf<Id>> | undefined;
export function requestValidator(id: string): StandardSchemaV1 | undefined;
export function requestValidator(id: string): StandardSchemaV1 | undefined {
  return validators.requestValidator(id);
}

/**
 * A lenient validator of a Cortex Xpanse operation's reply (after the envelope is removed).
 *
 * @param id - Operation id.
 * @returns A Standard Schema object, or `undefined` when the reply is empty, binary or not a Cortex Xpanse operation.
 */
export function responseValidator<Id extends XpanseOperationId>(id: Id): StandardSchemaV1<unknown, XpanseReplyOf<Id>> | undefined;
export function responseValidator(id: string): StandardSchemaV1 | undefined;
export function responseValidator(id: string): StandardSchemaV1 | undefined {
  return validators.responseValidator(id);
}
