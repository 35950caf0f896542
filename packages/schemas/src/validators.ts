/**
 * Opt-in runtime validators, built with zod 4 from the generated JSON Schemas and returned as
 * Standard Schema objects (`schema["~standard"].validate(value)`).
 *
 * - Request validators are strict: unknown field names, undocumented enum values (operators and sort
 *   keywords compare case-insensitively, as the service does), wrong types and pages larger than the
 *   operation's documented maximum are rejected before a request is sent.
 * - Response validators are lenient where real tenants differ from the specs: unknown extra fields are
 *   accepted, count and data keys match in either case (`DATA`/`data`, `TOTAL_COUNT`/`total_count`),
 *   ids may be strings or numbers, numbers may arrive as numeric strings, enum fields accept values the
 *   spec does not list, and `null` is accepted wherever a value is documented.
 *
 * Validators are built on first use and cached. This module holds the rules and
 * {@link createValidators}; the entries `@cortex-sdk/schemas/validators` (every product, `validators-all.ts`)
 * and `@cortex-sdk/schemas/validators/<product>` apply them to their own JSON Schemas.
 *
 * @module
 */
import type { StandardSchemaV1 } from "@standard-schema/spec";
import * as z from "zod";
import type { JsonSchema, JsonTypeName, OperationJsonSchemas } from "./json-schema.js";
import type { OperationEntry } from "./operation.js";

/** The validators and JSON Schemas over one set of operations. */
export interface ValidatorSet {
  /** The request JSON Schema of an operation (the content of `request_data` when wrapped). */
  readonly requestJsonSchema: (id: string) => JsonSchema | undefined;
  /** The reply JSON Schema of an operation, after the envelope is removed. */
  readonly responseJsonSchema: (id: string) => JsonSchema | undefined;
  /** A strict request validator, or `undefined` when the operation has no body or is unknown. */
  readonly requestValidator: (id: string) => StandardSchemaV1 | undefined;
  /** A lenient reply validator, or `undefined` when the reply is empty, binary or the id unknown. */
  readonly responseValidator: (id: string) => StandardSchemaV1 | undefined;
}

/**
 * Validators over a set of operations, built on first use and cached.
 *
 * @param schemas - JSON Schemas by operation id.
 * @param operations - The entries of the same operations (for page-size limits).
 * @returns The validator set.
 */
export function createValidators(schemas: Readonly<Record<string, OperationJsonSchemas>>, operations: readonly OperationEntry[]): ValidatorSet {
  const requestCache = new Map<string, StandardSchemaV1 | undefined>();
  const responseCache = new Map<string, StandardSchemaV1 | undefined>();
  let entries: Map<string, OperationEntry> | undefined;
  const entryOf = (id: string): OperationEntry | undefined => {
    entries ??= new Map(operations.map((entry) => [entry.id, entry]));
    return entries.get(id);
  };
  return {
    requestJsonSchema: (id) => schemas[id]?.request,
    responseJsonSchema: (id) => schemas[id]?.reply,
    requestValidator(id) {
      if (!requestCache.has(id)) {
        const schema = schemas[id]?.request;
        const entry = entryOf(id);
        requestCache.set(id, schema === undefined || entry === undefined ? undefined : withPageLimit(toZod(schema, STRICT, ""), entry));
      }
      return requestCache.get(id);
    },
    responseValidator(id) {
      if (!responseCache.has(id)) {
        const schema = schemas[id]?.reply;
        responseCache.set(id, schema === undefined ? undefined : toZod(schema, LENIENT, ""));
      }
      return responseCache.get(id);
    },
  };
}

interface Mode {
  readonly strict: boolean;
}
const STRICT: Mode = { strict: true };
const LENIENT: Mode = { strict: false };

/** Property names whose enum values the service compares case-insensitively. */
const CASE_INSENSITIVE = new Set(["operator", "keyword", "ORDER", "SEARCH_TYPE"]);
const ID_LIKE = /(^id$|_id$|Id$|ID$|_ids$|_id_list$|^ids$|_list$)/;
const NUMERIC = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/;

type Zod = z.ZodType;

function typesOf(schema: JsonSchema): JsonTypeName[] {
  if (schema.type === undefined) return [];
  return typeof schema.type === "string" ? [schema.type] : [...schema.type];
}

function toZod(schema: JsonSchema, mode: Mode, name: string): Zod {
  let out = base(schema, mode, name);
  const types = typesOf(schema);
  if (types.includes("null") || (!mode.strict && name !== "")) out = out.nullable();
  return out;
}

function base(schema: JsonSchema, mode: Mode, name: string): Zod {
  if (schema.anyOf !== undefined && schema.anyOf.length > 0) {
    const options = schema.anyOf.map((alt) => toZod(alt, mode, name));
    return options.length === 1 ? options[0]! : z.union(options as [Zod, Zod, ...Zod[]]);
  }
  if (schema.enum !== undefined && schema.enum.length > 0) return enumOf(schema.enum, mode, name);
  const types = typesOf(schema).filter((t) => t !== "null");
  if (types.length === 0) return schema.properties !== undefined ? objectOf(schema, mode) : z.unknown();
  const options = types.map((type) => single(type, schema, mode, name));
  return options.length === 1 ? options[0]! : z.union(options as [Zod, Zod, ...Zod[]]);
}

function enumOf(values: readonly (string | number | boolean | null)[], mode: Mode, name: string): Zod {
  if (!mode.strict) {
    // Replies: values outside the documented list are common (upper/lower case, new values).
    const kinds = new Set(values.map((v) => (v === null ? "null" : typeof v)));
    const options: Zod[] = [];
    if (kinds.has("string")) options.push(ID_LIKE.test(name) ? z.union([z.string(), z.number()]) : z.string());
    if (kinds.has("number")) options.push(z.union([z.number(), z.string().regex(NUMERIC)]));
    if (kinds.has("boolean")) options.push(z.boolean());
    if (kinds.has("null")) options.push(z.null());
    return options.length === 1 ? options[0]! : z.union(options as [Zod, Zod, ...Zod[]]);
  }
  if (CASE_INSENSITIVE.has(name) && values.every((v) => typeof v === "string")) {
    const allowed = new Set((values as string[]).map((v) => v.toLowerCase()));
    return z.string().refine((v) => allowed.has(v.toLowerCase()), { message: `expected one of ${values.map((v) => JSON.stringify(v)).join(", ")}` });
  }
  const literals = values.map((v) => z.literal(v as string | number | boolean | null));
  return literals.length === 1 ? literals[0]! : z.union(literals as unknown as [Zod, Zod, ...Zod[]]);
}

function single(type: JsonTypeName, schema: JsonSchema, mode: Mode, name: string): Zod {
  switch (type) {
    case "string": {
      let s = z.string();
      if (mode.strict && schema.minLength !== undefined) s = s.min(schema.minLength);
      if (mode.strict && schema.maxLength !== undefined) s = s.max(schema.maxLength);
      if (!mode.strict && ID_LIKE.test(name)) return z.union([s, z.number()]);
      if (schema.format === "binary") return z.union([s, z.instanceof(Uint8Array), z.custom<Blob>((v) => typeof Blob !== "undefined" && v instanceof Blob)]);
      return s;
    }
    case "integer":
    case "number": {
      let n = type === "integer" && mode.strict ? z.number().int() : z.number();
      if (mode.strict && schema.minimum !== undefined) n = n.min(schema.minimum);
      if (mode.strict && schema.maximum !== undefined) n = n.max(schema.maximum);
      if (!mode.strict) return z.union([n, ID_LIKE.test(name) ? z.string() : z.string().regex(NUMERIC)]);
      return n;
    }
    case "boolean":
      return z.boolean();
    case "null":
      return z.null();
    case "array": {
      const item = schema.items === undefined ? z.unknown() : toZod(schema.items, mode, name);
      let a = z.array(item);
      if (mode.strict && schema.minItems !== undefined) a = a.min(schema.minItems);
      if (mode.strict && schema.maxItems !== undefined) a = a.max(schema.maxItems);
      return a;
    }
    case "object":
      return objectOf(schema, mode);
  }
}

function objectOf(schema: JsonSchema, mode: Mode): Zod {
  const props = schema.properties ?? {};
  const names = Object.keys(props);
  const extra = schema.additionalProperties;
  if (names.length === 0) {
    if (extra === false) return mode.strict ? z.strictObject({}) : z.looseObject({});
    const value = extra === undefined || extra === true ? z.unknown() : toZod(extra, mode, "");
    return z.record(z.string(), value);
  }
  const required = new Set(schema.required ?? []);
  const shape: Record<string, Zod> = {};
  for (const key of names) {
    const child = toZod(props[key]!, mode, key);
    shape[key] = required.has(key) ? child : child.optional();
  }
  if (mode.strict) {
    if (extra === undefined || extra === false) return z.strictObject(shape);
    return z.object(shape).catchall(extra === true ? z.unknown() : toZod(extra, mode, ""));
  }
  // Replies: accept `DATA` for `data`, `TOTAL_COUNT` for `total_count` and the reverse.
  const object = z.looseObject(shape);
  return z.preprocess((input) => canonicalKeys(input, names), object);
}

function canonicalKeys(input: unknown, names: readonly string[]): unknown {
  if (input === null || typeof input !== "object" || Array.isArray(input)) return input;
  const record = input as Record<string, unknown>;
  let copy: Record<string, unknown> | undefined;
  for (const name of names) {
    if (name in record) continue;
    const variant = [name.toUpperCase(), name.toLowerCase()].find((v) => v !== name && v in record);
    if (variant === undefined) continue;
    copy ??= { ...record };
    copy[name] = record[variant];
  }
  return copy ?? input;
}

/** Adds the page-size check of paged operations to a request validator. */
function withPageLimit(schema: Zod, entry: OperationEntry): StandardSchemaV1 {
  const paging = entry.pagination;
  if (paging.kind === "none" || paging.kind === "page_token" || paging.kind === "page_size") return schema;
  const max = paging.maxPageSize;
  return schema.superRefine((value, ctx) => {
    if (value === null || typeof value !== "object") return;
    const body = value as Record<string, unknown>;
    if (paging.kind === "offset") {
      const from = typeof body["search_from"] === "number" ? body["search_from"] : 0;
      if (from < 0) ctx.addIssue({ code: "custom", path: ["search_from"], message: "search_from must be 0 or more" });
      if (typeof body["search_to"] === "number") {
        const size = body["search_to"] - from;
        if (size <= 0 || size > max) ctx.addIssue({ code: "custom", path: ["search_to"], message: `page size (search_to - search_from) must be 1 to ${max} for ${entry.id}; got ${size}` });
      }
    } else if (paging.kind === "filter_data") {
      const paging_ = (body["filter_data"] as { paging?: { from?: unknown; to?: unknown } } | undefined)?.paging;
      if (paging_ !== undefined && typeof paging_.to === "number") {
        const size = paging_.to - (typeof paging_.from === "number" ? paging_.from : 0);
        if (size <= 0 || size > max) ctx.addIssue({ code: "custom", path: ["filter_data", "paging", "to"], message: `page size (to - from) must be 1 to ${max} for ${entry.id}; got ${size}` });
      }
    }
    // XSOAR page/size: no documented maximum, so nothing to enforce.
  });
}
