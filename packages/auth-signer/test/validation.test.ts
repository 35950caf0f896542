import { describe, expect, it } from "vitest";
import {
  SIGNING_ERROR_CODES,
  SigningError,
  advancedAuthorization,
  createCredentials,
  isSigningError,
  signHeaders,
} from "../src/index.js";
import type { SignOptions, SigningErrorCode } from "../src/index.js";

const KEY = "ValidationKey-Q9w8E7r6-never-shown";
const NONCE = "N".repeat(64);
const advanced = { keyId: "42", key: KEY, securityLevel: "advanced" } as const;

function expectSigningError(fn: () => unknown, code: SigningErrorCode, message: RegExp): SigningError {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(isSigningError(caught), `expected a SigningError ${code}`).toBe(true);
  const error = caught as SigningError;
  expect(error).toBeInstanceOf(SigningError);
  expect(error).toBeInstanceOf(Error);
  expect(error.name).toBe("SigningError");
  expect(error.code).toBe(code);
  expect(error.message).toMatch(message);
  expect(error.message).not.toContain(KEY);
  return error;
}

describe("credential validation", () => {
  it.each([
    ["", /empty/],
    ["   ", /only whitespace/],
    ["\t\n", /only whitespace/],
    [undefined, /missing/],
    [null, /missing/],
  ])("EMPTY_KEY for key %j", (key, message) => {
    expectSigningError(
      () => createCredentials({ keyId: "42", key: key as string, securityLevel: "standard" }),
      "EMPTY_KEY",
      message,
    );
    expectSigningError(() => signHeaders({ keyId: "42", key: key as string, securityLevel: "advanced" }), "EMPTY_KEY", message);
  });

  it("INVALID_CREDENTIALS for a non-string key, without echoing it", () => {
    const error = expectSigningError(
      () => createCredentials({ keyId: "42", key: 987654 as never, securityLevel: "standard" }),
      "INVALID_CREDENTIALS",
      /API key must be a string; got number/,
    );
    expect(error.message).not.toContain("987654");
  });

  it("quotes the bad key id as in the documented example", () => {
    const error = expectSigningError(
      () => createCredentials({ keyId: "abc", key: KEY, securityLevel: "standard" }),
      "INVALID_KEY_ID",
      /positive integer/,
    );
    expect(error.message).toBe('API key id must be a positive integer such as "42"; got "abc"');
  });

  it.each<[unknown, string]>([
    ["0", '"0"'],
    [0, "0"],
    [-3, "-3"],
    ["-3", '"-3"'],
    [1.5, "1.5"],
    [Number.NaN, "NaN"],
    [Number.POSITIVE_INFINITY, "Infinity"],
    [2 ** 53, String(2 ** 53)],
    ["", '""'],
    [" 42", '" 42"'],
    ["042", '"042"'],
    ["4e2", '"4e2"'],
    [undefined, "undefined"],
    [null, "null"],
    [42n, "a value of type bigint"],
  ])("INVALID_KEY_ID for %s", (keyId, shown) => {
    const error = expectSigningError(
      () => createCredentials({ keyId: keyId as never, key: KEY, securityLevel: "standard" }),
      "INVALID_KEY_ID",
      /API key id must be a positive integer such as "42"/,
    );
    expect(error.message.endsWith(`got ${shown}`)).toBe(true);
  });

  it("accepts positive digit strings and safe integers", () => {
    expect(createCredentials({ keyId: "1", key: KEY, securityLevel: "standard" }).keyId).toBe("1");
    expect(createCredentials({ keyId: "12345678901234567890", key: KEY, securityLevel: "standard" }).keyId).toBe(
      "12345678901234567890",
    );
    expect(createCredentials({ keyId: Number.MAX_SAFE_INTEGER, key: KEY, securityLevel: "standard" }).keyId).toBe(
      String(Number.MAX_SAFE_INTEGER),
    );
  });

  it.each(["Advanced", "STANDARD", "", "basic", undefined])("INVALID_SECURITY_LEVEL for %j", (level) => {
    const error = expectSigningError(
      () => createCredentials({ keyId: "42", key: KEY, securityLevel: level as never }),
      "INVALID_SECURITY_LEVEL",
      /"standard" or "advanced"/,
    );
    if (typeof level === "string") expect(error.message).toContain(JSON.stringify(level));
  });

  it.each([null, undefined, "a string", 42, [], () => 1])("INVALID_CREDENTIALS for credentials %s", (input) => {
    expectSigningError(() => signHeaders(input as never), "INVALID_CREDENTIALS", /Credentials must be an object/);
    expectSigningError(() => createCredentials(input as never), "INVALID_CREDENTIALS", /Credentials must be an object/);
  });
});

describe("option validation", () => {
  it.each<[unknown, RegExp]>([
    ["abc", /got 3 characters/],
    ["a".repeat(63), /got 63 characters/],
    ["a".repeat(65), /got 65 characters/],
    ["a".repeat(63) + "_", /outside A-Z, a-z and 0-9/],
    ["a".repeat(63) + "\u00e9", /outside A-Z, a-z and 0-9/],
    ["", /got 0 characters/],
    [123, /got 123/],
    [null, /got null/],
  ])("INVALID_NONCE for %j", (nonce, detail) => {
    const error = expectSigningError(
      () => signHeaders(advanced, { nonce: nonce as string }),
      "INVALID_NONCE",
      /Nonce must be exactly 64 characters from A-Z, a-z and 0-9/,
    );
    expect(error.message).toMatch(detail);
    expect(error.message).toMatch(/Omit options.nonce/);
  });

  it.each<[unknown]>([
    [1.5],
    [-1],
    [Number.NaN],
    [Number.POSITIVE_INFINITY],
    [Number.NEGATIVE_INFINITY],
    [2 ** 53],
    ["12a"],
    ["-5"],
    ["1.0"],
    [" 1"],
    ["1e3"],
    [""],
    ["0123"],
    [null],
    [true],
  ])("INVALID_TIMESTAMP for %j", (timestamp) => {
    expectSigningError(
      () => signHeaders(advanced, { nonce: NONCE, timestamp: timestamp as number }),
      "INVALID_TIMESTAMP",
      /Timestamp must be a non-negative integer number of epoch milliseconds/,
    );
  });

  it("accepts timestamp 0 and digit strings", () => {
    expect(signHeaders(advanced, { nonce: NONCE, timestamp: 0 })["x-xdr-timestamp"]).toBe("0");
    expect(signHeaders(advanced, { nonce: NONCE, timestamp: "0" })["x-xdr-timestamp"]).toBe("0");
    expect(signHeaders(advanced, { nonce: NONCE, timestamp: "1700000000000" })["x-xdr-timestamp"]).toBe("1700000000000");
  });

  it("INVALID_TIMESTAMP for a broken clock", () => {
    expectSigningError(() => signHeaders(advanced, { now: () => Number.NaN }), "INVALID_TIMESTAMP", /options.now\(\) must return/);
    expectSigningError(() => signHeaders(advanced, { now: () => "1" as never }), "INVALID_TIMESTAMP", /options.now\(\) must return/);
    expectSigningError(() => signHeaders(advanced, { now: 5 as never }), "INVALID_TIMESTAMP", /options.now must be a function/);
    expectSigningError(
      () => signHeaders(advanced, { now: () => 10, clockOffsetMs: -20 }),
      "INVALID_TIMESTAMP",
      /Clock time plus clockOffsetMs must be a non-negative integer/,
    );
  });

  it.each<[unknown]>([[Number.NaN], [Number.POSITIVE_INFINITY], [Number.NEGATIVE_INFINITY], ["100"], [null]])(
    "INVALID_CLOCK_OFFSET for %j",
    (clockOffsetMs) => {
      expectSigningError(
        () => signHeaders(advanced, { clockOffsetMs: clockOffsetMs as number }),
        "INVALID_CLOCK_OFFSET",
        /clockOffsetMs must be a finite number/,
      );
    },
  );

  it("validates options for standard keys too, though it doesn't use them", () => {
    const standard = { keyId: "42", key: KEY, securityLevel: "standard" } as const;
    expectSigningError(() => signHeaders(standard, { nonce: "short" }), "INVALID_NONCE", /Nonce/);
    expect(signHeaders(standard, { nonce: NONCE, timestamp: 1, clockOffsetMs: 5 })).toStrictEqual({
      Authorization: KEY,
      "x-xdr-auth-id": "42",
    });
  });

  it("rejects non-object options with a TypeError", () => {
    expect(() => signHeaders(advanced, 5 as unknown as SignOptions)).toThrow(TypeError);
    expect(() => signHeaders(advanced, null as unknown as SignOptions)).toThrow(/options must be an object/);
  });

  it("advancedAuthorization validates its inputs", () => {
    expectSigningError(() => advancedAuthorization("", NONCE, 1), "EMPTY_KEY", /empty/);
    expectSigningError(() => advancedAuthorization(KEY, "x", 1), "INVALID_NONCE", /Nonce/);
    expectSigningError(() => advancedAuthorization(KEY, NONCE, 1.5), "INVALID_TIMESTAMP", /Timestamp/);
  });
});

describe("isSigningError", () => {
  it("recognises errors from another copy of the package via the registry brand", () => {
    // Simulates a duplicate install: a different class, same Symbol.for brand.
    const brand = Symbol.for("cortex-sdk.SigningError");
    class OtherCopySigningError extends Error {
      readonly code = "EMPTY_KEY";
    }
    Object.defineProperty(OtherCopySigningError.prototype, brand, { value: true });
    const foreign = new OtherCopySigningError("x");
    expect(foreign instanceof SigningError).toBe(false);
    expect(isSigningError(foreign)).toBe(true);
  });

  it("rejects other values", () => {
    for (const value of [new Error("x"), { code: "EMPTY_KEY" }, null, undefined, "SigningError", 1]) {
      expect(isSigningError(value)).toBe(false);
    }
  });

  it("lists every code", () => {
    expect([...SIGNING_ERROR_CODES].sort()).toStrictEqual(
      [
        "EMPTY_KEY",
        "INVALID_CLOCK_OFFSET",
        "INVALID_CREDENTIALS",
        "INVALID_KEY_ID",
        "INVALID_NONCE",
        "INVALID_SECURITY_LEVEL",
        "INVALID_TIMESTAMP",
      ].sort(),
    );
    expect(Object.isFrozen(SIGNING_ERROR_CODES)).toBe(true);
  });
});
