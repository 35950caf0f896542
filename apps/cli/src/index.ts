/**
 * cxctl as a library: run a command line in-process.
 *
 * @packageDocumentation
 */
export { buildProgram, CLI_VERSION, run } from "./main.js";
export { ExitCode, type ExitCodeValue } from "./exit-codes.js";
export { exitCodeFor } from "./error-report.js";
export type { CliIo, TextSink, TextSource } from "./io.js";
