/**
 * Low-level request/response helpers: bounded body reading, JSON parsing,
 * content-type checks, and replies (with the truncation fault).
 */
// The declarations name Node's own types (streams, http, Buffer): a TypeScript user needs @types/node.
/// <reference types="node" preserve="true" />
import type { IncomingMessage, ServerResponse } from "node:http";
import { REPLY_ERRORS } from "./envelopes.js";
import { isJsonObject, type JsonObject } from "./query.js";

/**
 * Reads the whole body, refusing more than `limit` bytes without buffering
 * them (checked on Content-Length first, then while streaming).
 */
export function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(request.headers["content-length"] ?? 0);
  if (declared > limit) return Promise.reject(REPLY_ERRORS.payloadTooLarge(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        // Keep draining (and discarding) so the 413 can still be written.
        request.resume();
        reject(REPLY_ERRORS.payloadTooLarge(limit));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      cleanup();
      resolve(chunks.length === 1 && chunks[0] !== undefined ? chunks[0] : Buffer.concat(chunks, size));
    };
    const onError = (error: Error): void => {
      cleanup();
      reject(error);
    };
    const cleanup = (): void => {
      request.off("data", onData);
      request.off("end", onEnd);
      request.off("error", onError);
    };
    request.on("data", onData);
    request.on("end", onEnd);
    request.on("error", onError);
  });
}

/** Whether a Content-Type names JSON (`application/json`, `application/*+json`, any parameters). */
export function isJsonContentType(contentType: string): boolean {
  const type = (contentType.split(";", 1)[0] ?? "").trim().toLowerCase();
  return type === "application/json" || (type.startsWith("application/") && type.endsWith("+json"));
}

/**
 * Checks the Content-Type of a non-empty body.
 * @throws ApiError - with `status` (415 or 400) for a non-JSON type, or a missing one when `requireHeader`.
 */
export function checkContentType(contentType: string | undefined, status: number, requireHeader: boolean): void {
  if (contentType === undefined || contentType === "") {
    if (requireHeader) throw REPLY_ERRORS.unsupportedMediaType(status, "");
    return;
  }
  if (!isJsonContentType(contentType)) throw REPLY_ERRORS.unsupportedMediaType(status, contentType);
}

/**
 * Parses a JSON object body. An empty body stands for `{"request_data": {}}`
 * because the vendor's curl samples send `-d ''`.
 */
export function parseEnvelope(raw: Buffer): JsonObject | unknown[] {
  const text = raw.toString("utf8");
  if (text.trim() === "") return { request_data: {} };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw REPLY_ERRORS.invalidInput("Invalid JSON body");
  }
  // Arrays are bodies too (bulk and policy APIs take JSON arrays); operations check their shape.
  if (!isJsonObject(parsed) && !Array.isArray(parsed)) throw REPLY_ERRORS.invalidInput("Request body must be a JSON object");
  return parsed;
}

/** How to send a reply. */
export interface SendOptions {
  /** HTTP status. */
  readonly status: number;
  /** The payload, already serialised (text is sent as UTF-8, bytes as they are); `undefined` for no body. */
  readonly payload: string | Uint8Array | undefined;
  /** Content-Type of the payload. */
  readonly contentType: string;
  /** Server clock for the `Date` header, epoch ms. */
  readonly nowMs: number;
  /** Extra headers. */
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /** Truncation fault: send only this many body bytes, then destroy the connection. */
  readonly truncateTo?: number | undefined;
}

// The Date header's text for the last second formatted: a server answers many requests a second, and
// toUTCString() was a visible share of a small reply's cost.
let dateSecond = Number.NaN;
let dateText = "";

/** `Date` header text for an emulator clock reading (whole seconds, as HTTP dates are). */
export function httpDate(nowMs: number): string {
  const second = Math.floor(nowMs / 1000);
  if (second !== dateSecond) {
    dateText = new Date(nowMs).toUTCString();
    dateSecond = second;
  }
  return dateText;
}

/** Writes a reply with the emulator's `Date`, so clients can measure skew against it. */
export function send(response: ServerResponse, options: SendOptions): void {
  if (response.headersSent || response.destroyed) return;
  const payload = options.payload;
  // Bytes are sent as they are (a view, not a copy: cached replies are reused for every request).
  const body =
    payload === undefined
      ? undefined
      : typeof payload === "string"
        ? Buffer.from(payload, "utf8")
        : Buffer.isBuffer(payload)
          ? payload
          : Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength);
  const headers: Record<string, string | number> = {
    ...options.headers,
    Date: httpDate(options.nowMs),
    "Content-Length": body?.length ?? 0,
  };
  if (body !== undefined) headers["Content-Type"] = options.contentType;
  response.writeHead(options.status, headers);
  if (options.truncateTo !== undefined && body !== undefined && options.truncateTo < body.length) {
    const socket = response.socket;
    response.write(body.subarray(0, options.truncateTo), () => {
      // Destroy after the partial body has been handed to the socket.
      socket?.destroy();
    });
    return;
  }
  response.end(body);
}
