import { SigningError, describeReceived } from "./errors.js";

/** Which signing scheme an API key uses, as chosen when the key was created. */
export type SecurityLevel = "standard" | "advanced";

// Pure: a bundle that never reads the list drops it.
/** The valid {@link SecurityLevel} values. */
export const SECURITY_LEVELS: readonly SecurityLevel[] = /* @__PURE__ */ Object.freeze(["standard", "advanced"]);

/** Plain credentials as found in configuration. */
export interface CredentialsInput {
  /** The API key id: a positive integer, as a digit string or a number. */
  readonly keyId: string | number;
  /** The secret API key. */
  readonly key: string;
  /** The key's security level (case-sensitive). */
  readonly securityLevel: SecurityLevel;
}

/** The non-secret part of credentials, safe to log. */
export interface CredentialsDescription {
  /** The API key id, as sent in `x-xdr-auth-id`. */
  readonly keyId: string;
  /** The key's security level. */
  readonly securityLevel: SecurityLevel;
}

/** What `JSON.stringify` shows for {@link Credentials}. */
export interface RedactedCredentialsJSON extends CredentialsDescription {
  /** Always `"[REDACTED]"`. */
  readonly key: "[REDACTED]";
}

/** Anything the signing functions accept as credentials. */
export type SignableCredentials = CredentialsInput | Credentials;

/**
 * Validated credentials, after normalisation, including the key.
 * @internal
 */
export interface ValidCredentials {
  readonly keyId: string;
  readonly key: string;
  readonly securityLevel: SecurityLevel;
}

const REDACTED = "[REDACTED]" as const;

// Lets other copies of this package recognise a Credentials object they can't
// read, so they can explain the problem instead of reporting a missing key.
const CREDENTIALS_BRAND = Symbol.for("cortex-sdk.Credentials");

// Assigned in the class's static block: the only code that can read `#key`
// or call the private constructor, and neither is exported from the entries.
let readPrivateKey: (credentials: Credentials) => string;
let hasPrivateKey: (value: object) => value is Credentials;
let construct: (valid: ValidCredentials) => Credentials;

/**
 * Validated API credentials that keep the key out of logs: `toString`,
 * `JSON.stringify`, `util.inspect` and template strings all show
 * `[REDACTED]`. Create with {@link createCredentials}; instances are frozen.
 */
export class Credentials {
  /** The API key id, as sent in `x-xdr-auth-id`. */
  readonly keyId: string;
  /** The key's security level. */
  readonly securityLevel: SecurityLevel;
  readonly #key: string;

  private constructor(valid: ValidCredentials) {
    this.keyId = valid.keyId;
    this.securityLevel = valid.securityLevel;
    this.#key = valid.key;
    Object.freeze(this);
  }

  static {
    readPrivateKey = (credentials) => credentials.#key;
    hasPrivateKey = (value): value is Credentials => #key in value;
    construct = (valid) => new Credentials(valid);
    Object.defineProperty(this.prototype, CREDENTIALS_BRAND, { value: true });
  }

  /** The non-secret fields, safe to log. */
  describe(): CredentialsDescription {
    return { keyId: this.keyId, securityLevel: this.securityLevel };
  }

  /** A log-safe summary with the key redacted. */
  toString(): string {
    return `Credentials(keyId=${this.keyId}, securityLevel=${this.securityLevel}, key=${REDACTED})`;
  }

  /** Used by `JSON.stringify`; the key is replaced by `"[REDACTED]"`. */
  toJSON(): RedactedCredentialsJSON {
    return { keyId: this.keyId, securityLevel: this.securityLevel, key: REDACTED };
  }

  /**
   * Used by Node's `util.inspect` and `console.log`; shows the key as
   * `[REDACTED]`. Typed structurally so this module stays free of Node imports.
   */
  [Symbol.for("nodejs.util.inspect.custom")](
    _depth: number,
    options: object,
    inspect?: (value: unknown, options: object) => string,
  ): string {
    const shown = this.toJSON();
    return typeof inspect === "function"
      ? `Credentials ${inspect(shown, options)}`
      : this.toString();
  }
}

/**
 * Checks that an API key is a non-blank string and returns it unchanged.
 * @internal
 */
export function validateKey(key: unknown): string {
  if (key === undefined || key === null) {
    throw new SigningError(
      "EMPTY_KEY",
      "API key is missing; pass the secret key generated in the Cortex console as `key`",
    );
  }
  if (typeof key !== "string") {
    // Only the type is reported: the value may well be the secret.
    throw new SigningError(
      "INVALID_CREDENTIALS",
      `API key must be a string; got ${typeof key}. Pass the secret key generated in the Cortex console as \`key\``,
    );
  }
  if (key.length === 0) {
    throw new SigningError(
      "EMPTY_KEY",
      "API key is empty; pass the secret key generated in the Cortex console as `key` (check that the environment variable or secret is set)",
    );
  }
  if (key.trim().length === 0) {
    throw new SigningError(
      "EMPTY_KEY",
      "API key contains only whitespace; pass the secret key generated in the Cortex console as `key` (check that the environment variable or secret is set)",
    );
  }
  return key;
}

function validateKeyId(keyId: unknown, key: string): string {
  if (typeof keyId === "number" && Number.isSafeInteger(keyId) && keyId > 0) {
    return String(keyId);
  }
  // Canonical digits only, so the id we send is exactly what the console shows.
  if (typeof keyId === "string" && /^[1-9][0-9]*$/.test(keyId)) return keyId;
  throw new SigningError(
    "INVALID_KEY_ID",
    `API key id must be a positive integer such as "42"; got ${describeReceived(keyId, key)}`,
  );
}

function validateSecurityLevel(level: unknown, key: string): SecurityLevel {
  if (level === "standard" || level === "advanced") return level;
  throw new SigningError(
    "INVALID_SECURITY_LEVEL",
    `Security level must be "standard" or "advanced" (lowercase, matching the key's type in the Cortex console); got ${describeReceived(level, key)}`,
  );
}

function describeType(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  return Array.isArray(value) ? "an array" : `a ${typeof value}`;
}

function validateInput(input: unknown): ValidCredentials {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    // Only the type is reported: a bare string here is probably the key itself.
    throw new SigningError(
      "INVALID_CREDENTIALS",
      `Credentials must be an object like { keyId, key, securityLevel } or the result of createCredentials(); got ${describeType(input)}`,
    );
  }
  const record = input as Record<string, unknown>;
  // The key is checked first so later messages can avoid echoing it.
  const key = validateKey(record["key"]);
  return {
    key,
    keyId: validateKeyId(record["keyId"], key),
    securityLevel: validateSecurityLevel(record["securityLevel"], key),
  };
}

/**
 * Validates plain credentials and wraps them in a frozen {@link Credentials}
 * object that never reveals the key. Passing a `Credentials` object returns it
 * unchanged.
 * @throws {@link SigningError} with code `EMPTY_KEY`, `INVALID_KEY_ID`,
 * `INVALID_SECURITY_LEVEL` or `INVALID_CREDENTIALS`.
 */
export function createCredentials(input: SignableCredentials): Credentials {
  // A private-field check, unlike instanceof, can't be fooled by
  // Object.create(Credentials.prototype).
  if (typeof input === "object" && input !== null && hasPrivateKey(input)) return input;
  assertNotForeign(input);
  return construct(validateInput(input));
}

function assertNotForeign(input: unknown): void {
  if (
    typeof input === "object" &&
    input !== null &&
    (input as { [CREDENTIALS_BRAND]?: unknown })[CREDENTIALS_BRAND] === true &&
    !hasPrivateKey(input)
  ) {
    throw new SigningError(
      "INVALID_CREDENTIALS",
      "This Credentials object was created by a different copy of @cortex-sdk/auth-signer and its key cannot be read here; deduplicate the dependency or pass plain { keyId, key, securityLevel }",
    );
  }
}

/**
 * Normalises any accepted credentials into validated fields, including the
 * key. Package-internal: not re-exported from the entry points.
 * @internal
 */
export function resolveCredentials(input: unknown): ValidCredentials {
  if (typeof input === "object" && input !== null && hasPrivateKey(input)) {
    return { keyId: input.keyId, key: readPrivateKey(input), securityLevel: input.securityLevel };
  }
  assertNotForeign(input);
  return validateInput(input);
}
