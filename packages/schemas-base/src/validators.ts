/**
 * Opt-in runtime validators, built with zod 4 from the generated JSON Schemas and returned as
 * Standard Schema objects (`schema["~standard"].validate(value)`).
 *
 * - Request validators are strict: unknown field names, undocumented enum values (operators and sort
 *   keywords compare case-insensitively, as the service does), wrong types and pages larger than the
 *   operation's documented maximum are rejected before a request is sent.
 * - Request validators accept an id (a field named `id`, `*_id`, `*_ids`, `*_id_list`, ...) as a string
 *   or a number, as the service does, whatever type the spec gives it.
 * - AND/OR filter trees (`$anchor`/`$ref` in the JSON Schema) are checked to any depth: each node by the
 *   keys it has (`AND`, `OR`, or a condition's `SEARCH_FIELD`), each condition by its field and search
 *   type, so an error names the wrong field, search type or value and where it sits in the tree.
 * - Response validators are lenient where real tenants differ from the specs: unknown extra fields are
 *   accepted, count and data keys match in either case (`DATA`/`data`, `TOTAL_COUNT`/`total_count`),
 *   ids may be strings or numbers, enum fields accept values the spec does not list, and `null` is
 *   accepted wherever a value is documented. They also accept each class of variation recorded from real
 *   tenants: a single value (a comma-joined string) where a list of values is documented and a list where
 *   one value is documented, lists of lists, an object or a count where a boolean is documented, strings
 *   in lists documented as lists of objects, text in numeric fields, and documented lists that are absent.
 *   They still reject a different object (a reply none of whose fields is documented, or that carries
 *   another list where the documented one is missing), a scalar where an object or a list of objects is
 *   documented, and an object where a value is documented.
 * - Wire validators (`wireRequestValidator`, `wireResponseValidator`) check a whole body as
 *   sent or received, envelope included: a missing `request_data` or `reply` is an error.
 *
 * Validators are built on first use and cached. This module holds the rules and
 * {@link createValidators}; the generated `@cortex-sdk/schemas-<product>/validators` entries and the
 * every-product `@cortex-sdk/schemas/validators` apply them to their own JSON Schemas.
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
  /** A strict validator of the whole request body, envelope included, or `undefined` when nothing is sent. */
  readonly wireRequestValidator: (id: string) => StandardSchemaV1 | undefined;
  /** A lenient validator of the whole reply body, envelope included, or `undefined` for binary replies. */
  readonly wireResponseValidator: (id: string) => StandardSchemaV1 | undefined;
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
  const wireRequestCache = new Map<string, StandardSchemaV1 | undefined>();
  const wireResponseCache = new Map<string, StandardSchemaV1 | undefined>();
  const set: ValidatorSet = {
    requestJsonSchema: (id) => schemas[id]?.request,
    responseJsonSchema: (id) => schemas[id]?.reply,
    requestValidator(id) {
      if (!requestCache.has(id)) {
        const schema = schemas[id]?.request;
        const entry = entryOf(id);
        requestCache.set(id, schema === undefined || entry === undefined ? undefined : withPageLimit(toZod(schema, strict(), ""), entry));
      }
      return requestCache.get(id);
    },
    responseValidator(id) {
      if (!responseCache.has(id)) {
        const schema = schemas[id]?.reply;
        responseCache.set(id, schema === undefined ? undefined : replyRoot(toZod(schema, lenient(), ""), schema));
      }
      return responseCache.get(id);
    },
    wireRequestValidator(id) {
      if (!wireRequestCache.has(id)) {
        const entry = entryOf(id);
        const inner = set.requestValidator(id) as Zod | undefined;
        let wire: StandardSchemaV1 | undefined;
        if (entry !== undefined && entry.requestEnvelope !== "none") {
          const body = inner ?? z.unknown();
          if (entry.requestEnvelope === "bare") wire = body;
          else {
            const siblings = Object.fromEntries((entry.requestSiblings ?? []).map((name) => [name, z.unknown().optional()]));
            wire = z.strictObject({ request_data: body, ...siblings });
          }
        }
        wireRequestCache.set(id, wire);
      }
      return wireRequestCache.get(id);
    },
    wireResponseValidator(id) {
      if (!wireResponseCache.has(id)) {
        const entry = entryOf(id);
        let wire: StandardSchemaV1 | undefined;
        if (entry !== undefined && entry.replyKind !== "binary" && entry.replyKind !== "ndjson") {
          const inner = (set.responseValidator(id) as Zod | undefined) ?? z.unknown();
          switch (entry.replyEnvelope) {
            case "reply":
              wire = z.looseObject({ reply: inner });
              break;
            case "data":
              wire = z.looseObject({ data: inner });
              break;
            case "bare":
              wire = inner;
              break;
            case "empty":
              wire = z.union([z.undefined(), z.null(), z.literal(""), z.strictObject({})]);
          }
        }
        wireResponseCache.set(id, wire);
      }
      return wireResponseCache.get(id);
    },
  };
  return set;
}

interface Mode {
  readonly strict: boolean;
  /** The anchored (recursive) nodes of the schema being built, by `$anchor`: their schema, then their validator. */
  readonly anchors: Map<string, { readonly schema: JsonSchema; zod?: Zod }>;
}
const strict = (): Mode => ({ strict: true, anchors: new Map() });
const lenient = (): Mode => ({ strict: false, anchors: new Map() });
/** The operator keys of the two filter dialects: a field's conditions are told apart by them. */
const OPERATOR_KEYS = ["operator", "SEARCH_TYPE"] as const;

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
  if (schema.$ref !== undefined) {
    // A nested filter tree: the enclosing anchored node, resolved when a value is checked.
    const anchor = schema.$ref.replace(/^#/, "");
    return z.lazy(() => {
      const target = mode.anchors.get(anchor)?.zod;
      if (target === undefined) throw new Error(`validators: ${schema.$ref} refers to no enclosing $anchor`);
      return target;
    });
  }
  if (schema.$anchor !== undefined) mode.anchors.set(schema.$anchor, { schema });
  let out = base(schema, mode, name);
  const types = typesOf(schema);
  if (types.includes("null") || (!mode.strict && name !== "")) out = out.nullable();
  if (schema.$anchor !== undefined) mode.anchors.get(schema.$anchor)!.zod = out;
  return out;
}

/**
 * The keys that pick an alternative of a filter tree node: the required keys of an object, of every
 * alternative of a union, of the anchored node a `$ref` points to; `undefined` when an alternative has none.
 */
function selectorOf(schema: JsonSchema, mode: Mode, seen: ReadonlySet<JsonSchema> = new Set()): ReadonlySet<string> | undefined {
  if (schema.$ref !== undefined) {
    const target = mode.anchors.get(schema.$ref.replace(/^#/, ""))?.schema;
    return target === undefined || seen.has(target) ? undefined : selectorOf(target, mode, new Set([...seen, target]));
  }
  if (schema.anyOf !== undefined && schema.anyOf.length > 0) {
    const parts = schema.anyOf.map((alt) => selectorOf(alt, mode, seen));
    return parts.some((part) => part === undefined) ? undefined : new Set(parts.flatMap((part) => [...part!]));
  }
  return schema.required !== undefined && schema.required.length > 0 ? new Set(schema.required) : undefined;
}

/**
 * A filter tree node (anchored, or with a nested tree among its alternatives) whose alternatives are told
 * apart by the keys an object has (`AND`, `OR`, `SEARCH_FIELD`...): the input is checked against the one
 * alternative its keys select, so an error names the wrong field, search type or value rather than "no
 * alternative matched". `undefined` when the node is not such a tree or its alternatives share keys.
 */
function treeNode(schema: JsonSchema, options: readonly Zod[], mode: Mode): Zod | undefined {
  const alternatives = schema.anyOf ?? [];
  if (schema.$anchor === undefined && !alternatives.some((alt) => alt.$ref !== undefined)) return undefined;
  const selectors = alternatives.map((alt) => selectorOf(alt, mode));
  if (selectors.some((selector) => selector === undefined)) return undefined;
  const keys = selectors.flatMap((selector) => [...selector!]);
  if (new Set(keys).size !== keys.length) return undefined;
  const expected = `expected an object with ${selectors.map((selector) => [...selector!].join(", ")).join("; or with ")}`;
  return z.any().superRefine((input: unknown, ctx) => {
    if (input === null || typeof input !== "object" || Array.isArray(input)) {
      ctx.addIssue({ code: "custom", message: expected });
      return;
    }
    const present = Object.keys(input);
    const chosen = selectors.findIndex((selector) => present.some((key) => selector!.has(key)));
    if (chosen < 0) {
      ctx.addIssue({ code: "custom", message: expected });
      return;
    }
    checkAgainst(options[chosen]!, input, ctx);
  });
}

/** Checks the input against the alternative chosen for it and reports that alternative's issues as the node's own. */
function checkAgainst(chosen: Zod, input: unknown, ctx: z.RefinementCtx): void {
  const result = chosen.safeParse(input);
  if (!result.success) for (const issue of result.error.issues) ctx.addIssue(issue as Parameters<typeof ctx.addIssue>[0]);
}

function base(schema: JsonSchema, mode: Mode, name: string): Zod {
  if (mode.strict && schema.anyOf !== undefined && schema.anyOf.length > 1 && schema.anyOf.some(isNullOnly) && !schema.anyOf.every(isNullOnly)) {
    // A request's "X, or null": X's own checks (a tree's errors name the wrong node), then null. Replies keep
    // taking any value there, as they did (lenient where tenants differ).
    return base({ ...schema, anyOf: schema.anyOf.filter((alt) => !isNullOnly(alt)) }, mode, name).nullable();
  }
  if (schema.anyOf !== undefined && schema.anyOf.length > 0) {
    const options = schema.anyOf.map((alt) => toZod(alt, mode, name));
    if (options.length === 1) return options[0]!;
    const tree = mode.strict ? treeNode(schema, options, mode) : undefined;
    if (tree !== undefined) return tree;
    // A typed filter list's conditions differ by `field`: picking the condition by its field lets the
    // error name what is wrong (the operator, the value) instead of "no alternative matched".
    // A tree's conditions may also take a field the tenant defines: the documented fields are still picked by
    // name, and any other name goes to the tenant-field alternative.
    const tenantIndex = schema.anyOf.findIndex(isTenantDefined);
    const documented = schema.anyOf.filter((_, i) => i !== tenantIndex);
    const documentedOptions = options.filter((_, i) => i !== tenantIndex);
    const key = mode.strict ? discriminatorOf(documented) : undefined;
    if (key !== undefined && documentedOptions.every((o) => o instanceof z.ZodObject && o.shape[key] instanceof z.ZodLiteral)) {
      const byField = z.discriminatedUnion(key, byDiscriminator(key, documented, documentedOptions) as unknown as [z.ZodObject, z.ZodObject, ...z.ZodObject[]]);
      if (tenantIndex < 0) return byField;
      const known = new Set(documented.map((alt) => literalOf(alt, key)));
      const tenantDefined = options[tenantIndex]!;
      return z.any().superRefine((input: unknown, ctx) => {
        const field = input !== null && typeof input === "object" ? (input as Record<string, unknown>)[key] : undefined;
        const chosen = typeof field === "string" && !known.has(field) ? tenantDefined : byField;
        checkAgainst(chosen, input, ctx);
      });
    }
    return z.union(options as [Zod, Zod, ...Zod[]]);
  }
  if (schema.enum !== undefined && schema.enum.length > 0) return enumOf(schema.enum, mode, name);
  const declared = typesOf(schema);
  // `{type: "null"}` alone (an alternative of a union: "a tree, or null") takes only null in a request, not
  // anything; replies keep taking any value there, as they did (lenient where tenants differ).
  if (mode.strict && declared.length === 1 && declared[0] === "null") return z.null();
  const types = declared.filter((t) => t !== "null");
  if (types.length === 0) return schema.properties !== undefined ? objectOf(schema, mode) : z.unknown();
  const options = types.map((type) => single(type, schema, mode, name));
  return options.length === 1 ? options[0]! : z.union(options as [Zod, Zod, ...Zod[]]);
}

/** Whether an alternative takes only null (`{type: "null"}`). */
function isNullOnly(alternative: JsonSchema): boolean {
  const types = typesOf(alternative);
  return types.length === 1 && types[0] === "null" && alternative.anyOf === undefined && alternative.$ref === undefined;
}

/** Whether an alternative names a field the tenant defines (`tenantField` on one of its properties). */
function isTenantDefined(alternative: JsonSchema): boolean {
  return Object.values(alternative.properties ?? {}).some((property) => property.tenantField === true);
}

/**
 * The required property every alternative pins to one value, with at least two different values (`field` in
 * typed filters), if any. Alternatives may share a value (one field, several operator groups).
 */
function discriminatorOf(alternatives: readonly JsonSchema[]): string | undefined {
  const first = alternatives[0]!;
  for (const key of first.required ?? []) {
    const values = alternatives.map((alt) => literalOf(alt, key));
    if (values.every((v) => typeof v === "string") && new Set(values).size > 1) return key;
  }
  return undefined;
}

function literalOf(alternative: JsonSchema, key: string): unknown {
  const property = alternative.properties?.[key];
  return alternative.type === "object" && alternative.required?.includes(key) && property?.enum?.length === 1 ? property.enum[0] : undefined;
}

/**
 * One option per discriminator value. Alternatives that share a value (a filter field whose operators take
 * different values) become one option that picks its alternative by operator (case-insensitively), so the
 * error still names the wrong operator or the wrong value.
 */
function byDiscriminator(key: string, alternatives: readonly JsonSchema[], options: readonly Zod[]): Zod[] {
  const groups = new Map<string, number[]>();
  alternatives.forEach((alt, i) => {
    const value = literalOf(alt, key) as string;
    groups.set(value, [...(groups.get(value) ?? []), i]);
  });
  return [...groups].map(([value, indexes]) => {
    if (indexes.length === 1) return options[indexes[0]!]!;
    const operatorKey = OPERATOR_KEYS.find((candidate) => indexes.every((i) => alternatives[i]!.properties?.[candidate]?.enum !== undefined)) ?? "operator";
    const operatorsOf = (i: number): string[] => ((alternatives[i]!.properties?.[operatorKey]?.enum ?? []) as string[]);
    const byOperator = new Map(indexes.flatMap((i) => operatorsOf(i).map((op) => [op.toLowerCase(), options[i]!] as const)));
    const head = z.looseObject({ [key]: z.literal(value), [operatorKey]: enumOf(indexes.flatMap(operatorsOf), strict(), operatorKey) });
    return head.pipe(
      z.any().superRefine((input: Record<string, unknown>, ctx) => {
        const chosen = byOperator.get(String(input[operatorKey]).toLowerCase())!;
        checkAgainst(chosen, input, ctx);
      }),
    );
  });
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
      if (mode.strict && schema.pattern !== undefined) s = s.regex(new RegExp(schema.pattern), { message: `expected text matching ${schema.pattern}` });
      if (schema.format === "binary") return z.union([s, z.instanceof(Uint8Array), z.custom<Blob>((v) => typeof Blob !== "undefined" && v instanceof Blob)]);
      // The service takes an id as a number or a string, whatever the spec says.
      if (mode.strict) return ID_LIKE.test(name) ? z.union([s, z.number().int()]) : s;
      // Replies: a list where one value is documented (tags as a list where the spec says a string).
      return z.union([s, ...(ID_LIKE.test(name) ? [z.number()] : []), z.array(SCALAR)]);
    }
    case "integer":
    case "number": {
      let n = type === "integer" && mode.strict ? z.number().int() : z.number();
      if (mode.strict && schema.minimum !== undefined) n = n.min(schema.minimum);
      if (mode.strict && schema.maximum !== undefined) n = n.max(schema.maximum);
      if (mode.strict) return ID_LIKE.test(name) ? z.union([n, z.string().regex(/^\d+$/)]) : n;
      // Replies: counts as numeric strings, numeric fields holding other text ("N/A", a date), and lists.
      return z.union([n, z.string(), z.array(SCALAR)]);
    }
    case "boolean":
      // Replies: an object with details, a count or a word ("YES", "succeeded") where a boolean is documented.
      return mode.strict ? z.boolean() : z.union([z.boolean(), z.number(), z.string(), z.record(z.string(), z.unknown())]);
    case "null":
      return z.null();
    case "array": {
      let item = schema.items === undefined ? z.unknown() : toZod(schema.items, mode, name);
      if (mode.strict) {
        let a = z.array(item);
        if (schema.minItems !== undefined) a = a.min(schema.minItems);
        if (schema.maxItems !== undefined) a = a.max(schema.maxItems);
        return a;
      }
      const kind = itemKind(schema.items);
      // Replies: strings in lists documented as lists of objects; lists of lists.
      if (kind === "object") item = z.union([item, z.string()]);
      const list = z.array(z.union([item, z.array(item)]));
      // Replies: one value, or a comma-joined string, where a list of values is documented.
      return kind === "scalar" ? z.union([list, z.string(), z.number()]) : list;
    }
    case "object":
      return objectOf(schema, mode);
  }
}

/** A JSON scalar. */
const SCALAR = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** Whether a list's items are scalars, objects or something else (lists, anything). */
function itemKind(items: JsonSchema | undefined): "scalar" | "object" | "other" {
  if (items === undefined) return "other";
  if (items.anyOf !== undefined && items.anyOf.length > 0) {
    const kinds = new Set(items.anyOf.map(itemKind));
    return kinds.size === 1 ? [...kinds][0]! : "other";
  }
  const types = typesOf(items).filter((t) => t !== "null");
  if (types.length === 0) return items.properties !== undefined ? "object" : items.enum !== undefined ? "scalar" : "other";
  if (types.every((t) => t === "string" || t === "number" || t === "integer" || t === "boolean")) return "scalar";
  return types.every((t) => t === "object") ? "object" : "other";
}

function isList(schema: JsonSchema | undefined): boolean {
  return schema !== undefined && typesOf(schema).includes("array");
}

/**
 * The root of a reply validator: a `{"reply": ...}` wrapper the table does not expect is removed first
 * (as the SDK does), then a different object is rejected: none of its fields is documented, or a
 * documented list of objects is missing while another list of objects stands in its place.
 */
function replyRoot(zod: Zod, schema: JsonSchema): Zod {
  const props = schema.properties ?? {};
  const documented = new Set(Object.keys(props).map((key) => key.toLowerCase()));
  const lists = Object.keys(props).filter((key) => isList(props[key]) && itemKind(props[key]!.items) === "object");
  // Placeholder names (`<query_id>`) and maps document no fixed field names.
  const fixedNames = documented.size > 0 && ![...documented].some((key) => /[<>{}]/.test(key)) && (schema.additionalProperties === undefined || schema.additionalProperties === false);
  const checked = !fixedNames
    ? zod
    : zod.superRefine((value, ctx) => {
        if (value === null || typeof value !== "object" || Array.isArray(value)) return;
        const record = value as Record<string, unknown>;
        const keys = Object.keys(record);
        if (keys.length === 0) return;
        if (!keys.some((key) => documented.has(key.toLowerCase()))) {
          ctx.addIssue({ code: "custom", message: `none of the documented fields (${[...documented].slice(0, 6).join(", ")}${documented.size > 6 ? ", ..." : ""}) is present: this is a different object` });
          return;
        }
        if (lists.length === 0 || lists.some((list) => keys.some((key) => key.toLowerCase() === list.toLowerCase()))) return;
        const stranger = keys.find((key) => !documented.has(key.toLowerCase()) && Array.isArray(record[key]) && (record[key] as unknown[]).some((item) => item !== null && typeof item === "object" && !Array.isArray(item)));
        if (stranger !== undefined) ctx.addIssue({ code: "custom", path: [stranger], message: `a list "${stranger}" stands where ${lists.map((list) => `"${list}"`).join(" or ")} is documented: this is a different operation's reply` });
      });
  // A reply documented as `{"reply": ...}` under a bare envelope reaches the caller unwrapped (the SDK removes
  // the wrapper), so both forms are checked against the documented one.
  if (documented.has("reply")) return z.preprocess((value) => (value !== null && typeof value === "object" && !Array.isArray(value) && "reply" in value ? value : { reply: value }), checked);
  return z.preprocess((value) => (value !== null && typeof value === "object" && !Array.isArray(value) && Object.keys(value).length === 1 && "reply" in value ? (value as { reply: unknown }).reply : value), checked);
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
    // Replies: a documented list may be absent.
    shape[key] = required.has(key) && (mode.strict || !isList(props[key])) ? child : child.optional();
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
