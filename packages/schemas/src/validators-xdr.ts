/**
 * Opt-in runtime validators and JSON Schemas of the Cortex XDR operations only (what a Cortex XDR client loads when
 * reply validation is on): the same rules as `@cortex-sdk/schemas/validators`, over Cortex XDR's JSON
 * Schemas. Needs the optional peer dependency `zod`.
 *
 * @module
 */
import type { StandardSchemaV1 } from "@standard-schema/spec";
import { xdrOperations } from "./generated/products/xdr.js";
import { xdrSchemas } from "./generated/products/xdr-schemas.js";
import type { XdrOperationId, XdrReplyOf, XdrRequestOf } from "./generated/types/xdr.js";
import type { JsonSchema } from "./json-schema.js";
import { createValidators } from "./validators.js";

export type { StandardSchemaV1 } from "@standard-schema/spec";

const validators = createValidators(xdrSchemas, xdrOperations);

/**
 * The JSON Schema of a Cortex XDR operation's request (the content of `request_data` when wrapped).
 *
 * @param id - Operation id.
 * @returns A plain JSON Schema object, or `undefined` when the operation has no body or is not a Cortex XDR operation.
 */
export function requestJsonSchema(id: XdrOperationId | (string & {})): JsonSchema | undefined {
  return validators.requestJsonSchema(id);
}

/**
 * The JSON Schema of a Cortex XDR operation's reply after the envelope is removed.
 *
 * @param id - Operation id.
 * @returns A plain JSON Schema object, or `undefined` when the reply is empty, binary or not a Cortex XDR operation.
 */
export function responseJsonSchema(id: XdrOperationId | (string & {})): JsonSchema | undefined {
  return validators.responseJsonSchema(id);
}

/**
 * A strict validator of a Cortex XDR operation's request.
 *
 * @param id - Operation id.
 * @returns A Standard Schema object, or `undefined` when the operation has no request body or is not a Cortex XDR operation.
 */
export function requestValidator<Id extends XdrOperationId>(id: Id): StandardSchemaV1<unknown, XdrRequestOf<Id>> | undefined;
export function requestValidator(id: string): StandardSchemaV1 | undefined;
export function requestValidator(id: string): StandardSchemaV1 | undefined {
  return validators.requestValidator(id);
}

/**
 * A lenient validator of a Cortex XDR operation's reply (after the envelope is removed).
 *
 * @param id - Operation id.
 * @returns A Standard Schema object, or `undefined` when the reply is empty, binary or not a Cortex XDR operation.
 */
export function responseValidator<Id extends XdrOperationId>(id: Id): StandardSchemaV1<unknown, XdrReplyOf<Id>> | undefined;
export function responseValidator(id: string): StandardSchemaV1 | undefined;
export function responseValidator(id: string): StandardSchemaV1 | undefined {
  return validators.responseValidator(id);
}
