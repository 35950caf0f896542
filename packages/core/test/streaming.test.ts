import type { ServerResponse } from "node:http";
import { constants, createGzip, gzipSync } from "node:zlib";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CortexAbortError, CortexError, CortexServerError, CortexTimeoutError, isCortexError, parseNdjson, type CortexClient } from "../src/index.js";
import { rowsOfBatches } from "../src/ndjson.js";
import { sendJson, startServer, testClient, type LocalServer } from "./helpers.js";

let server: LocalServer | undefined;
let client: CortexClient | undefined;
afterEach(async () => {
  await client?.close();
  await server?.close();
  server = undefined;
  client = undefined;
});

const STREAM = "xql.get_query_results_stream";
const row = (index: number): string => `${JSON.stringify({ index, name: `row-${index}`, pad: "x".repeat(40) })}\n`;

/** Over an endless stream: aborting after row `abortAt` fails typed as an abort, and a deadline as a timeout of the whole call. */
async function expectAbortAndDeadline(streaming: CortexClient, abortAt: number): Promise<void> {
  const controller = new AbortController();
  const aborted = await (async () => {
    for await (const value of streaming.streamNdjson<{ index: number }>(STREAM, {}, { signal: controller.signal })) if (value.index === abortAt) controller.abort();
  })().catch((error: unknown) => error);
  expect(aborted).toBeInstanceOf(CortexAbortError);

  const timedOut = await (async () => {
    for await (const _ of streaming.streamNdjson(STREAM, {}, { timeoutMs: 150 })) void _;
  })().catch((error: unknown) => error);
  expect(timedOut).toBeInstanceOf(CortexTimeoutError);
  expect((timedOut as CortexTimeoutError).phase).toBe("total");
}

async function rowsOf(source: AsyncIterable<{ index: number }>): Promise<number[]> {
  const out: number[] = [];
  for await (const value of source) out.push(value.index);
  return out;
}

/** Writes `total` rows as fast as the client reads them (honouring backpressure), counting bytes written. */
function writeRows(response: ServerResponse, total: number, stats: { written: number; closed: boolean }): void {
  response.on("close", () => (stats.closed = true));
  let index = 0;
  const pump = (): void => {
    while (index < total) {
      let chunk = "";
      for (let end = Math.min(total, index + 500); index < end; index++) chunk += row(index);
      stats.written += chunk.length;
      if (!response.write(chunk)) {
        response.once("drain", pump);
        return;
      }
    }
    response.end();
  };
  pump();
}

describe("NDJSON streams", () => {
  it("streams rows plain, gzip-encoded, and as a gzip file without Content-Encoding", async () => {
    const text = Array.from({ length: 20_000 }, (_, index) => row(index)).join("");
    server = await startServer((request, response) => {
      request.resume();
      if (request.url?.startsWith("/plain")) response.writeHead(200, { "content-type": "application/octet-stream" }).end(text);
      else if (request.url?.startsWith("/encoded")) response.writeHead(200, { "content-type": "application/octet-stream", "content-encoding": "gzip" }).end(gzipSync(text));
      else response.writeHead(200, { "content-type": "application/octet-stream" }).end(gzipSync(text));
    });
    const expected = Array.from({ length: 20_000 }, (_, index) => index);
    for (const prefix of ["/plain", "/encoded", "/blob"]) {
      ({ client } = testClient({ baseUrl: `${server.url}${prefix}` }));
      expect(await rowsOf(client.streamNdjson<{ index: number }>(STREAM, { stream_id: "s", is_gzip_compressed: prefix === "/blob" })), prefix).toEqual(expected);
      await client.close();
    }
  });

  it("reads only as fast as the consumer: the server is held back, and breaking out closes the connection", async () => {
    const stats = { written: 0, closed: false };
    const total = 800_000; // about 70 MB if it were all sent
    server = await startServer((request, response) => {
      request.resume();
      response.writeHead(200, { "content-type": "application/octet-stream" });
      writeRows(response, total, stats);
    });
    ({ client } = testClient({ baseUrl: server.url }));
    let seen = 0;
    for await (const value of client.streamNdjson<{ index: number }>(STREAM, { stream_id: "s" })) {
      expect(value.index).toBe(seen);
      seen += 1;
      if (seen === 1) await new Promise((resolve) => setTimeout(resolve, 300));
      if (seen === 1_000) break;
    }
    // Socket buffers and stream high-water marks only: far from the whole 70 MB.
    expect(stats.written).toBeLessThan(16 * 1024 * 1024);
    // The server sees the close once the socket's end reaches it: wait for it, however busy the machine.
    await vi.waitFor(() => expect(stats.closed).toBe(true), { timeout: 10_000, interval: 10 });
  });

  it("keeps the call's abort signal and deadline while the stream is read", async () => {
    server = await startServer((request, response) => {
      request.resume();
      response.writeHead(200, { "content-type": "application/octet-stream" });
      let index = 0;
      const timer = setInterval(() => response.write(row(index++)), 10);
      response.on("close", () => clearInterval(timer));
    });
    ({ client } = testClient({ baseUrl: server.url }));
    await expectAbortAndDeadline(client, 3);
  });

  it("a gzip-encoded stream: its deadline and abort signal apply while it is read, a corrupt body fails typed, and breaking out closes the connection", async () => {
    const closed: string[] = [];
    server = await startServer((request, response) => {
      request.resume();
      response.writeHead(200, { "content-type": "application/octet-stream", "content-encoding": "gzip" });
      if (request.url?.startsWith("/corrupt")) {
        // A gzip header, then bytes that are not deflate data.
        response.end(Buffer.concat([gzipSync(row(0)).subarray(0, 10), Buffer.alloc(64, 0xff)]));
        return;
      }
      // One flushed gzip block every 10 ms, for ever.
      const gzip = createGzip();
      gzip.pipe(response);
      let index = 0;
      const timer = setInterval(() => {
        gzip.write(row(index++));
        gzip.flush(constants.Z_SYNC_FLUSH);
      }, 10);
      response.on("close", () => {
        clearInterval(timer);
        closed.push(request.url ?? "");
      });
    });
    ({ client } = testClient({ baseUrl: server.url }));
    await expectAbortAndDeadline(client, 2);

    await client.close();
    ({ client } = testClient({ baseUrl: `${server.url}/corrupt` }));
    const corrupt = await rowsOf(client.streamNdjson<{ index: number }>(STREAM, {})).catch((error: unknown) => error);
    expect(corrupt).toBeInstanceOf(CortexError);
    expect((corrupt as CortexError).message).toMatch(/not valid gzip/);
    const chunks = await (async () => {
      for await (const _ of await client!.stream(STREAM, {})) void _;
    })().catch((error: unknown) => error);
    expect(isCortexError(chunks)).toBe(true);

    await client.close();
    ({ client } = testClient({ baseUrl: `${server.url}/endless` }));
    for await (const value of client.streamNdjson<{ index: number }>(STREAM, {})) if (value.index === 1) break;
    await vi.waitFor(() => expect(closed).toContain("/endless/public_api/v1/xql/get_query_results_stream"), { timeout: 10_000, interval: 10 });
  });

  it("maps an unsuccessful answer to a typed error instead of streaming it", async () => {
    server = await startServer((request, response) => {
      request.resume();
      sendJson(response, 500, { reply: { err_code: 500, err_msg: "An error occurred while processing XDR public API", err_extra: "stream id expired" } });
    });
    ({ client } = testClient({ baseUrl: server.url }));
    const error = await client.stream(STREAM, { stream_id: "old" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CortexServerError);
    expect((error as CortexServerError).message).toContain("stream id expired");
  });

  it("buffers NDJSON into rows through request(), and binary replies into bytes", async () => {
    const bytes = Buffer.from([0, 1, 2, 250, 255]);
    server = await startServer((request, response) => {
      request.resume();
      if (request.url === "/public_api/v1/download/tok%2Fen") response.writeHead(200, { "content-type": "application/zip" }).end(bytes);
      else response.writeHead(200, { "content-type": "application/octet-stream" }).end(`${row(0)}\r\n${row(1)}`);
    });
    ({ client } = testClient({ baseUrl: server.url }));
    expect(await client.request<{ index: number }[]>(STREAM, {})).toMatchObject([{ index: 0 }, { index: 1 }]);
    expect(Buffer.from(await client.request<Uint8Array>("files.download", { token: "tok/en" }))).toEqual(bytes);
    const chunks: Buffer[] = [];
    for await (const chunk of await client.stream("files.download", { token: "tok/en" })) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks)).toEqual(bytes);
  });
});

describe("parseNdjson", () => {
  async function* chunks(...parts: (string | Uint8Array)[]): AsyncGenerator<string | Uint8Array> {
    yield* parts;
  }

  it("handles CRLF, blank lines, a last line without newline and UTF-8 split across chunks", async () => {
    const euro = Buffer.from('{"v":"€"}\n', "utf8");
    const values = [];
    for await (const value of parseNdjson(chunks('{"v":1}\r\n\n', euro.subarray(0, 7), euro.subarray(7), '{"v":3}'))) values.push(value);
    expect(values).toEqual([{ v: 1 }, { v: "€" }, { v: 3 }]);
  });

  it("names the line that is not JSON, and refuses lines over the limit", async () => {
    await expect(rowsOf(parseNdjson(chunks('{"index":1}\nnot json\n')))).rejects.toThrowError(/Line 2 of the NDJSON stream is not JSON/);
    await expect(rowsOf(parseNdjson(chunks(`{"index":"${"y".repeat(100)}`), { maxLineBytes: 50 }))).rejects.toThrowError(CortexError);
    await expect(rowsOf(parseNdjson(chunks(Buffer.from([0x1f, 0x8b, 1, 2, 3]))))).rejects.toThrowError(/not valid gzip/);
  });
});

describe("rows handed out one at a time from parsed chunks", () => {
  async function* tracked(log: string[], ...batches: number[][]): AsyncGenerator<number[], void, undefined> {
    try {
      for (const batch of batches) {
        log.push(`batch ${batch.length}`);
        yield batch;
      }
    } finally {
      log.push("closed");
    }
  }

  it("reads the next chunk only when the rows of the one before are used up, skipping empty chunks", async () => {
    const log: string[] = [];
    const rows = rowsOfBatches(tracked(log, [1, 2], [], [3]));
    expect(log).toEqual([]);
    expect(await rows.next()).toEqual({ value: 1, done: false });
    expect(await rows.next()).toEqual({ value: 2, done: false });
    expect(log).toEqual(["batch 2"]);
    expect(await rows.next()).toEqual({ value: 3, done: false });
    expect(await rows.next()).toEqual({ value: undefined, done: true });
    expect(await rows.next()).toEqual({ value: undefined, done: true });
    expect(log).toEqual(["batch 2", "batch 0", "batch 1", "closed"]);
  });

  it("answers next() calls made before the previous one settled in order, each row once", async () => {
    const rows = rowsOfBatches(tracked([], [1, 2], [3, 4, 5]));
    const results = await Promise.all(Array.from({ length: 7 }, () => rows.next()));
    expect(results.map((result) => (result.done === true ? "done" : result.value))).toEqual([1, 2, 3, 4, 5, "done", "done"]);
  });

  it("closes the source on break and on throw(), and passes the source's error on", async () => {
    const log: string[] = [];
    for await (const value of rowsOfBatches(tracked(log, [1, 2], [3]))) if (value === 1) break;
    expect(log).toEqual(["batch 2", "closed"]);
    const thrown: string[] = [];
    const rows = rowsOfBatches(tracked(thrown, [1]));
    await rows.next();
    await expect(rows.throw(new Error("stop"))).rejects.toThrowError("stop");
    expect(thrown).toEqual(["batch 1", "closed"]);
    expect(await rows.next()).toEqual({ value: undefined, done: true });
    async function* failing(): AsyncGenerator<number[], void, undefined> {
      yield [1];
      throw new CortexError("api", "broken stream");
    }
    await expect(rowsOf(rowsOfBatches(failing()) as AsyncIterable<never>)).rejects.toThrowError("broken stream");
  });
});
