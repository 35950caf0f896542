/**
 * Runtime-agnostic signing for browsers, Deno, Bun, edge workers and Node:
 * WebCrypto only, so hashing is asynchronous. Nothing here imports node:*.
 * @packageDocumentation
 */

import type { SignableCredentials } from "./credentials.js";
import { advancedHashInput, buildHeaders, planHashInput, planSignature } from "./prepare.js";
import type { SignOptions } from "./prepare.js";

export * from "./shared.js";

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, "0"));

// The slice of SubtleCrypto we use, declared here because the build has no DOM lib.
type DigestOnly = { digest(algorithm: "SHA-256", data: Uint8Array): Promise<ArrayBuffer> };

async function sha256Hex(input: string): Promise<string> {
  const subtle = (globalThis as { crypto?: { subtle?: DigestOnly } }).crypto?.subtle;
  if (subtle === undefined) {
    throw new Error(
      "globalThis.crypto.subtle is not available in this runtime (it needs a secure context in browsers); " +
        "use a runtime with WebCrypto or the Node entry @cortex-sdk/auth-signer",
    );
  }
  const digest = await subtle.digest("SHA-256", new TextEncoder().encode(input));
  let hex = "";
  for (const byte of new Uint8Array(digest)) hex += HEX[byte];
  return hex;
}

/**
 * The Advanced-key `Authorization` value: lowercase hex SHA-256 of the UTF-8
 * string `key + nonce + timestamp`, computed with WebCrypto.
 * @param key - The secret API key.
 * @param nonce - The 64-character alphanumeric nonce sent in `x-xdr-nonce`.
 * @param timestamp - Epoch milliseconds, as sent in `x-xdr-timestamp`.
 * @throws {@link SigningError} (as a rejection) with code `EMPTY_KEY`,
 * `INVALID_NONCE` or `INVALID_TIMESTAMP`.
 */
export async function advancedAuthorization(
  key: string,
  nonce: string,
  timestamp: string | number,
): Promise<string> {
  return sha256Hex(advancedHashInput(key, nonce, timestamp));
}

/**
 * Returns the authentication headers for one request; same inputs and output
 * as the Node `signHeaders`, but asynchronous because WebCrypto hashing is.
 * Call once per attempt so Advanced keys get a fresh nonce and timestamp.
 * @throws {@link SigningError} (as a rejection) when the credentials or options are invalid.
 */
export async function signHeaders(
  credentials: SignableCredentials,
  options?: SignOptions,
): Promise<Record<string, string>> {
  const plan = planSignature(credentials, options);
  if (plan.securityLevel === "standard") return buildHeaders(plan);
  return buildHeaders(plan, await sha256Hex(planHashInput(plan)));
}
