/**
 * Exit codes scripts can rely on: the one table, printed by `cxctl --help` and listed in the CLI's README
 * (a test keeps the README in step). No imports, so `cxctl --help` loads nothing heavy.
 *
 * @module
 */

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

/** What each exit code means in a few words: the one source of `cxctl --help`'s list. */
export const EXIT_CODE_SUMMARIES: Readonly<Record<keyof typeof ExitCode, string>> = {
  ok: "ok",
  failure: "unexpected failure",
  usage: "usage",
  configuration: "configuration",
  authentication: "authentication / console URL",
  permission: "permission or licence",
  badRequest: "bad request or not found",
  rateLimited: "rate limited",
  unreachable: "could not connect, timeout, or lost on a read",
  server: "server error",
  checkFailed: "doctor: a check failed",
  waitTimedOut: "wait timed out",
  actionFailed: "action or query failed",
  outcomeUnknown: "connection lost after a write was sent: it may have run",
  interrupted: "interrupted",
};

/**
 * The exit codes as `cxctl --help` prints them: three to a line, a long one on a line of its own.
 *
 * @returns The text, starting with a blank line.
 */
export function exitCodeHelp(): string {
  const width = 32;
  const lines: string[] = [];
  let line: string[] = [];
  for (const name of Object.keys(ExitCode) as (keyof typeof ExitCode)[]) {
    const cell = `${ExitCode[name]} ${EXIT_CODE_SUMMARIES[name]}`;
    if (cell.length >= width && line.length > 0) {
      lines.push(line.join(""));
      line = [];
    }
    line.push(cell.padEnd(width));
    if (line.length === 3 || cell.length >= width) {
      lines.push(line.join(""));
      line = [];
    }
  }
  if (line.length > 0) lines.push(line.join(""));
  return `\nExit codes:\n${lines.map((text) => `  ${text.trimEnd()}`).join("\n")}`;
}
