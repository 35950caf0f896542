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
  /** The tenant could not be reached, or a timeout elapsed. */
  unreachable: 8,
  /** The service failed (5xx). */
  server: 9,
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
  const byKind: Record<CortexError["kind"], ExitCodeValue> = {
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
    timeout: ExitCode.unreachable,
    server: ExitCode.server,
    api: ExitCode.server,
    abort: ExitCode.interrupted,
    pagination: ExitCode.failure,
  };
  return byKind[error.kind];
}
