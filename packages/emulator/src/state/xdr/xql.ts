/**
 * A real subset of XQL, evaluated over rows:
 *
 * ```
 * dataset = <name>
 * | filter <expr>          comparisons = == != <> < > <= >=, contains, in (...), not in (...),
 *                          not contains, and / or / not, parentheses
 * | fields a, b, c
 * | sort [asc|desc] f [asc|desc], ...
 * | limit n
 * | dedup a, b
 * | comp count() [as name] [by a, b]
 * ```
 *
 * Anything else is a syntax error reported as the vendor does: line (1-based),
 * column (0-based, ANTLR style) and a message such as
 * `no viable alternative at input '|alter2'`.
 */

/** One result row. */
export type XqlRow = Record<string, unknown>;

/** A syntax error with the position the vendor reports. */
export class XqlSyntaxError extends Error {
  /** 1-based line. */
  readonly line: number;
  /** 0-based column. */
  readonly column: number;

  /**
   * @param line - 1-based line.
   * @param column - 0-based column.
   * @param message - What is wrong.
   */
  constructor(line: number, column: number, message: string) {
    super(message);
    this.name = "XqlSyntaxError";
    this.line = line;
    this.column = column;
  }
}

interface Token {
  readonly type: "ident" | "number" | "string" | "op" | "pipe" | "comma" | "lparen" | "rparen" | "eof";
  readonly text: string;
  readonly value: string | number;
  readonly line: number;
  readonly column: number;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let line = 1;
  let lineStart = 0;
  let i = 0;
  const push = (type: Token["type"], start: number, end: number, value: string | number): void => {
    tokens.push({ type, text: text.slice(start, end), value, line, column: start - lineStart });
  };
  while (i < text.length) {
    const char = text.charAt(i);
    if (char === "\n") {
      line++;
      i++;
      lineStart = i;
      continue;
    }
    if (/\s/.test(char)) {
      i++;
      continue;
    }
    const start = i;
    if (/[A-Za-z_]/.test(char)) {
      while (i < text.length && /[A-Za-z0-9_.]/.test(text.charAt(i))) i++;
      push("ident", start, i, text.slice(start, i));
    } else if (/[0-9]/.test(char) || (char === "-" && /[0-9]/.test(text.charAt(i + 1)))) {
      i++;
      while (i < text.length && /[0-9.]/.test(text.charAt(i))) i++;
      push("number", start, i, Number(text.slice(start, i)));
    } else if (char === '"' || char === "'") {
      let value = "";
      i++;
      while (i < text.length && text.charAt(i) !== char) {
        if (text.charAt(i) === "\\" && i + 1 < text.length) i++;
        value += text.charAt(i++);
      }
      if (i >= text.length) throw new XqlSyntaxError(line, start - lineStart, `token recognition error at: '${text.slice(start)}'`);
      i++;
      push("string", start, i, value);
    } else if (char === "|") {
      i++;
      push("pipe", start, i, "|");
    } else if (char === ",") {
      i++;
      push("comma", start, i, ",");
    } else if (char === "(") {
      i++;
      push("lparen", start, i, "(");
    } else if (char === ")") {
      i++;
      push("rparen", start, i, ")");
    } else {
      const two = text.slice(i, i + 2);
      const op = ["==", "!=", "<>", "<=", ">="].includes(two) ? two : ["=", "<", ">"].includes(char) ? char : undefined;
      if (op === undefined) throw new XqlSyntaxError(line, start - lineStart, `token recognition error at: '${char}'`);
      i += op.length;
      push("op", start, i, op);
    }
  }
  tokens.push({ type: "eof", text: "<EOF>", value: "", line, column: i - lineStart });
  return tokens;
}

/** A compiled predicate over a row. */
type Predicate = (row: XqlRow) => boolean;

/** One pipeline stage. */
export type XqlStage =
  | { readonly kind: "filter"; readonly predicate: Predicate }
  | { readonly kind: "fields"; readonly names: readonly string[] }
  | { readonly kind: "sort"; readonly keys: readonly { readonly field: string; readonly desc: boolean }[] }
  | { readonly kind: "limit"; readonly count: number }
  | { readonly kind: "dedup"; readonly fields: readonly string[] }
  | { readonly kind: "comp"; readonly alias: string; readonly by: readonly string[] };

/** A parsed query. */
export interface XqlQuery {
  /** Dataset name as written. */
  readonly dataset: string;
  /** Stages in order. */
  readonly stages: readonly XqlStage[];
}

type Literal = string | number | boolean | null;

function numeric(value: unknown): number | undefined {
  if (typeof value === "number") return value;
  if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

function equals(value: unknown, literal: Literal): boolean {
  if (Array.isArray(value)) return value.some((item) => equals(item, literal));
  if (literal === null) return value === null || value === undefined;
  if (value === null || value === undefined) return false;
  if (typeof literal === "number") return numeric(value) === literal;
  if (typeof literal === "boolean") return value === literal || String(value) === String(literal);
  return String(value) === literal;
}

function order(value: unknown, literal: Literal): number | undefined {
  if (value === null || value === undefined || literal === null) return undefined;
  const a = numeric(value);
  const b = numeric(literal);
  if (a !== undefined && b !== undefined && typeof literal === "number") return a - b;
  const left = String(value);
  const right = String(literal);
  return left < right ? -1 : left > right ? 1 : 0;
}

function contains(value: unknown, literal: Literal): boolean {
  if (Array.isArray(value)) return value.some((item) => contains(item, literal));
  if (value === null || value === undefined || literal === null) return false;
  return String(value).includes(String(literal));
}

class Parser {
  readonly #tokens: Token[];
  #at = 0;

  constructor(text: string) {
    this.#tokens = tokenize(text);
  }

  #peek(): Token {
    return this.#tokens[this.#at] ?? (this.#tokens[this.#tokens.length - 1] as Token);
  }

  #next(): Token {
    const token = this.#peek();
    if (token.type !== "eof") this.#at++;
    return token;
  }

  #fail(token: Token = this.#peek(), input: string = token.text): never {
    throw new XqlSyntaxError(token.line, token.column, `no viable alternative at input '${input}'`);
  }

  #isWord(word: string, token: Token = this.#peek()): boolean {
    return token.type === "ident" && token.text.toLowerCase() === word;
  }

  #word(word: string): Token {
    if (!this.#isWord(word)) this.#fail();
    return this.#next();
  }

  #ident(): string {
    const token = this.#peek();
    if (token.type !== "ident") this.#fail();
    return String(this.#next().value);
  }

  #identList(): string[] {
    const names = [this.#ident()];
    while (this.#peek().type === "comma") {
      this.#next();
      names.push(this.#ident());
    }
    return names;
  }

  parse(): XqlQuery {
    this.#word("dataset");
    const equalsSign = this.#peek();
    if (equalsSign.type !== "op" || (equalsSign.value !== "=" && equalsSign.value !== "==")) this.#fail();
    this.#next();
    const dataset = this.#ident();
    const stages: XqlStage[] = [];
    while (this.#peek().type === "pipe") {
      const pipe = this.#next();
      const name = this.#peek();
      if (name.type !== "ident") this.#fail(pipe, `|${name.text}`);
      stages.push(this.#stage(pipe, name));
    }
    if (this.#peek().type !== "eof") this.#fail();
    return { dataset, stages };
  }

  #stage(pipe: Token, name: Token): XqlStage {
    switch (name.text.toLowerCase()) {
      case "filter":
        this.#next();
        return { kind: "filter", predicate: this.#or() };
      case "fields":
        this.#next();
        return { kind: "fields", names: this.#identList() };
      case "sort":
        this.#next();
        return { kind: "sort", keys: this.#sortKeys() };
      case "limit": {
        this.#next();
        const count = this.#peek();
        if (count.type !== "number" || !Number.isSafeInteger(count.value) || (count.value as number) < 0) this.#fail();
        this.#next();
        return { kind: "limit", count: count.value as number };
      }
      case "dedup":
        this.#next();
        return { kind: "dedup", fields: this.#identList() };
      case "comp":
        this.#next();
        return this.#comp();
      default:
        return this.#fail(pipe, `|${name.text}`);
    }
  }

  #sortKeys(): { field: string; desc: boolean }[] {
    const keys: { field: string; desc: boolean }[] = [];
    for (;;) {
      let desc: boolean | undefined;
      if (this.#isWord("asc") || this.#isWord("desc")) desc = this.#next().text.toLowerCase() === "desc";
      const field = this.#ident();
      if (desc === undefined && (this.#isWord("asc") || this.#isWord("desc"))) desc = this.#next().text.toLowerCase() === "desc";
      keys.push({ field, desc: desc ?? false });
      if (this.#peek().type !== "comma") return keys;
      this.#next();
    }
  }

  #comp(): XqlStage {
    const fn = this.#peek();
    if (!this.#isWord("count")) this.#fail(fn);
    this.#next();
    if (this.#peek().type !== "lparen") this.#fail();
    this.#next();
    if (this.#peek().type !== "rparen") this.#fail();
    this.#next();
    let alias = "count";
    if (this.#isWord("as")) {
      this.#next();
      alias = this.#ident();
    }
    let by: string[] = [];
    if (this.#isWord("by")) {
      this.#next();
      by = this.#identList();
    }
    return { kind: "comp", alias, by };
  }

  #or(): Predicate {
    let left = this.#and();
    while (this.#isWord("or")) {
      this.#next();
      const a = left;
      const b = this.#and();
      left = (row) => a(row) || b(row);
    }
    return left;
  }

  #and(): Predicate {
    let left = this.#not();
    while (this.#isWord("and")) {
      this.#next();
      const a = left;
      const b = this.#not();
      left = (row) => a(row) && b(row);
    }
    return left;
  }

  #not(): Predicate {
    if (this.#isWord("not")) {
      this.#next();
      const inner = this.#not();
      return (row) => !inner(row);
    }
    if (this.#peek().type === "lparen") {
      this.#next();
      const inner = this.#or();
      if (this.#peek().type !== "rparen") this.#fail();
      this.#next();
      return inner;
    }
    return this.#comparison();
  }

  #literal(): Literal {
    const token = this.#peek();
    if (token.type === "string" || token.type === "number") {
      this.#next();
      return token.value;
    }
    if (token.type === "ident") {
      const word = token.text.toLowerCase();
      if (word === "true" || word === "false") {
        this.#next();
        return word === "true";
      }
      if (word === "null") {
        this.#next();
        return null;
      }
    }
    return this.#fail();
  }

  #comparison(): Predicate {
    const field = this.#ident();
    const get = (row: XqlRow): unknown => row[field];
    let negate = false;
    if (this.#isWord("not")) {
      this.#next();
      negate = true;
      if (!this.#isWord("in") && !this.#isWord("contains")) this.#fail();
    }
    let predicate: Predicate;
    if (this.#isWord("contains")) {
      this.#next();
      const literal = this.#literal();
      predicate = (row) => contains(get(row), literal);
    } else if (this.#isWord("in")) {
      this.#next();
      if (this.#peek().type !== "lparen") this.#fail();
      this.#next();
      const values = [this.#literal()];
      while (this.#peek().type === "comma") {
        this.#next();
        values.push(this.#literal());
      }
      if (this.#peek().type !== "rparen") this.#fail();
      this.#next();
      predicate = (row) => values.some((value) => equals(get(row), value));
    } else {
      const op = this.#peek();
      if (op.type !== "op") this.#fail();
      this.#next();
      const literal = this.#literal();
      switch (op.value) {
        case "=":
        case "==":
          predicate = (row) => equals(get(row), literal);
          break;
        case "!=":
        case "<>":
          predicate = (row) => !equals(get(row), literal);
          break;
        default: {
          const test: (n: number) => boolean =
            op.value === "<" ? (n) => n < 0 : op.value === ">" ? (n) => n > 0 : op.value === "<=" ? (n) => n <= 0 : (n) => n >= 0;
          predicate = (row) => {
            const n = order(get(row), literal);
            return n !== undefined && test(n);
          };
        }
      }
    }
    return negate ? (row) => !predicate(row) : predicate;
  }
}

/**
 * Parses a query.
 * @throws XqlSyntaxError on anything outside the subset.
 */
export function parseXql(text: string): XqlQuery {
  return new Parser(text).parse();
}

function compareValues(a: unknown, b: unknown): number {
  const aNull = a === null || a === undefined;
  const bNull = b === null || b === undefined;
  if (aNull || bNull) return aNull === bNull ? 0 : aNull ? -1 : 1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  const left = String(a);
  const right = String(b);
  return left < right ? -1 : left > right ? 1 : 0;
}

/** Runs a parsed query's stages over the dataset's rows (which are not changed). */
export function runXql(query: XqlQuery, rows: readonly XqlRow[]): XqlRow[] {
  let current: XqlRow[] = [...rows];
  for (const stage of query.stages) {
    switch (stage.kind) {
      case "filter":
        current = current.filter(stage.predicate);
        break;
      case "fields":
        current = current.map((row) => Object.fromEntries(stage.names.map((name) => [name, row[name] ?? null])));
        break;
      case "sort":
        current = [...current].sort((a, b) => {
          for (const key of stage.keys) {
            const n = compareValues(a[key.field], b[key.field]);
            if (n !== 0) return key.desc ? -n : n;
          }
          return 0;
        });
        break;
      case "limit":
        current = current.slice(0, stage.count);
        break;
      case "dedup": {
        const seen = new Set<string>();
        current = current.filter((row) => {
          const key = JSON.stringify(stage.fields.map((field) => row[field] ?? null));
          if (seen.has(key)) return false;
          seen.add(key);
          return true;
        });
        break;
      }
      case "comp": {
        const groups = new Map<string, XqlRow>();
        for (const row of current) {
          const values = stage.by.map((field) => row[field] ?? null);
          const key = JSON.stringify(values);
          let group = groups.get(key);
          if (group === undefined) {
            group = Object.fromEntries(stage.by.map((field, index) => [field, values[index]]));
            group[stage.alias] = 0;
            groups.set(key, group);
          }
          group[stage.alias] = (group[stage.alias] as number) + 1;
        }
        current = [...groups.values()];
        break;
      }
    }
  }
  return current;
}
