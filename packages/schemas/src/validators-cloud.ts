/**
 * Opt-in runtime validators and JSON Schemas of the Cortex Cloud operations only (what a Cortex Cloud client loads when
 * reply validation is on): the same rules as `@cortex-sdk/schemas/validators`, over Cortex Cloud's JSON
 * Schemas. Needs the optional peer dependency `zod`.
 *
 * @module
 */
import type { StandardSchemaV1 } from "@standard-schema/spec";
import { cloudOperations } from "./generated/products/cloud.js";
import { cloudSchemas } from "./generated/products/cloud-schemas.js";
import type { CloudOperationId, CloudReplyOf, CloudRequestOf } from "./generated/types/cloud.js";
import type { JsonSchema } from "./json-schema.js";
import { createValidators } from "./validators.js";

export type { StandardSchemaV1 } from "@standard-schema/spec";

const validators = createValidators(cloudSchemas, cloudOperations);

/**
 * The JSON Schema of a Cortex Cloud operation's request (the content of `request_data` when wrapped).
 *
 * @param id - Operation id.
 * @returns A plain JSON Schema object, or `undefined` when the operation has no body or is not a Cortex Cloud operation.
 */
export function requestJsonSchema(id: CloudOperationId | (string & {})): JsonSchema | undefined {
  return validators.requestJsonSchema(id);
}

/**
 * The JSON Schema of a Cortex Cloud operation's reply after the envelope is removed.
 *
 * @param id - Operation id.
 * @returns A plain JSON Schema object, or `undefined` when the reply is empty, binary or not a Cortex Cloud operation.
 */
export function responseJsonSchema(id: CloudOperationId | (string & {})): JsonSchema | undefined {
  return validators.responseJsonSchema(id);
}

/**
 * A strict validator of a Cortex Cloud operation's request.
 *
 * @param id - Operation id.
 * @returns A Standard Schema object, or `undefined` when the operation has no request body or is not a Cortex Cloud operation.
 */
export function requestValidator<Id extends CloudOperationId>(id: Id): StandardSchemaV1<unknown, CloudRequestOf<Id>> | undefined;
export function requestValidator(id: string): StandardSchemaV1 | undefined;
export function requestValidator(id: string): StandardSchemaV1 | undefined {
  return validators.requestValidator(id);
}

/**
 * A lenient validator of a Cortex Cloud operation's reply (after the envelope is removed).
 *
 * @param id - Operation id.
 * @returns A Standard Schema object, or `undefined` when the reply is empty, binary or not a Cortex Cloud operation.
 */
export function responseValidator<Id extends CloudOperationId>(id: Id): StandardSchemaV1<unknown, CloudReplyOf<Id>> | undefined;
export function responseValidator(id: string): StandardSchemaV1 | undefined;
export function responseValidator(id: string): StandardSchemaV1 | undefined {
  return validators.responseValidator(id);
}
