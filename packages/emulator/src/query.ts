/**
 * The `request_data` query dialect shared by list operations: AND-combined
 * `filters`, a `sort` object and a `search_from`/`search_to` window.
 * Operations describe their fields as data (a filter spec and a sort spec);
 * validation and error messages live here once.
 */
import type { SortKeyword } from "@cortex-sdk/schemas-base/curated-types";
import { REPLY_ERRORS } from "./envelopes.js";

/** A parsed JSON object. */
export type JsonObject = Record<string, unknown>;

/** Whether a parsed JSON value is an object (not an array or null). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Requires `value` to be a JSON object, else a 400 naming `what`. */
export function asObject(value: unknown, what: string): JsonObject {
  if (!isJsonObject(value)) throw REPLY_ERRORS.invalidInput(`${what}: Input should be a valid dictionary`);
  return value;
}

/** Renders a client-supplied value for an error message. */
export function describeValue(value: unknown): string {
  return typeof value === "string" ? value : (JSON.stringify(value) ?? String(value));
}

/** Builds a predicate from a filter's `value`, or throws a 400 if the value is unusable. */
export type FilterFactory<T> = (value: unknown, field: string) => (item: T) => boolean;

/** Per field, per lowercase operator: how to build the predicate. */
export type FilterSpec<T> = Readonly<Record<string, Readonly<Record<string, FilterFactory<T>>>>>;

/** Per sortable field: ascending comparator. */
export type SortSpec<T> = Readonly<Record<string, (a: T, b: T) => number>>;

/** A resolved sort. */
export interface SortOrder {
  /** A key of the operation's sort spec. */
  readonly field: string;
  /** Direction (the curated `SortKeyword`). */
  readonly keyword: SortKeyword;
}

/** A resolved `[from, to)` window. */
export interface PageWindow {
  /** Inclusive start offset. */
  readonly from: number;
  /** Exclusive end offset. */
  readonly to: number;
}

/**
 * Compiles `request_data.filters` into one predicate (filters are AND-ed;
 * the API has no OR). Operators are matched case-insensitively because
 * clients send both `in` and `IN`.
 */
export function compileFilters<T>(filters: unknown, spec: FilterSpec<T>): (item: T) => boolean {
  if (filters === undefined || filters === null) return () => true;
  if (!Array.isArray(filters)) throw REPLY_ERRORS.invalidInput("filters: Input should be a valid list");
  const predicates = filters.map((filter: unknown, index) => {
    if (
      !isJsonObject(filter) ||
      typeof filter["field"] !== "string" ||
      typeof filter["operator"] !== "string" ||
      !("value" in filter)
    ) {
      throw REPLY_ERRORS.invalidInput(`filters[${index}]: each filter needs 'field', 'operator' and 'value'`);
    }
    const field = filter["field"];
    const operator = filter["operator"];
    // Object.hasOwn keeps names like "constructor" from reaching prototype members.
    const operators = Object.hasOwn(spec, field) ? spec[field] : undefined;
    if (operators === undefined) throw REPLY_ERRORS.invalidInput(`Unsupported field '${field}'`);
    const lowered = operator.toLowerCase();
    const factory = Object.hasOwn(operators, lowered) ? operators[lowered] : undefined;
    if (factory === undefined) {
      throw REPLY_ERRORS.invalidInput(`Unsupported operator '${operator}' for field ${field}`);
    }
    return factory(filter["value"], field);
  });
  return (item) => predicates.every((predicate) => predicate(item));
}

/** Compiles `request_data.sort` (or the default) into a comparator. */
export function compileSort<T>(sort: unknown, spec: SortSpec<T>, fallback: SortOrder): (a: T, b: T) => number {
  const order = readSort(sort, spec, fallback);
  const ascending = spec[order.field];
  if (ascending === undefined) throw new Error(`Sort spec lacks the default field ${order.field}`);
  return order.keyword === "asc" ? ascending : (a, b) => ascending(b, a);
}

function readSort<T>(sort: unknown, spec: SortSpec<T>, fallback: SortOrder): SortOrder {
  if (sort === undefined || sort === null) return fallback;
  if (!isJsonObject(sort)) throw REPLY_ERRORS.invalidInput("sort: Input should be a valid dictionary");
  const field = sort["field"];
  if (typeof field !== "string" || !Object.hasOwn(spec, field)) {
    throw REPLY_ERRORS.invalidInput(`Unsupported sort field '${describeValue(field)}'`);
  }
  const keyword = sort["keyword"] ?? "asc";
  const lowered = typeof keyword === "string" ? keyword.toLowerCase() : undefined;
  if (lowered !== "asc" && lowered !== "desc") {
    throw REPLY_ERRORS.invalidInput(`Unsupported sort keyword '${describeValue(keyword)}'`);
  }
  return { field, keyword: lowered };
}

/**
 * Reads `search_from` / `search_to` where both are optional and no page cap is
 * documented (e.g. `api_keys/get_api_keys`): `undefined` when neither is given.
 */
export function readOptionalPaging(data: JsonObject): PageWindow | undefined {
  const from = readOffset(data["search_from"], "search_from");
  const to = readOffset(data["search_to"], "search_to");
  if (from === undefined && to === undefined) return undefined;
  const start = from ?? 0;
  const end = to ?? Number.MAX_SAFE_INTEGER;
  if (end <= start) throw REPLY_ERRORS.invalidInput("Search size must fulfill the requirement: 0 < search_size");
  return { from: start, to: end };
}

/**
 * Reads `search_from` / `search_to`. The window must hold 1..maxSize items;
 * messages are the vendor's.
 */
export function readPaging(data: JsonObject, maxSize: number): PageWindow {
  const from = readOffset(data["search_from"], "search_from") ?? 0;
  const to = readOffset(data["search_to"], "search_to") ?? from + maxSize;
  const size = to - from;
  if (size <= 0 || size > maxSize) {
    throw REPLY_ERRORS.invalidInput(`Search size must fulfill the requirement: 0 < search_size <= ${maxSize}`);
  }
  return { from, to };
}

function readOffset(value: unknown, name: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isSafeInteger(value)) {
    throw REPLY_ERRORS.invalidInput(`${name}: Input should be a valid integer`);
  }
  if (value < 0) throw REPLY_ERRORS.invalidInput(`${name}: Input should be greater than or equal to 0`);
  return value;
}

/** Filter value helpers: each returns the typed value or throws a 400 naming the field. */
export const filterValue = {
  /** An integer such as epoch milliseconds. */
  integer(value: unknown, field: string): number {
    if (typeof value !== "number" || !Number.isSafeInteger(value)) {
      throw REPLY_ERRORS.invalidInput(`${field}: Input should be a valid integer`);
    }
    return value;
  },
  /** A string. */
  string(value: unknown, field: string): string {
    if (typeof value !== "string") throw REPLY_ERRORS.invalidInput(`${field}: Input should be a valid string`);
    return value;
  },
  /** A list of strings (ids in filters are strings, and numbers are not coerced). */
  stringList(value: unknown, field: string): string[] {
    if (!Array.isArray(value)) throw REPLY_ERRORS.invalidInput(`${field}: Input should be a valid list`);
    return value.map((item: unknown, index) => {
      if (typeof item !== "string") {
        throw REPLY_ERRORS.invalidInput(`${field}[${index}]: Input should be a valid string`);
      }
      return item;
    });
  },
  /** A list of integer ids; with `text`, an id may also be numeric text (`"12"`), read as the integer. */
  idList(value: unknown, field: string, text: boolean): number[] {
    if (!Array.isArray(value)) throw REPLY_ERRORS.invalidInput(`${field}: Input should be a valid list`);
    return value.map((item: unknown, index) => {
      const id = typeof item === "string" && text && /^\d+$/.test(item) ? Number(item) : item;
      if (typeof id !== "number" || !Number.isSafeInteger(id)) throw REPLY_ERRORS.invalidInput(`${field}[${index}]: Input should be a valid integer`);
      return id;
    });
  },
  /** A boolean; `"true"`/`"false"` are accepted as lenient validators do. */
  boolean(value: unknown, field: string): boolean {
    if (typeof value === "boolean") return value;
    if (value === "true" || value === "false") return value === "true";
    throw REPLY_ERRORS.invalidInput(`${field}: Input should be a valid boolean`);
  },
  /** One of a fixed set of strings. */
  oneOf<const V extends string>(value: unknown, field: string, allowed: readonly V[]): V {
    const found = allowed.find((candidate) => candidate === value);
    if (found === undefined) throw REPLY_ERRORS.invalidInput(`Invalid value '${describeValue(value)}' for field ${field}`);
    return found;
  },
};
