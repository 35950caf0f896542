/**
 * Output formats: a human table on a terminal, JSON, NDJSON (streamed) for scripts.
 *
 * @module
 */
import type { TextSink } from "./io.js";

/** Output formats. */
export type OutputFormat = "table" | "json" | "ndjson";

/** All output formats, for flag validation and help. */
export const OUTPUT_FORMATS: readonly OutputFormat[] = ["table", "json", "ndjson"];

/**
 * Picks the output format: the flag if given, else a table on a terminal and JSON otherwise.
 *
 * @param flag - Value of `--output`.
 * @param stdout - Where data goes.
 * @returns The format.
 */
export function chooseFormat(flag: string | undefined, stdout: TextSink): OutputFormat {
  if (flag === undefined) return stdout.isTTY === true ? "table" : "json";
  if ((OUTPUT_FORMATS as readonly string[]).includes(flag)) return flag as OutputFormat;
  throw new UsageError(`--output must be one of ${OUTPUT_FORMATS.join(", ")}; got "${flag}".`);
}

/** A command-line usage mistake (exit code 2). */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/** A column of a table: header and how to read the cell from a row. */
export interface Column<Row> {
  /** Column header. */
  readonly header: string;
  /** Cell text. */
  readonly cell: (row: Row) => string;
}

/**
 * Writes rows in the chosen format. NDJSON is written row by row as the rows arrive, so large results
 * stream with constant memory; table and JSON need the whole list.
 *
 * @param rows - Rows, possibly arriving over time.
 * @param format - Output format.
 * @param columns - Table columns.
 * @param out - Where to write.
 * @returns The number of rows written.
 */
export async function writeRows<Row>(rows: AsyncIterable<Row>, format: OutputFormat, columns: readonly Column<Row>[], out: TextSink): Promise<number> {
  let count = 0;
  if (format === "ndjson") {
    for await (const row of rows) {
      out.write(`${JSON.stringify(row)}\n`);
      count++;
    }
    return count;
  }
  const all: Row[] = [];
  for await (const row of rows) all.push(row);
  if (format === "json") out.write(`${JSON.stringify(all, null, 2)}\n`);
  else out.write(renderTable(all, columns));
  return all.length;
}

/**
 * Renders rows as an aligned text table.
 *
 * @param rows - Rows.
 * @param columns - Columns.
 * @returns The table text, ending in a newline.
 */
export function renderTable<Row>(rows: readonly Row[], columns: readonly Column<Row>[]): string {
  const cells = rows.map((row) => columns.map((column) => oneLine(column.cell(row))));
  const widths = columns.map((column, index) => Math.max(column.header.length, ...cells.map((line) => (line[index] ?? "").length)));
  const format = (line: readonly string[]): string => line.map((cell, index) => cell.padEnd(widths[index] ?? 0)).join("  ").trimEnd();
  return [format(columns.map((column) => column.header)), ...cells.map(format)].join("\n") + "\n";
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, " ");
  return flat.length > 60 ? `${flat.slice(0, 57)}...` : flat;
}
