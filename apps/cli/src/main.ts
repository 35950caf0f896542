/**
 * The cxctl program: builds the command tree and runs one command line, returning its exit code.
 * Product subtrees (every operation of a client) are built only when the command line names the product,
 * and heavy modules (clients, core, the emulator) are imported by the commands that use them, so
 * `cxctl --help` stays fast.
 *
 * @module
 */
import { createRequire } from "node:module";
import { Command, CommanderError } from "commander";
import { completionCommand } from "./commands/completion.js";
import { demoCommand } from "./commands/demo.js";
import { doctorCommand } from "./commands/doctor.js";
import { emulatorCommand } from "./commands/emulator.js";
import { examplesCommand } from "./commands/examples.js";
import { keysCommand } from "./commands/keys.js";
import { profileCommand } from "./commands/profile.js";
import { xqlCommand } from "./commands/xql.js";
import { GLOBAL_VALUE_FLAGS, PRODUCT_TITLES, PRODUCTS, withGlobalFlags, type ProductName } from "./connection.js";
import { ExitCodeError } from "./errors.js";
import type { CompletionNode } from "./complete.js";
import { ExitCode, exitCodeHelp } from "./exit-codes.js";
import type { CliIo } from "./io.js";
import { UsageError } from "./output.js";
import { styleFor } from "./style.js";

/** The version of the installed `@cortex-sdk/cli` package (what `cxctl --version` prints). */
export const CLI_VERSION: string = (createRequire(import.meta.url)("../package.json") as { version: string }).version;

/** The exit codes, as `cxctl --help` prints them (from the table in exit-codes.ts). */
export const EXIT_CODE_HELP = exitCodeHelp();

/**
 * The first word of the command line that is not a global flag or its value.
 *
 * @param argv - Arguments.
 * @returns The word, if any.
 */
export function commandWord(argv: readonly string[]): string | undefined {
  for (let index = 0; index < argv.length; index++) {
    const token = argv[index] ?? "";
    if (token === "--") return argv[index + 1];
    if (token.startsWith("-")) {
      if (GLOBAL_VALUE_FLAGS.has(token)) index++;
      continue;
    }
    return token;
  }
  return undefined;
}

/**
 * Builds the command tree for a command line.
 *
 * @param argv - The command line (decides which product subtree is built).
 * @param io - Streams and environment.
 * @param runner - Runs a nested command line (the demo uses it).
 * @returns The root command.
 */
export async function buildProgram(argv: readonly string[], io: CliIo, runner: typeof run = run): Promise<Command> {
  const program = withGlobalFlags(
    new Command("cxctl")
      .description("The command line for the Cortex APIs (XDR, XSIAM, XSOAR, Xpanse, Cortex Cloud).")
      .version(CLI_VERSION, "-V, --version", "print the cxctl version")
      .configureHelp({ sortSubcommands: false, showGlobalOptions: true }),
  ).addHelpText(
    "after",
    `${EXIT_CODE_HELP}\n\nConfiguration: flags, then CORTEX_API_BASE_URL, CORTEX_API_KEY_ID, CORTEX_API_KEY, CORTEX_API_KEY_TYPE,\nthen the profile (--profile, CORTEX_PROFILE, else the default one; see cxctl profile add).\n\nExamples:\n  cxctl profile add prod\n  cxctl doctor\n  cxctl xdr incidents list --status new --output table\n  cxctl xql "dataset = xdr_data | limit 10" --timeframe 24h --output ndjson`,
  );
  const word = commandWord(argv);
  for (const product of PRODUCTS) {
    if (word === product) {
      const { productCommand } = await import("./commands/product.js");
      program.addCommand(await productCommand(product, io));
    } else {
      program.addCommand(
        new Command(product)
          .description(`${PRODUCT_TITLES[product as ProductName]}: every operation, as <group> <call>`)
          .helpOption(false)
          .allowUnknownOption()
          .allowExcessArguments(),
      );
    }
  }
  for (const command of [
    profileCommand(io),
    keysCommand(io),
    xqlCommand(io),
    doctorCommand(io),
    examplesCommand(io),
    completionCommand(io),
    emulatorCommand(io),
    demoCommand(io, runner),
  ]) {
    program.addCommand(command);
  }
  propagate(program, io);
  return program;
}

/**
 * The completion tree of the whole program, every product's operations included (what the build stores
 * in `dist/cli-manifest/completion.json` for `cxctl __complete`).
 *
 * @param io - Streams the commands are built with (nothing is written).
 * @returns The tree.
 */
export async function programTree(io: CliIo): Promise<CompletionNode> {
  const { completionTreeOf } = await import("./complete.js");
  const root = completionTreeOf(await buildProgram([], io));
  const products = new Map<string, CompletionNode>();
  for (const product of PRODUCTS) {
    const tree = completionTreeOf(await buildProgram([product], io));
    const node = tree.commands?.find((command) => command.name === product);
    if (node !== undefined) products.set(product, node);
  }
  return { ...root, commands: (root.commands ?? []).map((command) => products.get(command.name) ?? command) };
}

/**
 * Runs one cxctl command line.
 *
 * @param argv - Arguments after the program name.
 * @param io - Streams and environment.
 * @returns The exit code.
 */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    if (argv[0] === "__complete") {
      const { complete } = await import("./complete.js");
      return await complete(argv.slice(1), io);
    }
    const program = await buildProgram(argv, io);
    await program.parseAsync([...argv], { from: "user" });
    return 0;
  } catch (error) {
    const style = styleFor(io.stderr, io.env);
    if (error instanceof CommanderError) return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    if (error instanceof UsageError) {
      io.stderr.write(`${style.red("cxctl:")} ${error.message}\n`);
      return 2;
    }
    if (error instanceof ExitCodeError) {
      io.stderr.write(`${error.message}\n`);
      return error.exitCode;
    }
    const { describeError, exitCodeFor } = await import("./error-report.js");
    io.stderr.write(`${style.red("cxctl:")} ${describeError(error)}\n`);
    return exitCodeFor(error);
  }
}

function propagate(command: Command, io: CliIo): void {
  command.exitOverride().configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) });
  for (const sub of command.commands) propagate(sub, io);
}
