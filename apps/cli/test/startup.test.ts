import { execFile } from "node:child_process";
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type StoredCatalog, CLI_MANIFEST_DIR } from "../src/catalog.js";
import { computeCatalog } from "../src/catalog-source.js";
import { PRODUCTS } from "../src/connection.js";
import { renderStoredHelp, type StoredHelp } from "../src/help-text.js";
import { helpWithMarkers, storedHelps, storedOperationHelps } from "../src/help-source.js";
import { buildProgram, commandSummaries, programTree } from "../src/main.js";
import { BIN, cxctl } from "./helpers.js";

// Start-up: help and completion come from dist/cli-manifest, so they load no client, table, schema,
// undici or zod (and completion not even commander). Checked on the built binary, module by module.

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "cxctl-loads-"));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs the built binary with a hook that records every module it loads; returns the loaded URLs. */
async function loadedBy(args: readonly string[]): Promise<{ code: number; stdout: string; loaded: string[] }> {
  const file = join(dir, `${args.join("_").replace(/\W/g, "_")}.txt`);
  const hook = fileURLToPath(new URL("./fixtures/record-loads.mjs", import.meta.url));
  const { code, stdout } = await new Promise<{ code: number; stdout: string }>((resolve) => {
    execFile(process.execPath, ["--import", hook, BIN, ...args], { env: { PATH: process.env["PATH"] ?? "", NO_COLOR: "1", CXCTL_RECORD_LOADS: file }, timeout: 60_000 }, (error, out) => {
      resolve({ code: error === null ? 0 : typeof error.code === "number" ? error.code : 1, stdout: out });
    });
  });
  const loaded = (await readFile(file, "utf8")).trim().split("\n");
  return { code, stdout, loaded };
}

// The one product list (@cortex-sdk/schemas-base/products) is a module of constants without imports.
const HEAVY = [/\/packages\/[^/]+\/dist\/(?!product-list\.js$)/, /\/undici\//, /\/zod\//, /\/yaml\//, /\/string-width\//];

describe("start-up loads only what the command needs (built binary)", () => {
  it("cxctl --help, a top-level command's and an operation's --help print the stored help without commander or the program", { timeout: 60_000 }, async () => {
    for (const args of [["--help"], ["help"], ["keys", "-h"], ["help", "xdr"], ["xdr", "incidents", "list", "--help"], ["xdr", "incidents", "get-incidents", "-h"]]) {
      const { code, stdout, loaded } = await loadedBy(args);
      expect([args.join(" "), code]).toEqual([args.join(" "), 0]);
      expect(stdout).toEqual((await cxctl(args)).stdout);
      // The hook sees the binary's own modules, so an empty list would mean it saw nothing.
      expect(loaded.some((url) => url.endsWith("/apps/cli/dist/help-text.js"))).toBe(true);
      expect(loaded.filter((url) => /\/commander\/|\/apps\/cli\/dist\/main\.js$/.test(url) || HEAVY.some((pattern) => pattern.test(url)))).toEqual([]);
    }
  });

  it("help the build did not store (a global flag first) loads commander and the program, but no product package, undici, zod, yaml or string-width", { timeout: 60_000 }, async () => {
    const args = ["--profile", "p", "xdr", "incidents", "list", "--help"];
    const { code, stdout, loaded } = await loadedBy(args);
    expect(code).toBe(0);
    expect(stdout).toEqual((await cxctl(args)).stdout);
    expect(stdout).toMatch(/Usage: cxctl xdr incidents list/);
    expect(loaded.some((url) => url.endsWith("/apps/cli/dist/main.js"))).toBe(true);
    expect(loaded.filter((url) => HEAVY.some((pattern) => pattern.test(url)))).toEqual([]);
  });

  it("a Tab (cxctl __complete) does not even load commander, and answers", { timeout: 60_000 }, async () => {
    const { code, stdout, loaded } = await loadedBy(["__complete", "--", "xdr", "inc"]);
    expect(code).toBe(0);
    expect(stdout.split("\n")).toContain("incidents");
    expect(loaded.some((url) => url.endsWith("/apps/cli/dist/complete.js"))).toBe(true);
    expect(loaded.filter((url) => /\/commander\//.test(url) || HEAVY.some((pattern) => pattern.test(url)))).toEqual([]);
  });
});

describe("the bash completion script with the built binary", () => {
  it("completes a call, a flag and a flag value on Tab", { timeout: 60_000 }, async () => {
    const bin = join(dir, "bin");
    await rm(bin, { recursive: true, force: true });
    await mkdir(bin);
    await writeFile(join(bin, "cxctl"), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
    await chmod(join(bin, "cxctl"), 0o755);
    // One shell for every Tab: source the script once, then complete each line, a blank line after each.
    const lines = [["cxctl", "xdr", "endpoints", "iso"], ["cxctl", "xdr", "incidents", "list", "--li"], ["cxctl", "xql", "--product", "xs"]];
    const tabs = lines.map((words) => `COMP_WORDS=(${words.map((word) => `'${word}'`).join(" ")}); COMP_CWORD=${words.length - 1}; _cxctl; printf '%s\\n' "\${COMPREPLY[@]}" ''; `).join("");
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile("bash", ["-c", `source <(cxctl completion bash); ${tabs}`], { env: { PATH: `${bin}:${process.env["PATH"] ?? ""}` }, timeout: 60_000 }, (error, out, stderr) => {
        if (error === null) resolve(out);
        else reject(new Error(`${error.message}\n${stderr}`));
      });
    });
    expect(stdout.split("\n\n").map((block) => block.split("\n").filter((line) => line !== ""))).toEqual([["isolate"], ["--limit"], ["xsiam"], []]);
  });
});

describe("help of commands that are stubs until named", () => {
  it("shows a top-level command's own help however it is asked for, and the root lists every command", async () => {
    for (const args of [["keys", "--help"], ["help", "keys"], ["--profile", "p", "keys", "--help"]]) {
      const help = await cxctl(args);
      expect([args.join(" "), help.code]).toEqual([args.join(" "), 0]);
      expect(help.stdout).toMatch(/Usage: cxctl keys/);
      expect(help.stdout).toMatch(/\n {2}rotate\b/);
    }
    const root = await cxctl(["--help"]);
    expect(root.stdout).toMatch(/\n {2}xdr +Cortex XDR: every operation \(\d+\), as <group> <call>/);
    expect(root.stdout).toMatch(/\n {2}xql \[options\] <query> +run an XQL query/);
    const group = await cxctl(["xdr", "--help"]);
    expect(group.stdout).toMatch(/\n {2}incidents +list, get, update\b/);
  });
});

describe("completion answers from the stored command tree", () => {
  it("completes groups, calls, aliases, flags (own and global) and flag values", async () => {
    const words = async (...line: string[]): Promise<string[]> => (await cxctl(["__complete", "--", ...line])).stdout.split("\n").filter((word) => word !== "");
    expect(await words("xdr", "inc")).toEqual(expect.arrayContaining(["incidents", "endpoints", "api-keys"]));
    expect(await words("xsiam", "xql", "")).toEqual(expect.arrayContaining(["start", "get-results"]));
    expect(await words("xdr", "endpoints", "isolate", "--")).toEqual(expect.arrayContaining(["--wait", "--max-wait", "--no-check", "--profile", "--output"]));
    expect(await words("xdr", "incidents", "get-incidents", "--")).toEqual(expect.arrayContaining(["--status", "--severity", "--limit"]));
    expect(await words("xql", "--product", "")).toEqual(["xdr", "xsiam", "cloud"]);
    expect(await words("xdr", "incidents", "list", "--limit", "")).toEqual([]);
    expect(await words("--profile", "prod", "xdr", "")).toEqual(expect.arrayContaining(["incidents"]));
  });
});

describe("dist/cli-manifest reproduces from the product packages and the program", () => {
  it("holds every product's commands and request schemas as the clients and schemas have them", async () => {
    for (const product of PRODUCTS) {
      const stored = JSON.parse(await readFile(new URL(`${product}.json`, CLI_MANIFEST_DIR), "utf8")) as StoredCatalog;
      const requests = await readFile(new URL(`${product}.requests.ndjson`, CLI_MANIFEST_DIR));
      const computed = await computeCatalog(product);
      expect(stored.entries.map(({ request: _range, ...entry }) => entry)).toEqual(computed.entries);
      for (const entry of stored.entries) {
        const schema = entry.request === undefined ? undefined : (JSON.parse(requests.subarray(entry.request[0], entry.request[1]).toString("utf8")) as unknown);
        expect([entry.operation.id, schema]).toEqual([entry.operation.id, computed.requestSchema(entry.operation.id)]);
      }
    }
  }, 120_000);

  it("holds the program's whole command tree for completion, and the top-level commands for help", async () => {
    const silent = { stdout: { write: () => true }, stderr: { write: () => true }, env: {} };
    const tree = JSON.parse(await readFile(new URL("completion.json", CLI_MANIFEST_DIR), "utf8")) as unknown;
    expect(tree).toEqual(await programTree(silent));
    const summaries = JSON.parse(await readFile(new URL("commands.json", CLI_MANIFEST_DIR), "utf8")) as unknown;
    expect(summaries).toEqual(await commandSummaries(silent));
    const helps = JSON.parse(await readFile(new URL("help.json", CLI_MANIFEST_DIR), "utf8")) as unknown;
    expect(helps).toEqual(await storedHelps(silent));
  }, 120_000);

  it("stored help prints as commander prints it, at any terminal width", async () => {
    const silent = { stdout: { write: () => true }, stderr: { write: () => true }, env: {} };
    const helps = JSON.parse(await readFile(new URL("help.json", CLI_MANIFEST_DIR), "utf8")) as Record<string, StoredHelp>;
    expect(Object.keys(helps)).toEqual(expect.arrayContaining(["", "xdr", "keys", "xql"]));
    for (const [key, stored] of Object.entries(helps)) {
      const words = key === "" ? [] : [key];
      for (const width of [20, 39, 44, 60, 80, 97, 132, 250]) {
        const program = await buildProgram([...words, "--help"], silent);
        const command = key === "" ? program : program.commands.find((candidate) => candidate.name() === key);
        let printed = "";
        command?.configureOutput({ writeOut: (text) => (printed += text), getOutHelpWidth: () => width });
        command?.outputHelp();
        expect([key, width, renderStoredHelp(stored, width)]).toEqual([key, width, printed]);
      }
    }
  }, 120_000);

  it("holds every operation's help as the program prints it, under each name and alias, at any width", async () => {
    const silent = { stdout: { write: () => true }, stderr: { write: () => true }, env: {} };
    for (const product of PRODUCTS) {
      const index = JSON.parse(await readFile(new URL(`${product}.help.json`, CLI_MANIFEST_DIR), "utf8")) as Record<string, [number, number]>;
      const lines = await readFile(new URL(`${product}.help.ndjson`, CLI_MANIFEST_DIR));
      const computed = await storedOperationHelps(product, silent);
      expect(Object.keys(index).sort()).toEqual([...computed.keys()].sort());
      for (const [key, [start, end]] of Object.entries(index)) {
        const stored = JSON.parse(lines.subarray(start, end + 1).toString("utf8")) as StoredHelp;
        expect([product, key, stored]).toEqual([product, key, computed.get(key)]);
        if (product !== "xdr" && product !== "xsoar") continue;
        for (const width of [44, 80, 132]) {
          const words = key.split(" ");
          const program = await buildProgram([product, ...words, "--help"], silent);
          const command = program.commands.find((candidate) => candidate.name() === product)?.commands.find((candidate) => candidate.name() === words[0] || candidate.aliases().includes(words[0] ?? ""))?.commands.find((candidate) => candidate.name() === words[1] || candidate.aliases().includes(words[1] ?? ""));
          let printed = "";
          command?.configureOutput({ writeOut: (text) => (printed += text), getOutHelpWidth: () => width });
          command?.outputHelp();
          expect([product, key, width, renderStoredHelp(stored, width)]).toEqual([product, key, width, printed]);
        }
      }
    }
  }, 600_000);

  it("wraps a description with line breaks, under commander's minimum width too", async () => {
    const { Command } = await import("commander");
    const command = new Command("demo").description("first line of a description long enough to be wrapped somewhere\nsecond line").option("--a-rather-long-flag-name <value>", "an option whose description is long enough to wrap\nand has a second line");
    const stored = helpWithMarkers(command);
    for (const width of [10, 50, 60, 70, 80, 120]) {
      let printed = "";
      command.configureHelp({}).configureOutput({ writeOut: (text) => (printed += text), getOutHelpWidth: () => width });
      command.outputHelp();
      expect([width, renderStoredHelp(stored, width)]).toEqual([width, printed]);
    }
  });
});
