// Node implementation: synchronous hashing with node:crypto. Only the Node
// entry imports this module.

import * as crypto from "node:crypto";
import { createCredentials, resolveCredentials } from "./credentials.js";
import { generateNonce } from "./nonce.js";
import type { CredentialsDescription, SignableCredentials } from "./credentials.js";
import { advancedHashInput, buildHeaders, planHashInput, planSignature } from "./prepare.js";
import type { SignOptions } from "./prepare.js";

// One-shot `crypto.hash` (Node 20.12+) skips the Hash object a `createHash` chain builds per call; the chain
// stays as the fallback for runtimes that lack it.
const oneShotHash = (crypto as { hash?: (algorithm: string, data: string, encoding: "hex") => string }).hash;

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
  // Validated once: the per-request work is a nonce, a timestamp and one hash.
  const { keyId, key, securityLevel } = resolveCredentials(held);
  return Object.freeze({
    describe: () => held.describe(),
    sign: (options?: SignOptions) => {
      const offset = clockOffsetOnly(options);
      if (offset === undefined) return signHeaders(held, options);
      if (securityLevel === "standard") return buildHeaders({ securityLevel, keyId, key });
      const timestamp = Math.floor(Date.now() + offset);
      // Out-of-range clocks take the validating path, which says what is wrong.
      if (!(timestamp >= 0 && timestamp <= Number.MAX_SAFE_INTEGER)) return signHeaders(held, options);
      const plan = { securityLevel, keyId, key, nonce: generateNonce(), timestamp: String(timestamp) } as const;
      return buildHeaders(plan, sha256Hex(planHashInput(plan)));
    },
  });
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
