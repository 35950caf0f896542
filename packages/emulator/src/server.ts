/**
 * The request pipeline. Every request goes through the same steps:
 *
 * 1. path-family handling (query string, trailing slash, prefixes, aliases);
 * 2. the fault plan (latency, clock offset, or an answer such as 503 or a reset);
 * 3. credentials: XSOAR 6 raw key, else Cortex `x-xdr-auth-id` (+ signature);
 * 4. `x-child-tenant-id` (MSSP parent acting on a child);
 * 5. the tenant's request rate;
 * 6. routing: specific handler → generic responder → 405 / unknown route;
 * 7. RBAC permission, then the operation's own rate limit;
 * 8. body: size (413), content type (415), JSON (400), generic validation;
 * 9. the handler, persistence of mutations, the reply.
 *
 * Every failure is answered with the envelope of the surface the request came
 * in on, and nothing thrown escapes this module: the process never crashes and
 * never returns a stack trace.
 */
// The declarations name Node's own types (streams, http, Buffer): a TypeScript user needs @types/node.
/// <reference types="node" preserve="true" />
import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { checkRequestBounds } from "./bounds.js";
import { authenticate, authenticateXsoar6, type AuthFailureReason } from "./auth.js";
import { ApiError, REPLY_ERRORS, errorEnvelope, renderError, xsoarErrorBody } from "./envelopes.js";
import type { FaultDecision } from "./faults.js";
import type { GenericOperation, RequestView } from "./generic.js";
import { checkContentType, parseEnvelope, readBody, send } from "./http.js";
import type { ApiKeyRecord } from "./keys.js";
import { classifyPath, splitTarget, type ClassifiedPath, type Surface } from "./paths.js";
import { isJsonObject } from "./query.js";
import type { Router, RouteMatch } from "./router.js";
import { persist, type EmulatorState } from "./state.js";
import type { Tenant } from "./tenant.js";

/** What XSOAR 6 serves for paths it has no API route for: its web app. */
export const XSOAR6_SPA_HTML =
  '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Cortex XSOAR</title></head>' +
  '<body><div id="app"></div><script src="/assets/app.js"></script></body></html>';

/** Where the login-redirect fault points by default: a console host, as the console-URL mistake produces. */
export const DEFAULT_LOGIN_LOCATION = "https://console.emulator.invalid/login";

/** Mutable facts about one request, read by the error handler. */
interface RequestScope {
  /** How errors are rendered. */
  surface: Surface;
  /** Server clock for this request. */
  now: number;
  /** Truncation fault. */
  truncate: FaultDecision["truncate"];
}

function notify<T>(observer: ((event: T) => void) | undefined, event: T): void {
  try {
    observer?.(event);
  } catch {
    // An observer's bug must not turn into a different HTTP answer.
  }
}

function headerValue(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === "string" && value !== "" ? value : undefined;
}

function truncateTo(scope: RequestScope, payload: string | Uint8Array): number | undefined {
  if (scope.truncate === undefined) return undefined;
  // Measured only under the truncation fault: counting a large reply's UTF-8 bytes is not free.
  const payloadLength = typeof payload === "string" ? Buffer.byteLength(payload) : payload.byteLength;
  return Math.min(scope.truncate.bytes ?? Math.floor(payloadLength / 2), payloadLength);
}

function reply(response: ServerResponse, scope: RequestScope, status: number, body: unknown, headers: Readonly<Record<string, string>> = {}, contentType?: string): void {
  if (body === undefined) {
    send(response, { status, payload: undefined, contentType: "application/json", nowMs: scope.now, headers });
    return;
  }
  // Bytes (downloads, gzip streams) go out as they are.
  const payload = body instanceof Uint8Array ? body : contentType === undefined ? JSON.stringify(body) : String(body);
  send(response, {
    status,
    payload,
    contentType: contentType ?? "application/json",
    nowMs: scope.now,
    headers,
    truncateTo: truncateTo(scope, payload),
  });
}

function faultAnswer(request: IncomingMessage, response: ServerResponse, scope: RequestScope, answer: NonNullable<FaultDecision["answer"]>, path: string): void {
  switch (answer.kind) {
    case "reset": {
      const socket = request.socket;
      // A TCP RST where the platform supports it, else a plain close.
      if (typeof socket.resetAndDestroy === "function") socket.resetAndDestroy();
      else socket.destroy();
      return;
    }
    case "login_redirect": {
      const location = answer.location ?? `${DEFAULT_LOGIN_LOCATION}?redirect=${encodeURIComponent(path)}`;
      reply(response, scope, 302, `<!DOCTYPE html><html><body>Redirecting to <a href="${location}">login</a></body></html>`, { Location: location }, "text/html; charset=utf-8");
      return;
    }
    case "status": {
      const body =
        answer.body ??
        (answer.status === 429
          ? REPLY_ERRORS.tooManyRequests().toEnvelope()
          : errorEnvelope(answer.status, STATUS_CODES[answer.status] ?? "Error", null));
      reply(response, scope, answer.status, body, answer.headers ?? {});
      return;
    }
  }
}

interface Authenticated {
  readonly key: ApiKeyRecord;
  readonly keyTenant: Tenant;
}

function authFailure(state: EmulatorState, request: IncomingMessage, classified: ClassifiedPath, scope: RequestScope, reason: AuthFailureReason, keyId: string | undefined): ApiError {
  notify(state.onAuthFailure, { reason, keyId, method: request.method ?? "GET", path: classified.raw });
  if (reason === "nonce_cache_full") return REPLY_ERRORS.tooManyRequests();
  if (reason === "xsoar6_bad_key") {
    scope.surface = "xsoar";
    return new ApiError(403, "Forbidden", null, {
      body: xsoarErrorBody(403, "Issue with CSRF code", "http: named cookie not present"),
    });
  }
  scope.surface = "cortex";
  return REPLY_ERRORS.unauthorized();
}

function identify(state: EmulatorState, request: IncomingMessage, classified: ClassifiedPath, scope: RequestScope): Authenticated {
  const xsoar6 = authenticateXsoar6(request.headers, state.keys);
  if (xsoar6.ok) return { key: xsoar6.key, keyTenant: xsoar6.tenant };
  const cortex = authenticate(request.headers, {
    keys: state.keys,
    nonces: state.nonces,
    now: scope.now,
    windowMs: state.authWindowMs,
  });
  if (cortex.ok) return { key: cortex.key, keyTenant: cortex.tenant };
  // On root paths the host is an XSOAR 6 server unless the key id names a Cortex key.
  const namesCortexKey = cortex.keyId !== undefined && state.keys.lookup(cortex.keyId)?.key.authScheme === "cortex";
  const reason = classified.family === "xsoar6_root" && !namesCortexKey ? "xsoar6_bad_key" : cortex.reason;
  throw authFailure(state, request, classified, scope, reason, cortex.keyId);
}

const API_KEY_PATHS = ["/public_api/v1/api_keys/", "/platform/iam/v1/api-key/"];

function actingTenant(state: EmulatorState, request: IncomingMessage, classified: ClassifiedPath, auth: Authenticated): Tenant {
  const childId = headerValue(request, "x-child-tenant-id");
  if (childId === undefined || childId === auth.keyTenant.id || auth.key.authScheme !== "cortex") return auth.keyTenant;
  if (state.unknowns.childTenantHeader === "api_keys" && !API_KEY_PATHS.some((prefix) => classified.canonical.startsWith(prefix))) {
    return auth.keyTenant;
  }
  const child = state.tenants.get(childId);
  if (child === undefined || !auth.keyTenant.childIds.has(child.id)) {
    throw state.unknowns.childTenantDeniedStatus === 401 ? REPLY_ERRORS.unauthorized() : REPLY_ERRORS.forbidden();
  }
  return child;
}

function rateLimited(tenant: Tenant, retryAfterMs: number): ApiError {
  return REPLY_ERRORS.tooManyRequests(tenant.limits.retryAfter ? Math.max(1, Math.ceil(retryAfterMs / 1000)) : undefined);
}

function unknownRoute(state: EmulatorState, response: ServerResponse, scope: RequestScope, tenant: Tenant, classified: ClassifiedPath): void {
  if (tenant.product === "xsoar6") {
    if (state.unknowns.xsoar6UnknownRoute === "spa") {
      reply(response, scope, 200, XSOAR6_SPA_HTML, {}, "text/html; charset=utf-8");
      return;
    }
    throw new ApiError(404, "Not Found", `No such API: ${classified.raw}`, {
      body: xsoarErrorBody(404, `No such API: ${classified.raw}`),
    });
  }
  throw state.unknowns.unknownRoute === 404 ? REPLY_ERRORS.notFound(classified.raw) : REPLY_ERRORS.internal();
}

async function handle(state: EmulatorState, router: Router, request: IncomingMessage, response: ServerResponse, scope: RequestScope): Promise<void> {
  const method = (request.method ?? "GET").toUpperCase();
  const target = splitTarget(request.url ?? "/");
  const classified = classifyPath(target.path);
  scope.surface = classified.surface === "xsoar" && classified.family !== "xsoar6_root" ? "xsoar" : "cortex";

  const faults = state.faults.evaluate(method, classified.normalized);
  scope.truncate = faults.truncate;
  // The global timer, so that tests holding a fake clock decide when the latency has passed.
  if (faults.latencyMs > 0) await new Promise<void>((resolve) => setTimeout(resolve, faults.latencyMs));
  scope.now = state.clock.now() + faults.clockOffsetMs;
  if (faults.answer !== undefined) {
    faultAnswer(request, response, scope, faults.answer, classified.raw);
    return;
  }

  const auth = identify(state, request, classified, scope);
  const tenant = actingTenant(state, request, classified, auth);
  const admitted = tenant.limits.admitRequest(state.clock.base());
  if (!admitted.ok) throw rateLimited(tenant, admitted.retryAfterMs);

  // How this tenant's errors look on this path: XSOAR apps answer XSOAR-style.
  const served = classified.family !== null && tenant.families.has(classified.family);
  scope.surface = tenant.product === "xsoar6" || (served && classified.surface === "xsoar") ? "xsoar" : "cortex";
  if (!served) {
    unknownRoute(state, response, scope, tenant, classified);
    return;
  }

  const routeSurface = classified.surface;
  const specific: RouteMatch | undefined = router.match(routeSurface, method, classified.canonical, tenant.product);
  const route = { product: tenant.product, surface: routeSurface, method, path: classified.canonical };
  const preparing = state.genericResponder?.prepare?.(route);
  if (preparing !== undefined) await preparing;
  const generic: GenericOperation | undefined = state.genericResponder?.resolve(route);
  if (specific === undefined && generic?.respond === undefined) {
    const methods = new Set([
      ...router.methods(routeSurface, classified.canonical, tenant.product),
      ...(state.genericResponder?.methods?.({ product: tenant.product, surface: routeSurface, path: classified.canonical }) ?? []),
    ]);
    if (methods.size > 0) throw REPLY_ERRORS.methodNotAllowed(method, classified.raw, [...methods]);
    unknownRoute(state, response, scope, tenant, classified);
    return;
  }
  if (specific !== undefined && classified.family === "xsoar_public_v1" && specific.operation.xsoarPublic === false) {
    // XSOAR 8 answers 303 for internal (web-app) routes requested on the public API prefix.
    reply(response, scope, 303, undefined, { Location: `/xsoar${classified.canonical}` });
    return;
  }

  const permission = specific !== undefined ? specific.operation.permission : (generic?.permission ?? null);
  if (permission !== null && !auth.keyTenant.allows(auth.key.roles, permission)) {
    if (tenant.product === "xsoar6") {
      throw new ApiError(403, "Forbidden", null, { body: xsoarErrorBody(403, "Insufficient permissions", "forbidden") });
    }
    throw REPLY_ERRORS.forbidden();
  }
  const perOperation = tenant.limits.admitOperation(method, classified.canonical, state.clock.base());
  if (!perOperation.ok) throw rateLimited(tenant, perOperation.retryAfterMs);

  let body: unknown = {};
  if (method !== "GET" && method !== "HEAD") {
    const raw = await readBody(request, state.maxBodyBytes);
    if (raw.length > 0) checkContentType(headerValue(request, "content-type"), state.unknowns.contentTypeStatus, state.unknowns.requireContentType);
    body = parseEnvelope(raw);
    checkRequestBounds(body, state.requestLimits);
  }
  // A bare array body (bulk and policy APIs) is no `request_data` object: handlers see the array and reject it.
  const requestData = isJsonObject(body) ? (body["request_data"] ?? {}) : body;
  const view: RequestView = {
    method,
    path: classified.normalized,
    canonicalPath: classified.canonical,
    surface: routeSurface,
    family: classified.family,
    pathParams: specific?.params ?? generic?.pathParams ?? {},
    query: new URLSearchParams(target.query),
    headers: request.headers,
    tenant: tenant.info(),
    tenantSeed: tenant.seed,
    keyId: auth.key.id,
    keyRoles: auth.key.roles,
    // Scopes are stored either way; enforced only once the key's tenant turns its switch on.
    keyScope: auth.keyTenant.scopeEnforcement ? auth.key.scope : null,
    now: scope.now,
  };
  generic?.validate?.(view, body);

  const result =
    specific !== undefined
      ? await specific.operation.handle({
          tenant,
          keyTenant: auth.keyTenant,
          key: auth.keyTenant.scopeEnforcement ? auth.key : { ...auth.key, scope: null },
          body,
          requestData,
          headers: request.headers,
          request: view,
          now: scope.now,
          state,
        })
      : await (generic as Required<Pick<GenericOperation, "respond">>).respond(view, body);
  if (specific?.operation.mutates === true) await persist(state);
  if (result.json !== undefined) {
    send(response, {
      status: result.status ?? 200,
      payload: result.json,
      contentType: "application/json",
      nowMs: scope.now,
      headers: result.headers ?? {},
      truncateTo: truncateTo(scope, result.json),
    });
    return;
  }
  const replyBody = state.unknowns.countKeyCase === "lower" ? lowerCountKeys(result.body) : result.body;
  reply(response, scope, result.status ?? 200, replyBody, result.headers ?? {}, result.contentType);
}

const UPPER_COUNT_KEYS = new Set(["DATA", "TOTAL_COUNT", "FILTER_COUNT"]);

/** `unknowns.countKeyCase: "lower"`: `{reply: {DATA, TOTAL_COUNT, FILTER_COUNT}}` spelled in lower case (one object level deep). */
function lowerCountKeys(body: unknown): unknown {
  const lower = (value: unknown, depth: number): unknown => {
    if (depth > 2 || !isJsonObject(value)) return value;
    return Object.fromEntries(Object.entries(value).map(([key, child]) => [UPPER_COUNT_KEYS.has(key) ? key.toLowerCase() : key, lower(child, depth + 1)]));
  };
  return isJsonObject(body) && isJsonObject(body["reply"]) ? { ...body, reply: lower(body["reply"], 0) } : body;
}

/** Creates the HTTP server for an emulator state and operation table (not yet listening). */
export function createEmulatorServer(state: EmulatorState, router: Router): Server {
  const server = createServer((request, response) => {
    const scope: RequestScope = { surface: "cortex", now: Number.NaN, truncate: undefined };
    handle(state, router, request, response, scope).catch((error: unknown) => {
      try {
        if (Number.isNaN(scope.now)) scope.now = state.clock.now();
        if (error instanceof ApiError) {
          reply(response, scope, error.status, renderError(error, scope.surface), error.headers);
          return;
        }
        notify(state.onError, error);
        // Details stay server-side: clients only ever see the generic 500 envelope.
        reply(response, scope, 500, renderError(REPLY_ERRORS.internal(), scope.surface));
      } catch (fatal: unknown) {
        // Even the error reply failed (e.g. an injected clock threw): drop the
        // connection rather than the process.
        notify(state.onError, fatal);
        response.destroy();
      }
    });
  });
  // A server-level error (e.g. running out of file descriptors) is reported, never thrown.
  server.on("error", (error) => notify(state.onError, error));
  // Malformed HTTP: answer 400 (413 for oversized headers) in the gateway's envelope and close, never throw.
  server.on("clientError", (error: NodeJS.ErrnoException, socket) => {
    const status = error.code === "HPE_HEADER_OVERFLOW" ? 431 : 400;
    rawErrorReply(socket, status, status === 431 ? "Request header fields too large" : "Malformed HTTP request", state);
  });
  // Node hands CONNECT and Upgrade requests to these events and drops the socket when nobody listens:
  // the gateway answers them as any other bad request.
  server.on("connect", (_request: IncomingMessage, socket: Duplex) => {
    rawErrorReply(socket, 400, "CONNECT is not supported", state);
  });
  server.on("upgrade", (_request: IncomingMessage, socket: Duplex) => {
    rawErrorReply(socket, 400, "Protocol upgrades are not supported", state);
  });
  return server;
}

/**
 * Writes a complete error reply straight to a socket (for requests Node's HTTP
 * parser does not hand to the request handler), in the Cortex gateway's envelope.
 */
function rawErrorReply(socket: Duplex, status: number, extra: string, state: EmulatorState): void {
  try {
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    const errMsg = status === 400 ? REPLY_ERRORS.invalidInput(extra).errMsg : (STATUS_CODES[status] ?? "Error");
    const body = JSON.stringify(errorEnvelope(status, errMsg, extra));
    let date: string;
    try {
      date = new Date(state.clock.now()).toUTCString();
    } catch {
      date = new Date().toUTCString();
    }
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? "Error"}\r\nDate: ${date}\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
    // Discard whatever the client still sends (closing with unread data would reset the connection
    // before the reply is read), and let the socket go a moment after the reply is flushed.
    socket.on("data", () => undefined);
    socket.once("finish", () => setTimeout(() => socket.destroy(), 1_000).unref());
  } catch (error) {
    notify(state.onError, error);
    socket.destroy();
  }
}
