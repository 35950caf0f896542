// Fails when the static imports between the modules of any package's src form a cycle, type-only imports
// included: a type cycle still ties two modules together (neither can move or be read without the other).
// A dynamic `import()` is a deliberate lazy edge (the CLI loads a command's modules only when it runs), taken
// after both modules are evaluated, so it is not counted.
// Usage: node scripts/check-import-cycles.mjs (part of `pnpm run lint`).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

const ROOT = resolve(dirname(new URL(import.meta.url).pathname), "..");
const GROUPS = ["packages", "apps"];
// `import … from "x"`, `export … from "x"` and `import "x"`, comments excluded.
const SPECIFIERS = /(?:^|[\s;])(?:import|export)\s[^"'`;()]*?\sfrom\s*["']([^"']+)["']|(?:^|[\s;])import\s*["']([^"']+)["']/g;

function sourceFiles(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(ts|mts|tsx)$/.test(entry.name) && !entry.name.endsWith(".d.ts")) out.push(path);
  }
  return out;
}

function stripComments(text) {
  return text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`])\/\/.*$/gm, "$1");
}

function resolveImport(from, specifier, known) {
  if (!specifier.startsWith(".")) return undefined;
  const base = resolve(dirname(from), specifier);
  for (const candidate of [base.replace(/\.js$/, ".ts"), base.replace(/\.mjs$/, ".mts"), `${base}.ts`, join(base, "index.ts")]) {
    if (known.has(candidate)) return candidate;
  }
  return undefined;
}

/** Strongly connected components with more than one module (or a module importing itself): Tarjan. */
function cycles(graph) {
  let index = 0;
  const indices = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const found = [];
  const visit = (node) => {
    indices.set(node, index);
    low.set(node, index);
    index += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!indices.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node), low.get(next)));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node), indices.get(next)));
    }
    if (low.get(node) === indices.get(node)) {
      const component = [];
      let member;
      do {
        member = stack.pop();
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || (graph.get(node) ?? new Set()).has(node)) found.push(component);
    }
  };
  for (const node of graph.keys()) if (!indices.has(node)) visit(node);
  return found;
}

// One path around a component, to show in the report.
function loopThrough(component, graph) {
  const members = new Set(component);
  const start = component[component.length - 1];
  const path = [start];
  const seen = new Set([start]);
  for (let current = start; ; ) {
    const next = [...(graph.get(current) ?? [])].find((candidate) => members.has(candidate) && (candidate === start || !seen.has(candidate)));
    if (next === undefined || next === start) return [...path, start];
    path.push(next);
    seen.add(next);
    current = next;
  }
}

let failures = 0;
let modules = 0;
for (const group of GROUPS) {
  for (const name of readdirSync(join(ROOT, group))) {
    const src = join(ROOT, group, name, "src");
    if (!statSync(src, { throwIfNoEntry: false })?.isDirectory()) continue;
    const files = sourceFiles(src);
    const known = new Set(files);
    const graph = new Map();
    for (const file of files) {
      const edges = new Set();
      const text = stripComments(readFileSync(file, "utf8"));
      for (const match of text.matchAll(SPECIFIERS)) {
        const target = resolveImport(file, match[1] ?? match[2], known);
        if (target !== undefined) edges.add(target);
      }
      graph.set(file, edges);
    }
    modules += files.length;
    for (const component of cycles(graph)) {
      failures += 1;
      const loop = loopThrough(component, graph).map((file) => relative(src, file));
      console.error(`${group}/${name}: import cycle (${component.length} modules): ${loop.join(" → ")}`);
      if (component.length > loop.length - 1) console.error(`  all of: ${component.map((file) => relative(src, file)).sort().join(", ")}`);
    }
  }
}
if (failures > 0) {
  console.error(`${failures} import cycle${failures === 1 ? "" : "s"}: move what both sides need into a module of its own.`);
  process.exit(1);
}
console.log(`import cycles: none in ${modules} modules`);
