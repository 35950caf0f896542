/**
 * Turns an OpenAPI 3.x / Swagger 2.0 schema object (already dereferenced, possibly cyclic) into the
 * JSON Schema subset of `src/json-schema.ts`. Prose is dropped here: `description`, `summary`,
 * `title`, `example(s)`, `x-*` extensions never reach the output.
 */
import type { JsonTypeName } from "../../schemas-base/src/json-schema.js";

/** A mutable schema node during generation; `xRef` names the component it came from. */
export interface Node {
  type?: JsonTypeName | JsonTypeName[];
  properties?: Record<string, Node>;
  required?: string[];
  additionalProperties?: boolean | Node;
  items?: Node;
  enum?: (string | number | boolean | null)[];
  anyOf?: Node[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  format?: string;
  /** Override data only (the specs' patterns are not carried over). */
  pattern?: string;
  default?: unknown;
  /** A tenant-defined field name (override data only; see `JsonSchema.tenantField`). */
  tenantField?: true;
  /** A recursive node's name (override data only; see `JsonSchema.$anchor`). Emitted in JSON and named in the types. */
  $anchor?: string;
  /** `#<anchor>`: a reference back to the enclosing anchored node (override data only). */
  $ref?: string;
  /** Component (named schema) this node was resolved from, e.g. `Xsoar.Incident`. Not emitted in JSON. */
  xRef?: string;
  /** Set on a reference back into a component being expanded (a cycle): the node has no content. */
  xCycle?: boolean;
  /** Type emission only: this property is a read-only alias of the named one (a folded count or data key). Not emitted in JSON. */
  xAliasOf?: string;
  /** Type emission only: lower-case keys of this named object that also read under their upper-case spelling. Not emitted in JSON. */
  xAliases?: string[];
}

/** Problems found while cleaning: a schema that is not an object, an unknown type... */
export interface CleanProblem {
  /** JSON-pointer-like location below the operation's schema root. */
  readonly at: string;
  /** What is wrong. */
  readonly problem: string;
}

const TYPES = new Set<string>(["object", "array", "string", "number", "integer", "boolean", "null"]);

/** Cleans schemas of one spec; `names` maps component objects (by identity) to their names. */
export class SchemaCleaner {
  readonly problems: CleanProblem[] = [];
  /**
   * @param names - Component schema objects (by identity) → type names.
   * @param registry - Receives the first cleaned form of each named component (shared per spec).
   */
  constructor(
    private readonly names: Map<object, string>,
    private readonly registry: Map<string, Node> = new Map(),
  ) {}

  clean(raw: unknown, at = ""): Node {
    return this.node(raw, at, []);
  }

  private node(raw: unknown, at: string, stack: object[]): Node {
    if (raw === true || raw === undefined) return {};
    if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
      this.problems.push({ at, problem: `schema is ${JSON.stringify(raw)?.slice(0, 40)}, not an object` });
      return {};
    }
    const name = this.names.get(raw);
    if (stack.includes(raw)) return name === undefined ? {} : { xRef: name, xCycle: true };
    const s = raw as Record<string, unknown>;
    if (typeof s["$ref"] === "string") {
      // Left unresolved by the dereferencer (external or broken reference).
      this.problems.push({ at, problem: `unresolved reference ${String(s["$ref"])}` });
      return {};
    }
    const next = [...stack, raw];
    const out: Node = {};
    if (name !== undefined) out.xRef = name;

    // allOf: merge the parts into this node.
    const parts: Node[] = [];
    if (Array.isArray(s["allOf"])) (s["allOf"] as unknown[]).forEach((part, i) => parts.push(this.node(part, `${at}/allOf/${i}`, next)));

    let type = s["type"];
    if (type === "file") {
      type = "string";
      out.format = "binary";
    }
    if (typeof type === "string") {
      if (!TYPES.has(type)) this.problems.push({ at, problem: `unknown type ${type}` });
      else out.type = type as JsonTypeName;
    } else if (Array.isArray(type)) {
      const list = type.filter((t): t is JsonTypeName => typeof t === "string" && TYPES.has(t));
      if (list.length !== type.length) this.problems.push({ at, problem: `unknown type in ${JSON.stringify(type)}` });
      out.type = list.length === 1 ? list[0]! : list;
    }
    if (s["nullable"] === true && out.type !== undefined) out.type = addNull(out.type);
    if (s["x-nullable"] === true && out.type !== undefined) out.type = addNull(out.type);

    if (s["properties"] !== undefined) {
      if (typeof s["properties"] !== "object" || s["properties"] === null) this.problems.push({ at, problem: "properties is not an object" });
      else {
        out.properties = {};
        for (const [key, value] of Object.entries(s["properties"] as Record<string, unknown>)) {
          out.properties[key] = this.node(value, `${at}/properties/${escape(key)}`, next);
        }
      }
    }
    if (Array.isArray(s["required"])) {
      const req = (s["required"] as unknown[]).filter((r): r is string => typeof r === "string");
      if (req.length > 0) out.required = [...new Set(req)];
    }
    const additional = s["additionalProperties"];
    if (typeof additional === "boolean") out.additionalProperties = additional;
    else if (additional !== undefined && additional !== null && typeof additional === "object") {
      out.additionalProperties = this.node(additional, `${at}/additionalProperties`, next);
    }
    if (s["items"] !== undefined) {
      const items = Array.isArray(s["items"]) ? s["items"][0] : s["items"];
      out.items = this.node(items, `${at}/items`, next);
    }
    if (Array.isArray(s["enum"])) {
      const values = (s["enum"] as unknown[]).filter(
        (v): v is string | number | boolean | null => v === null || ["string", "number", "boolean"].includes(typeof v),
      );
      if (values.length > 0) out.enum = [...new Set(values)];
    }
    if (s["const"] !== undefined && ["string", "number", "boolean"].includes(typeof s["const"])) out.enum = [s["const"] as string];
    const alternatives = [
      ...(Array.isArray(s["oneOf"]) ? (s["oneOf"] as unknown[]) : []),
      ...(Array.isArray(s["anyOf"]) ? (s["anyOf"] as unknown[]) : []),
    ];
    if (alternatives.length > 0) {
      const key = Array.isArray(s["oneOf"]) ? "oneOf" : "anyOf";
      out.anyOf = alternatives.map((alt, i) => this.node(alt, `${at}/${key}/${i}`, next));
      // OpenAPI 3.1 null alternative: fold into nullability.
      const nonNull = out.anyOf.filter((alt) => !(alt.type === "null" && Object.keys(alt).length === 1));
      if (nonNull.length !== out.anyOf.length) {
        if (nonNull.length === 1) {
          const only = nonNull[0]!;
          delete out.anyOf;
          Object.assign(out, { ...only, ...(only.type !== undefined ? { type: addNull(only.type) } : {}) });
        } else out.anyOf = [...nonNull, { type: "null" }];
      }
    }
    for (const key of ["minimum", "maximum", "minLength", "maxLength", "minItems", "maxItems"] as const) {
      if (typeof s[key] === "number") out[key] = s[key] as number;
    }
    if (typeof s["format"] === "string") out.format = s["format"] as string;
    if (s["default"] !== undefined && (s["default"] === null || typeof s["default"] !== "object")) out.default = s["default"];

    // A schema with properties but no type is an object.
    if (out.type === undefined && (out.properties !== undefined || out.additionalProperties !== undefined)) out.type = "object";
    if (out.type === undefined && out.items !== undefined) out.type = "array";

    for (const part of parts) mergeInto(out, part);
    // Normalisation rule: a required property the export forgot to declare (IAM replies require
    // `data` but list only `metadata`) is added as an untyped property rather than dropped.
    if (out.required !== undefined && out.properties !== undefined) {
      for (const req of out.required) if (!(req in out.properties)) out.properties[req] = {};
    }
    if (name !== undefined && !this.registry.has(name)) this.registry.set(name, structuredClone(out));
    return out;
  }
}

function addNull(type: JsonTypeName | JsonTypeName[]): JsonTypeName | JsonTypeName[] {
  const list = Array.isArray(type) ? type : [type];
  return list.includes("null") ? type : [...list, "null"];
}

function mergeInto(target: Node, part: Node): void {
  const partType = part.type;
  if (partType !== undefined && target.type === undefined) target.type = partType;
  if (part.properties !== undefined) target.properties = { ...(target.properties ?? {}), ...part.properties };
  if (part.required !== undefined) target.required = [...new Set([...(target.required ?? []), ...part.required])];
  for (const key of ["items", "enum", "additionalProperties", "anyOf", "format", "minimum", "maximum", "minLength", "maxLength", "minItems", "maxItems"] as const) {
    if (part[key] !== undefined && target[key] === undefined) (target as Record<string, unknown>)[key] = part[key];
  }
}

/** Escapes a property name for a path (`/` and `~` as in JSON pointers). */
export function escape(key: string): string {
  return key.replace(/~/g, "~0").replace(/\//g, "~1");
}

/** Deep copy of a node (nodes are plain data). */
export function cloneNode<T>(node: T): T {
  return structuredClone(node);
}
