/**
 * Every reason signing can fail. Closed on purpose: callers switch on it, so a
 * new code is a breaking change.
 */
export type SigningErrorCode =
  | "EMPTY_KEY"
  | "INVALID_KEY_ID"
  | "INVALID_SECURITY_LEVEL"
  | "INVALID_NONCE"
  | "INVALID_TIMESTAMP"
  | "INVALID_CLOCK_OFFSET"
  | "INVALID_CREDENTIALS";

// Pure: a bundle that never reads the list drops it.
/** All {@link SigningErrorCode} values, for exhaustive checks and tests. */
export const SIGNING_ERROR_CODES: readonly SigningErrorCode[] = /* @__PURE__ */ Object.freeze([
  "EMPTY_KEY",
  "INVALID_KEY_ID",
  "INVALID_SECURITY_LEVEL",
  "INVALID_NONCE",
  "INVALID_TIMESTAMP",
  "INVALID_CLOCK_OFFSET",
  "INVALID_CREDENTIALS",
]);

// A registry symbol survives duplicate installs of this package, where two
// copies of the class make `instanceof` unreliable.
const SIGNING_ERROR_BRAND = Symbol.for("cortex-sdk.SigningError");

/**
 * Thrown when credentials or signing options are invalid. Messages say what is
 * wrong and how to fix it, and never contain the API key.
 */
export class SigningError extends Error {
  /** Machine-readable reason; stable across releases. */
  readonly code: SigningErrorCode;

  /**
   * @param code - Machine-readable reason.
   * @param message - Human-readable explanation; must not contain the API key.
   */
  constructor(code: SigningErrorCode, message: string) {
    super(message);
    this.code = code;
  }

  static {
    // On the prototype so the brand and name don't clutter each instance.
    Object.defineProperty(this.prototype, SIGNING_ERROR_BRAND, { value: true });
    Object.defineProperty(this.prototype, "name", {
      value: "SigningError",
      writable: true,
      configurable: true,
    });
  }
}

/**
 * Whether `error` is a {@link SigningError}, even one thrown by another copy
 * of this package (checks a `Symbol.for` brand instead of `instanceof`).
 */
export function isSigningError(error: unknown): error is SigningError {
  return (
    typeof error === "object" &&
    error !== null &&
    (error as { [SIGNING_ERROR_BRAND]?: unknown })[SIGNING_ERROR_BRAND] === true &&
    typeof (error as { code?: unknown }).code === "string"
  );
}

/**
 * Renders a rejected input for an error message. Short non-secret values are
 * quoted so the user can spot the typo; anything that contains the key, or is
 * long enough to be a secret pasted into the wrong field, is only described.
 * @internal
 */
export function describeReceived(value: unknown, key?: string): string {
  let shown: string;
  if (typeof value === "string") {
    if (value.length > 32) return `a ${value.length}-character string (not shown)`;
    shown = JSON.stringify(value);
  } else if (typeof value === "number") {
    shown = Object.is(value, -0) ? "-0" : String(value);
  } else if (value === null || value === undefined) {
    return String(value);
  } else {
    return Array.isArray(value) ? "an array" : `a value of type ${typeof value}`;
  }
  // Checked on the raw value and on its quoted form, since escaping could
  // otherwise reveal a key containing quotes or backslashes.
  if (key !== undefined && key.length > 0 && (String(value).includes(key) || shown.includes(key))) {
    return "a value containing the API key (not shown; were the arguments mixed up?)";
  }
  return shown;
}
