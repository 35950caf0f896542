// Durable state in a data directory: restart keeps keys, atomic writes
// survive a kill, temp files are ignored, secrets are owner-only, and one
// directory serves one emulator at a time.
import { spawn } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningEmulator } from "../src/index.js";
import { startEmulator } from "./helpers.js";
import { readState, STATE_FILE, LOCK_FILE } from "../src/persistence.js";
import { advancedHeaders, bootstrapOf, call, replyOf, standardHeaders, type Credentials } from "./helpers.js";

const HEALTH = "/public_api/v1/healthcheck";
const GENERATE = "/public_api/v1/api_keys/generate";
let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "cortex-emulator-test-"));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function generate(emulator: RunningEmulator, admin: Credentials, requestData: Record<string, unknown>): Promise<Credentials> {
  const reply = await call(emulator.url, GENERATE, { headers: advancedHeaders(admin), body: { request_data: requestData } });
  expect(reply.status).toBe(200);
  const { id, key } = replyOf<{ id: number; key: string }>(reply);
  return { keyId: String(id), key };
}

function healthStatus(emulator: RunningEmulator, headers: Record<string, string>): Promise<number> {
  return call(emulator.url, HEALTH, { method: "GET", headers }).then((reply) => reply.status);
}

describe("restart with a data directory", () => {
  it("keeps keys (bootstrap and generated), ids, deletions and edits; files are owner-only", async () => {
    const dir = join(root, "restart", "state");
    const first = await startEmulator({ dataDir: dir });
    const admin = bootstrapOf(first.bootstrapKeys, "tenant-xdr-1");
    const standard = await generate(first, admin, { roles: ["Viewer"], security_level: "standard", comment: "survives" });
    const advanced = await generate(first, admin, { roles: ["Investigator"], security_level: "advanced" });
    const doomed = await generate(first, admin, { roles: ["Viewer"], security_level: "standard" });
    const cloudAdmin = bootstrapOf(first.bootstrapKeys, "tenant-cloud-1");
    const cloudKey = await generate(first, cloudAdmin, { roles: ["Viewer"], security_level: "standard" });
    await call(first.url, `/platform/iam/v1/api-key/${cloudKey.keyId}`, {
      method: "PUT",
      headers: advancedHeaders(cloudAdmin),
      body: { request_data: { roles: ["investigator"], security_level: "standard", comment: "edited" } },
    });
    await call(first.url, `/platform/iam/v1/scope/api-key/${cloudKey.keyId}`, {
      method: "PUT",
      headers: advancedHeaders(cloudAdmin),
      body: { request_data: { cases_issues: { mode: "scope", names: ["Health"] } } },
    });
    const deleted = await call(first.url, "/public_api/v1/api_keys/delete", {
      headers: advancedHeaders(admin),
      body: { request_data: { filters: [{ field: "id", operator: "in", value: [Number(doomed.keyId)] }] } },
    });
    expect(deleted.body).toEqual({ reply: { update_count: 1 } });
    await first.close();

    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    expect((await stat(join(dir, STATE_FILE))).mode & 0o777).toBe(0o600);
    expect(await readdir(dir)).toEqual([STATE_FILE]); // lock released, no temp files

    const second = await startEmulator({ dataDir: dir });
    try {
      expect(second.bootstrapKeys).toEqual(first.bootstrapKeys);
      expect(await healthStatus(second, standardHeaders(standard))).toBe(200);
      expect(await healthStatus(second, advancedHeaders(advanced))).toBe(200);
      expect(await healthStatus(second, advancedHeaders(admin))).toBe(200);
      expect(await healthStatus(second, standardHeaders(doomed))).toBe(401);
      const read = await call(second.url, `/platform/iam/v1/api-key/${cloudKey.keyId}`, { method: "GET", headers: advancedHeaders(cloudAdmin) });
      expect(read.body).toMatchObject({ data: { roles: ["Investigator"], comment: "edited" } });
      const scope = await call(second.url, `/platform/iam/v1/scope/api-key/${cloudKey.keyId}`, { method: "GET", headers: advancedHeaders(cloudAdmin) });
      expect(scope.body).toMatchObject({ data: { cases_issues: { mode: "scope", tags: [{ tag_id: "DOM:4", tag_name: "Health" }] } } });
      // Ids continue after the largest ever issued (the deleted one is not reused).
      const next = await generate(second, admin, { roles: ["Viewer"], security_level: "standard" });
      expect(Number(next.keyId)).toBe(Number(cloudKey.keyId) + 1);
      const list = await call(second.url, "/public_api/v1/api_keys/get_api_keys", { headers: advancedHeaders(admin), body: {} });
      expect(replyOf<{ DATA: { id: number; comment: string | null }[] }>(list).DATA.map((row) => row.id)).toEqual(
        [admin.keyId, standard.keyId, advanced.keyId, next.keyId].map(Number),
      );
      // The file holds secrets, so it must never be readable by others.
      expect((await readFile(join(dir, STATE_FILE), "utf8")).includes(standard.key)).toBe(true);
    } finally {
      await second.close();
    }
  });

  it("keeps nothing without a data directory", async () => {
    const first = await startEmulator();
    const second = await startEmulator();
    try {
      expect(second.bootstrapKeys[0]?.key).not.toBe(first.bootstrapKeys[0]?.key);
    } finally {
      await first.close();
      await second.close();
    }
  });
});

describe("safety of the data directory", () => {
  it("ignores and removes leftover temp files (a write cut short)", async () => {
    const dir = join(root, "temp-files");
    const first = await startEmulator({ dataDir: dir });
    const admin = bootstrapOf(first.bootstrapKeys, "tenant-xdr-1");
    await first.close();
    await writeFile(join(dir, `${STATE_FILE}.tmp-99999-1`), '{"formatVersion": 1, "tenants": {"tenant-xdr-1": {"keys": [', { mode: 0o600 });
    // The per-product files are written the same way, so a kill leaves their temp files too.
    await writeFile(join(dir, "xsoar.tenant-xsoar8-1.json.tmp-99999-2"), '{"incidents": [', { mode: 0o600 });
    await writeFile(join(dir, "xdr.tenant-xdr-1.json.tmp-99999-3"), "", { mode: 0o600 });
    // A file of the user's that merely looks similar stays.
    await writeFile(join(dir, "notes.tmp-keep"), "mine", { mode: 0o600 });
    const second = await startEmulator({ dataDir: dir });
    try {
      expect(await healthStatus(second, advancedHeaders(admin))).toBe(200);
      expect((await readdir(dir)).filter((name) => name.includes(".tmp-"))).toEqual(["notes.tmp-keep"]);
    } finally {
      await second.close();
    }
  });

  it("refuses to start on a corrupt state file rather than dropping the keys in it", async () => {
    const dir = join(root, "corrupt");
    const first = await startEmulator({ dataDir: dir });
    await first.close();
    const good = await readFile(join(dir, STATE_FILE), "utf8");
    await writeFile(join(dir, STATE_FILE), good.slice(0, good.length / 2));
    await expect(startEmulator({ dataDir: dir })).rejects.toThrow(/not valid JSON; move it away/);
    await writeFile(join(dir, STATE_FILE), JSON.stringify({ hello: "world" }));
    await expect(startEmulator({ dataDir: dir })).rejects.toThrow(/not an emulator state file/);
    // A failed start leaves no lock behind.
    expect(await readdir(dir)).toEqual([STATE_FILE]);
  });

  it("lets only one live emulator use a directory, and takes over a dead one's lock", async () => {
    const dir = join(root, "locked");
    const first = await startEmulator({ dataDir: dir });
    await expect(startEmulator({ dataDir: dir })).rejects.toThrow(/in use by another emulator/);
    await first.close();
    // A lock left by a process that no longer exists.
    await writeFile(join(dir, LOCK_FILE), "2147483646");
    const second = await startEmulator({ dataDir: dir });
    await second.close();
  });

  it("never leaves a torn state file when the writing process is killed mid-write", async () => {
    const dir = join(root, "killed");
    const writer = fileURLToPath(new URL("./fixtures/persistence-writer.mjs", import.meta.url));
    const register = fileURLToPath(new URL("./fixtures/ts-register.mjs", import.meta.url));
    const generations: number[] = [];
    for (const target of [2, 5, 9]) {
      const child = spawn(process.execPath, ["--import", register, writer, dir, String(target)], { stdio: ["ignore", "pipe", "pipe"] });
      let stderr = "";
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      // Killed right after it saved its target generation, in the middle of writing the next ones.
      await new Promise<void>((resolve, reject) => {
        child.stdout.once("data", () => resolve());
        child.once("exit", (code) => reject(new Error(`writer exited early (${code}): ${stderr}`)));
      });
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGKILL");
      await exited;
      const saved = await readState(dir);
      if (saved === undefined) throw new Error("no state written");
      const keys = saved.tenants["t"]?.keys ?? [];
      // Complete and self-consistent: every record is from the same generation.
      expect(keys).toHaveLength(400);
      expect(new Set(keys.map((key) => key.comment))).toEqual(new Set([`generation-${saved.nextKeyId}`]));
      // Nothing acknowledged is lost: the target generation was saved before it said so.
      expect(saved.nextKeyId).toBeGreaterThanOrEqual(target);
      generations.push(saved.nextKeyId);
    }
    // Three child processes that transpile TypeScript on start: slow on a busy machine, never a speed check.
  }, 120_000);
});
