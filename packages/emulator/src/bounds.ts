/**
 * Size bounds of a parsed request body: no list, string or nesting level may
 * exceed what any documented operation takes. Checked once, before any
 * handler runs, so no handler ever spends long on a hostile body (a filter
 * with a million ids, a nine-megabyte comment, ten thousand nested arrays).
 */
import { REPLY_ERRORS } from "./envelopes.js";

/** Size bounds of a request body (see the README's Limits). */
export interface RequestLimits {
  /** Most items in any one JSON array (id lists, filter values, rows); default {@link DEFAULT_REQUEST_LIMITS}. */
  readonly maxArrayItems: number;
  /** Longest JSON string, in UTF-16 code units (object keys included). */
  readonly maxStringLength: number;
  /** Deepest nesting of arrays and objects. */
  readonly maxDepth: number;
}

/**
 * Defaults. The largest documented lists are 10,000 lookup entries and 1,000
 * endpoints per action; the longest documented text is an XQL query or a
 * script snippet. Nothing documented nests deeper than a handful of levels.
 */
export const DEFAULT_REQUEST_LIMITS: RequestLimits = {
  maxArrayItems: 10_000,
  maxStringLength: 256 * 1024,
  maxDepth: 64,
};

/** Renders the path of a value for an error message, e.g. `request_data.filters[0].value`. */
function pathOf(parent: string, key: string | number): string {
  if (typeof key === "number") return `${parent}[${key}]`;
  return parent === "" ? key : `${parent}.${key}`;
}

/**
 * Checks a parsed body against `limits`, iteratively (no recursion, so the
 * depth check itself cannot overflow the stack).
 * @throws ApiError - 400 naming the first value out of bounds and the bound.
 */
export function checkRequestBounds(body: unknown, limits: RequestLimits): void {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: body, path: "", depth: 0 }];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop() as { value: unknown; path: string; depth: number };
    if (typeof value === "string") {
      if (value.length > limits.maxStringLength) {
        throw REPLY_ERRORS.invalidInput(`${path || "body"}: String should have at most ${limits.maxStringLength} characters`);
      }
      continue;
    }
    if (typeof value !== "object" || value === null) continue;
    if (depth >= limits.maxDepth) {
      throw REPLY_ERRORS.invalidInput(`${path || "body"}: nesting deeper than ${limits.maxDepth} levels`);
    }
    if (Array.isArray(value)) {
      if (value.length > limits.maxArrayItems) {
        throw REPLY_ERRORS.invalidInput(`${path || "body"}: List should have at most ${limits.maxArrayItems} items, got ${value.length}`);
      }
      for (let index = 0; index < value.length; index++) stack.push({ value: value[index], path: pathOf(path, index), depth: depth + 1 });
      continue;
    }
    for (const [key, item] of Object.entries(value)) {
      if (key.length > limits.maxStringLength) {
        throw REPLY_ERRORS.invalidInput(`${path || "body"}: key should have at most ${limits.maxStringLength} characters`);
      }
      stack.push({ value: item, path: pathOf(path, key), depth: depth + 1 });
    }
  }
}
