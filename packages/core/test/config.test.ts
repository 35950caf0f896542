import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { CortexClient, CortexConfigError, MiddlewareStack, normalizeBaseUrl, resolveConfig, type Middleware } from "../src/index.js";
import { TEST_KEY } from "./helpers.js";

const info = { product: "xdr", clientName: "test", clientVersion: "0.0.0" } as const;

describe("resolveConfig", () => {
  it("reads the CORTEX_API_* environment variables", () => {
    const config = resolveConfig({ env: { CORTEX_API_BASE_URL: "https://api-acme.xdr.us.paloaltonetworks.com/", CORTEX_API_KEY_ID: "12", CORTEX_API_KEY: TEST_KEY, CORTEX_API_KEY_TYPE: "Advanced" } }, info);
    expect(config.baseUrl).toBe("https://api-acme.xdr.us.paloaltonetworks.com");
    expect(config.credentials.keyId).toBe("12");
    expect(config.credentials.securityLevel).toBe("advanced");
    expect(Object.isFrozen(config)).toBe(true);
  });

  it("lets explicit options win over the environment", () => {
    const config = resolveConfig({ baseUrl: "http://127.0.0.1:9999", apiKeyId: 3, apiKey: TEST_KEY, securityLevel: "standard", env: { CORTEX_API_BASE_URL: "https://api-other.example.com", CORTEX_API_KEY_ID: "12", CORTEX_API_KEY: "other", CORTEX_API_KEY_TYPE: "advanced" } }, info);
    expect(config.baseUrl).toBe("http://127.0.0.1:9999");
    expect(config.credentials.keyId).toBe("3");
    expect(config.credentials.securityLevel).toBe("standard");
  });

  it("names every missing setting and how to set it", () => {
    expect(() => resolveConfig({ env: { CORTEX_API_BASE_URL: "https://api-x.example.com" } }, info)).toThrowError(/CORTEX_API_KEY_ID.*CORTEX_API_KEY\b.*CORTEX_API_KEY_TYPE/s);
    expect(() => resolveConfig({ env: {} }, info)).toThrowError(CortexConfigError);
  });

  it("turns invalid credentials into a configuration error that hides the key", () => {
    let caught: unknown;
    try {
      resolveConfig({ baseUrl: "https://api-x.example.com", apiKeyId: "abc", apiKey: TEST_KEY, securityLevel: "advanced", env: {} }, info);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CortexConfigError);
    expect(String((caught as Error).message)).toContain("abc");
    expect(inspect(caught, { depth: 10 })).not.toContain(TEST_KEY);
  });

  it("warns loudly when TLS verification is turned off", () => {
    const lines: string[] = [];
    const logger = { debug: () => {}, info: () => {}, warn: (message: string) => lines.push(message), error: () => {} };
    const config = resolveConfig({ baseUrl: "https://api-x.example.com", apiKeyId: 1, apiKey: TEST_KEY, securityLevel: "standard", dangerouslyDisableTlsVerification: true, logger, env: {} }, info);
    expect(config.tlsVerification).toBe(false);
    expect(lines.join("\n")).toMatch(/TLS certificate verification is OFF/);
  });

  it("never shows the key in the resolved config", () => {
    const config = resolveConfig({ baseUrl: "https://api-x.example.com", apiKeyId: 1, apiKey: TEST_KEY, securityLevel: "advanced", env: {} }, info);
    expect(JSON.stringify(config)).not.toContain(TEST_KEY);
    expect(inspect(config, { depth: 10, showHidden: true })).not.toContain(TEST_KEY);
  });
});

describe("normalizeBaseUrl", () => {
  it.each([
    ["https://api-acme.xdr.us.paloaltonetworks.com", "https://api-acme.xdr.us.paloaltonetworks.com"],
    ["https://api-acme.xdr.us.paloaltonetworks.com/public_api/v1/", "https://api-acme.xdr.us.paloaltonetworks.com"],
    ["https://acme.xdr.us.paloaltonetworks.com/dashboard", "https://api-acme.xdr.us.paloaltonetworks.com"],
    ["acme.xdr.eu.paloaltonetworks.com", "https://api-acme.xdr.eu.paloaltonetworks.com"],
    ["http://127.0.0.1:8080/", "http://127.0.0.1:8080"],
    ["http://localhost:3000/prefix/", "http://localhost:3000/prefix"],
    ["https://10.0.0.5", "https://10.0.0.5"],
  ])("%s → %s", (input, expected) => {
    expect(normalizeBaseUrl(input)).toBe(expected);
  });

  it("rejects what is not a URL, and URLs with credentials in them", () => {
    expect(() => normalizeBaseUrl("https://exa mple")).toThrowError(CortexConfigError);
    expect(() => normalizeBaseUrl("ftp://x.example.com")).toThrowError(/https/);
    expect(() => normalizeBaseUrl("https://user:pw@api-x.example.com")).toThrowError(/user name or password/);
  });
});

describe("middleware stack", () => {
  const noop: Middleware = (context, next) => next(context);

  it("has the standard order with signing inside retry", () => {
    const client = new CortexClient({ baseUrl: "https://api-x.example.com", apiKeyId: 1, apiKey: TEST_KEY, securityLevel: "advanced", env: {} }, info);
    const names = client.middleware.names();
    expect(names).toEqual(["serialize", "retry", "sign", "errorMap", "deserialize", "send"]);
    expect(names.indexOf("sign")).toBeGreaterThan(names.indexOf("retry"));
  });

  it("adds steps relative to named ones and refuses unknown anchors and duplicates", () => {
    const stack = new MiddlewareStack([
      { name: "a", middleware: noop },
      { name: "b", middleware: noop },
    ]);
    stack.add("x", noop, { before: "b" }).add("y", noop, { after: "b" });
    expect(stack.names()).toEqual(["a", "x", "b", "y"]);
    expect(() => stack.add("z", noop, { before: "nope" })).toThrowError(/No middleware named "nope"/);
    expect(() => stack.add("x", noop, { after: "a" })).toThrowError(/already exists/);
    const copy = stack.clone();
    copy.remove("x");
    expect(stack.names()).toContain("x");
  });
});
