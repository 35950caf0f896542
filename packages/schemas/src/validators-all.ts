/**
 * Opt-in runtime validators and JSON Schemas of every operation of every product (the emulator and
 * tools use this; a product client loads `@cortex-sdk/schemas-<product>/validators` instead). The rules
 * are those of `createValidators`: strict requests, lenient replies. Needs the optional peer dependency
 * `zod`.
 *
 * @module
 */
import type { StandardSchemaV1 } from "@standard-schema/spec";
import type { JsonSchema, OperationJsonSchemas } from "@cortex-sdk/schemas-base";
import { createValidators } from "@cortex-sdk/schemas-base/validators";
import { operationJsonSchemas as cloudSchemas } from "@cortex-sdk/schemas-cloud/validators";
import { operationJsonSchemas as xdrSchemas } from "@cortex-sdk/schemas-xdr/validators";
import { operationJsonSchemas as xpanseSchemas } from "@cortex-sdk/schemas-xpanse/validators";
import { operationJsonSchemas as xsiamSchemas } from "@cortex-sdk/schemas-xsiam/validators";
import { operationJsonSchemas as xsoarSchemas } from "@cortex-sdk/schemas-xsoar/validators";
import { allOperations } from "./all.js";
import type { OperationId, ReplyOf, RequestOf } from "./shapes.js";

export type { StandardSchemaV1 } from "@standard-schema/spec";

/** Every operation's JSON Schemas: the same operation has the same schemas in each product that serves it. */
const allSchemas: Readonly<Record<string, OperationJsonSchemas>> = { ...cloudSchemas, ...xpanseSchemas, ...xsoarSchemas, ...xsiamSchemas, ...xdrSchemas };

const validators = createValidators(allSchemas, allOperations);

/**
 * The JSON Schema of an operation's request as the caller passes it (the content of `request_data`
 * when the body is wrapped). Descriptions and examples are stripped.
 *
 * @param id - Operation id.
 * @returns A plain JSON Schema object, or `undefined` when the operation has no body or is unknown.
 */
export function requestJsonSchema(id: OperationId | (string & {})): JsonSchema | undefined {
  return validators.requestJsonSchema(id);
}

/**
 * The JSON Schema of an operation's reply after the envelope is removed (see the entry's
 * `replyEnvelope` to wrap it for the wire). Descriptions and examples are stripped.
 *
 * @param id - Operation id.
 * @returns A plain JSON Schema object, or `undefined` when the reply is empty, binary or unknown.
 */
export function responseJsonSchema(id: OperationId | (string & {})): JsonSchema | undefined {
  return validators.responseJsonSchema(id);
}

/**
 * A strict validator of an operation's request.
 *
 * @param id - Operation id.
 * @returns A Standard Schema object, or `undefined` when the operation has no request body or is unknown.
 */
export function requestValidator<Id extends OperationId>(id: Id): StandardSchemaV1<unknown, RequestOf<Id>> | undefined;
export function requestValidator(id: string): StandardSchemaV1 | undefined;
export function requestValidator(id: string): StandardSchemaV1 | undefined {
  return validators.requestValidator(id);
}

/**
 * A lenient validator of an operation's reply (after the envelope is removed).
 *
 * @param id - Operation id.
 * @returns A Standard Schema object, or `undefined` when the reply is empty, binary or the id unknown.
 */
export function responseValidator<Id extends OperationId>(id: Id): StandardSchemaV1<unknown, ReplyOf<Id>> | undefined;
export function responseValidator(id: string): StandardSchemaV1 | undefined;
export function responseValidator(id: string): StandardSchemaV1 | undefined {
  return validators.responseValidator(id);
}

/**
 * A strict validator of a whole request body as sent, envelope included: `{"request_data": ...}` (plus
 * the operation's documented siblings such as `validate`) for wrapped operations, the request itself for
 * bare ones.
 *
 * @param id - Operation id.
 * @returns A Standard Schema object, or `undefined` when the operation sends no body or is unknown.
 */
export function wireRequestValidator(id: OperationId | (string & {})): StandardSchemaV1 | undefined {
  return validators.wireRequestValidator(id);
}

/**
 * A lenient validator of a whole reply body as received, envelope included (`{"reply": ...}` or
 * `{"data": ...}` where the operation wraps its reply); see {@link responseValidator} for what is
 * tolerated inside.
 *
 * @param id - Operation id.
 * @returns A Standard Schema object, or `undefined` when the reply is binary or the id unknown.
 */
export function wireResponseValidator(id: OperationId | (string & {})): StandardSchemaV1 | undefined {
  return validators.wireResponseValidator(id);
}
