// Node implementation: synchronous hashing with node:crypto. Only the Node
// entry imports this module.

import * as crypto from "node:crypto";
import { createCredentials, resolveCredentials, type Credentials } from "./credentials.js";
import { createNonceSource } from "./nonce.js";
import type { CredentialsDescription, SignableCredentials } from "./credentials.js";
import { advancedHashInput, buildHeaders, normalizeTimestamp, planHashInput, planSignature, validateClockOffset } from "./prepare.js";
import type { SignOptions } from "./prepare.js";

// One-shot `crypto.hash` (Node 20.12+) skips the Hash object a `createHash` chain builds per call; the chain
// stays as the fallback for runtimes that lack it.
const oneShotHash = (crypto as { hash?: (algorithm: string, data: string, encoding: "hex") => string }).hash;

// The clock signer draws its nonces from node:crypto's CSPRNG (this module is Node's already), pooled as
// generateNonce pools WebCrypto's: a bundle of it then carries no WebCrypto lookup, nor its error for runtimes
// without one.
let nodeNonces: (() => string) | undefined;

function nodeNonce(): string {
  nodeNonces ??= createNonceSource(crypto.randomFillSync);
  return nodeNonces();
}

function sha256Hex(input: string): string {
  return oneShotHash === undefined ? crypto.createHash("sha256").update(input, "utf8").digest("hex") : oneShotHash("sha256", input, "hex");
}

/**
 * The Advanced-key `Authorization` value: lowercase hex SHA-256 of the UTF-8
 * string `key + nonce + timestamp`. Exported so a server or emulator can
 * verify signatures with the same code.
 * @param key - The secret API key.
 * @param nonce - The 64-character alphanumeric nonce sent in `x-xdr-nonce`.
 * @param timestamp - Epoch milliseconds, as sent in `x-xdr-timestamp`.
 * @throws {@link SigningError} with code `EMPTY_KEY`, `INVALID_NONCE` or `INVALID_TIMESTAMP`.
 */
export function advancedAuthorization(key: string, nonce: string, timestamp: string | number): string {
  return sha256Hex(advancedHashInput(key, nonce, timestamp));
}

/**
 * Returns the authentication headers for one request. Standard keys send the
 * key itself; Advanced keys send a hash over the key, a fresh nonce and the
 * current time, so call this once per attempt (including retries).
 * @returns `Authorization` and `x-xdr-auth-id`, plus `x-xdr-nonce` and
 * `x-xdr-timestamp` for Advanced keys.
 * @throws {@link SigningError} when the credentials or options are invalid.
 */
export function signHeaders(
  credentials: SignableCredentials,
  options?: SignOptions,
): Record<string, string> {
  const plan = planSignature(credentials, options);
  if (plan.securityLevel === "standard") return buildHeaders(plan);
  return buildHeaders(plan, sha256Hex(planHashInput(plan)));
}

/** Signs requests with one fixed set of credentials. */
export interface Signer {
  /** The non-secret fields of the credentials, safe to log. */
  describe(): CredentialsDescription;
  /** Fresh headers for one attempt; see {@link signHeaders}. */
  sign(options?: SignOptions): Record<string, string>;
}

/**
 * Validates credentials once and returns a {@link Signer} for them; the
 * transport calls `sign()` per attempt so retries get a fresh nonce.
 * @throws {@link SigningError} when the credentials are invalid.
 */
export function createSigner(credentials: SignableCredentials): Signer {
  // Copies plain input into a Credentials object, so later mutation of the
  // caller's object can't change what we sign with.
  const held = createCredentials(credentials);
  const clock = clockSigner(held);
  return Object.freeze({
    describe: clock.describe,
    sign: (options?: SignOptions) => {
      const offset = clockOffsetOnly(options);
      // Out-of-range clocks take the validating path, which says what is wrong.
      return offset === undefined || !inRange(offset) ? signHeaders(held, options) : clock.sign(offset);
    },
  });
}

/** Signs requests for the current time plus a clock offset, with one fixed set of credentials. */
export interface ClockSigner {
  /** The non-secret fields of the credentials, safe to log. */
  describe(): CredentialsDescription;
  /**
   * Fresh headers for one attempt, timestamped `Date.now() + clockOffsetMs` (Advanced keys; Standard keys
   * send the key as it is).
   *
   * @param clockOffsetMs - Milliseconds to add to the local clock (positive when it is behind the server).
   * @throws {@link SigningError} (`INVALID_CLOCK_OFFSET`, `INVALID_TIMESTAMP`) for an offset that is not a
   *   finite number or that moves the clock out of range.
   */
  sign(clockOffsetMs?: number): Record<string, string>;
}

/**
 * A signer for the current time plus a clock offset: what an HTTP client needs on each attempt, without
 * the explicit nonce, timestamp and clock options of {@link createSigner} (nor the code that checks them).
 *
 * @param credentials - Credentials (validated once, here).
 * @returns The signer.
 * @throws {@link SigningError} when the credentials are invalid.
 */
export function createClockSigner(credentials: SignableCredentials): ClockSigner {
  return clockSigner(createCredentials(credentials));
}

/**
 * {@link createClockSigner} without its checks of each offset: for an HTTP client that measures its clock
 * offset itself (the difference to a server's clock, always a finite number), such as `@cortex-sdk/core`,
 * which then bundles none of the checking code. An offset that is not a finite number, or that moves the
 * clock before 1970 or past `Number.MAX_SAFE_INTEGER` ms, is the caller's to avoid: the timestamp sent is then
 * one the service rejects, where {@link createClockSigner} throws a {@link SigningError}.
 *
 * @param credentials - Credentials (validated once, here).
 * @returns The signer; its `sign(clockOffsetMs)` throws nothing.
 * @throws {@link SigningError} when the credentials are invalid.
 */
export function createUncheckedClockSigner(credentials: SignableCredentials): ClockSigner {
  return uncheckedClockSigner(createCredentials(credentials));
}

function uncheckedClockSigner(held: Credentials): ClockSigner {
  // Validated once: the per-request work is a nonce, a timestamp and one hash.
  const { keyId, key, securityLevel } = resolveCredentials(held);
  return Object.freeze({
    describe: () => held.describe(),
    sign: (clockOffsetMs = 0) => {
      if (securityLevel === "standard") return buildHeaders({ securityLevel, keyId, key });
      const plan = { securityLevel, keyId, key, nonce: nodeNonce(), timestamp: String(Math.floor(Date.now() + clockOffsetMs)) } as const;
      return buildHeaders(plan, sha256Hex(planHashInput(plan)));
    },
  });
}

// The unchecked signer behind the checks of each offset, and of the timestamp it makes for an advanced key.
function clockSigner(held: Credentials): ClockSigner {
  const { key } = resolveCredentials(held);
  const unchecked = uncheckedClockSigner(held);
  return Object.freeze({
    describe: unchecked.describe,
    sign: (clockOffsetMs = 0) => {
      const offset = validateClockOffset(clockOffsetMs, key);
      // normalizeTimestamp throws for a timestamp out of range, saying what is wrong.
      if (held.securityLevel === "advanced" && !inRange(offset)) normalizeTimestamp(Math.floor(Date.now() + offset), key, "Clock time plus clockOffsetMs");
      return unchecked.sign(offset);
    },
  });
}

// Whether the clock plus the offset is a timestamp that can be sent.
function inRange(offset: number, timestamp = Math.floor(Date.now() + offset)): boolean {
  return timestamp >= 0 && timestamp <= Number.MAX_SAFE_INTEGER;
}

// The clock offset when the options ask for nothing but the current time plus an offset (the common case),
// else undefined.
function clockOffsetOnly(options: SignOptions | undefined): number | undefined {
  if (options === undefined) return 0;
  if (typeof options !== "object" || options === null) return undefined;
  if (options.nonce !== undefined || options.timestamp !== undefined || options.now !== undefined) return undefined;
  const offset = options.clockOffsetMs ?? 0;
  return typeof offset === "number" && Number.isFinite(offset) ? offset : undefined;
}
