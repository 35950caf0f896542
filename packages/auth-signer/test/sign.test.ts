import { createHash } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import {
  advancedAuthorization,
  AUTH_HEADER_NAMES,
  createClockSigner,
  createUncheckedClockSigner,
  createCredentials,
  createSigner,
  isValidNonce,
  NONCE_LENGTH,
  signHeaders,
  SigningError,
  type ClockSigner,
} from "../src/index.js";

const KEY = "sTaNdArD-kEy-0123456789-secret";
const NONCE = "n".repeat(NONCE_LENGTH);

const advanced = { keyId: "42", key: KEY, securityLevel: "advanced" } as const;

describe("standard keys", () => {
  it("sends the key and id, and nothing else", () => {
    expect(signHeaders({ keyId: "42", key: KEY, securityLevel: "standard" })).toStrictEqual({
      Authorization: KEY,
      "x-xdr-auth-id": "42",
    });
  });

  it("accepts a numeric id and emits it as a string", () => {
    expect(signHeaders({ keyId: 42, key: KEY, securityLevel: "standard" })).toStrictEqual({
      Authorization: KEY,
      "x-xdr-auth-id": "42",
    });
  });

  it("accepts a Credentials object", () => {
    const c = createCredentials({ keyId: 42, key: KEY, securityLevel: "standard" });
    expect(signHeaders(c)).toStrictEqual({ Authorization: KEY, "x-xdr-auth-id": "42" });
  });

  it("returns a fresh plain object each call", () => {
    const a = signHeaders({ keyId: "42", key: KEY, securityLevel: "standard" });
    const b = signHeaders({ keyId: "42", key: KEY, securityLevel: "standard" });
    expect(a).not.toBe(b);
    expect(Object.getPrototypeOf(a)).toBe(Object.prototype);
  });
});

describe("advanced keys", () => {
  it("uses exactly the documented header names", () => {
    const headers = signHeaders(advanced);
    expect(Object.keys(headers).sort()).toStrictEqual(
      ["Authorization", "x-xdr-auth-id", "x-xdr-nonce", "x-xdr-timestamp"].sort(),
    );
    expect(Object.values(AUTH_HEADER_NAMES).sort()).toStrictEqual(Object.keys(headers).sort());
  });

  it("generates a well-formed nonce and a decimal timestamp", () => {
    const headers = signHeaders(advanced);
    expect(headers["x-xdr-nonce"]).toMatch(/^[A-Za-z0-9]{64}$/);
    expect(isValidNonce(headers["x-xdr-nonce"])).toBe(true);
    expect(headers["x-xdr-timestamp"]).toMatch(/^[1-9][0-9]*$/);
    expect(headers["Authorization"]).toMatch(/^[0-9a-f]{64}$/);
    expect(headers["x-xdr-auth-id"]).toBe("42");
  });

  it("uses a fresh nonce and timestamp for every call", () => {
    let clock = 1_700_000_000_000;
    const now = () => clock++;
    const first = signHeaders(advanced, { now });
    const second = signHeaders(advanced, { now });
    expect(first["x-xdr-nonce"]).not.toBe(second["x-xdr-nonce"]);
    expect(first["x-xdr-timestamp"]).toBe("1700000000000");
    expect(second["x-xdr-timestamp"]).toBe("1700000000001");
    expect(first["Authorization"]).not.toBe(second["Authorization"]);
  });

  it("takes the timestamp from Date.now() by default", () => {
    const before = Date.now();
    const ts = Number(signHeaders(advanced)["x-xdr-timestamp"]);
    const after = Date.now();
    expect(ts).toBeGreaterThanOrEqual(before);
    expect(ts).toBeLessThanOrEqual(after);
  });

  it("adds clockOffsetMs to now()", () => {
    const now = () => 1_700_000_000_000;
    expect(signHeaders(advanced, { now, clockOffsetMs: 1500 })["x-xdr-timestamp"]).toBe("1700000001500");
    expect(signHeaders(advanced, { now, clockOffsetMs: -2000 })["x-xdr-timestamp"]).toBe("1699999998000");
    // Fractional clocks/offsets are floored to whole milliseconds.
    expect(signHeaders(advanced, { now: () => 1000.9, clockOffsetMs: 0.5 })["x-xdr-timestamp"]).toBe("1001");
  });

  it("adds clockOffsetMs to Date.now() when no clock is injected", () => {
    const offset = 3_600_000;
    const before = Date.now();
    const ts = Number(signHeaders(advanced, { clockOffsetMs: offset })["x-xdr-timestamp"]);
    expect(ts - offset).toBeGreaterThanOrEqual(before);
    expect(ts - offset).toBeLessThanOrEqual(Date.now());
  });

  it("respects a fixed nonce and timestamp (which ignores the clock and offset)", () => {
    const now = () => {
      throw new Error("clock must not be read when the timestamp is fixed");
    };
    const headers = signHeaders(advanced, { nonce: NONCE, timestamp: 123, clockOffsetMs: 99, now });
    expect(headers["x-xdr-nonce"]).toBe(NONCE);
    expect(headers["x-xdr-timestamp"]).toBe("123");
    const expected = createHash("sha256").update(`${KEY}${NONCE}123`).digest("hex");
    expect(headers["Authorization"]).toBe(expected);
    expect(signHeaders(advanced, { nonce: NONCE, timestamp: "123" })).toStrictEqual(headers);
  });

  it("treats explicitly undefined options as omitted", () => {
    const headers = signHeaders(advanced, {
      nonce: undefined,
      timestamp: undefined,
      clockOffsetMs: undefined,
      now: undefined,
    });
    expect(isValidNonce(headers["x-xdr-nonce"])).toBe(true);
  });

  it("signs with a Credentials object like with plain input", () => {
    const options = { nonce: NONCE, timestamp: 5 };
    expect(signHeaders(createCredentials(advanced), options)).toStrictEqual(signHeaders(advanced, options));
  });
});

describe("createSigner", () => {
  it("describes without the key and signs per call", () => {
    const signer = createSigner(advanced);
    expect(signer.describe()).toStrictEqual({ keyId: "42", securityLevel: "advanced" });
    const a = signer.sign();
    const b = signer.sign();
    expect(a["x-xdr-nonce"]).not.toBe(b["x-xdr-nonce"]);
    expect(signer.sign({ nonce: NONCE, timestamp: 1 })).toStrictEqual(
      signHeaders(advanced, { nonce: NONCE, timestamp: 1 }),
    );
    expect(JSON.stringify(signer)).not.toContain(KEY);
    expect(Object.isFrozen(signer)).toBe(true);
  });

  it("signs the common case (clock plus offset) exactly like signHeaders", () => {
    const now = vi.spyOn(Date, "now").mockReturnValue(1_700_000_000_000.7);
    try {
      const signer = createSigner(advanced);
      const headers = signer.sign({ clockOffsetMs: -2_500 });
      const nonce = headers["x-xdr-nonce"] ?? "";
      expect(headers["x-xdr-timestamp"]).toBe("1699999997500");
      expect(headers).toStrictEqual(signHeaders(advanced, { nonce, timestamp: 1_699_999_997_500 }));
      expect(headers["Authorization"]).toBe(advancedAuthorization(KEY, nonce, "1699999997500"));
      // A clock that lands outside the valid range still gets the validating path's typed error.
      expect(() => signer.sign({ clockOffsetMs: -2e12 })).toThrow(SigningError);
      expect(createSigner({ keyId: "42", key: KEY, securityLevel: "standard" }).sign({ clockOffsetMs: 9 })).toStrictEqual({ Authorization: KEY, "x-xdr-auth-id": "42" });
    } finally {
      now.mockRestore();
    }
  });

  it("validates eagerly and is unaffected by later mutation of the input", () => {
    const input = { keyId: "42", key: KEY, securityLevel: "standard" as "standard" | "advanced" };
    const signer = createSigner(input);
    input.securityLevel = "advanced";
    expect(signer.sign()).toStrictEqual({ Authorization: KEY, "x-xdr-auth-id": "42" });
    expect(() => createSigner({ keyId: "x", key: KEY, securityLevel: "standard" })).toThrow(/key id/);
  });
});

// What a clock signer of the advanced test key does with a valid offset, the clock mocked at 1_700_000_000_000.7:
// createSigner's headers for the clock plus the offset, a fresh nonce each time.
function expectClockSigning(signer: ClockSigner): void {
  expect(signer.describe()).toStrictEqual({ keyId: "42", securityLevel: "advanced" });
  expect(Object.isFrozen(signer)).toBe(true);
  const headers = signer.sign(-2_500);
  const nonce = headers["x-xdr-nonce"] ?? "";
  expect(isValidNonce(nonce)).toBe(true);
  expect(headers).toStrictEqual(signHeaders(advanced, { nonce, timestamp: 1_699_999_997_500 }));
  expect(signer.sign()["x-xdr-timestamp"]).toBe("1700000000000");
  expect(signer.sign()["x-xdr-nonce"]).not.toBe(signer.sign()["x-xdr-nonce"]);
}

describe("createClockSigner", () => {
  it("signs the clock plus an offset exactly as createSigner does, and says what is wrong with a bad offset", () => {
    const now = vi.spyOn(Date, "now").mockReturnValue(1_700_000_000_000.7);
    try {
      const signer = createClockSigner(advanced);
      expectClockSigning(signer);
      for (const [offset, code, message] of [[-2e12, "INVALID_TIMESTAMP", /Clock time plus clockOffsetMs/], [Number.NaN, "INVALID_CLOCK_OFFSET", /clockOffsetMs must be a finite number/]] as const) {
        let thrown: unknown;
        try {
          signer.sign(offset);
        } catch (error) {
          thrown = error;
        }
        expect(thrown).toBeInstanceOf(SigningError);
        expect((thrown as SigningError).code).toBe(code);
        expect((thrown as SigningError).message).toMatch(message);
        expect(() => createSigner(advanced).sign({ clockOffsetMs: offset })).toThrow((thrown as SigningError).message);
      }
      const standard = createClockSigner({ keyId: 7, key: KEY, securityLevel: "standard" });
      expect(standard.sign(9)).toStrictEqual({ Authorization: KEY, "x-xdr-auth-id": "7" });
      expect(JSON.stringify(standard)).not.toContain(KEY);
    } finally {
      now.mockRestore();
    }
  });

  it("draws its nonces from node:crypto, not WebCrypto, each one fresh and well formed", () => {
    const webCrypto = vi.spyOn(globalThis.crypto, "getRandomValues");
    try {
      const signer = createClockSigner(advanced);
      const nonces = new Set(Array.from({ length: 200 }, () => signer.sign()["x-xdr-nonce"] ?? ""));
      expect(nonces.size).toBe(200);
      for (const nonce of nonces) expect(isValidNonce(nonce)).toBe(true);
      expect(webCrypto).not.toHaveBeenCalled();
    } finally {
      webCrypto.mockRestore();
    }
  });

  it("validates the credentials once, eagerly", () => {
    expect(() => createClockSigner({ keyId: "x", key: KEY, securityLevel: "standard" })).toThrow(/key id/);
    const held = createCredentials(advanced);
    expect(createClockSigner(held).describe()).toStrictEqual(held.describe());
  });
});

describe("createUncheckedClockSigner", () => {
  it("signs the clock plus an offset exactly as createClockSigner does, and takes any offset as it is", () => {
    const now = vi.spyOn(Date, "now").mockReturnValue(1_700_000_000_000.7);
    try {
      const signer = createUncheckedClockSigner(advanced);
      expectClockSigning(signer);
      // Out of range for createClockSigner (which throws), sent as they are here.
      expect(() => createClockSigner(advanced).sign(-2e12)).toThrow(SigningError);
      expect(signer.sign(-2e12)["x-xdr-timestamp"]).toBe("-300000000000");
      expect(signer.sign(Number.NaN)["x-xdr-timestamp"]).toBe("NaN");
      expect(createUncheckedClockSigner({ keyId: 7, key: KEY, securityLevel: "standard" }).sign(Number.NaN)).toStrictEqual({ Authorization: KEY, "x-xdr-auth-id": "7" });
      expect(JSON.stringify(signer)).not.toContain(KEY);
    } finally {
      now.mockRestore();
    }
  });

  it("validates the credentials once, eagerly", () => {
    expect(() => createUncheckedClockSigner({ keyId: "x", key: KEY, securityLevel: "standard" })).toThrow(/key id/);
  });
});
