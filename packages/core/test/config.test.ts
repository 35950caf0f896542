import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { bypassesProxy, CortexClient, CortexConfigError, DEFAULT_RATE_LIMIT, MiddlewareStack, normalizeBaseUrl, resolveConfig, type Middleware } from "../src/index.js";
import { TEST_KEY, testInfo } from "./helpers.js";

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

describe("environment names users already have", () => {
  const key = TEST_KEY;
  it("accepts the CORTEXCLOUD_* names (cortex-cloud-go, Terraform)", () => {
    const config = resolveConfig({ env: { CORTEXCLOUD_API_URL: "https://api-acme.xdr.us.paloaltonetworks.com", CORTEXCLOUD_API_KEY: key, CORTEXCLOUD_API_KEY_ID: "5", CORTEXCLOUD_API_KEY_TYPE: "standard" } }, info);
    expect(config.credentials.keyId).toBe("5");
    expect(config.credentials.securityLevel).toBe("standard");
    expect(config.sources["baseUrl"]).toBe("env CORTEXCLOUD_API_URL");
  });

  it("accepts the DEMISTO_* names, where the variable holding the key says its level", () => {
    const advanced = resolveConfig({ env: { DEMISTO_BASE_URL: "https://acme.crtx.us.paloaltonetworks.com", DEMISTO_ADVANCED_API_KEY: key, DEMISTO_API_KEY_ID: "9" } }, info);
    expect(advanced.credentials.securityLevel).toBe("advanced");
    expect(advanced.baseUrl).toBe("https://api-acme.crtx.us.paloaltonetworks.com");
    const standard = resolveConfig({ env: { DEMISTO_BASE_URL: "https://acme.crtx.us.paloaltonetworks.com", DEMISTO_API_KEY: key, DEMISTO_API_KEY_ID: "9" } }, info);
    expect(standard.credentials.securityLevel).toBe("standard");
    expect(() => resolveConfig({ env: { DEMISTO_BASE_URL: "https://a.example.com", DEMISTO_API_KEY: key, DEMISTO_ADVANCED_API_KEY: key, DEMISTO_API_KEY_ID: "9" } }, info)).toThrowError(/ambiguous/);
  });

  it("prefers the CORTEX_* names over the others, and an explicit level over the DEMISTO_* convention", () => {
    const config = resolveConfig({ env: { CORTEX_API_BASE_URL: "https://api-one.example.com", DEMISTO_BASE_URL: "https://api-two.example.com", DEMISTO_API_KEY: key, DEMISTO_API_KEY_ID: "3", CORTEX_API_KEY_TYPE: "advanced" } }, info);
    expect(config.baseUrl).toBe("https://api-one.example.com");
    expect(config.credentials.securityLevel).toBe("advanced");
  });

  it("never guesses the level: a key without a level is a configuration error", () => {
    expect(() => resolveConfig({ env: { CORTEX_API_BASE_URL: "https://api-x.example.com", CORTEX_API_KEY: key, CORTEX_API_KEY_ID: "3" } }, info)).toThrowError(/security level.*CORTEX_API_KEY_TYPE/);
  });

  it("names every missing setting at once, URL included", () => {
    let message = "";
    try {
      resolveConfig({ env: {} }, info);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/API URL.*CORTEX_API_BASE_URL.*CORTEX_API_KEY_ID.*CORTEX_API_KEY\b.*CORTEX_API_KEY_TYPE/s);
  });

  it("refuses a key pasted with an authorization scheme in front", () => {
    expect(() => resolveConfig({ baseUrl: "https://api-x.example.com", apiKeyId: 1, apiKey: `Bearer ${key}`, securityLevel: "standard", env: {} }, info)).toThrowError(/give the key alone/);
  });
});

describe("XSOAR: the version decides host, prefix and headers", () => {
  const xsoar = { ...info, product: "xsoar" } as const;
  it("requires xsoarVersion (or CORTEX_XSOAR_VERSION) for XSOAR clients", () => {
    expect(() => resolveConfig({ baseUrl: "https://xsoar.corp.example", apiKey: TEST_KEY, env: {} }, xsoar)).toThrowError(/XSOAR version.*CORTEX_XSOAR_VERSION/);
  });

  it("XSOAR 6: the server as given (path kept), the raw key, no key id or level needed", () => {
    const config = resolveConfig({ baseUrl: "https://xsoar.corp.example/acc_tenant1/", apiKey: TEST_KEY, env: { CORTEX_XSOAR_VERSION: "6" } }, xsoar);
    expect(config.baseUrl).toBe("https://xsoar.corp.example/acc_tenant1");
    expect(config.routing.auth).toBe("xsoar6");
    expect(config.routing.pathPrefix).toBe("");
    expect(() => resolveConfig({ baseUrl: "https://xsoar.corp.example", apiKey: TEST_KEY, securityLevel: "advanced", xsoarVersion: 6, env: {} }, xsoar)).toThrowError(/cannot be advanced keys/);
  });

  it("XSOAR 8: the api- host, the /xsoar/public/v1 prefix, Cortex headers", () => {
    const config = resolveConfig({ baseUrl: "https://acme.crtx.us.paloaltonetworks.com/xsoar", apiKeyId: 3, apiKey: TEST_KEY, securityLevel: "standard", xsoarVersion: 8, env: {} }, xsoar);
    expect(config.baseUrl).toBe("https://api-acme.crtx.us.paloaltonetworks.com");
    expect(config.routing.auth).toBe("cortex");
    expect(config.routing.pathPrefix).toBe("/xsoar/public/v1");
    expect(() => resolveConfig({ baseUrl: "https://api-acme.example.com", apiKey: TEST_KEY, xsoarVersion: 8, env: {} }, xsoar)).toThrowError(/key id.*security level/s);
  });
});

describe("transport settings", () => {
  it("limits the tenant to the documented 10 requests a second by default; false turns it off", () => {
    const options = { baseUrl: "https://api-x.example.com", apiKeyId: 1, apiKey: TEST_KEY, securityLevel: "standard", env: {} } as const;
    expect(resolveConfig(options, info).rateLimit).toEqual(DEFAULT_RATE_LIMIT);
    expect(DEFAULT_RATE_LIMIT).toEqual({ requests: 10, perMs: 1_000 });
    expect(resolveConfig({ ...options, rateLimit: false }, info).rateLimit).toBeUndefined();
    expect(() => resolveConfig({ ...options, rateLimit: { requests: 0, perMs: 1000 } }, info)).toThrowError(CortexConfigError);
    expect(resolveConfig(options, info).xqlConcurrency).toBe(4);
  });

  it("takes HTTPS_PROXY from the environment unless NO_PROXY matches, and hides proxy passwords", () => {
    const options = { baseUrl: "https://api-acme.xdr.us.paloaltonetworks.com", apiKeyId: 1, apiKey: TEST_KEY, securityLevel: "standard" } as const;
    expect(resolveConfig({ ...options, env: { HTTPS_PROXY: "http://u:s3cret-pw@proxy:3128" } }, info).proxy).toBe("http://u:[REDACTED]@proxy:3128");
    expect(resolveConfig({ ...options, env: { https_proxy: "http://lower:3128", HTTPS_PROXY: "http://upper:3128" } }, info).proxy).toBe("http://lower:3128");
    expect(resolveConfig({ ...options, env: { HTTPS_PROXY: "http://proxy:3128", NO_PROXY: "localhost,.paloaltonetworks.com" } }, info).proxy).toBeUndefined();
    expect(resolveConfig({ ...options, proxy: false, env: { HTTPS_PROXY: "http://proxy:3128" } }, info).proxy).toBeUndefined();
    expect(resolveConfig({ ...options, proxy: "http://explicit:8080", env: { HTTPS_PROXY: "http://proxy:3128" } }, info).proxy).toBe("http://explicit:8080");
    expect(() => resolveConfig({ ...options, proxy: "ftp://x", env: {} }, info)).toThrowError(/http, https or socks5/);
  });

  it("matches NO_PROXY entries like curl does", () => {
    const url = new URL("https://api-acme.xdr.us.paloaltonetworks.com");
    expect(bypassesProxy(url, "*")).toBe(true);
    expect(bypassesProxy(url, "paloaltonetworks.com")).toBe(true);
    expect(bypassesProxy(url, "*.xdr.us.paloaltonetworks.com")).toBe(true);
    expect(bypassesProxy(url, "api-acme.xdr.us.paloaltonetworks.com:443")).toBe(true);
    expect(bypassesProxy(url, "api-acme.xdr.us.paloaltonetworks.com:8443")).toBe(false);
    expect(bypassesProxy(url, "example.com, networks.com")).toBe(false);
    expect(bypassesProxy(new URL("http://127.0.0.1:9000"), "127.0.0.1")).toBe(true);
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
    ["https://ext-acme.crtx.us.paloaltonetworks.com", "https://api-acme.crtx.us.paloaltonetworks.com"],
    ["https://api-acme.crtx.us.paloaltonetworks.com/xsoar/public/v1", "https://api-acme.crtx.us.paloaltonetworks.com"],
  ])("%s → %s", (input, expected) => {
    expect(normalizeBaseUrl(input)).toBe(expected);
  });

  it("leaves XSOAR 6 servers as they are", () => {
    expect(normalizeBaseUrl("xsoar.corp.example/", { product: "xsoar", xsoarVersion: 6 })).toBe("https://xsoar.corp.example");
    expect(normalizeBaseUrl("https://xsoar.corp.example/acc_t1", { product: "xsoar", xsoarVersion: 6 })).toBe("https://xsoar.corp.example/acc_t1");
    expect(normalizeBaseUrl("https://acme.crtx.eu.paloaltonetworks.com", { product: "xsoar", xsoarVersion: 8 })).toBe("https://api-acme.crtx.eu.paloaltonetworks.com");
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
    const client = new CortexClient({ baseUrl: "https://api-x.example.com", apiKeyId: 1, apiKey: TEST_KEY, securityLevel: "advanced", env: {} }, testInfo());
    const names = client.middleware.names();
    expect(names).toEqual(["validateRequest", "serialize", "retry", "rateLimit", "sign", "errorMap", "normalizeReply", "deserialize", "send"]);
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
