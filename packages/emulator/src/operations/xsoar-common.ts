/**
 * Shared pieces of the XSOAR operations: body checks, XSOAR-style errors,
 * optimistic locking and page/size paging (reference xsoar-xpanse-cloud §2.3, §2.7).
 */
import { ApiError, xsoarErrorBody } from "../envelopes.js";
import { isJsonObject, type JsonObject } from "../query.js";
import type { OperationContext } from "../router.js";
import type { Deployment } from "@cortex-sdk/schemas-base/products";


/** Page size when a search sends none (not documented). */
export const XSOAR_DEFAULT_PAGE_SIZE = 50;

/** A 400 in XSOAR's envelope. */
export function xsoarBadRequest(detail: string): ApiError {
  return new ApiError(400, "Bad Request", detail);
}

/** A 404 in XSOAR's envelope. */
export function xsoarNotFound(detail: string): ApiError {
  return new ApiError(404, "Not Found", detail);
}

/**
 * The optimistic-locking rejection: 409 (the status a third-party client
 * checks; the official text only names the "DB version conflict" error).
 */
export function versionConflict(kind: string, id: string, sent: number, current: number): ApiError {
  const error = `DB version conflict [${kind} ${id}: sent version ${sent}, current version ${current}]`;
  return new ApiError(409, "Conflict", error, {
    body: { id: "conflict", status: 409, title: "Conflict", detail: "DB version conflict", error, encrypted: false, multires: null },
  });
}

/**
 * Checks `version` against the stored one: equal, or `-1` to force.
 * @throws ApiError 400 when missing or not an integer, 409 when stale.
 */
export function checkVersion(kind: string, id: string, sent: unknown, current: number): void {
  if (typeof sent !== "number" || !Number.isInteger(sent)) {
    throw xsoarBadRequest(`version is required to update ${kind} ${id} (send the current version, or -1 to overwrite)`);
  }
  if (sent !== -1 && sent !== current) throw versionConflict(kind, id, sent, current);
}

/** The body as an object, else 400. */
export function bodyObject(context: OperationContext): JsonObject {
  if (!isJsonObject(context.body)) throw xsoarBadRequest("Request body must be a JSON object");
  return context.body;
}

/** An optional string field. */
export function optionalString(data: JsonObject, field: string): string | undefined {
  const value = data[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw xsoarBadRequest(`${field} must be a string`);
  return value;
}

/** An optional list of strings. */
export function optionalStrings(data: JsonObject, field: string): string[] | undefined {
  const value = data[field];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every((item) => typeof item === "string")) {
    throw xsoarBadRequest(`${field} must be a list of strings`);
  }
  return value as string[];
}

/** An optional list of numbers. */
export function optionalNumbers(data: JsonObject, field: string): number[] | undefined {
  const value = data[field];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every((item) => typeof item === "number")) {
    throw xsoarBadRequest(`${field} must be a list of numbers`);
  }
  return value as number[];
}

/** `page` (0-based) and `size` of a filter: the slice bounds. */
export function xsoarPage(filter: JsonObject): { from: number; to: number } {
  const page = filter["page"] ?? 0;
  const size = filter["size"] ?? XSOAR_DEFAULT_PAGE_SIZE;
  if (typeof page !== "number" || !Number.isInteger(page) || page < 0) throw xsoarBadRequest("filter.page must be an integer >= 0");
  if (typeof size !== "number" || !Number.isInteger(size) || size < 0) throw xsoarBadRequest("filter.size must be an integer >= 0");
  return { from: page * size, to: page * size + size };
}

/** Compares two values of a sort field (numbers numerically, ISO times as text, else case-insensitive). */
export function compareValues(a: unknown, b: unknown): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  const left = a === undefined || a === null ? "" : String(a).toLowerCase();
  const right = b === undefined || b === null ? "" : String(b).toLowerCase();
  return left < right ? -1 : left > right ? 1 : 0;
}

/**
 * Compiles `sort: [{field, asc}]` into a comparator over `read(record, field)`;
 * `fallback` orders ties and applies when no sort is sent.
 */
export function compileXsoarSort<T>(
  sort: unknown,
  read: (record: T, field: string) => unknown,
  fallback: (a: T, b: T) => number,
): (a: T, b: T) => number {
  if (sort === undefined || sort === null) return fallback;
  if (!Array.isArray(sort)) throw xsoarBadRequest("sort must be a list of {field, asc}");
  const keys = sort.map((entry: unknown) => {
    if (!isJsonObject(entry) || typeof entry["field"] !== "string") throw xsoarBadRequest("each sort entry needs a 'field'");
    return { field: entry["field"], asc: entry["asc"] === true };
  });
  return (a, b) => {
    for (const key of keys) {
      const order = compareValues(read(a, key.field), read(b, key.field));
      if (order !== 0) return key.asc ? order : -order;
    }
    return fallback(a, b);
  };
}

/** The user name writes are attributed to. */
export function actingUser(context: OperationContext): string {
  return context.key.bootstrap ? "admin" : `apikey-${context.key.id}`;
}
