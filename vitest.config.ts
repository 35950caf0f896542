import { readdirSync, existsSync } from "node:fs";
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
    projects: projectDirs.map((dir) => ({
      test: {
        name: dir.split("/")[1],
        root: dir,
        include: ["test/**/*.test.ts"],
        testTimeout: 20_000,
      },
    })),
  },
});
