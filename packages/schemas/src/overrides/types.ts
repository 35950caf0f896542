/**
 * The shape of one correction the generator applies on top of the vendor specs. Overrides are plain
 * data, one entry per correction, each with a one-line reason. An override that matches nothing makes
 * the generator fail, so stale corrections are noticed when the specs change.
 *
 * @module
 */
import type { JsonSchema } from "../../../schemas-base/src/json-schema.js";
import type { AsyncKind, OperationLimits, Pagination, Product, ReplyEnvelope, ReplyKind, RequestEnvelope, RetrySafety, Xsoar8Requirement, XsoarVersion } from "../../../schemas-base/src/operation.js";

/** An operation, written `"<METHOD> <path>"`, e.g. `"POST /public_api/v1/incidents/get_incidents"`. */
export type OperationRef = `${"GET" | "POST" | "PUT" | "PATCH" | "DELETE"} /${string}`;

/** Entry fields an override may set. */
export interface EntryPatch {
  /** Replaces the products. */
  readonly products?: readonly Product[];
  /** Replaces the XSOAR versions. */
  readonly xsoarVersions?: readonly XsoarVersion[];
  /** Replaces the request envelope. */
  readonly requestEnvelope?: RequestEnvelope;
  /** Replaces the reply envelope. */
  readonly replyEnvelope?: ReplyEnvelope;
  /** Replaces the reply kind. */
  readonly replyKind?: ReplyKind;
  /** Replaces the pagination. */
  readonly pagination?: Pagination;
  /** Replaces the retry safety. */
  readonly retrySafety?: RetrySafety;
  /** Replaces the async kind. */
  readonly async?: AsyncKind;
  /** Merged into the limits. */
  readonly limits?: OperationLimits;
  /** Replaces the licence. */
  readonly license?: string;
  /** Replaces the permissions. */
  readonly permissions?: readonly string[];
  /** Marks the operation deprecated, naming the replacement. */
  readonly deprecated?: string;
  /** Marks the reply as carrying a secret. */
  readonly replyHoldsSecret?: boolean;
  /** Replaces the top-level siblings of `request_data`. */
  readonly requestSiblings?: readonly string[];
  /** Top-level request fields required on XSOAR 8 only (one schema serves 6 and 8). */
  readonly requiredOnXsoar8?: Xsoar8Requirement;
}

/** Corrects entry metadata of one operation. */
export interface EntryOverride {
  /** Discriminant. */
  readonly kind: "entry";
  /** The operation. */
  readonly operation: OperationRef;
  /** Fields to set. */
  readonly set: EntryPatch;
  /** One line: why. */
  readonly reason: string;
}

/** Corrects one node of an operation's request or reply schema (after the envelope is removed). */
export interface SchemaOverride {
  /** Discriminant. */
  readonly kind: "schema";
  /** The operation. */
  readonly operation: OperationRef;
  /** Which schema. */
  readonly target: "request" | "reply";
  /**
   * Path of the node, as property names separated by `/`; `[]` steps into array items and `*` is the
   * root. For example `incidents/[]/incident_id`.
   */
  readonly at: string;
  /** Replace the node with this schema. */
  readonly replace?: JsonSchema;
  /** With `replace`: the property is missing from the spec and is added (otherwise a missing node fails the generator). */
  readonly create?: true;
  /** Merge these keywords into the node. */
  readonly merge?: JsonSchema;
  /** Rename the property at `at` to this name. */
  readonly rename?: string;
  /** Remove the property at `at`. */
  readonly remove?: true;
  /** One line: why. */
  readonly reason: string;
}

/** Marks an example embedded in a spec as wrong, so the example test skips it. */
export interface ExampleOverride {
  /** Discriminant. */
  readonly kind: "example";
  /** The operation. */
  readonly operation: OperationRef;
  /** Spec file holding the example. */
  readonly spec: string;
  /** Request or response example. */
  readonly target: "request" | "reply";
  /** Example name (`*` for every example of that operation and target in that spec). */
  readonly example: string;
  /** One line: why. */
  readonly reason: string;
}

/** Leaves an operation of a spec out of the table. */
export interface ExcludeOverride {
  /** Discriminant. */
  readonly kind: "exclude";
  /** The operation. */
  readonly operation: OperationRef;
  /** Spec file it is excluded from. */
  readonly spec: string;
  /** One line: why. */
  readonly reason: string;
}

/** Acknowledges a `$ref` of a spec that points nowhere; the generator treats the target as any JSON value. */
export interface BrokenRefOverride {
  /** Discriminant. */
  readonly kind: "brokenRef";
  /** Spec file. */
  readonly spec: string;
  /** The reference, e.g. `#/components/schemas/Name`. */
  readonly ref: string;
  /** One line: why. */
  readonly reason: string;
}

/** Any override. */
export type Override = EntryOverride | SchemaOverride | ExampleOverride | ExcludeOverride | BrokenRefOverride;
