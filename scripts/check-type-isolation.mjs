#!/usr/bin/env node
// Fails when a product client's published declarations load another product's types: starting from
// packages/<product>/dist/index.d.ts, it lists every declaration file TypeScript loads (the import graph
// of the .d.ts, through @cortex-sdk/core, workflows and schemas) and rejects the all-products shapes map,
// another product's types, entries or JSON Schemas, the all-products validators, and another client
// package. A consumer importing one client then type-checks only that product's declarations.
//
//   pnpm run build && node scripts/check-type-isolation.mjs    (part of `pnpm run lint`)
import { existsSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const PRODUCTS = ["xdr", "xsiam", "xsoar", "xpanse", "cloud"];
const root = fileURLToPath(new URL("..", import.meta.url));
const schemasDist = join(root, "packages", "schemas", "dist");

/** Why `file` must not be loaded by the declarations of `product`'s client, or undefined when it may be. */
function forbidden(file, product) {
  const inRepo = relative(root, file);
  for (const other of PRODUCTS) {
    if (other !== product && inRepo.startsWith(join("packages", other, "dist"))) return `the @cortex-sdk/${other} client`;
  }
  if (!file.startsWith(schemasDist)) return undefined;
  const name = basename(file, ".d.ts");
  if (name === "shapes") return "the all-products shapes map";
  if (["all", "all-schemas", "validators-all", "validators"].includes(name)) return "every product's operations or validators";
  // Per-product modules are named after the products they serve: `xsiam`, `validators-cloud`,
  // `xdr-xsiam-cloud` (entries shared by several products); one that does not serve this product is foreign.
  const products = name.replace(/^validators-/, "").replace(/-(types|schemas)$/, "").split("-");
  if (products.every((part) => PRODUCTS.includes(part)) && !products.includes(product)) return `types of ${products.join(", ")} only`;
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
    if (source.fileName.includes("/node_modules/.pnpm/") || source.fileName.includes("/typescript/lib/")) continue;
    lines += source.getLineStarts().length;
    const reason = forbidden(source.fileName, product);
    if (reason !== undefined) problems.push(`@cortex-sdk/${product}: its declarations load ${relative(root, source.fileName)} (${reason}).`);
  }
  console.log(`type isolation: @cortex-sdk/${product} loads ${lines} lines of SDK declarations`);
}
if (problems.length > 0) {
  console.error(problems.join("\n"));
  console.error("A product client's declarations must load only its own product's types: make the workflow generic over the product's shapes map (see packages/workflows/src/shared/types.ts) instead of importing @cortex-sdk/schemas/shapes or another product's module.");
  process.exit(1);
}
