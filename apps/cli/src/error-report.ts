/**
 * What a failed command prints and which exit code it ends with.
 *
 * @module
 */
import { isCortexError, type CortexError } from "@cortex-sdk/core";
import { ExitCode, type ExitCodeValue } from "./exit-codes.js";

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
