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
//
// With skipLibCheck the floor itself (lib es2023 + @types/node, ~160 files) takes about 0.9–1.1 s on an idle
// two-core machine, so a second figure reports the SDK's own cost: the increment over the floor (the median
// of the per-round differences, floor and consumer measured back to back), against the rest of the 1 s budget
// (1 s minus the floor). Rounds interleave the floor and the consumers, so a load that comes and goes weighs
// on both alike; the identifiers and symbols the SDK adds (what parsing and binding work through) are printed
// too, since no load changes them.
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
  return { cpuSeconds: Number(cpu[1]), seconds: read("Total time"), declarationLines: read("Lines of Definitions"), types: read("Types"), memoryKb: read("Memory used"), files: read("Files"), identifiers: read("Identifiers"), symbols: read("Symbols") };
}

const figures = [];
const dirs = [];
try {
  const floorDir = consumer(undefined);
  dirs.push(floorDir);
  const products = values.products.split(",");
  for (const product of products) {
    if (CALLS[product] === undefined) throw new Error(`unknown product ${product}; one of ${Object.keys(CALLS).join(", ")}`);
  }
  const productDirs = products.map((product) => {
    const dir = consumer(product);
    dirs.push(dir);
    return dir;
  });
  // runs[skipLibCheck][0] is the floor's, runs[skipLibCheck][1 + i] products[i]'s, one entry per round.
  const runs = { false: [[], ...products.map(() => [])], true: [[], ...products.map(() => [])] };
  for (let round = 0; round < rounds; round++) {
    for (const skipLibCheck of [false, true]) {
      runs[skipLibCheck][0].push(check(floorDir, skipLibCheck));
      productDirs.forEach((dir, index) => runs[skipLibCheck][1 + index].push(check(dir, skipLibCheck)));
    }
  }
  const summary = (list) => ({ ...list[0], cpuSeconds: median(list.map((run) => run.cpuSeconds)), seconds: median(list.map((run) => run.seconds)) });
  const floor = { false: summary(runs.false[0]), true: summary(runs.true[0]) };
  products.forEach((product, index) => {
    for (const skipLibCheck of [false, true]) {
      const own = runs[skipLibCheck][1 + index];
      const result = summary(own);
      const max = skipLibCheck ? 1 : 5;
      const detail = { cpuSeconds: result.cpuSeconds, floorCpuSeconds: floor[skipLibCheck].cpuSeconds, files: result.files, floorFiles: floor[skipLibCheck].files, declarationLines: result.declarationLines, types: result.types, memoryMb: Math.round(result.memoryKb / 1024), floorDeclarationLines: floor[skipLibCheck].declarationLines };
      figures.push({
        name: `type-check a consumer of @cortex-sdk/${product}, skipLibCheck ${skipLibCheck} (tsc Total time)`,
        value: round2(result.seconds),
        unit: "s",
        floor: round2(floor[skipLibCheck].seconds),
        floorName: "same consumer without the SDK",
        ratio: round2(result.seconds / floor[skipLibCheck].seconds),
        goal: `≤ ${max} s`,
        pass: result.seconds <= max,
        detail,
      });
      if (!skipLibCheck) continue;
      // The SDK's own cost: what the consumer pays over the same project without the SDK, round by round.
      const increment = median(own.map((run, round) => run.seconds - runs.true[0][round].seconds));
      const cpuIncrement = median(own.map((run, round) => run.cpuSeconds - runs.true[0][round].cpuSeconds));
      const budget = Math.max(0, 1 - floor.true.seconds);
      figures.push({
        name: `the SDK's own cost in a consumer of @cortex-sdk/${product}, skipLibCheck true (tsc Total time over the floor)`,
        value: round2(increment),
        unit: "s",
        floor: round2(floor.true.seconds),
        floorName: "same consumer without the SDK",
        ratio: round2(increment / floor.true.seconds),
        goal: `≤ ${round2(budget)} s (1 s − the floor)`,
        pass: increment <= budget,
        // Identifiers and symbols are what parsing and binding work through, and a busy machine does not change them.
        detail: { ...detail, cpuIncrementSeconds: round2(cpuIncrement), extraFiles: result.files - floor.true.files, extraIdentifiers: result.identifiers - floor.true.identifiers, extraSymbols: result.symbols - floor.true.symbols, floorIdentifiers: floor.true.identifiers, floorSymbols: floor.true.symbols },
      });
    }
  });
} finally {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
}
printFigures(figures, values.json);
if (!values.json) {
  for (const figure of figures) {
    if (figure.detail.cpuIncrementSeconds !== undefined) console.log(`  ${figure.name}: ${figure.detail.cpuIncrementSeconds} s of tsc process CPU, ${figure.detail.extraFiles} more files, ${figure.detail.extraIdentifiers} more identifiers (the floor has ${figure.detail.floorIdentifiers}), ${figure.detail.extraSymbols} more symbols (${figure.detail.floorSymbols})`);
    else console.log(`  ${figure.name}: tsc process CPU ${figure.detail.cpuSeconds} s (${figure.detail.floorCpuSeconds} s without the SDK), ${figure.detail.files} files (${figure.detail.floorFiles}), ${figure.detail.declarationLines} lines of declarations (${figure.detail.floorDeclarationLines} without the SDK), ${figure.detail.types} types, ${figure.detail.memoryMb} MB`);
  }
}
