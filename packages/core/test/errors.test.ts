import { afterEach, describe, expect, it } from "vitest";
import {
  CortexApiError,
  CortexAuthenticationError,
  CortexBadRequestError,
  CortexConsoleUrlError,
  CortexLicenseError,
  CortexNotFoundError,
  CortexPermissionError,
  CortexRateLimitError,
  CortexServerError,
  CortexXqlConcurrencyError,
  createApiError,
  isCortexError,
  parseErrorEnvelope,
} from "../src/index.js";
import { inspect } from "node:util";
import { harness, INCIDENTS_PATH, type Harness } from "./helpers.js";

const json = { "content-type": "application/json" };

// Real envelopes as the reference records them, each with the class it must become.
const CASES: { name: string; status: number; body: unknown; headers?: Record<string, string>; expected: new (...args: never[]) => CortexApiError; text?: string }[] = [
  { name: "401 reply envelope", status: 401, body: { reply: { err_code: 401, err_msg: "Public API request unauthorized", err_extra: null } }, expected: CortexAuthenticationError, text: "Public API request unauthorized" },
  { name: "402 licence", status: 402, body: { reply: { err_code: 402, err_msg: "Missing license", err_extra: null } }, expected: CortexLicenseError },
  { name: "403 permission", status: 403, body: { reply: { err_code: 403, err_msg: "Forbidden. Access was denied to this resource.", err_extra: "Insufficient permissions for api key" } }, expected: CortexPermissionError, text: "Insufficient permissions for api key" },
  { name: "400 with detail", status: 400, body: { reply: { err_code: 400, err_msg: "Got an invalid input while processing XDR public API", err_extra: "Search size must fulfill the requirement: 0 < search_size <= 100" } }, expected: CortexBadRequestError, text: "0 < search_size <= 100" },
  { name: "400 IAM without reply", status: 400, body: { err_code: 400, err_extra: "Api Key fetch failed: api_key_id does not exist, id=1." }, expected: CortexBadRequestError, text: "api_key_id does not exist" },
  { name: "400 {error}", status: 400, body: { error: "Invalid request data" }, expected: CortexBadRequestError, text: "Invalid request data" },
  { name: "404 array", status: 404, body: [{ err_code: 404, err_msg: "Asset not found", err_extra: null }], expected: CortexNotFoundError, text: "Asset not found" },
  { name: "500 was not found", status: 500, body: { reply: { err_code: 500, err_msg: "An error occurred while processing XDR public API", err_extra: "Role Foo was not found" } }, expected: CortexNotFoundError },
  { name: "500 XQL concurrency", status: 500, body: { reply: { err_code: 500, err_msg: "An error occurred while processing XDR - XQL query", err_extra: { err_msg: "reached max allowed amount of parallel running queries" } } }, expected: CortexXqlConcurrencyError },
  { name: "429", status: 429, body: "Too many requests", expected: CortexRateLimitError },
  { name: "500 saying rate limit exceeded", status: 500, body: { reply: { err_code: 500, err_msg: "Rate limit exceeded", err_extra: null } }, expected: CortexRateLimitError },
  { name: "500 business error", status: 500, body: { reply: { err_code: "500", err_msg: "An unexpected error occurred by XDR public API", err_extra: "Invalid value 'x' for field platform" } }, expected: CortexServerError, text: "Invalid value 'x' for field platform" },
  { name: "errorCode/message", status: 400, body: { errorCode: "BAD", message: "nope" }, expected: CortexBadRequestError, text: "nope" },
  { name: "401 issue API {error}", status: 401, body: { error: "Unauthorized" }, expected: CortexAuthenticationError },
  { name: "400 platform IAM data envelope", status: 400, body: { data: { err_msg: "Invalid input", metadata: { err_code: 400, err_extra: "role_names is required" } } }, expected: CortexBadRequestError, text: "role_names is required" },
  {
    name: "400 validation array in err_extra",
    status: 400,
    body: { reply: { err_code: 400, err_msg: "Validation failed", err_extra: [{ type: "missing", loc: ["request_data", "filters"], msg: "Field required", input: { note: "input-not-shown" } }] } },
    expected: CortexBadRequestError,
    text: "request_data.filters: Field required",
  },
  { name: "422 {code, status, message, errors}", status: 422, body: { code: 422, status: "UNPROCESSABLE_ENTITY", message: "Invalid sort field", errors: { sort: "unknown" } }, expected: CortexBadRequestError, text: "Invalid sort field" },
  { name: "422 AppSec errorCode/message/details", status: 422, body: { errorCode: "VALIDATION", message: "Bad params", details: { params: { message: "limit too big" } } }, expected: CortexBadRequestError, text: "limit too big" },
  {
    name: "403 XSOAR 6 CSRF answer to a bad key",
    status: 403,
    body: { id: "forbidden", status: 403, title: "Forbidden", detail: "Issue with CSRF code", error: "http: named cookie not present", encrypted: false, multires: null },
    expected: CortexAuthenticationError,
    text: "XSOAR 6 answers an unknown or revoked API key",
  },
  { name: "500 XQL concurrency without reply wrapper", status: 500, body: { err_code: 500, err_msg: "An error occurred while processing XDR - XQL query", err_extra: { err_msg: "reached max allowed amount of parallel running queries. please wait for some queries to finish and submit your query again", remaining_quota: 5 } }, expected: CortexXqlConcurrencyError },
  { name: "302 to a login page", status: 302, body: "", headers: { location: "https://acme.xdr.us.paloaltonetworks.com/login" }, expected: CortexConsoleUrlError, text: "console URL" },
  { name: "200 HTML page", status: 200, body: "<!DOCTYPE html><html><body>login</body></html>", headers: { "content-type": "text/html" }, expected: CortexConsoleUrlError, text: "https://api-" },
];

describe("createApiError", () => {
  for (const testCase of CASES) {
    it(`maps ${testCase.name} to ${testCase.expected.name}`, () => {
      const error = createApiError({ status: testCase.status, body: testCase.body, headers: testCase.headers ?? {}, operationId: "op.id", requestId: "req-1", attempts: 1 });
      expect(error).toBeInstanceOf(testCase.expected);
      expect(error.status).toBe(testCase.status);
      expect(error.requestId).toBe("req-1");
      expect(error.operationId).toBe("op.id");
      expect(isCortexError(error)).toBe(true);
      if (testCase.text !== undefined) expect(error.message).toContain(testCase.text);
    });
  }

  it("reads err_code as string or number and err_extra as string, object or null", () => {
    expect(parseErrorEnvelope({ reply: { err_code: "401", err_msg: "m", err_extra: null } })).toEqual({ code: "401", message: "m", extra: null });
    expect(parseErrorEnvelope({ err_code: 500, err_msg: "m", err_extra: { a: 1 } })).toEqual({ code: 500, message: "m", extra: { a: 1 } });
  });

  it("never shows the input of a validation error, nor cookies and auth headers of the answer", () => {
    const error = createApiError({
      status: 400,
      body: { reply: { err_code: 400, err_msg: "bad", err_extra: [{ loc: ["x"], msg: "m", input: "input-not-shown" }] } },
      headers: { "set-cookie": "session=cookie-secret", "x-xdr-auth-id": "7", date: "Mon, 01 Jan 2024 00:00:00 GMT" },
    });
    expect(error.message).not.toContain("input-not-shown");
    expect(error.headers["set-cookie"]).toBe("[REDACTED]");
    expect(error.headers["date"]).toBe("Mon, 01 Jan 2024 00:00:00 GMT");
    const everything = `${JSON.stringify(error)} ${inspect(error, { depth: 10 })}`;
    expect(everything).not.toContain("cookie-secret");
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ name: "CortexBadRequestError", kind: "bad_request", status: 400, message: error.message });
  });

  it("suggests the api- URL when the console answers", () => {
    const error = createApiError({ status: 302, body: "", headers: { location: "https://acme.xdr.us.paloaltonetworks.com/login?next=%2F" }, baseUrl: "https://acme.xdr.us.paloaltonetworks.com" });
    expect(error.message).toContain("redirect (302 to https://acme.xdr.us.paloaltonetworks.com/login)");
    expect(error.message).toContain("https://api-acme.xdr.us.paloaltonetworks.com");
    const xsoar = createApiError({ status: 200, body: "<html></html>", headers: { "content-type": "text/html" }, xsoarVersion: 8 });
    expect(xsoar.message).toMatch(/set xsoarVersion to 6/);
  });

  it("without a diagnosis: a 401 ends with the generic advice and claims no cause; XSOAR 6's CSRF 403 names its causes", () => {
    const rejected = createApiError({ status: 401, body: { reply: { err_code: 401, err_msg: "Public API request unauthorized" } }, headers: {}, operationId: "op.id" });
    expect(rejected).toBeInstanceOf(CortexAuthenticationError);
    expect(rejected.message).toBe("op.id: authentication failed (HTTP 401): Public API request unauthorized. Check the key id, that the key is not expired or deleted, that the security level (standard or advanced) matches the key, and that this machine's clock is correct.");
    expect((rejected as CortexAuthenticationError).likelyCause).toBe("unknown");
    expect((rejected as CortexAuthenticationError).likelyCauses).toEqual([]);
    expect((rejected as CortexAuthenticationError).clockSkewMs).toBeUndefined();
    const csrf = createApiError({ status: 403, body: "Issue with CSRF code", headers: {} });
    expect(csrf).toBeInstanceOf(CortexAuthenticationError);
    expect(csrf.message).toMatch(/\(for XSOAR 8 set xsoarVersion to 8\)\.$/);
    expect((csrf as CortexAuthenticationError).likelyCauses).toEqual(["wrong_key", "deleted_key", "wrong_header"]);
    const six = createApiError({ status: 302, body: "", headers: {}, xsoarVersion: 6 });
    expect(six.message).toContain("the base URL is not the XSOAR 6 server's API root");
  });

  it("keeps the raw body with secrets redacted", () => {
    const error = createApiError({ status: 400, body: { reply: { err_code: 400, err_msg: "bad", err_extra: null }, key: "SECRET-VALUE-123" }, headers: {} });
    expect(JSON.stringify(error.body)).not.toContain("SECRET-VALUE-123");
  });

  it("recognises errors from another copy of the SDK by brand, not instanceof", () => {
    const foreign = Object.assign(new Error("x"), { [Symbol.for("cortex-sdk.CortexError")]: true });
    expect(isCortexError(foreign)).toBe(true);
    expect(isCortexError(new Error("plain"))).toBe(false);
    expect(isCortexError(null)).toBe(false);
  });
});

describe("errors through the pipeline", () => {
  let current: Harness | undefined;
  afterEach(async () => {
    await current?.client.close();
    await current?.agent.close();
  });

  it("produces each class from its real envelope over the wire", async () => {
    current = harness({ retry: { maxRetries: 0 } });
    for (const testCase of CASES) {
      const body = typeof testCase.body === "string" ? testCase.body : JSON.stringify(testCase.body);
      current.pool.intercept({ path: INCIDENTS_PATH, method: "POST" }).reply(testCase.status, body, { headers: { ...json, ...testCase.headers } });
      const error = await current.client.request("incidents.get_incidents", {}).catch((e: unknown) => e);
      expect(error, testCase.name).toBeInstanceOf(testCase.expected);
      expect((error as CortexApiError).attempts, testCase.name).toBe(1);
    }
  });
});
