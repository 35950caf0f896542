/**
 * `cxctl __complete -- <words>`, what the shell completion scripts call on each Tab. It answers from the
 * command tree the build stores in `dist/cli-manifest/completion.json` (every command, alias and flag,
 * product operations included), without loading commander, a client or a schema. Without that file
 * (running from source before a build) the tree is built from the program itself, as the build does.
 *
 * @module
 */
import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { CLI_MANIFEST_DIR } from "./catalog.js";
import type { CliIo } from "./io.js";

/** One flag of a command, for completion. */
export interface CompletionOption {
  /** Long name, e.g. `--output`. */
  readonly long?: string;
  /** Short name, e.g. `-o`. */
  readonly short?: string;
  /** It takes a value (the next word, unless written `--flag=value`). */
  readonly value?: true;
  /** The values it allows, when they are a fixed list. */
  readonly choices?: readonly string[];
}

/** One command of the completion tree. */
export interface CompletionNode {
  /** Command name. */
  readonly name: string;
  /** Other names. */
  readonly aliases?: readonly string[];
  /** Its own flags (a subcommand also takes its parents'). */
  readonly options?: readonly CompletionOption[];
  /** Allowed values of its arguments, when they are a fixed list. */
  readonly choices?: readonly string[];
  /** Subcommands. */
  readonly commands?: readonly CompletionNode[];
}

/**
 * The completion tree of a commander command (the build stores the program's).
 *
 * @param command - The command.
 * @returns Its tree.
 */
export function completionTreeOf(command: Command): CompletionNode {
  const options = command.options.map((option): CompletionOption => ({
    ...(option.long === undefined ? {} : { long: option.long }),
    ...(option.short === undefined ? {} : { short: option.short }),
    ...(option.required || option.optional ? { value: true as const } : {}),
    ...(option.argChoices === undefined ? {} : { choices: [...option.argChoices] }),
  }));
  const choices = command.registeredArguments.flatMap((argument) => argument.argChoices ?? []);
  const commands = command.commands.filter((sub) => !sub.name().startsWith("__")).map(completionTreeOf);
  return {
    name: command.name(),
    ...(command.aliases().length === 0 ? {} : { aliases: command.aliases() }),
    ...(options.length === 0 ? {} : { options }),
    ...(choices.length === 0 ? {} : { choices }),
    ...(commands.length === 0 ? {} : { commands }),
  };
}

/**
 * The candidates for the last word of a command line: subcommands (and argument choices) after the
 * command the words name, its flags and its parents' when the word starts with `-`, or the choices of
 * the flag before it. The shell keeps those that start with the word.
 *
 * @param tree - The program's tree.
 * @param words - The words after `cxctl`, the last one being completed (possibly empty).
 * @returns Candidate words.
 */
export function candidates(tree: CompletionNode, words: readonly string[]): string[] {
  const path: CompletionNode[] = [tree];
  const done = words.slice(0, -1);
  const current = words.at(-1) ?? "";
  // The command's own flags first, then its parents' (the nearest one wins a name both have).
  const optionsInScope = (): CompletionOption[] => [...path].reverse().flatMap((node) => node.options ?? []);
  for (let index = 0; index < done.length; index++) {
    const word = done[index] ?? "";
    if (word.startsWith("-")) {
      const option = optionsInScope().find((candidate) => candidate.long === word || candidate.short === word);
      if (option?.value === true && !word.includes("=")) {
        if (index === done.length - 1) return [...(option.choices ?? [])];
        index++;
      }
      continue;
    }
    const command = path.at(-1);
    const sub = command?.commands?.find((candidate) => candidate.name === word || candidate.aliases?.includes(word) === true);
    if (sub !== undefined) path.push(sub);
  }
  if (current.startsWith("-")) return [...new Set(optionsInScope().flatMap((option) => (option.long === undefined ? [] : [option.long])))];
  const command = path.at(-1) ?? tree;
  return [...(command.commands ?? []).map((sub) => sub.name), ...(command.choices ?? [])];
}

let stored: CompletionNode | undefined;

/**
 * The program's completion tree: the one the build stored, else built from the program.
 *
 * @param io - Streams (the program's commands are built with them when there is no stored tree).
 * @returns The tree.
 */
export async function completionTree(io: CliIo): Promise<CompletionNode> {
  if (stored !== undefined) return stored;
  try {
    stored = JSON.parse(readFileSync(new URL("completion.json", CLI_MANIFEST_DIR), "utf8")) as CompletionNode;
    return stored;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const { programTree } = await import("./main.js");
  return programTree(io);
}

/**
 * Runs `cxctl __complete [--] <words>`: prints one candidate a line.
 *
 * @param argv - The arguments after `__complete`.
 * @param io - Streams.
 * @returns The exit code (0).
 */
export async function complete(argv: readonly string[], io: CliIo): Promise<number> {
  const words = argv[0] === "--" ? argv.slice(1) : argv;
  const found = candidates(await completionTree(io), words.length === 0 ? [""] : words);
  io.stdout.write(found.length === 0 ? "" : `${found.join("\n")}\n`);
  return 0;
}
