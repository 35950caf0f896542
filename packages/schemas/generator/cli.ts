/**
 * `node …/cli.js generate [--out DIR]` writes every generated folder (`GENERATED_DIRS`: this package's
 * src/generated and each `packages/schemas-<product>/src/generated`) under packages/ (or under DIR).
 * `node …/cli.js check` regenerates into a temporary folder and compares every generated folder.
 * `node …/cli.js coverage` prints, per spec file, the operations in the spec and in the table.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { cleanPath, type TableOperation } from "./normalise.js";
import { generate, runPipeline } from "./pipeline.js";
import { projectRoot, specsDir } from "./specs.js";
import { xpanseOperations } from "../src/hand/xpanse.js";
import { PRODUCTS } from "../../schemas-base/src/product-list.js";
import { GENERATED_DIRS } from "./emit.js";

const packagesDir = resolve(projectRoot(), "packages");

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push(relative(dir, path));
    }
  };
  walk(dir);
  return out;
}

/** Every file of every generated folder under a root, as paths relative to that root. */
function listGenerated(root: string): string[] {
  return GENERATED_DIRS.flatMap((dir) => listFiles(join(root, dir)).map((file) => join(dir, file)));
}

async function writeGenerated(out: string): Promise<number> {
  const { files, result } = await generate();
  for (const dir of GENERATED_DIRS) rmSync(join(out, dir), { recursive: true, force: true });
  for (const file of files) {
    const path = join(out, file.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.text);
  }
  return result.table.length;
}

async function main(argv: string[]): Promise<number> {
  const [command = "generate", ...rest] = argv;
  if (command === "generate") {
    const outIndex = rest.indexOf("--out");
    const out = outIndex >= 0 ? resolve(rest[outIndex + 1] ?? "") : packagesDir;
    const count = await writeGenerated(out);
    console.log(`schemas: generated ${count} operations into ${relative(process.cwd(), out) || "."}`);
    return 0;
  }
  if (command === "check") {
    if (!existsSync(specsDir())) {
      console.log("schemas: ../shared/specs not found, skipped the reproducibility check");
      return 0;
    }
    const temp = mkdtempSync(join(tmpdir(), "schemas-generated-"));
    try {
      await writeGenerated(temp);
      const expected = listGenerated(temp);
      const actual = listGenerated(packagesDir);
      const differing = [...new Set([...expected, ...actual])].filter((file) => {
        const a = join(temp, file);
        const b = join(packagesDir, file);
        return !existsSync(a) || !existsSync(b) || readFileSync(a, "utf8") !== readFileSync(b, "utf8");
      });
      if (differing.length > 0) {
        console.error(`schemas: generated code differs from ../shared/specs in ${differing.length} file(s); run \`pnpm generate\`:\n  ${differing.map((f) => `packages/${f}`).join("\n  ")}`);
        return 1;
      }
      console.log("schemas: generated code matches ../shared/specs");
      return 0;
    } finally {
      rmSync(temp, { recursive: true, force: true });
    }
  }
  if (command === "coverage") return coverage();
  console.error(`schemas generator: unknown command ${command} (generate, check, coverage)`);
  return 2;
}

async function coverage(): Promise<number> {
  const result = await runPipeline();
  let missing = 0;
  const byKey = new Map<string, TableOperation>(result.table.map((row) => [row.key, row]));
  for (const loaded of result.specs) {
    const file = loaded.spec.file;
    const keys: string[] = [];
    for (const [path, item] of Object.entries(loaded.doc["paths"] as Record<string, Record<string, unknown>>)) {
      for (const method of ["get", "post", "put", "patch", "delete"]) if (item[method] !== undefined) keys.push(`${method.toUpperCase()} ${cleanPath(path)}`);
    }
    const exclusions = result.overrides.filter((o) => o.kind === "exclude" && o.spec === file);
    const inTable = keys.filter((key) => byKey.get(key)?.entry.sources?.includes(file) === true);
    const unexplained = keys.filter((key) => !inTable.includes(key) && !exclusions.some((o) => o.kind === "exclude" && o.operation === key));
    missing += unexplained.length;
    const pct = keys.length === 0 ? 100 : Math.round((inTable.length / keys.length) * 1000) / 10;
    console.log(`${file}: ${keys.length} operations in the spec, ${inTable.length} in the table (${pct} %)`);
    for (const o of exclusions) if (o.kind === "exclude") console.log(`  excluded ${o.operation}: ${o.reason}`);
    for (const key of unexplained) console.log(`  MISSING ${key}`);
  }
  // Xpanse: the reference's endpoint table (section 3.1), read in place.
  const referencePath = resolve(specsDir(), "..", "reference", "xsoar-xpanse-cloud-api.md");
  if (existsSync(referencePath)) {
    const text = readFileSync(referencePath, "utf8");
    const section = text.slice(text.indexOf("### 3.1"), text.indexOf("### 3.2"));
    const listed = new Set<string>();
    for (const line of section.split("\n")) {
      if (!line.startsWith("| `")) continue;
      const cell = line.split("|")[1] ?? "";
      const tokens = [...cell.matchAll(/`([^`]+)`/g)];
      const base = tokens[0]![1]!.replace(/\/$/, "");
      listed.add(base);
      for (const token of tokens.slice(1)) {
        const value = token[1]!.replace(/\/$/, "");
        const before = cell.slice(0, token.index);
        if (!value.startsWith("/")) listed.add(value);
        else if (/and\s*$/.test(before)) listed.add(`${base.slice(0, base.lastIndexOf("/"))}${value}`);
        else listed.add(`${base}${value}`);
      }
    }
    const expand = (p: string): string => (p.startsWith("v2/") ? `/public_api/${p}` : `/public_api/v1/${p}`);
    const xpanseKeys = new Set(result.table.filter((r) => r.entry.products.includes("xpanse")).map((r) => r.entry.path));
    const handPaths = new Set(xpanseOperations.map((o) => cleanPath(o.path)));
    const notCovered = [...listed].map(expand).filter((p) => !handPaths.has(p) || !xpanseKeys.has(p));
    console.log(`xpanse (reference §3.1): ${listed.size} endpoints listed, ${listed.size - notCovered.length} in the hand-authored table (${Math.round(((listed.size - notCovered.length) / listed.size) * 1000) / 10} %); ${xpanseOperations.length} hand-authored operations`);
    for (const p of notCovered) console.log(`  MISSING ${p}`);
    missing += notCovered.length;
  } else console.log("xpanse: ../shared/reference/xsoar-xpanse-cloud-api.md not found, skipped");
  const undocumented = result.table.filter((r) => r.entry.sources?.includes("vendor-clients"));
  console.log(`undocumented operations used by the vendor's clients (src/hand/undocumented.ts): ${undocumented.length}: ${undocumented.map((r) => r.entry.id).join(", ")}`);
  const onboarding = result.table.filter((r) => r.entry.id.startsWith("cloud_onboarding."));
  console.log(`Cortex Cloud onboarding (xsoar-xpanse-cloud reference §4.1, §4.9; src/hand/cloud-onboarding.ts): ${onboarding.length} of 14 listed operations`);
  console.log(`table: ${result.table.length} operations; ${PRODUCTS.map((p) => `${p} ${result.table.filter((r) => r.entry.products.includes(p)).length}`).join(", ")}`);
  return missing === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
