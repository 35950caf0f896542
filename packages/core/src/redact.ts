/**
 * Redaction of secrets from headers and bodies before they reach logs or errors.
 *
 * @module
 */

/** Placeholder that replaces every redacted value. */
export const REDACTED = "[REDACTED]";

// Header names that carry credentials or the material to forge them.
const SECRET_HEADER = /^(authorization|x-xdr-auth-id|x-xdr-nonce|x-xdr-timestamp|cookie|set-cookie|proxy-authorization)$/i;
// Body fields that carry secrets: generate replies hold `key`, profiles hold `apiKey`.
const SECRET_FIELD = /^(key|api_key|apikey|secret|password|token|authorization|access_token|refresh_token)$/i;

/**
 * Returns a copy of a header map with credential headers replaced by {@link REDACTED}.
 *
 * @param headers - Header name to value.
 * @returns A new object; the input is not changed.
 */
export function redactHeaders(headers: Readonly<Record<string, string | string[] | undefined>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name] = SECRET_HEADER.test(name) ? REDACTED : Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}

/**
 * Returns a deep copy of a JSON value with secret-bearing fields replaced by {@link REDACTED}.
 *
 * @param value - Any JSON-like value.
 * @returns The redacted copy.
 */
export function redactBody(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactBody);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [field, inner] of Object.entries(value)) {
      out[field] = SECRET_FIELD.test(field) && inner !== null && typeof inner !== "object" ? REDACTED : redactBody(inner);
    }
    return out;
  }
  return value;
}

/**
 * Removes every occurrence of the given secrets from a text (for raw bodies that are not JSON).
 *
 * @param text - Text that may contain secrets.
 * @param secrets - Secret strings to hide; empty strings are ignored.
 * @returns The text with each secret replaced by {@link REDACTED}.
 */
export function redactText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length > 0) out = out.split(secret).join(REDACTED);
  }
  return out;
}
