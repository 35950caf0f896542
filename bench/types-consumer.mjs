#!/usr/bin/env node
// What a user's type-check pays for the SDK: a small consumer that imports one product client and makes a
// few calls, checked by `tsc --extendedDiagnostics` without and with `skipLibCheck`, against the same
// consumer without the SDK (only @types/node), in the same run. Nothing is packed: the consumer's
// node_modules links to the built workspace packages, so run `pnpm run build` first.
//
//   node bench/types-consumer.mjs [--products xdr,xsoar] [--rounds 1] [--json]
//
// Figures per product: tsc's own "Total time" from --extendedDiagnostics (what the issue asks for: reading,
// binding and checking, without Node's start-up) without and with skipLibCheck (goals ≤ 5 s and ≤ 1 s on two
// cores). The consumer is set up as a Node project is (lib es2023 and @types/node, like @tsconfig/node20).
// Total time is wall time, so a busy machine inflates it: compare the ratio to the floor, and read the CPU
// time of the whole tsc process (start-up included), the lines of declarations, types and memory in `detail`.
import { spawnSync } from "node:child_process";
import { mkdtempSync, mkdirSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { median, printFigures, round2 } from "./_shared.mjs";

const { values } = parseArgs({ options: { products: { type: "string", default: "xdr" }, rounds: { type: "string", default: "1" }, json: { type: "boolean", default: false } } });
const root = fileURLToPath(new URL("..", import.meta.url));
const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
const rounds = Math.max(1, Number(values.rounds));

/** A few everyday calls per product client, so the consumer really uses the client's types. */
const CALLS = {
  xdr: ["XdrClient", "const page = await client.incidents.list({ search_to: 10 });\nconsole.log(page.total_count);\nconst alerts = await client.alerts.list({ filters: [{ field: \"severity\", operator: \"in\", value: [\"high\"] }] });\nconsole.log(alerts.alerts?.length);\nawait client.endpoints.isolate({ endpoint_id: \"abc\" });"],
  xsiam: ["XsiamClient", "const page = await client.incidents.list({ search_to: 10 });\nconsole.log(page.total_count);\nawait client.endpoints.isolate({ endpoint_id: \"abc\" });"],
  xsoar: ["XsoarClient", "const found = await client.incidents.search();\nconsole.log(found);"],
  xpanse: ["XpanseClient", "const assets = await client.assets.list();\nconsole.log(assets);"],
  cloud: ["CloudClient", "const issues = await client.issue.search();\nconsole.log(issues);"],
};

// Loaded into tsc's process with --require: prints the CPU time the process used when it exits.
const CPU_REPORTER = 'process.on("exit", () => { const used = process.cpuUsage(); require("node:fs").writeSync(2, `CPU seconds: ${(used.user + used.system) / 1e6}\\n`); });\n';

function link(from, to) {
  mkdirSync(join(from, ".."), { recursive: true });
  symlinkSync(realpathSync(to), from, "dir");
}

/** Creates the consumer project; `product` undefined gives the floor (no SDK import). */
function consumer(product) {
  const dir = mkdtempSync(join(tmpdir(), "cortex-types-consumer-"));
  link(join(dir, "node_modules", "@types", "node"), join(root, "node_modules", "@types", "node"));
  let source = "export {};\nconsole.log(process.version);\n";
  if (product !== undefined) {
    const [className, calls] = CALLS[product];
    link(join(dir, "node_modules", "@cortex-sdk", product), join(root, "packages", product));
    source = `import { ${className} } from "@cortex-sdk/${product}";\n\nconst client = new ${className}();\n${calls}\n`;
  }
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
  writeFileSync(join(dir, "index.ts"), source);
  writeFileSync(join(dir, "cpu-reporter.cjs"), CPU_REPORTER);
  return dir;
}

/** Runs tsc once and reads its diagnostics. */
function check(dir, skipLibCheck) {
  const run = spawnSync(process.execPath, ["--require", "./cpu-reporter.cjs", tsc, "--noEmit", "--extendedDiagnostics", "--strict", "--target", "ES2022", "--lib", "es2023", "--module", "NodeNext", "--moduleResolution", "NodeNext", "--types", "node", "--skipLibCheck", String(skipLibCheck), "index.ts"], { cwd: dir, encoding: "utf8" });
  const out = run.stdout;
  // The consumer must compile: a figure for a program with errors would measure something else.
  if (run.status !== 0) throw new Error(`tsc failed on the consumer (skipLibCheck ${skipLibCheck}):\n${out.split("\n").filter((line) => line.includes("error TS")).join("\n")}`);
  const read = (label) => {
    const match = new RegExp(`^${label}:\\s+([\\d.]+)`, "m").exec(out);
    if (match === null) throw new Error(`tsc printed no "${label}":\n${out}`);
    return Number(match[1]);
  };
  const cpu = /^CPU seconds: ([\d.]+)/m.exec(run.stderr);
  if (cpu === null) throw new Error(`tsc's CPU time was not reported: ${run.stderr}`);
  return { cpuSeconds: Number(cpu[1]), seconds: read("Total time"), declarationLines: read("Lines of Definitions"), types: read("Types"), memoryKb: read("Memory used"), files: read("Files") };
}

function measure(dir, skipLibCheck) {
  const runs = Array.from({ length: rounds }, () => check(dir, skipLibCheck));
  return { ...runs[0], cpuSeconds: median(runs.map((run) => run.cpuSeconds)), seconds: median(runs.map((run) => run.seconds)) };
}

const figures = [];
const dirs = [];
try {
  const floorDir = consumer(undefined);
  dirs.push(floorDir);
  const floor = { false: measure(floorDir, false), true: measure(floorDir, true) };
  for (const product of values.products.split(",")) {
    if (CALLS[product] === undefined) throw new Error(`unknown product ${product}; one of ${Object.keys(CALLS).join(", ")}`);
    const dir = consumer(product);
    dirs.push(dir);
    for (const skipLibCheck of [false, true]) {
      const result = measure(dir, skipLibCheck);
      const max = skipLibCheck ? 1 : 5;
      figures.push({
        name: `type-check a consumer of @cortex-sdk/${product}, skipLibCheck ${skipLibCheck} (tsc Total time)`,
        value: round2(result.seconds),
        unit: "s",
        floor: round2(floor[skipLibCheck].seconds),
        floorName: "same consumer without the SDK",
        ratio: round2(result.seconds / floor[skipLibCheck].seconds),
        goal: `≤ ${max} s`,
        pass: result.seconds <= max,
        detail: { cpuSeconds: result.cpuSeconds, floorCpuSeconds: floor[skipLibCheck].cpuSeconds, files: result.files, declarationLines: result.declarationLines, types: result.types, memoryMb: Math.round(result.memoryKb / 1024), floorDeclarationLines: floor[skipLibCheck].declarationLines },
      });
    }
  }
} finally {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
}
printFigures(figures, values.json);
if (!values.json) for (const figure of figures) console.log(`  tsc process CPU ${figure.detail.cpuSeconds} s (${figure.detail.floorCpuSeconds} s without the SDK), ${figure.detail.files} files, ${figure.detail.declarationLines} lines of declarations (${figure.detail.floorDeclarationLines} without the SDK), ${figure.detail.types} types, ${figure.detail.memoryMb} MB`);
