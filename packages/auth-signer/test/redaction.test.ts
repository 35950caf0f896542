import { inspect, format } from "node:util";
import { describe, expect, it } from "vitest";
import {
  Credentials,
  createCredentials,
  createSigner,
  isSigningError,
  signHeaders,
  advancedAuthorization,
} from "../src/index.js";
import * as web from "../src/web.js";

const SECRET = "SuperSecretKey-7f3a9c2e-DO-NOT-LEAK";

function renderings(value: unknown): string[] {
  const c = value as object;
  return [
    String(c),
    `${c}`,
    (c as unknown as string) + "",
    JSON.stringify(c),
    JSON.stringify({ nested: [c] }),
    inspect(c),
    inspect(c, { depth: 10, showHidden: true }),
    inspect(c, { depth: 10, showHidden: true, customInspect: false, getters: true }),
    inspect({ nested: [c] }, { depth: 10, showHidden: true }),
    format("%s %o %O %j", c, c, c, c),
    JSON.stringify(Object.keys(c)),
    JSON.stringify(Object.getOwnPropertyNames(c)),
    JSON.stringify(Object.getOwnPropertyNames(c).map((name) => (c as Record<string, unknown>)[name])),
    JSON.stringify(Object.values(c)),
    JSON.stringify(Object.entries(c)),
    inspect(Reflect.ownKeys(c).map((k) => (c as Record<PropertyKey, unknown>)[k])),
    inspect(Object.getOwnPropertyDescriptors(c), { showHidden: true }),
    inspect({ ...c }),
    inspect(Object.assign({}, c)),
    inspect(tryStructuredClone(c)),
  ];
}

function tryStructuredClone(value: unknown): unknown {
  try {
    return structuredClone(value);
  } catch {
    // Objects holding functions (a Signer) can't be cloned; nothing to leak.
    return undefined;
  }
}

describe("Credentials redaction", () => {
  const c = createCredentials({ keyId: "42", key: SECRET, securityLevel: "advanced" });

  it("never renders the key", () => {
    for (const text of renderings(c)) {
      expect(text).not.toContain(SECRET);
    }
  });

  it("shows the key as [REDACTED] where a key field appears", () => {
    expect(JSON.parse(JSON.stringify(c))).toStrictEqual({
      keyId: "42",
      securityLevel: "advanced",
      key: "[REDACTED]",
    });
    expect(String(c)).toBe("Credentials(keyId=42, securityLevel=advanced, key=[REDACTED])");
    expect(inspect(c)).toContain("[REDACTED]");
    expect(inspect(c)).toContain("'42'");
  });

  it("exposes only keyId and securityLevel", () => {
    expect(Object.keys(c).sort()).toStrictEqual(["keyId", "securityLevel"]);
    expect(Reflect.ownKeys(c).sort()).toStrictEqual(["keyId", "securityLevel"]);
    expect("key" in c).toBe(false);
    expect((c as unknown as Record<string, unknown>)["key"]).toBeUndefined();
    expect(c.describe()).toStrictEqual({ keyId: "42", securityLevel: "advanced" });
    expect(c.keyId).toBe("42");
    expect(c.securityLevel).toBe("advanced");
  });

  it("is frozen", () => {
    expect(Object.isFrozen(c)).toBe(true);
    expect(() => {
      (c as unknown as { keyId: string }).keyId = "7";
    }).toThrow(TypeError);
  });

  it("returns an existing Credentials object unchanged and normalises numeric ids", () => {
    expect(createCredentials(c)).toBe(c);
    expect(createCredentials({ keyId: 7, key: SECRET, securityLevel: "standard" }).keyId).toBe("7");
    expect(c).toBeInstanceOf(Credentials);
  });

  it("rejects look-alike objects that lack the private key", () => {
    const fake = Object.create(Credentials.prototype) as Credentials;
    const error = catchError(() => signHeaders(fake));
    expect(isSigningError(error) && error.code).toBe("INVALID_CREDENTIALS");
    expect(catchError(() => createCredentials(fake))).toMatchObject({ code: "INVALID_CREDENTIALS" });
  });

  it("a signer does not reveal the key either", () => {
    const signer = createSigner(c);
    for (const text of renderings(signer)) expect(text).not.toContain(SECRET);
  });
});

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw");
}

describe("errors never contain the key", () => {
  const cases: Array<[string, () => unknown]> = [
    ["bad key id", () => createCredentials({ keyId: "abc", key: SECRET, securityLevel: "advanced" })],
    ["key passed as key id", () => createCredentials({ keyId: SECRET, key: SECRET, securityLevel: "advanced" })],
    ["short key echoed as id", () => createCredentials({ keyId: "k3y", key: "k3y", securityLevel: "advanced" })],
    ["key passed as level", () => createCredentials({ keyId: 1, key: SECRET, securityLevel: SECRET as never })],
    ["bad level", () => createCredentials({ keyId: 1, key: SECRET, securityLevel: "Advanced" as never })],
    ["bare key as credentials", () => signHeaders(SECRET as never)],
    ["key passed as options", () => signHeaders({ keyId: 1, key: SECRET, securityLevel: "advanced" }, SECRET as never)],
    ["key passed as nonce", () => signHeaders({ keyId: 1, key: SECRET, securityLevel: "advanced" }, { nonce: SECRET })],
    ["key passed as timestamp", () => signHeaders({ keyId: 1, key: SECRET, securityLevel: "advanced" }, { timestamp: SECRET })],
    ["key passed as offset", () => signHeaders({ keyId: 1, key: SECRET, securityLevel: "advanced" }, { clockOffsetMs: SECRET as never })],
    ["key passed as nonce to advancedAuthorization", () => advancedAuthorization(SECRET, SECRET, 1)],
    ["key passed as timestamp to advancedAuthorization", () => advancedAuthorization(SECRET, "a".repeat(64), SECRET)],
    ["non-string key", () => createCredentials({ keyId: 1, key: 12345 as never, securityLevel: "standard" })],
  ];

  for (const [name, fn] of cases) {
    it(name, () => {
      const error = catchError(fn);
      expect(isSigningError(error) || error instanceof TypeError).toBe(true);
      const { message, stack } = error as Error;
      expect(message).not.toContain(SECRET);
      expect(String(stack)).not.toContain(SECRET);
      expect(inspect(error, { showHidden: true, depth: 10 })).not.toContain(SECRET);
      expect(JSON.stringify(error)).not.toContain(SECRET);
    });
  }

  it("a short key echoed in the id slot is described, not quoted", () => {
    const error = catchError(() => createCredentials({ keyId: "k3y", key: "k3y", securityLevel: "advanced" }));
    expect((error as Error).message).toContain("containing the API key");
    expect((error as Error).message).not.toContain("k3y");
  });

  it("a whitespace-only key is not echoed", () => {
    const key = " \t \u00a0 ";
    const error = catchError(() => createCredentials({ keyId: 1, key, securityLevel: "standard" }));
    expect(isSigningError(error) && error.code).toBe("EMPTY_KEY");
    expect((error as Error).message).not.toContain(key);
    expect((error as Error).message).not.toMatch(/\t|\u00a0/);
  });

  it("the web variant rejects the same way", async () => {
    const error: unknown = await web
      .signHeaders({ keyId: 1, key: SECRET, securityLevel: "advanced" }, { nonce: SECRET })
      .catch((e: unknown) => e);
    expect(isSigningError(error) && error.code).toBe("INVALID_NONCE");
    expect((error as Error).message).not.toContain(SECRET);
  });
});
