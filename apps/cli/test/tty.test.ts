import { execFile, execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, fixture, type Fixture } from "./helpers.js";

/** Whether util-linux `script` can give the command a pseudo-terminal here. */
function hasScript(): boolean {
  try {
    execFileSync("script", ["-qfc", "true", "/dev/null"], { stdio: "ignore", timeout: 5_000 });
    return true;
  } catch {
    return false;
  }
}

const SCRIPT = hasScript();
let fx: Fixture;

/** Runs cxctl under a pseudo-terminal (stdout and stderr both on it) and returns what the terminal showed. */
function onTerminal(args: readonly string[], env: Record<string, string>): Promise<{ code: number; output: string }> {
  const command = [process.execPath, BIN, ...args].map((word) => `'${word.replace(/'/g, "'\\''")}'`).join(" ");
  return new Promise((resolve) => {
    execFile("script", ["-qfec", command, "/dev/null"], { env: { PATH: process.env["PATH"] ?? "", TERM: "xterm-256color", COLUMNS: "200", ...env }, timeout: 30_000 }, (error, stdout) => {
      resolve({ code: error === null ? 0 : typeof error.code === "number" ? error.code : 1, output: stdout.replace(/\r\n/g, "\n") });
    });
  });
}

beforeAll(async () => {
  fx = await fixture({ incidentCount: 250 });
});

afterAll(async () => {
  await fx.close();
});

describe.skipIf(!SCRIPT)("cxctl on a terminal (pseudo-terminal via script)", () => {
  it("prints a table by default, with a bold header and a progress counter while paging", async () => {
    const result = await onTerminal(["xdr", "incidents", "list", "--all", "--page-size", "50"], fx.env("xdr"));
    expect(result.code, result.output).toBe(0);
    expect(result.output).toContain("\u001b[1mID  ");
    expect(result.output).toMatch(/SEVERITY\s+STATUS\s+CREATED\s+NAME/);
    // The spinner with its counter, erased before the table.
    expect(result.output).toMatch(/\r\u001b\[2K[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] incidents\.get_incidents: \d+ items, page \d+/);
    expect(result.output).toMatch(/incidents\.get_incidents: 250 items, page 5/);
    expect(result.output.trim().split("\n").filter((line) => /^\d+\s+(low|medium|high|critical|informational|unknown)/.test(line.replace(/^.*\r/, "").replace(/\u001b\[[0-9;]*[A-Za-z]/g, "")))).toHaveLength(250);
  });

  it("uses no colours with NO_COLOR, and no progress with --quiet", async () => {
    const result = await onTerminal(["xdr", "incidents", "list", "--limit", "120", "--quiet"], { ...fx.env("xdr"), NO_COLOR: "1" });
    expect(result.code, result.output).toBe(0);
    expect(result.output).not.toMatch(/\u001b\[/);
    expect(result.output).toMatch(/^ID\s+SEVERITY/m);
    const forcedOff = await onTerminal(["doctor"], { ...fx.env("xdr"), FORCE_COLOR: "0" });
    expect(forcedOff.output).not.toMatch(/\u001b\[3\dm/);
    expect(forcedOff.output).toMatch(/✓ reachability/);
  });

  it("colours doctor's marks on a terminal", async () => {
    const result = await onTerminal(["doctor"], fx.env("xdr"));
    expect(result.code, result.output).toBe(0);
    expect(result.output).toContain("\u001b[32m✓\u001b[39m");
  });

  it("shows a spinner while waiting for an XQL query", async () => {
    const result = await onTerminal(["xql", "dataset = xdr_data | limit 2", "--timeframe", "1h"], fx.env("xdr"));
    expect(result.code, result.output).toBe(0);
    expect(result.output).toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] (starting the query|query )/);
  });
});

describe("without a terminal", () => {
  it("prints JSON, no colours and no progress even without NO_COLOR", async () => {
    const { cxctl } = await import("./helpers.js");
    const { NO_COLOR: _unset, ...env } = { ...fx.env("xdr"), NO_COLOR: "" };
    const result = await cxctl(["xdr", "incidents", "list", "--limit", "120"], env);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toHaveLength(120);
    expect(result.stderr).toBe("");
  });
});
