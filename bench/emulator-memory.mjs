#!/usr/bin/env node
// Emulator memory while paging large data: an emulator in a child process seeded with `--alerts` alerts (one
// XDR tenant, no rate limit), paged through in full with `alerts.get_alerts` (100 a page, standard key), and
// its RSS read afterwards. The floor is the same emulator's RSS right after start-up with the same data.
//
//   pnpm --filter @cortex-sdk/emulator build && node bench/emulator-memory.mjs [--alerts 100000] [--json]
import { fork } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { alerts: { type: "string", default: "100000" }, json: { type: "boolean", default: false }, serve: { type: "boolean", default: false } } });
const ALERTS = Number(values.alerts);
const PATH = "/public_api/v1/alerts/get_alerts";

if (values.serve) {
  const { startEmulator } = await import(pathToFileURL(fileURLToPath(new URL("../packages/emulator/dist/index.js", import.meta.url))).href);
  const emulator = await startEmulator({ port: 0, seed: 1, rateLimits: { perSecond: null }, xdrState: { alerts: ALERTS } });
  const key = emulator.bootstrapKeys.find((candidate) => candidate.product === "xdr") ?? emulator.bootstrapKeys[0];
  process.send({ url: emulator.url, key: { keyId: key.keyId, key: key.key } });
  process.on("message", (message) => {
    if (message === "exit") process.exit(0);
    if (message === "rss") {
      const before = process.memoryUsage().rss;
      globalThis.gc?.();
      process.send({ rss: before, rssAfterGc: process.memoryUsage().rss, heapAfterGc: process.memoryUsage().heapUsed });
    }
  });
} else {
  const child = fork(fileURLToPath(import.meta.url), ["--serve", "--alerts", String(ALERTS)], { execArgv: ["--expose-gc"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const { url, key } = await new Promise((resolve, reject) => {
    child.once("message", resolve);
    child.once("exit", (code) => reject(new Error(`emulator exited with ${code}`)));
  });
  const ask = () => new Promise((resolve) => {
    child.once("message", resolve);
    child.send("rss");
  });
  const headers = () => {
    const nonce = randomBytes(32).toString("hex");
    const timestamp = String(Date.now());
    return { "content-type": "application/json", "x-xdr-auth-id": key.keyId, "x-xdr-nonce": nonce, "x-xdr-timestamp": timestamp, authorization: createHash("sha256").update(key.key + nonce + timestamp).digest("hex") };
  };
  const idle = await ask();
  let seen = 0;
  let peak = 0;
  // total_count stops at the service's 9,999 cap, so page until a short page, as the SDK's paginator does.
  for (let from = 0; from < ALERTS; from += 100) {
    const answer = await fetch(url + PATH, { method: "POST", headers: headers(), body: JSON.stringify({ request_data: { search_from: from, search_to: from + 100 } }) });
    if (answer.status !== 200) throw new Error(`get_alerts answered ${answer.status}: ${(await answer.text()).slice(0, 200)}`);
    const { reply } = await answer.json();
    seen += reply.alerts.length;
    if (reply.alerts.length < 100) break;
    if (from % 10_000 === 0) peak = Math.max(peak, (await ask()).rss);
  }
  const after = await ask();
  child.send("exit");
  const mb = (bytes) => Math.round((bytes / 2 ** 20) * 10) / 10;
  peak = Math.max(peak, after.rss);
  const result = { alerts: seen, idleMb: mb(idle.rssAfterGc), afterMb: mb(after.rss), afterGcMb: mb(after.rssAfterGc), peakMb: mb(peak), heapAfterGcMb: mb(after.heapAfterGc) };
  if (values.json) {
    console.log(JSON.stringify([{ name: `emulator RSS after paging ${seen.toLocaleString("en")} alerts`, value: result.afterMb, unit: "MB", floor: result.idleMb, floorName: "same emulator after start-up", ratio: Math.round((result.afterMb / result.idleMb) * 100) / 100, goal: "≤ 200 MB", pass: result.afterMb <= 200 }]));
  } else {
    console.log(`paged ${seen} alerts; emulator RSS ${result.idleMb} MB after start-up, ${result.afterMb} MB after paging (peak ${result.peakMb} MB, ${result.afterGcMb} MB after GC, heap ${result.heapAfterGcMb} MB)`);
  }
}
