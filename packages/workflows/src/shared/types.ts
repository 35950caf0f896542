/**
 * Types every workflow shares. Workflows never import a product's types: each workflow class takes the
 * product's operation shapes map as a type parameter (the generated clients pass `XdrOperationShapes`,
 * `XsoarOperationShapes`, ...), so a client's declarations load its own product's types and no other's.
 *
 * @module
 */

/** The request and reply type of one operation, as a product's `<Product>OperationShapes` maps each id. */
export interface OperationShape {
  /** What the caller passes (`undefined` when the operation has no body). */
  readonly request: unknown;
  /** The reply after its envelope is removed. */
  readonly reply: unknown;
}

/**
 * Any operation shapes map that has at least the operations `Id`: the `<Product>OperationShapes` of every
 * product serving them fits (e.g. `XdrOperationShapes` from `@cortex-sdk/schemas/xdr`).
 *
 * @typeParam Id - The operation ids a workflow calls.
 */
export type ShapesWith<Id extends string> = { readonly [K in Id]: OperationShape };

/**
 * The request type of operation `Id` in the shapes map `S`.
 *
 * @typeParam S - A product's operation shapes map.
 * @typeParam Id - Operation id.
 */
export type RequestIn<S extends ShapesWith<Id>, Id extends string> = S[Id]["request"];

/**
 * The reply type of operation `Id` in the shapes map `S`.
 *
 * @typeParam S - A product's operation shapes map.
 * @typeParam Id - Operation id.
 */
export type ReplyIn<S extends ShapesWith<Id>, Id extends string> = S[Id]["reply"];

/**
 * The item type of a paginated operation's list field, e.g. one API key of `api_keys.get_api_keys`.
 *
 * @typeParam S - A product's operation shapes map.
 * @typeParam Id - Operation id.
 * @typeParam Field - The reply field holding the items.
 */
export type ItemOf<S extends ShapesWith<Id>, Id extends string, Field extends string> = NonNullable<ReplyIn<S, Id>[Field & keyof ReplyIn<S, Id>]> extends readonly (infer Item)[] ? Item : unknown;
