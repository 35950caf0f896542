#!/usr/bin/env node
// Pipeline overhead and memory of @cortex-sdk/core while paging 100,000 items, against a baseline measured
// in the same run: a raw undici request() loop over the same server with the same keep-alive Agent.
//
//   pnpm --filter @cortex-sdk/core build && node --expose-gc bench/core-pagination.mjs [--items 100000] [--rounds 9] [--json]
//
// The server runs in a child process so it does not share the event loop with the code measured. A round runs
// baseline, SDK, SDK, baseline (each a whole iteration over every item), so that a drift in machine load
// within the round weighs on both sides alike; the round's ratio is the baseline's time over the SDK's, both
// summed over the round, and the figure is the median of the rounds' ratios (paired, rather than the ratio
// of two medians taken from rounds seconds apart), shown with its spread (the lowest and highest round ratio).
// With --expose-gc every run starts from a collected heap, so that one side's garbage is not collected in
// the other side's time. The times and rates shown are each side's median run.
// Memory comes from one extra run per side that collects garbage first (with --expose-gc) and samples the
// heap after every page, since both distort the time. Both
// sides send the same request bodies, read and parse the same replies and touch every item; the SDK side
// also signs every request with an advanced key (fresh nonce, SHA-256), unwraps the envelope,
// de-duplicates at page boundaries and checks for repeated pages. The client-side rate limit is off
// (it would measure the limit, not the pipeline).
import { fork } from "node:child_process";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(`--${name}`);
  return index === -1 ? fallback : Number(args[index + 1]);
};
const ITEMS = option("items", 100_000);
const ROUNDS = option("rounds", 9);
const PAGE = 100;
const JSON_OUTPUT = args.includes("--json");

if (args[0] === "serve") {
  // Child process: an offset-paged incidents endpoint.
  const server = createServer((request, response) => {
    const chunks = [];
    request.on("data", (chunk) => chunks.push(chunk));
    request.on("end", () => {
      const { request_data: data } = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      const incidents = [];
      for (let id = data.search_from; id < Math.min(data.search_to, ITEMS); id++) {
        incidents.push({ incident_id: String(id + 1), incident_name: `Incident ${id + 1}`, severity: "high", status: "new", creation_time: 1_700_000_000_000 + id, alert_count: id % 7, host_count: 1, description: "Suspicious process execution on a managed host" });
      }
      const body = JSON.stringify({ reply: { total_count: ITEMS, result_count: incidents.length, incidents } });
      response.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
      response.end(body);
    });
  });
  server.listen(0, "127.0.0.1", () => process.send?.(server.address().port));
  process.on("disconnect", () => process.exit(0));
} else {
  await main();
}

async function main() {
  // The undici copy core itself uses, so both sides run the same HTTP client.
  const undiciPath = createRequire(new URL("../packages/core/package.json", import.meta.url)).resolve("undici");
  const { Agent, request } = await import(pathToFileURL(undiciPath).href);
  const core = await import(new URL("../packages/core/dist/index.js", import.meta.url).href).catch(() => {
    console.error("Build @cortex-sdk/core first: pnpm --filter @cortex-sdk/core build");
    process.exit(2);
  });
  const child = fork(fileURLToPath(import.meta.url), ["serve", "--items", String(ITEMS)], { stdio: "inherit" });
  const port = await new Promise((resolve) => child.once("message", resolve));
  const baseUrl = `http://127.0.0.1:${port}`;
  const operations = [
    {
      id: "incidents.get_incidents",
      products: ["xdr"],
      method: "POST",
      path: "/public_api/v1/incidents/get_incidents",
      requestEnvelope: "request_data",
      replyEnvelope: "reply",
      replyKind: "object",
      pagination: { kind: "offset", maxPageSize: PAGE, itemsField: "incidents", totalField: "total_count", idField: "incident_id" },
      retrySafety: "read",
      async: "none",
      limits: {},
    },
  ];

  const memory = () => {
    globalThis.gc?.();
    return process.memoryUsage().heapUsed;
  };

  // `sampleMemory`: collect garbage first (when --expose-gc) and sample the heap after every page. Timing
  // runs do neither, since both distort the time.
  async function baseline(sampleMemory = false) {
    const agent = new Agent({ keepAliveTimeout: 10_000 });
    const headers = { "content-type": "application/json", accept: "application/json", "accept-encoding": "gzip" };
    let count = 0;
    let calls = 0;
    let peak = 0;
    const before = sampleMemory ? memory() : 0;
    const started = performance.now();
    for (let from = 0; ; from += PAGE) {
      const answer = await request(`${baseUrl}/public_api/v1/incidents/get_incidents`, { method: "POST", headers, body: JSON.stringify({ request_data: { search_from: from, search_to: from + PAGE } }), dispatcher: agent });
      const { reply } = await answer.body.json();
      calls += 1;
      for (const item of reply.incidents) if (item.incident_id !== undefined) count += 1;
      if (sampleMemory) peak = Math.max(peak, process.memoryUsage().heapUsed);
      if (reply.incidents.length < PAGE || from + PAGE >= reply.total_count) break;
    }
    const ms = performance.now() - started;
    await agent.close();
    return { ms, calls, count, peakHeap: peak - before };
  }

  async function sdk(sampleMemory = false) {
    const client = new core.CortexClient(
      { baseUrl, apiKeyId: 1, apiKey: "BenchKey".repeat(16), securityLevel: "advanced", rateLimit: false, logLevel: "off", env: {} },
      { product: "xdr", clientName: "bench", clientVersion: "0.0.0", operations },
    );
    let count = 0;
    let peak = 0;
    const before = sampleMemory ? memory() : 0;
    const started = performance.now();
    let calls = 0;
    for await (const page of client.paginate("incidents.get_incidents", {}).pages()) {
      calls += 1;
      for (const item of page.items) if (item.incident_id !== undefined) count += 1;
      if (sampleMemory) peak = Math.max(peak, process.memoryUsage().heapUsed);
    }
    const ms = performance.now() - started;
    await client.close();
    return { ms, calls, count, peakHeap: peak - before };
  }

  // Warm up both paths (JIT, connections), then rounds of baseline, SDK, SDK, baseline.
  await baseline();
  await sdk();
  // Each timed run starts from a collected heap (outside its time), so neither side pays for the other's garbage.
  const timed = (run) => {
    globalThis.gc?.();
    return run();
  };
  const results = { baseline: [], sdk: [] };
  const roundRatios = [];
  for (let round = 0; round < ROUNDS; round++) {
    const first = await timed(baseline);
    const second = await timed(sdk);
    const third = await timed(sdk);
    const fourth = await timed(baseline);
    results.baseline.push(first, fourth);
    results.sdk.push(second, third);
    roundRatios.push((first.ms + fourth.ms) / (second.ms + third.ms));
  }
  const memoryRuns = { baseline: await baseline(true), sdk: await sdk(true) };
  child.disconnect();
  child.kill();

  const middle = (values) => {
    const sorted = [...values].sort((a, b) => a - b);
    const half = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? sorted[half] : (sorted[half - 1] + sorted[half]) / 2;
  };
  const median = (runs, key) => middle(runs.map((run) => run[key]));
  // Baseline time over SDK time, paired within each round: above 1 when the SDK is faster.
  const pairedRatio = middle(roundRatios);
  const spread = [Math.min(...roundRatios), Math.max(...roundRatios)].map((ratio) => Math.round(ratio * 100) / 100);
  const b = { ms: median(results.baseline, "ms"), peakHeap: memoryRuns.baseline.peakHeap, calls: results.baseline[0].calls, count: results.baseline[0].count };
  const s = { ms: median(results.sdk, "ms"), peakHeap: memoryRuns.sdk.peakHeap, calls: results.sdk[0].calls, count: results.sdk[0].count };
  if (b.count !== ITEMS || s.count !== ITEMS) {
    console.error(`item count mismatch: baseline ${b.count}, sdk ${s.count}, expected ${ITEMS}`);
    process.exit(1);
  }
  const perCall = (run) => (run.ms * 1000) / run.calls;
  const summary = {
    node: process.version,
    items: ITEMS,
    pages: s.calls,
    rounds: ROUNDS,
    gcExposed: typeof globalThis.gc === "function",
    baseline: { totalMs: round1(b.ms), usPerCall: round1(perCall(b)), peakHeapMB: round1(b.peakHeap / 2 ** 20) },
    sdk: { totalMs: round1(s.ms), usPerCall: round1(perCall(s)), peakHeapMB: round1(s.peakHeap / 2 ** 20) },
    overheadUsPerCall: round1(perCall(s) - perCall(b)),
    // SDK throughput over the raw loop's (the baseline's time over the SDK's): the goal is ≥ 0.9.
    ratio: Math.round(pairedRatio * 100) / 100,
    spread,
    roundRatios: roundRatios.map((ratio) => Math.round(ratio * 100) / 100),
    heapRatio: Math.round((s.peakHeap / Math.max(1, b.peakHeap)) * 100) / 100,
  };
  if (JSON_OUTPUT) {
    const itemsPerSecond = (run) => Math.round(run.count / (run.ms / 1000));
    const ratio = Math.round(pairedRatio * 100) / 100;
    console.log(
      JSON.stringify([
        { name: `iterate ${ITEMS.toLocaleString("en")} items, plain server`, value: itemsPerSecond(s), unit: "items/s", floor: itemsPerSecond(b), floorName: "raw undici loop", ratio, spread, rounds: ROUNDS, roundRatios: summary.roundRatios, goal: "≥ 0.9×", pass: ratio >= 0.9 },
        { name: "iterate: peak heap growth", value: summary.sdk.peakHeapMB, unit: "MB", floor: summary.baseline.peakHeapMB, floorName: "raw undici loop", ratio: summary.heapRatio, goal: "" },
      ]),
    );
    return;
  }
  console.log(`core pagination: ${ITEMS.toLocaleString("en")} items in ${s.calls} pages of ${PAGE}, ${ROUNDS} rounds of baseline, SDK, SDK, baseline, node ${process.version}${summary.gcExposed ? "" : " (run with --expose-gc for steadier memory numbers)"}`);
  console.log(`  baseline  undici request() loop   ${pad(summary.baseline.totalMs)} ms  ${pad(summary.baseline.usPerCall)} µs/call  peak heap +${summary.baseline.peakHeapMB} MB`);
  console.log(`  sdk       CortexClient.paginate   ${pad(summary.sdk.totalMs)} ms  ${pad(summary.sdk.usPerCall)} µs/call  peak heap +${summary.sdk.peakHeapMB} MB`);
  console.log(`  pipeline overhead: ${summary.overheadUsPerCall} µs per call; peak heap ratio ${summary.heapRatio}x`);
  console.log(`  throughput ratio (baseline time / SDK time, median of the rounds' paired ratios): ${summary.ratio}x, spread ${spread[0]}–${spread[1]} (rounds: ${summary.roundRatios.join(", ")})`);
}

function round1(value) {
  return Math.round(value * 10) / 10;
}

function pad(value) {
  return String(value).padStart(8);
}
