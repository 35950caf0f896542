// The lint rule scripts/check-untyped-requests.mjs (part of `pnpm run lint`) on two fixtures: one with
// every kind of unchecked operation id, one with the same calls on a typed surface.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const fixtures = "packages/core/test/fixtures/untyped-request";

function runRule(...args: string[]): { status: number | null; stderr: string } {
  const result = spawnSync(process.execPath, ["scripts/check-untyped-requests.mjs", ...args], { cwd: root, encoding: "utf8" });
  return { status: result.status, stderr: result.stderr };
}

/** `line:column` of each report, in order, with what it reports. */
function reports(stderr: string): string[] {
  return [...stderr.matchAll(/calls\.ts:(\d+):(\d+) (\.\w+\(|the operation id)/g)].map((match) => `${match[1]}:${match[2]} ${match[3]}`);
}

describe("check-untyped-requests", () => {
  it("fails on each untyped request, paginate and stream call with a literal id, and on op-id literals in core", () => {
    const { status, stderr } = runRule("--package", `${fixtures}/bad`, "--core");
    expect(status).toBe(1);
    expect(reports(stderr)).toEqual([
      "6:9 .request(",
      "6:45 the operation id",
      "7:9 .request(",
      "7:24 the operation id",
      "8:9 .request(",
      "9:27 .paginate(",
      "9:61 the operation id",
      "10:10 .stream(",
      "10:24 the operation id",
      "13:22 the operation id",
    ]);
    expect(stderr).toContain('.request("xsoar.about" | "xsoar.about.v8")');
  }, 60_000);

  it("passes calls whose id parameter is typed by the operation ids, and ids from variables", () => {
    const { status, stderr } = runRule("--package", `${fixtures}/good`);
    expect(stderr).toBe("");
    expect(status).toBe(0);
  }, 60_000);

  it("still reports the literals of a typed call when the folder is core's runtime", () => {
    const { status, stderr } = runRule("--package", `${fixtures}/good`, "--core");
    expect(status).toBe(1);
    expect(reports(stderr)).toEqual(["7:12 the operation id", "16:37 the operation id", "17:22 the operation id"]);
  }, 60_000);
});
