import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ExitCode, EXIT_CODE_SUMMARIES, exitCodeHelp } from "../src/exit-codes.js";

describe("the exit-code table", () => {
  const codes = Object.values(ExitCode);

  it("has one code per name, and a summary for each", () => {
    expect(new Set(codes).size).toBe(codes.length);
    expect(Object.keys(EXIT_CODE_SUMMARIES).sort()).toEqual(Object.keys(ExitCode).sort());
  });

  it("is what --help prints: every code with its summary, in order", () => {
    const help = exitCodeHelp();
    let from = 0;
    for (const name of Object.keys(ExitCode) as (keyof typeof ExitCode)[]) {
      const at = help.indexOf(`${ExitCode[name]} ${EXIT_CODE_SUMMARIES[name]}`, from);
      expect(at, name).toBeGreaterThanOrEqual(from);
      from = at;
    }
  });

  it("is the README's table, code for code", () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    const section = readme.slice(readme.indexOf("## Exit codes"), readme.indexOf("\n## ", readme.indexOf("## Exit codes") + 1));
    const listed = [...section.matchAll(/^\| (\d+) \|/gm)].map((match) => Number(match[1]));
    expect(listed).toEqual(codes);
  });
});
