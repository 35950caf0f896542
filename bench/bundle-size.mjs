#!/usr/bin/env node
// What a program that calls one XDR operation weighs once bundled: ONE_CALL_SCRIPT (the small client of
// `@cortex-sdk/xdr/lite` and one function of `@cortex-sdk/xdr/operations`) bundled and minified by esbuild
// for Node, undici external (it is a dependency the application installs), then gzipped. For comparison,
// the same call through the namespace client (`new XdrClient().incidents.list()`). The floor is the goal
// itself (25 KB gzip): there is nothing to measure a bundle against in the same run.
//
//   pnpm run build && node bench/bundle-size.mjs [--json] [--inputs]     (--inputs lists the largest modules)
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

/** The one-call program: reads the tenant from the environment, lists ten incidents, prints counts as JSON. */
export const ONE_CALL_SCRIPT = `import { XdrLiteClient } from "@cortex-sdk/xdr/lite";
import { incidentsList } from "@cortex-sdk/xdr/operations";
const client = new XdrLiteClient();
try {
  const page = await incidentsList(client, { search_to: 10 });
  console.log(JSON.stringify({ incidents: page.incidents?.length, total: page.total_count }));
} finally {
  await client.close();
}
`;

/** The same call through the namespace client, for comparison. */
export const NAMESPACE_CLIENT_SCRIPT = `import { XdrClient } from "@cortex-sdk/xdr";
const client = new XdrClient();
try {
  const page = await client.incidents.list({ search_to: 10 });
  console.log(JSON.stringify({ incidents: page.incidents?.length, total: page.total_count }));
} finally {
  await client.close();
}
`;

/** Where the scripts resolve `@cortex-sdk/xdr` from (its package folder, which depends on it through the workspace). */
const XDR_PACKAGE = fileURLToPath(new URL("../packages/xdr/", import.meta.url));

/**
 * Bundles and minifies a script for Node with undici external.
 *
 * @param {string} script - ES module source importing `@cortex-sdk/xdr…`.
 * @param {{ outfile?: string }} [options] - Where to write the bundle (default: kept in memory).
 * @returns {Promise<{ minBytes: number, gzipBytes: number, inputs: [string, number][] }>}
 */
export async function bundle(script, options = {}) {
  const { build } = await import("esbuild");
  const result = await build({
    stdin: { contents: script, resolveDir: XDR_PACKAGE, loader: "js", sourcefile: "one-call.mjs" },
    bundle: true,
    minify: true,
    platform: "node",
    format: "esm",
    target: "node20",
    external: ["undici"],
    metafile: true,
    write: options.outfile !== undefined,
    ...(options.outfile === undefined ? {} : { outfile: options.outfile }),
    logLevel: "error",
  });
  const output = Object.values(result.metafile.outputs)[0];
  const contents = options.outfile === undefined ? result.outputFiles[0].contents : (await import("node:fs")).readFileSync(options.outfile);
  const inputs = Object.entries(output.inputs).map(([file, input]) => [file, input.bytesInOutput]).sort((a, b) => b[1] - a[1]);
  return { minBytes: contents.length, gzipBytes: gzipSync(contents).length, inputs };
}

const GOAL_BYTES = 25_000;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { json: { type: "boolean", default: false }, inputs: { type: "boolean", default: false } } });
  const lite = await bundle(ONE_CALL_SCRIPT);
  const full = await bundle(NAMESPACE_CLIENT_SCRIPT);
  const kb = (bytes) => Math.round(bytes / 100) / 10;
  const figures = [
    { name: "one XDR call (lite client + one operation), bundled + minified, gzip", value: kb(lite.gzipBytes), unit: "KB", floor: GOAL_BYTES / 1000, floorName: "goal", ratio: Math.round((lite.gzipBytes / GOAL_BYTES) * 100) / 100, goal: "≤ 25 KB gzip", pass: lite.gzipBytes <= GOAL_BYTES },
    { name: "the same, minified only", value: kb(lite.minBytes), unit: "KB" },
    { name: "one XDR call through XdrClient (namespaces), gzip", value: kb(full.gzipBytes), unit: "KB" },
  ];
  if (values.json) console.log(JSON.stringify(figures));
  else {
    for (const figure of figures) console.log(`${figure.name}: ${figure.value} ${figure.unit}${figure.goal === undefined ? "" : ` (goal ${figure.goal}: ${figure.pass ? "met" : "NOT met"})`}`);
    if (values.inputs) for (const [file, bytes] of lite.inputs.slice(0, 20)) console.log(`${String(bytes).padStart(8)}  ${file}`);
  }
}
