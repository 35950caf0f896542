// cxctl doctor's verdicts for a rejected key, end to end against the emulator (issue #12 item 1): level
// mismatch, wrong key, deleted key, expired key, clock skew and the wrong tenant URL, each named with one fix.
// The emulator's 401 bodies are as opaque as the real service's: the doctor finds out by probing. Date is
// faked for the whole file (the emulator and cxctl run in this process), so expiry needs no waiting and
// nothing depends on the wall clock.
import { startEmulator, type RunningEmulator } from "@cortex-sdk/emulator";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { cxctl, fixture, homeOnly, type Fixture } from "./helpers.js";

const START = Date.parse("2026-06-01T08:00:00Z");
const HOUR = 3_600_000;

let fx: Fixture;
let admin: Record<string, string>;
let home: Record<string, string>;

interface Check {
  readonly check: string;
  readonly status: string;
  readonly detail: string;
  readonly fix?: string;
}

async function doctor(env: Record<string, string>): Promise<{ code: number; checks: Check[] }> {
  const result = await cxctl(["doctor", "-o", "json"], env);
  return { code: result.code, checks: (JSON.parse(result.stdout) as { checks: Check[] }).checks };
}

function keyCheck(checks: readonly Check[]): Check | undefined {
  return checks.find((check) => check.check === "key");
}

async function generate(args: readonly string[]): Promise<{ id: number; key: string }> {
  const result = await cxctl(["keys", "generate", ...args, "-o", "json"], admin);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as { id: number; key: string };
}

function keyEnv(id: number | string, key: string, level: string): Record<string, string> {
  return { ...admin, CORTEX_API_KEY_ID: String(id), CORTEX_API_KEY: key, CORTEX_API_KEY_TYPE: level, CORTEX_EXPIRY_NOTICE: "off" };
}

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ["Date"], now: START });
  fx = await fixture();
  admin = fx.env("xdr");
  home = homeOnly(admin);
  // A saved profile with another key of the tenant: the doctor reads the key list with it.
  const added = await cxctl(["profile", "add", "admin", "--base-url", fx.emulator.url, "--key-id", admin["CORTEX_API_KEY_ID"] ?? "", "--key", "-", "--key-type", "advanced"], home, `${admin["CORTEX_API_KEY"]}\n`);
  expect(added.code, added.stderr).toBe(0);
});

afterAll(async () => {
  await fx.close();
  vi.useRealTimers();
});

describe("cxctl doctor names the cause of a 401", () => {
  it("level mismatch: the same call signed at the other level is accepted", async () => {
    const made = await generate(["--role", "Viewer", "--level", "standard"]);
    const { code, checks } = await doctor(keyEnv(made.id, made.key, "advanced"));
    expect(code).toBe(10);
    expect(keyCheck(checks)).toMatchObject({ status: "fail", detail: expect.stringContaining(`key ${made.id} is a standard key but is configured as advanced`) as unknown, fix: expect.stringMatching(/set the security level to standard/) as unknown });
  });

  it("wrong key: the key exists, has not expired and its level matches, so the secret is wrong", async () => {
    const made = await generate(["--role", "Viewer", "--level", "standard"]);
    const { code, checks } = await doctor(keyEnv(made.id, `${made.key.slice(0, -4)}XXXX`, "standard"));
    expect(code).toBe(10);
    expect(keyCheck(checks)?.detail).toMatch(new RegExp(`key ${made.id} exists, has not expired and its level matches, so the secret sent is not its key`));
    // The secret is never echoed.
    expect(JSON.stringify(checks)).not.toContain(made.key.slice(0, -4));
  });

  it("deleted key: the tenant has no such key, and newer keys exist", async () => {
    const made = await generate(["--role", "Viewer", "--level", "advanced"]);
    await generate(["--role", "Viewer"]);
    expect((await cxctl(["keys", "delete", String(made.id), "-o", "json"], admin)).code).toBe(0);
    const { code, checks } = await doctor(keyEnv(made.id, made.key, "advanced"));
    expect(code).toBe(10);
    expect(keyCheck(checks)).toMatchObject({ detail: expect.stringMatching(new RegExp(`has no key ${made.id} \\(newer keys exist, so it was probably deleted`)) as unknown, fix: expect.stringMatching(/generate a new key/) as unknown });
  });

  it("expired key: after its expiry (the faked clock moved 3 hours), the key list says when it expired", async () => {
    const made = await generate(["--role", "Viewer", "--level", "advanced", "--expires", "2h"]);
    expect((await doctor(keyEnv(made.id, made.key, "advanced"))).code).toBe(0);
    vi.setSystemTime(Date.now() + 3 * HOUR);
    try {
      const { code, checks } = await doctor(keyEnv(made.id, made.key, "advanced"));
      expect(code).toBe(10);
      expect(keyCheck(checks)).toMatchObject({ detail: expect.stringContaining(`key ${made.id} expired on ${new Date(START + 2 * HOUR).toISOString().slice(0, 16)}`) as unknown, fix: expect.stringMatching(/generate a new one/) as unknown });
    } finally {
      vi.setSystemTime(START);
    }
  });

  it("clock skew: the server's clock is 10 minutes ahead; the SDK corrects once, the doctor says to sync the clock", async () => {
    fx.emulator.faults.add({ fault: { kind: "clock_offset", ms: 10 * 60_000 } });
    try {
      const { code, checks } = await doctor({ ...admin, CORTEX_EXPIRY_NOTICE: "off" });
      expect(code).toBe(10);
      expect(checks.find((check) => check.check === "clock")).toMatchObject({ status: "fail", detail: "the local clock is 600 s behind the server", fix: expect.stringMatching(/sync the clock with NTP/) as unknown });
    } finally {
      fx.emulator.faults.clear();
    }
  });

  it("wrong tenant URL: the key is accepted by another saved profile's tenant", async () => {
    const other: RunningEmulator = await startEmulator({ port: 0, rateLimits: { perSecond: null } });
    try {
      const key = other.bootstrapKeys.find((candidate) => candidate.product === "xdr");
      if (key === undefined) throw new Error("no XDR key");
      const saved = await cxctl(["profile", "add", "other", "--base-url", other.url, "--key-id", key.keyId, "--key", "-", "--key-type", key.securityLevel], home, `${key.key}\n`);
      expect(saved.code, saved.stderr).toBe(0);
      // The other tenant's key, sent to this tenant's URL.
      const { code, checks } = await doctor(keyEnv(key.keyId, key.key, key.securityLevel));
      expect(code).toBe(10);
      expect(keyCheck(checks)).toMatchObject({ detail: expect.stringContaining(`key ${key.keyId} is accepted by the tenant at ${other.url}, not by ${fx.emulator.url}`) as unknown, fix: expect.stringContaining(`use the base URL ${other.url}`) as unknown });
    } finally {
      await other.close();
      await cxctl(["profile", "remove", "other"], home);
    }
  });
});
