#!/usr/bin/env node
// Fails when a published package lacks what npm users and the release need: the root's license,
// repository (with its folder), homepage, bugs, keywords, engines, files, public access and the prepack
// build. The root package.json is the one place the repository's addresses are written: `--fix` copies
// them (repository with the package's folder, homepage, bugs), the license and the engines into every
// published package, so changing the address is one edit and one command.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const rootManifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const problems = [];
const fix = process.argv.includes("--fix");
let fixed = 0;
if (!existsSync(join(root, "LICENSE"))) problems.push("LICENSE is missing at the repository root");
for (const group of ["packages", "apps"]) {
  for (const name of readdirSync(join(root, group))) {
    const file = join(root, group, name, "package.json");
    if (!existsSync(file)) continue;
    const manifest = JSON.parse(readFileSync(file, "utf8"));
    if (manifest.private === true) continue;
    const where = `${group}/${name}`;
    if (fix) {
      const before = JSON.stringify(manifest);
      manifest.license = rootManifest.license;
      manifest.repository = { ...rootManifest.repository, directory: where };
      manifest.homepage = `${rootManifest.homepage.replace(/#readme$/, "")}/tree/main/${where}#readme`;
      manifest.bugs = { ...rootManifest.bugs };
      manifest.engines = { ...manifest.engines, node: rootManifest.engines.node };
      if (JSON.stringify(manifest) !== before) {
        writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
        fixed++;
      }
    }
    const expect = (ok, message) => ok || problems.push(`${manifest.name} (${where}/package.json): ${message}`);
    expect(manifest.name.startsWith("@cortex-sdk/"), `published packages are named @cortex-sdk/*`);
    expect(manifest.license === rootManifest.license, `"license" must be "${rootManifest.license}"`);
    expect(manifest.repository?.url === rootManifest.repository.url && manifest.repository?.directory === where, `"repository" must be { "type": "git", "url": "${rootManifest.repository.url}", "directory": "${where}" }`);
    expect(typeof manifest.homepage === "string" && manifest.homepage.startsWith(rootManifest.homepage.replace(/#readme$/, "")), `"homepage" must point into ${rootManifest.homepage}`);
    expect(manifest.bugs?.url === rootManifest.bugs.url, `"bugs" must be { "url": "${rootManifest.bugs.url}" }`);
    expect(Array.isArray(manifest.keywords) && manifest.keywords.length > 0, `"keywords" must list a few words`);
    expect(manifest.engines?.node === rootManifest.engines.node, `"engines.node" must be "${rootManifest.engines.node}"`);
    expect(Array.isArray(manifest.files) && manifest.files.includes("dist"), `"files" must include "dist"`);
    expect(manifest.publishConfig?.access === "public", `"publishConfig.access" must be "public"`);
    expect(manifest.scripts?.prepack === "node ../../scripts/prepack.mjs", `"scripts.prepack" must be "node ../../scripts/prepack.mjs" (LICENSE and a build before pack)`);
    expect(existsSync(join(root, where, "README.md")), "README.md is missing");
  }
}
if (problems.length > 0) {
  console.error(`package fields: ${problems.length} problem(s)\n- ${problems.join("\n- ")}\n(\`node scripts/check-package-fields.mjs --fix\` copies the root's license, addresses and engines into every package)`);
  process.exit(1);
}
console.log(`package fields: ok${fix ? ` (${fixed} package.json file(s) rewritten from the root's)` : ""}`);
