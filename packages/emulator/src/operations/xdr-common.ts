/**
 * Shared plumbing of the XDR / XSIAM stateful operations: each handler gets
 * the tenant's {@link XdrWorld}, and mutating handlers answer only once the
 * world's changes are on disk (with a data directory).
 */
import { ApiError, REPLY_ERRORS } from "../envelopes.js";
import type { OperationResult } from "../generic.js";
import { asObject, isJsonObject, type JsonObject } from "../query.js";
import type { HttpMethod, Operation, OperationContext } from "../router.js";
import type { Deployment } from "@cortex-sdk/schemas-base/products";
import type { ResolvedXdrOptions } from "../state/xdr/options.js";
import { saveXdrWorld, xdrWorld } from "../state/xdr/registry.js";
import type { XdrWorld } from "../state/xdr/world.js";
import { servedBy } from "./served.js";

/** Base path of the v2 public API. */
export const PUBLIC_API_V2 = "/public_api/v2";

/** A handler with the tenant's world. */
export type XdrHandler = (context: OperationContext, world: XdrWorld) => OperationResult | Promise<OperationResult>;

/** How an XDR operation is declared. */
export interface XdrOperationSpec {
  /** Operation id as in the schemas table. */
  readonly id: string;
  /** Canonical path. */
  readonly path: string;
  /** Permission, or `null` for any valid key. */
  readonly permission: string | null;
  /** Whether it changes persisted state. */
  readonly mutates?: boolean;
  /** HTTP method; default POST. */
  readonly method?: HttpMethod;
  /** Deployments, for a route outside the table; default: the table's that hold the XDR state. */
  readonly products?: readonly Deployment[];
  /** The handler. */
  readonly handle: XdrHandler;
}

/** Builds an {@link Operation} whose handler runs against the tenant's world. */
export function xdrOperation(spec: XdrOperationSpec, options: ResolvedXdrOptions): Operation {
  return {
    id: spec.id,
    method: spec.method ?? "POST",
    surface: "cortex",
    path: spec.path,
    permission: spec.permission,
    products: spec.products ?? servedBy(spec.id, "xdr"),
    ...(spec.mutates === true ? { mutates: true } : {}),
    handle: async (context) => {
      const world = await xdrWorld(context.state, context.tenant, options);
      const result = await spec.handle(context, world);
      if (spec.mutates === true) await saveXdrWorld(context.state, world);
      return result;
    },
  };
}

/** `request_data` as an object (400 otherwise). */
export function dataOf(context: OperationContext): JsonObject {
  return asObject(context.requestData, "request_data");
}

/** `{"reply": value}`. */
export function replyWith(value: unknown): OperationResult {
  return { body: { reply: value } };
}

/** A required string field (numbers are accepted and turned into strings, as ids often are). */
export function requireId(data: JsonObject, field: string): string {
  const value = data[field];
  if (value === undefined || value === null || value === "") throw REPLY_ERRORS.invalidInput(`${field}: Field required`);
  if (typeof value === "number" && Number.isSafeInteger(value)) return String(value);
  if (typeof value !== "string") throw REPLY_ERRORS.invalidInput(`${field}: Input should be a valid string`);
  return value;
}

/** An optional string field. */
export function optionalString(data: JsonObject, field: string): string | undefined {
  const value = data[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw REPLY_ERRORS.invalidInput(`${field}: Input should be a valid string`);
  return value;
}

/** A required integer id, given as a number or a numeric string. */
export function requireIntegerId(data: JsonObject, field: string): number {
  const value = data[field];
  if (value === undefined || value === null) throw REPLY_ERRORS.invalidInput(`${field}: Field required`);
  const number = typeof value === "string" && /^[0-9]{1,15}$/.test(value) ? Number(value) : value;
  if (typeof number !== "number" || !Number.isSafeInteger(number)) {
    throw REPLY_ERRORS.invalidInput(`${field}: Input should be a valid integer`);
  }
  return number;
}

/** A 500 in the generic XDR envelope with a message in `err_extra` (the vendor's "... was not found" errors). */
export function xdrError(extra: string): ApiError {
  return new ApiError(500, "An error occurred while processing XDR public API", extra);
}

/** Whether a value is a JSON object. */
export { isJsonObject };
