/**
 * Filter builders typed per operation.
 *
 * - The flat AND list `{field, operator, value}` that most XDR, XSIAM, Xpanse and Cortex Cloud list
 *   calls take in `request_data.filters`: `filterList(id)` of each product's schemas package (built on
 *   {@link createFilterList}) offers only the fields, operators and values the operation documents.
 * - The AND/OR tree (`filter_data.filter`, Cortex Cloud asset inventory and posture searches):
 *   {@link andFilter}, {@link orFilter} and {@link searchCondition}. They keep the literal field, search
 *   type and value, so a tree passed to a typed operation (`assets`: `AssetFilter`, `asset_groups`:
 *   `AssetGroupFilter`) is checked per field where it is passed.
 *
 * Both are plain data builders with no runtime dependency on the operation table.
 *
 * @example
 * ```ts
 * // filterList of @cortex-sdk/schemas-xdr
 * const filters = filterList("incidents.get_incidents").where("status", "eq", "new").where("creation_time", "gte", Date.now() - 86_400_000).build();
 * const tree = andFilter(searchCondition("xdm.asset.provider", "EQ", "AWS"), orFilter(searchCondition("xdm.asset.type.class", "NEQ", "Other")));
 * ```
 *
 * @module
 */
import type { TenantField } from "./curated-types.js";
/** Condition type of a request's `filters` list; distributes over unions and maps `never` to `never`. */
export type ConditionsIn<Request> = Request extends { readonly filters?: infer List } ? (NonNullable<List> extends readonly (infer Condition)[] ? Condition : never) : never;

/** Field names of a condition type. */
export type FieldIn<Condition> = Condition extends { readonly field: infer Field } ? Field : never;

/** Operators of a condition type. */
export type OperatorIn<Condition> = Condition extends { readonly operator: infer Operator } ? Operator : never;

/** The members of a condition type that accept `Field`. */
export type AcceptingField<Condition, Field> = Condition extends { readonly field: infer ConditionField } ? ([Field] extends [ConditionField] ? Condition : never) : never;

/** Value type of a condition type. */
export type ValueIn<Condition> = Condition extends { readonly value?: infer Value } ? Value : never;

/** Builds a flat AND filter list for a request type, one condition at a time. */
export interface FilterListBuilder<Request> {
  /**
   * Adds a condition (conditions are AND-combined; the service supports no OR here).
   *
   * @param field - A field the operation documents.
   * @param operator - An operator documented for that field.
   * @param value - The value to compare with.
   * @returns The builder.
   */
  where<Field extends FieldIn<ConditionsIn<NonNullable<Request>>>>(
    field: Field,
    operator: OperatorIn<AcceptingField<ConditionsIn<NonNullable<Request>>, Field>>,
    value: ValueIn<AcceptingField<ConditionsIn<NonNullable<Request>>, Field>>,
  ): FilterListBuilder<Request>;
  /**
   * The conditions added so far.
   *
   * @returns A new array of conditions, ready for `request_data.filters`.
   */
  build(): ConditionsIn<NonNullable<Request>>[];
}

/**
 * An empty filter list builder for a request type. The product subpaths wrap it as `filterList(id)`,
 * typed by their own operations.
 *
 * @returns An empty builder.
 */
export function createFilterList<Request>(): FilterListBuilder<Request> {
  const conditions: { field: unknown; operator: unknown; value: unknown }[] = [];
  const builder: FilterListBuilder<Request> = {
    where(field, operator, value) {
      conditions.push({ field, operator, value });
      return builder;
    },
    build() {
      return conditions.map((condition) => ({ ...condition })) as ConditionsIn<NonNullable<Request>>[];
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

/**
 * One leaf of the AND/OR tree. The typed operations (Cortex Cloud `assets`, `asset_groups`, ...) take a
 * union of leaves, one per field and group of search types, each with its value type.
 *
 * @typeParam Field - The field.
 * @typeParam Type - The comparison types.
 * @typeParam Value - The value type.
 */
export interface SearchCondition<Field extends string = string, Type extends SearchType = SearchType, Value = unknown> {
  /** Field to compare, e.g. `xdm.asset.provider`. */
  readonly SEARCH_FIELD: Field;
  /** Comparison. */
  readonly SEARCH_TYPE: Type;
  /** Value: a scalar, a list, `{from, to}` for `RANGE`, milliseconds for `RELATIVE_TIMESTAMP`. */
  readonly SEARCH_VALUE: Value;
}

/**
 * An AND or OR node of the tree; children are conditions or nested nodes.
 *
 * @typeParam Condition - The leaves the tree may hold (an operation's typed conditions, or any condition).
 */
export type SearchTree<Condition = SearchCondition> =
  | { readonly AND: readonly (Condition | SearchTree<Condition>)[] }
  | { readonly OR: readonly (Condition | SearchTree<Condition>)[] };

/**
 * Marks a field of the tenant's own asset schema (beyond the documented fields) for a filter condition, so
 * the typed tree of `assets` and dynamic asset groups accepts it; the service, not the SDK, knows which
 * fields the tenant has. Only the type changes: the text is sent as is.
 *
 * @param name - The field's name, as the tenant's asset schema lists it.
 * @returns The same text, typed as a tenant field.
 * @throws TypeError when `name` is empty or not text.
 * @example
 * ```ts
 * const tree = andFilter(searchCondition(tenantField("xdm.asset.tags"), "CONTAINS", "prod"));
 * ```
 */
export function tenantField(name: string): TenantField {
  if (typeof name !== "string" || name.length === 0) throw new TypeError("tenantField: the field name must be non-empty text");
  return name as TenantField;
}

/** Every comparison type of the AND/OR dialect, in the order the reference lists them. */
export const SEARCH_TYPE_NAMES: readonly SearchType[] = [
  "EQ", "NEQ", "GT", "LT", "GTE", "LTE", "IN", "NIN", "RLIKE", "NRLIKE", "WILDCARD", "WILDCARD_NOT", "CONTAINS", "NCONTAINS", "IP_MATCH",
  "NIP_MATCH", "ARRAY_CONTAINS", "ARRAY_NOT_CONTAINS", "IS_EMPTY", "NIS_EMPTY", "REGEX", "REGEX_NOT", "REGEX_MATCH", "REGEX_NOT_MATCH",
  "IPLIST_MATCH", "NLISTIP_MATCH", "INCIDR", "NINCIDR", "INCIDR6", "NINCIDR6", "RANGE", "RELATIVE_TIMESTAMP", "JSON_OVERLAPS",
  "JSON_ARRAY_CONTAINED_IN", "JSON_IS_NOT_EMPTY",
];

/** Every comparison type, to check values at run time. */
const SEARCH_TYPES: ReadonlySet<string> = new Set<SearchType>(SEARCH_TYPE_NAMES);

/**
 * One condition of the tree. The field, search type and value keep their literal types, so a tree built
 * from conditions is checked against the operation's typed conditions where it is passed (`client.assets.search(tree)`):
 * a field the operation does not document, a search type the field does not take or a value of the wrong
 * type fails to compile there.
 *
 * @param field - Field to compare.
 * @param type - Comparison type.
 * @param value - Value to compare with.
 * @returns The condition.
 * @throws TypeError when `type` is not a documented comparison (for untyped callers).
 */
export function searchCondition<const Field extends string, const Type extends SearchType, const Value>(field: Field, type: Type, value: Value): SearchCondition<Field, Type, Value> {
  if (!SEARCH_TYPES.has(type)) throw new TypeError(`searchCondition: unknown SEARCH_TYPE ${String(type)}`);
  return { SEARCH_FIELD: field, SEARCH_TYPE: type, SEARCH_VALUE: value };
}

/**
 * An AND node.
 *
 * @param children - Conditions or nested nodes, all of which must match.
 * @returns The node, typed by its children.
 */
export function andFilter<const Children extends readonly unknown[]>(...children: Children): { readonly AND: Children } {
  return { AND: children };
}

/**
 * An OR node.
 *
 * @param children - Conditions or nested nodes, one of which must match.
 * @returns The node, typed by its children.
 */
export function orFilter<const Children extends readonly unknown[]>(...children: Children): { readonly OR: Children } {
  return { OR: children };
}
