/**
 * Low-level request/response helpers: bounded body reading, envelope parsing
 * and JSON replies.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { MAX_BODY_BYTES, REPLY_ERRORS } from "./envelopes.js";
import { isJsonObject, type JsonObject } from "./query.js";

/**
 * Reads the whole body, refusing more than `limit` bytes without buffering
 * them (checked on Content-Length first, then while streaming).
 */
export function readBody(request: IncomingMessage, limit: number = MAX_BODY_BYTES): Promise<Buffer> {
  const declared = Number(request.headers["content-length"] ?? 0);
  if (declared > limit) return Promise.reject(REPLY_ERRORS.payloadTooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        // Keep draining (and discarding) so the 413 can still be written.
        request.resume();
        reject(REPLY_ERRORS.payloadTooLarge());
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      cleanup();
      resolve(Buffer.concat(chunks, size));
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

/**
 * Parses a `{"request_data": ...}` body. An empty body stands for
 * `{"request_data": {}}` because the vendor's curl samples send `-d ''`.
 */
export function parseEnvelope(raw: Buffer): JsonObject {
  const text = raw.toString("utf8");
  if (text.trim() === "") return { request_data: {} };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw REPLY_ERRORS.invalidInput("Invalid JSON body");
  }
  if (!isJsonObject(parsed)) throw REPLY_ERRORS.invalidInput("Request body must be a JSON object");
  return parsed;
}

/** Writes a JSON reply with the emulator's `Date`, so clients can measure skew against it. */
export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  nowMs: number,
  headers: Readonly<Record<string, string>> = {},
): void {
  if (response.headersSent || response.destroyed) return;
  const payload = JSON.stringify(body);
  response.writeHead(status, {
    ...headers,
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(payload),
    Date: new Date(nowMs).toUTCString(),
  });
  response.end(payload);
}
