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

// Byte value to the char code it stands for, or 0 when the byte is rejected.
const CHAR_CODE_FOR_BYTE = Uint8Array.from({ length: 256 }, (_, byte) => nonceCharForByte(byte)?.charCodeAt(0) ?? 0);

/**
 * Makes a nonce generator that draws from a pool of `poolSize` random bytes, refilled from `fill` only when
 * it runs dry: one call to the CSPRNG serves about 60 nonces instead of one. Every byte is used once.
 * @internal
 */
export function createNonceSource(fill: RandomFill, poolSize = 4096): () => string {
  const pool = new Uint8Array(poolSize);
  let offset = poolSize;
  const codes: number[] = new Array<number>(NONCE_LENGTH).fill(0);
  return () => {
    let length = 0;
    while (length < NONCE_LENGTH) {
      if (offset === poolSize) {
        fill(pool);
        offset = 0;
      }
      const code = CHAR_CODE_FOR_BYTE[pool[offset++] as number] as number;
      if (code !== 0) codes[length++] = code;
    }
    return String.fromCharCode(...codes);
  };
}

/**
 * Builds a nonce from an injected byte source using rejection sampling.
 * Exposed inside the package so tests can prove the absence of modulo bias
 * with a deterministic byte stream.
 * @internal
 */
export function generateNonceWith(fill: RandomFill): string {
  return createNonceSource(fill, BATCH_SIZE)();
}

let pooled: (() => string) | undefined;

/**
 * Generates a fresh 64-character nonce from `[A-Za-z0-9]`, uniformly
 * distributed, using the runtime's CSPRNG (`globalThis.crypto.getRandomValues`)
 * through a pool of random bytes.
 */
export function generateNonce(): string {
  pooled ??= createNonceSource(webCryptoFill);
  return pooled();
}

/** Whether `value` is a well-formed nonce: exactly 64 characters from `[A-Za-z0-9]`. */
export function isValidNonce(value: unknown): value is string {
  return typeof value === "string" && NONCE_PATTERN.test(value);
}
