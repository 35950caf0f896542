#!/usr/bin/env node
// Code that runs: type-checks every TypeScript sample of the guides and every script in examples/, then
// runs the runnable ones against the emulator over loopback.
// - A ```ts block in docs/guides/*.md is a sample; each is type-checked as its own module.
// - `<!-- run: xdr -->` (or xsiam, xsoar8, xpanse, cloud) on the line before a block also runs it, with the
//   CORTEX_* variables of that emulator tenant's bootstrap key. A block after `<!-- no-check -->` is
//   skipped (for output and pseudo-code).
// - Every examples/*.ts is type-checked and run; its first line says which tenant: `// tenant: xdr`.
// Each run has a time limit and must exit 0.
import { execFile, execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { startEmulator } from "@cortex-sdk/emulator";

const docsDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const root = join(docsDir, "..");
const samplesDir = join(docsDir, ".samples");
const outDir = join(samplesDir, "out");
const RUN_LIMIT_MS = 60_000;

rmSync(samplesDir, { recursive: true, force: true });
mkdirSync(samplesDir, { recursive: true });

/** @type {{ name: string, file: string, tenant: string | undefined, origin: string }[]} */
const samples = [];
const guidesDir = join(docsDir, "guides");
for (const guide of readdirSync(guidesDir).filter((file) => file.endsWith(".md")).sort()) {
  const lines = readFileSync(join(guidesDir, guide), "utf8").split("\n");
  let index = 0;
  for (let line = 0; line < lines.length; line++) {
    if (!/^```(ts|typescript)\b/.test(lines[line] ?? "")) continue;
    const marker = (lines[line - 1] ?? "").trim();
    const end = lines.findIndex((text, at) => at > line && text.startsWith("```"));
    const body = lines.slice(line + 1, end).join("\n");
    line = end;
    if (marker === "<!-- no-check -->") continue;
    index++;
    const name = `${guide.replace(/\.md$/, "")}-${index}`;
    const run = /^<!-- run: ([a-z0-9]+) -->$/.exec(marker);
    writeFileSync(join(samplesDir, `${name}.ts`), `${body}\nexport {};\n`);
    samples.push({ name, file: `${name}.js`, tenant: run?.[1], origin: `docs/guides/${guide}:${line}` });
  }
}
const examplesDir = join(root, "examples");
for (const example of readdirSync(examplesDir).filter((file) => file.endsWith(".ts")).sort()) {
  const text = readFileSync(join(examplesDir, example), "utf8");
  const tenant = /^\/\/ tenant: ([a-z0-9]+)/.exec(text)?.[1];
  if (tenant === undefined) throw new Error(`examples/${example}: the first line must say which emulator tenant it runs against (// tenant: xdr)`);
  const name = `example-${example.replace(/\.ts$/, "")}`;
  writeFileSync(join(samplesDir, `${name}.ts`), text);
  samples.push({ name, file: `${name}.js`, tenant, origin: `examples/${example}` });
}

writeFileSync(
  join(samplesDir, "tsconfig.json"),
  JSON.stringify(
    {
      extends: "../../tsconfig.base.json",
      compilerOptions: { rootDir: ".", outDir: "out", noEmit: false, declaration: false, types: ["node"], noUnusedLocals: false },
      include: ["*.ts"],
    },
    null,
    2,
  ),
);
// The samples resolve the SDK packages through docs/node_modules (docs/package.json depends on them).
try {
  execFileSync(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", samplesDir], { cwd: docsDir, stdio: "pipe", encoding: "utf8" });
} catch (error) {
  const text = `${error.stdout ?? ""}${error.stderr ?? ""}`.replace(/\.samples\/([a-z0-9-]+)\.ts/g, (match, name) => `${match} (${samples.find((sample) => sample.name === name)?.origin ?? "?"})`);
  console.error(`samples: type errors\n${text}`);
  process.exit(1);
}
console.log(`samples: ${samples.length} type-checked (${samples.filter((sample) => sample.origin.startsWith("docs/")).length} from the guides, ${samples.filter((sample) => sample.origin.startsWith("examples/")).length} examples)`);

const runnable = samples.filter((sample) => sample.tenant !== undefined);
const emulator = await startEmulator({ port: 0, rateLimits: { perSecond: null } });
const failures = [];
try {
  for (const sample of runnable) {
    const key = emulator.bootstrapKeys.find((candidate) => candidate.product === sample.tenant);
    if (key === undefined) {
      failures.push(`${sample.origin}: no emulator tenant "${sample.tenant}"`);
      continue;
    }
    const env = {
      PATH: process.env["PATH"] ?? "",
      HOME: samplesDir,
      CORTEX_CONFIG_FILE: join(samplesDir, "no-profiles.json"),
      CORTEX_API_BASE_URL: emulator.url,
      CORTEX_API_KEY_ID: key.keyId,
      CORTEX_API_KEY: key.key,
      CORTEX_API_KEY_TYPE: key.securityLevel,
      ...(sample.tenant === "xsoar8" ? { CORTEX_XSOAR_VERSION: "8" } : {}),
      ...(sample.tenant === "xsoar6" ? { CORTEX_XSOAR_VERSION: "6" } : {}),
    };
    const result = await new Promise((resolve) => {
      execFile(process.execPath, [join(outDir, sample.file)], { cwd: docsDir, env, timeout: RUN_LIMIT_MS }, (error, stdout, stderr) => resolve({ error, stdout, stderr }));
    });
    if (result.error !== null) failures.push(`${sample.origin} (tenant ${sample.tenant}): ${result.error.killed ? "timed out" : `exit ${result.error.code}`}\n${result.stdout}${result.stderr}`);
    else console.log(`samples: ran ${sample.origin} against ${sample.tenant}`);
  }
} finally {
  await emulator.close();
}
if (failures.length > 0) {
  console.error(`samples: ${failures.length} of ${runnable.length} runs failed\n- ${failures.join("\n- ")}`);
  process.exit(1);
}
console.log(`samples: ${runnable.length} ran against the emulator`);
