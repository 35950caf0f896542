/**
 * The request pipeline: route → authenticate → authorise → parse → handle,
 * with every failure answered as a vendor-style envelope and nothing thrown
 * past this module.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { authenticate } from "./auth.js";
import { ApiError, REPLY_ERRORS } from "./envelopes.js";
import { parseEnvelope, readBody, sendJson } from "./http.js";
import { normalizePath, type Router } from "./router.js";
import type { EmulatorState } from "./state.js";

function notify<T>(observer: ((event: T) => void) | undefined, event: T): void {
  try {
    observer?.(event);
  } catch {
    // An observer's bug must not turn into a different HTTP answer.
  }
}

async function handle(state: EmulatorState, router: Router, request: IncomingMessage, response: ServerResponse) {
  const method = request.method ?? "GET";
  const url = request.url ?? "/";
  // 404/405 come before auth so a mistyped path is reported as such.
  const operation = router.resolve(method, url);
  const now = state.clock();
  const auth = authenticate(request.headers, {
    keys: state.keys,
    nonces: state.nonces,
    now,
    windowMs: state.authWindowMs,
  });
  if (!auth.ok) {
    notify(state.onAuthFailure, { reason: auth.reason, keyId: auth.keyId, method, path: normalizePath(url).raw });
    throw REPLY_ERRORS.unauthorized();
  }
  const { tenant, key } = auth;
  if (operation.products !== undefined && !operation.products.includes(tenant.product)) {
    throw REPLY_ERRORS.notFound(normalizePath(url).raw);
  }
  if (operation.permission !== null && !tenant.allows(key.roles, operation.permission)) {
    throw REPLY_ERRORS.forbidden();
  }
  // GET operations take no body; anything sent is drained by node:http.
  const body = operation.method === "GET" ? {} : parseEnvelope(await readBody(request));
  const result = await operation.handle({
    tenant,
    key,
    body,
    requestData: body["request_data"] ?? {},
    headers: request.headers,
    now,
    state,
  });
  sendJson(response, result.status ?? 200, result.body, state.clock());
}

/** Creates the HTTP server for an emulator state and operation table (not yet listening). */
export function createEmulatorServer(state: EmulatorState, router: Router): Server {
  return createServer((request, response) => {
    handle(state, router, request, response).catch((error: unknown) => {
      try {
        if (error instanceof ApiError) {
          sendJson(response, error.status, error.toEnvelope(), state.clock(), error.headers);
          return;
        }
        notify(state.onError, error);
        // Details stay server-side: clients only ever see the generic 500 envelope.
        sendJson(response, 500, REPLY_ERRORS.internal().toEnvelope(), state.clock());
      } catch (fatal: unknown) {
        // Even the error reply failed (e.g. an injected clock threw): drop the
        // connection rather than the process.
        notify(state.onError, fatal);
        response.destroy();
      }
    });
  });
}
