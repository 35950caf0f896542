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

/** A value still to check, and where it sits (the path is only rendered for an error). */
interface Frame {
  readonly value: object;
  readonly parent: Frame | undefined;
  readonly key: string | number;
  readonly depth: number;
}

/** Renders where a value sits, e.g. `request_data.filters[0].value`. */
function pathOf(frame: Frame | undefined, key?: string | number): string {
  const keys: (string | number)[] = key === undefined ? [] : [key];
  for (let at = frame; at !== undefined && at.parent !== undefined; at = at.parent) keys.unshift(at.key);
  let path = "";
  for (const part of keys) path = typeof part === "number" ? `${path}[${part}]` : path === "" ? part : `${path}.${part}`;
  return path === "" ? "body" : path;
}

/**
 * Checks a parsed body against `limits`, iteratively (no recursion, so the depth check itself cannot
 * overflow the stack), touching each value once and allocating only for nested objects and arrays.
 * @throws ApiError - 400 naming the first value out of bounds and the bound.
 */
export function checkRequestBounds(body: unknown, limits: RequestLimits): void {
  if (typeof body === "string" && body.length > limits.maxStringLength) {
    throw REPLY_ERRORS.invalidInput(`body: String should have at most ${limits.maxStringLength} characters`);
  }
  if (typeof body !== "object" || body === null) return;
  const stack: Frame[] = [{ value: body, parent: undefined, key: "", depth: 0 }];
  const child = (frame: Frame, key: string | number, item: unknown): void => {
    if (typeof item === "string") {
      if (item.length > limits.maxStringLength) {
        throw REPLY_ERRORS.invalidInput(`${pathOf(frame, key)}: String should have at most ${limits.maxStringLength} characters`);
      }
    } else if (typeof item === "object" && item !== null) {
      stack.push({ value: item, parent: frame, key, depth: frame.depth + 1 });
    }
  };
  while (stack.length > 0) {
    const frame = stack.pop() as Frame;
    if (frame.depth >= limits.maxDepth) {
      throw REPLY_ERRORS.invalidInput(`${pathOf(frame)}: nesting deeper than ${limits.maxDepth} levels`);
    }
    const value = frame.value;
    if (Array.isArray(value)) {
      if (value.length > limits.maxArrayItems) {
        throw REPLY_ERRORS.invalidInput(`${pathOf(frame)}: List should have at most ${limits.maxArrayItems} items, got ${value.length}`);
      }
      for (let index = 0; index < value.length; index++) child(frame, index, value[index]);
      continue;
    }
    for (const key in value) {
      if (!Object.hasOwn(value, key)) continue;
      if (key.length > limits.maxStringLength) {
        throw REPLY_ERRORS.invalidInput(`${pathOf(frame)}: key should have at most ${limits.maxStringLength} characters`);
      }
      child(frame, key, (value as Record<string, unknown>)[key]);
    }
  }
}
