/**
 * NDJSON (one JSON value per line) as an async iterator with constant memory, for XQL result streams and
 * other large replies. Gzip is recognised by its magic bytes and decoded on the fly, since the XQL stream
 * can be a gzip file sent without a `Content-Encoding` header.
 *
 * @module
 */
import { Readable, pipeline } from "node:stream";
import { StringDecoder } from "node:string_decoder";
import { createGunzip } from "node:zlib";
import { CortexError } from "./errors.js";
import { GUNZIP_CHUNK_BYTES } from "./transport.js";

/** Options of {@link parseNdjson}. */
export interface NdjsonOptions {
  /** Longest line accepted, in bytes (default 16 MiB); longer lines fail instead of filling memory. */
  readonly maxLineBytes?: number;
  /** Whether to decode gzip: `auto` (default) looks at the first two bytes. */
  readonly gzip?: boolean | "auto";
}

/**
 * Parses NDJSON from a byte stream (a Node Readable, an undici body, any async iterable of chunks), one
 * line at a time. Memory stays bounded by the longest line: nothing else is buffered, and the source is
 * read only as fast as the consumer iterates. Blank lines are skipped; `\r\n` is accepted.
 *
 * @param source - The bytes.
 * @param options - Line limit and gzip handling.
 * @returns An async generator of parsed values; breaking out of the loop closes the source.
 * @throws {@link CortexError} (`api`) for a line that is not JSON or longer than the limit; the source's own
 *   (typed) errors pass through.
 */
export function parseNdjson<T = unknown>(source: AsyncIterable<Uint8Array | string>, options: NdjsonOptions = {}): AsyncGenerator<T, void, undefined> {
  return rowsOfBatches(parseNdjsonBatches<T>(source, options));
}

/**
 * Like {@link parseNdjson}, but yields the rows of each chunk as one array: one await per chunk instead of
 * one per row, for callers that iterate rows synchronously.
 *
 * @param source - The bytes.
 * @param options - Line limit and gzip handling.
 * @returns An async generator of arrays of parsed values.
 * @throws The errors of {@link parseNdjson}.
 * @internal
 */
export async function* parseNdjsonBatches<T = unknown>(source: AsyncIterable<Uint8Array | string>, options: NdjsonOptions = {}): AsyncGenerator<T[], void, undefined> {
  const maxLineBytes = options.maxLineBytes ?? 16 * 1024 * 1024;
  const decoder = new StringDecoder("utf8");
  let carry = "";
  let line = 0;
  const parseInto = (rows: T[], text: string): void => {
    line += 1;
    const trimmed = text.charCodeAt(text.length - 1) === CARRIAGE_RETURN ? text.slice(0, -1) : text;
    if (trimmed.length === 0) return;
    try {
      rows.push(JSON.parse(trimmed) as T);
    } catch {
      // Checked only here, so ordinary lines are not copied by trim().
      if (trimmed.trim() === "") return;
      throw new CortexError("api", `Line ${line} of the NDJSON stream is not JSON.`);
    }
  };
  const rowsOf = (chunk: Uint8Array | string): T[] => {
    const text = carry + (typeof chunk === "string" ? chunk : decoder.write(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)));
    const rows: T[] = [];
    let start = 0;
    for (let newline = text.indexOf("\n"); newline !== -1; newline = text.indexOf("\n", start)) {
      parseInto(rows, text.slice(start, newline));
      start = newline + 1;
    }
    carry = text.slice(start);
    return rows;
  };
  // The chunks are read straight from the source (or from gunzip), with no generator in between: the first
  // chunk, read to recognise gzip, is parsed first or written to gunzip first.
  const source$ = source[Symbol.asyncIterator]();
  let chunks: AsyncIterator<Uint8Array | string> = source$;
  let head: Uint8Array | string | undefined;
  try {
    const first = await readChunk(source$);
    if (first.done === true) return;
    const gzip = options.gzip ?? "auto";
    if (gzip === true || (gzip === "auto" && typeof first.value !== "string" && first.value.length >= 2 && first.value[0] === 0x1f && first.value[1] === 0x8b)) {
      chunks = gunzipped(first.value, source$)[Symbol.asyncIterator]();
    } else {
      head = first.value;
    }
    for (;;) {
      let chunk: Uint8Array | string;
      if (head === undefined) {
        const next = await readChunk(chunks);
        if (next.done === true) break;
        chunk = next.value;
      } else {
        chunk = head;
        head = undefined;
      }
      const rows = rowsOf(chunk);
      if (rows.length > 0) yield rows;
      if (carry.length > maxLineBytes) throw new CortexError("api", `Line ${line + 1} of the NDJSON stream is longer than ${maxLineBytes} bytes.`);
    }
  } finally {
    // Gunzip closes the source when it is destroyed (pipeline).
    await chunks.return?.();
  }
  const rows: T[] = [];
  parseInto(rows, carry + decoder.end());
  if (rows.length > 0) yield rows;
}

const CARRIAGE_RETURN = 13;

// One chunk of the source; zlib's own errors (Z_DATA_ERROR, Z_BUF_ERROR) become typed errors, the source's
// pass through.
async function readChunk(chunks: AsyncIterator<Uint8Array | string>): Promise<IteratorResult<Uint8Array | string>> {
  try {
    return await chunks.next();
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === "string" && code.startsWith("Z_")) throw new CortexError("api", `The NDJSON stream is not valid gzip (${code}).`, { cause: error });
    throw error;
  }
}

// The source, from its first chunk on, through gunzip. pipeline keeps backpressure (the source is read only
// as fast as gunzip's output is) and carries errors and early closes both ways.
function gunzipped(head: Uint8Array | string, rest: AsyncIterator<Uint8Array | string>): AsyncIterable<Uint8Array> {
  async function* replay(): AsyncGenerator<Uint8Array | string, void, undefined> {
    try {
      yield head;
      for (let next = await rest.next(); next.done !== true; next = await rest.next()) yield next.value;
    } finally {
      await rest.return?.();
    }
  }
  const gunzip = createGunzip({ chunkSize: GUNZIP_CHUNK_BYTES });
  pipeline(Readable.from(replay(), { objectMode: false }), gunzip, () => undefined);
  return gunzip;
}

const DONE: IteratorReturnResult<void> = Object.freeze({ value: undefined, done: true });

/**
 * Hands out the rows of `batches` one at a time, as an async generator object that costs one resolved promise
 * per row already read (a `yield` inside an `async function*` costs several promise turns per row, which
 * is most of the time of a million-row stream). Closing it (`return`, `throw`, `break` in a loop) closes
 * `batches`. Calls to `next()` made before the previous one settled are answered in order.
 *
 * @param batches - Arrays of rows, e.g. from {@link parseNdjsonBatches}.
 * @returns The rows.
 * @internal
 */
export function rowsOfBatches<T>(batches: AsyncGenerator<T[], void, undefined>): AsyncGenerator<T, void, undefined> {
  let rows: T[] = [];
  let index = 0;
  let finished = false;
  let loading: Promise<IteratorResult<T, void>> | undefined;
  const finish = (): void => {
    finished = true;
    rows = [];
    index = 0;
  };
  const pull = (): Promise<IteratorResult<T, void>> =>
    batches.next().then(
      (result): IteratorResult<T, void> | Promise<IteratorResult<T, void>> => {
        if (result.done === true || finished) {
          finish();
          return DONE;
        }
        rows = result.value;
        index = 0;
        return index < rows.length ? { value: rows[index++] as T, done: false } : pull();
      },
      (error: unknown) => {
        finish();
        throw error;
      },
    );
  const close = (): Promise<void> => {
    finish();
    return batches.return(undefined).then(() => undefined);
  };
  const generator: AsyncGenerator<T, void, undefined> = {
    next(): Promise<IteratorResult<T, void>> {
      if (index < rows.length) return Promise.resolve({ value: rows[index++] as T, done: false });
      if (finished) return Promise.resolve(DONE);
      if (loading !== undefined) return loading.then(() => generator.next(), () => generator.next());
      loading = pull().finally(() => {
        loading = undefined;
      });
      return loading;
    },
    return(): Promise<IteratorResult<T, void>> {
      return close().then(() => DONE);
    },
    throw(error: unknown): Promise<IteratorResult<T, void>> {
      return close().then(() => {
        throw error;
      });
    },
    [Symbol.asyncIterator]() {
      return generator;
    },
  };
  return generator;
}
