/**
 * The help texts the build stores in `dist/cli-manifest/` (see help-text.ts): commander's own output for
 * `cxctl --help`, each top-level command's `--help` and each product operation's `--help`, with every
 * wrapped piece left as a marker so the binary can wrap it for the terminal at hand.
 *
 * @module
 */
import type { Command } from "commander";
import type { Product } from "./connection.js";
import type { StoredHelp } from "./help-text.js";
import type { CliIo } from "./io.js";
import { buildProgram } from "./main.js";

/** A help width no line reaches: every wrap commander asks for is then `WIDE - indent`. */
const WIDE = 1_000_000;

/**
 * A command's help as commander prints it, each wrapped piece left as a marker.
 *
 * @param command - The command (of a built program).
 * @returns The help with its pieces.
 */
export function helpWithMarkers(command: Command): StoredHelp {
  const pieces: [string, number][] = [];
  const boxWrap = (text: string, width: number): string => {
    pieces.push([text, WIDE - width]);
    return `\u0000${pieces.length - 1}\u0000`;
  };
  command.configureHelp({ ...command.configureHelp(), helpWidth: WIDE, boxWrap });
  let text = "";
  command.configureOutput({ writeOut: (chunk) => (text += chunk) });
  command.outputHelp();
  return { text, pieces };
}

/**
 * The help of the program and of each top-level command, keyed by the command (`""`: the program).
 *
 * @param io - Streams the commands are built with (nothing is written).
 * @returns The stored helps.
 */
export async function storedHelps(io: CliIo): Promise<Record<string, StoredHelp>> {
  const root = await buildProgram(["--help"], io);
  const helps: Record<string, StoredHelp> = { "": helpWithMarkers(root) };
  for (const name of root.commands.map((command) => command.name())) {
    if (name === "help") continue;
    const program = await buildProgram([name, "--help"], io);
    const command = program.commands.find((candidate) => candidate.name() === name);
    if (command !== undefined) helps[name] = helpWithMarkers(command);
  }
  return helps;
}

/**
 * The help of every operation command of a product (`cxctl <product> <group> <call> --help`), keyed by
 * `<group> <call>`, every alias of the group and the call included.
 *
 * @param product - The product.
 * @param io - Streams the commands are built with (nothing is written).
 * @returns The stored helps (aliases share the object of their command).
 */
export async function storedOperationHelps(product: Product, io: CliIo): Promise<Map<string, StoredHelp>> {
  const helps = new Map<string, StoredHelp>();
  const named = (command: Command): string[] => [command.name(), ...command.aliases()];
  const productOf = (program: Command): Command | undefined => program.commands.find((command) => command.name() === product);
  const groups = productOf(await buildProgram([product, "--help"], io))?.commands.map((group) => group.name()) ?? [];
  for (const name of groups) {
    if (name === "help") continue;
    const group = productOf(await buildProgram([product, name, "--help"], io))?.commands.find((candidate) => candidate.name() === name);
    for (const call of group?.commands ?? []) {
      if (call.name() === "help") continue;
      const help = helpWithMarkers(call);
      for (const groupName of named(group as Command)) for (const callName of named(call)) helps.set(`${groupName} ${callName}`, help);
    }
  }
  return helps;
}
