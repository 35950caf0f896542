/**
 * Help text stored at build time, so `cxctl --help`, `cxctl <command> --help` (`dist/cli-manifest/help.json`)
 * and `cxctl <product> <group> <call> --help` (`<product>.help.ndjson`, one help a line, found through the
 * byte ranges of `<product>.help.json`) print without loading commander or building the program. Commander wraps descriptions to the
 * terminal's width, so the build stores the help with each wrapped piece left as a marker (its text and
 * indent) and {@link renderStoredHelp} wraps them for the width at hand as commander's `Help` does
 * (`boxWrap`, `formatItem`); a test compares both at several widths for every stored help.
 *
 * This module imports nothing but `node:fs`: the binary loads it before anything else.
 *
 * @module
 */
import { closeSync, openSync, readFileSync, readSync } from "node:fs";

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
 * after one top-level command; `--help` or `-h` after a product, a group and a call) and the build
 * stored that help.
 *
 * @param argv - Arguments after the program name.
 * @param manifestDir - The folder of the stored help.
 * @returns The stored help, or `undefined` (the program answers).
 */
export function storedHelpFor(argv: readonly string[], manifestDir: URL): StoredHelp | undefined {
  const words = helpWords(argv);
  try {
    if (words === undefined) return undefined;
    if (words.length === 3) {
      const [product = "", group, call] = words;
      if (!/^[a-z]+$/.test(product)) return undefined;
      const index = JSON.parse(readFileSync(new URL(`${product}.help.json`, manifestDir), "utf8")) as Record<string, readonly [number, number]>;
      const key = `${group} ${call}`;
      return Object.hasOwn(index, key) ? (JSON.parse(readRange(new URL(`${product}.help.ndjson`, manifestDir), index[key] ?? [0, 0])) as StoredHelp) : undefined;
    }
    const stored = JSON.parse(readFileSync(new URL("help.json", manifestDir), "utf8")) as Record<string, StoredHelp>;
    const key = words.join(" ");
    return Object.hasOwn(stored, key) ? stored[key] : undefined;
  } catch (error) {
    // Not built yet (running from source), or not a product: the program answers.
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/** Bytes `start` to `end` (inclusive) of a file, as text. */
function readRange(file: URL, [start, end]: readonly [number, number]): string {
  const bytes = Buffer.alloc(end - start + 1);
  const fd = openSync(file, "r");
  try {
    readSync(fd, bytes, 0, bytes.length, start);
  } finally {
    closeSync(fd);
  }
  return bytes.toString("utf8");
}

/**
 * The command words of a line that only asks for help: `--help`, `-h`, `help` → none; `<command> --help`,
 * `<command> -h`, `help <command>` → the command; `<product> <group> <call> --help` (or `-h`) → the three.
 */
function helpWords(argv: readonly string[]): readonly string[] | undefined {
  const isHelp = (word: string | undefined): boolean => word === "--help" || word === "-h";
  if (argv.length === 1 && (isHelp(argv[0]) || argv[0] === "help")) return [];
  if (argv.length === 2 && argv[0] === "help") return argv[1]?.startsWith("-") === false ? [argv[1]] : undefined;
  if ((argv.length !== 2 && argv.length !== 4) || !isHelp(argv.at(-1))) return undefined;
  const words = argv.slice(0, -1);
  return words.some((word) => word.startsWith("-") || word === "help") ? undefined : words;
}
