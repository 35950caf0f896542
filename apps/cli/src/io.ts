/**
 * What a command may touch of the outside world, injectable so tests and the demo can run commands
 * in-process with captured output.
 *
 * @module
 */
// The declarations name Node's own types (streams, http, Buffer): a TypeScript user needs @types/node.
/// <reference types="node" preserve="true" />

/** A writable text sink. */
export interface TextSink {
  /** Writes text (no newline added). */
  write(text: string): unknown;
  /** True when the sink is a terminal. */
  readonly isTTY?: boolean;
  /** Terminal width, when it is a terminal. */
  readonly columns?: number;
}

/** A readable text source (standard input). */
export interface TextSource extends AsyncIterable<string | Buffer> {
  /** True when the source is a terminal. */
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
  /** Standard input (for `--data -`, `--key -` and the prompts of `profile add`); none means empty. */
  readonly stdin?: TextSource;
}

/** The process's own streams and environment. */
export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, stdin: process.stdin };
}

/**
 * Reads standard input to the end.
 *
 * @param io - The run's streams.
 * @returns The text.
 */
export async function readAllStdin(io: CliIo): Promise<string> {
  if (io.stdin === undefined) return "";
  let text = "";
  for await (const chunk of io.stdin) text += typeof chunk === "string" ? chunk : chunk.toString("utf8");
  return text;
}
