/**
 * Filter builders typed per operation.
 *
 * - The flat AND list `{field, operator, value}` that most XDR, XSIAM, Xpanse and Cortex Cloud list
 *   calls take in `request_data.filters`: {@link filterList} offers only the fields and operators the
 *   operation documents.
 * - The AND/OR tree (`filter_data.filter`, Cortex Cloud asset inventory and posture searches):
 *   {@link andFilter}, {@link orFilter} and {@link searchCondition}.
 *
 * Both are plain data builders with no runtime dependency on the operation table.
 *
 * @example
 * ```ts
 * const filters = filterList("incidents.get_incidents").where("status", "eq", "new").where("creation_time", "gte", Date.now() - 86_400_000).build();
 * const tree = andFilter(searchCondition("xdm.asset.provider", "EQ", "AWS"), orFilter(searchCondition("xdm.asset.type.class", "NEQ", "Other")));
 * ```
 *
 * @module
 */
import type { OperationId, RequestOf } from "./shapes.js";

/** The condition type of an operation's `filters` list (`never` when it has none). */
export type FilterOf<Id extends OperationId> = ConditionsIn<NonNullable<RequestOf<Id>>>;

/** Condition type of a request's `filters` list; distributes over unions and maps `never` to `never`. */
export type ConditionsIn<Request> = Request extends { readonly filters?: infer List } ? (NonNullable<List> extends readonly (infer Condition)[] ? Condition : never) : never;

/** The field names an operation's filters accept. */
export type FilterFieldOf<Id extends OperationId> = FieldIn<FilterOf<Id>>;

/** Field names of a condition type. */
export type FieldIn<Condition> = Condition extends { readonly field: infer Field } ? Field : never;

/** The operators an operation's filters accept (for one field when `Field` is given). */
export type FilterOperatorOf<Id extends OperationId, Field = FilterFieldOf<Id>> = OperatorIn<FilterConditionFor<Id, Field>>;

/** Operators of a condition type. */
export type OperatorIn<Condition> = Condition extends { readonly operator: infer Operator } ? Operator : never;

/** The condition members of an operation's filters that accept `Field` (distributes over curated unions such as `IncidentFilter`). */
export type FilterConditionFor<Id extends OperationId, Field> = AcceptingField<FilterOf<Id>, Field>;

/** The members of a condition type that accept `Field`. */
export type AcceptingField<Condition, Field> = Condition extends { readonly field: infer ConditionField } ? ([Field] extends [ConditionField] ? Condition : never) : never;

/** The value type a field of an operation's filters accepts. */
export type FilterValueOf<Id extends OperationId, Field> = ValueIn<FilterConditionFor<Id, Field>>;

/** Value type of a condition type. */
export type ValueIn<Condition> = Condition extends { readonly value?: infer Value } ? Value : never;

/** Builds an operation's flat AND filter list, one condition at a time. */
export interface FilterListBuilder<Id extends OperationId> {
  /**
   * Adds a condition (conditions are AND-combined; the service supports no OR here).
   *
   * @param field - A field the operation documents.
   * @param operator - An operator documented for that field.
   * @param value - The value to compare with.
   * @returns The builder.
   */
  where<Field extends FilterFieldOf<Id>>(field: Field, operator: FilterOperatorOf<Id, Field>, value: FilterValueOf<Id, Field>): FilterListBuilder<Id>;
  /**
   * The conditions added so far.
   *
   * @returns A new array of conditions, ready for `request_data.filters`.
   */
  build(): FilterOf<Id>[];
}

/**
 * Starts a filter list for an operation.
 *
 * @param _id - The operation id; only its type is used.
 * @returns An empty builder.
 */
export function filterList<Id extends OperationId>(_id: Id): FilterListBuilder<Id> {
  const conditions: { field: unknown; operator: unknown; value: unknown }[] = [];
  const builder: FilterListBuilder<Id> = {
    where(field, operator, value) {
      conditions.push({ field, operator, value });
      return builder;
    },
    build() {
      return conditions.map((condition) => ({ ...condition })) as FilterOf<Id>[];
    },
  };
  return builder;
}

/** Comparison types of the AND/OR tree dialect. */
export type SearchType =
  | "EQ" | "NEQ" | "GT" | "LT" | "GTE" | "LTE" | "IN" | "NIN" | "RLIKE" | "NRLIKE" | "WILDCARD" | "WILDCARD_NOT" | "CONTAINS" | "NCONTAINS"
  | "IP_MATCH" | "NIP_MATCH" | "ARRAY_CONTAINS" | "ARRAY_NOT_CONTAINS" | "IS_EMPTY" | "NIS_EMPTY" | "REGEX" | "REGEX_NOT" | "REGEX_MATCH"
  | "REGEX_NOT_MATCH" | "IPLIST_MATCH" | "NLISTIP_MATCH" | "INCIDR" | "NINCIDR" | "INCIDR6" | "NINCIDR6" | "RANGE" | "RELATIVE_TIMESTAMP"
  | "JSON_OVERLAPS" | "JSON_ARRAY_CONTAINED_IN" | "JSON_IS_NOT_EMPTY";

/** One leaf of the AND/OR tree. */
export interface SearchCondition<Field extends string = string> {
  /** Field to compare, e.g. `xdm.asset.provider`. */
  readonly SEARCH_FIELD: Field;
  /** Comparison. */
  readonly SEARCH_TYPE: SearchType;
  /** Value: a scalar, a list, `{from, to}` for `RANGE`, milliseconds for `RELATIVE_TIMESTAMP`. */
  readonly SEARCH_VALUE: unknown;
}

/** An AND or OR node of the tree; children are conditions or nested nodes. */
export type SearchTree<Field extends string = string> =
  | { readonly AND: readonly (SearchCondition<Field> | SearchTree<Field>)[] }
  | { readonly OR: readonly (SearchCondition<Field> | SearchTree<Field>)[] };

/** Every comparison type, to check values at run time. */
const SEARCH_TYPES: ReadonlySet<string> = new Set<SearchType>([
  "EQ", "NEQ", "GT", "LT", "GTE", "LTE", "IN", "NIN", "RLIKE", "NRLIKE", "WILDCARD", "WILDCARD_NOT", "CONTAINS", "NCONTAINS", "IP_MATCH",
  "NIP_MATCH", "ARRAY_CONTAINS", "ARRAY_NOT_CONTAINS", "IS_EMPTY", "NIS_EMPTY", "REGEX", "REGEX_NOT", "REGEX_MATCH", "REGEX_NOT_MATCH",
  "IPLIST_MATCH", "NLISTIP_MATCH", "INCIDR", "NINCIDR", "INCIDR6", "NINCIDR6", "RANGE", "RELATIVE_TIMESTAMP", "JSON_OVERLAPS",
  "JSON_ARRAY_CONTAINED_IN", "JSON_IS_NOT_EMPTY",
]);

/**
 * One condition of the tree.
 *
 * @param field - Field to compare.
 * @param type - Comparison type.
 * @param value - Value to compare with.
 * @returns The condition.
 * @throws TypeError when `type` is not a documented comparison (for untyped callers).
 */
export function searchCondition<Field extends string>(field: Field, type: SearchType, value: unknown): SearchCondition<Field> {
  if (!SEARCH_TYPES.has(type)) throw new TypeError(`searchCondition: unknown SEARCH_TYPE ${String(type)}`);
  return { SEARCH_FIELD: field, SEARCH_TYPE: type, SEARCH_VALUE: value };
}

/**
 * An AND node.
 *
 * @param children - Conditions or nested nodes, all of which must match.
 * @returns The node.
 */
export function andFilter<Field extends string>(...children: (SearchCondition<Field> | SearchTree<Field>)[]): SearchTree<Field> {
  return { AND: children };
}

/**
 * An OR node.
 *
 * @param children - Conditions or nested nodes, one of which must match.
 * @returns The node.
 */
export function orFilter<Field extends string>(...children: (SearchCondition<Field> | SearchTree<Field>)[]): SearchTree<Field> {
  return { OR: children };
}
