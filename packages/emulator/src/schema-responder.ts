/**
 * The default generic operation layer, built on the `@cortex-sdk/schemas`
 * operation table: every operation a tenant's product serves is resolved,
 * checked with the generated strict request validator, and answered with a
 * deterministic, schema-valid reply synthesised from the reply's JSON Schema
 * (seeded by the tenant seed and the operation id). Operations with a specific
 * handler keep their handler; this layer then only validates.
 *
 * No vendor prose or spec example is copied: replies are built from types,
 * formats, enums and property names only.
 */
import { createRequire } from "node:module";
import { operations as TABLE, type JsonSchema, type OperationEntry } from "@cortex-sdk/schemas";
import { loadProductValidators } from "@cortex-sdk/schemas/product-validators";
import { productOf, type Deployment, type Product } from "@cortex-sdk/schemas-base/products";
import type { ValidatorSet } from "@cortex-sdk/schemas-base/validators";
import { ApiError, REPLY_ERRORS } from "./envelopes.js";
import type { GenericOperation, GenericResponder, OperationResult, RequestView, RouteQuery } from "./generic.js";
import type { OperationRateLimit } from "./limits/index.js";
import type { Surface } from "./paths.js";
import { deriveSeed, mulberry32, randomHex, type Random } from "./random.js";
import type { Permission } from "./rbac.js";

/** Options of {@link createSchemaResponder}. */
export interface SchemaResponderOptions {
  /** Shape of 400 bodies on `/platform/...` routes, as `unknowns.iamErrorShape`; default `"flat"`. */
  readonly iamErrorShape?: "flat" | "data" | undefined;
  /**
   * Whether XSIAM and Cortex Cloud tenants also serve the XSOAR 8 routes of the table under
   * `/xsoar/...` (reference xsoar-xpanse-cloud-api §2.1); default `true`.
   */
  readonly xsoarRoutesOnPlatform?: boolean | undefined;
}

/** Whether a table path is an XSOAR route (served at the root on XSOAR 6, under `/xsoar/public/v1` on XSOAR 8). */
function isXsoarRoute(entry: OperationEntry): boolean {
  return !/^\/(public_api|platform|api)\//.test(entry.path);
}

/** Whether tenants of `product` serve `entry` (on the surface its path belongs to). */
export function productServes(product: Deployment, entry: OperationEntry, xsoarRoutesOnPlatform = true): boolean {
  const versions = entry.xsoarVersions ?? [6, 8];
  switch (product) {
    case "xsoar6":
      return entry.products.includes("xsoar") && versions.includes(6);
    case "xsoar8":
      return entry.products.includes("xsoar") && versions.includes(8);
    case "xsiam":
    case "cloud":
      if (entry.products.includes(product)) return true;
      return xsoarRoutesOnPlatform && isXsoarRoute(entry) && entry.products.includes("xsoar") && versions.includes(8);
    default:
      return entry.products.includes(product);
  }
}

/**
 * Permission groups by operation-id prefix (longest prefix wins). Every group
 * here is in `PERMISSION_GROUPS`, so the seeded roles cover all of them.
 */
const GROUP_PREFIXES: readonly (readonly [prefix: string, group: string])[] = [
  ["api_keys", "api_keys"],
  ["xsoar.apikeys", "api_keys"],
  ["platform.iam", "access_management"],
  ["rbac", "access_management"],
  ["authentication_settings", "access_management"],
  ["platform.notifications", "notifications"],
  ["platform.integration", "integrations"],
  ["integrations", "integrations"],
  ["xsoar", "xsoar"],
  ["healthcheck", "system"],
  ["system", "system"],
  ["cli", "system"],
  ["configurations", "endpoints"],
  ["incidents", "incidents"],
  ["mth", "incidents"],
  ["entries", "incidents"],
  ["alerts", "alerts"],
  ["v2.alerts", "alerts"],
  ["featured_fields", "alerts"],
  ["alerts_exclusion", "detection_rules"],
  ["bioc", "detection_rules"],
  ["correlations", "detection_rules"],
  ["case", "cases"],
  ["issue", "issues"],
  ["endpoints", "endpoints"],
  ["device_control", "endpoints"],
  ["tags", "endpoints"],
  ["distributions", "distributions"],
  ["actions", "response_actions"],
  ["quarantine", "response_actions"],
  ["triage_endpoint", "response_actions"],
  ["get_triage_presets", "response_actions"],
  ["hash_exceptions", "policies"],
  ["legacy_exceptions", "policies"],
  ["disable_prevention", "policies"],
  ["disable_injection_prevention_rules", "policies"],
  ["profiles", "policies"],
  ["policy", "policies"],
  ["scripts", "scripts"],
  ["playbooks", "scripts"],
  ["xql", "xql"],
  ["v2.xql", "xql"],
  ["xql_library", "xql"],
  ["scheduled_queries", "xql"],
  ["dashboards", "dashboards"],
  ["widgets", "dashboards"],
  ["dataset", "datasets"],
  ["audits", "audits"],
  ["indicators", "indicators"],
  ["assets", "assets"],
  ["asset_groups", "assets"],
  ["get_risk_score", "assets"],
  ["get_risky_hosts", "assets"],
  ["get_risky_users", "assets"],
  ["asm_management", "asm"],
  ["get_attack_surface_rules", "asm"],
  ["remediation_confirmation_scanning", "asm"],
  ["uvem", "vulnerabilities"],
  ["uvm_public", "vulnerabilities"],
  ["vulnerability_management", "vulnerabilities"],
  ["netscan", "vulnerabilities"],
  ["compliance", "compliance"],
  ["appsec", "cloud_security"],
  ["cwp", "cloud_security"],
  ["v2.cwp", "cloud_security"],
  ["ciem", "cloud_security"],
  ["data_security", "cloud_security"],
  ["api", "cloud_security"],
];

/** The permission group of an operation (see `PERMISSION_GROUPS`); `system` when no prefix matches. */
export function permissionGroupOf(entry: OperationEntry): string {
  let best: readonly [string, string] | undefined;
  for (const candidate of GROUP_PREFIXES) {
    const [prefix] = candidate;
    if ((entry.id === prefix || entry.id.startsWith(`${prefix}.`)) && (best === undefined || prefix.length > best[0].length)) best = candidate;
  }
  return best?.[1] ?? "system";
}

/**
 * The permission an operation needs: `"<group>:view"` for reads (`retrySafety: "read"`), else
 * `"<group>:action"`. The healthcheck needs none (any valid key).
 */
export function permissionOf(entry: OperationEntry): Permission | null {
  if (entry.id === "healthcheck") return null;
  return `${permissionGroupOf(entry)}:${entry.retrySafety === "read" ? "view" : "action"}`;
}

/**
 * The per-operation rate limits the table documents (`limits.rateLimit`) for the operations a
 * product serves, keyed like `RateLimitOptions.operations` (canonical path).
 */
export function tableOperationLimits(product: Deployment): OperationRateLimit[] {
  return TABLE.filter((entry) => entry.limits.rateLimit !== undefined && productServes(product, entry)).map((entry) => ({
    method: entry.method,
    path: entry.path,
    limit: entry.limits.rateLimit?.requests ?? 1,
    windowMs: entry.limits.rateLimit?.perMs ?? 1,
  }));
}

// ---------------------------------------------------------------------------
// JSON Schemas and validators, loaded per product package on first use

/** What the responder reads from a product's `@cortex-sdk/schemas-<product>/validators`. */
type ProductSchemas = Pick<ValidatorSet, "requestJsonSchema" | "responseJsonSchema" | "requestValidator">;

// Every product's JSON Schemas and zod together are about 25 MB of a process: an emulator loads only the
// packages its requests need, when the first such request comes. Shared by every responder (the data
// never changes).
const schemaPackages = new Map<Product, ProductSchemas>();
const schemaLoads = new Map<Product, Promise<void>>();

/**
 * The package holding an entry's schemas for a tenant: the tenant's own product when the entry is one of
 * its operations (every package holds each of its operations, with the same schemas as any other), else
 * the first product of the entry (XSOAR routes that XSIAM and Cloud tenants serve).
 */
function schemaPackageOf(product: Deployment, entry: OperationEntry): Product {
  const own = productOf(product);
  return entry.products.includes(own) ? own : (entry.products[0] ?? own);
}

/** Starts loading a package's schemas; `undefined` when they are loaded. */
function loadSchemas(product: Product): Promise<void> | undefined {
  if (schemaPackages.has(product)) return undefined;
  let loading = schemaLoads.get(product);
  if (loading === undefined) {
    loading = loadProductValidators(product).then(
      (loaded) => {
        schemaPackages.set(product, loaded);
      },
      (error: unknown) => {
        // A failed load is tried again by the next request rather than remembered.
        schemaLoads.delete(product);
        throw error;
      },
    );
    schemaLoads.set(product, loading);
  }
  return loading;
}

// Resolves from @cortex-sdk/schemas, the package whose loader the asynchronous path uses (and which depends on
// every product's), so both paths find the same copy of a product's package.
let requireSchemas: NodeJS.Require | undefined;

/**
 * A package's schemas. The server loads them before resolving a request ({@link GenericResponder.prepare});
 * a caller that resolves without preparing gets them loaded synchronously here.
 */
function schemasOf(product: Product): ProductSchemas {
  let loaded = schemaPackages.get(product);
  if (loaded === undefined) {
    requireSchemas ??= createRequire(createRequire(import.meta.url).resolve("@cortex-sdk/schemas/product-validators"));
    loaded = requireSchemas(`@cortex-sdk/schemas-${product}/validators`) as ProductSchemas;
    schemaPackages.set(product, loaded);
  }
  return loaded;
}

// ---------------------------------------------------------------------------
// Route index

interface Template {
  readonly segments: readonly string[];
  readonly params: number;
  readonly entry: OperationEntry;
}

interface ProductIndex {
  readonly exact: Map<string, OperationEntry[]>;
  readonly templates: Template[];
}

const isParam = (segment: string): boolean => segment.length > 2 && segment.startsWith("{") && segment.endsWith("}");

function buildIndex(product: Deployment, surface: Surface, xsoarOnPlatform: boolean): ProductIndex {
  const exact = new Map<string, OperationEntry[]>();
  const templates: Template[] = [];
  for (const entry of TABLE) {
    if ((surface === "xsoar") !== isXsoarRoute(entry) || !productServes(product, entry, xsoarOnPlatform)) continue;
    const segments = entry.path.split("/");
    const params = segments.filter(isParam).length;
    if (params === 0) {
      const list = exact.get(entry.path) ?? [];
      list.push(entry);
      exact.set(entry.path, list);
    } else {
      templates.push({ segments, params, entry });
    }
  }
  // Fewer parameters first: `/rules/get/{id}` before `/rules/{a}/{b}`.
  templates.sort((a, b) => a.params - b.params);
  return { exact, templates };
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function matchTemplate(template: Template, segments: readonly string[]): Record<string, string> | undefined {
  if (template.segments.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const pattern = template.segments[i] ?? "";
    const actual = segments[i] ?? "";
    if (isParam(pattern)) {
      if (actual === "") return undefined;
      params[pattern.slice(1, -1)] = decode(actual);
    } else if (pattern !== actual) {
      return undefined;
    }
  }
  return params;
}

// ---------------------------------------------------------------------------
// Validation

/**
 * Fields the emulator also accepts next to `request_data` although the table models them inside it
 * (the SDK sends them inside): the spec places them at the body root and the reference says to accept
 * both (xsoar-xpanse-cloud §4.2). They are validated as if sent inside `request_data`.
 */
const ROOT_PLACED_FIELDS: Readonly<Record<string, readonly string[]>> = {
  "issue.search": ["search_from", "search_to", "sort", "include_fields"],
};

/** The part of the body the table's request schema describes (`request_data` content, or the body). */
function unwrapRequest(entry: OperationEntry, body: unknown): unknown {
  const object = body !== null && typeof body === "object" && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
  if (entry.requestEnvelope === "request_data" || entry.requestEnvelope === "request_data_array") {
    if (object === undefined) throw REPLY_ERRORS.invalidInput("Request body must be a JSON object");
    const siblings = new Set(entry.requestSiblings ?? []);
    const rootPlaced = new Set(ROOT_PLACED_FIELDS[entry.id] ?? []);
    const atRoot: Record<string, unknown> = {};
    for (const key of Object.keys(object)) {
      if (key === "request_data" || siblings.has(key)) continue;
      if (!rootPlaced.has(key)) throw REPLY_ERRORS.invalidInput(`${key}: Extra inputs are not permitted`);
      atRoot[key] = object[key];
    }
    const data = object["request_data"];
    if (data === undefined) {
      if (entry.requestEnvelope === "request_data_array") throw REPLY_ERRORS.invalidInput("request_data: Field required");
      return atRoot;
    }
    // Root-placed fields are checked with the request_data schema; a field sent in both places keeps the inner value.
    if (Object.keys(atRoot).length > 0 && data !== null && typeof data === "object" && !Array.isArray(data)) return { ...atRoot, ...(data as Record<string, unknown>) };
    return data;
  }
  // An empty body is parsed as `{"request_data": {}}` (curl's `-d ''`): for bare bodies it is `{}`.
  const data = object?.["request_data"];
  if (object !== undefined && Object.keys(object).length === 1 && data !== null && typeof data === "object" && Object.keys(data).length === 0) {
    return {};
  }
  return body;
}

const numberOr = (value: unknown, fallback: number): number => (typeof value === "number" && Number.isFinite(value) ? value : fallback);

/** The vendor's own paging messages (reference xdr-xsiam-api §3.4, §5.3). */
function checkPaging(entry: OperationEntry, data: unknown): string | undefined {
  if (data === null || typeof data !== "object") return undefined;
  const paging = entry.pagination;
  let from: unknown;
  let to: unknown;
  let fromName = "search_from";
  if (paging.kind === "offset") {
    from = (data as Record<string, unknown>)["search_from"];
    to = (data as Record<string, unknown>)["search_to"];
  } else if (paging.kind === "filter_data") {
    const inner = ((data as Record<string, unknown>)["filter_data"] as { paging?: { from?: unknown; to?: unknown } } | undefined)?.paging;
    from = inner?.from;
    to = inner?.to;
    fromName = "filter_data.paging.from";
  } else {
    return undefined;
  }
  if (typeof from === "number" && from < 0) return `${fromName}: Input should be greater than or equal to 0`;
  if (typeof to === "number") {
    const size = to - numberOr(from, 0);
    if (size <= 0 || size > paging.maxPageSize) return `Search size must fulfill the requirement: 0 < search_size <= ${paging.maxPageSize}`;
  }
  return undefined;
}

/** A validator issue: Standard Schema's `message`/`path`, plus zod's details when present. */
interface Issue {
  readonly message: string;
  readonly path?: readonly (PropertyKey | { readonly key: PropertyKey })[] | undefined;
  readonly code?: string;
  readonly expected?: string;
  readonly keys?: readonly string[];
  readonly minimum?: number | bigint;
  readonly maximum?: number | bigint;
  readonly values?: readonly unknown[];
  readonly errors?: readonly (readonly Issue[])[];
}

const describeValue = (value: unknown): string => (typeof value === "string" ? value : JSON.stringify(value) ?? String(value));

function at(value: unknown, path: readonly PropertyKey[]): unknown {
  let current = value;
  for (const step of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[step];
  }
  return current;
}

function schemaAt(schema: JsonSchema, path: readonly PropertyKey[]): JsonSchema | undefined {
  let node: JsonSchema | undefined = schema;
  for (const step of path) {
    if (node === undefined) return undefined;
    if (node.anyOf !== undefined) node = node.anyOf.find((alt) => alt.properties !== undefined || alt.items !== undefined) ?? node.anyOf[0];
    if (node === undefined) return undefined;
    if (typeof step === "number") node = node.items;
    else node = node.properties?.[String(step)] ?? (typeof node.additionalProperties === "object" ? node.additionalProperties : undefined);
  }
  return node;
}

/** The schema of a filter condition's value (or an item of it): the alternative of the condition's field and operator. */
function conditionValueSchema(schema: JsonSchema, path: readonly PropertyKey[], valueAt: number, data: unknown): JsonSchema | undefined {
  const list = schemaAt(schema, path.slice(0, valueAt - 1));
  const condition = at(data, path.slice(0, valueAt)) as { field?: unknown; operator?: unknown } | undefined;
  const operator = String(condition?.operator ?? "").toLowerCase();
  const alternatives = list?.items?.anyOf ?? (list?.items === undefined ? [] : [list.items]);
  const chosen = alternatives.find(
    (alt) => alt.properties?.["field"]?.enum?.includes(condition?.field as string) === true && (alt.properties["operator"]?.enum ?? []).some((op) => String(op).toLowerCase() === operator),
  );
  return chosen?.properties?.["value"] === undefined ? undefined : schemaAt(chosen.properties["value"], path.slice(valueAt + 1));
}

/** Pydantic-style location: `filters[0].operator`. */
function location(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, step) => (typeof step === "number" ? `${out}[${step}]` : out === "" ? String(step) : `${out}.${String(step)}`), "");
}

const TYPE_NAMES: Readonly<Record<string, string>> = {
  array: "a valid list",
  string: "a valid string",
  number: "a valid number",
  int: "a valid integer",
  boolean: "a valid boolean",
  object: "a valid dictionary",
  record: "a valid dictionary",
};

function allowedValues(issue: Issue): string[] {
  if (issue.values !== undefined) return issue.values.map((value) => `'${describeValue(value)}'`);
  const nested = (issue.errors ?? []).flatMap((alternative) => alternative.flatMap((inner) => inner.values ?? []));
  if (nested.length > 0) return nested.map((value) => `'${describeValue(value)}'`);
  const listed = /^expected one of (.+)$/.exec(issue.message);
  return listed === null ? [] : (listed[1] ?? "").split(", ").map((text) => `'${text.replace(/^"|"$/g, "")}'`);
}

/**
 * Turns a validator issue into the vendor's `err_extra` wording (the service is pydantic-based, and
 * the specific handlers use the same phrases): `roles: Field required`, `roles[0]: Input should be a
 * valid string`, `Unsupported field 'x'`, `Unsupported operator 'eq' for field id`.
 *
 * @param issue - The issue.
 * @param data - The validated value, to name the offending input.
 * @param root - Location prefix for issues at the root (`request_data`), or `""`.
 * @param schema - The request JSON Schema, to tell integers from numbers.
 */
export function describeIssue(issue: Issue, data: unknown, root = "", schema?: JsonSchema): string {
  const path = (issue.path ?? []).map((part) => (typeof part === "object" ? part.key : part));
  const where = location(path) || root;
  const prefix = where === "" ? "" : `${where}: `;
  if (issue.code === "unrecognized_keys" || /^Unrecognized keys?: /.test(issue.message)) {
    const keys = issue.keys ?? (/^Unrecognized keys?: (.+)$/.exec(issue.message)?.[1] ?? "").split(",").map((key) => key.trim().replace(/^"|"$/g, ""));
    return keys.map((key) => `${location([...path, key])}: Extra inputs are not permitted`).join("; ");
  }
  const value = at(data, path);
  if (value === undefined && path.length > 0) return `${prefix}Field required`;
  const leaf = path[path.length - 1];
  const parent = path[path.length - 2];
  const enumIssue = issue.code === "invalid_value" || issue.code === "invalid_union" || issue.code === "custom";
  if (enumIssue && typeof parent === "number" && (leaf === "field" || leaf === "operator")) {
    if (leaf === "field") return `Unsupported field '${describeValue(value)}'`;
    return `Unsupported operator '${describeValue(value)}' for field ${describeValue(at(data, [...path.slice(0, -1), "field"]))}`;
  }
  if (enumIssue && parent === "sort" && (leaf === "field" || leaf === "keyword")) return `Unsupported sort ${leaf} '${describeValue(value)}'`;
  // A filter condition's value (typed per field): named by the field, in the service's words.
  const valueAt = path.findIndex((part, i) => part === "value" && typeof path[i - 1] === "number" && path[i - 2] === "filters");
  if (valueAt >= 0) {
    const field = describeValue(at(data, [...path.slice(0, valueAt), "field"]));
    const wrongValue = enumIssue || issue.code === "invalid_format"; // invalid_format: text that is not an id
    if (wrongValue && (typeof value === "string" || typeof value === "number" || typeof value === "boolean")) return `Invalid value '${describeValue(value)}' for field ${field}`;
    const node = schema === undefined ? undefined : conditionValueSchema(schema, path, valueAt, data);
    const integer = node !== undefined && (node.type === "integer" || (Array.isArray(node.type) && node.type.includes("integer")));
    const name = issue.code === "invalid_type" ? TYPE_NAMES[issue.expected === "number" && integer ? "int" : (issue.expected ?? "")] : undefined;
    if (name !== undefined) return `${field}${path.slice(valueAt + 1).map((part) => `[${String(part)}]`).join("")}: Input should be ${name}`;
  }
  if (issue.code === "invalid_type") {
    const node = schema === undefined ? undefined : schemaAt(schema, path);
    const integer = node !== undefined && (node.type === "integer" || (Array.isArray(node.type) && node.type.includes("integer")));
    const expected = issue.expected === "number" && integer ? "int" : (issue.expected ?? "");
    const name = TYPE_NAMES[expected];
    if (name !== undefined) return `${prefix}Input should be ${name}`;
  }
  if (issue.code === "too_small" && typeof issue.minimum === "number" && typeof value === "number") return `${prefix}Input should be greater than or equal to ${issue.minimum}`;
  if (issue.code === "too_big" && typeof issue.maximum === "number" && typeof value === "number") return `${prefix}Input should be less than or equal to ${issue.maximum}`;
  if (enumIssue) {
    const allowed = allowedValues(issue);
    if (allowed.length > 0) {
      const list = allowed.length === 1 ? allowed[0] : `${allowed.slice(0, -1).join(", ")} or ${allowed[allowed.length - 1]}`;
      return `${prefix}Input should be ${list}`;
    }
  }
  return `${prefix}${issue.message.replace(/^Invalid input: /, "")}`;
}

function platformError(shape: "flat" | "data", errExtra: string): ApiError {
  const body = shape === "flat" ? { err_extra: errExtra, err_code: 400 } : { data: { err_msg: "Bad Request", metadata: { err_code: 400, err_extra: errExtra } } };
  return new ApiError(400, "Bad Request", errExtra, { body });
}

// ---------------------------------------------------------------------------
// Reply synthesis

/** Fixed anchor of synthesised times (2025-01-01), so one seed always gives the same reply. */
const TIME_ANCHOR_MS = Date.UTC(2025, 0, 1);
const MAX_DEPTH = 7;
const TIME_NAME = /(time|timestamp|_ts|date|_at|created|modified|updated|expiration|last_seen|first_seen)$/i;
const ID_NAME = /(^id$|_id$|Id$|ID$|uuid$|_ids$|Ids$|_id_list$)/;

interface Synth {
  readonly random: Random;
  readonly label: string;
}

function typeNames(schema: JsonSchema): string[] {
  if (schema.type === undefined) return [];
  return (typeof schema.type === "string" ? [schema.type] : [...schema.type]).filter((type) => type !== "null");
}

function int(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

function synthString(schema: JsonSchema, name: string, ctx: Synth): string {
  const { random } = ctx;
  let text: string;
  switch (schema.format) {
    case "date-time":
      text = new Date(TIME_ANCHOR_MS - int(random, 0, 30 * 86_400) * 1000).toISOString();
      break;
    case "date":
      text = new Date(TIME_ANCHOR_MS - int(random, 0, 365) * 86_400_000).toISOString().slice(0, 10);
      break;
    case "uuid":
      text = `${randomHex(random, 8)}-${randomHex(random, 4)}-4${randomHex(random, 3)}-a${randomHex(random, 3)}-${randomHex(random, 12)}`;
      break;
    case "email":
      text = `user${int(random, 1, 99)}@example.com`;
      break;
    case "uri":
    case "url":
      text = `https://emulator.invalid/${name || "resource"}/${randomHex(random, 6)}`;
      break;
    case "ipv4":
      text = `10.${int(random, 0, 255)}.${int(random, 0, 255)}.${int(random, 1, 254)}`;
      break;
    case "byte":
      text = Buffer.from(`${ctx.label}-${randomHex(random, 6)}`).toString("base64");
      break;
    default:
      if (ID_NAME.test(name)) text = randomHex(random, 16);
      else if (TIME_NAME.test(name)) text = new Date(TIME_ANCHOR_MS - int(random, 0, 30 * 86_400) * 1000).toISOString();
      else if (/email/i.test(name)) text = `user${int(random, 1, 99)}@example.com`;
      else if (/(^|_)ip(_address)?$/i.test(name)) text = `10.${int(random, 0, 255)}.${int(random, 0, 255)}.${int(random, 1, 254)}`;
      else if (/(url|uri|link)$/i.test(name)) text = `https://emulator.invalid/${randomHex(random, 8)}`;
      else text = `${name === "" ? "value" : name}-${randomHex(random, 4)}`;
  }
  if (schema.maxLength !== undefined && text.length > schema.maxLength) text = text.slice(0, schema.maxLength);
  if (schema.minLength !== undefined && text.length < schema.minLength) text = text.padEnd(schema.minLength, "x");
  return text;
}

function synthNumber(schema: JsonSchema, name: string, integer: boolean, ctx: Synth): number {
  const { random } = ctx;
  const min = schema.minimum;
  const max = schema.maximum;
  if (min !== undefined || max !== undefined) {
    const low = Math.ceil(min ?? Math.min(0, (max ?? 0) - 100));
    const high = Math.floor(max ?? low + 100);
    return high < low ? (min ?? max ?? 0) : int(random, low, high);
  }
  if (TIME_NAME.test(name)) return TIME_ANCHOR_MS - int(random, 0, 30 * 86_400) * 1000;
  const value = int(random, 1, 1000);
  return integer ? value : value + int(random, 0, 99) / 100;
}

/** A deterministic value valid for `schema` (the lenient reply validator, and the strict one where the schema is tight). */
export function synthesize(schema: JsonSchema, name: string, ctx: Synth, depth = 0): unknown {
  if (schema.anyOf !== undefined && schema.anyOf.length > 0) {
    const alternative = schema.anyOf.find((alt) => typeNames(alt).length > 0 || alt.properties !== undefined || alt.enum !== undefined) ?? schema.anyOf[0];
    return alternative === undefined ? null : synthesize(alternative, name, ctx, depth);
  }
  if (schema.enum !== undefined && schema.enum.length > 0) {
    const values = schema.enum.filter((value) => value !== null);
    return values.length === 0 ? null : values[Math.floor(ctx.random() * values.length)];
  }
  const types = typeNames(schema);
  const type = types[0] ?? (schema.properties !== undefined ? "object" : schema.items !== undefined ? "array" : "string");
  switch (type) {
    case "string":
      return synthString(schema, name, ctx);
    case "integer":
      return synthNumber(schema, name, true, ctx);
    case "number":
      return synthNumber(schema, name, false, ctx);
    case "boolean":
      return ctx.random() < 0.5;
    case "array": {
      const minItems = schema.minItems ?? 0;
      let count = depth >= MAX_DEPTH ? minItems : Math.max(minItems, int(ctx.random, 1, 3));
      if (schema.maxItems !== undefined) count = Math.min(count, schema.maxItems);
      const items = schema.items ?? { type: "string" };
      return Array.from({ length: count }, () => synthesize(items, name, ctx, depth + 1));
    }
    case "object": {
      const out: Record<string, unknown> = {};
      const required = new Set(schema.required ?? []);
      for (const [key, child] of Object.entries(schema.properties ?? {})) {
        if (depth >= MAX_DEPTH && !required.has(key)) continue;
        out[key] = synthesize(child, key, ctx, depth + 1);
      }
      return out;
    }
    default:
      return null;
  }
}

/** Finds a property of a reply schema by name, ignoring case (`DATA` vs `data`). */
function propertyName(schema: JsonSchema | undefined, name: string): string | undefined {
  const properties = schema?.properties;
  if (properties === undefined) return undefined;
  if (name in properties) return name;
  return Object.keys(properties).find((key) => key.toLowerCase() === name.toLowerCase());
}

function setPath(target: Record<string, unknown>, dotted: string, value: unknown, schema: JsonSchema | undefined): void {
  const [head, ...rest] = dotted.split(".");
  if (head === undefined) return;
  const key = propertyName(schema, head) ?? head;
  if (rest.length === 0) {
    target[key] = value;
    return;
  }
  const existing = target[key];
  const child = existing !== null && typeof existing === "object" && !Array.isArray(existing) ? (existing as Record<string, unknown>) : {};
  target[key] = child;
  setPath(child, rest.join("."), value, schema?.properties?.[key]);
}

interface PageRequest {
  readonly from: number;
  readonly size: number;
}

function pageOf(entry: OperationEntry, data: unknown): PageRequest | undefined {
  const object = data !== null && typeof data === "object" && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
  const paging = entry.pagination;
  switch (paging.kind) {
    case "none":
      return undefined;
    case "offset": {
      const from = Math.max(0, numberOr(object["search_from"], 0));
      const to = numberOr(object["search_to"], from + Math.min(100, paging.maxPageSize));
      return { from, size: Math.max(0, Math.min(to - from, paging.maxPageSize)) };
    }
    case "filter_data": {
      const inner = (object["filter_data"] as { paging?: { from?: unknown; to?: unknown } } | undefined)?.paging;
      const from = Math.max(0, numberOr(inner?.from, 0));
      const to = numberOr(inner?.to, from + Math.min(100, paging.maxPageSize));
      return { from, size: Math.max(0, Math.min(to - from, paging.maxPageSize)) };
    }
    case "page_size": {
      const holder = paging.pagingField === undefined ? object : ((object[paging.pagingField] ?? {}) as Record<string, unknown>);
      const size = Math.max(0, Math.min(numberOr(holder["size"], paging.maxPageSize), paging.maxPageSize));
      return { from: Math.max(0, numberOr(holder["page"], 0)) * size, size };
    }
    case "page_token":
      return { from: 0, size: Math.min(100, paging.maxPageSize ?? 100) };
  }
}

/** Fills a list reply's page: at most the page size, a stable total, unique item ids. */
function paginate(entry: OperationEntry, schema: JsonSchema, value: Record<string, unknown>, page: PageRequest, seed: number): void {
  const paging = entry.pagination;
  if (paging.kind === "none") return;
  const itemsKey = propertyName(schema, paging.itemsField);
  const itemSchema = itemsKey === undefined ? undefined : schema.properties?.[itemsKey]?.items;
  if (itemsKey === undefined || itemSchema === undefined) return;
  const total = 3 + (deriveSeed(seed, `${entry.id}#total`) % 23);
  const end = Math.min(total, page.from + page.size);
  const items: unknown[] = [];
  for (let index = page.from; index < end; index++) {
    const item = synthesize(itemSchema, itemsKey, { random: mulberry32(deriveSeed(seed, `${entry.id}#${index}`)), label: entry.id }, 1);
    const idKey = paging.idField === undefined ? undefined : propertyName(itemSchema, paging.idField);
    if (idKey !== undefined && item !== null && typeof item === "object") {
      const idSchema = itemSchema.properties?.[idKey];
      const numeric = idSchema !== undefined && typeNames(idSchema).some((type) => type === "integer" || type === "number");
      (item as Record<string, unknown>)[idKey] = numeric ? index + 1 : `${idKey}-${index + 1}`;
    }
    items.push(item);
  }
  value[itemsKey] = items;
  if (paging.totalField !== undefined) setPath(value, paging.totalField, total, schema);
  const resultCount = propertyName(schema, "result_count");
  if (resultCount !== undefined) value[resultCount] = items.length;
  // Never hand out a page token: a synthesised token would page forever.
  for (const token of ["next_page_token", "nextPageToken", "next_token"]) {
    const key = propertyName(schema, token);
    if (key !== undefined) value[key] = null;
  }
}

function wrap(entry: OperationEntry, value: unknown): unknown {
  switch (entry.replyEnvelope) {
    case "reply":
      return { reply: value };
    case "data":
      return { data: value };
    default:
      return value;
  }
}

function fallbackValue(entry: OperationEntry): unknown {
  switch (entry.replyKind) {
    case "array":
      return [];
    case "boolean":
      return true;
    case "string":
      return "ok";
    default:
      return {};
  }
}

/** The answer to a request for `entry`, synthesised from its reply schema. */
function synthesizeReply(entry: OperationEntry, request: RequestView, data: unknown, schemas: ProductSchemas): OperationResult {
  const status = entry.successStatus ?? (entry.replyEnvelope === "empty" ? 204 : 200);
  if (entry.replyEnvelope === "empty" || entry.replyKind === "empty") return { status };
  const seed = deriveSeed(request.tenantSeed, entry.id);
  const random = mulberry32(seed);
  if (entry.replyKind === "binary") {
    return { status, body: `emulated ${entry.id} ${randomHex(random, 32)}\n`, contentType: "application/octet-stream" };
  }
  const schema = schemas.responseJsonSchema(entry.id);
  const value = schema === undefined ? fallbackValue(entry) : synthesize(schema, "", { random, label: entry.id });
  const page = pageOf(entry, data);
  if (schema !== undefined && page !== undefined && value !== null && typeof value === "object" && !Array.isArray(value)) {
    paginate(entry, schema, value as Record<string, unknown>, page, seed);
  }
  if (entry.replyKind === "ndjson") {
    const lines = (Array.isArray(value) ? value : [value]).map((line) => JSON.stringify(line)).join("\n");
    return { status, body: `${lines}\n`, contentType: "application/x-ndjson" };
  }
  return { status, body: wrap(entry, value) };
}

// ---------------------------------------------------------------------------
// The responder

/**
 * Builds the default generic responder from the schemas operation table
 * (`startEmulator` installs it unless `genericResponder` is `null` or another responder).
 *
 * - `resolve` maps (tenant product, surface, method, canonical path) to the table entry that product
 *   serves; anything else is left to the product's unknown-route answer.
 * - `permission`: `"<group>:view"` for reads, `"<group>:action"` otherwise ({@link permissionOf}).
 * - `validate`: the strict generated request validator on the unwrapped request; failures are 400s in
 *   the family's envelope, with `err_extra` naming the field.
 * - `respond`: a deterministic reply valid for the operation's reply schema, wrapped per its
 *   `replyEnvelope`, with its `successStatus`; paged lists honour the requested page.
 *
 * @param options - Error shape and XSOAR-route options.
 * @returns A {@link GenericResponder}.
 */
export function createSchemaResponder(options: SchemaResponderOptions = {}): GenericResponder {
  const errorShape = options.iamErrorShape ?? "flat";
  const xsoarOnPlatform = options.xsoarRoutesOnPlatform ?? true;
  const indexes = new Map<string, ProductIndex>();
  const indexOf = (product: Deployment, surface: Surface): ProductIndex => {
    const key = `${product} ${surface}`;
    let index = indexes.get(key);
    if (index === undefined) {
      index = buildIndex(product, surface, xsoarOnPlatform);
      indexes.set(key, index);
    }
    return index;
  };
  const candidates = (route: Omit<RouteQuery, "method">): { entries: OperationEntry[]; params: Record<string, string> } => {
    const index = indexOf(route.product, route.surface);
    const exact = index.exact.get(route.path);
    if (exact !== undefined) return { entries: exact, params: {} };
    const segments = route.path.split("/");
    for (const template of index.templates) {
      const params = matchTemplate(template, segments);
      if (params === undefined) continue;
      const same = index.templates.filter((other) => other.segments.join("/") === template.segments.join("/")).map((other) => other.entry);
      return { entries: same, params };
    }
    return { entries: [], params: {} };
  };

  // An operation at a path without parameters is the same for every request: built once per entry.
  const unparameterised = new WeakMap<OperationEntry, GenericOperation>();
  const operationFor = (entry: OperationEntry, params: Record<string, string>): GenericOperation => {
    if (Object.keys(params).length > 0) return buildOperation(entry, params);
    let operation = unparameterised.get(entry);
    if (operation === undefined) {
      operation = buildOperation(entry, params);
      unparameterised.set(entry, operation);
    }
    return operation;
  };
  const buildOperation = (entry: OperationEntry, params: Record<string, string>): GenericOperation => {
    const invalid = (request: RequestView, extra: string): ApiError =>
      request.canonicalPath.startsWith("/platform/") ? platformError(errorShape, extra) : REPLY_ERRORS.invalidInput(extra);
    return {
      operationId: entry.id,
      permission: permissionOf(entry),
      pathParams: params,
      validate(request, body) {
        if (entry.requestEnvelope === "none" || entry.requestContentType === "multipart") return;
        let data: unknown;
        try {
          data = unwrapRequest(entry, body);
        } catch (error) {
          if (error instanceof ApiError) throw invalid(request, typeof error.errExtra === "string" ? error.errExtra : error.errMsg);
          throw error;
        }
        const paging = checkPaging(entry, data);
        if (paging !== undefined) throw invalid(request, paging);
        const schemas = schemasOf(schemaPackageOf(request.tenant.product, entry));
        const validator = schemas.requestValidator(entry.id);
        if (validator === undefined) return;
        const result = validator["~standard"].validate(data);
        if (result instanceof Promise) return;
        if (result.issues !== undefined && result.issues.length > 0) {
          const root = entry.requestEnvelope === "bare" ? "" : "request_data";
          throw invalid(request, describeIssue(result.issues[0] as Issue, data, root, schemas.requestJsonSchema(entry.id)));
        }
      },
      respond(request, body) {
        const data = entry.requestEnvelope === "none" || entry.requestContentType === "multipart" ? {} : unwrapRequest(entry, body);
        return synthesizeReply(entry, request, data, schemasOf(schemaPackageOf(request.tenant.product, entry)));
      },
    };
  };

  return {
    prepare(route) {
      const own = productOf(route.product);
      // A Cortex route a tenant serves is an operation of the tenant's own product (so is any route of an
      // XSOAR tenant): no table lookup on the way of every request once that package is loaded.
      if (schemaPackages.has(own) && (route.surface === "cortex" || own === "xsoar")) return undefined;
      const entry = candidates(route).entries.find((candidate) => candidate.method === route.method);
      return entry === undefined ? undefined : loadSchemas(schemaPackageOf(route.product, entry));
    },
    resolve(route) {
      const { entries, params } = candidates(route);
      const entry = entries.find((candidate) => candidate.method === route.method);
      return entry === undefined ? undefined : operationFor(entry, params);
    },
    methods(route) {
      return candidates(route).entries.map((entry) => entry.method);
    },
  };
}
