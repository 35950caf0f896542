#!/usr/bin/env node
// The client limiter against the emulator's: `--callers` concurrent calls spread over `--clients` clients of
// one tenant, the emulator counting `--rate` requests a second per tenant (its sliding window) and every
// client configured with the same rate. Reports the rate the requests went out at (it should be within 2 %
// of the configured rate) and how many 429s the emulator answered (it should be 0). Retries are off, so a
// 429 cannot hide behind a retry.
//
//   pnpm --filter @cortex-sdk/emulator --filter @cortex-sdk/core build
//   node bench/limiter-rate.mjs [--callers 200] [--clients 4] [--rate 50] [--cold] [--json]
//
// Like the other benchmarks it warms up first (one window of calls, then a pause of one window); `--cold`
// measures from the very first call, connection set-up and all.
//
// Importable: `measureLimiterRate({ callers, clients, rate, warmup })` resolves with
// { callers, clients, configuredPerSecond, measuredPerSecond, ratio, medianRoundTripMs, boundPerSecond,
//   ratioToBound, busiestWindow, status429, otherErrors, seconds }.
//
// The limiter holds a permit until one window after the request's answer started (provably no 429s: the
// service counts a request when it arrives, at the latest when it answers), so the most it can send is
// rate × window / (window + round trip); the second figure is the send rate against that bound, with the
// round trip measured in the same run.
import { fork } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { median } from "./_shared.mjs";

const root = new URL("../", import.meta.url);

const OPERATIONS = [
  {
    id: "incidents.get_incidents",
    products: ["xdr"],
    method: "POST",
    path: "/public_api/v1/incidents/get_incidents",
    requestEnvelope: "request_data",
    replyEnvelope: "reply",
    replyKind: "object",
    pagination: { kind: "none" },
    retrySafety: "read",
    async: "none",
    limits: {},
  },
];

/**
 * Runs the measurement once.
 *
 * @param {{ callers?: number, clients?: number, rate?: number }} [options]
 * @returns {Promise<{ callers: number, clients: number, configuredPerSecond: number, measuredPerSecond: number, ratio: number, status429: number, otherErrors: number, seconds: number }>}
 */
// The emulator runs in a child process, as a service would run elsewhere: in this process it would compete
// with the clients for the event loop and make their timers late.
async function startEmulatorProcess(rate) {
  const child = fork(fileURLToPath(import.meta.url), ["--serve", String(rate)], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const info = await new Promise((resolve, reject) => {
    child.once("message", resolve);
    child.once("exit", (code) => reject(new Error(`emulator exited with ${code}`)));
  });
  return { ...info, close: () => new Promise((resolve) => { child.once("exit", resolve); child.send("exit"); }) };
}

export async function measureLimiterRate({ callers = 200, clients = 4, rate = 50, warmup = true } = {}) {
  if (callers < 2 * rate) throw new RangeError(`measureLimiterRate needs at least two windows of callers (${2 * rate} at ${rate}/s) to measure a steady rate`);
  const core = await import(new URL("packages/core/dist/index.js", root).href);
  const emulator = await startEmulatorProcess(rate);
  const { key } = emulator;
  const sent = [];
  const roundTrips = [];
  let measuring = false;
  const statuses = [];
  const tenantClients = Array.from({ length: clients }, () => {
    const client = new core.CortexClient(
      { baseUrl: emulator.url, apiKeyId: key.keyId, apiKey: key.key, securityLevel: "advanced", rateLimit: { requests: rate, perMs: 1_000 }, retry: { maxRetries: 0 }, logLevel: "off", env: {} },
      { product: "xdr", clientName: "bench", clientVersion: "0.0.0", operations: OPERATIONS },
    );
    // Right where each attempt goes out, after the limiter; and when its answer starts (the moment the
    // limiter's permit starts its last window: the latest the service can have counted the request).
    client.middleware.add(
      "record",
      async (context, next) => {
        const at = performance.now();
        if (measuring) {
          sent.push(at);
          const answered = context.onAnswerStarted;
          context.onAnswerStarted = () => {
            roundTrips.push(performance.now() - at);
            answered?.();
          };
        }
        try {
          const result = await next(context);
          statuses.push(result.response.status);
          return result;
        } catch (error) {
          statuses.push(error?.status ?? 0);
          throw error;
        }
      },
      { before: "sign" },
    );
    return client;
  });
  try {
    if (warmup) {
      // One window's worth of calls first, so the measured windows do not pay for opening connections and
      // compiling code on both sides (the first burst's round trip was 200-350 ms, every later one a few ms);
      // then a pause until those calls have left every window, the limiter's and the emulator's. Their
      // statuses count (a 429 here is a 429), their send times do not.
      await Promise.allSettled(Array.from({ length: rate }, (_, index) => tenantClients[index % clients].request("incidents.get_incidents", {})));
      await new Promise((resolve) => setTimeout(resolve, 1_100));
    }
    measuring = true;
    await Promise.allSettled(Array.from({ length: callers }, (_, index) => tenantClients[index % clients].request("incidents.get_incidents", {})));
  } finally {
    await Promise.all(tenantClients.map((client) => client.close()));
    await emulator.close();
  }
  const seconds = (Math.max(...sent) - Math.min(...sent)) / 1000;
  // A sliding window lets a whole window's worth go at once, so the steady rate is what went out after the
  // first window's worth, over the time from the first request to the last.
  const measuredPerSecond = (sent.length - rate) / seconds;
  // The most requests sent within any one window: what the service's sliding window would count at its fullest.
  const times = [...sent].sort((a, b) => a - b);
  let busiestWindow = 0;
  for (let first = 0, last = 0; last < times.length; last += 1) {
    while (times[last] - times[first] >= 1_000) first += 1;
    busiestWindow = Math.max(busiestWindow, last - first + 1);
  }
  // What a limiter that never lets the service count more than the limit can reach: it holds each permit
  // until one window after the answer started (the service counts a request somewhere between its sending
  // and its answer), so a slot serves one request per window plus round trip. Measured in this run.
  const medianRoundTripMs = median(roundTrips);
  const boundPerSecond = (rate * 1_000) / (1_000 + medianRoundTripMs);
  return {
    busiestWindow,
    callers,
    clients,
    configuredPerSecond: rate,
    measuredPerSecond: Math.round(measuredPerSecond * 100) / 100,
    ratio: Math.round((measuredPerSecond / rate) * 1000) / 1000,
    medianRoundTripMs: Math.round(medianRoundTripMs * 100) / 100,
    boundPerSecond: Math.round(boundPerSecond * 100) / 100,
    ratioToBound: Math.round((measuredPerSecond / boundPerSecond) * 1000) / 1000,
    status429: statuses.filter((status) => status === 429).length,
    otherErrors: statuses.filter((status) => status !== 429 && status !== 200).length,
    seconds: Math.round(seconds * 100) / 100,
  };
}

/**
 * The figures of one run in the bench format.
 *
 * @param {Awaited<ReturnType<typeof measureLimiterRate>>} result
 */
export function limiterFigures(result) {
  return [
    { name: `limiter: send rate, ${result.callers} callers on ${result.clients} clients`, value: result.measuredPerSecond, unit: "req/s", floor: result.configuredPerSecond, floorName: "configured rate", ratio: result.ratio, goal: "≥ 0.98×", pass: result.ratio >= 0.98 },
    {
      name: "limiter: send rate against the 429-free bound",
      value: result.measuredPerSecond,
      unit: "req/s",
      floor: result.boundPerSecond,
      floorName: `rate × window / (window + median round trip ${result.medianRoundTripMs} ms), same run`,
      ratio: result.ratioToBound,
      goal: "≥ 0.98×",
      pass: result.ratioToBound >= 0.98,
    },
    { name: "limiter: 429s from the emulator", value: result.status429, unit: "429s", floor: 0, floorName: "none", ratio: null, goal: "0", pass: result.status429 === 0 },
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href && process.argv[2] === "--serve") {
  const { startEmulator } = await import(new URL("packages/emulator/dist/index.js", root).href);
  const emulator = await startEmulator({ port: 0, seed: 1, incidentCount: 3, rateLimits: { perSecond: Number(process.argv[3]) } });
  const key = emulator.bootstrapKeys[0];
  process.send({ url: emulator.url, key: { keyId: key.keyId, key: key.key } });
  process.on("message", async (message) => {
    if (message === "exit") {
      await emulator.close();
      process.exit(0);
    }
  });
} else if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { values } = parseArgs({ options: { callers: { type: "string", default: "200" }, clients: { type: "string", default: "4" }, rate: { type: "string", default: "50" }, cold: { type: "boolean", default: false }, json: { type: "boolean", default: false } } });
  const result = await measureLimiterRate({ callers: Number(values.callers), clients: Number(values.clients), rate: Number(values.rate), warmup: !values.cold });
  if (values.json) console.log(JSON.stringify(limiterFigures(result)));
  else {
    console.log(`limiter: ${result.callers} callers on ${result.clients} clients of one tenant, ${result.configuredPerSecond}/s configured in the clients and the emulator`);
    console.log(`  sent at ${result.measuredPerSecond}/s (${result.ratio}× the configured rate) over ${result.seconds} s; 429s: ${result.status429}; other errors: ${result.otherErrors}`);
    console.log(`  429-free bound at a median round trip of ${result.medianRoundTripMs} ms: ${result.boundPerSecond}/s (${result.ratioToBound}× of it)`);
  }
}
