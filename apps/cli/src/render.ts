/**
 * Rendering for people: aligned text tables (widths in terminal columns, so wide characters and emoji
 * line up) and YAML that reads back as the same JSON value. Loaded only when a table or YAML is written.
 *
 * @module
 */
import stringWidth from "string-width";
import { stringify as yamlStringify } from "yaml";
import type { CliIo } from "./io.js";
import type { Column } from "./output.js";
import { styleFor } from "./style.js";

/**
 * Renders rows as an aligned text table, with a bold header when colours are on.
 *
 * @param rows - Rows.
 * @param columns - Columns.
 * @param io - Streams and environment (for colours); omitted: plain.
 * @returns The table text, ending in a newline.
 */
export function renderTable<Row>(rows: readonly Row[], columns: readonly Column<Row>[], io?: CliIo): string {
  const style = io === undefined ? undefined : styleFor(io.stdout, io.env);
  const cells = rows.map((row) => columns.map((column) => oneLine(column.cell(row))));
  // Widths are display columns, not UTF-16 units: a CJK character or an emoji takes two columns.
  const widths = columns.map((column, index) => Math.max(stringWidth(column.header), ...cells.map((line) => stringWidth(line[index] ?? ""))));
  const format = (line: readonly string[]): string => line.map((cell, index) => padToWidth(cell, widths[index] ?? 0)).join("  ").trimEnd();
  const header = format(columns.map((column) => column.header));
  return [style?.enabled === true ? style.bold(header) : header, ...cells.map(format)].join("\n") + "\n";
}

/**
 * The number of terminal columns a text takes (wide characters count two, combining marks none).
 *
 * @param text - The text.
 * @returns Display width.
 */
export function displayWidth(text: string): number {
  return stringWidth(text);
}

function padToWidth(text: string, width: number): string {
  return text + " ".repeat(Math.max(0, width - stringWidth(text)));
}

/** Cells are one line, at most this many display columns. */
const MAX_CELL_WIDTH = 60;

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, " ");
  if (stringWidth(flat) <= MAX_CELL_WIDTH) return flat;
  // Cut by grapheme so a wide character or an emoji is never split.
  let out = "";
  for (const { segment } of new Intl.Segmenter().segment(flat)) {
    if (stringWidth(out + segment) > MAX_CELL_WIDTH - 3) break;
    out += segment;
  }
  return `${out}...`;
}

/**
 * Serialises a JSON value as YAML with the `yaml` library. Strings that a YAML 1.1 reader (PyYAML, many
 * tools) would take for a boolean, a number or null (`y`, `n`, `Y`, `yes`, `.inf`, `.nan`, `~`, `0x1F`)
 * are quoted, so the output reads back as the same JSON value in YAML 1.1 and 1.2.
 *
 * @param value - A JSON value.
 * @returns YAML text ending in a newline.
 */
export function toYaml(value: unknown): string {
  return yamlStringify(value ?? null, { version: "1.1", lineWidth: 0, aliasDuplicateObjects: false });
}
