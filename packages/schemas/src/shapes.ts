/**
 * The request and reply types of every operation of every product, keyed by operation id. This map is
 * large: product clients and applications should use their product's package
 * (`@cortex-sdk/schemas-xdr` has `XdrOperationShapes`, `XdrRequestOf`, ...), which loads only that
 * product's declarations. This subpath is for tools that handle every product (the emulator, the CLI).
 *
 * @module
 */
import type { GeneratedOperationShapes } from "./generated/shapes.js";
import { createFilterList, type AcceptingField, type ConditionsIn, type FieldIn, type FilterListBuilder, type OperatorIn, type ValueIn } from "@cortex-sdk/schemas-base";

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

/** The condition type of an operation's `filters` list (`never` when it has none). */
export type FilterOf<Id extends OperationId> = ConditionsIn<NonNullable<RequestOf<Id>>>;

/** The field names an operation's filters accept. */
export type FilterFieldOf<Id extends OperationId> = FieldIn<FilterOf<Id>>;

/** The condition members of an operation's filters that accept `Field`. */
export type FilterConditionFor<Id extends OperationId, Field> = AcceptingField<FilterOf<Id>, Field>;

/** The operators an operation's filters accept (for one field when `Field` is given). */
export type FilterOperatorOf<Id extends OperationId, Field = never> = [Field] extends [never] ? OperatorIn<FilterOf<Id>> : OperatorIn<FilterConditionFor<Id, Field>>;

/** The value type a field of an operation's filters accepts. */
export type FilterValueOf<Id extends OperationId, Field> = ValueIn<FilterConditionFor<Id, Field>>;

/**
 * Starts the flat AND filter list of any operation of any product.
 *
 * @param _id - The operation id; only its type is used.
 * @returns An empty builder.
 */
export function filterList<Id extends OperationId>(_id: Id): FilterListBuilder<RequestOf<Id>> {
  return createFilterList<RequestOf<Id>>();
}
