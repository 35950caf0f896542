import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CliIo } from "../src/io.js";
import { run } from "../src/main.js";
import { cellText } from "../src/output.js";
import { displayWidth, renderTable, toYaml } from "../src/render.js";
import { cxctl, fixture, type Fixture } from "./helpers.js";

const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { name: string; version: string; bin: Record<string, string> };

/** Runs cxctl in-process and collects what it writes. */
async function runCaptured(argv: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    stdout: { write: (text: string) => ((stdout += text), true), isTTY: false } as unknown as CliIo["stdout"],
    stderr: { write: (text: string) => ((stderr += text), true), isTTY: false } as unknown as CliIo["stderr"],
    env: { NO_COLOR: "1", HOME: "/nonexistent-home" },
  };
  const code = await run(argv, io);
  return { code, stdout, stderr };
}

describe("cxctl as an installed package", () => {
  it("prints the package version with --version and -V", async () => {
    for (const flag of ["--version", "-V"]) {
      const result = await cxctl([flag]);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout.trim()).toBe(manifest.version);
    }
  });

  it("is the public @cortex-sdk/cli package with the cxctl bin", () => {
    expect(manifest.name).toBe("@cortex-sdk/cli");
    expect(manifest.bin["cxctl"]).toBe("./dist/bin.js");
  });
});

describe("output formats", () => {
  it("writes YAML that reads back as the same JSON value in YAML 1.1 and 1.2", () => {
    const value = [{ answer: "y", no: "n", upper: "Y", yes: "yes", inf: ".inf", nan: ".nan", tilde: "~", hex: "0x1F", date: "2024-01-01", colon: "a: b", empty: "", count: 3, flag: true, none: null, list: ["x", "y"], nested: { off: "off" } }];
    const text = toYaml(value);
    expect(parse(text, { version: "1.2" })).toEqual(value);
    expect(parse(text, { version: "1.1" })).toEqual(value);
  });

  it("aligns table columns by display width when cells hold wide characters", () => {
    const rows = [
      { name: "東京サーバー", status: "ok" },
      { name: "host-1", status: "isolated" },
      { name: "🔥 fire", status: "new" },
    ];
    const text = renderTable(rows, [
      { header: "NAME", cell: (row) => row.name },
      { header: "STATUS", cell: (row) => row.status },
    ]);
    const lines = text.trimEnd().split("\n");
    const statusColumn = (line: string): number => displayWidth(line.slice(0, line.search(/\S+$/)));
    const columns = lines.map(statusColumn);
    expect(new Set(columns).size, text).toBe(1);
    expect(columns[0]).toBe(displayWidth("東京サーバー") + 2);
  });

  it("shows arrays of plain values as a list, not JSON", () => {
    expect(cellText(["a1b2", "c3d4"])).toBe("a1b2, c3d4");
    expect(cellText([1, 2])).toBe("1, 2");
    expect(cellText([{ id: 1 }])).toBe('[{"id":1}]');
  });
});

describe("help", () => {
  it("lists only the flags an operation takes: api-keys generate has no --filter, --sort, --from or --to", async () => {
    const generate = await runCaptured(["xdr", "api-keys", "generate", "--help"]);
    expect(generate.code, generate.stderr).toBe(0);
    for (const flag of ["--filter", "--sort", "--from", "--to", "--limit", "--all"]) expect(generate.stdout).not.toContain(flag);
    expect(generate.stdout).toContain("--data");
    const list = await runCaptured(["xdr", "api-keys", "list", "--help"]);
    for (const flag of ["--filter", "--sort", "--from", "--to"]) expect(list.stdout).toContain(flag);
  });

  it("says what each group does instead of counting its commands", async () => {
    const help = await runCaptured(["xdr", "--help"]);
    expect(help.code, help.stderr).toBe(0);
    expect(help.stdout).not.toMatch(/\d+ commands?\b/);
    expect(help.stdout).toMatch(/api-keys\s+delete, generate, list/);
    expect(help.stdout).toMatch(/incidents\s+.*\blist\b/);
  });
});

describe("XSOAR words (emulator)", () => {
  let fx: Fixture;
  beforeAll(async () => {
    fx = await fixture();
  });
  afterAll(async () => {
    await fx.close();
  });

  it("shows XSOAR severity and status as the console's words in a table", async () => {
    const env = fx.env("xsoar8");
    const created = await cxctl(["xsoar", "incidents", "create", "--name", "words check", "--severity", "3", "-o", "json"], env);
    expect(created.code, created.stderr).toBe(0);
    const json = await cxctl(["xsoar", "incidents", "search", "--query", 'name:"words check"', "--limit", "5", "-o", "json"], env);
    const [incident] = JSON.parse(json.stdout) as { severity: number; status: number }[];
    expect(incident?.severity).toBe(3);
    const table = await cxctl(["xsoar", "incidents", "search", "--query", 'name:"words check"', "--limit", "5", "-o", "table"], env);
    expect(table.code, table.stderr).toBe(0);
    const [header, row = ""] = table.stdout.trimEnd().split("\n");
    expect(header).toMatch(/SEVERITY\s+STATUS/);
    expect(row).toMatch(/\bHigh\b/);
    expect(row).toMatch(/\b(Pending|Active|Closed|Archive)\b/);
    expect(row).not.toMatch(/\s3\s/);
  }, 90_000);
});
