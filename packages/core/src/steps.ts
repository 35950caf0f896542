/**
 * The standard pipeline steps other than `send` (see transport.ts).
 *
 * @module
 */
import { AUTH_HEADER_NAMES, createUncheckedClockSigner, type ClockSigner } from "@cortex-sdk/auth-signer";
import {
  CortexAuthenticationError,
  CortexConfigError,
  CortexConnectionError,
  CortexError,
  CortexRateLimitError,
  CortexServerError,
  CortexTimeoutError,
  CortexXqlConcurrencyError,
  apiErrorOf,
  isCortexError,
  type AuthenticationCause,
  type AuthenticationDiagnosis,
  type AuthenticationFailure,
} from "./errors.js";
import { normalizeReply } from "./normalize-reply.js";
import { rememberSecret } from "./config.js";
import type { CallContext, CallResult, Handler, HttpRequest, HttpResponse, Middleware } from "./pipeline.js";
import { operationPath } from "./products.js";
import { isSecretHeader } from "./redact.js";
import { serverRequestId } from "./request-id.js";
import type { Permit, RateLimit, RateLimiter } from "./limiter.js";
import { operationLimiter, RETRY_BUDGET, tenantLimiter } from "./tenant-state.js";
import type { HttpDispatcher } from "./dispatcher.js";
import { sendRequest, toDeliveryError } from "./transport.js";

/**
 * `serialize`: builds the HTTP request from the operation entry and the caller's input: the product's path
 * prefix, path parameters (`{name}` in the path, taken from the input), and the body envelope.
 *
 * @param userAgent - The User-Agent value.
 * @returns The middleware.
 */
export function serializeStep(userAgent: string): Middleware {
  const baseHeaders = baseHeadersFor(userAgent);
  return (context, next) => {
    context.request = serializeRequest(context, baseHeaders);
    return next(context);
  };
}

/**
 * What `serialize` builds: the HTTP request of a call, from its operation entry and input.
 *
 * @param context - The call.
 * @param baseHeaders - The header sets of the client's User-Agent ({@link baseHeadersFor}).
 * @returns The request (a fresh header object the caller may change).
 * @internal
 */
export function serializeRequest(context: CallContext, baseHeaders: readonly Readonly<Record<string, string>>[]): HttpRequest {
  const { operation, input, config, options } = context;
  let body: string | undefined;
  switch (operation.requestEnvelope) {
    case "request_data":
      body = JSON.stringify({ request_data: input ?? {} });
      break;
    case "request_data_array":
      body = JSON.stringify({ request_data: input ?? [] });
      break;
    case "bare":
      body = input === undefined ? undefined : JSON.stringify(input);
      break;
    case "none":
      body = undefined;
  }
  const headers: Record<string, string> = { ...baseHeaders[(operation.replyKind === "binary" ? 2 : 0) + (body === undefined ? 0 : 1)] };
  if (config.childTenantId !== undefined) headers["x-child-tenant-id"] = config.childTenantId;
  if (options.headers !== undefined) {
    for (const [name, value] of Object.entries(options.headers)) {
      const lower = name.toLowerCase();
      if (isSecretHeader(lower)) {
        // The sign step owns these; a hand-made Authorization ("Bearer ...") is a classic cause of 401s.
        config.logger.warn(`Ignoring the "${lower}" header given in the call options: the SDK builds the authentication headers itself.`, { requestId: context.callId, operation: operation.id });
        continue;
      }
      headers[lower] = value;
    }
  }
  const path = fillPathParameters(operationPath(config.routing, operation), input, operation.id);
  return { method: operation.method, url: `${config.baseUrl}${path}`, headers, body };
}

// The header sets a request starts from (JSON or any reply, without or with a JSON body), built once per
// User-Agent: clients derived per child tenant share their parent's.
const BASE_HEADERS = new Map<string, readonly Readonly<Record<string, string>>[]>();

/**
 * The header sets a request starts from, for one User-Agent.
 *
 * @param userAgent - The User-Agent value.
 * @returns JSON or any reply, each without and with a JSON body.
 * @internal
 */
export function baseHeadersFor(userAgent: string): readonly Readonly<Record<string, string>>[] {
  let sets = BASE_HEADERS.get(userAgent);
  if (sets === undefined) {
    sets = [false, true].flatMap((binary) =>
      [false, true].map((withBody) =>
        Object.freeze({
          accept: binary ? "*/*" : "application/json",
          "accept-encoding": "gzip",
          "user-agent": userAgent,
          ...(withBody ? { "content-type": "application/json" } : {}),
        }),
      ),
    );
    // A handful of distinct User-Agents per process at most; the bound only guards against misuse.
    if (BASE_HEADERS.size < 64) BASE_HEADERS.set(userAgent, sets);
  }
  return sets;
}

function fillPathParameters(path: string, input: unknown, operationId: string): string {
  if (!path.includes("{")) return path;
  return path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = input !== null && typeof input === "object" ? (input as Record<string, unknown>)[name] : undefined;
    if (typeof value !== "string" && typeof value !== "number") {
      throw new CortexConfigError("configuration", `${operationId}: the path needs "${name}"; pass it in the request.`, { operationId });
    }
    return encodeURIComponent(String(value));
  });
}

/**
 * `sign`: adds the authentication headers. It runs inside the retry loop, so every attempt gets a fresh
 * nonce and timestamp, corrected by the clock offset learnt from the server. Cortex products get
 * `Authorization` and `x-xdr-auth-id` (plus nonce and timestamp for advanced keys); XSOAR 6 gets the raw
 * key in `Authorization` only.
 *
 * @returns The middleware.
 */
export function signStep(): Middleware {
  const signer = signerSlot();
  return (context, next) => {
    signRequest(context, signer);
    return next(context);
  };
}

/**
 * The signer of a client's credentials, made on first use. Credentials are immutable: they are validated
 * once per credentials object, not per attempt.
 *
 * @internal
 */
export interface SignerSlot {
  credentials: unknown;
  sign: ClockSigner["sign"] | undefined;
}

/**
 * An empty {@link SignerSlot}.
 *
 * @returns The slot.
 * @internal
 */
export function signerSlot(): SignerSlot {
  return { credentials: undefined, sign: undefined };
}

/**
 * What `sign` does: adds fresh authentication headers to the attempt's request.
 *
 * @param context - The call, its request built.
 * @param slot - The client's signer.
 * @internal
 */
export function signRequest(context: CallContext, slot: SignerSlot): void {
  const offset = context.tenant.clockOffsetMs;
  context.signedClockOffsetMs = offset;
  const { credentials } = context.config;
  if (slot.sign === undefined || slot.credentials !== credentials) {
    // Unchecked: the offset is 0 or the measured difference to the server's clock (a finite number).
    slot.sign = createUncheckedClockSigner(credentials).sign;
    slot.credentials = credentials;
  }
  const signed = slot.sign(offset);
  const headers = context.request.headers;
  const authorization = signed[AUTH_HEADER_NAMES.authorization] ?? "";
  headers["authorization"] = authorization;
  if (context.config.routing.auth !== "xsoar6") {
    for (const name in signed) if (name !== AUTH_HEADER_NAMES.authorization) headers[name.toLowerCase()] = signed[name] as string;
  }
  // A server or proxy may echo the header: logs and errors are redacted of it by value.
  rememberSecret(context.config, authorization);
}

/**
 * `deserialize`: parses the body and, for successful answers, removes the envelope. Binary replies stay
 * bytes, NDJSON replies become an array of rows, and streaming calls hand the stream through.
 *
 * @returns The middleware.
 */
export function deserializeStep(): Middleware {
  // `.then` rather than `async`: one promise less per call on the hot path.
  return (context, next) => next(context).then((result) => ({ ...result, data: replyData(context, result.response) }));
}

/**
 * What `deserialize` makes of an answer: see {@link deserializeStep}.
 *
 * @param context - The call.
 * @param response - The answer.
 * @returns The reply value.
 * @internal
 */
export function replyData(context: CallContext, response: HttpResponse): unknown {
  const { operation } = context;
  if (response.stream !== undefined) return response.stream;
  const ok = response.status >= 200 && response.status < 300;
  if (ok && operation.replyKind === "binary") return response.body;
  const text = UTF8.decode(response.body);
  if (ok && operation.replyKind === "ndjson" && !/application\/json/i.test(response.headers["content-type"] ?? "")) return parseNdjsonText(text, operation.id);
  // Text replies (an XSOAR list's content) stay text, even when they look like a number.
  if (ok && operation.replyKind === "string" && /^text\//i.test(response.headers["content-type"] ?? "")) return text;
  const parsed = parseJson(text);
  if (!ok || parsed === NOT_JSON) return parsed === NOT_JSON ? text : parsed;
  return unwrap(parsed, operation.replyEnvelope);
}

/**
 * `normalizeReply`: brings a successful JSON reply to its documented shape (count and data keys in one
 * spelling with the other kept as an alias, known real-world variations coerced; see normalize-reply.ts).
 * Bytes, streams, text and unsuccessful answers pass through untouched.
 *
 * @returns The middleware.
 */
export function normalizeReplyStep(): Middleware {
  return (context, next) =>
    next(context).then((result) => {
      const data = normalizedData(context, result.response, result.data);
      return data === result.data ? result : { ...result, data };
    });
}

/**
 * What `normalizeReply` makes of a reply value: see {@link normalizeReplyStep}.
 *
 * @param context - The call.
 * @param response - The answer.
 * @param data - The reply value.
 * @returns The normalised value (the same object, changed in place, for an object reply).
 * @internal
 */
export function normalizedData(context: CallContext, response: HttpResponse, data: unknown): unknown {
  const { status, stream } = response;
  if (stream !== undefined || status < 200 || status >= 300 || data === null || typeof data !== "object" || data instanceof Uint8Array) return data;
  return normalizeReply(context.operation, data);
}

const NOT_JSON = Symbol("not json");
const UTF8 = new TextDecoder();

function parseJson(text: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // Only a failed parse pays for the whitespace check (a body of blanks is "no reply", not "not JSON").
    return text.trim() === "" ? undefined : NOT_JSON;
  }
}

function parseNdjsonText(text: string, operationId: string): unknown[] {
  const rows: unknown[] = [];
  let line = 0;
  for (const raw of text.split("\n")) {
    line += 1;
    const trimmed = raw.trim();
    if (trimmed === "") continue;
    try {
      rows.push(JSON.parse(trimmed));
    } catch {
      throw new CortexError("api", `${operationId}: line ${line} of the NDJSON reply is not JSON.`, { operationId });
    }
  }
  return rows;
}

function unwrap(value: unknown, envelope: CallContext["operation"]["replyEnvelope"]): unknown {
  // Tolerant: some services wrap where the spec says they do not, and the reverse.
  if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
  const record = value as Record<string, unknown>;
  if (envelope === "reply" && "reply" in record) return record["reply"];
  if (envelope === "data" && "data" in record && Object.keys(record).length === 1) return record["data"];
  if (envelope === "bare" && "reply" in record && Object.keys(record).length === 1) return record["reply"];
  return value;
}

/**
 * `errorMap`: turns an unsuccessful answer (or an HTML page where JSON was expected) into a typed error,
 * and works out the likely cause of a rejected key.
 *
 * @returns The middleware.
 */
export function errorMapStep(): Middleware {
  return (context, next) =>
    next(context).then((result) => {
      checkAnswer(context, result.response, result.data);
      return result;
    });
}

/**
 * What `errorMap` checks: throws the typed error of an unsuccessful answer (or of an HTML page where JSON
 * was expected) and remembers that the key was accepted otherwise.
 *
 * @param context - The call.
 * @param response - The answer.
 * @param data - The reply value, for the error's detail.
 * @throws The typed `CortexApiError` of the answer.
 * @internal
 */
export function checkAnswer(context: CallContext, response: HttpResponse, data: unknown): void {
  const contentType = response.headers["content-type"];
  const isHtml = contentType !== undefined && /text\/html/i.test(contentType);
  if (response.status >= 200 && response.status < 300 && !isHtml) {
    // Once per configuration, not per call: the tag is the same for every call of a client.
    if (!acceptedConfigs.has(context.config)) {
      acceptedConfigs.add(context.config);
      if (acceptedKeys.size < 1_000) acceptedKeys.add(keyTag(context));
    }
    return;
  }
  throw apiErrorOf(
    {
      status: response.status,
      body: data,
      headers: response.headers,
      operationId: context.operation.id,
      requestId: serverRequestId(response.headers) ?? context.callId,
      attempts: context.attempt,
      baseUrl: context.config.baseUrl,
      xsoarVersion: context.config.xsoarVersion,
    },
    (failure) => diagnoseAuthentication(failure, context),
    context.config.routing.xsoar,
  );
}

/** Clock difference above which a 401 with an advanced key is blamed on the clock. */
export const CLOCK_SKEW_THRESHOLD_MS = 30_000;

// Keys (per base URL, id and level) that have been accepted in this process: when such a key is later
// rejected, its configuration did not change, so expiry or deletion come first.
const acceptedKeys = new Set<string>();
const acceptedConfigs = new WeakSet<CallContext["config"]>();

function keyTag(context: CallContext): string {
  const { baseUrl, credentials } = context.config;
  return `${baseUrl}\u0000${credentials.keyId}\u0000${credentials.securityLevel}`;
}

/** What each cause means and how to fix it, one line each. */
export const AUTHENTICATION_CAUSE_ADVICE: Readonly<Record<AuthenticationCause, string>> = {
  clock_skew: "this machine's clock is off (advanced keys are rejected when the clocks disagree): synchronise it (NTP)",
  key_level_mismatch: "the key's security level does not match the configured one (securityLevel / CORTEX_API_KEY_TYPE must say standard or advanced exactly as the console shows next to the key)",
  wrong_key: "the secret is not the key of this key id: copy the key again (it is shown only once; generate a new one if it is lost)",
  unknown_key_id: "the tenant has no key with this id: check the key id (Settings → API Keys)",
  expired_key: "the key expired: generate a new one, or rotate it before it expires",
  deleted_key: "the key was deleted: generate a new one",
  wrong_tenant_url: "the key belongs to another tenant: check the base URL (Settings → API Keys → Copy API URL)",
  wrong_header: "the server expects other authentication headers",
  unknown: "the key was rejected",
};

// Why the key was rejected: evidence first (a measured clock skew, headers the server cannot take, an
// "expired" message), then the causes the answer cannot tell apart, ranked.
function diagnoseAuthentication(failure: AuthenticationFailure, context: CallContext): AuthenticationDiagnosis {
  const { config } = context;
  const advanced = config.routing.auth === "cortex" && config.credentials.securityLevel === "advanced";
  const serverDate = Date.parse(failure.headers["date"] ?? "");
  // The Date header has one-second resolution, far below the threshold.
  const clockSkewMs = Number.isNaN(serverDate) ? undefined : serverDate - Date.now();
  const clockOff = advanced && clockSkewMs !== undefined && Math.abs(clockSkewMs) > CLOCK_SKEW_THRESHOLD_MS;
  const text = JSON.stringify(failure.body ?? "");
  const evidence: AuthenticationCause[] = [];
  let wrongHeaderAdvice: string | undefined;
  // XSOAR 6 routing carries the XSOAR support, which holds the advice.
  const xsoar = config.routing.auth === "xsoar6" ? config.routing.xsoar : undefined;
  if (xsoar !== undefined && failure.status === 401 && /err_msg|unauthorized/i.test(text)) {
    evidence.push("wrong_header");
    wrongHeaderAdvice = xsoar.gatewayAdvice;
  } else if (config.routing.auth === "cortex" && failure.status === 403 && failure.likelyCauses.includes("wrong_header")) {
    evidence.push("wrong_header");
    // XSOAR 6's answer to a key it does not know: an XSOAR 8 client (its routing carries the XSOAR support) is on the
    // wrong version, any other client on the wrong URL.
    wrongHeaderAdvice = config.routing.xsoar?.xsoar6ServerAdvice ?? "this looks like an XSOAR 6 server, not the API of a Cortex tenant: check the base URL (Settings → API Keys → Copy API URL)";
  }
  if (clockOff) evidence.push("clock_skew");
  if (/expired/i.test(text)) evidence.push("expired_key");
  // The rest cannot be told apart from the answer: rank them. A key that worked earlier in this process
  // still has the same id, secret, level and URL, so it has most likely expired or been deleted.
  const workedBefore = acceptedKeys.has(keyTag(context));
  const ranked: AuthenticationCause[] =
    config.routing.auth === "xsoar6"
      ? ["wrong_key", "deleted_key"]
      : workedBefore
        ? ["expired_key", "deleted_key", "key_level_mismatch", "wrong_key", "unknown_key_id", "wrong_tenant_url"]
        : ["key_level_mismatch", "wrong_key", "unknown_key_id", "expired_key", "deleted_key", "wrong_tenant_url"];
  if (advanced && Number.isNaN(serverDate)) ranked.push("clock_skew");
  const likelyCauses = [...new Set([...evidence, ...ranked])];

  let advice: string;
  if (clockOff) {
    advice = ` This machine's clock differs from the server's by about ${Math.round(clockSkewMs / 1000)} s; advanced keys are rejected when the clocks disagree. Synchronise the clock (NTP).`;
    if (Math.abs(residualSkewMs(clockSkewMs, context)) <= CLOCK_SKEW_THRESHOLD_MS) advice += " The SDK already signed this attempt with the server's time, so check the key as well.";
  } else {
    const steps = likelyCauses.map((cause, index) => `(${index + 1}) ${cause === "wrong_header" && wrongHeaderAdvice !== undefined ? wrongHeaderAdvice : AUTHENTICATION_CAUSE_ADVICE[cause]}`);
    const lead = evidence.length > 0 ? "Most likely" : `The service does not say why${workedBefore ? " (this key worked earlier in this process)" : ""}; possible causes, most likely first:`;
    advice = ` ${lead} ${steps.join("; ")}. diagnoseAuthentication() (cxctl doctor) probes the tenant to tell them apart.`;
  }
  return { likelyCause: evidence[0] ?? "unknown", likelyCauses, clockSkewMs, advice };
}

// How far the server's clock still was from the time this attempt was signed with.
function residualSkewMs(clockSkewMs: number | undefined, context: CallContext): number {
  return clockSkewMs === undefined ? 0 : clockSkewMs - (context.signedClockOffsetMs ?? 0);
}

/** Why a failed attempt is or is not retried. */
export type RetryDecision =
  | { readonly retry: false }
  | { readonly retry: true; readonly reason: "throttled" | "xql_concurrency" | "transient" | "not_sent" | "clock_skew"; readonly minDelayMs?: number };

/**
 * Decides whether a failed attempt is retried. Retry safety comes from the operation table, not from
 * the HTTP method: reads are POSTs, and an unsafe write is never sent again after an ambiguous failure
 * unless the caller opted in for that call.
 * - Throttling (429, "Too many requests", "Rate limit exceeded") and the XQL concurrency 500 are
 *   refusals: any operation may be resent.
 * - Failures before anything was sent (refused, DNS, connect timeout) may be resent for any operation.
 * - Ambiguous failures (reset after sending, header or body timeout, 502, 503, 504) are resent only for
 *   read and idempotent operations, or when the caller set `retryUnsafe`.
 * - A 401 that the clock explains is retried once with the server's time.
 * - Everything else (400, 401, 402, 403, 404, business 500s, certificate errors, aborts) is terminal.
 *
 * @param error - What the attempt threw.
 * @param context - The call.
 * @param clockCorrected - Whether this call already corrected the clock once.
 * @returns The decision.
 */
export function decideRetry(error: unknown, context: CallContext, clockCorrected: boolean): RetryDecision {
  if (!isCortexError(error)) return { retry: false };
  const ambiguousIsSafe = context.operation.retrySafety !== "unsafe" || context.options.retryUnsafe === true;
  if (error instanceof CortexRateLimitError) return { retry: true, reason: "throttled", ...(error.retryAfterMs === undefined ? {} : { minDelayMs: error.retryAfterMs }) };
  if (error instanceof CortexXqlConcurrencyError) return { retry: true, reason: "xql_concurrency" };
  if (error instanceof CortexAuthenticationError) {
    const residual = residualSkewMs(error.clockSkewMs, context);
    const advanced = context.config.routing.auth === "cortex" && context.config.credentials.securityLevel === "advanced";
    const correctable = advanced && !clockCorrected && Math.abs(residual) > CLOCK_SKEW_THRESHOLD_MS;
    return correctable ? { retry: true, reason: "clock_skew", minDelayMs: 0 } : { retry: false };
  }
  if (error instanceof CortexServerError && [502, 503, 504].includes(error.status)) return ambiguousIsSafe ? { retry: true, reason: "transient" } : { retry: false };
  if (error.kind === "abort" || context.signal.aborted) return { retry: false };
  if (error instanceof CortexTimeoutError) {
    if (error.phase === "total" || error.phase === "wait") return { retry: false };
    if (!error.requestMayHaveBeenSent) return { retry: true, reason: "not_sent" };
    return ambiguousIsSafe ? { retry: true, reason: "transient" } : { retry: false };
  }
  if (error instanceof CortexConnectionError) {
    if (error.permanent) return { retry: false };
    if (!error.requestMayHaveBeenSent) return { retry: true, reason: "not_sent" };
    return ambiguousIsSafe ? { retry: true, reason: "transient" } : { retry: false };
  }
  return { retry: false };
}

const RETRY_COST: Record<string, number> = { throttled: 5, xql_concurrency: 1, transient: 5, not_sent: 5, clock_skew: 0 };

/**
 * `retry`: runs the rest of the pipeline once per attempt (the `rateLimit` step inside it takes a permit
 * for each attempt); after a retryable
 * failure it backs off exponentially with full jitter and a cap, never less than Retry-After, spends the
 * tenant's retry budget, and gives up at once when the wait would pass the call's deadline.
 *
 * @param random - Source of jitter (injectable for tests).
 * @returns The middleware.
 */
export function retryStep(random: () => number = Math.random): Middleware {
  return (context, next) => runAttempts(context, next, random, true);
}

/**
 * The retry loop of {@link retryStep}: runs `runAttempt` until it succeeds or the failure is final.
 *
 * @param context - The call, its request serialised.
 * @param attempt - Runs one attempt.
 * @param random - Source of jitter.
 * @param freshRequest - Start each attempt from a copy of the serialised request. The fused standard
 *   pipeline passes false: nothing but its own signing touches the request, and signing overwrites the
 *   same headers on every attempt.
 * @returns The result of the successful attempt.
 * @internal
 */
export async function runAttempts(context: CallContext, runAttempt: Handler, random: () => number, freshRequest: boolean): Promise<CallResult> {
  const { retry, logger } = context.config;
  const debug = context.config.logLevel === "debug";
  const maxRetries = context.options.maxRetries ?? retry.maxRetries;
  const template = context.request;
  let clockCorrected = false;
  let retriesUsed = 0;
  for (let attempt = 1; ; attempt++) {
    context.attempt = attempt;
    // Each attempt starts from the serialised request, so no header of a previous signature survives.
    if (freshRequest) context.request = { ...template, headers: { ...template.headers } };
    if (context.signal.aborted) throw toDeliveryError(context.signal.reason, context);
    const started = debug ? performance.now() : 0;
    try {
      const result = await runAttempt(context);
      context.tenant.retryTokens = Math.min(RETRY_BUDGET, context.tenant.retryTokens + 1);
      result.attempts = attempt;
      if (debug) logger.debug("attempt answered", { requestId: context.callId, operation: context.operation.id, attempt, status: result.response.status, ms: Math.round(performance.now() - started) });
      return result;
    } catch (error) {
      if (isCortexError(error)) error.attempts = attempt;
      const decision = decideRetry(error, context, clockCorrected);
      if (debug) logger.debug("attempt failed", { requestId: context.callId, operation: context.operation.id, attempt, error: describe(error), ms: Math.round(performance.now() - started) });
      if (!decision.retry) throw error;
      if (decision.reason === "clock_skew") {
        clockCorrected = true;
        const skew = (error as CortexAuthenticationError).clockSkewMs ?? 0;
        // Absolute, not cumulative: concurrent calls that all saw the skew agree on the same offset.
        context.tenant.clockOffsetMs = skew;
        logger.info("clock skew detected; signing with the server's clock", { requestId: context.callId, operation: context.operation.id, skewMs: skew });
        continue;
      }
      if (retriesUsed >= maxRetries) throw error;
      const cost = RETRY_COST[decision.reason] ?? 5;
      if (context.tenant.retryTokens < cost) {
        logger.warn("not retrying: the tenant's retry budget is spent (too many recent failures)", { requestId: context.callId, operation: context.operation.id });
        throw error;
      }
      const base = decision.reason === "xql_concurrency" ? retry.baseDelayMs * 4 : retry.baseDelayMs;
      const exponential = Math.min(retry.maxDelayMs, base * 2 ** retriesUsed);
      const delay = Math.max(decision.minDelayMs ?? 0, Math.floor(random() * exponential));
      if (performance.now() + delay >= context.deadline) {
        logger.debug("not retrying: the wait would pass the call's deadline", { requestId: context.callId, operation: context.operation.id, delayMs: delay });
        throw error;
      }
      retriesUsed += 1;
      context.tenant.retryTokens -= cost;
      if (decision.reason === "throttled" && decision.minDelayMs !== undefined && context.config.rateLimit !== undefined) {
        // Everyone talking to this tenant waits, not only this call.
        tenantLimiter(context.tenant, context.config.rateLimit).pauseFor(decision.minDelayMs);
      }
      logger.info("retrying", { requestId: context.callId, operation: context.operation.id, attempt, reason: decision.reason, delayMs: delay, error: describe(error) });
      await sleep(delay, context.signal);
    }
  }
}

/**
 * `rateLimit`: waits for the per-operation and tenant-wide limiters right before the attempt is sent (inside
 * the retry loop, so every attempt takes its own permit and the signature that follows is fresh), and tells
 * them when the answer came back, since that is the latest moment the service can have counted the request.
 *
 * @returns The middleware.
 */
export function rateLimitStep(): Middleware {
  return (context, next) => (context.config.rateLimit === undefined ? next(context) : withPermits(context, next, context.config.rateLimit));
}

/**
 * What `rateLimit` does around one attempt when a rate limit is set: see {@link rateLimitStep}.
 *
 * @param context - The call.
 * @param next - Sends the attempt.
 * @param rateLimit - The client's tenant-wide limit.
 * @returns The attempt's result.
 * @internal
 */
export async function withPermits(context: CallContext, next: Handler, rateLimit: RateLimit): Promise<CallResult> {
  const { tenant, operation, signal } = context;
  if (operation.limits.rateLimit === undefined) return withPermit(context, next, tenantLimiter(tenant, rateLimit));
  const permits: Permit[] = [];
  try {
    try {
      const own = operation.limits.rateLimit;
      if (own !== undefined) permits.push(await operationLimiter(tenant, operation.id, own).acquire(signal));
      permits.push(await tenantLimiter(tenant, rateLimit).acquire(signal));
    } catch (error) {
      throw toDeliveryError(error, context);
    }
    context.onAnswerStarted = () => {
      for (const permit of permits) permit.settle();
    };
    return await next(context);
  } finally {
    // Settling twice has no effect; this covers attempts that ended before `send` answered.
    context.onAnswerStarted = undefined;
    for (const permit of permits) permit.settle();
  }
}

// withPermits for the usual operation, paced by the tenant-wide limiter alone: one permit, taken without a
// promise when the window has room.
async function withPermit(context: CallContext, next: Handler, limiter: RateLimiter): Promise<CallResult> {
  let permit = limiter.tryAcquire(context.signal);
  if (permit === undefined) {
    try {
      permit = await limiter.acquire(context.signal);
    } catch (error) {
      throw toDeliveryError(error, context);
    }
  }
  const taken = permit;
  context.onAnswerStarted = () => taken.settle();
  try {
    return await next(context);
  } finally {
    // Settling twice has no effect; this covers attempts that ended before `send` answered.
    context.onAnswerStarted = undefined;
    taken.settle();
  }
}

/**
 * The standard steps from `serialize` to `send` as one function (see `fuseSteps` in pipeline.ts): the
 * request is serialised once; each attempt, inside the retry loop, takes its permits, is signed afresh,
 * sent, read, normalised and mapped to a typed error exactly as the separate steps do, in their order.
 *
 * @param userAgent - The User-Agent value.
 * @param getDispatcher - Returns the dispatcher to send with.
 * @returns The handler.
 * @internal
 */
export function standardSteps(userAgent: string, getDispatcher: () => HttpDispatcher): Handler {
  const baseHeaders = baseHeadersFor(userAgent);
  const signer = signerSlot();
  // sign → errorMap → normalizeReply → deserialize → send
  const attempt = async (context: CallContext): Promise<CallResult> => {
    signRequest(context, signer);
    const { response } = await sendRequest(context, getDispatcher());
    const data = normalizedData(context, response, replyData(context, response));
    checkAnswer(context, response, data);
    return { response, data, attempts: context.attempt };
  };
  // rateLimit → the above
  const limitedAttempt: Handler = (context) => (context.config.rateLimit === undefined ? attempt(context) : withPermits(context, attempt, context.config.rateLimit));
  // serialize → retry → the above
  return (context) => {
    context.request = serializeRequest(context, baseHeaders);
    return runAttempts(context, limitedAttempt, Math.random, false);
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    // An abort ends the wait early; the next attempt then fails fast with the abort or timeout error.
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}

/** Re-exported for the result type of steps. */
export type { CallResult };
