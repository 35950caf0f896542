/**
 * The cxctl program: builds the command tree and runs one command line, returning its exit code.
 *
 * @module
 */
import { isCortexError } from "@cortex-sdk/core";
import { Command, CommanderError } from "commander";
import { demoCommand } from "./commands/demo.js";
import { emulatorCommand } from "./commands/emulator.js";
import { keysCommand } from "./commands/keys.js";
import { xdrCommand } from "./commands/xdr.js";
import { ExitCode, exitCodeFor } from "./exit-codes.js";
import type { CliIo } from "./io.js";
import { UsageError } from "./output.js";

const EXIT_CODE_HELP = `
Exit codes:
  0 ok, 1 unexpected failure, 2 usage, 3 configuration, 4 authentication or console URL,
  5 permission or licence, 6 bad request or not found, 7 rate limited, 8 unreachable or timeout,
  9 server error, 130 interrupted`;

/**
 * Runs one cxctl command line.
 *
 * @param argv - Arguments after the program name.
 * @param io - Streams and environment.
 * @returns The exit code.
 */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const program = new Command("cxctl")
    .description("The command line for the Cortex APIs (XDR, XSIAM, XSOAR, Xpanse, Cortex Cloud).")
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) })
    .addHelpText("after", `${EXIT_CODE_HELP}\n\nExample:\n  cxctl xdr incidents list --status new --output table`);
  for (const command of [xdrCommand(io), keysCommand(io), emulatorCommand(io), demoCommand(io, run)]) program.addCommand(command);
  propagateExitOverride(program, io);
  try {
    await program.parseAsync([...argv], { from: "user" });
    return ExitCode.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    }
    if (error instanceof UsageError) {
      io.stderr.write(`cxctl: ${error.message}\n`);
      return ExitCode.usage;
    }
    io.stderr.write(`cxctl: ${isCortexError(error) ? error.message : error instanceof Error ? error.message : String(error)}\n`);
    return exitCodeFor(error);
  }
}

function propagateExitOverride(command: Command, io: CliIo): void {
  for (const sub of command.commands) {
    sub.exitOverride().configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) });
    propagateExitOverride(sub, io);
  }
}
