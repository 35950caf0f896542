/**
 * Questions on a terminal (the secret without echo), or answers read line by line from piped stdin.
 *
 * @module
 */
import type { CliIo } from "./io.js";
import { UsageError } from "./output.js";

interface RawTty {
  readonly isTTY?: boolean;
  setRawMode?(mode: boolean): unknown;
  on(event: "data", listener: (chunk: Buffer | string) => void): unknown;
  off(event: "data", listener: (chunk: Buffer | string) => void): unknown;
  resume?(): unknown;
  pause?(): unknown;
}

/** Asks questions. */
export interface Prompter {
  /**
   * Asks one question.
   *
   * @param question - The question (a prompt on a terminal).
   * @param options - `secret` hides the answer; `fallback` is used for an empty answer.
   * @returns The answer, trimmed.
   */
  ask(question: string, options?: { readonly secret?: boolean; readonly fallback?: string }): Promise<string>;
}

/**
 * A prompter over the run's stdin: interactive on a terminal, line by line otherwise.
 *
 * @param io - The run's streams.
 * @returns The prompter.
 */
export function prompter(io: CliIo): Prompter {
  const stdin = io.stdin as unknown as RawTty | undefined;
  if (stdin?.isTTY === true && typeof stdin.setRawMode === "function") return ttyPrompter(io, stdin);
  let lines: string[] | undefined;
  return {
    async ask(question, options = {}) {
      if (lines === undefined) {
        let text = "";
        if (io.stdin !== undefined) for await (const chunk of io.stdin) text += typeof chunk === "string" ? chunk : chunk.toString("utf8");
        lines = text.split(/\r?\n/);
      }
      const line = lines.shift();
      if (line === undefined || (line.trim() === "" && options.fallback === undefined)) {
        throw new UsageError(`missing answer for "${question}": pass it as a flag, or run on a terminal to be asked.`);
      }
      return line.trim() === "" ? (options.fallback ?? "") : line.trim();
    },
  };
}

function ttyPrompter(io: CliIo, stdin: RawTty): Prompter {
  return {
    ask(question, options = {}) {
      const hint = options.fallback === undefined ? "" : ` [${options.fallback}]`;
      io.stderr.write(`${question}${hint}: `);
      return new Promise((resolve, reject) => {
        let answer = "";
        const done = (error?: Error): void => {
          stdin.off("data", onData);
          stdin.setRawMode?.(false);
          stdin.pause?.();
          io.stderr.write("\n");
          if (error !== undefined) reject(error);
          else resolve(answer.trim() === "" ? (options.fallback ?? "") : answer.trim());
        };
        const onData = (chunk: Buffer | string): void => {
          for (const char of typeof chunk === "string" ? chunk : chunk.toString("utf8")) {
            if (char === "\r" || char === "\n") return done();
            if (char === "\u0003") return done(new UsageError("cancelled"));
            if (char === "\u0004") return done();
            if (char === "\u007f" || char === "\b") {
              if (answer.length > 0) {
                answer = answer.slice(0, -1);
                if (options.secret !== true) io.stderr.write("\b \b");
              }
              continue;
            }
            answer += char;
            io.stderr.write(options.secret === true ? "" : char);
          }
        };
        stdin.setRawMode?.(true);
        stdin.resume?.();
        stdin.on("data", onData);
      });
    },
  };
}
