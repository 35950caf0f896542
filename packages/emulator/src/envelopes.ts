/**
 * Error envelopes. Cortex gateways answer `{"reply": {err_code, err_msg, err_extra}}`;
 * XSOAR's own server answers `{"id", "status", "title", "detail", "error", ...}`.
 * Operations throw {@link ApiError}; the server renders it for the surface the
 * request came in on, so every error the emulator emits goes through the same
 * few constructors.
 */

/** `err_extra`: a string, `null`, or (for XQL concurrency) an object. */
export type ErrExtra = string | null | { readonly [key: string]: unknown };

/** The body of a Cortex error reply: `{"reply": {err_code, err_msg, err_extra}}`. */
export interface ErrorEnvelope {
  /** The wrapped error. */
  readonly reply: {
    /** Mirrors the HTTP status. */
    readonly err_code: number;
    /** A fixed, vendor-style message per error kind. */
    readonly err_msg: string;
    /** Details (what was wrong), or `null` when the vendor sends none. */
    readonly err_extra: ErrExtra;
  };
}

/** XSOAR's own error body (XSOAR 6 server, and the XSOAR 8 application behind the gateway). */
export interface XsoarErrorBody {
  /** Short error id such as `"forbidden"`. */
  readonly id: string;
  /** HTTP status. */
  readonly status: number;
  /** Status text. */
  readonly title: string;
  /** What went wrong. */
  readonly detail: string;
  /** Internal error text. */
  readonly error: string;
  /** Always `false`. */
  readonly encrypted: boolean;
  /** Always `null`. */
  readonly multires: null;
}

/** Options of an {@link ApiError}. */
export interface ApiErrorOptions {
  /** Extra response headers (e.g. `Allow` on a 405). */
  readonly headers?: Readonly<Record<string, string>>;
  /** A body to send as is, instead of rendering an envelope (IAM and XSOAR shapes). */
  readonly body?: unknown;
  /**
   * Raised by the Cortex gateway in front of the application (401, 429, ...):
   * rendered as `{"reply": ...}` even on XSOAR 8 routes.
   */
  readonly gateway?: boolean;
}

/** An error an operation raises to answer with a given status and envelope. */
export class ApiError extends Error {
  /** HTTP status to answer with. */
  readonly status: number;
  /** The `err_msg` of the envelope. */
  readonly errMsg: string;
  /** The `err_extra` of the envelope. */
  readonly errExtra: ErrExtra;
  /** Extra response headers. */
  readonly headers: Readonly<Record<string, string>>;
  /** Explicit body, when the error does not use an envelope. */
  readonly body: unknown;
  /** Whether the gateway (not the application) raised it. */
  readonly gateway: boolean;

  /**
   * @param status - HTTP status and `err_code`.
   * @param errMsg - The envelope's `err_msg`.
   * @param errExtra - The envelope's `err_extra`.
   * @param options - Headers, an explicit body, gateway flag.
   */
  constructor(status: number, errMsg: string, errExtra: ErrExtra, options: ApiErrorOptions = {}) {
    super(typeof errExtra === "string" ? `${errMsg}: ${errExtra}` : errMsg);
    this.name = "ApiError";
    this.status = status;
    this.errMsg = errMsg;
    this.errExtra = errExtra;
    this.headers = options.headers ?? {};
    this.body = options.body;
    this.gateway = options.gateway ?? false;
  }

  /** The Cortex `{"reply": ...}` body for this error. */
  toEnvelope(): ErrorEnvelope {
    return errorEnvelope(this.status, this.errMsg, this.errExtra);
  }
}

/** Builds a Cortex error envelope. */
export function errorEnvelope(status: number, errMsg: string, errExtra: ErrExtra): ErrorEnvelope {
  return { reply: { err_code: status, err_msg: errMsg, err_extra: errExtra } };
}

const XSOAR_TITLES: Readonly<Record<number, readonly [id: string, title: string]>> = {
  400: ["bad_request", "Bad Request"],
  403: ["forbidden", "Forbidden"],
  404: ["not_found", "Not Found"],
  405: ["method_not_allowed", "Method Not Allowed"],
  413: ["request_too_large", "Request Entity Too Large"],
  415: ["unsupported_media_type", "Unsupported Media Type"],
  429: ["too_many_requests", "Too Many Requests"],
  500: ["internal_server_error", "Internal Server Error"],
};

/** Builds XSOAR's own error body. */
export function xsoarErrorBody(status: number, detail: string, error: string = detail): XsoarErrorBody {
  const [id, title] = XSOAR_TITLES[status] ?? ["error", "Error"];
  return { id, status, title, detail, error, encrypted: false, multires: null };
}

/** Renders an error for a surface: `reply` envelopes for Cortex, XSOAR bodies for XSOAR applications. */
export function renderError(error: ApiError, surface: "cortex" | "xsoar"): unknown {
  if (error.body !== undefined) return error.body;
  if (surface === "xsoar" && !error.gateway) {
    const detail = typeof error.errExtra === "string" ? error.errExtra : error.errMsg;
    return xsoarErrorBody(error.status, detail, error.errMsg);
  }
  return error.toEnvelope();
}

/**
 * Largest request body the emulator reads by default, in bytes (1 MiB). The vendor documents no body
 * limit; every documented request (1,000 endpoint ids, 10,000 lookup entries) fits well inside, and
 * parsing stays far below the 50 ms a single request may hold the event loop.
 */
export const MAX_BODY_BYTES = 1024 * 1024;

/** `err_msg` of the XQL concurrency error, verbatim from the reference. */
export const XQL_ERROR_MESSAGE = "An error occurred while processing XDR - XQL query";

/**
 * Constructors for the errors the emulator emits. The literal messages are the
 * vendor's where the vendor's are known, so SDK error mapping can be tested
 * against them.
 */
export const REPLY_ERRORS = {
  /** 400: the request body or `request_data` failed validation. */
  invalidInput: (extra: string): ApiError =>
    new ApiError(400, "Got an invalid input while processing XDR public API", extra),
  /** 401: any authentication failure. The reason is never disclosed. */
  unauthorized: (): ApiError => new ApiError(401, "Public API request unauthorized", null, { gateway: true }),
  /** 403: the key's roles lack the operation's permission. */
  forbidden: (): ApiError =>
    new ApiError(403, "Forbidden. Access was denied to this resource.", "Insufficient permissions for api key", {
      gateway: true,
    }),
  /** 404: no operation is registered at this path (when unknown routes answer 404). */
  notFound: (path: string): ApiError => new ApiError(404, "Not found", `No such API: ${path}`),
  /** 405: the path exists but not for this HTTP method. */
  methodNotAllowed: (method: string, path: string, allowed: readonly string[]): ApiError =>
    new ApiError(405, "Method not allowed", `${method} is not supported for ${path}`, {
      headers: { Allow: allowed.join(", ") },
    }),
  /** 413: the body exceeds the size limit. */
  payloadTooLarge: (limit: number = MAX_BODY_BYTES): ApiError =>
    // Close the connection: the rest of an oversized body is not worth reading.
    new ApiError(413, "Request entity too large", `Request body exceeds ${limit} bytes`, {
      headers: { Connection: "close" },
    }),
  /** 415 (or 400, see `unknowns.contentTypeStatus`): a body that is not JSON. */
  unsupportedMediaType: (status: number, contentType: string): ApiError =>
    new ApiError(
      status,
      status === 415 ? "Unsupported Media Type" : "Got an invalid input while processing XDR public API",
      `Content-Type must be application/json, got '${contentType}'`,
    ),
  /** 429: the tenant's (or the operation's) request rate was exceeded. */
  tooManyRequests: (retryAfterSeconds?: number): ApiError =>
    new ApiError(429, "Too many requests", null, {
      gateway: true,
      ...(retryAfterSeconds === undefined ? {} : { headers: { "Retry-After": String(retryAfterSeconds) } }),
    }),
  /** 500: an unexpected failure inside the emulator (or an unknown route); details stay server-side. */
  internal: (): ApiError => new ApiError(500, "An error occurred while processing XDR public API", null),
} as const;
