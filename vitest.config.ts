import { readdirSync, existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

// One vitest project per workspace package that has a test/ folder.
const projectDirs = ["packages", "apps"].flatMap((group) =>
  readdirSync(group, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(`${group}/${entry.name}/test`))
    .map((entry) => `${group}/${entry.name}`),
);

// CI asks for a JSON report as well (to print one closing line across Node versions).
const jsonReport = process.env["VITEST_JSON_REPORT"];

export default defineConfig({
  test: {
    reporters: jsonReport === undefined ? ["default"] : ["default", "json"],
    ...(jsonReport === undefined ? {} : { outputFile: { json: jsonReport } }),
    // Most tests wait on loopback HTTP, child processes or timers rather than the CPU, so one worker more
    // than the cores keeps a 2-core machine busy (vitest's default is one fewer).
    maxWorkers: Math.max(3, availableParallelism() + 1),
    projects: projectDirs.map((dir) => ({
      test: {
        name: dir.split("/")[1],
        root: dir,
        include: ["test/**/*.test.ts"],
        // Generous: these bound a hung test, never a speed (speed lives in bench/). A 2-core machine under
        // another CPU-heavy load builds the large emulator world or the whole schema pipeline slowly.
        testTimeout: 60_000,
        hookTimeout: 60_000,
        // Built workspace packages load as plain Node modules: transforming their dist through vite cost
        // each worker seconds of import time and tested nothing.
        server: { deps: { external: [/\/packages\/[^/]+\/dist\//, /\/apps\/cli\/dist\//] } },
      },
    })),
  },
});
