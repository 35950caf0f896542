import { createHash, createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { advancedAuthorization, signHeaders } from "../src/index.js";
import * as web from "../src/web.js";

// Literal vectors computed once, outside this code, with
//   printf '%s' "$key$nonce$ts" | sha256sum
// so a change to the concatenation order or encoding fails here.
const VECTORS = [
  {
    name: "ASCII key",
    key: "abc123DEFkey",
    nonce: "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZab",
    timestamp: "1700000000000",
    expected: "84c84df67a416fbeccc719a949f1073d110c5b6ecf7856084f127efed22a381f",
  },
  {
    name: "base64-looking key",
    key: "Zm9vYmFyLWtleS0xMjM0NTY3ODkw",
    nonce: "ZYXWVUTSRQPONMLKJIHGFEDCBAzyxwvutsrqponmlkjihgfedcba9876543210xy",
    timestamp: "1730000000123",
    expected: "aa11dc0922d1308ecf3134e00ad13a0a47c57679383b735edfa69398344c0439",
  },
  {
    // Escapes pin the exact code points (precomposed é, Cyrillic, CJK, emoji),
    // so editor normalisation can't silently change the vector.
    name: "non-ASCII UTF-8 key",
    key: "cl\u00e9-\u0441\u0435\u043a\u0440\u0435\u0442-\u9375-\u{1F511}",
    nonce: "A".repeat(64),
    timestamp: "0",
    expected: "87be8b932eedf49a8a69775fcca0c9c9c21ca3d8f9fff579e200f3b2bd9c832d",
  },
] as const;

function independentSha256(text: string): string {
  return createHash("sha256").update(Buffer.from(text, "utf8")).digest("hex");
}

describe("known-answer vectors", () => {
  for (const v of VECTORS) {
    it(`advancedAuthorization matches the literal vector (${v.name})`, async () => {
      expect(advancedAuthorization(v.key, v.nonce, v.timestamp)).toBe(v.expected);
      expect(advancedAuthorization(v.key, v.nonce, Number(v.timestamp))).toBe(v.expected);
      expect(await web.advancedAuthorization(v.key, v.nonce, v.timestamp)).toBe(v.expected);
    });

    it(`signHeaders emits the literal vector (${v.name})`, async () => {
      const credentials = { keyId: "42", key: v.key, securityLevel: "advanced" } as const;
      const options = { nonce: v.nonce, timestamp: v.timestamp };
      const expected = {
        Authorization: v.expected,
        "x-xdr-auth-id": "42",
        "x-xdr-nonce": v.nonce,
        "x-xdr-timestamp": v.timestamp,
      };
      expect(signHeaders(credentials, options)).toStrictEqual(expected);
      expect(await web.signHeaders(credentials, options)).toStrictEqual(expected);
    });
  }

  it("matches an independent node:crypto computation", () => {
    const key = "independent-check-key-\u00fc\u00df";
    const nonce = "q".repeat(32) + "Z9".repeat(16);
    const timestamp = 1712345678901;
    const expected = independentSha256(`${key}${nonce}${timestamp}`);
    expect(advancedAuthorization(key, nonce, timestamp)).toBe(expected);
    expect(signHeaders({ keyId: 7, key, securityLevel: "advanced" }, { nonce, timestamp })).toStrictEqual({
      Authorization: expected,
      "x-xdr-auth-id": "7",
      "x-xdr-nonce": nonce,
      "x-xdr-timestamp": "1712345678901",
    });
  });

  it("is a plain SHA-256, not an HMAC or another concatenation order", () => {
    const [v] = VECTORS;
    const hmac = createHmac("sha256", v.key).update(v.nonce + v.timestamp).digest("hex");
    expect(v.expected).not.toBe(independentSha256(v.nonce + v.key + v.timestamp));
    expect(v.expected).not.toBe(independentSha256(v.key + v.timestamp + v.nonce));
    expect(v.expected).not.toBe(hmac);
    expect(v.expected).toBe(independentSha256(v.key + v.nonce + v.timestamp));
    expect(v.expected).toMatch(/^[0-9a-f]{64}$/);
  });
});
