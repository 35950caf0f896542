/**
 * Exit codes scripts can rely on. Documented in the CLI's README and `cxctl --help`.
 *
 * @module
 */
import { isCortexError, type CortexError } from "@cortex-sdk/core";

/** Exit codes of cxctl. */
export const ExitCode = {
  /** Success. */
  ok: 0,
  /** An unexpected failure. */
  failure: 1,
  /** Wrong command-line usage. */
  usage: 2,
  /** Missing or invalid configuration (URL, key, key id, security level). */
  configuration: 3,
  /** The key was rejected (401), or the console URL was used instead of the API URL. */
  authentication: 4,
  /** The key's roles or the tenant's licence do not allow the call (402, 403). */
  permission: 5,
  /** The service rejected the request (400) or the object does not exist (404). */
  badRequest: 6,
  /** Rate limited, or the XQL concurrency limit persisted past the retries. */
  rateLimited: 7,
  /**
   * No connection could be made (nothing was sent), a timeout elapsed, or the connection was lost during
   * a read or an idempotent call (safe to run again).
   */
  unreachable: 8,
  /** The service failed (5xx). */
  server: 9,
  /** `cxctl doctor`: at least one check failed. */
  checkFailed: 10,
  /** A wait (`--wait`, an XQL query) did not finish within its time limit. */
  waitTimedOut: 11,
  /** A response action finished, but failed on at least one endpoint (or an XQL query failed). */
  actionFailed: 12,
  /** The connection was lost after a write was sent: it may have run. Check its effect before running it again. */
  outcomeUnknown: 13,
  /** Interrupted (Ctrl-C or abort). */
  interrupted: 130,
} as const;

/** One of the {@link ExitCode} values. */
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/**
 * Maps an error to its exit code.
 *
 * @param error - Anything thrown by a command.
 * @returns The exit code.
 */
export function exitCodeFor(error: unknown): ExitCodeValue {
  if (!isCortexError(error)) return ExitCode.failure;
  if (error.kind === "timeout" && (error as { phase?: string }).phase === "wait") return ExitCode.waitTimedOut;
  if (error.kind === "connection_lost") return (error as { safeToRepeat?: boolean }).safeToRepeat === true ? ExitCode.unreachable : ExitCode.outcomeUnknown;
  // Partial on purpose: a kind added to core later falls back to "failure" instead of breaking the build.
  const byKind: Partial<Record<CortexError["kind"] | string, ExitCodeValue>> = {
    configuration: ExitCode.configuration,
    authentication: ExitCode.authentication,
    console_url: ExitCode.authentication,
    license: ExitCode.permission,
    permission: ExitCode.permission,
    bad_request: ExitCode.badRequest,
    not_found: ExitCode.badRequest,
    rate_limit: ExitCode.rateLimited,
    xql_concurrency: ExitCode.rateLimited,
    connection: ExitCode.unreachable,
    connection_lost: ExitCode.outcomeUnknown,
    timeout: ExitCode.unreachable,
    server: ExitCode.server,
    api: ExitCode.server,
    abort: ExitCode.interrupted,
    pagination: ExitCode.failure,
    conflict: ExitCode.badRequest,
    invalid_request: ExitCode.badRequest,
    action_failed: ExitCode.actionFailed,
    xql_query: ExitCode.actionFailed,
    xql_quota: ExitCode.rateLimited,
    reply_validation: ExitCode.server,
  };
  return byKind[error.kind] ?? ExitCode.failure;
}

/**
 * The message for an error, with the SDK's hint for authentication failures.
 *
 * @param error - Anything thrown by a command.
 * @returns One or more lines, without a trailing newline.
 */
export function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (!isCortexError(error)) return message;
  const cause = (error as { likelyCause?: string }).likelyCause;
  if (error.kind === "authentication" && cause !== undefined && cause !== "unknown") {
    return `${message}\n  likely cause: ${cause.replace(/_/g, " ")}. Run \`cxctl doctor\` to check the URL, the clock and the key.`;
  }
  if (error.kind === "console_url") return `${message}\n  Use the API URL (https://api-<tenant>...), not the console URL. Run \`cxctl doctor\`.`;
  return message;
}
