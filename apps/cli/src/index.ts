/**
 * cxctl as a library: run a command line in-process.
 *
 * @packageDocumentation
 */
export { run } from "./main.js";
export { ExitCode, exitCodeFor, type ExitCodeValue } from "./exit-codes.js";
export type { CliIo, TextSink } from "./io.js";
