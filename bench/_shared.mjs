// Helpers shared by the benchmarks (bench/run.mjs skips files starting with "_").
import { fork } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";

/** The advanced key every loopback benchmark signs with (the servers do not check it). */
export const BENCH_KEY = "BenchKey".repeat(16);
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** The undici copy @cortex-sdk/core uses, so the floor and the SDK run the same HTTP client. */
export async function coreUndici() {
  const path = createRequire(new URL("../packages/core/package.json", import.meta.url)).resolve("undici");
  return import(pathToFileURL(path).href);
}

/** What a careful hand-written caller sends per request with an advanced key: a fresh nonce, time and hash. */
export function signedHeaders(keyId = "1", key = BENCH_KEY) {
  const bytes = randomBytes(64);
  let nonce = "";
  for (let i = 0; i < 64; i++) nonce += ALPHABET[bytes[i] % 62];
  const timestamp = String(Date.now());
  return { authorization: createHash("sha256").update(key + nonce + timestamp).digest("hex"), "x-xdr-auth-id": keyId, "x-xdr-nonce": nonce, "x-xdr-timestamp": timestamp };
}

/**
 * Runs `moduleUrl` again with `--serve` (plus `args`) in a child process, which answers with its port.
 *
 * @returns {Promise<{ baseUrl: string, stop: () => void }>}
 */
export async function serveInChild(moduleUrl, args = []) {
  const child = fork(fileURLToPath(moduleUrl), ["--serve", ...args], { stdio: "inherit" });
  const port = await new Promise((resolve) => child.once("message", resolve));
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    stop: () => {
      child.disconnect();
      child.kill();
    },
  };
}

/** In the `--serve` child: listen on a loopback port, tell the parent, and exit with it. */
export function listenForParent(server) {
  server.keepAliveTimeout = 60_000;
  server.listen(0, "127.0.0.1", () => process.send?.(server.address().port));
  process.on("disconnect", () => process.exit(0));
}

/** Prints figures as JSON (`--json`) or one line each. */
export function printFigures(figures, json) {
  if (json) console.log(JSON.stringify(figures));
  else for (const figure of figures) console.log(`${figure.name}: ${figure.value} ${figure.unit} vs ${figure.floor} ${figure.unit} (${figure.floorName}): ${figure.ratio}× (goal ${figure.goal})`);
}

export function median(list) {
  return [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
}

export function round2(value) {
  return Math.round(value * 100) / 100;
}
