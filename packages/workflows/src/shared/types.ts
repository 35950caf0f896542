/**
 * Types every workflow shares.
 *
 * @module
 */
import type { OperationId, ReplyOf } from "@cortex-sdk/schemas/shapes";

/**
 * The item type of a paginated operation's list field, e.g. one API key of `api_keys.get_api_keys`.
 *
 * @typeParam Id - Operation id.
 * @typeParam Field - The reply field holding the items.
 */
export type ItemOf<Id extends OperationId, Field extends string> = NonNullable<ReplyOf<Id>[Field & keyof ReplyOf<Id>]> extends readonly (infer Item)[] ? Item : unknown;
