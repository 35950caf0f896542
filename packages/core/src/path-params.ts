/**
 * Path parameters that are not body fields: the transport fills `{name}` in the path from the request,
 * and this keeps such values out of the serialised body (services that validate strictly refuse unknown
 * body fields, e.g. `api_key_id` on the IAM key edit).
 *
 * @module
 */

/**
 * A copy of the request where the named fields are still readable (so the path can be filled) but are
 * not enumerable, so `JSON.stringify` leaves them out of the body.
 *
 * @param request - The request with path parameters in it.
 * @param names - Path parameters that are not body fields.
 * @returns The request for the transport.
 */
export function pathOnly<T>(request: T, names: readonly string[]): T {
  if (request === null || typeof request !== "object" || Array.isArray(request)) return request;
  const copy: Record<string, unknown> = { ...(request as Record<string, unknown>) };
  for (const name of names) {
    if (!(name in copy)) continue;
    Object.defineProperty(copy, name, { value: copy[name], enumerable: false, writable: false, configurable: true });
  }
  return copy as T;
}
