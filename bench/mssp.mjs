#!/usr/bin/env node
// MSSP fan-out: one call to each of `--tenants` child tenants through `XdrClient.fanOut()` (a derived client
// per child, requests carrying `x-child-tenant-id`, each child paced by its own limiter at the default 10 a
// second) against a raw loop with the same concurrency: signed undici requests with the same header over one
// keep-alive Agent. Then 10 calls to each of `--tenants / 10` children (all of them fit in the child's window,
// so the limits force no waiting) against the same raw loop.
//
// Steadiness: one round of 500 calls takes under 100 ms, so a single round reads the machine's load as much as the
// SDK. Floor and SDK rounds are interleaved (the order flips every round, so neither always runs second), there
// are 15 rounds after one warm-up pair, and the ratio reported is the median of the per-round ratios (SDK round
// over the floor round run next to it), which cancels load that drifts slower than a pair of rounds. The ms shown
// are the medians of each side. The floor itself is unchanged.
//
//   pnpm --filter @cortex-sdk/xdr build && node bench/mssp.mjs [--tenants 500] [--rounds 15] [--json]
import { createServer } from "node:http";
import { parseArgs } from "node:util";
import { BENCH_KEY, coreUndici, listenForParent, median, printFigures, serveInChild, signedHeaders } from "./_shared.mjs";

const { values } = parseArgs({ options: { tenants: { type: "string", default: "500" }, rounds: { type: "string", default: "15" }, concurrency: { type: "string", default: "16" }, json: { type: "boolean", default: false }, serve: { type: "boolean", default: false } } });
const TENANTS = Number(values.tenants);
const CONCURRENCY = Number(values.concurrency);
const PATH = "/public_api/v1/healthcheck";

if (values.serve) {
  const server = createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      const body = JSON.stringify({ status: "available", tenant: request.headers["x-child-tenant-id"] ?? null });
      response.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
      response.end(body);
    });
  });
  listenForParent(server);
} else {
  printFigures(await run(), values.json);
}

async function run() {
  const { Agent, request } = await coreUndici();
  const { XdrClient } = await import(new URL("../packages/xdr/dist/index.js", import.meta.url).href);
  const { baseUrl, stop } = await serveInChild(import.meta.url);
  const agent = new Agent({ keepAliveTimeout: 10_000 });

  async function rawCall(tenant) {
    const headers = { accept: "application/json", "accept-encoding": "gzip", ...signedHeaders(), "x-child-tenant-id": tenant };
    const answer = await request(`${baseUrl}${PATH}`, { method: "GET", headers, dispatcher: agent });
    const reply = JSON.parse(await answer.body.text());
    if (reply.tenant !== tenant) throw new Error("wrong tenant");
  }
  async function rawLoop(tenants, callsEach) {
    const jobs = tenants.flatMap((tenant) => Array.from({ length: callsEach }, () => tenant));
    let next = 0;
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY * callsEach, jobs.length) }, async () => {
      while (next < jobs.length) await rawCall(jobs[next++]);
    }));
  }
  const parent = new XdrClient({ baseUrl, apiKeyId: 1, apiKey: BENCH_KEY, securityLevel: "advanced", logLevel: "off", env: {} });
  async function sdkLoop(tenants, callsEach) {
    const outcomes = await parent.fanOut(
      tenants.map((childTenantId) => ({ childTenantId })),
      async (tenant, target) => {
        await Promise.all(Array.from({ length: callsEach }, async () => {
          const reply = await tenant.request("healthcheck", undefined);
          if (reply.tenant !== target.childTenantId) throw new Error("wrong tenant");
        }));
      },
      { concurrency: CONCURRENCY },
    );
    const failed = outcomes.find((outcome) => !outcome.ok);
    if (failed !== undefined) throw failed.error;
  }
  async function timed(loop, tenants, callsEach) {
    const started = performance.now();
    await loop(tenants, callsEach);
    return performance.now() - started;
  }

  const figures = [];
  try {
    // Fresh child ids per round, so every round makes its limiters and clients anew, as a new run would.
    let generation = 0;
    const ids = (count) => {
      generation += 1;
      return Array.from({ length: count }, (_, index) => `child-${generation}-${index}`);
    };
    for (const [tenantCount, callsEach] of [[TENANTS, 1], [Math.max(1, Math.round(TENANTS / 10)), 10]]) {
      await timed(rawLoop, ids(tenantCount), callsEach);
      await timed(sdkLoop, ids(tenantCount), callsEach);
      const raw = [];
      const sdk = [];
      for (let round = 0; round < Number(values.rounds); round++) {
        if (round % 2 === 0) {
          raw.push(await timed(rawLoop, ids(tenantCount), callsEach));
          sdk.push(await timed(sdkLoop, ids(tenantCount), callsEach));
        } else {
          sdk.push(await timed(sdkLoop, ids(tenantCount), callsEach));
          raw.push(await timed(rawLoop, ids(tenantCount), callsEach));
        }
      }
      const sdkMs = median(sdk);
      const rawMs = median(raw);
      const ratio = Math.round(median(sdk.map((ms, round) => ms / raw[round])) * 100) / 100;
      figures.push({
        name: callsEach === 1 ? `MSSP: one call to each of ${tenantCount} child tenants` : `MSSP: ${callsEach} calls to each of ${tenantCount} child tenants`,
        value: Math.round(sdkMs),
        unit: "ms",
        floor: Math.round(rawMs),
        floorName: callsEach === 1 ? `raw loop, ${CONCURRENCY} at once` : "raw loop (the limits force no wait: 10 fit the window)",
        ratio,
        goal: "≤ 1.2×",
        pass: ratio <= 1.2,
      });
    }
  } finally {
    await parent.close();
    await agent.close();
    stop();
  }
  return figures;
}
