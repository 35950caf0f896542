#!/usr/bin/env node
// An XQL result stream: `--rows` rows of gzip NDJSON from a loopback server, read with the SDK's
// `streamNdjson()` against a hand-written floor on the same undici: request(), gunzip, split lines,
// JSON.parse. Both touch every row. The server runs in a child process and sends the same pre-compressed
// bytes to both. A round reads the stream with the floor, the SDK, the SDK and the floor again, so that a
// drift in machine load within the round weighs on both alike; the round's ratio is the SDK's rate over the
// floor's over the whole round, and the figure is the median of the rounds' ratios (paired, rather than the
// ratio of two medians taken from runs seconds apart). The rates shown are each side's median run.
//
//   pnpm --filter @cortex-sdk/core build && node bench/xql-stream.mjs [--rows 1000000] [--rounds 3] [--json]
import { createServer } from "node:http";
import { parseArgs } from "node:util";
import { createGunzip, gzipSync } from "node:zlib";
import { BENCH_KEY, coreUndici, listenForParent, median, printFigures, serveInChild } from "./_shared.mjs";

const { values } = parseArgs({ options: { rows: { type: "string", default: "1000000" }, rounds: { type: "string", default: "3" }, json: { type: "boolean", default: false }, serve: { type: "boolean", default: false } } });
const ROWS = Number(values.rows);
const PATH = "/public_api/v1/xql/get_query_results_stream";

if (values.serve) {
  const lines = [];
  for (let index = 0; index < ROWS; index++) lines.push(JSON.stringify({ _time: 1_700_000_000_000 + index, agent_hostname: `host-${index % 500}`, action_process_image_name: "powershell.exe", event_type: "PROCESS", severity: index % 4, _id: index }));
  const body = gzipSync(`${lines.join("\n")}\n`);
  const server = createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      response.writeHead(200, { "content-type": "application/octet-stream", "content-encoding": "gzip", "content-length": body.length });
      response.end(body);
    });
  });
  listenForParent(server);
} else {
  printFigures(await run(), values.json);
}

async function run() {
  const { Agent, request } = await coreUndici();
  const core = await import(new URL("../packages/core/dist/index.js", import.meta.url).href);
  const { baseUrl, stop } = await serveInChild(import.meta.url, ["--rows", String(ROWS)]);
  const operations = [
    { id: "xql.get_query_results_stream", products: ["xdr"], method: "POST", path: PATH, requestEnvelope: "request_data", replyEnvelope: "bare", replyKind: "ndjson", pagination: { kind: "none" }, retrySafety: "read", async: "none", limits: {} },
  ];
  const agent = new Agent({ keepAliveTimeout: 10_000 });
  const body = JSON.stringify({ request_data: { stream_id: "s", is_gzip_compressed: true } });

  async function raw() {
    const answer = await request(`${baseUrl}${PATH}`, { method: "POST", headers: { "content-type": "application/json", "accept-encoding": "gzip" }, body, dispatcher: agent });
    let rest = "";
    let count = 0;
    for await (const chunk of answer.body.pipe(createGunzip())) {
      const text = rest + chunk.toString("utf8");
      let start = 0;
      for (let end = text.indexOf("\n"); end !== -1; end = text.indexOf("\n", start)) {
        if (end > start && JSON.parse(text.slice(start, end))._id !== undefined) count += 1;
        start = end + 1;
      }
      rest = text.slice(start);
    }
    if (rest.length > 0 && JSON.parse(rest)._id !== undefined) count += 1;
    return count;
  }
  const client = new core.CortexClient(
    { baseUrl, apiKeyId: 1, apiKey: BENCH_KEY, securityLevel: "advanced", rateLimit: false, logLevel: "off", timeoutMs: 600_000, env: {} },
    { product: "xdr", clientName: "bench", clientVersion: "0.0.0", operations },
  );
  async function sdk() {
    let count = 0;
    for await (const row of client.streamNdjson("xql.get_query_results_stream", { stream_id: "s", is_gzip_compressed: true })) if (row._id !== undefined) count += 1;
    return count;
  }
  async function timed(side) {
    const started = performance.now();
    const count = await side();
    if (count !== ROWS) throw new Error(`read ${count} rows, expected ${ROWS}`);
    return performance.now() - started;
  }
  const rawTimes = [];
  const sdkTimes = [];
  const roundRatios = [];
  try {
    await timed(raw);
    await timed(sdk);
    for (let round = 0; round < Number(values.rounds); round++) {
      const first = await timed(raw);
      const [second, third] = [await timed(sdk), await timed(sdk)];
      const fourth = await timed(raw);
      rawTimes.push(first, fourth);
      sdkTimes.push(second, third);
      roundRatios.push((first + fourth) / (second + third));
    }
  } finally {
    await client.close();
    await agent.close();
    stop();
  }
  const rowsPerSecond = (ms) => Math.round(ROWS / (ms / 1000));
  const sdkRate = rowsPerSecond(median(sdkTimes));
  const rawRate = rowsPerSecond(median(rawTimes));
  const ratio = Math.round(median(roundRatios) * 100) / 100;
  return [{ name: `XQL stream, ${ROWS.toLocaleString("en")} gzip NDJSON rows`, value: sdkRate, unit: "rows/s", floor: rawRate, floorName: "gunzip + split + JSON.parse", ratio, goal: "≥ 0.85×", pass: ratio >= 0.85 }];
}
