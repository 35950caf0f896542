// Platform-neutral: only WebCrypto `getRandomValues`, so the web entry can use
// it without pulling in node:crypto.

/** Length of an Advanced-key nonce, fixed by the vendor's algorithm. */
export const NONCE_LENGTH = 64;

/** The 62 characters a nonce is drawn from. */
export const NONCE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

// Largest multiple of 62 that fits in a byte (4 * 62). Bytes at or above it
// are rejected: keeping them would make the first 8 characters more likely.
const ACCEPT_BELOW = 256 - (256 % NONCE_ALPHABET.length);

// 64 plus headroom for the ~3% of rejected bytes, so one draw almost always suffices.
const BATCH_SIZE = 96;

const NONCE_PATTERN = /^[A-Za-z0-9]{64}$/;

/**
 * Fills a buffer with cryptographically secure random bytes.
 * @internal
 */
export type RandomFill = (buffer: Uint8Array) => void;

function webCryptoFill(buffer: Uint8Array): void {
  const crypto = (globalThis as { crypto?: { getRandomValues?: (b: Uint8Array) => unknown } })
    .crypto;
  if (typeof crypto?.getRandomValues !== "function") {
    throw new Error(
      "globalThis.crypto.getRandomValues is not available in this runtime; " +
        "use Node 20+ or a runtime with WebCrypto, or pass options.nonce explicitly",
    );
  }
  crypto.getRandomValues(buffer);
}

/**
 * Maps one random byte to a nonce character, or `undefined` when the byte
 * must be rejected to keep the distribution uniform.
 * @internal
 */
export function nonceCharForByte(byte: number): string | undefined {
  return byte < ACCEPT_BELOW ? NONCE_ALPHABET[byte % NONCE_ALPHABET.length] : undefined;
}

/**
 * Builds a nonce from an injected byte source using rejection sampling.
 * Exposed inside the package so tests can prove the absence of modulo bias
 * with a deterministic byte stream.
 * @internal
 */
export function generateNonceWith(fill: RandomFill): string {
  const buffer = new Uint8Array(BATCH_SIZE);
  let nonce = "";
  while (nonce.length < NONCE_LENGTH) {
    fill(buffer);
    for (const byte of buffer) {
      const char = nonceCharForByte(byte);
      if (char === undefined) continue;
      nonce += char;
      if (nonce.length === NONCE_LENGTH) break;
    }
  }
  return nonce;
}

/**
 * Generates a fresh 64-character nonce from `[A-Za-z0-9]`, uniformly
 * distributed, using the runtime's CSPRNG (`globalThis.crypto.getRandomValues`).
 */
export function generateNonce(): string {
  return generateNonceWith(webCryptoFill);
}

/** Whether `value` is a well-formed nonce: exactly 64 characters from `[A-Za-z0-9]`. */
export function isValidNonce(value: unknown): value is string {
  return typeof value === "string" && NONCE_PATTERN.test(value);
}
