/**
 * Output formats: a human table on a terminal, JSON otherwise; NDJSON and CSV are streamed row by row
 * (constant memory), YAML and JSON are written whole. Tables and YAML are rendered by render.ts.
 *
 * @module
 */
import type { CliIo, TextSink } from "./io.js";

/** Table and YAML rendering, loaded only for those formats (string-width and yaml cost start-up time). */
const render = (): Promise<typeof import("./render.js")> => import("./render.js");

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
  else if (sink.format === "yaml") out.write(all.length === 0 ? "[]\n" : (await render()).toYaml(all));
  else out.write((await render()).renderTable(all, columns ?? inferColumns(all), sink.io));
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
      out.write((await render()).toYaml(value ?? null));
      return;
    case "csv":
      await writeRows([value], sink);
      return;
    case "table": {
      const { renderTable } = await render();
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

function csvCell(text: string): string {
  return /[",\r\n]/.test(text) || text.startsWith(" ") || text.endsWith(" ") ? `"${text.replace(/"/g, '""')}"` : text;
}
