/**
 * The JSON Schema subset the generator emits for requests and replies: no prose (descriptions,
 * summaries, titles and examples are stripped), references inlined (except a recursive tree's `$ref`
 * back to its `$anchor`), OpenAPI `nullable` turned into a `"null"` type. It is plain data: the emulator synthesises replies from it and the validators are
 * built from it.
 *
 * @module
 */

/** A JSON type name. */
export type JsonTypeName = "object" | "array" | "string" | "number" | "integer" | "boolean" | "null";

/** A JSON value allowed in `enum`. */
export type JsonLiteral = string | number | boolean | null;

/** One JSON Schema node, restricted to the keywords the generator emits. */
export interface JsonSchema {
  /** Allowed JSON type or types; absent means any type. */
  readonly type?: JsonTypeName | readonly JsonTypeName[];
  /** Object properties by name. */
  readonly properties?: { readonly [name: string]: JsonSchema };
  /** Names of required properties. */
  readonly required?: readonly string[];
  /** Schema of properties not named in `properties`; `false` forbids them. */
  readonly additionalProperties?: boolean | JsonSchema;
  /** Schema of every array item. */
  readonly items?: JsonSchema;
  /** The allowed values. */
  readonly enum?: readonly JsonLiteral[];
  /** Alternatives (OpenAPI `oneOf`/`anyOf`). */
  readonly anyOf?: readonly JsonSchema[];
  /** Smallest allowed number. */
  readonly minimum?: number;
  /** Largest allowed number. */
  readonly maximum?: number;
  /** Shortest allowed string. */
  readonly minLength?: number;
  /** Longest allowed string. */
  readonly maxLength?: number;
  /** Fewest allowed array items. */
  readonly minItems?: number;
  /** Most allowed array items. */
  readonly maxItems?: number;
  /** A regular expression a string must match (override data only, e.g. `^[0-9]+$` for an id sent as numeric text). */
  readonly pattern?: string;
  /**
   * A field name the tenant defines beyond the documented ones (override data only: the asset inventory's
   * filter fields): typed `TenantField`, and any text but the documented names (`pattern`) is accepted.
   */
  readonly tenantField?: true;
  /** String format, e.g. `date-time` or `binary`. */
  readonly format?: string;
  /** Default value the spec documents. */
  readonly default?: unknown;
  /**
   * Names this node so that a `$ref` below it can point back to it: the one recursive shape, the AND/OR
   * filter trees (`{AND|OR: [condition | nested tree]}`). The generated types name it the same way.
   */
  readonly $anchor?: string;
  /** `#<anchor>`: this node is the enclosing node of that `$anchor` (a nested tree). */
  readonly $ref?: string;
}

/** The JSON Schemas of one operation. */
export interface OperationJsonSchemas {
  /** The request as the caller passes it (the content of `request_data` when the body is wrapped). */
  readonly request?: JsonSchema;
  /** The reply after the envelope (`reply`, `data`) is removed. */
  readonly reply?: JsonSchema;
}
