// `cxctl examples` (issue #12 item 4): every product (XDR, XSIAM, XSOAR 6 and 8, Xpanse, Cortex Cloud) at both
// key levels, in curl, Python 3 and TypeScript, each printed with --show-secret and RUN against the emulator
// over loopback: the shell example with /bin/sh and curl, the Python one with python3, the TypeScript one
// compiled with tsc (type-checked against the built packages) and run with node.
import { execFile } from "node:child_process";
import { access, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cxctl, fixture, type Fixture } from "./helpers.js";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const CLI_MODULES = fileURLToPath(new URL("../node_modules", import.meta.url));

interface Target {
  /** Name in the test output. */
  readonly name: string;
  /** `--product` of cxctl. */
  readonly product: string;
  /** The fixture's bootstrap key. */
  readonly tenant: string;
  readonly level: "standard" | "advanced";
  /** The reply field that holds the items (from the operation table). */
  readonly items: string;
  /** Inside `reply` (Cortex envelope) or at the top (XSOAR). */
  readonly enveloped: boolean;
}

const TARGETS: Target[] = [
  ...(["xdr", "xsiam", "xpanse"] as const).flatMap((product) =>
    (["standard", "advanced"] as const).map((level) => ({ name: `${product} ${level}`, product, tenant: product, level, items: "incidents", enveloped: true })),
  ),
  ...(["standard", "advanced"] as const).map((level) => ({ name: `cloud ${level}`, product: "cloud", tenant: "cloud", level, items: "issues", enveloped: true })),
  ...(["standard", "advanced"] as const).map((level) => ({ name: `xsoar 8 ${level}`, product: "xsoar", tenant: "xsoar8", level, items: "data", enveloped: false })),
  // XSOAR 6 keys have no security level: one kind of key, sent as is.
  { name: "xsoar 6", product: "xsoar", tenant: "xsoar6", level: "standard", items: "data", enveloped: false },
];

let fx: Fixture;
let work: string;
const envs = new Map<string, Record<string, string>>();
const printed = new Map<string, { curl: string; python: string; typescript: string }>();

function run(file: string, args: readonly string[], env: Record<string, string>, cwd = work): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(file, args, { cwd, env: { PATH: process.env["PATH"] ?? "", ...env }, encoding: "utf8", timeout: 60_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === "number" ? error.code : 1, stdout, stderr: stderr + (error === null ? "" : error.message) });
    });
  });
}

async function present(binary: string): Promise<boolean> {
  return (await run("/bin/sh", ["-c", `command -v ${binary}`], {})).code === 0;
}

/** The items of a printed reply (Cortex `{reply: {<items>: [...]}}` or XSOAR `{<items>: [...]}`). */
function itemsOf(target: Target, text: string): unknown[] {
  const parsed = JSON.parse(text) as Record<string, unknown>;
  const holder = (target.enveloped ? parsed["reply"] : parsed) as Record<string, unknown> | undefined;
  const items = holder?.[target.items];
  if (!Array.isArray(items)) throw new Error(`${target.name}: no ${target.items} list in ${text.slice(0, 300)}`);
  return items;
}

beforeAll(async () => {
  fx = await fixture();
  work = await mkdtemp(join(tmpdir(), "cxctl-examples-"));
  // The TypeScript examples import the built packages as a user's project would.
  await symlink(CLI_MODULES, join(work, "node_modules"), "dir");
  await writeFile(join(work, "package.json"), JSON.stringify({ type: "module", private: true }));
  for (const target of TARGETS) {
    const base: Record<string, string> = { ...fx.env(target.tenant), ...(target.tenant === "xsoar6" ? { CORTEX_XSOAR_VERSION: "6" } : {}) };
    let env = base;
    if (target.level === "standard" && target.tenant !== "xsoar6") {
      const made = await cxctl(["keys", "generate", "--product", target.product, "--role", "Viewer", "--level", "standard", "--expires", "30d", "-o", "json"], base);
      expect(made.code, made.stderr).toBe(0);
      const key = JSON.parse(made.stdout) as { id: number; key: string };
      env = { ...base, CORTEX_API_KEY_ID: String(key.id), CORTEX_API_KEY: key.key, CORTEX_API_KEY_TYPE: "standard" };
    }
    expect(env["CORTEX_API_KEY_TYPE"]).toBe(target.level);
    envs.set(target.name, env);
    const texts = { curl: "", python: "", typescript: "" };
    for (const lang of ["curl", "python", "typescript"] as const) {
      const result = await cxctl(["examples", "--product", target.product, "--lang", lang, "--show-secret"], env);
      expect(result.code, `${target.name} ${lang}: ${result.stderr}`).toBe(0);
      texts[lang] = result.stdout;
    }
    printed.set(target.name, texts);
  }
}, 120_000);

afterAll(async () => {
  await fx.close();
  await rm(work, { recursive: true, force: true });
});

describe("cxctl examples: what is printed", () => {
  it("masks the key unless --show-secret, and names the key and the call", async () => {
    const env = envs.get("xdr advanced") ?? {};
    const masked = await cxctl(["examples"], env);
    expect(masked.code, masked.stderr).toBe(0);
    expect(masked.stdout).not.toContain(env["CORTEX_API_KEY"]);
    expect(masked.stderr).toMatch(/--show-secret/);
    expect(masked.stdout).toMatch(/^# incidents\.get_incidents with curl \(advanced key \d+\)/);
    expect(masked.stdout).toMatch(/import \{ XdrClient \} from "@cortex-sdk\/xdr"/);
    expect(printed.get("xdr advanced")?.python).toContain(env["CORTEX_API_KEY"]);
  });

  it("the advanced shell example uses only portable tools (openssl, POSIX date), nothing GNU-only", () => {
    for (const target of TARGETS.filter((candidate) => candidate.level === "advanced")) {
      const curl = printed.get(target.name)?.curl ?? "";
      expect(curl).toMatch(/openssl rand -hex 32/);
      expect(curl).toMatch(/openssl dgst -sha256/);
      expect(curl).toMatch(/date \+%s\)/);
      for (const gnuOnly of [/sha256sum/, /head -c/, /date \+%s%N|%N/, /tr -dc/, /base64 -w/, /\bsed -r\b/, /readlink -f/, /\bgrep -P\b/]) expect(curl).not.toMatch(gnuOnly);
    }
  });

  it("Cortex Cloud's first call is one Cloud serves (issue.search), not an incidents call", () => {
    const cloud = printed.get("cloud advanced");
    expect(cloud?.curl).toMatch(/\/public_api\/v1\/issue\/search'/);
    expect(cloud?.python).toMatch(/\/public_api\/v1\/issue\/search"/);
    expect(cloud?.typescript).toMatch(/client\.issue\.search\(/);
    expect(cloud?.typescript).not.toMatch(/client\.incidents/);
  });
});

describe("cxctl examples: each one runs against the emulator", () => {
  it.each(TARGETS.map((target) => [target.name, target] as const))("curl (%s)", async (_name, target) => {
    if (!(await present("curl")) || (target.level === "advanced" && !(await present("openssl")))) {
      // Skipped only where the machine lacks the tools; CI images have both.
      console.warn(`examples: curl or openssl is not installed; the ${target.name} shell example was not run`);
      return;
    }
    const result = await run("/bin/sh", ["-c", printed.get(target.name)?.curl ?? ""], {});
    expect(result.code, result.stderr).toBe(0);
    expect(itemsOf(target, result.stdout).length).toBeGreaterThan(0);
  }, 60_000);

  it.each(TARGETS.map((target) => [target.name, target] as const))("Python 3 (%s)", async (_name, target) => {
    const result = await run("python3", ["-c", printed.get(target.name)?.python ?? ""], {});
    expect(result.code, result.stderr).toBe(0);
    expect(itemsOf(target, result.stdout).length).toBeGreaterThan(0);
  }, 60_000);

  it("TypeScript: every example type-checks against the built packages and runs with node", async () => {
    const files = TARGETS.map((target) => ({ target, file: `${target.name.replace(/\W+/g, "-")}.ts` }));
    for (const { target, file } of files) await writeFile(join(work, file), `${printed.get(target.name)?.typescript ?? ""}\nexport {};\n`);
    await writeFile(
      join(work, "tsconfig.json"),
      JSON.stringify({
        extends: join(ROOT, "tsconfig.base.json"),
        compilerOptions: { rootDir: ".", outDir: "out", declaration: false, typeRoots: [join(ROOT, "node_modules/@types")], types: ["node"] },
        include: ["*.ts"],
      }),
    );
    const tsc = createRequire(join(ROOT, "package.json")).resolve("typescript/bin/tsc");
    const compiled = await run(process.execPath, [tsc, "-p", join(work, "tsconfig.json")], {});
    expect(compiled.code, compiled.stdout + compiled.stderr).toBe(0);
    for (const { target, file } of files) {
      const output = join(work, "out", file.replace(/\.ts$/, ".js"));
      await access(output);
      const env = envs.get(target.name) ?? {};
      // Only the key: the example names the URL, key id and level itself.
      const result = await run(process.execPath, [output], { CORTEX_API_KEY: env["CORTEX_API_KEY"] ?? "", HOME: env["HOME"] ?? "" });
      expect([target.name, result.code, result.stderr]).toEqual([target.name, 0, ""]);
      // Each item printed by console.log: an object with the table's id field.
      expect(result.stdout, target.name).toMatch(target.items === "incidents" ? /incident_id: / : /\bid: /);
    }
  }, 120_000);
});
