/**
 * The `send` step: one HTTP exchange over undici. Bodies are always read or discarded, gzip is decoded,
 * and undici's failures become typed errors that say whether the request may have reached the server.
 *
 * @module
 */
import { rootCertificates } from "node:tls";
import { promisify } from "node:util";
import { gunzip } from "node:zlib";
import { Agent, request, type Dispatcher } from "undici";
import type { ResolvedConfig } from "./config.js";
import { CortexAbortError, CortexConnectionError, CortexTimeoutError } from "./errors.js";
import type { CallContext, CallResult, Middleware } from "./pipeline.js";

const gunzipAsync = promisify(gunzip);

/** A connection or timeout failure, with whether the request may have reached the server. */
export interface DeliveryFacts {
  /** False when the failure happened before any byte was sent, so any operation may be retried. */
  readonly requestMayHaveBeenSent: boolean;
}

/** A {@link CortexConnectionError} that records whether the request may have been sent. */
export class CortexDeliveryError extends CortexConnectionError implements DeliveryFacts {
  /** False when the connection failed before the request was sent. */
  requestMayHaveBeenSent = true;
}

/** A {@link CortexTimeoutError} that records whether the request may have been sent. */
export class CortexDeliveryTimeoutError extends CortexTimeoutError implements DeliveryFacts {
  /** False for connect timeouts. */
  requestMayHaveBeenSent = true;
}

/**
 * Creates the dispatcher a client uses when the user gave none: a keep-alive Agent with TLS
 * verification on (unless explicitly turned off) and any extra CA certificates.
 *
 * @param config - Resolved configuration.
 * @returns A new Agent the client owns and closes.
 */
export function createDefaultDispatcher(config: ResolvedConfig): Dispatcher {
  return new Agent({
    keepAliveTimeout: 10_000,
    connect: {
      timeout: config.connectTimeoutMs,
      rejectUnauthorized: config.tlsVerification,
      ...(config.ca.length > 0 ? { ca: [...rootCertificates, ...config.ca] } : {}),
    },
  });
}

const NOT_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "UND_ERR_CONNECT_TIMEOUT", "CERT_HAS_EXPIRED", "DEPTH_ZERO_SELF_SIGNED_CERT", "SELF_SIGNED_CERT_IN_CHAIN", "UNABLE_TO_VERIFY_LEAF_SIGNATURE", "ERR_TLS_CERT_ALTNAME_INVALID"]);

/**
 * The terminal `send` step.
 *
 * @param getDispatcher - Returns the dispatcher to use (created lazily by the client).
 * @returns The middleware.
 */
export function sendMiddleware(getDispatcher: () => Dispatcher): Middleware {
  return async (context: CallContext): Promise<CallResult> => {
    const { request: httpRequest, config, signal } = context;
    try {
      const answer = await request(httpRequest.url, {
        method: httpRequest.method,
        headers: httpRequest.headers,
        body: httpRequest.body ?? null,
        dispatcher: getDispatcher(),
        signal,
        headersTimeout: config.headersTimeoutMs,
        bodyTimeout: config.bodyTimeoutMs,
      });
      const raw = new Uint8Array(await answer.body.arrayBuffer());
      const headers = flattenHeaders(answer.headers);
      const body = /\bgzip\b/i.test(headers["content-encoding"] ?? "") && raw.length > 0 ? new Uint8Array(await gunzipAsync(raw)) : raw;
      return { response: { status: answer.statusCode, headers, body }, data: undefined, attempts: context.attempt };
    } catch (error) {
      throw toDeliveryError(error, context);
    }
  };
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}

function toDeliveryError(error: unknown, context: CallContext): Error {
  const facts = { operationId: context.operation.id, requestId: context.callId, attempts: context.attempt, cause: error };
  if (context.signal.aborted) {
    const userAborted = context.options.signal?.aborted === true;
    return userAborted
      ? new CortexAbortError("abort", `${context.operation.id}: the call was aborted by the caller.`, facts)
      : new CortexTimeoutError("timeout", `${context.operation.id}: the call did not finish within its total deadline. Raise timeoutMs if the tenant is slow.`, facts);
  }
  const code = errorCode(error);
  if (code === "UND_ERR_CONNECT_TIMEOUT" || code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT") {
    const timeout = new CortexDeliveryTimeoutError("timeout", `${context.operation.id}: ${describeTimeout(code)} (${code}).`, facts);
    timeout.requestMayHaveBeenSent = code !== "UND_ERR_CONNECT_TIMEOUT";
    return timeout;
  }
  const connection = new CortexDeliveryError(
    "connection",
    `${context.operation.id}: could not reach ${new URL(context.request.url).host} (${code ?? (error instanceof Error ? error.message : String(error))}). Check the URL, the network, the proxy settings and the TLS certificates.`,
    facts,
  );
  connection.requestMayHaveBeenSent = code === undefined || !NOT_SENT_CODES.has(code);
  return connection;
}

function describeTimeout(code: string): string {
  if (code === "UND_ERR_CONNECT_TIMEOUT") return "timed out opening a connection";
  if (code === "UND_ERR_HEADERS_TIMEOUT") return "timed out waiting for the response headers";
  return "timed out waiting for the response body";
}

function errorCode(error: unknown): string | undefined {
  for (let current: unknown = error, depth = 0; current !== null && typeof current === "object" && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
