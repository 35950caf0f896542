/**
 * The `send` step: one HTTP exchange over undici. Bodies are always read or handed over as a stream, gzip
 * is decoded, and undici's failures become typed errors that say whether the request may have reached the
 * server.
 *
 * @module
 */
import { readFileSync } from "node:fs";
import { Transform, pipeline, type Readable, type TransformCallback } from "node:stream";
import { rootCertificates } from "node:tls";
import { promisify } from "node:util";
import { createGunzip, gunzip } from "node:zlib";
import { Agent, Dispatcher, ProxyAgent } from "undici";
import { proxyUrlOf, type ResolvedConfig } from "./config.js";
import { unwatchAbort, watchAbort } from "./deadline.js";
import type { HttpDispatcher } from "./dispatcher.js";
import {
  CortexAbortError,
  CortexConnectionLostError,
  CortexCouldNotConnectError,
  CortexTimeoutError,
  isCortexError,
  type CortexConnectionError,
  type CortexError,
  type OperationOutcome,
} from "./errors.js";
import type { CallContext, CallResult, Middleware } from "./pipeline.js";

const gunzipAsync = promisify(gunzip);

/**
 * Size of the chunks gunzip hands over when it decodes a stream. Each chunk costs a fixed amount of stream
 * and promise bookkeeping on its way to the reader; zlib's default (16 KiB, some 100 rows of a typical XQL
 * result) makes that about a tenth of the time of reading a large result, 64 KiB a quarter of that.
 *
 * @internal
 */
export const GUNZIP_CHUNK_BYTES = 64 * 1024;
const EMPTY = new Uint8Array(0);

/**
 * Creates the dispatcher a client uses when the user gave none: a keep-alive Agent (or a ProxyAgent when a
 * proxy is configured) with TLS verification on unless explicitly turned off, and any extra CA
 * certificates added to the system's (and to `NODE_EXTRA_CA_CERTS`).
 *
 * @param config - Resolved configuration.
 * @returns A new dispatcher the client owns and closes.
 */
export function createDefaultDispatcher(config: ResolvedConfig): HttpDispatcher {
  const tls = {
    timeout: config.connectTimeoutMs,
    rejectUnauthorized: config.tlsVerification,
    ...(config.ca.length > 0 ? { ca: [...rootCertificates, ...extraCaFromEnvironment(), ...config.ca] } : {}),
  };
  const proxy = proxyUrlOf(config);
  if (proxy !== undefined) {
    return new ProxyAgent({ uri: proxy, keepAliveTimeout: 10_000, requestTls: tls, proxyTls: { timeout: config.connectTimeoutMs } });
  }
  return new Agent({ keepAliveTimeout: 10_000, connect: tls });
}

// Passing `ca` replaces Node's default store, which includes NODE_EXTRA_CA_CERTS; keep those too.
function extraCaFromEnvironment(): string[] {
  const path = process.env["NODE_EXTRA_CA_CERTS"];
  if (path === undefined || path === "") return [];
  try {
    return [readFileSync(path, "utf8")];
  } catch {
    return [];
  }
}

const NOT_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "UND_ERR_CONNECT_TIMEOUT"]);
const TLS_CODES = new Set([
  "CERT_HAS_EXPIRED",
  "CERT_NOT_YET_VALID",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "ERR_TLS_CERT_ALTNAME_INVALID",
  "CERT_SIGNATURE_FAILURE",
  "CERT_UNTRUSTED",
  "UND_ERR_PRX_TLS",
]);

/**
 * The terminal `send` step.
 *
 * @param getDispatcher - Returns the dispatcher to use (created lazily by the client).
 * @returns The middleware.
 */
export function sendMiddleware(getDispatcher: () => HttpDispatcher): Middleware {
  return (context) => sendRequest(context, getDispatcher());
}

// undici's `request()` parses the URL of every call and copies the options; the dispatcher's own `request`
// (on every dispatcher, including one that only implements `dispatch`: any HttpDispatcher) takes the origin
// and path as they are. Streaming calls use it; buffered calls dispatch with {@link BufferedAnswer}.
const dispatcherRequest = Dispatcher.prototype.request as (this: HttpDispatcher, options: Dispatcher.RequestOptions) => Promise<Dispatcher.ResponseData>;

/**
 * What `send` does: one HTTP exchange for the attempt's request.
 *
 * @param context - The call, its request signed.
 * @param dispatcher - The dispatcher to send with.
 * @returns The answer (read in full, or a stream for a successful streaming call).
 * @internal
 */
export async function sendRequest(context: CallContext, dispatcher: HttpDispatcher): Promise<CallResult> {
  if (context.responseMode === "stream") return sendStreaming(context, dispatcher);
  const answer = new BufferedAnswer(context);
  let body: Uint8Array;
  try {
    body = await answer.read(dispatcher);
  } catch (error) {
    context.onAnswerStarted?.();
    throw toDeliveryError(error, context, answer.status === 0 ? undefined : { status: answer.status });
  }
  const { status, headers } = answer;
  return { response: { status, headers, body }, data: undefined, attempts: context.attempt };
}

// The dispatch options of an attempt's request (the signal is the caller's to watch: see BufferedAnswer).
function dispatchOptions(context: CallContext): Dispatcher.DispatchOptions {
  const { request: httpRequest, config } = context;
  const target = targetOf(httpRequest.url, config.baseUrl);
  return {
    origin: target.origin,
    path: target.path,
    method: httpRequest.method,
    headers: httpRequest.headers,
    body: httpRequest.body ?? null,
    headersTimeout: config.headersTimeoutMs,
    bodyTimeout: config.bodyTimeoutMs,
  };
}

/**
 * One buffered exchange, read through undici's dispatch handler contract (the one `Dispatcher.request` itself
 * uses, so every dispatcher that serves `request` serves this): the chunks are kept as they arrive and the
 * headers flattened once, without the Readable, async resource and stream events of `request()`'s body.
 * It watches the call's signal itself (`handleEvent`, see `watchAbort`): no closure, and no listener on a shared
 * deadline signal.
 */
class BufferedAnswer {
  /** The status of the final answer; 0 until its headers arrive. */
  status = 0;
  /** Its headers, lower-case names, repeated values joined. */
  headers: Record<string, string> = EMPTY_HEADERS;
  readonly #context: CallContext;
  readonly #chunks: Buffer[] = [];
  #abort: ((reason?: unknown) => void) | undefined;
  #settle: { resolve: (body: Uint8Array) => void; reject: (error: unknown) => void } | undefined;

  constructor(context: CallContext) {
    this.#context = context;
  }

  read(dispatcher: HttpDispatcher): Promise<Uint8Array> {
    const { signal } = this.#context;
    return new Promise<Uint8Array>((resolve, reject) => {
      this.#settle = { resolve, reject };
      if (signal.aborted) {
        reject(signal.reason);
        return;
      }
      watchAbort(signal, this);
      try {
        dispatcher.dispatch(dispatchOptions(this.#context), this);
      } catch (error) {
        this.onError(error);
      }
    }).then((raw) => decodedBody(raw, isGzip(this.headers["content-encoding"])));
  }

  /** The call's signal fired. */
  handleEvent(): void {
    this.#abort?.(this.#context.signal.reason);
  }

  onConnect(abort: (reason?: unknown) => void): void {
    // Called again when undici resends a request whose connection failed before it was written.
    if (this.#context.signal.aborted) abort(this.#context.signal.reason);
    else this.#abort = abort;
  }

  onHeaders(status: number, rawHeaders: readonly unknown[]): boolean {
    // 1xx answers are informational: the final answer follows.
    if (status < 200) return true;
    this.status = status;
    this.headers = headerRecord(rawHeaders);
    this.#context.onAnswerStarted?.();
    return true;
  }

  onData(chunk: Buffer): boolean {
    this.#chunks.push(chunk);
    return true;
  }

  onComplete(): void {
    this.#done();
    const chunks = this.#chunks;
    const whole = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
    const view = new Uint8Array(whole.buffer, whole.byteOffset, whole.length);
    // Bytes handed to the caller (binary replies) own their buffer; the rest is decoded and dropped. The chunks
    // are undici's own, so nothing else writes to them.
    const own = this.#context.operation.replyKind === "binary" && view.byteLength !== view.buffer.byteLength;
    this.#settle?.resolve(whole.length === 0 ? EMPTY : own ? view.slice() : view);
  }

  onError(error: unknown): void {
    this.#done();
    this.#settle?.reject(error);
  }

  #done(): void {
    unwatchAbort(this.#context.signal, this);
    this.#abort = undefined;
  }
}

// A streaming call: a successful answer's body is handed over as a typed stream; any other answer is read in full.
async function sendStreaming(context: CallContext, dispatcher: HttpDispatcher): Promise<CallResult> {
  let answer: Dispatcher.ResponseData;
  try {
    answer = await dispatcherRequest.call(dispatcher, { ...dispatchOptions(context), signal: context.signal, responseHeaders: "raw" });
  } catch (error) {
    context.onAnswerStarted?.();
    throw toDeliveryError(error, context);
  }
  context.onAnswerStarted?.();
  const answered = { status: answer.statusCode };
  const headers = headerRecord(answer.headers as unknown as readonly unknown[]);
  const gzipped = isGzip(headers["content-encoding"]);
  if (answer.statusCode >= 200 && answer.statusCode < 300 && !/text\/html/i.test(headers["content-type"] ?? "")) {
    return { response: { status: answer.statusCode, headers, body: EMPTY, stream: typedStream(answer.body, gzipped, context, answered) }, data: undefined, attempts: context.attempt };
  }
  try {
    const body = await decodedBody(new Uint8Array(await answer.body.arrayBuffer()), gzipped);
    return { response: { status: answer.statusCode, headers, body }, data: undefined, attempts: context.attempt };
  } catch (error) {
    // A failure while reading: make sure the connection is released, then report it like any other.
    answer.body.destroy();
    throw toDeliveryError(error, context, answered);
  }
}

// A whole body as the reply is read from it: decompressed when the answer says gzip.
function decodedBody(raw: Uint8Array, gzipped: boolean): Uint8Array | Promise<Uint8Array> {
  return gzipped && raw.length > 0 ? gunzipAsync(raw).then((bytes) => new Uint8Array(bytes)) : raw;
}

function isGzip(encoding: string | undefined): boolean {
  return encoding !== undefined && /\bgzip\b/i.test(encoding);
}

const EMPTY_HEADERS: Record<string, string> = Object.freeze({}) as Record<string, string>;

// Raw headers (name, value, name, value...: Buffers from the wire, strings from some dispatchers, a value
// possibly an array) as one record: lower-case names, latin1 values as undici decodes them, a repeated header's
// values joined with ", ".
function headerRecord(raw: readonly unknown[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let index = 0; index + 1 < raw.length; index += 2) {
    const name = headerText(raw[index]).toLowerCase();
    const value = headerText(raw[index + 1]);
    const previous = Object.hasOwn(out, name) ? out[name] : undefined;
    const joined = previous === undefined ? value : `${previous}, ${value}`;
    // A header named __proto__ is data, not the record's prototype.
    if (name === "__proto__") Object.defineProperty(out, name, { value: joined, enumerable: true, configurable: true, writable: true });
    else out[name] = joined;
  }
  return out;
}

function headerText(value: unknown): string {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.map(headerText).join(", ");
  return Buffer.isBuffer(value) ? value.toString("latin1") : String(value);
}

/** The origin and path undici sends a request URL to. */
interface Target {
  readonly origin: string;
  readonly path: string;
}

/** A base URL already in the form the URL parser gives: origin and path prefix, or null when it is not. */
type Base = { readonly origin: string; readonly prefix: string } | null;

const BASES = new Map<string, Base>();
// A path the URL parser leaves as it is: no dot segment, query, fragment, backslash, blank or non-ASCII.
const PLAIN_PATH = /^(?:\/(?!(?:\.|%2e){1,2}(?:\/|$))[\w\-.~!$&'()*+,;=:@%]*)+$/i;

// Splits a request URL into origin and path without parsing it when it is the client's base URL followed
// by a plain path (every URL the SDK builds); anything else (a URL a middleware rewrote) is parsed.
function targetOf(url: string, baseUrl: string): Target {
  const base = baseOf(baseUrl);
  if (base !== null && url.startsWith(base.prefix)) {
    const path = url.slice(base.origin.length);
    if (PLAIN_PATH.test(path)) return { origin: base.origin, path };
  }
  // undici refuses a protocol other than http: and https:.
  const parsed = new URL(url);
  return { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
}

function baseOf(baseUrl: string): Base {
  let base = BASES.get(baseUrl);
  if (base === undefined) {
    base = null;
    try {
      const parsed = new URL(baseUrl);
      const path = parsed.pathname === "/" ? "" : parsed.pathname;
      const plain = (parsed.protocol === "http:" || parsed.protocol === "https:") && parsed.search === "" && parsed.hash === "" && (path === "" || PLAIN_PATH.test(path));
      if (plain && `${parsed.origin}${path}` === baseUrl) base = { origin: parsed.origin, prefix: `${baseUrl}/` };
    } catch {
      // Not a URL: every request URL is parsed, and fails there.
    }
    // One entry per tenant URL; the bound only guards against misuse.
    if (BASES.size < 1_024) BASES.set(baseUrl, base);
  }
  return base;
}

// The body as a stream whose errors are typed CortexErrors, decompressed when gzipped. A gzipped body is read
// from gunzip itself, its errors typed where it is destroyed: with a pass-through stream behind it, taking a
// chunk would wake gunzip for the next one only through queued callbacks, which a reader that hands out rows
// as promises holds back until it needs that chunk, so decoding and reading would take turns instead of
// overlapping.
function typedStream(body: Readable, gzipped: boolean, context: CallContext, answered: { status: number }): Readable {
  const typed = (error: Error | null | undefined): Error | null | undefined => (error === null || error === undefined || isCortexError(error) ? error : toDeliveryError(error, context, answered));
  if (gzipped) {
    const gunzip = createGunzip({ chunkSize: GUNZIP_CHUNK_BYTES });
    const destroy = gunzip._destroy;
    gunzip._destroy = (error, callback) => {
      destroy.call(gunzip, error, (failure) => callback(typed(failure)));
    };
    pipeline(body, gunzip, () => undefined);
    return gunzip;
  }
  const out = new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      callback(null, chunk);
    },
    destroy(error: Error | null, callback: (error: Error | null) => void) {
      callback(typed(error) ?? null);
    },
  });
  pipeline(body, out, () => undefined);
  return out;
}

/**
 * Turns an undici, socket, zlib or abort failure into the SDK's typed error.
 *
 * @param error - What undici threw.
 * @param context - The call.
 * @param answered - Set when the failure came while reading an answer that had already arrived.
 * @returns A {@link CortexAbortError}, {@link CortexTimeoutError}, {@link CortexCouldNotConnectError} or
 *   {@link CortexConnectionLostError}.
 * @internal
 */
export function toDeliveryError(error: unknown, context: CallContext, answered?: { readonly status: number }): CortexError {
  const facts = { operationId: context.operation.id, requestId: context.callId, attempts: context.attempt, cause: error };
  if (context.signal.aborted) {
    const userAborted = context.options.signal?.aborted === true;
    if (userAborted) return new CortexAbortError("abort", `${context.operation.id}: the call was aborted by the caller.`, facts);
    const timeout = new CortexTimeoutError("timeout", `${context.operation.id}: the call did not finish within its total deadline (${context.options.timeoutMs ?? context.config.timeoutMs} ms). Raise timeoutMs if the tenant is slow.`, facts);
    timeout.phase = "total";
    return timeout;
  }
  const code = errorCode(error);
  if (code === "UND_ERR_CONNECT_TIMEOUT" || code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT") {
    const timeout = new CortexTimeoutError("timeout", `${context.operation.id}: ${describeTimeout(code)} (${code}).`, facts);
    timeout.phase = code === "UND_ERR_CONNECT_TIMEOUT" ? "connect" : code === "UND_ERR_HEADERS_TIMEOUT" ? "headers" : "body";
    timeout.requestMayHaveBeenSent = code !== "UND_ERR_CONNECT_TIMEOUT";
    return timeout;
  }
  const host = new URL(context.request.url).host;
  const detail = code ?? (error instanceof Error ? error.message : String(error));
  const proxyStatus = /Proxy response \((\d+)\)/.exec(error instanceof Error ? error.message : "")?.[1];
  let message: string | undefined;
  let permanent = false;
  if (code !== undefined && TLS_CODES.has(code)) {
    permanent = true;
    message =
      `${context.operation.id}: the TLS certificate of ${host} was not accepted (${code}). ` +
      "If the tenant sits behind a TLS-inspecting proxy or uses a private CA, pass its CA certificate with the `ca` option (or NODE_EXTRA_CA_CERTS); verification stays on.";
  } else if (proxyStatus !== undefined) {
    permanent = proxyStatus === "407" || proxyStatus === "403";
    message = `${context.operation.id}: the proxy refused to connect to ${host} (HTTP ${proxyStatus})${proxyStatus === "407" ? ": check the proxy credentials" : ""}.`;
  } else if (answered === undefined && code !== undefined && NOT_SENT_CODES.has(code)) {
    message = `${context.operation.id}: could not connect to ${host} (${detail}); nothing was sent. Check the URL, the network, the proxy settings and the TLS certificates.`;
  }
  let connection: CortexConnectionError;
  if (message !== undefined) {
    connection = new CortexCouldNotConnectError("connection", message, facts);
  } else {
    // Anything else broke a connection that was open: the request (or part of it) went out.
    const outcome = outcomeOf(context.operation.retrySafety, answered);
    const lost = new CortexConnectionLostError("connection_lost", lostMessage(context, host, detail, outcome, answered), facts);
    lost.retrySafety = context.operation.retrySafety;
    lost.safeToRepeat = context.operation.retrySafety !== "unsafe";
    lost.lostDuring = answered === undefined ? "request" : "response";
    lost.status = answered?.status;
    lost.operationMayHaveRun = outcome;
    connection = lost;
  }
  connection.code = code;
  connection.permanent = permanent;
  return connection;
}

function outcomeOf(safety: "read" | "idempotent" | "unsafe", answered: { readonly status: number } | undefined): OperationOutcome {
  if (safety === "read") return "no";
  if (answered !== undefined) return answered.status >= 200 && answered.status < 300 ? "yes" : "maybe";
  return "maybe";
}

// Says what broke, whether the operation may have run, and what to do: the user must not fix the URL
// when the connection was fine, and must not blindly resend a write that may have happened.
function lostMessage(context: CallContext, host: string, detail: string, outcome: OperationOutcome, answered: { readonly status: number } | undefined): string {
  const id = context.operation.id;
  const attempts = context.attempt > 1 ? ` (attempt ${context.attempt})` : "";
  const what = answered === undefined
    ? `the connection to ${host} was lost after the request was sent, before any answer (${detail})${attempts}.`
    : `the connection to ${host} was lost while the answer (HTTP ${answered.status}) was being read (${detail})${attempts}.`;
  const resent = context.options.retryUnsafe === true;
  const retried = resent && context.attempt > 1 ? " It was sent more than once because retryUnsafe is set." : "";
  switch (outcome) {
    case "no":
      return `${id}: ${what} It is a read: nothing changed on the tenant, and it is safe to repeat.`;
    case "yes":
      return `${id}: ${what} The operation ran on the tenant; do not send it again. Read its result with the matching get or list call.${retried}`;
    case "maybe":
      return context.operation.retrySafety === "idempotent"
        ? `${id}: ${what} It may have run on the tenant; it is idempotent, so sending it again is safe.`
        : `${id}: ${what} It may have run on the tenant${resent ? "" : ": it was not resent automatically, because running it twice could apply it twice"}.${retried} ` +
            "Check whether it took effect (read the object it changes, or list the recent ones) before sending it again.";
  }
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
