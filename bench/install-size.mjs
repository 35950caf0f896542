#!/usr/bin/env node
// What `npm install @cortex-sdk/xdr` puts on disk, computed offline: the unpacked size of the packed tarball
// of @cortex-sdk/xdr and of every workspace package it depends on (`npm pack --dry-run`, so `files`, build
// output and source maps count exactly as published), plus the installed size of every registry dependency
// in the production closure (undici, ...), read from the workspace's own installed copies. Optional peer
// dependencies (zod) are not installed by npm and are not counted. Nothing touches the network.
//
//   pnpm run build && node bench/install-size.mjs [--package xdr] [--json]
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { package: { type: "string", default: "xdr" }, json: { type: "boolean", default: false } } });
const root = fileURLToPath(new URL("../", import.meta.url));

// Workspace packages by name.
const workspace = new Map();
for (const folder of ["packages", "apps"]) {
  for (const entry of readdirSync(join(root, folder))) {
    try {
      const manifest = JSON.parse(readFileSync(join(root, folder, entry, "package.json"), "utf8"));
      workspace.set(manifest.name, join(root, folder, entry));
    } catch {
      // not a package
    }
  }
}

function packedSize(directory) {
  const output = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: directory, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  return JSON.parse(output)[0].unpackedSize;
}

function directorySize(directory) {
  let total = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    if (entry.name === "node_modules") continue;
    const path = join(directory, entry.name);
    if (entry.isDirectory()) total += directorySize(path);
    else if (entry.isFile()) total += statSync(path).size;
  }
  return total;
}

function packageDirectory(name, from) {
  const require = createRequire(join(from, "package.json"));
  let path;
  try {
    path = require.resolve(`${name}/package.json`);
  } catch {
    // Packages whose exports hide package.json: walk up from the main entry.
    path = require.resolve(name);
    while (!statSafe(join(dirname(path), "package.json"))) path = dirname(path);
    path = join(dirname(path), "package.json");
  }
  return realpathSync(dirname(path));
}

function statSafe(path) {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

const parts = [];
const seen = new Set();
function visit(name, from) {
  if (seen.has(name)) return;
  seen.add(name);
  const local = workspace.get(name);
  const directory = local ?? packageDirectory(name, from);
  const manifest = JSON.parse(readFileSync(join(directory, "package.json"), "utf8"));
  parts.push({ name, bytes: local === undefined ? directorySize(directory) : packedSize(directory) });
  for (const dependency of Object.keys(manifest.dependencies ?? {})) visit(dependency, directory);
}
const target = values.package.startsWith("@") ? values.package : `@cortex-sdk/${values.package}`;
visit(target, root);
const total = parts.reduce((sum, part) => sum + part.bytes, 0);
const mb = (bytes) => Math.round((bytes / 1e6) * 100) / 100;
if (values.json) {
  console.log(JSON.stringify([{ name: `${target} installed alone (${parts.length - 1} dependencies)`, value: mb(total), unit: "MB", floor: 5, floorName: "goal", ratio: Math.round((total / 5e6) * 100) / 100, goal: "≤ 5 MB", pass: total <= 5e6 }]));
} else {
  for (const part of parts) console.log(`${part.name.padEnd(28)} ${String(mb(part.bytes)).padStart(6)} MB`);
  console.log(`${"total".padEnd(28)} ${String(mb(total)).padStart(6)} MB (goal ≤ 5 MB)`);
}
