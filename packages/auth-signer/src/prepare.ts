// Everything about signing except the hash itself, shared by the Node and web
// entries so both validate and build headers identically.

import { resolveCredentials, validateKey } from "./credentials.js";
import { SigningError, describeReceived } from "./errors.js";
import { NONCE_LENGTH, generateNonce, isValidNonce } from "./nonce.js";

/** Per-call signing options. All are optional; none apply to Standard keys. */
export interface SignOptions {
  /** Fixed 64-character alphanumeric nonce (tests, replays); generated when omitted. */
  readonly nonce?: string | undefined;
  /** Fixed timestamp in epoch milliseconds, as an integer or a digit string. */
  readonly timestamp?: number | string | undefined;
  /**
   * Milliseconds added to the clock when no timestamp is fixed, to correct
   * for skew against the server (positive when the local clock is behind).
   */
  readonly clockOffsetMs?: number | undefined;
  /** Clock returning epoch milliseconds; defaults to `Date.now`. */
  readonly now?: (() => number) | undefined;
}

/** The exact header names the Cortex API expects. */
export const AUTH_HEADER_NAMES = Object.freeze({
  /** The key (Standard) or the SHA-256 hex signature (Advanced). */
  authorization: "Authorization",
  /** The API key id. */
  authId: "x-xdr-auth-id",
  /** The 64-character nonce (Advanced only). */
  nonce: "x-xdr-nonce",
  /** Epoch milliseconds (Advanced only). */
  timestamp: "x-xdr-timestamp",
} as const);

/**
 * What to sign, after validation. The key travels only inside this object.
 * @internal
 */
export type SigningPlan =
  | {
      readonly securityLevel: "standard";
      readonly keyId: string;
      readonly key: string;
    }
  | {
      readonly securityLevel: "advanced";
      readonly keyId: string;
      readonly key: string;
      readonly nonce: string;
      readonly timestamp: string;
    };

/**
 * Validates a timestamp and returns its canonical decimal form, which is
 * both hashed and sent, so the two can never disagree.
 * @internal
 */
export function normalizeTimestamp(value: unknown, key?: string, label = "Timestamp"): string {
  const hint = `${label} must be a non-negative integer number of epoch milliseconds, such as 1700000000000 (Date.now())`;
  if (typeof value === "number") {
    if (Number.isSafeInteger(value) && value >= 0) return String(value);
    throw new SigningError("INVALID_TIMESTAMP", `${hint}; got ${describeReceived(value, key)}`);
  }
  if (typeof value === "string") {
    // Leading zeros are rejected so the string is exactly what String(n) gives.
    if (/^(0|[1-9][0-9]*)$/.test(value) && Number.isSafeInteger(Number(value))) return value;
    throw new SigningError(
      "INVALID_TIMESTAMP",
      `${hint}, written with digits only and no leading zeros; got ${describeReceived(value, key)}`,
    );
  }
  throw new SigningError("INVALID_TIMESTAMP", `${hint}; got ${describeReceived(value, key)}`);
}

/**
 * Validates a nonce and returns it.
 * @internal
 */
export function validateNonce(value: unknown, key?: string): string {
  if (isValidNonce(value)) return value;
  let problem: string;
  if (typeof value !== "string") problem = `got ${describeReceived(value, key)}`;
  else if (value.length !== NONCE_LENGTH) problem = `got ${value.length} characters`;
  else problem = "got characters outside A-Z, a-z and 0-9";
  // The nonce itself is not echoed: it may be a secret passed in the wrong slot.
  throw new SigningError(
    "INVALID_NONCE",
    `Nonce must be exactly ${NONCE_LENGTH} characters from A-Z, a-z and 0-9; ${problem}. Omit options.nonce to have one generated`,
  );
}

/**
 * Checks a clock offset (a finite number of ms).
 * @internal
 */
export function validateClockOffset(value: unknown, key: string): number {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  throw new SigningError(
    "INVALID_CLOCK_OFFSET",
    `clockOffsetMs must be a finite number of milliseconds to add to the local clock (positive when it is behind the server); got ${describeReceived(value, key)}`,
  );
}

interface ValidOptions {
  readonly nonce: string | undefined;
  readonly timestamp: string | undefined;
  readonly clockOffsetMs: number;
  readonly now: () => number;
}

// Options are validated even for Standard keys, where they are unused, so a
// mistake surfaces before the key is upgraded to Advanced.
function validateOptions(options: unknown, key: string): ValidOptions {
  if (options === undefined) {
    return { nonce: undefined, timestamp: undefined, clockOffsetMs: 0, now: Date.now };
  }
  if (typeof options !== "object" || options === null) {
    throw new TypeError(`Signing options must be an object or undefined; got ${describeReceived(options, key)}`);
  }
  const o = options as Record<string, unknown>;
  const now = o["now"] ?? Date.now;
  if (typeof now !== "function") {
    throw new SigningError(
      "INVALID_TIMESTAMP",
      `options.now must be a function returning epoch milliseconds, like Date.now; got ${describeReceived(now, key)}`,
    );
  }
  return {
    nonce: o["nonce"] === undefined ? undefined : validateNonce(o["nonce"], key),
    timestamp: o["timestamp"] === undefined ? undefined : normalizeTimestamp(o["timestamp"], key),
    clockOffsetMs: o["clockOffsetMs"] === undefined ? 0 : validateClockOffset(o["clockOffsetMs"], key),
    now: now as () => number,
  };
}

function currentTimestamp(options: ValidOptions, key: string): string {
  // Called without a receiver, as a bare Date.now() would be, so a custom clock
  // never sees our internal options object as `this`.
  const { now } = options;
  const raw: unknown = now();
  if (typeof raw !== "number" || !Number.isFinite(raw)) {
    throw new SigningError(
      "INVALID_TIMESTAMP",
      `options.now() must return a finite number of epoch milliseconds; got ${describeReceived(raw, key)}`,
    );
  }
  // Clocks such as performance-based ones may return fractions; the header
  // needs whole milliseconds.
  return normalizeTimestamp(Math.floor(raw + options.clockOffsetMs), key, "Clock time plus clockOffsetMs");
}

/**
 * Validates credentials and options, and picks a fresh nonce and timestamp
 * for Advanced keys unless fixed by the caller.
 * @internal
 */
export function planSignature(credentials: unknown, options: unknown): SigningPlan {
  const { keyId, key, securityLevel } = resolveCredentials(credentials);
  const valid = validateOptions(options, key);
  if (securityLevel === "standard") return { securityLevel, keyId, key };
  return {
    securityLevel,
    keyId,
    key,
    nonce: valid.nonce ?? generateNonce(),
    timestamp: valid.timestamp ?? currentTimestamp(valid, key),
  };
}

/**
 * Validates the inputs of the Advanced hash and returns the exact string to
 * digest: key, nonce and timestamp concatenated in that order (not an HMAC).
 * @internal
 */
export function advancedHashInput(key: unknown, nonce: unknown, timestamp: unknown): string {
  const validKey = validateKey(key);
  return concatenate(validKey, validateNonce(nonce, validKey), normalizeTimestamp(timestamp, validKey));
}

/**
 * The string to digest for an Advanced plan.
 * @internal
 */
export function planHashInput(plan: Extract<SigningPlan, { securityLevel: "advanced" }>): string {
  return concatenate(plan.key, plan.nonce, plan.timestamp);
}

// The one place the vendor's order (key, nonce, timestamp) is encoded.
function concatenate(key: string, nonce: string, timestamp: string): string {
  return key + nonce + timestamp;
}

/**
 * Builds the header object for a plan, given its Advanced authorization hash.
 * @internal
 */
export function buildHeaders(plan: SigningPlan, authorization?: string): Record<string, string> {
  if (plan.securityLevel === "standard") {
    return {
      [AUTH_HEADER_NAMES.authorization]: plan.key,
      [AUTH_HEADER_NAMES.authId]: plan.keyId,
    };
  }
  if (authorization === undefined) throw new Error("internal: missing authorization hash");
  return {
    [AUTH_HEADER_NAMES.authorization]: authorization,
    [AUTH_HEADER_NAMES.authId]: plan.keyId,
    [AUTH_HEADER_NAMES.nonce]: plan.nonce,
    [AUTH_HEADER_NAMES.timestamp]: plan.timestamp,
  };
}
