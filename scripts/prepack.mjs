#!/usr/bin/env node
// Runs before `pnpm pack` / `pnpm publish` of a published package (its `prepack` script, cwd = the package):
// puts the repository's LICENSE into the package and makes sure dist/ is built from the current sources.
// dist/ is rebuilt when it is missing or older than a source file or tsconfig; a fresh dist/ (the release
// workflow builds everything first) is kept, so parallel publishes never rebuild a package another one
// is reading. CORTEX_PREPACK_REBUILD=1 forces the build.
import { copyFileSync, existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { execFileSync } from "node:child_process";

const packageDir = process.cwd();
const root = resolve(packageDir, "../..");
const manifest = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8"));

copyFileSync(join(root, "LICENSE"), join(packageDir, "LICENSE"));

/** Every file under a folder, recursively. */
function files(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

const sources = [...files(join(packageDir, "src")), ...["tsconfig.json", "tsconfig.build.json"].map((name) => join(packageDir, name)).filter(existsSync)];
const built = files(join(packageDir, "dist"));
const newestSource = Math.max(...sources.map((file) => statSync(file).mtimeMs));
const oldestBuilt = Math.min(...built.map((file) => statSync(file).mtimeMs));
const stale = built.length === 0 || newestSource > oldestBuilt || process.env["CORTEX_PREPACK_REBUILD"] === "1";

if (stale) {
  // Its workspace dependencies must be built first (the release workflow and `pnpm run build` do that).
  for (const dependency of Object.keys(manifest.dependencies ?? {}).filter((name) => name.startsWith("@cortex-sdk/"))) {
    const entry = join(packageDir, "node_modules", dependency, "dist");
    if (!existsSync(entry)) {
      console.error(`prepack ${manifest.name}: ${dependency} is not built; run \`pnpm run build\` at the repository root first.`);
      process.exit(1);
    }
  }
  console.error(`prepack ${manifest.name}: building dist/`);
  const pnpm = process.env["npm_execpath"];
  if (pnpm !== undefined && /\.[cm]?js$/.test(pnpm)) execFileSync(process.execPath, [pnpm, "run", "build"], { cwd: packageDir, stdio: "inherit" });
  else execFileSync(pnpm ?? "pnpm", ["run", "build"], { cwd: packageDir, stdio: "inherit" });
} else {
  console.error(`prepack ${manifest.name}: dist/ is up to date`);
}
