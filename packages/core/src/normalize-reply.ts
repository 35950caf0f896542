/**
 * Reply normalisation: brings every successful JSON reply to the shape its type documents, following the
 * rules of `@cortex-sdk/schemas-base/replies` (data, one reason each).
 *
 * - Count and data keys have one spelling, lower case: `data`, `total_count`, `filter_count`,
 *   `result_count`, at the top of the reply and in the objects directly below it (`metadata`). Tenants
 *   send `DATA`/`TOTAL_COUNT`/`FILTER_COUNT` on some endpoints and lower case on others; whichever
 *   arrives, the lower-case key is the enumerable one (so JSON output is not doubled) and the upper-case
 *   spelling stays readable, and writable, as a non-enumerable alias of the same value. A copy made with
 *   spread or `JSON.parse(JSON.stringify(...))` keeps the lower-case key only.
 * - Documented nodes that real tenants send in another shape are coerced back (a comma-joined string
 *   where a list is documented, a numeric string where a count is documented, an absent list).
 *
 * The reply is changed in place: it was parsed for this call and nobody else holds it.
 *
 * @module
 */
import type { OperationEntry } from "@cortex-sdk/schemas-base";
import { appliedReplyNormalisation, type ReplyCoercion } from "@cortex-sdk/schemas-base/replies";

/** Name of the pipeline step that applies {@link normalizeReply}. */
export const NORMALIZE_REPLY_STEP = "normalizeReply";

/** A rule with its path split (`@items` is resolved per operation). */
interface CompiledRule {
  readonly path: readonly string[];
  readonly coerce: ReplyCoercion;
}

/** Lower-case key → its upper-case alias. */
const FOLDS: ReadonlyMap<string, string> = new Map(appliedReplyNormalisation.foldKeys.map((key) => [key, key.toUpperCase()]));
/** Upper-case spelling → lower-case key. */
const UNFOLDS: ReadonlyMap<string, string> = new Map(appliedReplyNormalisation.foldKeys.map((key) => [key.toUpperCase(), key]));

const EVERY_OPERATION: CompiledRule[] = [];
const BY_OPERATION = new Map<string, CompiledRule[]>();
for (const rule of appliedReplyNormalisation.rules) {
  const compiled: CompiledRule = { path: rule.at.split("/"), coerce: rule.coerce };
  if (rule.operation === "*") EVERY_OPERATION.push(compiled);
  else BY_OPERATION.set(rule.operation, [...(BY_OPERATION.get(rule.operation) ?? []), compiled]);
}

const NUMERIC = /^-?\d+(\.\d+)?$/;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object") return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

// One accessor pair per alias, made once: every reply's alias shares the same getter and setter, so objects
// that get the same aliases keep sharing one hidden class instead of each getting fresh closures.
const ALIAS_DESCRIPTORS = new Map<string, PropertyDescriptor>();

function aliasDescriptor(key: string): PropertyDescriptor {
  let descriptor = ALIAS_DESCRIPTORS.get(key);
  if (descriptor === undefined) {
    descriptor = {
      get(this: Record<string, unknown>) {
        return this[key];
      },
      set(this: Record<string, unknown>, value: unknown) {
        this[key] = value;
      },
      enumerable: false,
      configurable: true,
    };
    ALIAS_DESCRIPTORS.set(key, descriptor);
  }
  return descriptor;
}

function defineAlias(record: Record<string, unknown>, alias: string, key: string): void {
  Object.defineProperty(record, alias, aliasDescriptor(key));
}

/**
 * Folds the count and data keys of one object to lower case, leaving the upper-case spelling as an alias.
 *
 * @param record - The object (changed in place).
 */
function foldKeysOf(record: Record<string, unknown>): void {
  for (const key of Object.keys(record)) {
    const lower = UNFOLDS.get(key);
    if (lower !== undefined && !Object.prototype.hasOwnProperty.call(record, lower)) {
      const value = record[key];
      delete record[key];
      record[lower] = value;
      defineAlias(record, key, lower);
      continue;
    }
    const upper = FOLDS.get(key);
    if (upper !== undefined && !Object.prototype.hasOwnProperty.call(record, upper)) defineAlias(record, upper, key);
  }
}

function coerceValue(value: unknown, coerce: ReplyCoercion): unknown {
  switch (coerce) {
    case "split_comma":
      return typeof value === "string" ? value.split(",").map((part) => part.trim()).filter((part) => part !== "") : value;
    case "wrap_array":
      return value === undefined || value === null || Array.isArray(value) ? value : [value];
    case "flatten":
      return Array.isArray(value) && value.some(Array.isArray) ? (value as unknown[]).flat(1) : value;
    case "number":
      return typeof value === "string" && NUMERIC.test(value.trim()) ? Number(value) : value;
    case "empty_array":
      return value === undefined || value === null ? [] : value;
    case "fold_keys":
      return value;
  }
}

// Applies one rule; returns whether it changed a node (a coerced value, or a list it created).
function applyAt(node: unknown, path: readonly string[], index: number, coerce: ReplyCoercion): boolean {
  const step = path[index];
  if (step === undefined) return false;
  if (step === "[]") {
    let changed = false;
    if (Array.isArray(node)) for (const item of node) changed = applyAt(item, path, index + 1, coerce) || changed;
    return changed;
  }
  if (!isPlainObject(node)) return false;
  if (index < path.length - 1) return applyAt(node[step], path, index + 1, coerce);
  if (coerce === "fold_keys") {
    const target = node[step];
    if (isPlainObject(target)) foldKeysOf(target);
    return false;
  }
  const before = node[step];
  const after = coerceValue(before, coerce);
  // An absent optional node stays absent unless the rule creates it (empty_array).
  if (after === before) return false;
  node[step] = after;
  return true;
}

function itemsFieldOf(operation: OperationEntry): string | undefined {
  const paging = operation.pagination;
  if (paging.kind === "none") return undefined;
  return UNFOLDS.get(paging.itemsField) ?? paging.itemsField;
}

// The rules of one operation with `@items` resolved, worked out on its first reply.
const RULES_OF = new WeakMap<OperationEntry, readonly CompiledRule[]>();

function rulesOf(operation: OperationEntry): readonly CompiledRule[] {
  let rules = RULES_OF.get(operation);
  if (rules === undefined) {
    const own = BY_OPERATION.get(operation.id) ?? [];
    const items = itemsFieldOf(operation);
    rules = [...EVERY_OPERATION, ...own].flatMap((rule): CompiledRule[] => {
      if (rule.path[0] !== "@items") return [rule];
      return items === undefined ? [] : [{ path: [items, ...rule.path.slice(1)], coerce: rule.coerce }];
    });
    RULES_OF.set(operation, rules);
  }
  return rules;
}

/**
 * Brings a successful reply (envelope removed) to its documented shape: see the module comment.
 *
 * @param operation - The operation that answered.
 * @param value - The parsed reply; objects are changed in place.
 * @returns The reply (the same object, or a coerced replacement of a scalar).
 */
export function normalizeReply(operation: OperationEntry, value: unknown): unknown {
  const object = isPlainObject(value);
  if (!object && !Array.isArray(value)) return value;
  if (object) {
    foldKeysOf(value);
    for (const child of Object.values(value)) if (child !== null && typeof child === "object" && isPlainObject(child)) foldKeysOf(child);
  }
  let changed = false;
  for (const rule of rulesOf(operation)) changed = applyAt(value, rule.path, 0, rule.coerce) || changed;
  // A list a rule created (`empty_array`) gets its alias too.
  if (object && changed) foldKeysOf(value);
  return value;
}
