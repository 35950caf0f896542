import { describe, expect, it, vi } from "vitest";
import { NONCE_ALPHABET, NONCE_LENGTH, generateNonce, isValidNonce } from "../src/index.js";
import { createNonceSource, generateNonceWith, nonceCharForByte } from "../src/nonce.js";

// Each bound below is set so a correct generator fails it with probability
// < 5e-10; both together stay under 1e-9.
const PER_CHECK_FAILURE = 5e-10;

/** Smallest x (by bisection) with f(x) <= target, for f decreasing on [lo, hi]. */
function solveDecreasing(f: (x: number) => number, target: number, lo: number, hi: number): number {
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (f(mid) <= target) hi = mid;
    else lo = mid;
  }
  return hi;
}

describe("generateNonce", () => {
  it("returns 64 characters from [A-Za-z0-9]", () => {
    expect(NONCE_LENGTH).toBe(64);
    for (let i = 0; i < 50; i++) expect(generateNonce()).toMatch(/^[A-Za-z0-9]{64}$/);
  });

  it("draws from WebCrypto getRandomValues, through a pool of bytes", () => {
    const spy = vi.spyOn(globalThis.crypto, "getRandomValues");
    try {
      // A 4,096-byte pool serves about 62 nonces; 200 nonces need a few refills, not 200.
      for (let i = 0; i < 200; i++) generateNonce();
      expect(spy).toHaveBeenCalled();
      expect(spy.mock.calls.length).toBeLessThanOrEqual(5);
    } finally {
      spy.mockRestore();
    }
  });

  it("uses every pooled byte once, in order, across nonces", () => {
    let fills = 0;
    let next = 0;
    const source = createNonceSource((buffer) => {
      fills++;
      // 0, 1, ..., 247 repeated: every byte accepted, so nonce i starts at byte 64 * i.
      for (let i = 0; i < buffer.length; i++) buffer[i] = next++ % 248;
    }, 256);
    const nonces = Array.from({ length: 8 }, () => source());
    expect(fills).toBe(2);
    expect(nonces[0]).toBe([...Array(64).keys()].map((byte) => NONCE_ALPHABET[byte % 62]).join(""));
    expect(nonces[1]?.[0]).toBe(NONCE_ALPHABET[64 % 62]);
    expect(new Set(nonces).size).toBe(8);
  });

  it("is uniform over the 62 characters (2,000 nonces)", () => {
    const counts = new Map<string, number>([...NONCE_ALPHABET].map((c) => [c, 0]));
    const nonces = 2000;
    for (let i = 0; i < nonces; i++) {
      for (const ch of generateNonce()) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    }
    expect(counts.size).toBe(62);

    const n = nonces * NONCE_LENGTH;
    const k = NONCE_ALPHABET.length;
    const mu = n / k; // ~2064 per character

    // Per character, a rigorous multiplicative Chernoff bound on the binomial
    // count, union-bounded over the 62 characters:
    //   P(|X - mu| >= d*mu) <= 2 exp(-d^2 mu / (2 + d)).
    const delta = solveDecreasing((d) => 2 * k * Math.exp((-d * d * mu) / (2 + d)), PER_CHECK_FAILURE, 0, 1);
    for (const [ch, count] of counts) {
      expect(count, `count of ${ch}`).toBeGreaterThan((1 - delta) * mu);
      expect(count, `count of ${ch}`).toBeLessThan((1 + delta) * mu);
    }

    // Pearson chi-square with k-1 = 61 degrees of freedom, against the
    // Chernoff tail bound P(X >= x) <= (x/df)^(df/2) e^((df-x)/2). With
    // ~2,000 expected per cell the chi-square approximation is excellent, and
    // the Chernoff bound over-estimates the tail, so the limit (~165) is loose.
    const df = k - 1;
    const limit = solveDecreasing(
      (x) => Math.exp((df / 2) * Math.log(x / df) + (df - x) / 2),
      PER_CHECK_FAILURE,
      df,
      10 * df,
    );
    let chiSquare = 0;
    for (const count of counts.values()) chiSquare += (count - mu) ** 2 / mu;
    expect(chiSquare).toBeLessThan(limit);
  });
});

describe("rejection sampling (deterministic byte source)", () => {
  it("gives every character exactly 4 of the 256 byte values (no modulo bias)", () => {
    // Uniform bytes therefore give uniform characters. A plain `byte % 62`
    // would give the first 8 characters 5 byte values each.
    const preimages = new Map<string, number[]>();
    const rejected: number[] = [];
    for (let byte = 0; byte < 256; byte++) {
      const char = nonceCharForByte(byte);
      if (char === undefined) rejected.push(byte);
      else preimages.set(char, [...(preimages.get(char) ?? []), byte]);
    }
    expect(rejected).toStrictEqual([248, 249, 250, 251, 252, 253, 254, 255]);
    expect([...preimages.keys()].sort().join("")).toBe([...NONCE_ALPHABET].sort().join(""));
    for (const bytes of preimages.values()) expect(bytes).toHaveLength(4);
  });

  it("skips bytes 248-255 and draws again when a batch runs short", () => {
    let calls = 0;
    const nonce = generateNonceWith((buffer) => {
      calls++;
      // First batch: all rejected. Second: 248 (rejected), then 0 (accepted)...
      buffer.fill(calls === 1 ? 255 : 0);
      if (calls === 2) buffer[0] = 248;
    });
    expect(calls).toBe(2);
    expect(nonce).toBe("A".repeat(64));
  });

  it("maps each accepted byte to alphabet[byte % 62]", () => {
    const bytes = [0, 61, 62, 123, 124, 247, 249, 25, 26, 52];
    let used = false;
    const nonce = generateNonceWith((buffer) => {
      buffer.fill(0);
      if (!used) buffer.set(bytes);
      used = true;
    });
    // 249 is rejected; the rest are 0->A, 61->9, 62->A, 123->9, 124->A,
    // 247->9, 25->Z, 26->a, 52->0.
    expect(nonce.slice(0, 9)).toBe("A9A9A9Za0");
  });
});

describe("isValidNonce", () => {
  it("accepts exactly 64 alphanumerics", () => {
    expect(isValidNonce("a".repeat(64))).toBe(true);
    expect(isValidNonce(NONCE_ALPHABET + "xy")).toBe(true);
  });

  it("rejects anything else", () => {
    for (const bad of ["", "a".repeat(63), "a".repeat(65), "a".repeat(63) + "-", "a".repeat(63) + "\u00e9", `${"a".repeat(64)}\n`]) {
      expect(isValidNonce(bad), JSON.stringify(bad)).toBe(false);
    }
    expect(isValidNonce(undefined)).toBe(false);
    expect(isValidNonce(123)).toBe(false);
  });
});
