/**
 * Output formats: a human table on a terminal, JSON otherwise; NDJSON and CSV are streamed row by row
 * (constant memory), YAML and JSON are written whole.
 *
 * @module
 */
import stringWidth from "string-width";
import { stringify as yamlStringify } from "yaml";
import type { CliIo, TextSink } from "./io.js";
import { styleFor } from "./style.js";

/** Output formats. */
export type OutputFormat = "table" | "json" | "ndjson" | "csv" | "yaml";

/** All output formats, for flag validation and help. */
export const OUTPUT_FORMATS: readonly OutputFormat[] = ["table", "json", "ndjson", "csv", "yaml"];

/** A command-line usage mistake (exit code 2). */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

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

/** A column of a table: header and how to read the cell from a row. */
export interface Column<Row> {
  /** Column header. */
  readonly header: string;
  /** Cell text. */
  readonly cell: (row: Row) => string;
}

/** Where and how to write. */
export interface Sink {
  /** The format. */
  readonly format: OutputFormat;
  /** The run's streams (stdout for data, env for colours). */
  readonly io: CliIo;
}

/**
 * Writes rows in the chosen format. NDJSON and CSV are written as the rows arrive (constant memory);
 * table, JSON and YAML need the whole list.
 *
 * @param rows - Rows, possibly arriving over time.
 * @param sink - Format and streams.
 * @param columns - Table and CSV columns; inferred from the first rows when omitted.
 * @returns The number of rows written.
 */
export async function writeRows<Row>(rows: AsyncIterable<Row> | Iterable<Row>, sink: Sink, columns?: readonly Column<Row>[]): Promise<number> {
  const out = sink.io.stdout;
  let count = 0;
  if (sink.format === "ndjson") {
    for await (const row of rows) {
      out.write(`${JSON.stringify(row)}\n`);
      count++;
    }
    return count;
  }
  if (sink.format === "csv") {
    let cols: readonly Column<Row>[] | undefined = columns;
    for await (const item of rows) {
      const row = item as Row;
      const current: readonly Column<Row>[] = cols ?? inferColumns<Row>([row]);
      cols = current;
      if (count === 0) out.write(`${current.map((column) => csvCell(column.header)).join(",")}\r\n`);
      out.write(`${current.map((column) => csvCell(column.cell(row))).join(",")}\r\n`);
      count++;
    }
    if (count === 0 && cols !== undefined) out.write(`${cols.map((column) => csvCell(column.header)).join(",")}\r\n`);
    return count;
  }
  const all: Row[] = [];
  for await (const row of rows) all.push(row);
  if (sink.format === "json") out.write(`${JSON.stringify(all, null, 2)}\n`);
  else if (sink.format === "yaml") out.write(all.length === 0 ? "[]\n" : toYaml(all));
  else out.write(renderTable(all, columns ?? inferColumns(all), sink.io));
  return all.length;
}

/**
 * Writes one value (an object or a scalar reply). A table shows an object as FIELD/VALUE lines, or the
 * object's one list of records as a table; arrays go through {@link writeRows}.
 *
 * @param value - The value.
 * @param sink - Format and streams.
 */
export async function writeValue(value: unknown, sink: Sink): Promise<void> {
  if (Array.isArray(value)) {
    await writeRows(value as unknown[], sink);
    return;
  }
  const out = sink.io.stdout;
  switch (sink.format) {
    case "json":
      out.write(`${JSON.stringify(value ?? null, null, 2)}\n`);
      return;
    case "ndjson":
      out.write(`${JSON.stringify(value ?? null)}\n`);
      return;
    case "yaml":
      out.write(toYaml(value ?? null));
      return;
    case "csv":
      await writeRows([value], sink);
      return;
    case "table": {
      if (value === null || typeof value !== "object") {
        out.write(`${value === undefined ? "(no content)" : scalarText(value)}\n`);
        return;
      }
      const record = value as Record<string, unknown>;
      const list = Object.entries(record).filter(([, inner]) => Array.isArray(inner) && inner.length > 0 && inner.every(isRecord));
      if (list.length === 1 && list[0] !== undefined) {
        const [name, rows] = list[0];
        const rest = Object.entries(record).filter(([key, inner]) => key !== name && (inner === null || typeof inner !== "object"));
        out.write(renderTable(rows as Record<string, unknown>[], inferColumns(rows as Record<string, unknown>[]), sink.io));
        if (rest.length > 0) sink.io.stderr.write(`${rest.map(([key, inner]) => `${key}: ${scalarText(inner)}`).join(", ")}\n`);
        return;
      }
      const entries = Object.entries(record).map(([key, inner]) => ({ key, value: inner }));
      out.write(
        renderTable(
          entries,
          [
            { header: "FIELD", cell: (entry) => entry.key },
            { header: "VALUE", cell: (entry) => cellText(entry.value) },
          ],
          sink.io,
        ),
      );
    }
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * Columns for records: the keys of the first rows, scalar-valued ones first, at most eight.
 *
 * @param rows - Sample rows.
 * @returns Columns.
 */
export function inferColumns<Row>(rows: readonly Row[]): Column<Row>[] {
  const sample = rows.slice(0, 50);
  if (!sample.every(isRecord)) return [{ header: "VALUE", cell: (row) => cellText(row) }];
  const keys: string[] = [];
  const scalar = new Map<string, boolean>();
  for (const row of sample as Record<string, unknown>[]) {
    for (const [key, value] of Object.entries(row)) {
      if (!scalar.has(key)) keys.push(key);
      const isScalar = value === null || typeof value !== "object" || (Array.isArray(value) && value.every((item) => item === null || typeof item !== "object"));
      scalar.set(key, (scalar.get(key) ?? true) && isScalar);
    }
  }
  const ordered = [...keys.filter((key) => scalar.get(key) === true), ...keys.filter((key) => scalar.get(key) !== true)].slice(0, 8);
  return ordered.map((key) => ({ header: key.toUpperCase(), cell: (row: Row) => cellText((row as Record<string, unknown>)[key]) }));
}

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

/**
 * A value as one table cell: arrays of plain values as a comma-separated list, other objects as JSON.
 *
 * @param value - The value.
 * @returns Cell text.
 */
export function cellText(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (Array.isArray(value) && value.every((item) => item === null || typeof item !== "object")) return value.map((item) => cellText(item)).join(", ");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

function scalarText(value: unknown): string {
  return value === null ? "null" : typeof value === "object" ? JSON.stringify(value) : String(value);
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

function csvCell(text: string): string {
  return /[",\r\n]/.test(text) || text.startsWith(" ") || text.endsWith(" ") ? `"${text.replace(/"/g, '""')}"` : text;
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
