/**
 * Help text stored at build time (`dist/cli-manifest/help.json`), so `cxctl --help` and `cxctl <command>
 * --help` print without loading commander or building the program. Commander wraps descriptions to the
 * terminal's width, so the build stores the help with each wrapped piece left as a marker (its text and
 * indent) and {@link renderStoredHelp} wraps them for the width at hand as commander's `Help` does
 * (`boxWrap`, `formatItem`); a test compares both at several widths for every stored help.
 *
 * This module imports nothing but `node:fs`: the binary loads it before anything else.
 *
 * @module
 */
import { readFileSync } from "node:fs";

/** One help text with its wrapped pieces left as markers. */
export interface StoredHelp {
  /** The help as commander prints it, each wrapped piece replaced by `\u0000<index>\u0000`. */
  readonly text: string;
  /** The wrapped pieces: the text and how far its continuation lines are indented (0: the command description). */
  readonly pieces: readonly (readonly [text: string, indent: number])[];
}

/** Commander's `Help.minWidthToWrap`: narrower than this, a description is not wrapped. */
const MIN_WIDTH_TO_WRAP = 40;

/** What `stripColor` of commander removes before measuring (SGR sequences). */
// eslint-disable-next-line no-control-regex -- the escape character is what it matches
const SGR = /\x1b\[\d*(;\d*)*m/g;

const displayWidth = (text: string): number => text.replace(SGR, "").length;

/** Commander's `Help.boxWrap`: wraps at whitespace, keeping existing line breaks. */
function boxWrap(text: string, width: number): string {
  if (width < MIN_WIDTH_TO_WRAP) return text;
  const wrapped: string[] = [];
  for (const line of text.split(/\r\n|\n/)) {
    const chunks = line.match(/[\s]*[^\s]+/g);
    if (chunks === null) {
      wrapped.push("");
      continue;
    }
    let sum = [chunks[0] ?? ""];
    let sumWidth = displayWidth(sum[0] ?? "");
    for (const chunk of chunks.slice(1)) {
      const visible = displayWidth(chunk);
      if (sumWidth + visible <= width) {
        sum.push(chunk);
        sumWidth += visible;
        continue;
      }
      wrapped.push(sum.join(""));
      const next = chunk.trimStart();
      sum = [next];
      sumWidth = displayWidth(next);
    }
    wrapped.push(sum.join(""));
  }
  return wrapped.join("\n");
}

/**
 * A stored help as commander would print it at a width.
 *
 * @param help - The stored help.
 * @param width - The help width (commander's: the terminal's columns, else 80).
 * @returns The text.
 */
export function renderStoredHelp(help: StoredHelp, width: number): string {
  return help.text.replace(/\u0000(\d+)\u0000/g, (_, index: string) => {
    const [text, indent] = help.pieces[Number(index)] ?? ["", 0];
    // The command description is wrapped to the whole width; an item's description to what its term leaves,
    // or (under commander's minimum) left as it is with its line breaks indented like the item.
    if (indent === 0) return boxWrap(text, width);
    if (width - indent < MIN_WIDTH_TO_WRAP) return text.replace(/\n/g, "\n  ");
    return boxWrap(text, width - indent).replace(/\n/g, `\n${" ".repeat(indent)}`);
  });
}

/**
 * The stored help a command line asks for, if it only asks for help (`--help`, `-h` or `help`, alone or
 * after one top-level command) and the build stored that help.
 *
 * @param argv - Arguments after the program name.
 * @param manifestDir - The folder of `help.json`.
 * @returns The stored help, or `undefined` (the program answers).
 */
export function storedHelpFor(argv: readonly string[], manifestDir: URL): StoredHelp | undefined {
  const key = helpKey(argv);
  if (key === undefined) return undefined;
  let stored: Record<string, StoredHelp>;
  try {
    stored = JSON.parse(readFileSync(new URL("help.json", manifestDir), "utf8")) as Record<string, StoredHelp>;
  } catch {
    // Not built yet (running from source): the program answers.
    return undefined;
  }
  return Object.hasOwn(stored, key) ? stored[key] : undefined;
}

/** `--help`, `-h`, `help` → `""`; `<command> --help`, `<command> -h`, `help <command>` → `<command>`. */
function helpKey(argv: readonly string[]): string | undefined {
  const isHelp = (word: string | undefined): boolean => word === "--help" || word === "-h";
  if (argv.length === 1 && (isHelp(argv[0]) || argv[0] === "help")) return "";
  if (argv.length !== 2) return undefined;
  const [first = "", second = ""] = argv;
  if (first === "help") return second.startsWith("-") ? undefined : second;
  return isHelp(second) && !first.startsWith("-") ? first : undefined;
}
