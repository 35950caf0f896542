/**
 * Logging. The SDK logs through an injectable {@link Logger}; nothing it logs carries a secret.
 *
 * @module
 */
import { redactBody, redactText } from "./redact.js";

/** Log levels, most verbose first; `off` logs nothing. */
export type LogLevel = "debug" | "info" | "warn" | "error" | "off";

const LEVEL_RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, off: 100 };

/** Structured fields attached to a log line. */
export type LogFields = Readonly<Record<string, unknown>>;

/** A logger the SDK writes to. Any object with these four methods works (pino, winston, console wrappers). */
export interface Logger {
  /** Request-level detail: each attempt, its status and timing. */
  debug(message: string, fields?: LogFields): void;
  /** Notable events: retries, clock correction. */
  info(message: string, fields?: LogFields): void;
  /** Something the user should fix: insecure TLS, deprecated operations. */
  warn(message: string, fields?: LogFields): void;
  /** Failures. */
  error(message: string, fields?: LogFields): void;
}

/**
 * Reads a log level from a string such as the `CORTEX_SDK_LOG` variable.
 *
 * @param value - `debug`, `info`, `warn`, `error` or `off` (any case).
 * @returns The level, or undefined when the value is not a level.
 */
export function parseLogLevel(value: string | undefined): LogLevel | undefined {
  const lower = value?.trim().toLowerCase();
  return lower !== undefined && lower in LEVEL_RANK ? (lower as LogLevel) : undefined;
}

/**
 * Wraps a logger so that lines below `level` are dropped and every line is redacted: secret-bearing
 * fields (`key`, `apiKey`, `authorization`, ...), passwords in URLs, and every occurrence of the known
 * secrets in the message and the fields.
 *
 * @param sink - Where lines go.
 * @param level - Lowest level written.
 * @param secrets - Secret strings (the API key) to remove wherever they appear.
 * @returns A logger that is safe to hand request details to.
 */
export function createLogger(sink: Logger, level: LogLevel, secrets: readonly string[] = []): Logger {
  const threshold = LEVEL_RANK[level];
  // Levels below the threshold get one shared no-op, and an "off" logger is one shared object: every client
  // derived per MSSP child tenant makes a logger, and most never write a line.
  if (threshold > LEVEL_RANK.error) return SILENT;
  const write = (name: Exclude<LogLevel, "off">, message: string, fields: LogFields | undefined): void => {
    const safeMessage = redactText(message, secrets);
    if (fields === undefined) sink[name](safeMessage);
    else sink[name](safeMessage, redactBody(fields, secrets) as LogFields);
  };
  return {
    debug: LEVEL_RANK.debug < threshold ? NOTHING : (message, fields) => write("debug", message, fields),
    info: LEVEL_RANK.info < threshold ? NOTHING : (message, fields) => write("info", message, fields),
    warn: LEVEL_RANK.warn < threshold ? NOTHING : (message, fields) => write("warn", message, fields),
    error: (message, fields) => write("error", message, fields),
  };
}

const NOTHING = (): void => undefined;
const SILENT: Logger = Object.freeze({ debug: NOTHING, info: NOTHING, warn: NOTHING, error: NOTHING });

/**
 * Whether a logger would write lines of a level (to skip building expensive fields).
 *
 * @param configured - The configured level.
 * @param level - The level of the line.
 * @returns True when the line would be written.
 */
export function logsAt(configured: LogLevel, level: Exclude<LogLevel, "off">): boolean {
  return LEVEL_RANK[level] >= LEVEL_RANK[configured];
}

/** A logger that writes one line per event to stderr: `cortex-sdk <level> <message> <json fields>`. */
export const stderrLogger: Logger = {
  debug: (message, fields) => writeLine("debug", message, fields),
  info: (message, fields) => writeLine("info", message, fields),
  warn: (message, fields) => writeLine("warn", message, fields),
  error: (message, fields) => writeLine("error", message, fields),
};

function writeLine(level: string, message: string, fields: LogFields | undefined): void {
  process.stderr.write(`cortex-sdk ${level} ${message}${fields === undefined ? "" : ` ${JSON.stringify(fields)}`}\n`);
}
