/**
 * Request authentication, as a tenant does it: standard keys send the raw
 * secret, advanced keys send sha256_hex(secret + nonce + timestamp); XSOAR 6
 * keys send only the raw key.
 *
 * Self-contained on node:crypto (deliberately not `@cortex-sdk/auth-signer`),
 * so the emulator checks signatures independently of the SDK's signer: a bug
 * shared by signer and verifier would otherwise pass every test.
 */
// The declarations name Node's own types (streams, http, Buffer): a TypeScript user needs @types/node.
/// <reference types="node" preserve="true" />
import { createHash, hash, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import type { ApiKeyRecord, KeyIndex, KeyOwner } from "./keys.js";
import type { NonceCache } from "./nonce-cache.js";

/**
 * Why a request was rejected with 401. Reported to `onAuthFailure` only;
 * the response body is identical for all of them, as on a real tenant.
 */
export type AuthFailureReason =
  /** `x-xdr-auth-id` or `Authorization` absent; or an advanced key without nonce/timestamp. */
  | "missing_headers"
  /** No key with that id (never created, or deleted). */
  | "unknown_key"
  /** The key's expiration is not in the future. */
  | "expired_key"
  /** A standard key sent signed, or an advanced key sent raw. */
  | "level_mismatch"
  /** `x-xdr-nonce` is not 64 characters of [A-Za-z0-9]. */
  | "malformed_nonce"
  /** `x-xdr-timestamp` is not an integer of epoch milliseconds. */
  | "malformed_timestamp"
  /** The signed timestamp is outside the accepted window around the emulator clock. */
  | "clock_skew"
  /** The nonce was already used with this key inside the window. */
  | "nonce_replay"
  /** `Authorization` does not match the key (raw or signed). */
  | "bad_signature"
  /** XSOAR 6: `Authorization` is missing or is not a key of any XSOAR 6 tenant (answered 403, XSOAR's way). */
  | "xsoar6_bad_key"
  /**
   * The replay cache is at its hard cap (`nonceCache.maxEntries`, policy `reject`).
   * Answered with 429 "Too many requests", not 401: the request may be authentic.
   */
  | "nonce_cache_full";

/** Reported to `onAuthFailure` for every rejected credential; the client never sees the reason. */
export interface AuthFailureEvent {
  /** Why the request was rejected. */
  readonly reason: AuthFailureReason;
  /** The `x-xdr-auth-id` sent, if any. */
  readonly keyId: string | undefined;
  /** HTTP method of the request. */
  readonly method: string;
  /** Request path, without the query string. */
  readonly path: string;
}

/** Outcome of {@link authenticate}. */
export type AuthResult<TOwner extends KeyOwner> =
  | { readonly ok: true; readonly key: ApiKeyRecord; readonly tenant: TOwner }
  | { readonly ok: false; readonly reason: AuthFailureReason; readonly keyId: string | undefined };

/** What {@link authenticate} needs besides the headers. */
export interface AuthContext<TOwner extends KeyOwner> {
  /** Server-wide key index. */
  readonly keys: KeyIndex<TOwner>;
  /** Server-wide replay cache. */
  readonly nonces: NonceCache;
  /** Emulator clock reading for this request, epoch ms. */
  readonly now: number;
  /** Accepted distance between a signed timestamp and `now`, in ms. */
  readonly windowMs: number;
}

const NONCE_PATTERN = /^[A-Za-z0-9]{64}$/;
// 16 digits covers every epoch-ms value a client can plausibly send while
// staying inside Number's exact-integer range.
const TIMESTAMP_PATTERN = /^[0-9]{1,16}$/;

/** The advanced-key `Authorization` value: lowercase hex sha256 of key + nonce + timestamp. */
export function advancedSignature(secret: string, nonce: string, timestamp: string): string {
  return createHash("sha256").update(secret + nonce + timestamp, "utf8").digest("hex");
}

/**
 * Compares two strings without leaking where they differ or their lengths:
 * both sides are hashed first so `timingSafeEqual` always sees 32 bytes.
 */
export function constantTimeEqual(a: string, b: string): boolean {
  return timingSafeEqual(hash("sha256", a, "buffer"), hash("sha256", b, "buffer"));
}

// A key's secret never changes (an edit replaces the record), so its digest is taken once per record
// rather than on every request it authenticates.
const secretDigests = new WeakMap<ApiKeyRecord, Buffer>();

/** {@link constantTimeEqual} of a sent value and a key's secret. */
function equalsSecret(sent: string, key: ApiKeyRecord): boolean {
  let digest = secretDigests.get(key);
  if (digest === undefined) {
    digest = hash("sha256", key.secret, "buffer");
    secretDigests.set(key, digest);
  }
  return timingSafeEqual(hash("sha256", sent, "buffer"), digest);
}

const LOWER_HEX_SHA256 = /^[0-9a-f]{64}$/;

/**
 * Whether `sent` is the advanced signature for the key, nonce and timestamp: the same answer as
 * comparing it with {@link advancedSignature}'s hex text, with one hash instead of three. Only the
 * digest's bytes are compared in constant time; the shape check reveals nothing about the secret.
 */
function isSignature(sent: string, secret: string, nonce: string, timestamp: string): boolean {
  if (!LOWER_HEX_SHA256.test(sent)) return false;
  return timingSafeEqual(Buffer.from(sent, "hex"), hash("sha256", secret + nonce + timestamp, "buffer"));
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  // node joins a repeated header into "a, b", which then fails to match like
  // any other wrong value; the typings also allow arrays, treated as absent.
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** Authenticates a request from its headers; see {@link AuthFailureReason} for the rules. */
export function authenticate<TOwner extends KeyOwner>(
  headers: IncomingHttpHeaders,
  context: AuthContext<TOwner>,
): AuthResult<TOwner> {
  const keyId = header(headers, "x-xdr-auth-id");
  const fail = (reason: AuthFailureReason): AuthResult<TOwner> => ({ ok: false, reason, keyId });

  const authorization = header(headers, "authorization");
  if (keyId === undefined || authorization === undefined) return fail("missing_headers");

  const owned = context.keys.lookup(keyId);
  // XSOAR 6 keys have no usable id: `x-xdr-auth-id` never names one.
  if (owned === undefined || owned.key.authScheme !== "cortex") return fail("unknown_key");
  const { key, tenant } = owned;
  if (key.expiration !== null && key.expiration <= context.now) return fail("expired_key");

  const nonce = header(headers, "x-xdr-nonce");
  const timestamp = header(headers, "x-xdr-timestamp");

  if (key.securityLevel === "standard") {
    // Extra nonce/timestamp headers are ignored for standard keys, as clients
    // in "prevent only" mode send them alongside the raw key.
    if (equalsSecret(authorization, key)) return { ok: true, key, tenant };
    const sentSigned = nonce !== undefined && timestamp !== undefined && isSignature(authorization, key.secret, nonce, timestamp);
    return fail(sentSigned ? "level_mismatch" : "bad_signature");
  }

  if (equalsSecret(authorization, key)) return fail("level_mismatch");
  if (nonce === undefined || timestamp === undefined) return fail("missing_headers");
  if (!NONCE_PATTERN.test(nonce)) return fail("malformed_nonce");
  if (!TIMESTAMP_PATTERN.test(timestamp)) return fail("malformed_timestamp");
  // Signature before skew/replay, so those reasons only ever describe authentic requests.
  if (!isSignature(authorization, key.secret, nonce, timestamp)) return fail("bad_signature");
  const signedAt = Number(timestamp);
  if (Math.abs(signedAt - context.now) > context.windowMs) return fail("clock_skew");
  // The entry must outlive the moment the same timestamp leaves the window.
  const expiresAt = Math.max(signedAt, context.now) + context.windowMs;
  const remembered = context.nonces.remember(`${key.id}:${nonce}`, expiresAt, context.now);
  if (remembered === "replay") return fail("nonce_replay");
  if (remembered === "full") return fail("nonce_cache_full");
  return { ok: true, key, tenant };
}

/**
 * Authenticates an XSOAR 6 request: `Authorization` carries the raw key and
 * nothing else is looked at (`x-xdr-auth-id` is ignored, as XSOAR 6 does).
 * XSOAR 6 keys never expire.
 */
export function authenticateXsoar6<TOwner extends KeyOwner>(
  headers: IncomingHttpHeaders,
  keys: KeyIndex<TOwner>,
): AuthResult<TOwner> {
  const authorization = header(headers, "authorization");
  const owned = authorization === undefined ? undefined : keys.lookupXsoar6(authorization);
  if (owned === undefined) return { ok: false, reason: "xsoar6_bad_key", keyId: undefined };
  return { ok: true, key: owned.key, tenant: owned.tenant };
}
