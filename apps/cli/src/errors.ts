/**
 * Errors the CLI raises itself, with their exit codes.
 *
 * @module
 */

/** Ends the command with a given exit code and message (already formatted for stderr). */
export class ExitCodeError extends Error {
  override readonly name = "ExitCodeError";
  /**
   * @param exitCode - The exit code (see exit-codes.ts).
   * @param message - The message.
   */
  constructor(
    readonly exitCode: number,
    message: string,
  ) {
    super(message);
  }
}
