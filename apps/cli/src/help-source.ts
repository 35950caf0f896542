/**
 * The help texts the build stores in `dist/cli-manifest/help.json` (see help-text.ts): commander's own
 * output for `cxctl --help` and each top-level command's `--help`, with every wrapped piece left as a
 * marker so the binary can wrap it for the terminal at hand.
 *
 * @module
 */
import type { Command } from "commander";
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
