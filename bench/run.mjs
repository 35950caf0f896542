#!/usr/bin/env node
// `pnpm run bench`: runs every benchmark in bench/ (each `bench/*.mjs` prints a JSON array of figures with
// `--json`), one after the other so they do not compete for the CPU, and prints one table: each figure, its
// floor measured in the same run, the ratio and the goal. Benchmarks are not tests: nothing here fails on a
// missed goal (the exit code is 1 only when a benchmark could not run).
//
//   pnpm run bench                       # build first, then every benchmark, ~5 min on 2 cores
//   node bench/run.mjs [--json] [--out results.json] [--only core-call,cli-startup] [--quick]
//
// A figure: { name, value, unit, floor, floorName, ratio, spread?, goal, pass? } where `ratio` compares the value
// to the floor (for times: value / floor; for rates: value / floor), `spread` is [lowest, highest] of the
// rounds' ratios when the ratio is their median, and `goal` says which way is good.
// --out writes { node, date, machine, figures } for comparing runs.
import { spawn } from "node:child_process";
import { readdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { json: { type: "boolean", default: false }, out: { type: "string" }, only: { type: "string" }, quick: { type: "boolean", default: false } } });
const here = fileURLToPath(new URL(".", import.meta.url));

// Bounded rounds so the whole run stays around five minutes on a two-core machine; `--quick` for a smoke run.
const ARGS = {
  "bundle-size": [],
  "install-size": [],
  "core-call": values.quick ? ["--calls", "500", "--rounds", "1"] : ["--calls", "3000", "--rounds", "5"],
  // Nine rounds: its paired ratios spread by ±0.1 or more on a shared machine, and the median of three moved with it.
  "core-pagination": values.quick ? ["--items", "5000", "--rounds", "1"] : ["--items", "100000", "--rounds", "9"],
  "xql-stream": values.quick ? ["--rows", "50000", "--rounds", "1"] : ["--rows", "1000000", "--rounds", "3"],
  "mssp": values.quick ? ["--tenants", "50", "--rounds", "1"] : ["--tenants", "500", "--rounds", "15"],
  "cli-startup": values.quick ? ["--runs", "3"] : ["--runs", "15"],
  "emulator-load": values.quick ? ["--duration", "1", "--warmup", "1", "--sustain", "0", "--connections", "8"] : ["--duration", "3", "--warmup", "2", "--sustain", "0", "--connections", "16", "--rounds", "3"],
  "emulator-memory": values.quick ? ["--alerts", "10000"] : ["--alerts", "100000"],
  "limiter-rate": values.quick ? ["--callers", "100", "--rate", "50"] : ["--callers", "200", "--rate", "50"],
  // The largest types modules (XSIAM, Cloud) are measured too: the goal holds for every product client.
  "types-consumer": values.quick ? ["--products", "xdr"] : ["--products", "xdr,xsiam,xsoar,cloud", "--rounds", "3"],
};
const ORDER = Object.keys(ARGS);
const found = readdirSync(here)
  .filter((file) => file.endsWith(".mjs") && file !== "run.mjs" && !file.startsWith("_"))
  .map((file) => file.slice(0, -".mjs".length));
const names = [...ORDER.filter((name) => found.includes(name)), ...found.filter((name) => !ORDER.includes(name)).sort()].filter((name) => values.only === undefined || values.only.split(",").includes(name));

function runOne(name) {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, ["--expose-gc", `${here}${name}.mjs`, ...(ARGS[name] ?? []), "--json"], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk) => (out += chunk));
    child.stderr.on("data", (chunk) => (err += chunk));
    child.on("close", (code) => {
      const seconds = Math.round((performance.now() - started) / 100) / 10;
      const last = out.trim().split("\n").at(-1) ?? "";
      try {
        const figures = JSON.parse(last);
        if (!Array.isArray(figures)) throw new Error("not an array of figures");
        resolve({ name, seconds, figures });
      } catch (error) {
        resolve({ name, seconds, figures: [], error: `exit ${code}: ${(err.trim().split("\n").slice(-3).join(" | ") || String(error)).slice(0, 300)}` });
      }
    });
  });
}

const results = [];
for (const name of names) {
  if (!values.json) process.stderr.write(`running ${name} ...`);
  const result = await runOne(name);
  results.push(result);
  if (!values.json) process.stderr.write(result.error === undefined ? ` ${result.seconds} s\n` : ` failed (${result.error})\n`);
}

const figures = results.flatMap((result) => result.figures.map((figure) => ({ bench: result.name, ...figure })));
const report = { node: process.version, date: new Date().toISOString(), machine: { cpus: cpus().length, loadAverage: loadavg().map((value) => Math.round(value * 10) / 10) }, figures, failed: results.filter((result) => result.error !== undefined).map(({ name, error }) => ({ name, error })) };
if (values.out !== undefined) writeFileSync(values.out, `${JSON.stringify(report, null, 2)}\n`);
if (values.json) console.log(JSON.stringify(report, null, 2));
else {
  const rows = figures.map((figure) => [figure.name, format(figure.value, figure.unit), figure.floorName === undefined ? "" : `${format(figure.floor, figure.unit)} (${figure.floorName})`, figure.ratio === null || figure.ratio === undefined ? "" : `${figure.ratio}×${Array.isArray(figure.spread) ? ` (${figure.spread[0]}–${figure.spread[1]})` : ""}`, figure.goal ?? "", figure.pass === undefined ? "" : figure.pass ? "yes" : "NO"]);
  const header = ["figure", "value", "floor (same run)", "ratio", "goal", "met"];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => String(row[column]).length)));
  const line = (cells) => cells.map((cell, column) => String(cell).padEnd(widths[column])).join(" | ");
  console.log(`Node ${process.version}, ${cpus().length} CPUs, load average ${report.machine.loadAverage.join(" ")} (ratios compare figures measured in the same run)`);
  console.log(line(header));
  console.log(widths.map((width) => "-".repeat(width)).join("-|-"));
  for (const row of rows) console.log(line(row));
  for (const failed of report.failed) console.log(`! ${failed.name}: ${failed.error}`);
}
process.exitCode = report.failed.length > 0 ? 1 : 0;

function format(value, unit) {
  if (value === null || value === undefined) return "";
  const number = typeof value === "number" ? (Math.abs(value) >= 100 ? Math.round(value).toLocaleString("en") : String(Math.round(value * 100) / 100)) : String(value);
  return unit === undefined ? number : `${number} ${unit}`;
}
