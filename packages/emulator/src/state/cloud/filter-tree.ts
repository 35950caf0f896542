/**
 * The asset-inventory filter dialect of Cortex Cloud (reference
 * xsoar-xpanse-cloud §1.3, §4.4): `{"AND"|"OR": [{SEARCH_FIELD, SEARCH_TYPE,
 * SEARCH_VALUE} | nested AND/OR]}`, sort `[{FIELD, ORDER}]`. Records are flat
 * objects keyed by dotted XDM names (`xdm.asset.provider`).
 *
 * Supported SEARCH_TYPEs: EQ, NEQ, GT, LT, GTE, LTE, IN, NIN, CONTAINS,
 * NCONTAINS, ARRAY_CONTAINS, ARRAY_NOT_CONTAINS, IS_EMPTY, NIS_EMPTY,
 * WILDCARD, WILDCARD_NOT, REGEX/REGEX_MATCH, REGEX_NOT/REGEX_NOT_MATCH. The
 * other documented types answer 400 naming the type (never a silently wrong
 * result). String comparisons ignore case.
 */
import { REPLY_ERRORS } from "../../envelopes.js";
import { describeValue, isJsonObject } from "../../query.js";

/** A flat record keyed by field name. */
export type FlatRecord = Readonly<Record<string, unknown>>;

/** A compiled predicate. */
export type RecordPredicate = (record: FlatRecord) => boolean;

function values(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  return value === undefined || value === null ? [] : [value];
}

function equal(a: unknown, b: unknown): boolean {
  if (typeof a === "string" && typeof b === "string") return a.toLowerCase() === b.toLowerCase();
  if (typeof a === "number" && typeof b === "string") return a === Number(b);
  if (typeof a === "string" && typeof b === "number") return Number(a) === b;
  return a === b;
}

function numeric(value: unknown): number | undefined {
  if (typeof value === "number") return value;
  if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

function regex(pattern: unknown, wildcard: boolean): RegExp {
  const text = describeValue(pattern);
  try {
    return wildcard
      ? new RegExp(`^${text.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`, "i")
      : new RegExp(text, "i");
  } catch {
    throw REPLY_ERRORS.invalidInput(`Invalid pattern '${text}'`);
  }
}

function leaf(node: Record<string, unknown>, where: string): RecordPredicate {
  const field = node["SEARCH_FIELD"];
  const type = node["SEARCH_TYPE"];
  const wanted = node["SEARCH_VALUE"];
  if (typeof field !== "string" || typeof type !== "string") {
    throw REPLY_ERRORS.invalidInput(`${where}: each condition needs SEARCH_FIELD and SEARCH_TYPE`);
  }
  const read = (record: FlatRecord): unknown[] => values(record[field]);
  const upper = type.toUpperCase();
  const compare = (test: (stored: number, bound: number) => boolean): RecordPredicate => {
    const bound = numeric(wanted);
    if (bound === undefined) throw REPLY_ERRORS.invalidInput(`${where}: SEARCH_VALUE of ${upper} must be a number`);
    return (record) => read(record).some((stored) => {
      const number = numeric(stored);
      return number !== undefined && test(number, bound);
    });
  };
  const contains = (record: FlatRecord): boolean =>
    read(record).some((stored) => describeValue(stored).toLowerCase().includes(describeValue(wanted).toLowerCase()));
  switch (upper) {
    case "EQ":
      return (record) => read(record).some((stored) => equal(stored, wanted));
    case "NEQ":
      return (record) => !read(record).some((stored) => equal(stored, wanted));
    case "GT":
      return compare((a, b) => a > b);
    case "LT":
      return compare((a, b) => a < b);
    case "GTE":
      return compare((a, b) => a >= b);
    case "LTE":
      return compare((a, b) => a <= b);
    case "IN":
    case "NIN": {
      const list = values(wanted);
      const hit = (record: FlatRecord): boolean => read(record).some((stored) => list.some((item) => equal(stored, item)));
      return upper === "IN" ? hit : (record) => !hit(record);
    }
    case "CONTAINS":
      return contains;
    case "NCONTAINS":
      return (record) => !contains(record);
    case "ARRAY_CONTAINS":
    case "ARRAY_NOT_CONTAINS": {
      const list = values(wanted);
      const hit = (record: FlatRecord): boolean => list.every((item) => read(record).some((stored) => equal(stored, item)));
      return upper === "ARRAY_CONTAINS" ? hit : (record) => !hit(record);
    }
    case "IS_EMPTY":
      return (record) => read(record).every((stored) => stored === "");
    case "NIS_EMPTY":
      return (record) => read(record).some((stored) => stored !== "");
    case "WILDCARD":
    case "WILDCARD_NOT":
    case "REGEX":
    case "REGEX_MATCH":
    case "REGEX_NOT":
    case "REGEX_NOT_MATCH": {
      const pattern = regex(wanted, upper.startsWith("WILDCARD"));
      const hit = (record: FlatRecord): boolean => read(record).some((stored) => pattern.test(describeValue(stored)));
      return upper.endsWith("NOT") || upper.endsWith("NOT_MATCH") ? (record) => !hit(record) : hit;
    }
    default:
      throw REPLY_ERRORS.invalidInput(`${where}: SEARCH_TYPE '${type}' is not supported by the emulator`);
  }
}

/**
 * Compiles an AND/OR filter tree; `undefined`, `null` or `{}` match everything.
 * @throws ApiError 400 on a malformed tree.
 */
export function compileFilterTree(tree: unknown, where = "filters"): RecordPredicate {
  if (tree === undefined || tree === null) return () => true;
  if (!isJsonObject(tree)) throw REPLY_ERRORS.invalidInput(`${where}: Input should be a valid dictionary`);
  const keys = Object.keys(tree);
  if (keys.length === 0) return () => true;
  if ("SEARCH_FIELD" in tree) return leaf(tree, where);
  if (keys.length !== 1 || (keys[0] !== "AND" && keys[0] !== "OR")) {
    throw REPLY_ERRORS.invalidInput(`${where}: expected a single 'AND' or 'OR' key`);
  }
  const operator = keys[0];
  const children = tree[operator];
  if (!Array.isArray(children)) throw REPLY_ERRORS.invalidInput(`${where}.${operator}: Input should be a valid list`);
  const predicates = children.map((child, index) => compileFilterTree(child, `${where}.${operator}[${index}]`));
  return operator === "AND"
    ? (record) => predicates.every((predicate) => predicate(record))
    : (record) => predicates.some((predicate) => predicate(record));
}

/** Compiles `[{FIELD, ORDER}]` into a comparator; `undefined` when absent. */
export function compileTreeSort(sort: unknown): ((a: FlatRecord, b: FlatRecord) => number) | undefined {
  if (sort === undefined || sort === null) return undefined;
  if (!Array.isArray(sort)) throw REPLY_ERRORS.invalidInput("sort: Input should be a valid list");
  const keys = sort.map((entry: unknown, index) => {
    if (!isJsonObject(entry) || typeof entry["FIELD"] !== "string") throw REPLY_ERRORS.invalidInput(`sort[${index}]: FIELD is required`);
    const order = String(entry["ORDER"] ?? "ASC").toUpperCase();
    if (order !== "ASC" && order !== "DESC") throw REPLY_ERRORS.invalidInput(`sort[${index}]: ORDER must be ASC or DESC`);
    return { field: entry["FIELD"], desc: order === "DESC" };
  });
  return (a, b) => {
    for (const key of keys) {
      const left = a[key.field];
      const right = b[key.field];
      let order: number;
      if (typeof left === "number" && typeof right === "number") order = left - right;
      else {
        const l = describeValue(left ?? "").toLowerCase();
        const r = describeValue(right ?? "").toLowerCase();
        order = l < r ? -1 : l > r ? 1 : 0;
      }
      if (order !== 0) return key.desc ? -order : order;
    }
    return 0;
  };
}
