/**
 * Typed errors. Every error the SDK raises is a {@link CortexError}; errors from the service are built
 * by one factory, {@link createApiError}, from the status and whichever error envelope the service sent.
 *
 * @module
 */
import { redactBody, redactHeaders } from "./redact.js";
import { XSOAR_SUPPORT, type XsoarSupport } from "./xsoar-support.js";

const CORTEX_ERROR_BRAND = Symbol.for("cortex-sdk.CortexError");

/** Machine-readable kind of a {@link CortexError}. */
export type CortexErrorKind =
  | "authentication"
  | "license"
  | "permission"
  | "not_found"
  | "bad_request"
  | "rate_limit"
  | "xql_concurrency"
  | "server"
  | "api"
  | "connection"
  | "connection_lost"
  | "timeout"
  | "abort"
  | "configuration"
  | "console_url"
  | "pagination"
  | "conflict"
  | "invalid_request"
  | "action_failed"
  | "xql_query"
  | "xql_quota"
  | "reply_validation";

/** What the SDK knows about the request that failed. */
export interface CortexErrorContext {
  /** Operation id, when the error belongs to a call. */
  readonly operationId?: string | undefined;
  /** Server request id if one was sent, else the SDK's own id for the call. */
  readonly requestId?: string | undefined;
  /** Attempts made, retries included. */
  readonly attempts?: number | undefined;
  /** Underlying cause. */
  readonly cause?: unknown;
}

/** Base class of every error the SDK raises. Use {@link isCortexError} rather than `instanceof` across installs. */
export class CortexError extends Error {
  /** Machine-readable kind. */
  readonly kind: CortexErrorKind;
  /** Operation id, when the error belongs to a call. */
  readonly operationId: string | undefined;
  /** Server request id if one was sent, else the SDK's own id for the call. */
  readonly requestId: string | undefined;
  /** Attempts made, retries included. */
  attempts: number | undefined;

  /**
   * @param kind - Machine-readable kind.
   * @param message - What went wrong and what to do about it.
   * @param context - Request facts.
   */
  constructor(kind: CortexErrorKind, message: string, context: CortexErrorContext = {}) {
    super(message, context.cause === undefined ? undefined : { cause: context.cause });
    this.name = new.target.name;
    this.kind = kind;
    this.operationId = context.operationId;
    this.requestId = context.requestId;
    this.attempts = context.attempts;
    Object.defineProperty(this, CORTEX_ERROR_BRAND, { value: true });
  }

  /** @returns The error as plain data (name, kind, message and the request facts); never a secret. */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { name: this.name, kind: this.kind, message: this.message };
    for (const [field, value] of Object.entries(this)) if (value !== undefined) out[field] = value;
    return out;
  }
}

/**
 * Whether a value is an error raised by any copy of this SDK (works across duplicate installs).
 *
 * @param value - Anything caught.
 * @returns True for every {@link CortexError}.
 */
export function isCortexError(value: unknown): value is CortexError {
  return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[CORTEX_ERROR_BRAND] === true;
}

/** The service's error details, taken from whichever envelope it used. */
export interface ServiceErrorDetail {
  /** `err_code` / `errorCode` / `code`, as sent. */
  readonly code: string | number | undefined;
  /** `err_msg` / `message` / `error`. */
  readonly message: string | undefined;
  /** `err_extra` (string, object or null) or `errors`. */
  readonly extra: unknown;
}

/** Facts of an HTTP answer that became an error. */
export interface ApiErrorInit extends CortexErrorContext {
  /** HTTP status. */
  readonly status: number;
  /** Parsed body (JSON) or raw text. */
  readonly body: unknown;
  /** Response headers. */
  readonly headers: Readonly<Record<string, string>>;
  /** The base URL the request went to, to suggest the right one in console-URL errors. */
  readonly baseUrl?: string | undefined;
  /** Set for XSOAR clients, whose redirects and HTML pages also mean a wrong XSOAR version. */
  readonly xsoarVersion?: 6 | 8 | undefined;
}

/** An error answer from the service. */
export class CortexApiError extends CortexError {
  /** HTTP status. */
  readonly status: number;
  /** The service's error code, if it sent one. */
  readonly code: string | number | undefined;
  /** The service's error detail (`err_extra`), if any. */
  readonly detail: unknown;
  /** Response headers. */
  readonly headers: Readonly<Record<string, string>>;
  /** The response body with secrets redacted. */
  readonly body: unknown;

  /**
   * @param kind - Machine-readable kind.
   * @param message - What went wrong and what to do about it.
   * @param init - The answer's facts.
   * @param detail - Details parsed from the envelope.
   */
  constructor(kind: CortexErrorKind, message: string, init: ApiErrorInit, detail: ServiceErrorDetail) {
    super(kind, message, init);
    this.status = init.status;
    this.code = detail.code;
    this.detail = redactBody(detail.extra);
    this.headers = redactHeaders(init.headers);
    this.body = redactBody(init.body);
  }
}

/**
 * A possible cause of a rejected key. A real tenant answers every one of them with the same opaque 401, so
 * the SDK ranks them ({@link CortexAuthenticationError.likelyCauses}) and claims one
 * ({@link CortexAuthenticationError.likelyCause}) only on evidence; `diagnoseAuthentication()` probes the
 * tenant to tell them apart.
 * - `clock_skew`: an advanced key's timestamp is too far from the server's clock.
 * - `key_level_mismatch`: the key is standard but configured as advanced, or the reverse.
 * - `wrong_key`: the key id exists but the secret sent with it is not its key.
 * - `unknown_key_id`: the tenant has no key with this id (mistyped, or another tenant's id).
 * - `expired_key`: the key's expiration has passed.
 * - `deleted_key`: the key was deleted.
 * - `wrong_tenant_url`: the key belongs to another tenant than the one at the base URL.
 * - `wrong_header`: the headers do not fit the server (XSOAR 6 raw key sent to a Cortex gateway, or
 *   Cortex headers sent to an XSOAR 6 server).
 * - `unknown`: nothing points at one cause.
 */
export type AuthenticationCause =
  | "clock_skew"
  | "key_level_mismatch"
  | "wrong_key"
  | "unknown_key_id"
  | "expired_key"
  | "deleted_key"
  | "wrong_tenant_url"
  | "wrong_header"
  | "unknown";

/**
 * What the SDK worked out about a rejected key (see {@link AuthenticationDiagnose}); the authentication
 * error is built with it, so its message and fields are final from the start.
 */
export interface AuthenticationDiagnosis {
  /** The cause, when there is evidence for one; else `unknown`. */
  readonly likelyCause: AuthenticationCause;
  /** Possible causes, most likely first. */
  readonly likelyCauses: readonly AuthenticationCause[];
  /** Difference between the server's clock and ours in ms (server minus local), when known. */
  readonly clockSkewMs: number | undefined;
  /** What to do, in sentences: it ends the error's message in place of the generic advice. */
  readonly advice: string;
}

/** The facts of a rejected key that {@link createApiError} hands to an {@link AuthenticationDiagnose}. */
export interface AuthenticationFailure {
  /** HTTP status (401, or 403 for XSOAR 6's CSRF answer). */
  readonly status: number;
  /** Response headers (the `date` header tells the server's clock). */
  readonly headers: Readonly<Record<string, string>>;
  /** Parsed body (JSON) or raw text. */
  readonly body: unknown;
  /** Causes the answer itself points at, most likely first (empty when it says nothing). */
  readonly likelyCauses: readonly AuthenticationCause[];
}

/** Works out why a key was rejected, from the answer and what the caller knows about the call. */
export type AuthenticationDiagnose = (failure: AuthenticationFailure) => AuthenticationDiagnosis;

/** 401 (or XSOAR 6's CSRF 403): the key, key id, signature or timestamp was rejected. */
export class CortexAuthenticationError extends CortexApiError {
  /** The cause, when the SDK has evidence for one (a measured clock skew, a header the server cannot take); else `unknown`. */
  readonly likelyCause: AuthenticationCause;
  /** Possible causes, most likely first. */
  readonly likelyCauses: readonly AuthenticationCause[];
  /** Difference between the server's clock and ours in ms (server minus local), when known. */
  readonly clockSkewMs: number | undefined;

  /**
   * @param kind - Machine-readable kind.
   * @param message - What went wrong and what to do about it.
   * @param init - The answer's facts.
   * @param detail - Details parsed from the envelope.
   * @param diagnosis - Likely causes and the measured clock skew, when known.
   */
  constructor(kind: CortexErrorKind, message: string, init: ApiErrorInit, detail: ServiceErrorDetail, diagnosis?: Omit<AuthenticationDiagnosis, "advice">) {
    super(kind, message, init, detail);
    this.likelyCause = diagnosis?.likelyCause ?? "unknown";
    this.likelyCauses = diagnosis?.likelyCauses ?? [];
    this.clockSkewMs = diagnosis?.clockSkewMs;
  }
}
/** 402: the tenant lacks the licence the operation needs. */
export class CortexLicenseError extends CortexApiError {}
/** 403: the key's roles lack the permission. */
export class CortexPermissionError extends CortexApiError {}
/**
 * 401 or 403 on a request sent with `x-child-tenant-id`, where the same key works on its own tenant and a
 * plain read on the child fails too: the child tenant id is wrong, or names a tenant the key's (MSSP
 * parent) tenant does not manage. The service's answer does not say so; the SDK found out by probing.
 */
export class CortexChildTenantError extends CortexPermissionError {
  /** The child tenant id that was sent. */
  childTenantId = "";
}
/** 404, or a 500 whose message says something "was not found". */
export class CortexNotFoundError extends CortexApiError {}
/** 400 (also 413 and 422): the request was invalid; `detail` holds the server's explanation. */
export class CortexBadRequestError extends CortexApiError {}
/** 429 or a "Too many requests" / "Rate limit exceeded" answer. */
export class CortexRateLimitError extends CortexApiError {
  /** Delay the server asked for (Retry-After), in ms. */
  retryAfterMs: number | undefined;
}
/**
 * 409, or an answer saying "version conflict": the object changed since it was read (XSOAR optimistic
 * locking). Read it again and resend the update with the new `version`, or send `version: -1` to overwrite.
 */
export class CortexConflictError extends CortexApiError {}
/** The XQL limit of parallel running queries was reached (the service sends it as a 500). */
export class CortexXqlConcurrencyError extends CortexApiError {}
/** 5xx from the service. */
export class CortexServerError extends CortexApiError {}
/** The server answered with a redirect or an HTML page: the console URL was used instead of the API URL. */
export class CortexConsoleUrlError extends CortexApiError {}
/**
 * The connection failed. Catch this class for every connection failure; the two subclasses tell them
 * apart: {@link CortexCouldNotConnectError} (nothing was sent: refused, DNS, TLS, proxy) and
 * {@link CortexConnectionLostError} (the connection broke after the request went out).
 */
export class CortexConnectionError extends CortexError {
  /** The system or undici error code, e.g. `ECONNREFUSED`, `UND_ERR_SOCKET`, `DEPTH_ZERO_SELF_SIGNED_CERT`. */
  code: string | undefined;
  /**
   * False when the failure happened before any byte of the request was sent (refused, DNS, TLS, proxy
   * refusal), so any operation may be sent again.
   */
  requestMayHaveBeenSent = true;
  /** True when trying again cannot help (certificate or proxy-authentication failures). */
  permanent = false;
}
/**
 * No connection could be made (refused, DNS, unreachable network, TLS certificate, proxy refusal): nothing
 * was sent, so the operation did not run and may be sent again. Kind `connection`.
 */
export class CortexCouldNotConnectError extends CortexConnectionError {
  override requestMayHaveBeenSent = false;
}

/**
 * Whether an operation whose connection was lost may have run on the tenant:
 * - `no`: it is a read; nothing changed, and it is safe to repeat;
 * - `yes`: the server answered before the connection broke, so it ran (check its effect before repeating);
 * - `maybe`: a write went out and no answer came back; it may or may not have run.
 */
export type OperationOutcome = "no" | "yes" | "maybe";

/**
 * The connection broke after the request was sent (reset, closed by the server or a proxy, lost while
 * the answer was read). Kind `connection_lost`. Reads and idempotent operations were already retried;
 * an unsafe write is never resent automatically. {@link CortexConnectionLostError.operationMayHaveRun}
 * says whether it may have run, and the message says how to check.
 */
export class CortexConnectionLostError extends CortexConnectionError {
  override requestMayHaveBeenSent = true;
  /** When the connection broke: before any answer (`request`) or while the answer was read (`response`). */
  lostDuring: "request" | "response" = "request";
  /** HTTP status of the answer, when the connection broke while it was read. */
  status: number | undefined;
  /** The operation's retry safety from the operation table. */
  retrySafety: "read" | "idempotent" | "unsafe" = "unsafe";
  /** Whether the operation may have taken effect on the tenant. */
  operationMayHaveRun: OperationOutcome = "maybe";
  /** Whether sending the call again is safe without checking first (reads and idempotent operations). */
  safeToRepeat = false;
}

/** Which limit a {@link CortexTimeoutError} hit. */
export type TimeoutPhase = "connect" | "headers" | "body" | "total" | "wait";
/** A connect, header, body or total timeout elapsed, or a waiter gave up. */
export class CortexTimeoutError extends CortexError {
  /** Which limit elapsed (default `total`). */
  phase: TimeoutPhase = "total";
  /** False for connect timeouts: nothing was sent. */
  requestMayHaveBeenSent = true;
  /** For waiters: the last state seen before giving up. */
  lastState: unknown;
}
/** The caller's AbortSignal fired. */
export class CortexAbortError extends CortexError {}
/** The configuration is incomplete or invalid. */
export class CortexConfigError extends CortexError {}
/** Pagination could not go on without losing or repeating items. */
export class CortexPaginationError extends CortexError {}

/**
 * Reads the error details out of any envelope the Cortex services use:
 * `{"reply": {err_code, err_msg, err_extra}}`, the same trio unwrapped, `{errorCode, message}`,
 * `{"error": ...}`, `{code, status, message, errors}` and arrays of these.
 *
 * @param body - Parsed JSON body or raw text.
 * @returns The details; fields are undefined where the body has none.
 */
export function parseErrorEnvelope(body: unknown): ServiceErrorDetail {
  if (Array.isArray(body)) return parseErrorEnvelope(body[0]);
  if (typeof body === "string") return { code: undefined, message: body.trim().slice(0, 500) || undefined, extra: undefined };
  if (body === null || typeof body !== "object") return { code: undefined, message: undefined, extra: undefined };
  const record = body as Record<string, unknown>;
  const reply = record["reply"];
  if (isRecord(reply) && ("err_code" in reply || "err_msg" in reply || "err_extra" in reply)) return parseErrorEnvelope(reply);
  // Platform IAM: {"data": {"err_msg": ..., "metadata": {"err_code": ..., "err_extra": ...}}}
  const data = record["data"];
  if (isRecord(data) && ("err_msg" in data || isRecord(data["metadata"]))) {
    const metadata = isRecord(data["metadata"]) ? data["metadata"] : {};
    return parseErrorEnvelope({ err_code: metadata["err_code"] ?? data["err_code"], err_msg: data["err_msg"], err_extra: metadata["err_extra"] ?? data["err_extra"] });
  }
  const code = pick(record, ["err_code", "errorCode", "error_code", "code"]);
  // XSOAR's own envelope is {id, status, title, detail, error}: `detail` says what happened.
  const message = pick(record, ["err_msg", "message", "detail", "error", "errorMessage", "title"]);
  const extra = "err_extra" in record ? record["err_extra"] : (record["errors"] ?? record["details"] ?? (typeof record["detail"] === "string" && typeof record["error"] === "string" ? record["error"] : undefined));
  return {
    code: typeof code === "string" || typeof code === "number" ? code : undefined,
    message: typeof message === "string" ? message : message === undefined ? undefined : JSON.stringify(message),
    extra,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function pick(record: Record<string, unknown>, names: readonly string[]): unknown {
  for (const name of names) if (record[name] !== undefined && record[name] !== null) return record[name];
  return undefined;
}

const THROTTLING_TEXT = /too many requests|rate limit exceeded/i;
const XQL_CONCURRENCY_TEXT = /max(imum)?\b.{0,40}(parallel|concurrent).{0,40}quer|(parallel|concurrent).{0,40}quer.{0,40}(limit|max)/i;
const NOT_FOUND_TEXT = /was not found|does not exist/i;
const VERSION_CONFLICT_TEXT = /version conflict|db version/i;
// XSOAR 6 answers a wrong API key with a 403 about a missing CSRF cookie.
const XSOAR6_BAD_KEY_TEXT = /issue with csrf code|named cookie not present/i;

/**
 * The one factory for errors from the service: picks the class from the status and the envelope's text.
 *
 * @param init - Status, body, headers and request facts.
 * @param diagnose - Works out why a key was rejected; its advice replaces the generic one, so an
 *   authentication error is built once, with its diagnosis.
 * @returns The typed error.
 */
export function createApiError(init: ApiErrorInit, diagnose?: AuthenticationDiagnose): CortexApiError {
  return apiErrorOf(init, diagnose ?? genericDiagnosis, XSOAR_SUPPORT);
}

// Without a diagnosis: the causes the answer points at, none claimed, and the generic advice (for a 401).
function genericDiagnosis(failure: AuthenticationFailure): AuthenticationDiagnosis {
  const advice = failure.status === 401 ? " Check the key id, that the key is not expired or deleted, that the security level (standard or advanced) matches the key, and that this machine's clock is correct." : "";
  return { likelyCause: "unknown", likelyCauses: failure.likelyCauses, clockSkewMs: undefined, advice };
}

/**
 * {@link createApiError} with the XSOAR support given (or not): the pipeline passes its client's, so a bundle
 * of a lite client of another product carries none of the XSOAR advice.
 *
 * @param init - Status, body, headers and request facts.
 * @param diagnose - Works out why a key was rejected (the pipeline's diagnosis; {@link createApiError}'s
 *   generic one when its caller has none), so the generic advice is not in a client's bundle.
 * @param xsoar - The XSOAR support, for the advice to clients of an XSOAR version (`init.xsoarVersion`).
 * @returns The typed error.
 * @internal
 */
export function apiErrorOf(init: ApiErrorInit, diagnose: AuthenticationDiagnose, xsoar: XsoarSupport | undefined): CortexApiError {
  const detail = parseErrorEnvelope(init.body);
  const text = [detail.message, typeof detail.extra === "string" ? detail.extra : JSON.stringify(detail.extra ?? "")].join(" ");
  const where = init.operationId === undefined ? "" : `${init.operationId}: `;
  const serverSays = describeDetail(detail);
  const { status } = init;
  const contentType = init.headers["content-type"] ?? "";

  if ((status >= 300 && status < 400) || (status < 300 && /text\/html/i.test(contentType)) || looksLikeHtml(init.body)) {
    const answered = status >= 300 && status < 400 ? `a redirect (${status}${init.headers["location"] === undefined ? "" : ` to ${safeLocation(init.headers["location"])}`})` : "an HTML page";
    const advice =
      init.xsoarVersion !== undefined && xsoar !== undefined
        ? xsoar.consoleUrlAdvice(init.xsoarVersion)
        : `the base URL looks like the console URL instead of the API URL. Use the API URL, which starts with https://api- (Settings → API Keys → Copy API URL)${suggestApiUrl(init.baseUrl)}.`;
    return new CortexConsoleUrlError("console_url", `${where}the server answered with ${answered}: ${advice}`, init, detail);
  }
  if (status === 429 || THROTTLING_TEXT.test(text)) {
    const error = new CortexRateLimitError("rate_limit", `${where}rate limited by the tenant (HTTP ${status})${serverSays}. The SDK backs off and retries reads; lower the request rate if this persists.`, init, detail);
    error.retryAfterMs = parseRetryAfter(init.headers["retry-after"]);
    return error;
  }
  if (status === 500 && XQL_CONCURRENCY_TEXT.test(text)) {
    return new CortexXqlConcurrencyError("xql_concurrency", `${where}the tenant's limit of parallel XQL queries is reached${serverSays}. Wait for running queries to finish.`, init, detail);
  }
  if (status === 409 || (status >= 400 && VERSION_CONFLICT_TEXT.test(text))) {
    return new CortexConflictError(
      "conflict",
      `${where}the object was changed by someone else since it was read (HTTP ${status})${serverSays}. Read it again and resend the update with its current version, or send version -1 to overwrite.`,
      init,
      detail,
    );
  }
  switch (status) {
    case 400:
      return new CortexBadRequestError("bad_request", `${where}the request was rejected as invalid (HTTP 400)${serverSays}.`, init, detail);
    case 401:
      return authenticationError(`${where}authentication failed (HTTP 401)${serverSays}.`, [], init, detail, diagnose);
    case 403:
      if (XSOAR6_BAD_KEY_TEXT.test(text)) {
        // The XSOAR-version hint is for an XSOAR 6 client (or a caller who does not say); an XSOAR 8 client, or one
        // of another product, gets its advice from the diagnosis: the server is XSOAR 6, not what it expects.
        const hint = xsoar !== undefined && init.xsoarVersion !== 8 ? xsoar.unknownKeyHint : "";
        return authenticationError(
          `${where}authentication failed (HTTP 403)${serverSays}. XSOAR 6 answers an unknown or revoked API key this way${hint}.`,
          ["wrong_key", "deleted_key", "wrong_header"],
          init,
          detail,
          diagnose,
        );
      }
      return new CortexPermissionError("permission", `${where}the key's roles do not allow this call (HTTP 403)${serverSays}. Give the key a role with this permission.`, init, detail);
    case 402:
      return new CortexLicenseError("license", `${where}the tenant lacks the licence this API needs (HTTP 402)${serverSays}.`, init, detail);
    case 413:
    case 422:
      return new CortexBadRequestError("bad_request", `${where}the request was rejected as ${status === 413 ? "too large" : "invalid"} (HTTP ${status})${serverSays}.`, init, detail);
    case 404:
      return new CortexNotFoundError("not_found", `${where}not found (HTTP 404)${serverSays}.`, init, detail);
  }
  if (status >= 500 && NOT_FOUND_TEXT.test(text)) {
    return new CortexNotFoundError("not_found", `${where}not found (HTTP ${status})${serverSays}.`, init, detail);
  }
  if (status >= 500) {
    return new CortexServerError("server", `${where}the service failed (HTTP ${status})${serverSays}.`, init, detail);
  }
  return new CortexApiError("api", `${where}unexpected answer (HTTP ${status})${serverSays}.`, init, detail);
}

function authenticationError(statement: string, causes: readonly AuthenticationCause[], init: ApiErrorInit, detail: ServiceErrorDetail, diagnose: AuthenticationDiagnose): CortexAuthenticationError {
  const diagnosis = diagnose({ status: init.status, headers: init.headers, body: init.body, likelyCauses: causes });
  return new CortexAuthenticationError("authentication", `${statement}${diagnosis.advice}`, init, detail, diagnosis);
}

function describeDetail(detail: ServiceErrorDetail): string {
  const parts: string[] = [];
  if (detail.message !== undefined) parts.push(detail.message);
  const extra = detail.extra;
  if (typeof extra === "string" && extra !== "") parts.push(extra);
  else if (Array.isArray(extra) && extra.length > 0 && extra.every((item) => isRecord(item) && typeof item["msg"] === "string")) {
    // Validation errors: [{type, loc, msg, input}] — say where and what, never the input.
    parts.push(extra.map((item) => `${Array.isArray(item["loc"]) ? `${(item["loc"] as unknown[]).join(".")}: ` : ""}${String(item["msg"])}`).join("; "));
  } else if (isRecord(extra) && typeof extra["err_msg"] === "string") parts.push(extra["err_msg"]);
  else if (extra !== undefined && extra !== null) parts.push(JSON.stringify(redactBody(extra)));
  const text = parts.join(" — ");
  return text === "" ? "" : `: ${text.length > 1_000 ? `${text.slice(0, 1_000)}…` : text}`;
}

function safeLocation(location: string): string {
  try {
    const url = new URL(location);
    return `${url.origin}${url.pathname}`;
  } catch {
    return "another page";
  }
}

function suggestApiUrl(baseUrl: string | undefined): string {
  if (baseUrl === undefined) return "";
  try {
    const url = new URL(baseUrl);
    if (url.protocol !== "https:" || url.hostname.startsWith("api-")) return "";
    return ` (for this tenant probably https://api-${url.hostname})`;
  } catch {
    return "";
  }
}

function looksLikeHtml(body: unknown): boolean {
  return typeof body === "string" && /^\s*<(!doctype html|html)/i.test(body);
}

/**
 * Parses a Retry-After header (seconds or an HTTP date) into milliseconds.
 *
 * @param value - Header value.
 * @param now - Current time in epoch ms.
 * @returns The delay in ms, or undefined when absent or unparseable.
 */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
