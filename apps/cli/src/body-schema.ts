/**
 * An operation's request body as a user reads it: the fields of its JSON Schema for `--help` (name, type,
 * required marker, allowed values, limits) and, when a body breaks the schema, what to fix, field by field.
 * Only facts of the schema are shown (names, types, enums, limits): the generated schemas carry no prose.
 *
 * @module
 */
import type { JsonSchema } from "@cortex-sdk/schemas-base";

/** A request JSON Schema as `@cortex-sdk/schemas` gives it (`requestJsonSchema(id)`): plain data, no prose. */
export type SchemaNode = JsonSchema;

/** One place where a body breaks its schema (core's `RequestIssue`). */
export interface BodyIssue {
  /** Dotted path to the field, e.g. `update_data.status` or `filters.0.field`; empty for the body itself. */
  readonly path: string;
  /** What is wrong, as the validator says it. */
  readonly message: string;
}

/** Nested objects are listed this deep in help (deeper ones are summarised as `object`). */
const MAX_DEPTH = 3;
/** The type column starts here (help is for 80-column terminals). */
const NAME_WIDTH = 29;
const LINE_WIDTH = 80;

function typesOf(node: SchemaNode): string[] {
  if (node.type === undefined) return [];
  return (typeof node.type === "string" ? [node.type] : [...node.type]).filter((type) => type !== "null");
}

function nullable(node: SchemaNode): boolean {
  return node.type === "null" || (Array.isArray(node.type) && node.type.includes("null")) || node.enum?.includes(null) === true;
}

/**
 * The type of a schema node in words: `string`, `integer`, `list of strings`, `object`, `one of: a, b`, ...
 *
 * @param node - The node.
 * @returns A short description.
 */
export function typeText(node: SchemaNode): string {
  if (node.enum !== undefined && node.enum.length > 0) {
    return `one of: ${node.enum
      .filter((value) => value !== null)
      .map((value) => (typeof value === "string" ? value : JSON.stringify(value)))
      .join(", ")}`;
  }
  if (node.anyOf !== undefined && node.anyOf.length > 0) return [...new Set(node.anyOf.map(typeText))].join(" or ");
  const types = typesOf(node);
  if (types.length === 0) return node.properties !== undefined ? "object" : "any JSON value";
  return types
    .map((type) => {
      if (type !== "array") return type;
      const items = node.items === undefined ? "values" : plural(typeText(node.items));
      return `list of ${items}`;
    })
    .join(" or ");
}

function plural(text: string): string {
  if (text.startsWith("one of:")) return `values (${text})`;
  if (text.startsWith("list of") || text.includes(" or ") || text === "any JSON value") return `(${text})`;
  return `${text}s`;
}

function limitsText(node: SchemaNode): string[] {
  const notes: string[] = [];
  if (node.format !== undefined && node.format !== "binary") notes.push(node.format);
  if (node.minimum !== undefined && node.maximum !== undefined) notes.push(`${node.minimum} to ${node.maximum}`);
  else if (node.minimum !== undefined) notes.push(`at least ${node.minimum}`);
  else if (node.maximum !== undefined) notes.push(`at most ${node.maximum}`);
  if (node.minLength !== undefined && node.minLength > 0) notes.push(`at least ${node.minLength} characters`);
  if (node.maxLength !== undefined) notes.push(`at most ${node.maxLength} characters`);
  if (node.minItems !== undefined && node.minItems > 0) notes.push(`at least ${node.minItems} items`);
  if (node.maxItems !== undefined) notes.push(`at most ${node.maxItems} items`);
  if (node.default !== undefined) notes.push(`default ${JSON.stringify(node.default)}`);
  if (nullable(node)) notes.push("may be null");
  return notes;
}

/** The object whose fields a node lists: itself, or its items for a list of objects (a lone alternative counts). */
function objectOf(node: SchemaNode | undefined): SchemaNode | undefined {
  if (node === undefined) return undefined;
  if (node.properties !== undefined) return node;
  if (node.anyOf?.length === 1) return objectOf(node.anyOf[0]);
  if (node.type === "array" || node.items !== undefined) return objectOf(node.items);
  return undefined;
}

function wrap(first: string, text: string, indent: number): string[] {
  const lines: string[] = [];
  let line = first;
  for (const word of text.split(" ")) {
    if (line.length + word.length > LINE_WIDTH && line.length > indent) {
      lines.push(line.trimEnd());
      line = " ".repeat(indent);
    }
    line += `${word} `;
  }
  lines.push(line.trimEnd());
  return lines;
}

function fieldLines(object: SchemaNode, depth: number, notes: ReadonlyMap<string, string> = new Map()): string[] {
  const required = new Set(object.required ?? []);
  const lines: string[] = [];
  const indent = "  ".repeat(depth + 1);
  for (const [name, node] of Object.entries(object.properties ?? {})) {
    const label = `${indent}${name}${required.has(name) ? " *" : ""}`;
    const note = depth === 0 ? notes.get(name) : undefined;
    const text = [typeText(node), ...limitsText(node), ...(note === undefined ? [] : [note])].join("; ");
    const column = Math.max(NAME_WIDTH, label.length + 2);
    lines.push(...wrap(label.padEnd(column), text, column));
    const inner = objectOf(node);
    if (inner !== undefined && depth + 1 < MAX_DEPTH) lines.push(...fieldLines(inner, depth + 1));
  }
  if (object.additionalProperties !== undefined && object.additionalProperties !== false && Object.keys(object.properties ?? {}).length > 0) {
    lines.push(`${indent}(other fields allowed)`);
  }
  return lines;
}

/**
 * The "Body fields" section of an operation's `--help`: each field with its type, `*` when required,
 * allowed values and limits, nested fields indented under their object or list.
 *
 * @param schema - The request JSON Schema, if the operation takes a body.
 * @param operation - The operation, for fields required on XSOAR 8 only (marked so).
 * @returns The section (starting with a blank line), or an empty string when there is nothing to show.
 */
export function bodyHelp(schema: SchemaNode | undefined, operation?: { readonly requiredOnXsoar8?: { readonly fields: readonly string[]; readonly unlessPresent?: string } }): string {
  if (schema === undefined) return "";
  const heading = "\nBody fields (* required; set with --param name=value or --data JSON):";
  if (schema.anyOf !== undefined && schema.anyOf.some((alternative) => alternative.properties !== undefined)) {
    const count = schema.anyOf.length;
    const shapes = schema.anyOf.map((alternative, index) => [`  shape ${index + 1} of ${count}${alternative.required === undefined ? "" : `: with ${alternative.required.join(", ")}`}`, ...fieldLines(alternative, 1)].join("\n"));
    return `${heading}\n${shapes.join("\n")}`;
  }
  if (schema.properties === undefined || Object.keys(schema.properties).length === 0) {
    return typesOf(schema).length === 0 || schema.properties !== undefined ? "" : `\nBody: ${typeText(schema)} (pass it with --data)`;
  }
  // Fields only XSOAR 8 requires: help does not know the tenant's version, so it says which.
  const rule = operation?.requiredOnXsoar8;
  const notes = new Map((rule?.fields ?? []).map((field) => [field, `required on XSOAR 8${rule?.unlessPresent === undefined ? "" : ` (unless ${rule.unlessPresent} is given)`}`]));
  return `${heading}\n${fieldLines(schema, 0, notes).join("\n")}`;
}

function nodeAt(schema: SchemaNode | undefined, path: readonly string[]): SchemaNode | undefined {
  let node = schema;
  for (const key of path) {
    if (node === undefined) return undefined;
    if (/^\d+$/.test(key) && node.items !== undefined) node = node.items;
    else node = node.properties?.[key] ?? node.anyOf?.find((alternative) => alternative.properties?.[key] !== undefined)?.properties?.[key];
  }
  return node;
}

function valueAt(value: unknown, path: readonly string[]): unknown {
  let node = value;
  for (const key of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

function fieldNames(node: SchemaNode | undefined): string {
  const names = Object.keys(node?.properties ?? {});
  return names.length === 0 ? "none" : names.join(", ");
}

/**
 * What to fix in a body, one line per issue, in words a user can act on: the missing field and how to
 * set it, the allowed values of an enum, the fields an object takes when it got an unknown one, the
 * shapes the body can take.
 *
 * @param issues - The issues (from core's `checkRequest`).
 * @param schema - The request JSON Schema.
 * @param body - The body that was checked.
 * @param pathFlags - Body fields that have their own flag (path parameters), by field name.
 * @returns One line per issue, without the leading indentation.
 */
export function describeBodyIssues(issues: readonly BodyIssue[], schema: SchemaNode | undefined, body: unknown, pathFlags: ReadonlyMap<string, string> = new Map()): string[] {
  return issues.map((issue) => {
    const path = issue.path === "" ? [] : issue.path.split(".");
    const node = nodeAt(schema, path);
    const name = issue.path === "" ? "the body" : issue.path;
    const unknown = /unrecognized keys?:? (.*)$/i.exec(issue.message);
    if (unknown !== null) {
      const keys = (unknown[1] ?? "").replace(/"/g, "");
      return `${issue.path === "" ? "" : `${issue.path}: `}unknown field ${keys}; the fields are: ${fieldNames(node)}`;
    }
    if (issue.message === "required field is missing") {
      const field = path.at(-1) ?? "";
      const flag = pathFlags.get(field);
      const how = flag !== undefined ? `pass ${flag}` : path.some((key) => /^\d+$/.test(key)) ? "put it in --data" : `add --param ${issue.path}=<value> or put it in --data`;
      return `${name}: required field is missing (${node === undefined ? "a value" : typeText(node)}): ${how}`;
    }
    if (path.length === 0 && schema?.anyOf !== undefined) {
      const shapes = schema.anyOf.map((alternative) => (alternative.required === undefined ? fieldNames(alternative) : alternative.required.join(" + ")));
      return `the body matches none of its shapes: it needs ${shapes.join(", or ")}`;
    }
    const value = valueAt(body, path);
    if (node?.enum !== undefined) return `${name}: ${JSON.stringify(value)} is not allowed; ${typeText(node)}`;
    if (node !== undefined && issue.message === "Invalid input") return `${name}: got ${JSON.stringify(value)}; expected ${typeText(node)}`;
    return `${name}: ${issue.message}`;
  });
}
