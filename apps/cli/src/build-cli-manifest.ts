/**
 * Build step (`pnpm run build` runs it after tsc): writes `dist/cli-manifest/`, the data cxctl starts
 * from instead of importing clients, tables and zod:
 * - `<product>.json`: the product's commands (group, call, client method, operation, top-level body fields);
 * - `<product>.requests.ndjson`: the request JSON Schemas, one a line, each entry holding its byte range,
 *   so `--help` of one operation parses one schema;
 * - `commands.json`: each top-level command's usage and description, for `cxctl --help`;
 * - `help.json`: the help of `cxctl` and of each top-level command, printed by the binary without commander;
 * - `<product>.help.ndjson`: the help of each operation command, one a line, and `<product>.help.json`
 *   the byte range of each `<group> <call>` (aliases included), so its `--help` parses one line;
 * - `completion.json`: the whole command tree (commands, aliases, flags, choices) for `cxctl __complete`.
 * All of it is computed from the installed product packages, so it cannot drift from them.
 *
 * @module
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { CLI_MANIFEST_DIR, type StoredCatalog } from "./catalog.js";
import { computeCatalog } from "./catalog-source.js";
import { PRODUCTS } from "./connection.js";
import type { StoredHelp } from "./help-text.js";
import type { CliIo } from "./io.js";
import { storedHelps, storedOperationHelps } from "./help-source.js";
import { commandSummaries, programTree } from "./main.js";

const silent: CliIo = { stdout: { write: () => true }, stderr: { write: () => true }, env: {} };

mkdirSync(CLI_MANIFEST_DIR, { recursive: true });
const sizes: string[] = [];
for (const product of PRODUCTS) {
  const catalog = await computeCatalog(product);
  const lines: Buffer[] = [];
  let offset = 0;
  const entries: StoredCatalog["entries"] = catalog.entries.map((entry) => {
    const schema = catalog.requestSchema(entry.operation.id);
    if (schema === undefined) return entry;
    const line = Buffer.from(`${JSON.stringify(schema)}\n`);
    lines.push(line);
    const range = [offset, offset + line.length - 1] as const;
    offset += line.length;
    return { ...entry, request: range };
  });
  const stored: StoredCatalog = { product, entries };
  const json = JSON.stringify(stored);
  writeFileSync(new URL(`${product}.json`, CLI_MANIFEST_DIR), json);
  writeFileSync(new URL(`${product}.requests.ndjson`, CLI_MANIFEST_DIR), Buffer.concat(lines));
  sizes.push(`${product} ${entries.length} commands (${Math.round(json.length / 1024)} KB, schemas ${Math.round(offset / 1024)} KB)`);
}
writeFileSync(new URL("commands.json", CLI_MANIFEST_DIR), JSON.stringify(await commandSummaries(silent)));
writeFileSync(new URL("help.json", CLI_MANIFEST_DIR), JSON.stringify(await storedHelps(silent)));
for (const product of PRODUCTS) {
  const ranges = new Map<StoredHelp, readonly [number, number]>();
  const lines: Buffer[] = [];
  let offset = 0;
  const index: Record<string, readonly [number, number]> = {};
  for (const [key, help] of await storedOperationHelps(product, silent)) {
    let range = ranges.get(help);
    if (range === undefined) {
      const line = Buffer.from(`${JSON.stringify(help)}\n`);
      lines.push(line);
      range = [offset, offset + line.length - 1] as const;
      offset += line.length;
      ranges.set(help, range);
    }
    index[key] = range;
  }
  writeFileSync(new URL(`${product}.help.json`, CLI_MANIFEST_DIR), JSON.stringify(index));
  writeFileSync(new URL(`${product}.help.ndjson`, CLI_MANIFEST_DIR), Buffer.concat(lines));
  sizes.push(`${product} help ${Math.round(offset / 1024)} KB`);
}
const tree = JSON.stringify(await programTree(silent));
writeFileSync(new URL("completion.json", CLI_MANIFEST_DIR), tree);
console.log(`cli-manifest: ${sizes.join("; ")}; completion ${Math.round(tree.length / 1024)} KB`);
