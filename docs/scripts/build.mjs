#!/usr/bin/env node
// `pnpm run docs`: the API reference (typedoc → Markdown, warnings are errors), the operation catalogue
// (from the operation table), then the VitePress site in docs/.vitepress/dist. Prints the build time, the
// size and the page count, and fails when the site outgrows its budget.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "vitepress";
import { writeCatalogue } from "./catalogue.mjs";
import { compactApiReference } from "./compact-api.mjs";
import { PRODUCTS } from "./names.mjs";

const docsDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const root = join(docsDir, "..");
const outDir = join(docsDir, ".vitepress/dist");
/** The site's size budget (issue #13): the whole built site, every asset included. */
const MAX_BYTES = 25 * 1024 * 1024;

const started = performance.now();
const lap = (label) => console.log(`docs: ${label} (${((performance.now() - started) / 1000).toFixed(1)} s)`);

execFileSync(process.execPath, [join(root, "node_modules/typedoc/bin/typedoc")], { cwd: root, stdio: "inherit" });
lap("API reference written by typedoc");
const compacted = compactApiReference(join(docsDir, "api"), PRODUCTS);
lap(`product client pages compacted from ${compacted.reduce((sum, row) => sum + row.before, 0)} to ${compacted.reduce((sum, row) => sum + row.after, 0)} characters`);
const summary = await writeCatalogue();
lap(`operation catalogue written (${summary.reduce((sum, row) => sum + row.count, 0)} entries on ${summary.length} product pages)`);
await build(docsDir);
lap("site built");

/** CPU time (user + system) of this process and of the children it waited for (typedoc); Linux only. */
function cpuSeconds() {
  try {
    // /proc/self/stat: the fields after the command's closing parenthesis; cutime and cstime are the 14th and 15th.
    const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1]?.split(" ") ?? [];
    const ticks = Number(fields[13]) + Number(fields[14]);
    const own = process.cpuUsage();
    // Clock ticks are 1/100 s on Linux (USER_HZ).
    return Number.isFinite(ticks) ? ticks / 100 + (own.user + own.system) / 1e6 : undefined;
  } catch {
    return undefined;
  }
}

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)]));
}
const files = walk(outDir);
const bytes = files.reduce((sum, file) => sum + statSync(file).size, 0);
const pages = files.filter((file) => file.endsWith(".html")).length;
const seconds = (performance.now() - started) / 1000;
const cpu = cpuSeconds();
console.log(`docs: built in ${seconds.toFixed(1)} s${cpu === undefined ? "" : ` (${cpu.toFixed(1)} s of CPU, typedoc included: the figure a busy machine does not inflate)`}, ${(bytes / 1024 / 1024).toFixed(1)} MB in ${files.length} files, ${pages} pages (${outDir})`);
if (bytes > MAX_BYTES) {
  console.error(`docs: the site weighs ${(bytes / 1024 / 1024).toFixed(1)} MB, over its ${MAX_BYTES / 1024 / 1024} MB budget.`);
  process.exit(1);
}
