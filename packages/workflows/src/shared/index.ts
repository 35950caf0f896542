/**
 * The types every workflow is written against: a client seen through a product's operation shapes. Import it
 * from `@cortex-sdk/workflows/shared` to load only the declarations this concern needs (the package root
 * loads every concern's).
 *
 * @module
 */
export type { ItemOf, OperationShape, ReplyIn, RequestIn, ShapedClient, ShapeOf, ShapesWith } from "./types.js";
