#!/usr/bin/env node
// The release, rehearsed without publishing (CI runs it after the build):
//  1. copies the repository's tracked files to a scratch folder and runs `changeset version` there;
//  2. checks the changelogs it wrote (names in code spans, no repeated lines) and the bumped versions;
//  3. packs every published package with `pnpm pack` (its prepack copies LICENSE and builds dist/ when it
//     is stale: one package's dist/ is removed first, so the build-before-pack path runs every time);
//  4. checks each tarball (LICENSE, README, dist entry points, no source maps, no workspace: ranges);
//  5. installs all tarballs into an empty project with npm, imports every package there, type-checks an
//     import of each, and runs `cxctl --version` and `cxctl doctor` from that project.
// Nothing outside the scratch folder is changed. `--keep` leaves the scratch folder for inspection.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";

const root = resolve(dirname(new URL(import.meta.url).pathname), "..");
const keep = process.argv.includes("--keep");
const scratch = mkdtempSync(join(tmpdir(), "cortex-release-"));
const problems = [];
const started = Date.now();
const log = (message) => console.log(`release-dry-run (${((Date.now() - started) / 1000).toFixed(0)}s): ${message}`);

function sh(command, args, options = {}) {
  return execFileSync(command, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], ...options });
}
const pnpm = process.env["npm_execpath"] !== undefined && /pnpm/.test(process.env["npm_execpath"]) ? [process.execPath, process.env["npm_execpath"]] : ["pnpm"];
const runPnpm = (args, options) => sh(pnpm[0], [...pnpm.slice(1), ...args], options);

try {
  // 1. Scratch copy of the tracked files (plus built dist/ folders, with their times, so prepack sees them fresh).
  const tracked = sh("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: root }).split("\0").filter((file) => file !== "" && existsSync(join(root, file)));
  for (const file of tracked) cpSync(join(root, file), join(scratch, file), { preserveTimestamps: true });
  const publishable = ["packages", "apps"]
    .flatMap((group) => readdirSync(join(scratch, group)).map((name) => `${group}/${name}`))
    .filter((dir) => existsSync(join(scratch, dir, "package.json")))
    .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(scratch, dir, "package.json"), "utf8")) }))
    .filter(({ manifest }) => manifest.private !== true);
  for (const { dir } of publishable) {
    if (!existsSync(join(root, dir, "dist"))) throw new Error(`${dir}/dist is missing: run \`pnpm run build\` first.`);
    cpSync(join(root, dir, "dist"), join(scratch, dir, "dist"), { recursive: true, preserveTimestamps: true });
  }
  // Tools and workspace links come from the real install (read only).
  symlinkSync(join(root, "node_modules"), join(scratch, "node_modules"));
  // Each package's own node_modules: workspace packages point into the scratch copy (pnpm pack reads their
  // bumped versions there), everything else to the real install.
  const byName = new Map(publishable.map(({ dir, manifest }) => [manifest.name, dir]));
  for (const { dir } of publishable) {
    const modules = join(root, dir, "node_modules");
    if (!existsSync(modules)) continue;
    for (const entry of readdirSync(modules)) {
      const names = entry.startsWith("@") ? readdirSync(join(modules, entry)).map((name) => `${entry}/${name}`) : [entry];
      for (const name of names) {
        mkdirSync(dirname(join(scratch, dir, "node_modules", name)), { recursive: true });
        const target = byName.has(name) ? join(scratch, byName.get(name)) : realpathSync(join(modules, name));
        symlinkSync(target, join(scratch, dir, "node_modules", name));
      }
    }
  }
  log(`scratch copy of ${tracked.length} files in ${scratch}`);

  // 2. changeset version, then the changelogs it wrote.
  const pending = readdirSync(join(scratch, ".changeset")).filter((file) => file.endsWith(".md") && file !== "README.md");
  sh(process.execPath, [join(root, "node_modules/@changesets/cli/bin.js"), "version"], { cwd: scratch });
  const versions = new Set();
  for (const entry of publishable) {
    entry.manifest = JSON.parse(readFileSync(join(scratch, entry.dir, "package.json"), "utf8"));
    versions.add(entry.manifest.version);
    const changelogFile = join(scratch, entry.dir, "CHANGELOG.md");
    if (pending.length > 0 && !existsSync(changelogFile)) {
      problems.push(`${entry.manifest.name}: no CHANGELOG.md after changeset version`);
      continue;
    }
    if (!existsSync(changelogFile)) continue;
    const changelog = readFileSync(changelogFile, "utf8");
    const seen = new Set();
    for (const line of changelog.split("\n")) {
      if (/^- /.test(line) && seen.has(line)) problems.push(`${entry.manifest.name}: CHANGELOG.md repeats "${line}"`);
      seen.add(line);
      const prose = line.replace(/`[^`]*`/g, "");
      const mangled = prose.match(/(?:^|\s)[A-Z][A-Z0-9]*_\*|(?:^|\s)[A-Z0-9]+_[A-Z0-9_]+\b/g);
      if (mangled !== null) problems.push(`${entry.manifest.name}: CHANGELOG.md has a name outside a code span: ${mangled.join(", ").trim()}`);
    }
  }
  if (versions.size !== 1) problems.push(`the published packages do not share one version: ${[...versions].join(", ")}`);
  const version = [...versions][0];
  log(`changeset version: ${pending.length} changesets, every package at ${version}`);

  // 3. Pack in dependency order (pnpm pack replaces workspace: ranges with the versions).
  rmSync(join(scratch, "packages/auth-signer/dist"), { recursive: true, force: true });
  const tarballs = join(scratch, ".tarballs");
  mkdirSync(tarballs);
  for (const { dir } of publishable) {
    runPnpm(["pack", "--pack-destination", tarballs], { cwd: join(scratch, dir) });
  }
  const packed = readdirSync(tarballs).filter((file) => file.endsWith(".tgz"));
  log(`packed ${packed.length} tarballs`);

  // 4. Tarball contents.
  for (const { manifest } of publishable) {
    const file = packed.find((name) => name === `${manifest.name.replace("@", "").replace("/", "-")}-${version}.tgz`);
    if (file === undefined) {
      problems.push(`${manifest.name}: no tarball`);
      continue;
    }
    const listing = sh("tar", ["tzf", join(tarballs, file)]).split("\n").filter(Boolean);
    for (const required of ["package/LICENSE", "package/README.md", "package/package.json", "package/dist/index.js", "package/dist/index.d.ts"]) {
      if (!listing.includes(required)) problems.push(`${manifest.name}: ${required} missing from the tarball`);
    }
    const maps = listing.filter((name) => name.endsWith(".map"));
    if (maps.length > 0) problems.push(`${manifest.name}: ships ${maps.length} source maps (${maps[0]}) without their sources`);
    const packedManifest = sh("tar", ["xzOf", join(tarballs, file), "package/package.json"]);
    if (/"workspace:|"catalog:/.test(packedManifest)) problems.push(`${manifest.name}: the packed package.json still has workspace:/catalog: ranges`);
    const fields = JSON.parse(packedManifest);
    for (const field of ["license", "repository", "homepage", "bugs", "keywords", "engines"]) {
      if (fields[field] === undefined) problems.push(`${manifest.name}: package.json has no "${field}"`);
    }
  }

  // 5. An empty project: install every tarball, import every package, type-check the imports, run cxctl.
  const project = join(scratch, "consumer");
  mkdirSync(project);
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }, null, 2));
  // @types/node as a TypeScript project for Node has it: the declarations name Node's streams, http and Buffer.
  sh("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", ...packed.map((file) => join(tarballs, file)), "@types/node@^20.19.0"], { cwd: project });
  const names = publishable.map(({ manifest }) => manifest.name);
  const importAll = names.map((name, index) => `import * as m${index} from "${name}";`).join("\n");
  writeFileSync(
    join(project, "check.mjs"),
    `${importAll}\nconst modules = { ${names.map((name, index) => `"${name}": m${index}`).join(", ")} };\nfor (const [name, module] of Object.entries(modules)) {\n  if (Object.keys(module).length === 0) throw new Error(name + " exports nothing");\n}\nconsole.log(Object.keys(modules).length + " packages imported");\n`,
  );
  log(sh(process.execPath, ["check.mjs"], { cwd: project }).trim());
  writeFileSync(join(project, "check.ts"), `${importAll}\nexport const all = [${names.map((_, index) => `m${index}`).join(", ")}];\n`);
  writeFileSync(
    join(project, "tsconfig.json"),
    JSON.stringify({ compilerOptions: { target: "ES2023", module: "NodeNext", moduleResolution: "NodeNext", strict: true, noEmit: true, skipLibCheck: false, types: [] }, files: ["check.ts"] }),
  );
  try {
    sh(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", "."], { cwd: project });
  } catch (error) {
    problems.push(`type-checking an import of every package failed:\n${error.stdout ?? ""}${error.stderr ?? ""}`);
  }
  const cxctl = join(project, "node_modules/.bin/cxctl");
  const printed = sh(cxctl, ["--version"], { cwd: project }).trim();
  if (printed !== version) problems.push(`cxctl --version printed "${printed}", expected ${version}`);
  // A product's command tree and help come from dist/cli-manifest in the installed @cortex-sdk/cli.
  const help = sh(cxctl, ["xdr", "api-keys", "generate", "--help"], { cwd: project });
  if (!help.includes("--data") || help.includes("--filter") || !help.includes("Body fields")) problems.push(`cxctl xdr api-keys generate --help printed:\n${help}`);
  const tab = sh(cxctl, ["__complete", "--", "xdr", "inc"], { cwd: project });
  if (!tab.split("\n").includes("incidents")) problems.push(`cxctl __complete -- xdr inc printed:\n${tab}`);
  // In an empty folder, doctor must explain the missing configuration (exit 10: a check failed), not crash.
  const emptyEnv = { PATH: process.env["PATH"] ?? "", HOME: project };
  try {
    sh(cxctl, ["doctor", "--output", "json"], { cwd: project, env: emptyEnv });
    problems.push("cxctl doctor passed in an empty folder without configuration");
  } catch (error) {
    const report = JSON.parse(error.stdout);
    if (error.status !== 10 || report.checks?.[0]?.check !== "configuration") problems.push(`cxctl doctor in an empty folder: exit ${error.status}, ${error.stdout}${error.stderr}`);
  }
  log(`installed into an empty project; cxctl ${printed}; doctor explains the missing configuration`);
} catch (error) {
  problems.push(`${error.message}\n${error.stdout ?? ""}${error.stderr ?? ""}`);
} finally {
  if (keep) console.log(`release-dry-run: scratch folder kept at ${scratch}`);
  else rmSync(scratch, { recursive: true, force: true });
}

if (problems.length > 0) {
  console.error(`release-dry-run: ${problems.length} problem(s)\n- ${problems.join("\n- ")}`);
  process.exit(1);
}
log("ok");
