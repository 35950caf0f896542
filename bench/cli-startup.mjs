#!/usr/bin/env node
// Startup time of `cxctl --help`, `cxctl xdr incidents list --help` (builds the XDR command tree) and one
// Tab of shell completion (`cxctl __complete`), against `node -e 0`, measured in the same run. Uses hyperfine when it is installed, else a loop of N runs
// per command, interleaved so machine noise hits every command alike; reports the median and the ratio.
//
//   pnpm --filter @cortex-sdk/cli build && node bench/cli-startup.mjs [--runs 30] [--json]
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const args = process.argv.slice(2);
const runsIndex = args.indexOf("--runs");
const RUNS = runsIndex === -1 ? 30 : Number(args[runsIndex + 1]);
const JSON_OUTPUT = args.includes("--json");
const BIN = fileURLToPath(new URL("../apps/cli/dist/bin.js", import.meta.url));
const node = process.execPath;
const commands = [
  { name: "node -e 0", argv: ["-e", "0"] },
  { name: "cxctl --help", argv: [BIN, "--help"], goal: "≤ 1.5×", max: 1.5 },
  { name: "cxctl xdr incidents list --help", argv: [BIN, "xdr", "incidents", "list", "--help"], goal: "≤ 2×", max: 2 },
  // What one Tab runs: the completion scripts call `cxctl __complete -- <words>`.
  { name: "completion, one Tab (cxctl xdr inc<Tab>)", argv: [BIN, "__complete", "--", "xdr", "inc"], goal: "≤ 150 ms", maxMs: 150 },
];

function hyperfine() {
  const found = spawnSync("hyperfine", ["--version"], { encoding: "utf8" });
  if (found.status !== 0) return undefined;
  const dir = mkdtempSync(join(tmpdir(), "cxctl-bench-"));
  const out = join(dir, "result.json");
  try {
    execFileSync("hyperfine", ["--warmup", "3", "--runs", String(RUNS), "--export-json", out, "-N", ...commands.map((command) => [node, ...command.argv].map((part) => JSON.stringify(part)).join(" "))], { stdio: "ignore" });
    const result = JSON.parse(readFileSync(out, "utf8"));
    return { tool: `hyperfine, ${RUNS} runs`, medians: result.results.map((entry) => entry.median * 1000) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function loop() {
  const samples = commands.map(() => []);
  for (let warm = 0; warm < 3; warm++) for (const command of commands) spawnSync(node, command.argv, { stdio: "ignore" });
  for (let run = 0; run < RUNS; run++) {
    for (const [index, command] of commands.entries()) {
      const started = process.hrtime.bigint();
      const result = spawnSync(node, command.argv, { stdio: "ignore" });
      if (result.status !== 0) throw new Error(`${command.name} exited ${result.status}`);
      samples[index].push(Number(process.hrtime.bigint() - started) / 1e6);
    }
  }
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  return { tool: `Node spawnSync loop, ${RUNS} interleaved runs each`, medians: samples.map(median) };
}

const measured = hyperfine() ?? loop();
const baseline = measured.medians[0];
const rows = commands.map((command, index) => ({ command: command.name, medianMs: Number(measured.medians[index].toFixed(1)), ratio: Number((measured.medians[index] / baseline).toFixed(2)), overMs: Number((measured.medians[index] - baseline).toFixed(1)) }));
if (JSON_OUTPUT) {
  const figures = commands.slice(1).map((command, index) => {
    const row = rows[index + 1];
    const pass = command.maxMs === undefined ? row.ratio <= command.max : row.medianMs <= command.maxMs;
    return { name: command.name, value: row.medianMs, unit: "ms", floor: rows[0].medianMs, floorName: "node -e 0", ratio: row.ratio, goal: command.goal, pass };
  });
  console.log(JSON.stringify(figures));
}
else {
  console.log(`${measured.tool}, Node ${process.version}`);
  for (const row of rows) console.log(`${row.command.padEnd(42)} ${String(row.medianMs).padStart(7)} ms  ${row.ratio.toFixed(2)}x  (+${row.overMs} ms)`);
}
