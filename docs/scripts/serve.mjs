#!/usr/bin/env node
// `pnpm run docs:serve`: serves the built site at http://localhost:4173 (VitePress preview), building it
// first when docs/.vitepress/dist is missing, so one command takes a fresh clone to a site in the browser.
// `--rebuild` builds it again first.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { serve } from "vitepress";

const docsDir = join(dirname(fileURLToPath(import.meta.url)), "..");
if (process.argv.includes("--rebuild") || !existsSync(join(docsDir, ".vitepress/dist/index.html"))) {
  execFileSync(process.execPath, [join(docsDir, "scripts/build.mjs")], { cwd: docsDir, stdio: "inherit" });
}
await serve({ root: docsDir, port: 4173 });
