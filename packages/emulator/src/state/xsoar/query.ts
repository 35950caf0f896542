/**
 * The subset of XSOAR's Lucene-like `filter.query` the emulator understands
 * (reference xsoar-xpanse-cloud §2.5):
 *
 * - terms separated by spaces are AND-ed (`and`/`AND` between them is allowed);
 * - `or`/`OR` between terms separates alternatives (AND binds tighter);
 * - `-field:value` (or `NOT field:value`) negates a term;
 * - `field:"quoted value"`, `field:val*` (wildcards `*`, `?`), `field:>=3` / `>` / `<` / `<=`
 *   (numbers, and ISO times for time fields);
 * - a bare word matches records whose text fields contain it.
 *
 * Values compare case-insensitively. Parentheses and field groups are not
 * supported: they answer 400 rather than a silently wrong result.
 */
import { ApiError } from "../../envelopes.js";

/** A comparable value of a record field. */
export type QueryValue = string | number | boolean;

/** How a query reads records of one kind. */
export interface QuerySchema<T> {
  /**
   * The values of `field` for a record (lower-case field name), or `undefined`
   * when the kind has no such field (such a term matches nothing).
   */
  readonly field: (record: T, field: string) => readonly QueryValue[] | undefined;
  /** Maps a query value for a field to the stored form (e.g. `closed` → 2). */
  readonly alias?: (field: string, value: string) => QueryValue;
  /** Text searched by bare words. */
  readonly text: (record: T) => string;
}

type Operator = ":" | ">" | "<" | ">=" | "<=";

interface Term {
  readonly negate: boolean;
  readonly field: string | undefined;
  readonly operator: Operator;
  readonly value: string;
}

/** A 400 in XSOAR's envelope for a query it cannot parse. */
function badQuery(query: string, why: string): ApiError {
  return new ApiError(400, "Bad Request", `Invalid query '${query}': ${why}`);
}

function tokenize(query: string): string[] {
  const tokens: string[] = [];
  let current = "";
  let quoted = false;
  for (const char of query) {
    if (char === '"') {
      quoted = !quoted;
      current += char;
    } else if (!quoted && /\s/.test(char)) {
      if (current !== "") tokens.push(current);
      current = "";
    } else {
      current += char;
    }
  }
  if (quoted) throw badQuery(query, "unterminated quote");
  if (current !== "") tokens.push(current);
  return tokens;
}

function unquote(value: string): string {
  return value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
}

function parseTerm(token: string, negate: boolean, query: string): Term {
  let text = token;
  let neg = negate;
  if (text.startsWith("-") && text.length > 1) {
    neg = !neg;
    text = text.slice(1);
  }
  if (/[()]/.test(text.replace(/"[^"]*"/g, ""))) throw badQuery(query, "parentheses are not supported");
  const colon = text.startsWith('"') ? -1 : text.indexOf(":");
  if (colon <= 0) return { negate: neg, field: undefined, operator: ":", value: unquote(text) };
  const field = text.slice(0, colon).toLowerCase();
  let rest = text.slice(colon + 1);
  let operator: Operator = ":";
  for (const candidate of [">=", "<=", ">", "<"] as const) {
    if (rest.startsWith(candidate)) {
      operator = candidate;
      rest = rest.slice(candidate.length);
      break;
    }
  }
  if (rest === "") throw badQuery(query, `no value for '${field}'`);
  return { negate: neg, field, operator, value: unquote(rest) };
}

/** Parses a query into OR-ed groups of AND-ed terms. */
function parse(query: string): Term[][] {
  const groups: Term[][] = [[]];
  let negateNext = false;
  for (const token of tokenize(query)) {
    const upper = token.toUpperCase();
    if (upper === "AND") continue;
    if (upper === "NOT") {
      negateNext = !negateNext;
      continue;
    }
    if (upper === "OR") {
      groups.push([]);
      continue;
    }
    groups[groups.length - 1]?.push(parseTerm(token, negateNext, query));
    negateNext = false;
  }
  return groups.filter((group) => group.length > 0);
}

function globRegex(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${escaped}$`, "i");
}

function asNumber(value: QueryValue): number | undefined {
  if (typeof value === "number") return value;
  if (typeof value !== "string" || value.trim() === "") return undefined;
  const number = Number(value);
  if (Number.isFinite(number)) return number;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : time;
}

function valueMatches(stored: QueryValue, operator: Operator, wanted: QueryValue, glob: RegExp | undefined): boolean {
  if (operator !== ":") {
    const left = asNumber(stored);
    const right = asNumber(wanted);
    if (left === undefined || right === undefined) return false;
    switch (operator) {
      case ">":
        return left > right;
      case "<":
        return left < right;
      case ">=":
        return left >= right;
      case "<=":
        return left <= right;
    }
  }
  if (glob !== undefined) return glob.test(String(stored));
  if (typeof stored === "number" || typeof wanted === "number") {
    const left = asNumber(stored);
    const right = asNumber(wanted);
    return left !== undefined && right !== undefined && left === right;
  }
  return String(stored).toLowerCase() === String(wanted).toLowerCase();
}

/**
 * Compiles a query into a predicate. An empty or absent query matches everything.
 * @throws ApiError 400 on syntax the emulator does not support.
 */
export function compileXsoarQuery<T>(query: unknown, schema: QuerySchema<T>): (record: T) => boolean {
  if (query === undefined || query === null || query === "") return () => true;
  if (typeof query !== "string") throw new ApiError(400, "Bad Request", "filter.query must be a string");
  const groups = parse(query);
  if (groups.length === 0) return () => true;
  const compiled = groups.map((group) =>
    group.map((term) => {
      if (term.field === undefined) {
        const needle = term.value.toLowerCase();
        return (record: T): boolean => schema.text(record).toLowerCase().includes(needle) !== term.negate;
      }
      const field = term.field;
      const wanted = schema.alias?.(field, term.value) ?? term.value;
      const glob = typeof wanted === "string" && /[*?]/.test(wanted) ? globRegex(wanted) : undefined;
      return (record: T): boolean => {
        const values = schema.field(record, field) ?? [];
        return values.some((stored) => valueMatches(stored, term.operator, wanted, glob)) !== term.negate;
      };
    }),
  );
  return (record) => compiled.some((group) => group.every((predicate) => predicate(record)));
}
