import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { NONCE_ALPHABET, advancedAuthorization, signHeaders } from "../src/index.js";
import * as web from "../src/web.js";

const HEX = "0123456789abcdef";
const ALNUM = NONCE_ALPHABET;

function isUsableKey(key: string): boolean {
  return key.trim().length > 0;
}

/** Keys of the given length range, mixing shapes that could collide with header values. */
function keys(minLength: number, maxLength: number): fc.Arbitrary<string> {
  return fc
    .oneof(
      // Looks like a hash, a nonce, or a timestamp/key id.
      fc.string({ unit: fc.constantFrom(...HEX), minLength, maxLength }),
      fc.string({ unit: fc.constantFrom(...ALNUM), minLength, maxLength }),
      fc.string({ unit: fc.constantFrom(..."0123456789"), minLength, maxLength }),
      // Anything: printable ASCII, then arbitrary Unicode code points.
      fc.string({ minLength, maxLength }),
      fc.string({ unit: "binary", minLength, maxLength }),
    )
    .filter(isUsableKey);
}

const nonces = fc.string({ unit: fc.constantFrom(...ALNUM), minLength: 64, maxLength: 64 });
const timestamps = fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER });

function sha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

describe("properties", () => {
  it("advanced headers never contain the raw key (keys of 16+ characters)", () => {
    // Keys are at least 16 characters so a chance match can't cause a false
    // failure: a tiny key such as "a" or "12345678" is a substring of most
    // hex hashes, nonces or timestamps by coincidence, not by leaking. For a
    // 16-character key the odds of occurring by chance in a 64-character hash
    // are about 49 * 16^-16 (~1e-18), and it can't fit in the 13-digit
    // timestamp or the 2-digit key id at all.
    fc.assert(
      fc.property(keys(16, 80), (key) => {
        const headers = signHeaders({ keyId: "42", key, securityLevel: "advanced" });
        for (const value of Object.values(headers)) expect(value.includes(key)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it("short keys (1-15 characters) only ever reach the headers through the hash", () => {
    // For short keys a substring check is meaningless (see above), and even
    // equality is: the key "42" equals the key id. So pin every header
    // instead: id, nonce and timestamp are exactly the inputs, and
    // Authorization is the hash, so the key has no other way in.
    fc.assert(
      fc.property(keys(1, 15), nonces, timestamps, (key, nonce, timestamp) => {
        const headers = signHeaders({ keyId: "42", key, securityLevel: "advanced" }, { nonce, timestamp });
        expect(headers).toStrictEqual({
          Authorization: sha256(key + nonce + String(timestamp)),
          "x-xdr-auth-id": "42",
          "x-xdr-nonce": nonce,
          "x-xdr-timestamp": String(timestamp),
        });
      }),
      { numRuns: 300 },
    );
  });

  it("authorization equals an independent SHA-256 of key + nonce + timestamp", () => {
    fc.assert(
      fc.property(keys(1, 120), nonces, timestamps, fc.boolean(), (key, nonce, timestamp, asString) => {
        const ts = asString ? String(timestamp) : timestamp;
        const expected = sha256(`${key}${nonce}${timestamp}`);
        expect(advancedAuthorization(key, nonce, ts)).toBe(expected);
        expect(signHeaders({ keyId: 9, key, securityLevel: "advanced" }, { nonce, timestamp: ts })).toStrictEqual({
          Authorization: expected,
          "x-xdr-auth-id": "9",
          "x-xdr-nonce": nonce,
          "x-xdr-timestamp": String(timestamp),
        });
      }),
      { numRuns: 300 },
    );
  });

  it("the web variant agrees with the Node variant", async () => {
    await fc.assert(
      fc.asyncProperty(keys(1, 120), nonces, timestamps, async (key, nonce, timestamp) => {
        const credentials = { keyId: "1", key, securityLevel: "advanced" } as const;
        const options = { nonce, timestamp };
        expect(await web.signHeaders(credentials, options)).toStrictEqual(signHeaders(credentials, options));
      }),
      { numRuns: 100 },
    );
  });

  it("standard headers carry exactly the key and the id", () => {
    fc.assert(
      fc.property(keys(1, 120), fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), (key, id) => {
        expect(signHeaders({ keyId: id, key, securityLevel: "standard" })).toStrictEqual({
          Authorization: key,
          "x-xdr-auth-id": String(id),
        });
      }),
    );
  });
});
