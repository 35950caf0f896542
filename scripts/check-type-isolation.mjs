#!/usr/bin/env node
// Fails when a product client's published declarations load another product's types: starting from
// packages/<product>/dist/index.d.ts, it lists every declaration file TypeScript loads (the import graph
// of the .d.ts, through @cortex-sdk/core, workflows and the schemas packages) and rejects anything of the
// all-products package @cortex-sdk/schemas (its shapes map, table and validators), another product's schemas
// package (@cortex-sdk/schemas-<other>: its types, entries or JSON Schemas), another client package, another
// product's workflows (the clients import each workflow from its subpath, `@cortex-sdk/workflows/xql`; the
// package root loads every product's), and undici's own declarations (core names a dispatcher by its own
// structural type, HttpDispatcher). A consumer importing one client then type-checks only what it uses.
//
//   pnpm run build && node scripts/check-type-isolation.mjs    (part of `pnpm run lint`)
import { existsSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const PRODUCTS = ["xdr", "xsiam", "xsoar", "xpanse", "cloud"];
const root = fileURLToPath(new URL("..", import.meta.url));
const allSchemasDist = join(root, "packages", "schemas", "dist") + sep;
const workflowsDist = join(root, "packages", "workflows", "dist") + sep;
/** The workflow folders of @cortex-sdk/workflows that serve one product only (the others serve several). */
const PRODUCT_WORKFLOWS = { xsoar: "xsoar", "attack-surface": "xpanse", "asset-search": "cloud" };

/** Why `file` must not be loaded by the declarations of `product`'s client, or undefined when it may be. */
function forbidden(file, product) {
  const inRepo = relative(root, file);
  for (const other of PRODUCTS) {
    if (other === product) continue;
    if (inRepo.startsWith(join("packages", other, "dist"))) return `the @cortex-sdk/${other} client`;
    if (inRepo.startsWith(join("packages", `schemas-${other}`, "dist"))) return `@cortex-sdk/schemas-${other}, another product's types, entries or JSON Schemas`;
  }
  if (file.startsWith(allSchemasDist)) return "@cortex-sdk/schemas, every product's operations, shapes or validators";
  if (file.startsWith(workflowsDist)) {
    const inWorkflows = relative(workflowsDist, file);
    if (inWorkflows === "index.d.ts") return "the root of @cortex-sdk/workflows, which loads every product's workflows: import from its subpath";
    const owner = PRODUCT_WORKFLOWS[inWorkflows.split(sep)[0]];
    if (owner !== undefined && owner !== product) return `the @cortex-sdk/${owner} client's workflows`;
  }
  if (/[\\/]node_modules[\\/]undici[\\/]/.test(file)) return "undici's declarations (name a dispatcher by core's HttpDispatcher)";
  return undefined;
}

const problems = [];
for (const product of PRODUCTS) {
  const entry = join(root, "packages", product, "dist", "index.d.ts");
  if (!existsSync(entry)) {
    problems.push(`${product}: ${relative(root, entry)} is missing; run pnpm run build first.`);
    continue;
  }
  const program = ts.createProgram([entry], { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, noEmit: true, skipLibCheck: true, types: ["node"] });
  let lines = 0;
  for (const source of program.getSourceFiles()) {
    const reason = forbidden(source.fileName, product);
    if (reason !== undefined) problems.push(`@cortex-sdk/${product}: its declarations load ${relative(root, source.fileName)} (${reason}).`);
    if (source.fileName.includes("/node_modules/.pnpm/") || source.fileName.includes("/typescript/lib/")) continue;
    lines += source.getLineStarts().length;
  }
  console.log(`type isolation: @cortex-sdk/${product} loads ${lines} lines of SDK declarations`);
}
if (problems.length > 0) {
  console.error(problems.join("\n"));
  console.error("A product client's declarations must load only its own product's types: make the workflow generic over the product's shapes map (see packages/workflows/src/shared/types.ts) instead of importing @cortex-sdk/schemas (all products) or another product's schemas package, and import workflows from their subpath of @cortex-sdk/workflows.");
  process.exit(1);
}
