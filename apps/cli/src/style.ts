/**
 * Colours and progress on a terminal only: colours never with `NO_COLOR` (any value) or `FORCE_COLOR=0`,
 * progress (a spinner with a counter) only when stderr is a terminal, and always erased before output.
 *
 * @module
 */
import type { CliIo, TextSink } from "./io.js";

/** ANSI styling for one stream, or plain text when colours are off. */
export interface Style {
  /** Whether colours are on. */
  readonly enabled: boolean;
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
}

/**
 * Whether to colour a stream: `NO_COLOR` (any non-empty value) and `FORCE_COLOR=0` turn colours off,
 * `FORCE_COLOR` (another value) forces them on, else only on a terminal with `TERM` not `dumb`.
 *
 * @param sink - The stream.
 * @param env - The environment.
 * @returns Whether to colour.
 */
export function colorEnabled(sink: TextSink, env: CliIo["env"]): boolean {
  if (env["NO_COLOR"] !== undefined && env["NO_COLOR"] !== "") return false;
  const force = env["FORCE_COLOR"];
  if (force !== undefined) return force !== "0" && force !== "false";
  return sink.isTTY === true && env["TERM"] !== "dumb";
}

/**
 * Styling for a stream.
 *
 * @param sink - The stream.
 * @param env - The environment.
 * @returns The style.
 */
export function styleFor(sink: TextSink, env: CliIo["env"]): Style {
  const enabled = colorEnabled(sink, env);
  const wrap = (open: number, close: number) => (text: string) => (enabled ? `\u001b[${open}m${text}\u001b[${close}m` : text);
  return { enabled, bold: wrap(1, 22), dim: wrap(2, 22), red: wrap(31, 39), green: wrap(32, 39), yellow: wrap(33, 39), cyan: wrap(36, 39) };
}

/** A progress indicator on stderr. */
export interface Progress {
  /** Shows or updates the message. */
  update(message: string): void;
  /** Erases the indicator. */
  stop(): void;
}

const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

/**
 * A spinner with a message on stderr when stderr is a terminal; a no-op otherwise (or with `--quiet`).
 *
 * @param io - The run's streams.
 * @param quiet - Suppress it.
 * @returns The progress indicator.
 */
export function progress(io: CliIo, quiet = false): Progress {
  if (quiet || io.stderr.isTTY !== true) return { update: () => undefined, stop: () => undefined };
  let frame = 0;
  let message = "";
  let shown = false;
  const draw = (): void => {
    const spinner = FRAMES[frame++ % FRAMES.length] ?? "";
    io.stderr.write(`\r\u001b[2K${spinner} ${message}`);
    shown = true;
  };
  const timer = setInterval(draw, 100);
  timer.unref();
  return {
    update(next: string) {
      message = next;
      draw();
    },
    stop() {
      clearInterval(timer);
      if (shown) io.stderr.write("\r\u001b[2K");
      shown = false;
    },
  };
}
