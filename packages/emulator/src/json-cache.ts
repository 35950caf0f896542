/**
 * Serialise-once JSON for records that never change in place. Seeded records
 * are deep-frozen, so a record object always has the same JSON text; a state
 * change replaces the object (and so drops its cached text).
 */

const texts = new WeakMap<object, string>();

/** Freezes a value and everything it contains. @returns the same value. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const nested of Object.values(value)) deepFreeze(nested);
  }
  return value;
}

/** The JSON text of a frozen record, serialised on first use. */
export function cachedJson(record: object): string {
  let text = texts.get(record);
  if (text === undefined) {
    text = JSON.stringify(record);
    // Only frozen records are safe to cache: anything else could change.
    if (Object.isFrozen(record)) texts.set(record, text);
  }
  return text;
}

/** A JSON array of records, each serialised once. */
export function jsonArray(records: readonly object[]): string {
  return `[${records.map(cachedJson).join(",")}]`;
}
