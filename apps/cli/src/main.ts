/**
 * The cxctl program: builds the command tree and runs one command line, returning its exit code.
 * Only the command the line names is built for real: the other top-level commands are stubs made from
 * `dist/cli-manifest/commands.json` (name, usage and description, for `cxctl --help`), a product's
 * commands come from its catalog and only the named group's calls are built, and heavy modules (clients,
 * core, zod, the emulator) are imported by the commands that use them. So `cxctl xdr incidents get 7`
 * loads commander, this file and the XDR catalog before the client (the binary prints `cxctl --help` and
 * an operation's `--help` from the stored help: help-text.ts).
 *
 * @module
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Command, CommanderError, Help } from "commander";
import { CLI_MANIFEST_DIR } from "./catalog.js";
import type { CompletionNode } from "./complete.js";
import { GLOBAL_VALUE_FLAGS, PRODUCTS, withGlobalFlags, type Product } from "./connection.js";
import { ExitCodeError } from "./errors.js";
import { ExitCode, exitCodeHelp } from "./exit-codes.js";
import type { CliIo } from "./io.js";
import { UsageError } from "./output.js";
import { styleFor } from "./style.js";

/** The version of the installed `@cortex-sdk/cli` package (what `cxctl --version` prints). */
export const CLI_VERSION: string = (createRequire(import.meta.url)("../package.json") as { version: string }).version;

/** The exit codes, as `cxctl --help` prints them (from the table in exit-codes.ts). */
export const EXIT_CODE_HELP = exitCodeHelp();

/**
 * The first words of the command line that are not global flags or their values (the command, then its
 * subcommand), with `help <command>` read as `<command>`.
 *
 * @param argv - Arguments.
 * @returns The words.
 */
export function commandWords(argv: readonly string[]): string[] {
  const words: string[] = [];
  for (let index = 0; index < argv.length && words.length < 3; index++) {
    const token = argv[index] ?? "";
    if (token === "--") {
      words.push(...argv.slice(index + 1, index + 3));
      break;
    }
    if (token.startsWith("-")) {
      if (GLOBAL_VALUE_FLAGS.has(token)) index++;
      continue;
    }
    words.push(token);
  }
  return words[0] === "help" ? words.slice(1) : words.slice(0, 2);
}

/** The top-level commands besides the products, in help order, each imported only when it is used. */
const COMMANDS: Readonly<Record<string, (io: CliIo, runner: typeof run) => Promise<Command>>> = {
  profile: async (io) => (await import("./commands/profile.js")).profileCommand(io),
  keys: async (io) => (await import("./commands/keys.js")).keysCommand(io),
  xql: async (io) => (await import("./commands/xql.js")).xqlCommand(io),
  doctor: async (io) => (await import("./commands/doctor.js")).doctorCommand(io),
  examples: async (io) => (await import("./commands/examples.js")).examplesCommand(io),
  completion: async (io) => (await import("./commands/completion.js")).completionCommand(io),
  emulator: async (io) => (await import("./commands/emulator.js")).emulatorCommand(io),
  demo: async (io, runner) => (await import("./commands/demo.js")).demoCommand(io, runner),
};

/** What `cxctl --help` shows of a top-level command (stored in `dist/cli-manifest/commands.json`). */
export interface CommandSummary {
  /** Command name. */
  readonly name: string;
  /** Its usage term in the list, e.g. `xql [options] <query>`. */
  readonly term: string;
  /** Its description. */
  readonly description: string;
}

function storedSummaries(): readonly CommandSummary[] | undefined {
  try {
    return JSON.parse(readFileSync(new URL("commands.json", CLI_MANIFEST_DIR), "utf8")) as CommandSummary[];
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/**
 * Builds the command tree for a command line: the command it names for real, the others as stubs.
 *
 * @param argv - The command line (decides which commands are built).
 * @param io - Streams and environment.
 * @param runner - Runs a nested command line (the demo uses it).
 * @returns The root command.
 */
export async function buildProgram(argv: readonly string[], io: CliIo, runner: typeof run = run): Promise<Command> {
  return assemble(commandWords(argv), io, runner, false);
}

async function assemble(words: readonly string[], io: CliIo, runner: typeof run, everything: boolean): Promise<Command> {
  const terms = new Map<Command, string>();
  const program = withGlobalFlags(
    new Command("cxctl")
      .description("The command line for the Cortex APIs (XDR, XSIAM, XSOAR, Xpanse, Cortex Cloud).")
      .version(CLI_VERSION, "-V, --version", "print the cxctl version")
      .configureHelp({ sortSubcommands: false, showGlobalOptions: true, subcommandTerm: (command) => terms.get(command) ?? new Help().subcommandTerm(command) }),
  ).addHelpText(
    "after",
    `${EXIT_CODE_HELP}\n\nConfiguration: flags, then CORTEX_API_BASE_URL, CORTEX_API_KEY_ID, CORTEX_API_KEY, CORTEX_API_KEY_TYPE,\nthen the profile (--profile, CORTEX_PROFILE, else the default one; see cxctl profile add).\n\nExamples:\n  cxctl profile add prod\n  cxctl doctor\n  cxctl xdr incidents list --status new --output table\n  cxctl xql "dataset = xdr_data | limit 10" --timeframe 24h --output ndjson`,
  );
  const [word, subword] = words;
  const summaries = everything ? undefined : storedSummaries();
  for (const name of [...PRODUCTS, ...Object.keys(COMMANDS)]) {
    const summary = summaries?.find((candidate) => candidate.name === name);
    if (summary !== undefined && word !== name) {
      const stub = new Command(name).description(summary.description).helpOption(false).allowUnknownOption().allowExcessArguments();
      terms.set(stub, summary.term);
      program.addCommand(stub);
    } else if ((PRODUCTS as readonly string[]).includes(name)) {
      const { productCommand } = await import("./commands/product.js");
      program.addCommand(await productCommand(name as Product, io, everything ? "all" : word === name && subword !== undefined ? [subword] : []));
    } else {
      program.addCommand(await (COMMANDS[name] as (typeof COMMANDS)[string])(io, runner));
    }
  }
  propagate(program, io);
  return program;
}

/**
 * What `cxctl --help` shows of each top-level command, from the program with every command built (the
 * build stores it in `dist/cli-manifest/commands.json`).
 *
 * @param io - Streams the commands are built with (nothing is written).
 * @returns One summary per command, in help order.
 */
export async function commandSummaries(io: CliIo): Promise<CommandSummary[]> {
  const program = await assemble([], io, run, true);
  const help = program.createHelp();
  return program.commands.map((command) => ({ name: command.name(), term: help.subcommandTerm(command), description: help.subcommandDescription(command) }));
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
  return completionTreeOf(await assemble([], io, run, true));
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
    return ExitCode.ok;
  } catch (error) {
    const style = styleFor(io.stderr, io.env);
    if (error instanceof CommanderError) return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    if (error instanceof UsageError) {
      io.stderr.write(`${style.red("cxctl:")} ${error.message}\n`);
      return ExitCode.usage;
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
