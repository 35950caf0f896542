/**
 * Redaction of secrets from headers, bodies and text before they reach logs or errors.
 *
 * @module
 */

/** Placeholder that replaces every redacted value. */
export const REDACTED = "[REDACTED]";

// Header names that carry credentials or the material to forge them: Authorization, every x-xdr-*
// header (key id, nonce, timestamp), cookies and proxy credentials.
const SECRET_HEADER = /^(authorization|proxy-authorization|cookie|set-cookie|x-api-key|x-api-key-id|x-xsrf-token|x-xdr-.*)$/i;
// Body fields that carry secrets: generate replies hold `key`, profiles hold `apiKey`.
const SECRET_FIELD =
  /^(key|api_?key|api_?key_?secret|secret|client_?secret|password|passphrase|token|access_?token|refresh_?token|id_?token|authorization|proxy_?authorization|private_?key|cookie)$/i;
// user:password@ in URLs (proxy URLs, pasted base URLs).
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)([^/\s:@]*):([^/\s@]*)@/gi;

/**
 * Whether a header carries a credential and must never be logged.
 *
 * @param name - Header name, any case.
 * @returns True for Authorization, every `x-xdr-*` header, cookies and proxy credentials.
 */
export function isSecretHeader(name: string): boolean {
  return SECRET_HEADER.test(name);
}

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
 * Returns a deep copy of a JSON value with secret-bearing fields replaced by {@link REDACTED}, passwords in
 * URLs hidden and every occurrence of the given secrets removed from strings.
 *
 * @param value - Any JSON-like value.
 * @param secrets - Known secret strings (API keys) to remove wherever they appear.
 * @returns The redacted copy.
 */
export function redactBody(value: unknown, secrets: readonly string[] = []): unknown {
  return redactValue(value, secrets, 0);
}

function redactValue(value: unknown, secrets: readonly string[], depth: number): unknown {
  if (typeof value === "string") return redactText(value, secrets);
  if (depth > 32) return "[…]";
  if (Array.isArray(value)) return value.map((inner) => redactValue(inner, secrets, depth + 1));
  if (value instanceof Error) return redactText(`${value.name}: ${value.message}`, secrets);
  if (value !== null && typeof value === "object") {
    if (value instanceof Uint8Array) return `[${value.byteLength} bytes]`;
    const out: Record<string, unknown> = {};
    for (const [field, inner] of Object.entries(value)) {
      out[field] = SECRET_FIELD.test(field) && inner !== null && typeof inner !== "object" ? REDACTED : redactValue(inner, secrets, depth + 1);
    }
    return out;
  }
  return value;
}

/**
 * Removes every occurrence of the given secrets from a text, and passwords from URLs in it (for raw bodies
 * that are not JSON, and log messages).
 *
 * @param text - Text that may contain secrets.
 * @param secrets - Secret strings to hide; strings shorter than 8 characters are ignored.
 * @returns The text with each secret replaced by {@link REDACTED}.
 */
export function redactText(text: string, secrets: readonly string[]): string {
  let out = text.includes("@") ? text.replace(URL_CREDENTIALS, `$1$2:${REDACTED}@`) : text;
  for (const secret of secrets) {
    if (secret.length >= 8 && out.includes(secret)) out = out.split(secret).join(REDACTED);
  }
  return out;
}

/**
 * Hides the password of a URL (`http://user:secret@proxy:8080` → `http://user:[REDACTED]@proxy:8080`).
 *
 * @param url - A URL that may hold credentials.
 * @returns The URL safe to show.
 */
export function redactUrl(url: string): string {
  return redactText(url, []);
}

/**
 * Removes every occurrence of the given secrets from an error in place: its message, stack and the
 * body, detail and headers an API error carries, and the same for its causes. For errors that passed
 * through text the SDK does not control (a server echoing the Authorization header, a proxy's message).
 *
 * @param error - Anything thrown.
 * @param secrets - Secret strings to hide (strings shorter than 8 characters are ignored).
 * @returns The same error.
 */
export function redactError<T>(error: T, secrets: readonly string[]): T {
  scrub(error, secrets.filter((secret) => secret.length >= 8), 0);
  return error;
}

function scrub(error: unknown, secrets: readonly string[], depth: number): void {
  if (secrets.length === 0 || depth > 4 || error === null || typeof error !== "object") return;
  const record = error as Record<string, unknown>;
  for (const field of ["message", "stack"] as const) {
    const text = record[field];
    if (typeof text === "string" && secrets.some((secret) => text.includes(secret))) {
      try {
        record[field] = redactText(text, secrets);
      } catch {
        // A frozen error: nothing to do.
      }
    }
  }
  for (const field of ["body", "detail", "headers", "lastState", "reply"]) {
    if (!(field in record) || record[field] === undefined) continue;
    const value = record[field];
    if (!containsSecret(value, secrets)) continue;
    try {
      record[field] = redactBody(value, secrets);
    } catch {
      // A read-only field: nothing to do.
    }
  }
  if ("cause" in record) scrub(record["cause"], secrets, depth + 1);
  if (Array.isArray(record["errors"])) for (const inner of record["errors"]) scrub(inner, secrets, depth + 1);
}

function containsSecret(value: unknown, secrets: readonly string[]): boolean {
  if (typeof value === "string") return secrets.some((secret) => value.includes(secret));
  if (value === null || typeof value !== "object") return false;
  let text: string;
  try {
    text = JSON.stringify(value) ?? "";
  } catch {
    return true;
  }
  return secrets.some((secret) => text.includes(secret));
}
