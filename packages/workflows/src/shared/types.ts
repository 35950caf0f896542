/**
 * Types every workflow shares. Workflows never import a product's types: each workflow class takes the
 * product's operation shapes map as a type parameter (the generated clients pass `XdrOperationShapes`,
 * `XsoarOperationShapes`, ...), so a client's declarations load its own product's types and no other's.
 *
 * @module
 */
import type { ApiPromise, CallOptions, ListOptions, NdjsonCallOptions, PagePromise } from "@cortex-sdk/core";

/** The request and reply type of one operation, as a product's `<Product>OperationShapes` maps each id. */
export interface OperationShape {
  /** What the caller passes (`undefined` when the operation has no body). */
  readonly request: unknown;
  /** The reply after its envelope is removed. */
  readonly reply: unknown;
}

/**
 * Any operation shapes map that has at least the operations `Id`: the `<Product>OperationShapes` of every
 * product serving them fits (e.g. `XdrOperationShapes` from `@cortex-sdk/schemas-xdr`).
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
export type RequestIn<S extends ShapesWith<Id>, Id extends string> = ShapeOf<S, Id>["request"];

/**
 * The reply type of operation `Id` in the shapes map `S`.
 *
 * @typeParam S - A product's operation shapes map.
 * @typeParam Id - Operation id.
 */
export type ReplyIn<S extends ShapesWith<Id>, Id extends string> = ShapeOf<S, Id>["reply"];

/**
 * The item type of a paginated operation's list field, e.g. one API key of `api_keys.get_api_keys`.
 *
 * @typeParam S - A product's operation shapes map.
 * @typeParam Id - Operation id.
 * @typeParam Field - The reply field holding the items.
 */
export type ItemOf<S extends ShapesWith<Id>, Id extends string, Field extends string> = NonNullable<ReplyIn<S, Id>[Field & keyof ReplyIn<S, Id>]> extends readonly (infer Item)[] ? Item : unknown;

/**
 * The shape of operation `Id` in the shapes map `S` (also when `S` is a type parameter of a workflow:
 * then a body the workflow builds is checked against what `S`'s constraint declares).
 *
 * @typeParam S - An operation shapes map.
 * @typeParam Id - Operation id.
 */
export type ShapeOf<S, Id extends keyof S> = S[Id] & OperationShape;

/**
 * A client seen through an operation shapes map: `request`, `paginate` and `streamNdjson` take only the
 * ids of `S`, check the body against the operation's request type and type the reply by the operation.
 * Every product client fits it (the same object, no wrapper): a workflow stores the client it is given as
 * a `ShapedClient` of the operations it calls, so an operation id it sends is checked by the compiler
 * against the product's table (or the workflow's own operations), never written as an untyped string.
 *
 * @typeParam S - An operation shapes map: a product's `<Product>OperationShapes` or a workflow's own.
 */
export interface ShapedClient<S> {
  /**
   * Calls one operation of `S`.
   *
   * @param operationId - Operation id, one of `S`.
   * @param body - The request (without the `request_data` envelope).
   * @param options - Per-call options.
   * @returns The reply of the operation.
   */
  request<Id extends keyof S & string>(operationId: Id, body: ShapeOf<S, Id>["request"], options?: CallOptions): ApiPromise<ShapeOf<S, Id>["reply"]>;
  /**
   * Calls a paginated operation of `S`.
   *
   * @param operationId - Operation id, one of `S`.
   * @param body - The first page's request.
   * @param options - Per-call options plus limit, page size and cursor.
   * @returns Await for the first page, `for await` for every item.
   */
  paginate<Id extends keyof S & string, Item = unknown>(operationId: Id, body: ShapeOf<S, Id>["request"], options?: ListOptions): PagePromise<ShapeOf<S, Id>["reply"], Item>;
  /**
   * Streams the NDJSON reply of an operation of `S` row by row.
   *
   * @param operationId - Operation id, one of `S`.
   * @param body - The request.
   * @param options - Per-call options and NDJSON options.
   * @returns An async generator of rows.
   */
  streamNdjson<Id extends keyof S & string, Row = unknown>(operationId: Id, body: ShapeOf<S, Id>["request"], options?: NdjsonCallOptions): AsyncGenerator<Row, void, undefined>;
}
