/**
 * Normalises the operations of the loaded specs into one table: envelopes, reply kinds, pagination,
 * retry safety, async kind, limits, products, ids; then applies the overrides. Anything it cannot
 * classify fails loudly, naming the spec file, method and path.
 */
import type { HttpMethod, OperationEntry, Pagination, Product, ReplyEnvelope, ReplyKind, RequestEnvelope, XsoarVersion } from "../../schemas-base/src/operation.js";
import type { Override, SchemaOverride } from "../src/overrides/types.js";
import { familyProducts, productRules } from "../src/overrides/products.js";
import { PRODUCTS } from "../../schemas-base/src/product-list.js";
import { limits, defaultMaxPageSize } from "../src/overrides/limits.js";
import type { HandAuthoredOperation } from "../src/hand/types.js";
import { SchemaCleaner, cloneNode, type CleanProblem, type Node } from "./clean.js";
import { operationIdFor } from "./ids.js";
import { classifyRetry, classifyAsync } from "./classify.js";
import type { LoadedSpec, SpecFile } from "./specs.js";

const METHODS = ["get", "post", "put", "patch", "delete"] as const;

/** An example embedded in a spec. */
export interface SpecExample {
  /** Spec file. */
  readonly spec: string;
  /** Request or reply. */
  readonly target: "request" | "reply";
  /** Name (`examples` key, `x-examples` key, or `example`). */
  readonly name: string;
  /** The example exactly as in the spec (with its envelope). */
  readonly value: unknown;
}

/** One operation as one spec describes it. */
export interface SpecOperation {
  readonly spec: SpecFile;
  readonly method: HttpMethod;
  readonly path: string;
  readonly operationId?: string;
  readonly group?: string;
  readonly deprecated: boolean;
  readonly license?: string;
  readonly permissions?: readonly string[];
  readonly pathParams: readonly string[];
  readonly queryParams: readonly { name: string; required: boolean }[];
  readonly requestContentType?: "json" | "multipart";
  readonly requestEnvelope: RequestEnvelope;
  readonly requestSiblings: readonly string[];
  /** Schema of the whole body. */
  readonly body?: Node;
  readonly replyEnvelope: ReplyEnvelope;
  readonly replyKind: ReplyKind;
  readonly successStatus: number;
  /** Schema of the whole reply body. */
  readonly replyBody?: Node;
  readonly examples: readonly SpecExample[];
  readonly problems: readonly CleanProblem[];
}

/** A table row under construction. */
export interface TableOperation {
  key: string;
  entry: Mutable<OperationEntry>;
  /** The request as the caller passes it (inside `request_data` when wrapped). */
  request?: Node;
  /** The reply after the envelope is removed. */
  reply?: Node;
  examples: SpecExample[];
  problems: { spec: string; at: string; problem: string }[];
  /** Per-spec views, primary first. */
  views: SpecOperation[];
  /** Pagination the hand-authored Xpanse table gives the same operation. */
  handPagination?: Pagination;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Thrown for anything the generator cannot handle. */
export class GeneratorError extends Error {
  override name = "GeneratorError";
}

function fail(message: string): never {
  throw new GeneratorError(`schemas generator: ${message}`);
}

/** `POST /public_api/v1/x/` → `/public_api/v1/x`. */
export function cleanPath(path: string): string {
  const trimmed = path.replace(/\/+$/, "");
  return trimmed === "" ? "/" : trimmed;
}

/** Licence names stated in an operation description: the bold product names after "license". */
function licenseOf(description: unknown): string | undefined {
  if (typeof description !== "string") return undefined;
  const sentence = /licen[cs]es?\s*:?([^\n]*)/i.exec(description);
  if (sentence === null) return undefined;
  const names = [...sentence[1]!.matchAll(/\*\*\s*([^*]+?)\s*\*\*/g)].map((m) => m[1]!.replace(/[.:,]+$/, "").trim()).filter((n) => /^Cortex\b/.test(n));
  return names.length > 0 ? [...new Set(names)].join(" | ") : undefined;
}

/** JSON media types; `*\/*` and keys that are not media types (example names used as keys by some exports) count as JSON. */
function isMediaJson(key: string): boolean {
  return /json/i.test(key) || key === "*/*" || !key.includes("/");
}

/** Examples under a media type object or a schema (`example`, `examples`, `x-examples`). */
function collectExamples(spec: string, target: "request" | "reply", holder: unknown, into: SpecExample[], prefix = ""): void {
  if (holder === null || typeof holder !== "object") return;
  const h = holder as Record<string, unknown>;
  if (h["example"] !== undefined) into.push({ spec, target, name: `${prefix}example`, value: h["example"] });
  for (const key of ["examples", "x-examples"]) {
    const group = h[key];
    if (group === null || typeof group !== "object" || Array.isArray(group)) continue;
    for (const [name, ex] of Object.entries(group as Record<string, unknown>)) {
      const value = key === "examples" && ex !== null && typeof ex === "object" && "value" in (ex as object) ? (ex as { value: unknown }).value : ex;
      if (key === "examples" && ex !== null && typeof ex === "object" && !("value" in (ex as object))) continue;
      into.push({ spec, target, name: `${prefix}${name}`, value });
    }
  }
}

/** Reads one operation of one spec. */
function readOperation(loaded: LoadedSpec, rawPath: string, method: (typeof METHODS)[number], pathItem: Record<string, unknown>): SpecOperation {
  const { spec, swagger2 } = loaded;
  const op = pathItem[method] as Record<string, unknown>;
  const path = cleanPath(rawPath);
  const where = `${spec.file} ${method.toUpperCase()} ${rawPath}`;
  const cleaner = new SchemaCleaner(loaded.names, loaded.components);
  const examples: SpecExample[] = [];
  const params = [...((pathItem["parameters"] as unknown[]) ?? []), ...((op["parameters"] as unknown[]) ?? [])] as Record<string, unknown>[];
  const pathParams = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
  const queryParams = params.filter((p) => p["in"] === "query").map((p) => ({ name: String(p["name"]), required: p["required"] === true }));
  for (const name of pathParams) {
    if (!params.some((p) => p["in"] === "path" && p["name"] === name)) {
      // Tolerated: several exports forget to declare a path parameter; the path itself names it.
    }
  }

  // Request body.
  let rawBody: unknown;
  let requestContentType: "json" | "multipart" | undefined;
  if (swagger2) {
    const bodyParam = params.find((p) => p["in"] === "body");
    const formParams = params.filter((p) => p["in"] === "formData");
    if (bodyParam !== undefined) {
      rawBody = bodyParam["schema"];
      requestContentType = "json";
      collectExamples(spec.file, "request", bodyParam, examples);
      collectExamples(spec.file, "request", bodyParam["schema"], examples, "schema ");
    } else if (formParams.length > 0) {
      requestContentType = "multipart";
      rawBody = {
        type: "object",
        properties: Object.fromEntries(formParams.map((p) => [String(p["name"]), p["type"] === "file" ? { type: "string", format: "binary" } : { type: p["type"] ?? "string" }])),
        required: formParams.filter((p) => p["required"] === true).map((p) => String(p["name"])),
      };
    }
  } else if (op["requestBody"] !== undefined) {
    const content = ((op["requestBody"] as Record<string, unknown>)["content"] ?? {}) as Record<string, Record<string, unknown>>;
    const keys = Object.keys(content);
    const jsonKey = keys.find(isMediaJson);
    const multipartKey = keys.find((k) => /multipart|form-urlencoded/i.test(k));
    const key = jsonKey ?? multipartKey ?? keys[0];
    if (key !== undefined) {
      rawBody = content[key]!["schema"] ?? {};
      requestContentType = key === multipartKey ? "multipart" : "json";
      for (const k of keys) {
        collectExamples(spec.file, "request", content[k], examples);
        collectExamples(spec.file, "request", content[k]!["schema"], examples, "schema ");
      }
    }
  }
  const body = rawBody === undefined ? undefined : cleaner.clean(rawBody, "/request");

  let requestEnvelope: RequestEnvelope = "none";
  let requestSiblings: string[] = [];
  if (body !== undefined) {
    const rd = body.properties?.["request_data"];
    if (requestContentType === "multipart") requestEnvelope = "bare";
    else if (rd !== undefined) {
      requestEnvelope = typeOf(rd).includes("array") && !typeOf(rd).includes("object") ? "request_data_array" : "request_data";
      requestSiblings = Object.keys(body.properties ?? {}).filter((k) => k !== "request_data");
    } else requestEnvelope = "bare";
  }

  // Reply.
  const responses = (op["responses"] ?? {}) as Record<string, Record<string, unknown>>;
  const success = Object.keys(responses)
    .filter((code) => /^2\d\d$/.test(code))
    .sort()[0];
  if (success === undefined) fail(`${where}: no 2xx response; cannot tell the reply shape`);
  const response = responses[success]!;
  let rawReply: unknown;
  let binary = false;
  if (swagger2) {
    rawReply = response["schema"];
    const produces = (op["produces"] as string[] | undefined) ?? (loaded.doc["produces"] as string[] | undefined) ?? [];
    if (rawReply !== undefined && (rawReply as Record<string, unknown>)["type"] === "file") binary = true;
    if (produces.length > 0 && !produces.some((p) => /json/.test(p)) && rawReply === undefined) binary = true;
    const ex = (response["examples"] ?? {}) as Record<string, unknown>;
    for (const [mt, value] of Object.entries(ex)) if (/json/.test(mt)) examples.push({ spec: spec.file, target: "reply", name: mt, value });
    collectExamples(spec.file, "reply", response["schema"], examples, "schema ");
  } else {
    const content = (response["content"] ?? {}) as Record<string, Record<string, unknown>>;
    const keys = Object.keys(content);
    const jsonKey = keys.find(isMediaJson);
    if (jsonKey !== undefined) {
      rawReply = content[jsonKey]!["schema"] ?? {};
      for (const k of keys.filter(isMediaJson)) {
        collectExamples(spec.file, "reply", content[k], examples);
        collectExamples(spec.file, "reply", content[k]!["schema"], examples, "schema ");
      }
    } else if (keys.length > 0) binary = true;
  }
  const replyBody = rawReply === undefined ? undefined : cleaner.clean(rawReply, "/reply");

  let replyEnvelope: ReplyEnvelope;
  let replyKind: ReplyKind;
  if (binary) {
    replyEnvelope = "bare";
    replyKind = "binary";
  } else if (success === "204" || replyBody === undefined || isEmptySchema(replyBody)) {
    replyEnvelope = success === "204" || replyBody === undefined ? "empty" : "bare";
    replyKind = success === "204" || replyBody === undefined ? "empty" : "object";
  } else {
    const props = replyBody.properties ?? {};
    if (props["reply"] !== undefined) {
      replyEnvelope = "reply";
      replyKind = kindOf(props["reply"], where);
    } else if (Object.keys(props).length === 1 && props["data"] !== undefined && path.startsWith("/platform/")) {
      replyEnvelope = "data";
      replyKind = kindOf(props["data"], where);
    } else {
      replyEnvelope = "bare";
      replyKind = kindOf(replyBody, where);
    }
  }

  const tags = op["tags"] as string[] | undefined;
  const permission = op["x-pan-permission"];
  return {
    spec,
    method: method.toUpperCase() as HttpMethod,
    path,
    ...(typeof op["operationId"] === "string" ? { operationId: op["operationId"] } : {}),
    ...(tags?.[0] !== undefined ? { group: tags[0] } : {}),
    deprecated: op["deprecated"] === true,
    ...(licenseOf(op["description"]) !== undefined ? { license: licenseOf(op["description"])! } : {}),
    ...(typeof permission === "string" ? { permissions: [permission] } : Array.isArray(permission) ? { permissions: permission.map(String) } : {}),
    pathParams,
    queryParams,
    ...(requestContentType !== undefined ? { requestContentType } : {}),
    requestEnvelope,
    requestSiblings,
    ...(body !== undefined ? { body } : {}),
    replyEnvelope,
    replyKind,
    successStatus: Number(success),
    ...(replyBody !== undefined ? { replyBody } : {}),
    examples,
    problems: cleaner.problems,
  };
}

function isEmptySchema(node: Node): boolean {
  return Object.keys(node).filter((k) => k !== "xRef").length === 0 || (node.type === "object" && node.properties !== undefined && Object.keys(node.properties).length === 0 && node.additionalProperties === undefined);
}

/** The list of JSON types a node allows (empty = any). */
export function typeOf(node: Node): string[] {
  if (node.type === undefined) return node.anyOf !== undefined ? node.anyOf.flatMap(typeOf) : [];
  return Array.isArray(node.type) ? node.type : [node.type];
}

function kindOf(node: Node, where: string): ReplyKind {
  const types = typeOf(node).filter((t) => t !== "null");
  if (types.length === 0) return "object";
  if (types.includes("object")) return "object";
  if (types.length === 1) {
    const t = types[0]!;
    if (t === "array") return "array";
    if (t === "boolean") return "boolean";
    if (t === "string") return "string";
    if (t === "integer" || t === "number") return "string";
  }
  if (types.includes("array")) return "array";
  fail(`${where}: cannot tell the reply kind of type ${JSON.stringify(node.type)}`);
}

/** Unwraps a body schema by envelope. */
function unwrapRequest(view: SpecOperation): Node | undefined {
  if (view.body === undefined) return undefined;
  if (view.requestEnvelope === "request_data" || view.requestEnvelope === "request_data_array") return cloneNode(view.body.properties!["request_data"]!);
  return cloneNode(view.body);
}

function unwrapReply(view: SpecOperation): Node | undefined {
  if (view.replyBody === undefined || view.replyKind === "empty" || view.replyKind === "binary") return undefined;
  if (view.replyEnvelope === "reply") return cloneNode(view.replyBody.properties!["reply"]!);
  if (view.replyEnvelope === "data") return cloneNode(view.replyBody.properties!["data"]!);
  return cloneNode(view.replyBody);
}

/** Reads every operation of every loaded spec, minus exclusions. */
export function readAll(specs: readonly LoadedSpec[], overrides: readonly Override[], used: Set<Override>): SpecOperation[] {
  const out: SpecOperation[] = [];
  for (const loaded of specs) {
    const seen = new Set<string>();
    for (const [rawPath, pathItem] of Object.entries(loaded.doc["paths"] as Record<string, Record<string, unknown>>)) {
      for (const key of Object.keys(pathItem)) {
        if (!(METHODS as readonly string[]).includes(key) && !["parameters", "summary", "description", "servers"].includes(key) && !key.startsWith("x-")) {
          fail(`${loaded.spec.file} ${rawPath}: unsupported path item key "${key}"`);
        }
      }
      for (const method of METHODS) {
        if (pathItem[method] === undefined) continue;
        const path = cleanPath(rawPath);
        const key = `${method.toUpperCase()} ${path}`;
        const exclusion = overrides.find((o) => o.kind === "exclude" && o.operation === key && o.spec === loaded.spec.file);
        if (exclusion !== undefined) {
          used.add(exclusion);
          continue;
        }
        if (seen.has(key)) fail(`${loaded.spec.file} ${key}: described twice (with and without a trailing slash)`);
        seen.add(key);
        try {
          out.push(readOperation(loaded, rawPath, method, pathItem));
        } catch (error) {
          if (error instanceof GeneratorError) throw error;
          fail(`${loaded.spec.file} ${key}: ${(error as Error).message}`);
        }
      }
    }
  }
  return out;
}

/** Builds the operation table from the spec views and the hand-authored operations. */
export function buildTable(
  views: readonly SpecOperation[],
  hand: readonly HandAuthoredOperation[],
  overrides: readonly Override[],
  used: Set<Override>,
  options: { readonly requireEveryProductRule?: boolean } = {},
): TableOperation[] {
  // Merge views by method and path; the first spec (SPEC_FILES order) is primary.
  const byKey = new Map<string, SpecOperation[]>();
  for (const view of views) {
    const key = `${view.method} ${view.path}`;
    byKey.set(key, [...(byKey.get(key) ?? []), view]);
  }
  const handByKey = new Map<string, HandAuthoredOperation>();
  for (const op of hand) {
    const key = `${op.method} ${cleanPath(op.path)}`;
    if (handByKey.has(key)) fail(`hand-authored ${key}: listed twice`);
    handByKey.set(key, op);
  }
  const allKeys = [...new Set([...byKey.keys(), ...handByKey.keys()])];
  const methodsOnPath = new Map<string, number>();
  for (const key of allKeys) {
    const path = key.slice(key.indexOf(" ") + 1);
    methodsOnPath.set(path, (methodsOnPath.get(path) ?? 0) + 1);
  }

  const table: TableOperation[] = [];
  for (const key of allKeys) {
    const list = byKey.get(key) ?? [];
    const handOp = handByKey.get(key);
    const space = key.indexOf(" ");
    const method = key.slice(0, space) as HttpMethod;
    const path = key.slice(space + 1);
    const primary = list[0];
    // A hand-authored operation is an XSOAR route when XSOAR serves it outside the Cortex API prefixes.
    const xsoar = primary !== undefined ? primary.spec.family === "xsoar" : handOp !== undefined && handOp.products.includes("xsoar") && !/^\/(public_api|platform)\//.test(path);
    const id = operationIdFor(method, path, xsoar, methodsOnPath.get(path)!);

    let row: TableOperation;
    if (primary !== undefined) {
      row = fromViews(key, id, list);
      if (handOp !== undefined) mergeHand(row, handOp);
    } else {
      row = fromHand(key, id, handOp!);
    }
    table.push(row);
  }

  // Products.
  for (const row of table) applyProducts(row);
  const rulesUsed = new Set<number>();
  for (const row of table) {
    productRules.forEach((rule, index) => {
      const families = rule.families;
      if (row.views.length === 0) return;
      if (families !== undefined && !row.views.some((v) => families.includes(v.spec.family))) return;
      if (!rule.paths.some((prefix) => row.entry.path === prefix.replace(/\/$/, "") || row.entry.path.startsWith(prefix))) return;
      rulesUsed.add(index);
      let products = new Set<Product>(row.entry.products);
      for (const p of rule.add ?? []) products.add(p);
      for (const p of rule.remove ?? []) products.delete(p);
      row.entry.products = order(products);
      if (rule.xsoarVersions !== undefined && products.has("xsoar")) {
        const current = row.views.some((v) => v.spec.family === "xsoar") && rule.families === undefined ? row.entry.xsoarVersions ?? [] : [];
        row.entry.xsoarVersions = [...new Set([...current, ...rule.xsoarVersions])].sort() as XsoarVersion[];
        if (rule.families?.includes("xsoar")) row.entry.xsoarVersions = [...rule.xsoarVersions];
      }
    });
  }
  productRules.forEach((rule, index) => {
    if (options.requireEveryProductRule !== false && !rulesUsed.has(index)) fail(`product rule "${rule.reason}" matches no operation; update src/overrides/products.ts`);
  });

  // Schema overrides first: pagination and async kinds are read from the corrected schemas.
  for (const override of overrides) {
    if (override.kind !== "schema") continue;
    const row = table.find((r) => r.key === override.operation);
    if (row === undefined) fail(`schema override for ${override.operation} matches no operation (${override.reason})`);
    applySchemaOverride(row, override);
    used.add(override);
  }

  // Classification: report every operation that cannot be classified at once.
  const unclassified: string[] = [];
  for (const row of table) {
    try {
      classify(row);
    } catch (error) {
      unclassified.push((error as Error).message.replace(/^schemas generator: /, ""));
    }
  }
  if (unclassified.length > 0) fail(`${unclassified.length} operation(s) cannot be classified:\n  ${unclassified.join("\n  ")}`);

  // Overrides.
  for (const override of overrides) {
    if (override.kind === "brokenRef" || override.kind === "schema") continue;
    if (override.kind === "exclude") {
      if (!used.has(override)) fail(`exclude override for ${override.operation} in ${override.spec} matches no operation (${override.reason})`);
      continue;
    }
    const row = table.find((r) => r.key === override.operation);
    if (row === undefined) fail(`${override.kind} override for ${override.operation} matches no operation (${override.reason})`);
    if (override.kind === "entry") {
      Object.assign(row.entry, override.set);
      if (override.set.limits !== undefined) row.entry.limits = { ...row.entry.limits, ...override.set.limits };
      used.add(override);
    } else if (override.kind === "example") {
      const matched = row.examples.some((e) => e.spec === override.spec && e.target === override.target && (override.example === "*" || e.name === override.example));
      if (!matched) fail(`example override for ${override.operation} ${override.target} "${override.example}" in ${override.spec} matches no example (${override.reason})`);
      used.add(override);
    }
  }

  // Invariants.
  const ids = new Map<string, string>();
  for (const row of table) {
    const other = ids.get(row.entry.id);
    if (other !== undefined) fail(`operation id ${row.entry.id} is given to both ${other} and ${row.key}`);
    ids.set(row.entry.id, row.key);
    if (row.entry.products.length === 0) fail(`${row.key}: no product serves it after the product rules`);
    if (row.entry.products.includes("xsoar") && row.entry.xsoarVersions === undefined) fail(`${row.key}: served by xsoar but no XSOAR version is set`);
    if (!row.entry.products.includes("xsoar")) delete row.entry.xsoarVersions;
  }
  return table.sort((a, b) => (a.entry.id < b.entry.id ? -1 : a.entry.id > b.entry.id ? 1 : 0));
}

function order(products: Iterable<Product>): Product[] {
  const set = new Set(products);
  return PRODUCTS.filter((p) => set.has(p));
}

function applyProducts(row: TableOperation): void {
  const products = new Set<Product>(row.entry.products);
  const versions = new Set<XsoarVersion>(row.entry.xsoarVersions ?? []);
  for (const view of row.views) {
    const family = familyProducts[view.spec.family];
    for (const p of family.products) products.add(p);
    for (const v of family.xsoarVersions ?? []) versions.add(v);
  }
  row.entry.products = order(products);
  if (versions.size > 0) row.entry.xsoarVersions = [...versions].sort();
}

function fromViews(key: string, id: string, list: SpecOperation[]): TableOperation {
  const primary = list[0]!;
  const entry: Mutable<OperationEntry> = {
    id,
    products: [],
    method: primary.method,
    path: primary.path,
    requestEnvelope: primary.requestEnvelope,
    replyEnvelope: primary.replyEnvelope,
    replyKind: primary.replyKind,
    pagination: { kind: "none" },
    retrySafety: "read",
    async: "none",
    limits: {},
  };
  const license = list.find((v) => v.license !== undefined)?.license;
  if (license !== undefined) entry.license = license;
  const permissions = list.find((v) => v.permissions !== undefined)?.permissions;
  if (permissions !== undefined) entry.permissions = permissions;
  if (list.every((v) => v.deprecated)) entry.deprecated = "deprecated by the vendor";
  const operationId = list.find((v) => v.operationId !== undefined)?.operationId;
  if (operationId !== undefined) entry.operationId = operationId;
  entry.sources = list.map((v) => v.spec.file);
  if (primary.group !== undefined) entry.group = primary.group;
  if (primary.pathParams.length > 0) entry.pathParams = primary.pathParams;
  const query = new Map<string, { name: string; required: boolean }>();
  for (const v of list) for (const q of v.queryParams) if (!query.has(q.name)) query.set(q.name, q);
  if (query.size > 0) entry.queryParams = [...query.values()];
  if (primary.requestContentType === "multipart") entry.requestContentType = "multipart";
  if (primary.requestSiblings.length > 0) entry.requestSiblings = primary.requestSiblings;
  if (primary.successStatus !== 200) entry.successStatus = primary.successStatus;
  // One entry per method and path: the request and reply are the union of what every spec documents
  // (a property documented by any spec is accepted; a property is required only if every spec requires it).
  const request = unwrapRequest(primary);
  const reply = unwrapReply(primary);
  if (request !== undefined) relaxFilterValues(request);
  for (const other of list.slice(1)) {
    if (other.requestEnvelope !== primary.requestEnvelope || other.replyEnvelope !== primary.replyEnvelope) continue;
    const otherRequest = unwrapRequest(other);
    const otherReply = unwrapReply(other);
    if (request !== undefined && otherRequest !== undefined) unionInto(request, otherRequest, true);
    if (reply !== undefined && otherReply !== undefined) unionInto(reply, otherReply, true);
  }
  return {
    key,
    entry,
    ...(request !== undefined ? { request } : {}),
    ...(reply !== undefined ? { reply } : {}),
    examples: list.flatMap((v) => v.examples),
    problems: list.flatMap((v) => v.problems.map((p) => ({ spec: v.spec.file, ...p }))),
    views: list,
  };
}

function fromHand(key: string, id: string, op: HandAuthoredOperation): TableOperation {
  if (op.id !== id) fail(`hand-authored ${key}: id "${op.id}" differs from the id rule's "${id}"`);
  const { request, reply, ...rest } = op;
  const entry = structuredClone(rest) as Mutable<OperationEntry>;
  entry.path = cleanPath(entry.path);
  entry.sources = op.sources ?? ["xpanse-reference"];
  return {
    key,
    entry,
    ...(request !== undefined ? { request: cloneNode(request) as Node } : {}),
    ...(reply !== undefined ? { reply: cloneNode(reply) as Node } : {}),
    examples: [],
    problems: [],
    views: [],
  };
}

/** A hand-authored operation also described by a spec: union of products and request fields. */
function mergeHand(row: TableOperation, op: HandAuthoredOperation): void {
  if (op.id !== row.entry.id) fail(`hand-authored ${row.key}: id "${op.id}" differs from the id rule's "${row.entry.id}"`);
  row.entry.products = order([...row.entry.products, ...op.products]);
  row.entry.sources = [...(row.entry.sources ?? []), ...(op.sources ?? ["xpanse-reference"])];
  row.handPagination = op.pagination;
  if (op.limits.maxIdsPerCall !== undefined && row.entry.limits.maxIdsPerCall === undefined) row.entry.limits = { ...row.entry.limits, ...op.limits };
  if (op.request !== undefined && row.request !== undefined) unionInto(row.request, op.request as Node);
  if (op.reply !== undefined && row.reply !== undefined) unionInto(row.reply, op.reply as Node);
}

/**
 * Normalisation rule: in a flat filter list (`filters: [{field, operator, value}]`), the type of `value`
 * depends on the field and operator (a list for `in`, a number for `gte`, a boolean for `starred`), but
 * the specs give one type for all fields, often wrong for some. The value is left untyped; field names
 * and operators stay checked.
 */
export function relaxFilterValues(request: Node): void {
  const visit = (node: Node | undefined): void => {
    if (node === undefined) return;
    const item = node.items;
    const props = item?.properties;
    if (props?.["field"] !== undefined && props["operator"] !== undefined && props["value"] !== undefined) props["value"] = {};
    for (const child of Object.values(node.properties ?? {})) visit(child);
    if (node.items !== undefined) visit(node.items);
    for (const alt of node.anyOf ?? []) visit(alt);
  };
  visit(request);
}

/**
 * Adds the properties and enum values of `extra` missing from `target` (recursively). With
 * `intersectRequired`, a property stays required only if both require it.
 */
function unionInto(target: Node, extra: Node, intersectRequired = false): boolean {
  let changed = false;
  if (extra.enum !== undefined && target.enum !== undefined) {
    const merged = [...new Set([...target.enum, ...extra.enum])];
    changed ||= merged.length !== target.enum.length;
    target.enum = merged;
  }
  if (extra.properties !== undefined && (target.properties !== undefined || target.type === "object" || target.type === undefined)) {
    target.properties ??= {};
    for (const [name, schema] of Object.entries(extra.properties)) {
      const existing = target.properties[name];
      if (existing === undefined) {
        target.properties[name] = cloneNode(schema);
        changed = true;
      } else changed = unionInto(existing, schema, intersectRequired) || changed;
    }
    if (intersectRequired && target.required !== undefined) {
      const other = new Set(extra.required ?? []);
      const kept = target.required.filter((r) => other.has(r));
      changed ||= kept.length !== target.required.length;
      target.required = kept;
      if (target.required.length === 0) delete target.required;
    }
  }
  if (extra.items !== undefined && target.items !== undefined) changed = unionInto(target.items, extra.items, intersectRequired) || changed;
  // A changed node is no longer exactly its component: its type is emitted inline.
  if (changed) delete target.xRef;
  return changed;
}

function classify(row: TableOperation): void {
  const { entry } = row;
  if (row.views.length === 0) return; // hand-authored: classified by hand
  entry.retrySafety = classifyRetry(entry.method, entry.path, row.entry.id);
  entry.async = classifyAsync(row.entry.id, row.reply);
  entry.pagination = paginationOf(row);
  const known = limits[entry.id];
  if (known !== undefined) {
    const { maxIdsPerCall, rateLimit } = known;
    const rest = { ...(maxIdsPerCall !== undefined ? { maxIdsPerCall } : {}), ...(rateLimit !== undefined ? { rateLimit } : {}) };
    entry.limits = { ...entry.limits, ...rest };
  }
  if (entry.id === "api_keys.generate") entry.replyHoldsSecret = true;
}

/** Detects the paging protocol from the request and reply schemas. */
function paginationOf(row: TableOperation): Pagination {
  const req = row.request;
  const props = req?.properties ?? {};
  const reply = row.reply;
  const where = `${row.entry.sources?.[0]} ${row.key}`;
  const hasOffset = props["search_from"] !== undefined || props["search_to"] !== undefined;
  const rootOffset = row.views[0]!.body?.properties?.["search_from"] !== undefined && row.entry.requestEnvelope === "request_data";
  const hasToken = props["use_page_token"] !== undefined || props["next_page_token"] !== undefined || row.handPagination?.kind === "page_token";
  const filterData = props["filter_data"];
  const replyHasArray = Object.values(reply?.properties ?? {}).some((s) => typeOf(s).includes("array"));
  const xsoarPaging = row.views[0]!.spec.family === "xsoar" && totalFieldOf(reply) === "total" && replyHasArray ? pagingObject(req) : undefined;
  if (!hasOffset && !rootOffset && !hasToken && filterData?.properties?.["paging"] === undefined && xsoarPaging === undefined) return { kind: "none" };

  const items = limits[row.entry.id]?.itemsField ?? itemsFieldOf(reply, where);
  const total = totalFieldOf(reply);
  const known = limits[row.entry.id];
  const idField = known?.idField;
  if (hasOffset || rootOffset) {
    const max = known?.maxPageSize ?? numberOf(props["search_to"]?.maximum) ?? defaultMaxPageSize.value;
    return {
      kind: "offset",
      maxPageSize: max,
      itemsField: items,
      ...(total !== undefined ? { totalField: total } : {}),
      ...(idField !== undefined ? { idField } : {}),
      ...(hasToken ? { pageToken: true } : {}),
    };
  }
  if (hasToken) {
    return { kind: "page_token", itemsField: items, ...(total !== undefined ? { totalField: total } : {}), ...(idField !== undefined ? { idField } : {}) };
  }
  if (filterData?.properties?.["paging"] !== undefined) {
    return { kind: "filter_data", maxPageSize: known?.maxPageSize ?? defaultMaxPageSize.value, itemsField: items, ...(total !== undefined ? { totalField: total } : {}), ...(idField !== undefined ? { idField } : {}) };
  }
  return {
    kind: "page_size",
    maxPageSize: known?.maxPageSize ?? defaultMaxPageSize.xsoar,
    itemsField: items,
    ...(total !== undefined ? { totalField: total } : {}),
    ...(idField !== undefined ? { idField } : {}),
    ...(xsoarPaging !== "" && xsoarPaging !== undefined ? { pagingField: xsoarPaging } : {}),
  };
}

/** XSOAR paging: `page` and `size` at the root ("") or in one object property (its name). */
function pagingObject(req: Node | undefined): string | undefined {
  if (req?.properties === undefined) return undefined;
  if (req.properties["page"] !== undefined && req.properties["size"] !== undefined) return "";
  for (const [name, child] of Object.entries(req.properties)) {
    if (child.properties?.["page"] !== undefined && child.properties["size"] !== undefined) return name;
  }
  return undefined;
}

function numberOf(value: unknown): number | undefined {
  return typeof value === "number" ? value : undefined;
}

const ITEM_PREFERENCE = ["data", "DATA", "objects"];

function itemsFieldOf(reply: Node | undefined, where: string): string {
  const props = reply?.properties ?? {};
  const arrays = Object.entries(props)
    .filter(([, s]) => typeOf(s).includes("array"))
    .map(([k]) => k)
    .filter((k) => !/_ids$/.test(k));
  if (arrays.length === 1) return arrays[0]!;
  const ofObjects = arrays.filter((k) => props[k]!.items !== undefined && typeOf(props[k]!.items!).includes("object"));
  if (ofObjects.length === 1) return ofObjects[0]!;
  const preferred = ITEM_PREFERENCE.find((k) => arrays.includes(k));
  if (preferred !== undefined) return preferred;
  if (arrays.length === 0 && props["data"] !== undefined) return "data";
  fail(`${where}: paged, but cannot tell which reply property holds the items (arrays: ${JSON.stringify(arrays)}); set itemsField in src/overrides/limits.ts`);
}

const TOTAL_PREFERENCE = ["total_count", "TOTAL_COUNT", "total", "objects_count", "filter_count", "FILTER_COUNT"];
function totalFieldOf(reply: Node | undefined): string | undefined {
  const props = reply?.properties ?? {};
  const found = TOTAL_PREFERENCE.find((k) => props[k] !== undefined);
  if (found !== undefined) return found;
  const meta = props["metadata"]?.properties ?? {};
  const nested = TOTAL_PREFERENCE.find((k) => meta[k] !== undefined);
  return nested !== undefined ? `metadata.${nested}` : undefined;
}

/** Walks a schema path (`a/[]/b`, `*` = root) to a node and its parent. */
function locate(root: Node, at: string): { parent?: Node; key?: string; node?: Node } {
  if (at === "*" || at === "") return { node: root };
  const steps = at.split("/");
  let node: Node | undefined = root;
  let parent: Node | undefined;
  let key: string | undefined;
  for (const step of steps) {
    if (node === undefined) return {};
    parent = node;
    key = step;
    node = step === "[]" ? node.items : node.properties?.[step];
  }
  return { ...(parent !== undefined ? { parent } : {}), ...(key !== undefined ? { key } : {}), ...(node !== undefined ? { node } : {}) };
}

/** Drops component names along a patched path, so the types of that branch are emitted inline. */
function detach(root: Node, at: string): void {
  delete root.xRef;
  if (at === "*" || at === "") return;
  let node: Node | undefined = root;
  for (const step of at.split("/")) {
    node = step === "[]" ? node?.items : node?.properties?.[step];
    if (node === undefined) return;
    delete node.xRef;
  }
}

function applySchemaOverride(row: TableOperation, override: SchemaOverride): void {
  const base = override.target === "request" ? row.request : row.reply;
  const where = `schema override ${override.operation} ${override.target} at "${override.at}" (${override.reason})`;
  if (base === undefined && !(override.replace !== undefined && (override.at === "*" || override.at === ""))) fail(`${where}: the operation has no ${override.target} schema`);
  if (base === undefined) {
    if (override.target === "request") row.request = cloneNode(override.replace) as Node;
    else row.reply = cloneNode(override.replace) as Node;
    return;
  }
  detach(base, override.at);
  const { parent, key, node } = locate(base, override.at);
  if (override.replace !== undefined) {
    if (override.at === "*" || override.at === "") {
      const replacement = cloneNode(override.replace) as Node;
      for (const k of Object.keys(base)) delete (base as Record<string, unknown>)[k];
      Object.assign(base, replacement);
      return;
    }
    if (parent === undefined || key === undefined) fail(`${where}: path does not exist`);
    if (node === undefined && override.create !== true) fail(`${where}: no node there (set create: true to add a property the spec lacks)`);
    if (node !== undefined && override.create === true) fail(`${where}: create is set but the spec now has the property; drop create`);
    if (key === "[]") parent.items = cloneNode(override.replace) as Node;
    else {
      parent.properties ??= {};
      parent.properties[key] = cloneNode(override.replace) as Node;
    }
    return;
  }
  if (node === undefined) fail(`${where}: path does not exist`);
  if (override.merge !== undefined) Object.assign(node, cloneNode(override.merge));
  if (override.rename !== undefined || override.remove === true) {
    if (parent?.properties === undefined || key === undefined || key === "[]") fail(`${where}: not a property`);
    const renamed: Record<string, Node> = {};
    for (const [name, schema] of Object.entries(parent.properties)) {
      if (name !== key) renamed[name] = schema;
      else if (override.rename !== undefined) renamed[override.rename] = schema;
    }
    parent.properties = renamed;
    if (parent.required !== undefined) {
      parent.required = parent.required.flatMap((r) => (r !== key ? [r] : override.rename !== undefined ? [override.rename] : []));
    }
  }
}
