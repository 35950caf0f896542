#!/usr/bin/env node
// Load benchmark for @cortex-sdk/emulator: requests per second for a list call
// (POST /public_api/v1/incidents/get_incidents, one page of 25 incidents) from
// concurrent keep-alive clients on loopback, and the emulator's RSS after a
// sustained run. A bare node:http server answering the same bytes is measured
// in the same run as the baseline, and the ratio is reported.
//
//   pnpm --filter @cortex-sdk/emulator build
//   node bench/emulator-load.mjs [--duration 10] [--sustain 60] [--connections 16] [--warmup 5] [--json]
//
// Servers run in child processes (so their RSS is their own); the load loop
// runs here with undici (falling back to node:http when undici is not found).
// BENCH_CPU_PROF=emulator (or baseline) writes a CPU profile of that server to /tmp/prof.
import { fork } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { Agent, request as httpRequest } from "node:http";
import { createRequire } from "node:module";
import { pathToFileURL, fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const EMULATOR_DIST = fileURLToPath(new URL("../packages/emulator/dist/index.js", import.meta.url));
const PATH = "/public_api/v1/incidents/get_incidents";
const BODY = JSON.stringify({ request_data: {} });

// ---------------------------------------------------------------- servers (child processes)

async function serve(kind, payload) {
  let server;
  if (kind === "emulator") {
    const { startEmulator } = await import(pathToFileURL(EMULATOR_DIST).href);
    // The tenant-wide limit (the vendor's 10 a second, on by default) would make this measure the limiter.
    server = await startEmulator({ port: 0, seed: 1, rateLimits: { perSecond: null } });
    process.send({ url: server.url, keys: server.bootstrapKeys });
  } else {
    const { createServer } = await import("node:http");
    const bytes = Buffer.from(payload, "utf8");
    const http = createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        res.writeHead(200, { "Content-Type": "application/json", "Content-Length": bytes.length, Date: new Date().toUTCString() });
        res.end(bytes);
      });
    });
    await new Promise((resolve) => http.listen(0, "127.0.0.1", resolve));
    process.send({ url: `http://127.0.0.1:${http.address().port}` });
  }
  process.on("message", (message) => {
    if (message === "exit") process.exit(0);
    if (message === "rss") {
      const before = process.memoryUsage();
      globalThis.gc?.();
      const after = process.memoryUsage();
      process.send({ rss: before.rss, rssAfterGc: after.rss, heapUsedAfterGc: after.heapUsed });
    }
  });
}

function startServer(kind, payload = "") {
  const child = fork(fileURLToPath(import.meta.url), ["--serve", kind], {
    execArgv: ["--expose-gc", ...(process.env.BENCH_CPU_PROF === kind ? ["--cpu-prof", "--cpu-prof-dir=/tmp/prof"] : [])],
    env: { ...process.env, BENCH_PAYLOAD: payload },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  return new Promise((resolve, reject) => {
    child.once("message", (info) => resolve({ child, ...info }));
    child.once("exit", (code) => reject(new Error(`${kind} server exited with ${code}`)));
  });
}

function askRss(child) {
  return new Promise((resolve) => {
    child.once("message", resolve);
    child.send("rss");
  });
}

// ---------------------------------------------------------------- clients

function headersFor(key, auth) {
  if (key === undefined) return { "content-type": "application/json" };
  if (auth === "standard") return { "content-type": "application/json", "x-xdr-auth-id": key.keyId, authorization: key.key };
  // 64 hex characters are 64 alphanumerics: valid, and cheap for the client.
  const nonce = randomBytes(32).toString("hex");
  const timestamp = String(Date.now());
  return {
    "content-type": "application/json",
    "x-xdr-auth-id": key.keyId,
    "x-xdr-nonce": nonce,
    "x-xdr-timestamp": timestamp,
    authorization: createHash("sha256").update(key.key + nonce + timestamp).digest("hex"),
  };
}

async function loadClient(url, connections) {
  try {
    const require = createRequire(new URL("../packages/core/package.json", import.meta.url));
    const { Pool } = await import(pathToFileURL(require.resolve("undici")).href);
    const pool = new Pool(url, { connections, pipelining: 1, keepAliveTimeout: 60_000 });
    return {
      name: "undici",
      async send(headers) {
        const { statusCode, body } = await pool.request({ method: "POST", path: PATH, headers, body: BODY });
        await body.dump({ limit: Number.MAX_SAFE_INTEGER });
        return statusCode;
      },
      close: () => pool.close(),
    };
  } catch {
    const agent = new Agent({ keepAlive: true, maxSockets: connections });
    const target = new URL(url);
    return {
      name: "node:http",
      send(headers) {
        return new Promise((resolve, reject) => {
          const req = httpRequest({ host: target.hostname, port: target.port, method: "POST", path: PATH, agent, headers: { ...headers, "content-length": Buffer.byteLength(BODY) } }, (res) => {
            res.resume();
            res.on("end", () => resolve(res.statusCode));
          });
          req.on("error", reject);
          req.end(BODY);
        });
      },
      close: async () => agent.destroy(),
    };
  }
}

async function run(url, { connections, seconds, key, auth }) {
  const client = await loadClient(url, connections);
  const statuses = new Map();
  const latencies = [];
  const end = performance.now() + seconds * 1000;
  let completed = 0;
  const worker = async () => {
    while (performance.now() < end) {
      const started = performance.now();
      const status = await client.send(headersFor(key, auth));
      const elapsed = performance.now() - started;
      if (latencies.length < 200_000) latencies.push(elapsed);
      else latencies[completed % 200_000] = elapsed;
      completed++;
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: connections }, worker));
  const elapsedSeconds = (performance.now() - started) / 1000;
  await client.close();
  latencies.sort((a, b) => a - b);
  const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0;
  return {
    client: client.name,
    requests: completed,
    rps: Math.round(completed / elapsedSeconds),
    p50ms: Number(pct(0.5).toFixed(2)),
    p99ms: Number(pct(0.99).toFixed(2)),
    statuses: Object.fromEntries(statuses),
  };
}

// ---------------------------------------------------------------- main

async function main() {
  const { values } = parseArgs({
    options: {
      serve: { type: "string" },
      duration: { type: "string", default: "10" },
      sustain: { type: "string", default: "60" },
      connections: { type: "string", default: "16" },
      warmup: { type: "string", default: "5" },
      rounds: { type: "string", default: "1" },
      json: { type: "boolean", default: false },
    },
  });
  if (values.serve !== undefined) return serve(values.serve, process.env.BENCH_PAYLOAD ?? "");
  if (!existsSync(EMULATOR_DIST)) {
    console.error("Build the emulator first: pnpm --filter @cortex-sdk/emulator build");
    process.exit(1);
  }
  const seconds = Number(values.duration);
  const sustain = Number(values.sustain);
  const connections = Number(values.connections);
  const warmup = Number(values.warmup);
  const log = (text) => values.json || console.error(text);

  const emulator = await startServer("emulator");
  const admin = emulator.keys[0];
  // A standard key for the main runs (the bootstrap key is advanced).
  const generated = await fetch(`${emulator.url}/public_api/v1/api_keys/generate`, {
    method: "POST",
    headers: headersFor(admin, "advanced"),
    body: JSON.stringify({ request_data: { roles: ["Viewer"], security_level: "standard" } }),
  });
  const { reply } = await generated.json();
  const reader = { keyId: String(reply.id), key: reply.key };
  const sample = await fetch(emulator.url + PATH, { method: "POST", headers: headersFor(reader, "standard"), body: BODY });
  if (sample.status !== 200) throw new Error(`get_incidents answered ${sample.status}`);
  const payload = await sample.text();
  const baseline = await startServer("baseline", payload);
  const idle = await askRss(emulator.child);
  log(`payload ${Buffer.byteLength(payload)} bytes; ${connections} keep-alive connections; ${seconds}s per run after a ${warmup}s warm-up`);

  await run(baseline.url, { connections, seconds: warmup });
  await run(emulator.url, { connections, seconds: warmup, key: reader, auth: "standard" });
  // Alternating rounds, median of each side: machine noise hits both alike.
  const bases = [];
  const standards = [];
  for (let round = 0; round < Number(values.rounds); round++) {
    bases.push(await run(baseline.url, { connections, seconds }));
    standards.push(await run(emulator.url, { connections, seconds, key: reader, auth: "standard" }));
  }
  const medianRun = (runs) => [...runs].sort((a, b) => a.rps - b.rps)[Math.floor(runs.length / 2)];
  const base = medianRun(bases);
  const standard = medianRun(standards);
  log(`baseline (bare node:http, same bytes): ${base.rps} req/s, p50 ${base.p50ms} ms, p99 ${base.p99ms} ms`);
  log(`emulator get_incidents, standard key: ${standard.rps} req/s (${(standard.rps / base.rps).toFixed(2)}x baseline), p50 ${standard.p50ms} ms, p99 ${standard.p99ms} ms, statuses ${JSON.stringify(standard.statuses)}`);
  const advanced = await run(emulator.url, { connections, seconds, key: admin, auth: "advanced" });
  log(`emulator get_incidents, advanced key (client signs every request): ${advanced.rps} req/s (${(advanced.rps / base.rps).toFixed(2)}x baseline), p50 ${advanced.p50ms} ms, p99 ${advanced.p99ms} ms, statuses ${JSON.stringify(advanced.statuses)}`);
  // The sustained run in slices, sampling RSS after each: the series shows whether memory levels off.
  const slices = sustain > 0 ? Math.max(1, Math.round(sustain / 10)) : 0;
  const rssSeries = [];
  const parts = [];
  for (let slice = 0; slice < slices; slice++) {
    parts.push(await run(emulator.url, { connections, seconds: sustain / slices, key: reader, auth: "standard" }));
    rssSeries.push((await askRss(emulator.child)).rss);
  }
  const after = await askRss(emulator.child);
  const sustainedRequests = parts.reduce((sum, part) => sum + part.requests, 0);
  const sustainedStatuses = {};
  for (const part of parts) for (const [status, count] of Object.entries(part.statuses)) sustainedStatuses[status] = (sustainedStatuses[status] ?? 0) + count;
  const sustained = { requests: sustainedRequests, rps: sustain > 0 ? Math.round(sustainedRequests / sustain) : 0, statuses: sustainedStatuses };
  log(`sustained ${sustain}s (standard key): ${sustained.rps} req/s, ${sustained.requests} requests, statuses ${JSON.stringify(sustained.statuses)}`);
  const mb = (bytes) => Number((bytes / 1024 / 1024).toFixed(1));
  log(`emulator RSS: idle ${mb(idle.rss)} MB; during the sustained run ${rssSeries.map(mb).join(" → ")} MB; at the end ${mb(after.rssAfterGc)} MB after GC (heap ${mb(after.heapUsedAfterGc)} MB)`);
  const result = {
    node: process.version,
    payloadBytes: Buffer.byteLength(payload),
    connections,
    seconds,
    baseline: base,
    standard: { ...standard, ratio: Number((standard.rps / base.rps).toFixed(3)) },
    advanced: { ...advanced, ratio: Number((advanced.rps / base.rps).toFixed(3)) },
    sustained: { ...sustained, seconds: sustain },
    rssMb: { idle: mb(idle.rss), series: rssSeries.map(mb), afterSustained: mb(after.rss), afterSustainedGc: mb(after.rssAfterGc) },
  };
  if (values.json) {
    const ratio = result.standard.ratio;
    console.log(
      JSON.stringify([
        { name: "emulator list call (get_incidents, 36 KB)", value: standard.rps, unit: "req/s", floor: base.rps, floorName: "bare node:http, same bytes", ratio, goal: "≥ 0.6×", pass: ratio >= 0.6 },
        { name: "emulator list call, advanced key", value: advanced.rps, unit: "req/s", floor: base.rps, floorName: "bare node:http, same bytes", ratio: result.advanced.ratio, goal: "" },
      ]),
    );
  } else console.log(JSON.stringify(result));
  emulator.child.send("exit");
  baseline.child.send("exit");
}

await main();
