// Node implementation: synchronous hashing with node:crypto. Only the Node
// entry imports this module.

import { createHash } from "node:crypto";
import { createCredentials } from "./credentials.js";
import type { CredentialsDescription, SignableCredentials } from "./credentials.js";
import { advancedHashInput, buildHeaders, planHashInput, planSignature } from "./prepare.js";
import type { SignOptions } from "./prepare.js";

function sha256Hex(input: string): string {
  return createHash("sha256").update(input, "utf8").digest("hex");
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
  return Object.freeze({
    describe: () => held.describe(),
    sign: (options?: SignOptions) => signHeaders(held, options),
  });
}
