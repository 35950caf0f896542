/**
 * What a command may touch of the outside world, injectable so tests and the demo can run commands
 * in-process with captured output.
 *
 * @module
 */

/** A writable text sink. */
export interface TextSink {
  /** Writes text (no newline added). */
  write(text: string): unknown;
  /** True when the sink is a terminal. */
  readonly isTTY?: boolean;
}

/** Standard streams and environment of a command run. */
export interface CliIo {
  /** Data output. */
  readonly stdout: TextSink;
  /** Messages, warnings, progress. */
  readonly stderr: TextSink;
  /** Environment variables. */
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** The process's own streams and environment. */
export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env };
}
