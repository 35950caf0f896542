#!/usr/bin/env node
// Fails when a workspace package depends on or imports another against the fixed direction:
// cli → product clients → workflows → core → auth-signer; schemas is data and types; clients never import each other.
// The schemas are split: @cortex-sdk/schemas-base (the shared model) ← @cortex-sdk/schemas-<product> (one product's
// data) ← @cortex-sdk/schemas (every product, for the emulator and tools). Core and workflows use the base only; a
// product client uses the base and its own product's package, never the all-products package or another product's.
// It checks declared dependencies and the import specifiers in src/, test/ and test-support/.
import { readdirSync, readFileSync, existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { builtinModules } from "node:module";

const PRODUCTS = ["xdr", "xsiam", "xsoar", "xpanse", "cloud"];
const CLIENTS = PRODUCTS.map((product) => `@cortex-sdk/${product}`);
const BASE = "@cortex-sdk/schemas-base";
const PRODUCT_SCHEMAS = PRODUCTS.map((product) => `@cortex-sdk/schemas-${product}`);
const ALL_SCHEMAS = ["@cortex-sdk/schemas", BASE, ...PRODUCT_SCHEMAS];
/** Workspace packages each package may use at run time. */
const ALLOWED = {
  "@cortex-sdk/auth-signer": [],
  [BASE]: [],
  ...Object.fromEntries(PRODUCT_SCHEMAS.map((schemas) => [schemas, [BASE]])),
  "@cortex-sdk/schemas": [BASE, ...PRODUCT_SCHEMAS],
  "@cortex-sdk/core": ["@cortex-sdk/auth-signer", BASE],
  "@cortex-sdk/emulator": ["@cortex-sdk/auth-signer", ...ALL_SCHEMAS],
  "@cortex-sdk/workflows": ["@cortex-sdk/core", BASE],
  ...Object.fromEntries(PRODUCTS.map((product) => [`@cortex-sdk/${product}`, ["@cortex-sdk/workflows", "@cortex-sdk/core", BASE, `@cortex-sdk/schemas-${product}`]])),
  "@cortex-sdk/cli": [...CLIENTS, "@cortex-sdk/workflows", "@cortex-sdk/core", ...ALL_SCHEMAS, "@cortex-sdk/emulator"],
};
/** Extra workspace packages tests may use (the emulator serves tests over loopback; the schemas packages give real entries and validators). */
const TEST_ONLY = ["@cortex-sdk/emulator", "@cortex-sdk/auth-signer", "@cortex-sdk/schemas", ...PRODUCT_SCHEMAS];

const root = new URL("..", import.meta.url).pathname;
const problems = [];
const packageDirs = ["packages", "apps"].flatMap((group) =>
  readdirSync(join(root, group)).map((name) => join(root, group, name)).filter((dir) => existsSync(join(dir, "package.json"))),
);

for (const dir of packageDirs) {
  const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  const name = manifest.name;
  const allowed = ALLOWED[name];
  if (allowed === undefined) {
    problems.push(`${name}: not in the dependency-direction table of scripts/check-dependency-direction.mjs; add it with its allowed dependencies.`);
    continue;
  }
  const runtimeDeps = { ...manifest.dependencies, ...manifest.peerDependencies };
  const devDeps = manifest.devDependencies ?? {};
  for (const dep of Object.keys(runtimeDeps)) {
    if (isWorkspace(dep) && dep !== name && !allowed.includes(dep)) problems.push(`${name}: depends on ${dep}, against the dependency direction.`);
  }
  for (const dep of Object.keys(devDeps)) {
    if (isWorkspace(dep) && !allowed.includes(dep) && !TEST_ONLY.includes(dep)) problems.push(`${name}: devDepends on ${dep}, which even its tests may not use.`);
  }
  for (const [folder, mayUse, declared] of [
    ["src", allowed, runtimeDeps],
    ["test", [...allowed, ...TEST_ONLY, name], { ...runtimeDeps, ...devDeps }],
    // Shared test code other packages' tests import (packages/workflows/test-support): the rules of tests.
    ["test-support", [...allowed, ...TEST_ONLY, name], { ...runtimeDeps, ...devDeps }],
  ]) {
    for (const file of sourceFiles(join(dir, folder))) {
      for (const specifier of importsOf(readFileSync(file, "utf8"))) {
        const pkg = packageOf(specifier);
        if (pkg === undefined) continue;
        const where = file.slice(root.length);
        if (isWorkspace(pkg) && pkg !== name && !mayUse.includes(pkg)) problems.push(`${where}: imports ${pkg}, against the dependency direction.`);
        else if (folder === "src" && pkg !== name && !(pkg in declared)) problems.push(`${where}: imports ${pkg}, which ${name} does not list in dependencies.`);
      }
    }
  }
}

function isWorkspace(dep) {
  return dep.startsWith("@cortex-sdk/") || dep === "@cortex-sdk/cli";
}

function* sourceFiles(dir) {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yield* sourceFiles(path);
    else if (/\.(ts|mts|js|mjs)$/.test(entry) && !entry.endsWith(".d.ts")) yield path;
  }
}

function importsOf(text) {
  const found = [];
  const pattern = /(?:^|[\s;])(?:import|export)\s[^"'`]*?from\s*["']([^"']+)["']|import\s*\(\s*["']([^"']+)["']\s*\)|^\s*import\s*["']([^"']+)["']/gm;
  for (const match of text.matchAll(pattern)) found.push(match[1] ?? match[2] ?? match[3]);
  return found;
}

function packageOf(specifier) {
  if (specifier.startsWith(".") || specifier.startsWith("/") || specifier.startsWith("node:") || builtinModules.includes(specifier)) return undefined;
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

if (problems.length > 0) {
  console.error(`dependency direction: ${problems.length} problem(s)\n  ${problems.join("\n  ")}`);
  process.exit(1);
}
console.log(`dependency direction: ok (${packageDirs.length} packages)`);
