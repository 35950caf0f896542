import { startEmulator as startRealEmulator, type EmulatorOptions, type RunningEmulator } from "../src/index.js";
// Test-side client: signs with node:crypto on its own, so the emulator's
// verification is checked against an independent implementation.
import { createHash, randomBytes } from "node:crypto";

export const UNAUTHORIZED = {
  reply: { err_code: 401, err_msg: "Public API request unauthorized", err_extra: null },
};

export const FORBIDDEN = {
  reply: {
    err_code: 403,
    err_msg: "Forbidden. Access was denied to this resource.",
    err_extra: "Insufficient permissions for api key",
  },
};

export function invalidInput(extra: string): unknown {
  return { reply: { err_code: 400, err_msg: "Got an invalid input while processing XDR public API", err_extra: extra } };
}

const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

export function nonce(): string {
  return [...randomBytes(64)].map((byte) => ALPHANUMERIC.charAt(byte % ALPHANUMERIC.length)).join("");
}

export function sha256hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

export interface Credentials {
  readonly keyId: string;
  readonly key: string;
}

/** Advanced-key headers; `timestamp` defaults to the local clock. */
export function advancedHeaders(
  credentials: Credentials,
  timestamp: number = Date.now(),
  nonceValue: string = nonce(),
): Record<string, string> {
  const ts = String(timestamp);
  return {
    "x-xdr-auth-id": credentials.keyId,
    "x-xdr-nonce": nonceValue,
    "x-xdr-timestamp": ts,
    Authorization: sha256hex(credentials.key + nonceValue + ts),
  };
}

/** Standard-key headers, as curl users send them. */
export function standardHeaders(credentials: Credentials): Record<string, string> {
  return { "x-xdr-auth-id": credentials.keyId, Authorization: credentials.key };
}

export interface Reply {
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
  readonly text: string;
}

export async function call(
  baseUrl: string,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: unknown; rawBody?: string } = {},
): Promise<Reply> {
  const method = options.method ?? "POST";
  const init: RequestInit = {
    method,
    headers: { "Content-Type": "application/json", Accept: "application/json", ...options.headers },
  };
  if (options.rawBody !== undefined) init.body = options.rawBody;
  else if (options.body !== undefined) init.body = JSON.stringify(options.body);
  const response = await fetch(baseUrl + path, init);
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: response.status, headers: response.headers, body, text };
}

/** Narrows a reply body to `{reply: T}` for assertions. */
export function replyOf<T>(reply: Reply): T {
  return (reply.body as { reply: T }).reply;
}

/** XSOAR 6 headers: the raw key in Authorization, nothing else. */
export function xsoar6Headers(key: string): Record<string, string> {
  return { Authorization: key };
}

/** The bootstrap key of the tenant with `tenantId`. */
export function bootstrapOf(
  keys: readonly { readonly tenantId: string; readonly keyId: string; readonly key: string }[],
  tenantId: string,
): Credentials {
  const found = keys.find((key) => key.tenantId === tenantId);
  if (found === undefined) throw new Error(`no bootstrap key for ${tenantId}`);
  return found;
}

export const XSOAR6_FORBIDDEN = {
  id: "forbidden",
  status: 403,
  title: "Forbidden",
  detail: "Issue with CSRF code",
  error: "http: named cookie not present",
  encrypted: false,
  multires: null,
};

/**
 * Starts an emulator for these tests. The emulator's own tests send bursts of raw requests on purpose, so
 * the tenant-wide limit (10 a second by default, as the vendor documents) is off unless a test sets it;
 * limits.test.ts tests the default itself.
 */
export function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  return startRealEmulator({ ...options, rateLimits: { perSecond: null, ...options.rateLimits } });
}
