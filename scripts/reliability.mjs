#!/usr/bin/env node
// `pnpm run reliability`: the SDK and the emulator probed from outside, one line per figure, exit 1 when a
// figure misses. Loopback only, bounded in count and time (a few minutes on a busy 2-core machine).
//
//   pnpm run build && node scripts/reliability.mjs [--json] [--only paging,unsafe,fuzz,auth,limiters,kill]
//
// Each emulator runs in a child process (this file with `child`), so a crash is seen as an exit, the
// emulator's event loop is measured on its own, and `kill -9` is real.
import { fork } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const root = new URL("../", import.meta.url);
const dist = (path) => new URL(path, root).href;

// ---------------------------------------------------------------------------------------------------------
// Child: one emulator, reporting its URL and keys, counting unexpected errors (the undocumented 5xx) and
// measuring its own event-loop delay on request.
async function child(options) {
  // The limiter's own decisions, on its own clock: every tryAcquire of the sliding windows (a loaded
  // machine delays answers by seconds, so the callers' clocks cannot tell when a request was admitted).
  const admitted = [];
  if (options.recordAdmissions === true) {
    const { SlidingWindow } = await import(dist("packages/emulator/dist/limits/window.js"));
    const tryAcquire = SlidingWindow.prototype.tryAcquire;
    const ids = new Map();
    SlidingWindow.prototype.tryAcquire = function (now) {
      const decision = tryAcquire.call(this, now);
      if (!ids.has(this)) ids.set(this, ids.size);
      admitted.push({ window: ids.get(this), at: now, status: decision.ok ? 200 : 429 });
      return decision;
    };
    delete options.recordAdmissions;
  }
  const { startEmulator } = await import(dist("packages/emulator/dist/index.js"));
  let unexpected = 0;
  const emulator = await startEmulator({ ...options, port: 0, onError: () => (unexpected += 1) });
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  process.on("message", (message) => {
    if (message === "stats") process.send?.({ unexpected, admitted, maxDelayMs: histogram.max / 1e6, p99DelayMs: histogram.percentile(99) / 1e6 });
    if (message === "reset-delay") {
      histogram.reset();
      histogram.enable();
      process.send?.("ok");
    }
    if (message === "close") void emulator.close().then(() => process.exit(0));
  });
  process.on("disconnect", () => process.exit(0));
  process.send?.({ url: emulator.url, keys: emulator.bootstrapKeys });
}

/** Starts an emulator child; resolves once it listens. */
async function startChild(options) {
  const proc = fork(fileURLToPath(import.meta.url), ["child", JSON.stringify(options)], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  let exit;
  const exited = new Promise((resolve) => proc.once("exit", (code, signal) => resolve((exit = { code, signal }))));
  const ready = await Promise.race([new Promise((resolve) => proc.once("message", resolve)), exited.then(() => undefined)]);
  if (ready === undefined) throw new Error(`emulator child exited before listening (${JSON.stringify(exit)})`);
  const ask = (message) =>
    new Promise((resolve, reject) => {
      proc.once("message", resolve);
      exited.then(() => reject(new Error("emulator child exited")));
      proc.send(message);
    });
  return {
    url: ready.url,
    keys: ready.keys,
    proc,
    exited,
    alive: () => exit === undefined,
    stats: () => ask("stats"),
    resetDelay: () => ask("reset-delay"),
    async close() {
      if (exit !== undefined) return;
      proc.send("close");
      await exited;
    },
    async kill() {
      proc.kill("SIGKILL");
      await exited;
    },
  };
}

const keyOf = (emulator, product) => {
  const key = emulator.keys.find((candidate) => candidate.product === product);
  if (key === undefined) throw new Error(`no ${product} key`);
  return key;
};

function signed(key, now = Date.now(), nonce = randomNonce()) {
  if (key.securityLevel === "standard") return { "x-xdr-auth-id": key.keyId, authorization: key.key };
  const timestamp = String(now);
  return {
    "x-xdr-auth-id": key.keyId,
    "x-xdr-nonce": nonce,
    "x-xdr-timestamp": timestamp,
    authorization: createHash("sha256").update(key.key + nonce + timestamp).digest("hex"),
  };
}

function randomNonce(length = 64) {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  return [...randomBytes(length)].map((byte) => alphabet[byte % alphabet.length]).join("");
}

async function post(url, path, headers, body, method = "POST") {
  const response = await fetch(url + path, {
    method,
    headers: { "content-type": "application/json", ...headers },
    ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
  });
  const text = await response.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, text, json };
}

/** A client of the built SDK for one bootstrap key. */
async function sdkClient(emulator, product, overrides = {}) {
  const { XdrClient } = await import(dist("packages/xdr/dist/index.js"));
  const key = keyOf(emulator, product);
  return new XdrClient({ baseUrl: emulator.url, apiKeyId: key.keyId, apiKey: key.key, securityLevel: key.securityLevel, logLevel: "off", env: {}, ...overrides });
}

// ---------------------------------------------------------------------------------------------------------
// Figures. Each returns { name, ok, text }.

async function pagingFigure() {
  const items = 10_000;
  const path = "/public_api/v1/incidents/get_incidents";
  const emulator = await startChild({
    seed: 7,
    tenants: [{ id: "tenant-xdr-1", product: "xdr", incidentCount: items }],
    rateLimits: { perSecond: null, operations: [] },
    faults: [
      { name: "429", path, probability: 0.034, fault: { kind: "status", status: 429 } },
      { name: "503", path, probability: 0.034, fault: { kind: "status", status: 503 } },
      { name: "reset", path, probability: 0.034, fault: { kind: "reset" } },
    ],
  });
  const client = await sdkClient(emulator, "xdr", { rateLimit: false, retry: { maxRetries: 8, baseDelayMs: 1, maxDelayMs: 20 } });
  let attempts = 0;
  client.middleware.add("count", (context, next) => ((attempts += 1), next(context)), { before: "send" });
  const seen = new Map();
  let failure;
  try {
    for await (const incident of client.paginate("incidents.get_incidents", {})) {
      seen.set(incident.incident_id, (seen.get(incident.incident_id) ?? 0) + 1);
    }
  } catch (error) {
    failure = error;
  }
  await client.close();
  await emulator.close();
  const repeated = [...seen.values()].filter((count) => count > 1).length;
  const pages = Math.ceil(items / 100);
  const injected = attempts - pages;
  const ok = failure === undefined && seen.size === items && repeated === 0;
  return {
    name: "paging",
    ok,
    text: `paging: ${seen.size}/${items} items, ${repeated} repeated, ${items - seen.size} missing, over ${attempts} requests for ${pages} pages (${injected} injected 429/503/reset, ${((injected / attempts) * 100).toFixed(1)} %)${failure === undefined ? "" : `; failed: ${failure.message}`}`,
  };
}

async function unsafeFigure() {
  const path = "/public_api/v1/api_keys/generate";
  const failures = [
    { label: "reset", fault: { kind: "reset" }, error: "CortexConnectionLostError" },
    { label: "truncated answer", fault: { kind: "truncate" }, error: "CortexConnectionLostError" },
    { label: "502", fault: { kind: "status", status: 502 }, error: "CortexServerError" },
    { label: "503", fault: { kind: "status", status: 503 }, error: "CortexServerError" },
    { label: "504", fault: { kind: "status", status: 504 }, error: "CortexServerError" },
    { label: "no answer (header timeout)", fault: { kind: "latency", ms: 2_500 }, error: "CortexTimeoutError" },
  ];
  const perKind = 5;
  const problems = [];
  let calls = 0;
  for (const failure of failures) {
    // One emulator per failure kind, every request to the operation failing that way.
    const emulator = await startChild({ seed: 3, rateLimits: { perSecond: null, operations: [] }, faults: [{ path, fault: failure.fault }] });
    const client = await sdkClient(emulator, "xdr", { rateLimit: false, headersTimeoutMs: 1_000, retry: { maxRetries: 5, baseDelayMs: 1, maxDelayMs: 5 } });
    let sent = 0;
    client.middleware.add("count", (context, next) => ((sent += 1), next(context)), { before: "send" });
    for (let index = 0; index < perKind; index++) {
      const before = sent;
      const error = await client.request("api_keys.generate", { roles: ["Viewer"], security_level: "standard" }).then(
        () => undefined,
        (caught) => caught,
      );
      calls += 1;
      if (sent - before !== 1) problems.push(`${failure.label}: sent ${sent - before} times`);
      else if (error?.constructor?.name !== failure.error) problems.push(`${failure.label}: ${error?.constructor?.name ?? "no error"} instead of ${failure.error}`);
    }
    await client.close();
    await emulator.close();
  }
  return {
    name: "unsafe",
    ok: problems.length === 0,
    text: `unsafe writes: ${calls} api_keys.generate calls under ${failures.map((f) => f.label).join(", ")}: ${calls - problems.length}/${calls} sent once with the typed error${problems.length === 0 ? "" : `; ${problems.slice(0, 3).join("; ")}`}`,
  };
}

async function fuzzFigure() {
  const total = 10_000;
  const emulator = await startChild({ seed: 11, rateLimits: { perSecond: null, operations: [] } });
  const xdr = keyOf(emulator, "xdr");
  const xsoar6 = emulator.keys.find((key) => key.product === "xsoar6");
  const paths = [
    "/public_api/v1/incidents/get_incidents",
    "/public_api/v1/alerts/get_alerts",
    "/public_api/v1/alerts/update_alerts",
    "/public_api/v1/endpoints/get_endpoint",
    "/public_api/v1/endpoints/isolate",
    "/public_api/v1/api_keys/generate",
    "/public_api/v1/api_keys/get_api_keys",
    "/public_api/v1/xql/start_xql_query",
    "/public_api/v1/xql/get_query_results",
    "/public_api/v1/healthcheck",
    "/public_api/v1/indicators/insert_jsons",
    "/public_api/v1/nope",
    "/xsoar/public/v1/incidents/search",
    "/platform/iam/v1/api-key/1",
    "/../../etc/passwd",
    "/public_api/v1/incidents/get_incidents?%%%",
    "/%ff%fe",
    "/",
  ];
  const methods = ["POST", "POST", "POST", "GET", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"];
  const random = mulberry32(20_261_201);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const junk = () => {
    const values = [null, true, 0, -1, 1e308, "", "x".repeat(Math.floor(random() * 300)), [], {}, ["1", 2, null], { field: "x" }, "constructor", "__proto__"];
    return pick(values);
  };
  const bodies = [
    () => "",
    () => "{",
    () => "null",
    () => "[]",
    () => "\u0000\u0001\u0002",
    () => JSON.stringify({ request_data: junk() }),
    () => JSON.stringify({ request_data: { filters: [{ field: pick(["alert_id_list", "status", "x", "__proto__"]), operator: pick(["in", "eq", "gte", "nope"]), value: junk() }] } }),
    () => JSON.stringify({ request_data: { filters: [{ field: "alert_id_list", operator: "in", value: Array.from({ length: 10_000 }, (_, i) => String(i)) }] } }),
    () => JSON.stringify({ request_data: { filters: [{ field: "alert_id_list", operator: "in", value: Array.from({ length: 10_001 }, (_, i) => String(i)) }] } }),
    () => JSON.stringify({ request_data: { search_from: junk(), search_to: junk(), sort: { field: junk(), keyword: junk() } } }),
    () => JSON.stringify({ request_data: { roles: junk(), security_level: junk(), comment: "c".repeat(Math.floor(random() * 2_000)) } }),
    () => JSON.stringify({ request_data: { alert_id_list: junk(), update_data: junk(), endpoint_id_list: junk(), query: junk() } }),
    () => "[".repeat(5_000) + "]".repeat(5_000),
    () => JSON.stringify({ request_data: { x: "y".repeat(300_000) } }),
    () => JSON.stringify({ filter: junk(), page: junk(), size: junk() }),
  ];
  const headerSets = [
    () => signed(xdr),
    () => signed(xdr),
    () => ({}),
    () => ({ "x-xdr-auth-id": "999999", authorization: "nope" }),
    () => ({ "x-xdr-auth-id": xdr.keyId, authorization: "0".repeat(64), "x-xdr-nonce": "short", "x-xdr-timestamp": "yesterday" }),
    () => (xsoar6 === undefined ? {} : { authorization: xsoar6.key }),
    () => ({ ...signed(xdr), "x-child-tenant-id": pick(["nope", "tenant-xsiam-child-1", ""]) }),
  ];
  const contentTypes = ["application/json", "application/json", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", ""];
  const stackTrace = /\bat [\w$.<>]+ \(|\bat file:|node:internal|\.(?:ts|js):\d+:\d+/;
  let done = 0;
  let stackTraces = 0;
  let transportErrors = 0;
  const statuses = new Map();
  const raw = [
    "CONNECT example.com:443 HTTP/1.1\r\nHost: example.com\r\n\r\n",
    "THIS IS NOT HTTP\r\n\r\n",
    "GET / HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n",
    `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`,
    "POST /public_api/v1/incidents/get_incidents HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n",
  ];
  // Warm-up: the first call of each surface builds its seeded world lazily (a one-time start-up cost,
  // not a request's own work), so every path is called once before the event loop is measured.
  for (const path of paths) await post(emulator.url, path, signed(xdr), { request_data: {} }).catch(() => undefined);
  await emulator.resetDelay();
  const one = async (index) => {
    if (index % 50 === 0) {
      const answer = await rawExchange(emulator.url, raw[(index / 50) % raw.length]);
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      if (stackTrace.test(answer)) stackTraces += 1;
      return;
    }
    const method = pick(methods);
    const contentType = pick(contentTypes);
    const body = method === "GET" || method === "HEAD" ? undefined : pick(bodies)();
    try {
      const response = await fetch(emulator.url + pick(paths), {
        method,
        headers: { ...pick(headerSets)(), ...(contentType === "" ? {} : { "content-type": contentType }) },
        ...(body === undefined ? {} : { body }),
      });
      const text = await response.text();
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      if (stackTrace.test(text)) stackTraces += 1;
    } catch {
      transportErrors += 1;
    }
  };
  const concurrency = 8;
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const index = next++;
        await one(index);
        done += 1;
      }
    }),
  );
  const { unexpected, maxDelayMs, p99DelayMs } = await emulator.stats();
  // The event-loop figure of a shared, busy machine includes time the process was not scheduled at all, so
  // the same monitor also runs over an idle stretch as a floor, and each hostile request's own work is
  // measured the robust way: the fastest of several sequential round trips, minus the fastest healthcheck.
  await emulator.resetDelay();
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const idle = await emulator.stats();
  const hostile = {
    "10 000-id filter": JSON.stringify({ request_data: { filters: [{ field: "alert_id_list", operator: "in", value: Array.from({ length: 10_000 }, (_, i) => String(100_000 + i)) }] } }),
    "10 001-id filter (400)": JSON.stringify({ request_data: { filters: [{ field: "alert_id_list", operator: "in", value: Array.from({ length: 10_001 }, (_, i) => String(100_000 + i)) }] } }),
    "1 MiB of ids (413)": JSON.stringify({ request_data: { filters: [{ field: "alert_id_list", operator: "in", value: Array.from({ length: 120_000 }, (_, i) => String(100_000 + i)) }] } }),
    "256 Ki-character string": JSON.stringify({ request_data: { sort: { field: "x".repeat(262_144) } } }),
    "nesting 10 000 deep (400)": "[".repeat(10_000) + "]".repeat(10_000),
  };
  const fastest = async (path, body, method = "POST") => {
    let best = Infinity;
    for (let round = 0; round < 7; round++) {
      const started = performance.now();
      await post(emulator.url, path, signed(xdr), body, method).catch(() => undefined);
      best = Math.min(best, performance.now() - started);
    }
    return best;
  };
  const floor = await fastest("/public_api/v1/healthcheck", undefined, "GET");
  const costs = [];
  for (const [label, body] of Object.entries(hostile)) costs.push({ label, ms: Math.max(0, (await fastest("/public_api/v1/alerts/get_alerts", body)) - floor) });
  const worst = costs.reduce((a, b) => (b.ms > a.ms ? b : a));
  const alive = emulator.alive();
  const health = alive ? await post(emulator.url, "/public_api/v1/healthcheck", signed(xdr), undefined, "GET").catch(() => ({ status: 0 })) : { status: 0 };
  await emulator.close();
  const fiveHundreds = [...statuses].filter(([status]) => status >= 500).reduce((sum, [, count]) => sum + count, 0);
  const ok = alive && unexpected === 0 && stackTraces === 0 && health.status === 200 && transportErrors === 0 && !statuses.has(0);
  const blockOk = worst.ms <= 50;
  return [
    {
      name: "fuzz",
      ok,
      text: `fuzz: ${done} requests (${raw.length} kinds of raw malformed HTTP among them): ${alive ? 0 : 1} crashes, ${stackTraces} stack traces, ${unexpected} undocumented 5xx (${fiveHundreds} documented 5xx envelopes: unknown routes and business errors), ${transportErrors} dropped connections; emulator still answers: ${health.status === 200 ? "yes" : "NO"}`,
    },
    {
      name: "event-loop",
      ok: blockOk,
      text:
        `event loop: the costliest hostile request (${worst.label}) holds it ${worst.ms.toFixed(1)} ms, limit 50 ms ` +
        `[${costs.map((cost) => `${cost.label} ${cost.ms.toFixed(1)}`).join(", ")}]; monitorEventLoopDelay under fuzzing: max ${maxDelayMs.toFixed(0)} ms, p99 ${p99DelayMs.toFixed(0)} ms, idle floor max ${idle.maxDelayMs.toFixed(0)} ms`,
    },
  ];
}

function rawExchange(url, bytes) {
  const { port, hostname } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname, () => socket.write(bytes));
    let text = "";
    socket.setTimeout(5_000, () => socket.destroy());
    socket.on("data", (chunk) => (text += chunk.toString()));
    socket.on("close", () => resolve(text));
    socket.on("error", () => undefined);
  });
}

async function authFigure() {
  const emulator = await startChild({ seed: 5, rateLimits: { perSecond: null, operations: [] } });
  const health = "/public_api/v1/healthcheck";
  const incidents = "/public_api/v1/incidents/get_incidents";
  const cortex = emulator.keys.filter((key) => key.authScheme === "cortex" && key.securityLevel === "advanced");
  const xsoar6 = emulator.keys.find((key) => key.product === "xsoar6");
  const rows = [];
  const expect = async (label, status, request) => {
    const answer = await request();
    rows.push({ label, ok: answer.status === status, got: answer.status, want: status });
  };
  for (const key of cortex) {
    const tag = key.product;
    const now = Date.now();
    await expect(`${tag} control: valid signature`, 200, () => post(emulator.url, health, signed(key), undefined, "GET"));
    await expect(`${tag} no headers`, 401, () => post(emulator.url, health, {}, undefined, "GET"));
    await expect(`${tag} unknown key id`, 401, () => post(emulator.url, health, signed({ ...key, keyId: "987654" }), undefined, "GET"));
    await expect(`${tag} wrong key`, 401, () => post(emulator.url, health, signed({ ...key, key: key.key.replace(/.$/, (c) => (c === "a" ? "b" : "a")) }), undefined, "GET"));
    await expect(`${tag} advanced key sent as standard`, 401, () => post(emulator.url, health, { "x-xdr-auth-id": key.keyId, authorization: key.key }, undefined, "GET"));
    await expect(`${tag} timestamp 10 min old`, 401, () => post(emulator.url, health, signed(key, now - 600_000), undefined, "GET"));
    await expect(`${tag} timestamp 10 min ahead`, 401, () => post(emulator.url, health, signed(key, now + 600_000), undefined, "GET"));
    await expect(`${tag} short nonce`, 401, () => post(emulator.url, health, signed(key, now, randomNonce(10)), undefined, "GET"));
    await expect(`${tag} non-numeric timestamp`, 401, () => post(emulator.url, health, { ...signed(key), "x-xdr-timestamp": "soon" }, undefined, "GET"));
    const replayed = signed(key);
    await expect(`${tag} first use of a nonce`, 200, () => post(emulator.url, health, replayed, undefined, "GET"));
    await expect(`${tag} replayed nonce`, 401, () => post(emulator.url, health, replayed, undefined, "GET"));
    await expect(`${tag} signature of another key`, 401, () => post(emulator.url, health, { ...signed(key), "x-xdr-auth-id": cortex.find((other) => other !== key)?.keyId ?? "1" }, undefined, "GET"));
  }
  // Deleted and expired keys, on the XDR tenant.
  const admin = keyOf(emulator, "xdr");
  const generate = async (extra) => (await post(emulator.url, "/public_api/v1/api_keys/generate", signed(admin), { request_data: { roles: ["Viewer"], security_level: "standard", ...extra } })).json.reply;
  const deleted = await generate({});
  await post(emulator.url, "/public_api/v1/api_keys/delete", signed(admin), { request_data: { filters: [{ field: "id", operator: "in", value: [deleted.id] }] } });
  await expect("xdr deleted key", 401, () => post(emulator.url, incidents, { "x-xdr-auth-id": String(deleted.id), authorization: deleted.key }, {}));
  const viewer = await generate({});
  await expect("xdr viewer key: key management forbidden", 403, () => post(emulator.url, "/public_api/v1/api_keys/generate", { "x-xdr-auth-id": String(viewer.id), authorization: viewer.key }, { request_data: { roles: ["Viewer"], security_level: "standard" } }));
  if (xsoar6 !== undefined) {
    await expect("xsoar6 control: raw key", 200, () => post(emulator.url, "/incidents/search", { authorization: xsoar6.key }, { filter: {} }));
    await expect("xsoar6 wrong key (403 CSRF)", 403, () => post(emulator.url, "/incidents/search", { authorization: "x".repeat(32) }, { filter: {} }));
  }
  await emulator.close();
  const passed = rows.filter((row) => row.ok).length;
  const missed = rows.filter((row) => !row.ok).map((row) => `${row.label}: ${row.got} not ${row.want}`);
  return {
    name: "auth",
    ok: missed.length === 0,
    text: `auth rejection matrix: ${passed}/${rows.length} (${((passed / rows.length) * 100).toFixed(0)} %) answered as expected, controls included${missed.length === 0 ? "" : `; ${missed.slice(0, 3).join("; ")}`}`,
  };
}

async function limiterFigures() {
  // The vendor's 10 a second: a rate a busy 2-core machine can always offer more than (at 50/s the figure
  // measured how fast the machine answered, not the limiters).
  const rate = 10;
  const callers = 200;
  // The emulator's limiter: 200 raw callers with no client limit, as fast as 429s allow.
  const emulator = await startChild({ seed: 2, incidentCount: 3, rateLimits: { perSecond: rate }, recordAdmissions: true });
  const xdr = keyOf(emulator, "xdr");
  let rejected = 0;
  const until = performance.now() + 6_500;
  await Promise.all(
    Array.from({ length: callers }, async () => {
      while (performance.now() < until) {
        const answer = await post(emulator.url, "/public_api/v1/healthcheck", signed(xdr), undefined, "GET").catch(() => ({ status: 0 }));
        // No pause after a 429: the next free slot must find a request waiting, or the figure measures
        // how fast this script reacts rather than what the limiter admits.
        if (answer.status !== 200) rejected += 1;
      }
    }),
  );
  const recorded = (await emulator.stats()).admitted;
  // The tenant-wide window is the one that decided the most.
  const perWindow = new Map();
  for (const decision of recorded) perWindow.set(decision.window, (perWindow.get(decision.window) ?? 0) + 1);
  const tenantWindow = [...perWindow].sort((a, b) => b[1] - a[1])[0]?.[0];
  const decisions = recorded.filter((decision) => decision.window === tenantWindow);
  await emulator.close();
  // Judge every decision against the limiter's record: an admission must leave at most `rate` admitted
  // in the last second, and a 429 must only come when the last second already holds `rate`.
  const admittedTimes = [];
  let busiest = 0;
  let wrongful = 0;
  let start = 0;
  for (const decision of decisions) {
    while (start < admittedTimes.length && admittedTimes[start] <= decision.at - 1_000) start++;
    const inWindow = admittedTimes.length - start;
    if (decision.status === 200) {
      admittedTimes.push(decision.at);
      busiest = Math.max(busiest, inWindow + 1);
    } else if (decision.status === 429 && inWindow < rate) wrongful += 1;
  }
  const emulatorRatio = busiest / rate;
  const emulatorOk = Math.abs(emulatorRatio - 1) <= 0.02 && wrongful <= Math.ceil(decisions.length * 0.02);
  const lines = [
    {
      name: "emulator-limiter",
      ok: emulatorOk,
      text: `emulator limiter: ${callers} callers, ${decisions.length} requests: at most ${busiest} admitted in any second against ${rate}/s configured (${((emulatorRatio - 1) * 100).toFixed(2)} %), ${rejected} answered 429, ${wrongful} of them while the window had room`,
    },
  ];
  // The client limiter, measured by perf's helper (bench/limiter-rate.mjs).
  const { measureLimiterRate } = await import(new URL("bench/limiter-rate.mjs", root).href);
  // At the vendor's 10/s, judged like the emulator's limiter: the fullest one-second window of sends must hold
  // the configured rate within 2 % and never more. The sustained rate sits a round trip per window below it by
  // design (a slot is held until a window after the answer started, so the service never counts more than
  // the limit), and the round trip grows on a busy machine (0.92× at load average 40, 0.99× idle); it must
  // stay above 0.85× so a limiter that starves callers still fails.
  const client = await measureLimiterRate({ callers, clients: 4, rate });
  const busiestRatio = client.busiestWindow / rate;
  const clientOk = busiestRatio >= 0.98 && busiestRatio <= 1 && client.ratio >= 0.85 && client.status429 === 0 && client.otherErrors === 0;
  lines.push({
    name: "client-limiter",
    ok: clientOk,
    text: `client limiter: ${client.callers} callers over ${client.clients} clients: at most ${client.busiestWindow} sent in any second against ${client.configuredPerSecond}/s configured (${((busiestRatio - 1) * 100).toFixed(2)} %), ${client.measuredPerSecond.toFixed(2)}/s sustained (${client.ratio}×), ${client.status429} 429s from the SDK's own traffic`,
  });
  return lines;
}

async function killFigure() {
  const cycles = 6;
  const dir = await mkdtemp(join(tmpdir(), "cortex-reliability-"));
  const acknowledged = [];
  let lost = 0;
  let torn = 0;
  let stale = 0;
  let adminKey;
  try {
    for (let cycle = 0; cycle < cycles; cycle++) {
      const emulator = await startChild({ seed: 9, dataDir: dir, rateLimits: { perSecond: null, operations: [] } });
      adminKey ??= keyOf(emulator, "xdr");
      // The previous kill may have left temp files: the start must have removed them, and every key
      // acknowledged before any kill must still be there.
      const leftovers = (await readdir(dir)).filter((name) => name.includes(".tmp-"));
      stale += leftovers.length;
      const listed = await post(emulator.url, "/public_api/v1/api_keys/get_api_keys", signed(adminKey), { request_data: {} });
      if (listed.status !== 200) torn += 1;
      const ids = new Set((listed.json?.reply?.DATA ?? []).map((key) => key.id));
      lost += acknowledged.filter((id) => !ids.has(id)).length;
      // Writes in flight while the process is killed at a random moment.
      let writing = true;
      const writers = Array.from({ length: 4 }, async () => {
        while (writing) {
          const answer = await post(emulator.url, "/public_api/v1/api_keys/generate", signed(adminKey), { request_data: { roles: ["Viewer"], security_level: "standard", comment: `cycle ${cycle}` } }).catch(() => undefined);
          if (answer?.status === 200) acknowledged.push(answer.json.reply.id);
        }
      });
      await new Promise((resolve) => setTimeout(resolve, 300 + Math.floor(Math.random() * 500)));
      await emulator.kill();
      writing = false;
      await Promise.all(writers);
    }
    // A last clean start and stop: everything acknowledged is there, and nothing stale is left.
    const last = await startChild({ seed: 9, dataDir: dir, rateLimits: { perSecond: null, operations: [] } });
    const listed = await post(last.url, "/public_api/v1/api_keys/get_api_keys", signed(adminKey), { request_data: {} });
    const ids = new Set((listed.json?.reply?.DATA ?? []).map((key) => key.id));
    lost = Math.max(lost, acknowledged.filter((id) => !ids.has(id)).length);
    await last.close();
    stale += (await readdir(dir)).filter((name) => name.includes(".tmp-") || name === "emulator.lock").length;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return {
    name: "kill",
    ok: lost === 0 && torn === 0 && stale === 0 && acknowledged.length > 0,
    text: `kill -9: ${cycles} cycles, ${acknowledged.length} acknowledged writes, ${lost} lost, ${torn} unreadable states, ${stale} stale temp or lock files after restart`,
  };
}

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

async function main() {
  const { values } = parseArgs({ options: { json: { type: "boolean", default: false }, only: { type: "string" } } });
  const figures = { paging: pagingFigure, unsafe: unsafeFigure, fuzz: fuzzFigure, auth: authFigure, limiters: limiterFigures, kill: killFigure };
  const selected = values.only === undefined ? Object.keys(figures) : values.only.split(",");
  const results = [];
  const started = performance.now();
  for (const name of selected) {
    const run = figures[name];
    if (run === undefined) throw new Error(`unknown figure '${name}' (one of ${Object.keys(figures).join(", ")})`);
    let lines;
    try {
      lines = [await run()].flat();
    } catch (error) {
      lines = [{ name, ok: false, text: `${name}: could not run: ${error instanceof Error ? error.message : String(error)}` }];
    }
    for (const line of lines) {
      results.push(line);
      if (!values.json) console.log(`${line.ok ? "PASS" : "FAIL"}  ${line.text}`);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  if (values.json) console.log(JSON.stringify({ seconds, figures: results }, null, 2));
  else console.log(`reliability: ${results.filter((line) => line.ok).length}/${results.length} figures met in ${seconds.toFixed(0)} s`);
  process.exit(results.every((line) => line.ok) ? 0 : 1);
}

if (process.argv[2] === "child") await child(JSON.parse(process.argv[3] ?? "{}"));
else await main();
