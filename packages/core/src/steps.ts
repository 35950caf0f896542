/**
 * The standard pipeline steps other than `send` (see transport.ts).
 *
 * @module
 */
import { signHeaders } from "@cortex-sdk/auth-signer";
import {
  CortexAuthenticationError,
  CortexRateLimitError,
  CortexServerError,
  CortexXqlConcurrencyError,
  createApiError,
  isCortexError,
  CortexTimeoutError,
  CortexConnectionError,
  type CortexError,
} from "./errors.js";
import type { CallContext, CallResult, Handler, Middleware } from "./pipeline.js";
import { RETRY_BUDGET } from "./tenant-state.js";

/**
 * `serialize`: builds the HTTP request from the operation entry and the caller's input.
 *
 * @param userAgent - The User-Agent value.
 * @returns The middleware.
 */
export function serializeStep(userAgent: string): Middleware {
  return (context, next) => {
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
    const headers: Record<string, string> = {
      accept: "application/json",
      "accept-encoding": "gzip",
      "user-agent": userAgent,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    };
    for (const [name, value] of Object.entries(options.headers ?? {})) headers[name.toLowerCase()] = value;
    context.request = { method: operation.method, url: `${config.baseUrl}${operation.path}`, headers, body };
    return next(context);
  };
}

/**
 * `sign`: adds the authentication headers. It runs inside the retry loop, so every attempt gets a fresh
 * nonce and timestamp, corrected by the clock offset learnt from the server.
 *
 * @returns The middleware.
 */
export function signStep(): Middleware {
  return (context, next) => {
    const signed = signHeaders(context.config.credentials, { clockOffsetMs: context.tenant.clockOffsetMs });
    for (const [name, value] of Object.entries(signed)) context.request.headers[name] = value;
    return next(context);
  };
}

/**
 * `deserialize`: parses the body and, for successful answers, removes the envelope.
 *
 * @returns The middleware.
 */
export function deserializeStep(): Middleware {
  return async (context, next) => {
    const result = await next(context);
    const { response } = result;
    const { operation } = context;
    if (operation.replyKind === "binary" && response.status < 300) return { ...result, data: response.body };
    const text = new TextDecoder().decode(response.body);
    const parsed = parseJson(text);
    if (response.status >= 300 || parsed === NOT_JSON) return { ...result, data: parsed === NOT_JSON ? text : parsed };
    return { ...result, data: unwrap(parsed, operation.replyEnvelope) };
  };
}

const NOT_JSON = Symbol("not json");

function parseJson(text: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return NOT_JSON;
  }
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
 * `errorMap`: turns an unsuccessful answer (or an HTML page where JSON was expected) into a typed error.
 *
 * @returns The middleware.
 */
export function errorMapStep(): Middleware {
  return async (context, next) => {
    const result = await next(context);
    const { response } = result;
    const isHtml = /text\/html/i.test(response.headers["content-type"] ?? "");
    if (response.status < 300 && !isHtml) return result;
    const error = createApiError({
      status: response.status,
      body: result.data,
      headers: response.headers,
      operationId: context.operation.id,
      requestId: requestIdOf(response.headers) ?? context.callId,
      attempts: context.attempt,
    });
    if (error instanceof CortexAuthenticationError) diagnoseAuthentication(error, context);
    throw error;
  };
}

/** Clock difference above which a 401 with an advanced key is blamed on the clock. */
export const CLOCK_SKEW_THRESHOLD_MS = 30_000;

// How far the clock used for signing is still off after the current correction, per error.
const residualSkew = new WeakMap<CortexAuthenticationError, number>();

function diagnoseAuthentication(error: CortexAuthenticationError, context: CallContext): void {
  const serverDate = Date.parse(error.headers["date"] ?? "");
  if (Number.isNaN(serverDate)) return;
  // The Date header has one-second resolution, far below the threshold.
  const skew = serverDate - Date.now();
  error.clockSkewMs = skew;
  residualSkew.set(error, skew - context.tenant.clockOffsetMs);
  if (context.config.credentials.securityLevel === "advanced" && Math.abs(skew) > CLOCK_SKEW_THRESHOLD_MS) {
    error.likelyCause = "clock_skew";
    error.message += ` This machine's clock differs from the server's by about ${Math.round(skew / 1000)} s; advanced keys are rejected when the clocks disagree. Synchronise the clock (NTP).`;
  } else {
    error.likelyCause = "key_level_mismatch_or_wrong_key";
  }
}

function requestIdOf(headers: Readonly<Record<string, string>>): string | undefined {
  return headers["x-request-id"] ?? headers["request-id"] ?? headers["x-amzn-requestid"];
}

/** Why a failed attempt is or is not retried. */
export type RetryDecision =
  | { readonly retry: false }
  | { readonly retry: true; readonly reason: "throttled" | "xql_concurrency" | "transient" | "not_sent" | "clock_skew"; readonly minDelayMs?: number };

/**
 * Decides whether a failed attempt is retried. Retry safety comes from the operation table, not from
 * the HTTP method: reads are POSTs, and an unsafe write is never sent again after an ambiguous failure
 * unless the caller opted in for that call.
 *
 * @param error - What the attempt threw.
 * @param context - The call.
 * @param clockCorrected - Whether this call already corrected the clock once.
 * @returns The decision.
 */
export function decideRetry(error: unknown, context: CallContext, clockCorrected: boolean): RetryDecision {
  if (!isCortexError(error)) return { retry: false };
  const ambiguousIsSafe = context.operation.retrySafety !== "unsafe" || context.options.retryUnsafe === true;
  // Throttling and the XQL limit are refusals: the service did nothing, so any operation may be resent.
  if (error instanceof CortexRateLimitError) return { retry: true, reason: "throttled", ...(error.retryAfterMs === undefined ? {} : { minDelayMs: error.retryAfterMs }) };
  if (error instanceof CortexXqlConcurrencyError) return { retry: true, reason: "xql_concurrency" };
  if (error instanceof CortexAuthenticationError) {
    const residual = residualSkew.get(error) ?? 0;
    const correctable = error.likelyCause === "clock_skew" && !clockCorrected && Math.abs(residual) > CLOCK_SKEW_THRESHOLD_MS;
    return correctable ? { retry: true, reason: "clock_skew", minDelayMs: 0 } : { retry: false };
  }
  if (error instanceof CortexServerError && [502, 503, 504].includes(error.status)) return ambiguousIsSafe ? { retry: true, reason: "transient" } : { retry: false };
  if (error.kind === "abort") return { retry: false };
  if (error instanceof CortexConnectionError || (error instanceof CortexTimeoutError && error.kind === "timeout")) {
    if (context.signal.aborted) return { retry: false };
    const mayHaveBeenSent = (error as { requestMayHaveBeenSent?: boolean }).requestMayHaveBeenSent !== false;
    if (!mayHaveBeenSent) return { retry: true, reason: "not_sent" };
    return ambiguousIsSafe ? { retry: true, reason: "transient" } : { retry: false };
  }
  return { retry: false };
}

const RETRY_COST: Record<string, number> = { throttled: 5, xql_concurrency: 1, transient: 5, not_sent: 5, clock_skew: 0 };

/**
 * `retry`: runs the rest of the pipeline again after retryable failures, with exponential backoff and
 * full jitter, Retry-After honoured, and a per-tenant retry budget.
 *
 * @param random - Source of jitter (injectable for tests).
 * @returns The middleware.
 */
export function retryStep(random: () => number = Math.random): Middleware {
  return async (context, next: Handler) => {
    const { retry } = context.config;
    const maxRetries = context.options.maxRetries ?? retry.maxRetries;
    const template = context.request;
    let clockCorrected = false;
    for (let attempt = 1; ; attempt++) {
      context.attempt = attempt;
      // Each attempt starts from the serialised request, so no header of a previous signature survives.
      context.request = { ...template, headers: { ...template.headers } };
      try {
        const result = await next(context);
        context.tenant.retryTokens = Math.min(RETRY_BUDGET, context.tenant.retryTokens + 1);
        result.attempts = attempt;
        return result;
      } catch (error) {
        if (isCortexError(error)) error.attempts = attempt;
        const decision = decideRetry(error, context, clockCorrected);
        if (!decision.retry) throw error;
        const cost = RETRY_COST[decision.reason] ?? 5;
        const retriesLeft = decision.reason === "clock_skew" ? 1 : maxRetries - (attempt - 1);
        if (retriesLeft <= 0 || context.tenant.retryTokens < cost) throw error;
        context.tenant.retryTokens -= cost;
        if (decision.reason === "clock_skew") {
          clockCorrected = true;
          const skew = residualSkew.get(error as CortexAuthenticationError) ?? 0;
          context.tenant.clockOffsetMs += skew;
          context.config.logger.info("clock skew detected; signing with the server's clock", { callId: context.callId, operation: context.operation.id, skewMs: skew });
        }
        const exponential = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempt - 1));
        const delay = Math.max(decision.minDelayMs ?? 0, decision.reason === "clock_skew" ? 0 : Math.floor(random() * exponential));
        context.config.logger.debug("retrying", { callId: context.callId, operation: context.operation.id, attempt, reason: decision.reason, delayMs: delay, error: (error as CortexError).message });
        await sleep(delay, context.signal);
      }
    }
  };
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
