// The packed packages, installed alone: `pnpm pack` the signer, core, the schemas base, XDR's schemas, workflows and the XDR client, install
// the XDR tarball into an empty project with npm (the workspace packages from their tarballs, undici and
// zod from the registry), run a script that imports @cortex-sdk/xdr and calls the emulator, and check that
// nothing of the other products (their clients or schemas), the all-products schemas or the emulator was installed. Slow (npm), so it has its own file.
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { startEmulator, type RunningEmulator } from "@cortex-sdk/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const root = resolve(import.meta.dirname, "../../..");
const PACKED = ["auth-signer", "core", "schemas-base", "schemas-xdr", "workflows", "xdr"] as const;

let emulator: RunningEmulator;
let work: string;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, seed: 21 });
  work = mkdtempSync(join(tmpdir(), "cortex-sdk-tarball-"));
});

afterAll(async () => {
  await emulator?.close();
  if (work !== undefined) rmSync(work, { recursive: true, force: true });
});

describe("the packed XDR client installed alone", () => {
  it("installs, imports and calls the emulator, without the other products", async () => {
    const tarballs: Record<string, string> = {};
    for (const name of PACKED) {
      const { stdout } = await run("pnpm", ["pack", "--pack-destination", work], { cwd: join(root, "packages", name) });
      const file = stdout.trim().split("\n").pop() ?? "";
      tarballs[`@cortex-sdk/${name}`] = `file:${resolve(work, file.split("/").pop() ?? file)}`;
    }
    const project = join(work, "project");
    await run("mkdir", ["-p", project]);
    const overrides = Object.fromEntries(Object.entries(tarballs).filter(([name]) => name !== "@cortex-sdk/xdr"));
    writeFileSync(join(project, "package.json"), JSON.stringify({ name: "tarball-check", private: true, type: "module", dependencies: { "@cortex-sdk/xdr": tarballs["@cortex-sdk/xdr"] }, overrides }, null, 2));
    await run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: project, timeout: 170_000 });

    const key = emulator.bootstrapKeys.find((candidate) => candidate.product === "xdr");
    writeFileSync(
      join(project, "check.mjs"),
      `import { XdrClient, CortexInvalidRequestError } from "@cortex-sdk/xdr";
const client = new XdrClient({ baseUrl: process.env.URL, apiKeyId: process.env.KEY_ID, apiKey: process.env.KEY, securityLevel: "advanced", logLevel: "off", env: {} });
const page = await client.incidents.list({ search_to: 3 });
let refused = false;
try { await client.apiKeys.generate({ roles: ["Viewer"], security_level: "standard", expiration: Date.now() + 400 * 86400000 }); } catch (error) { refused = error instanceof CortexInvalidRequestError; }
await client.close();
console.log(JSON.stringify({ incidents: page.incidents.length, total: page.total_count, refused }));
`,
    );
    const { stdout } = await run("node", ["check.mjs"], { cwd: project, env: { ...process.env, URL: emulator.url, KEY_ID: key?.keyId ?? "", KEY: key?.key ?? "" } });
    expect(JSON.parse(stdout.trim())).toMatchObject({ incidents: 3, refused: true });

    const installed = readdirSync(join(project, "node_modules", "@cortex-sdk")).sort();
    expect(installed).toEqual(["auth-signer", "core", "schemas-base", "schemas-xdr", "workflows", "xdr"]);
    for (const other of ["xsiam", "xsoar", "xpanse", "cloud", "emulator", "schemas", "schemas-xsiam", "schemas-xsoar", "schemas-xpanse", "schemas-cloud"]) expect(existsSync(join(project, "node_modules", "@cortex-sdk", other))).toBe(false);
    const { stdout: du } = await run("du", ["-sk", join(project, "node_modules")]);
    const kib = Number(du.split(/\s+/)[0]);
    console.info(`@cortex-sdk/xdr installed alone: node_modules ${(kib / 1024).toFixed(1)} MiB (${installed.join(", ")} + ${readdirSync(join(project, "node_modules")).filter((name) => !name.startsWith(".") && name !== "@cortex-sdk").join(", ")})`);
    expect(kib).toBeGreaterThan(0);
  }, 240_000);
});
