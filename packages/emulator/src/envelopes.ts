/**
 * Error envelopes in the vendor's `{"reply": {err_code, err_msg, err_extra}}`
 * shape. Operations throw {@link ApiError}; the server turns it into a response,
 * so every error the emulator emits goes through the same few constructors.
 */

/** The body of every error reply: `{"reply": {err_code, err_msg, err_extra}}`. */
export interface ErrorEnvelope {
  /** The wrapped error. */
  readonly reply: {
    /** Mirrors the HTTP status. */
    readonly err_code: number;
    /** A fixed, vendor-style message per error kind. */
    readonly err_msg: string;
    /** Details (what was wrong), or `null` when the vendor sends none. */
    readonly err_extra: string | null;
  };
}

/** An error an operation raises to answer with a given status and envelope. */
export class ApiError extends Error {
  /** HTTP status to answer with. */
  readonly status: number;
  /** The `err_msg` of the envelope. */
  readonly errMsg: string;
  /** The `err_extra` of the envelope. */
  readonly errExtra: string | null;
  /** Extra response headers (e.g. `Allow` on a 405). */
  readonly headers: Readonly<Record<string, string>>;

  /**
   * @param status - HTTP status and `err_code`.
   * @param errMsg - The envelope's `err_msg`.
   * @param errExtra - The envelope's `err_extra`.
   * @param headers - Extra response headers.
   */
  constructor(
    status: number,
    errMsg: string,
    errExtra: string | null,
    headers: Readonly<Record<string, string>> = {},
  ) {
    super(errExtra === null ? errMsg : `${errMsg}: ${errExtra}`);
    this.name = "ApiError";
    this.status = status;
    this.errMsg = errMsg;
    this.errExtra = errExtra;
    this.headers = headers;
  }

  /** The JSON body for this error. */
  toEnvelope(): ErrorEnvelope {
    return errorEnvelope(this.status, this.errMsg, this.errExtra);
  }
}

/** Builds an error envelope. */
export function errorEnvelope(status: number, errMsg: string, errExtra: string | null): ErrorEnvelope {
  return { reply: { err_code: status, err_msg: errMsg, err_extra: errExtra } };
}

/** Largest request body the emulator reads, in bytes (10 MiB). */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

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
  unauthorized: (): ApiError => new ApiError(401, "Public API request unauthorized", null),
  /** 403: the key's roles lack the operation's permission. */
  forbidden: (): ApiError =>
    new ApiError(403, "Forbidden. Access was denied to this resource.", "Insufficient permissions for api key"),
  /** 404: no operation is registered at this path. */
  notFound: (path: string): ApiError => new ApiError(404, "Not found", `No such API: ${path}`),
  /** 405: the path exists but not for this HTTP method. */
  methodNotAllowed: (method: string, path: string, allowed: readonly string[]): ApiError =>
    new ApiError(405, "Method not allowed", `${method} is not supported for ${path}`, {
      Allow: allowed.join(", "),
    }),
  /** 413: the body exceeds {@link MAX_BODY_BYTES}. */
  payloadTooLarge: (): ApiError =>
    // Close the connection: the rest of an oversized body is not worth reading.
    new ApiError(413, "Request entity too large", `Request body exceeds ${MAX_BODY_BYTES} bytes`, {
      Connection: "close",
    }),
  /** 500: an unexpected failure inside the emulator; details stay server-side. */
  internal: (): ApiError => new ApiError(500, "An error occurred while processing XDR public API", null),
} as const;
