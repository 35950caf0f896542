#!/usr/bin/env node
// One SDK call against a raw signed undici request() + JSON.parse on the same loopback server, at 1 and 32
// calls in flight. Both sides sign every request with an advanced key (fresh nonce, SHA-256) and read and
// parse the same reply; the SDK side also runs its pipeline (serialize, retry, sign, error mapping,
// deserialize, envelope). The client-side rate limit is off (it would measure the limit).
//
//   pnpm --filter @cortex-sdk/core build && node bench/core-call.mjs [--calls 4000] [--rounds 5] [--json]
//
// Figures: throughput of the SDK over throughput of the raw loop (goal ≥ 0.85×).
import { createServer } from "node:http";
import { parseArgs } from "node:util";
import { BENCH_KEY, coreUndici, listenForParent, median, printFigures, round2, serveInChild, signedHeaders } from "./_shared.mjs";

const { values } = parseArgs({ options: { calls: { type: "string", default: "4000" }, rounds: { type: "string", default: "5" }, json: { type: "boolean", default: false }, serve: { type: "boolean", default: false } } });
const CALLS = Number(values.calls);
const ROUNDS = Number(values.rounds);
const PATH = "/public_api/v1/incidents/get_incident_extra_data";
const REPLY = JSON.stringify({ reply: { incident: { incident_id: "1", incident_name: "Incident 1", severity: "high", status: "new", creation_time: 1_700_000_000_000, alert_count: 3, host_count: 1, description: "Suspicious process execution on a managed host" }, alerts: { total_count: 0, data: [] } } });

if (values.serve) {
  const body = Buffer.from(REPLY);
  const server = createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      response.writeHead(200, { "content-type": "application/json", "content-length": body.length });
      response.end(body);
    });
  });
  listenForParent(server);
} else {
  printFigures(await run(), values.json);
}

/** Runs the benchmark and returns its figures. */
export async function run({ calls = CALLS, rounds = ROUNDS } = {}) {
  const { Agent, request } = await coreUndici();
  const core = await import(new URL("../packages/core/dist/index.js", import.meta.url).href);
  const { baseUrl, stop } = await serveInChild(import.meta.url);
  const operations = [
    { id: "incidents.get_incident_extra_data", products: ["xdr"], method: "POST", path: PATH, requestEnvelope: "request_data", replyEnvelope: "reply", replyKind: "object", pagination: { kind: "none" }, retrySafety: "read", async: "none", limits: {} },
  ];

  // The floor: what a careful hand-written caller does per request.
  const agent = new Agent({ keepAliveTimeout: 10_000 });
  async function rawCall() {
    const headers = { "content-type": "application/json", accept: "application/json", "accept-encoding": "gzip", ...signedHeaders() };
    const answer = await request(`${baseUrl}${PATH}`, { method: "POST", headers, body: JSON.stringify({ request_data: { incident_id: "1" } }), dispatcher: agent });
    const parsed = JSON.parse(await answer.body.text());
    if (parsed.reply.incident.incident_id !== "1") throw new Error("bad reply");
  }
  const client = new core.CortexClient(
    { baseUrl, apiKeyId: 1, apiKey: BENCH_KEY, securityLevel: "advanced", rateLimit: false, logLevel: "off", env: {} },
    { product: "xdr", clientName: "bench", clientVersion: "0.0.0", operations },
  );
  async function sdkCall() {
    const reply = await client.request("incidents.get_incident_extra_data", { incident_id: "1" });
    if (reply.incident.incident_id !== "1") throw new Error("bad reply");
  }

  async function timed(call, inFlight) {
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: inFlight }, async () => {
        while (next < calls) {
          next += 1;
          await call();
        }
      }),
    );
    return performance.now() - started;
  }

  const figures = [];
  try {
    for (const inFlight of [1, 32]) {
      await timed(rawCall, inFlight);
      await timed(sdkCall, inFlight);
      const raw = [];
      const sdk = [];
      // Alternating which side goes first, so neither always runs on a warmer (or busier) machine.
      for (let round = 0; round < rounds; round++) {
        if (round % 2 === 0) {
          raw.push(await timed(rawCall, inFlight));
          sdk.push(await timed(sdkCall, inFlight));
        } else {
          sdk.push(await timed(sdkCall, inFlight));
          raw.push(await timed(rawCall, inFlight));
        }
      }
      const rawPerSecond = calls / (median(raw) / 1000);
      const sdkPerSecond = calls / (median(sdk) / 1000);
      figures.push({ name: `SDK call, ${inFlight} in flight`, value: Math.round(sdkPerSecond), unit: "calls/s", floor: Math.round(rawPerSecond), floorName: "raw signed undici.request + JSON.parse", ratio: round2(sdkPerSecond / rawPerSecond), goal: "≥ 0.85×", pass: sdkPerSecond / rawPerSecond >= 0.85 });
    }
  } finally {
    await client.close();
    await agent.close();
    stop();
  }
  return figures;
}
