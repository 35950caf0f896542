import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import * as node from "../src/index.js";
import * as web from "../src/web.js";

const KEY = "web-variant-key-3a6d0c9b";
const NONCE = "Web0Nonce".repeat(7) + "x";

describe("web variant", () => {
  it("produces the same Authorization as the Node variant for fixed inputs", async () => {
    const credentials = { keyId: "42", key: KEY, securityLevel: "advanced" } as const;
    const options = { nonce: NONCE, timestamp: 1_700_000_000_000 };
    const fromWeb = await web.signHeaders(credentials, options);
    const fromNode = node.signHeaders(credentials, options);
    expect(fromWeb["Authorization"]).toBe(fromNode["Authorization"]);
    expect(fromWeb).toStrictEqual(fromNode);
    expect(await web.advancedAuthorization(KEY, NONCE, "1700000000000")).toBe(
      node.advancedAuthorization(KEY, NONCE, 1_700_000_000_000),
    );
  });

  it("handles standard keys, Credentials objects and fresh nonces", async () => {
    const standard = { keyId: 42, key: KEY, securityLevel: "standard" } as const;
    expect(await web.signHeaders(standard)).toStrictEqual({ Authorization: KEY, "x-xdr-auth-id": "42" });
    const c = web.createCredentials({ keyId: "42", key: KEY, securityLevel: "advanced" });
    const a = await web.signHeaders(c, { now: () => 1000, clockOffsetMs: 5 });
    const b = await web.signHeaders(c);
    expect(a["x-xdr-timestamp"]).toBe("1005");
    expect(a["x-xdr-nonce"]).toMatch(/^[A-Za-z0-9]{64}$/);
    expect(a["x-xdr-nonce"]).not.toBe(b["x-xdr-nonce"]);
    expect(web.generateNonce()).toMatch(/^[A-Za-z0-9]{64}$/);
  });

  it("returns promises and reports validation errors as rejections", async () => {
    const pending = web.signHeaders({ keyId: "nope", key: KEY, securityLevel: "advanced" });
    expect(pending).toBeInstanceOf(Promise);
    await expect(pending).rejects.toMatchObject({ code: "INVALID_KEY_ID" });
  });

  it("shares the error class and credentials with the Node entry", () => {
    expect(web.SigningError).toBe(node.SigningError);
    expect(web.Credentials).toBe(node.Credentials);
  });

  it("does not import node:* modules, directly or transitively", () => {
    const srcDir = join(dirname(fileURLToPath(import.meta.url)), "..", "src");
    const seen = new Set<string>();
    const pending = ["web.ts"];
    const nodeImports: string[] = [];
    while (pending.length > 0) {
      const file = pending.pop() as string;
      if (seen.has(file)) continue;
      seen.add(file);
      const source = readFileSync(join(srcDir, file), "utf8");
      for (const match of source.matchAll(/(?:from|import)\s*\(?\s*["']([^"']+)["']/g)) {
        const specifier = match[1] as string;
        if (specifier.startsWith("./")) pending.push(specifier.slice(2).replace(/\.js$/, ".ts"));
        else nodeImports.push(`${file} -> ${specifier}`);
      }
    }
    expect(seen.has("nonce.ts")).toBe(true);
    expect(seen.has("sign-node.ts")).toBe(false);
    // Any bare specifier (node:crypto, crypto, a package) would break non-Node runtimes.
    expect(nodeImports).toStrictEqual([]);
  });
});
