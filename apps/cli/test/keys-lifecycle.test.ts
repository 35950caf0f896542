// API keys end to end through cxctl against the emulator (issue #12): expiry parsing and the range check,
// notices on ordinary commands, rotate <id>, filters, Xpanse, keys edit on XDR, child tenants, the 401
// diagnosis in doctor, and keys typed where they do not belong.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cxctl, fixture, homeOnly, type Fixture } from "./helpers.js";

const DAY = 86_400_000;
let fx: Fixture;
let admin: Record<string, string>;
let home: Record<string, string>;

beforeAll(async () => {
  fx = await fixture();
  admin = fx.env("xdr");
  home = homeOnly(admin);
});

afterAll(async () => {
  await fx.close();
});

interface Listed {
  readonly id: number;
  readonly roles: string[];
  readonly security_level: string;
  readonly comment: string | null;
  readonly creation_time: number;
  readonly expiration: number | null;
  readonly created_by: string;
}

async function listed(args: readonly string[], env = admin): Promise<Listed[]> {
  const result = await cxctl(["keys", "list", ...args, "-o", "json"], env);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as Listed[];
}

async function generate(args: readonly string[], env = admin): Promise<{ id: number; key?: string; expires: string }> {
  const result = await cxctl(["keys", "generate", ...args, "-o", "json"], env);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as { id: number; key?: string; expires: string };
}

describe("--expires: units that cannot be confused, dates with a zone, the range checked before sending", () => {
  it("refuses a bare m, a date without a zone, a past date and more than six months, naming the fix or range", async () => {
    const ambiguous = await cxctl(["keys", "generate", "--role", "Viewer", "--expires", "6m"], admin);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toMatch(/"m" could mean minutes or months; write 6min for minutes or 6mo for months/);
    const noZone = await cxctl(["keys", "generate", "--role", "Viewer", "--expires", "2030-01-01T10:00"], admin);
    expect(noZone.code).toBe(2);
    expect(noZone.stderr).toMatch(/with a zone/);
    const past = await cxctl(["keys", "generate", "--role", "Viewer", "--expires", "2020-01-01T00:00Z"], admin);
    expect(past.code).toBe(2);
    expect(past.stderr).toMatch(/not in the future; it must be after .* and at most .* \(six months\)\. Nothing was sent/);
    const far = await cxctl(["keys", "generate", "--role", "Viewer", "--expires", "7mo"], admin);
    expect(far.code).toBe(2);
    expect(far.stderr).toMatch(/more than six months ahead/);
  });

  it("takes an ISO 8601 date and time with a zone and prints the expiry the key got", async () => {
    const at = new Date(Math.floor((Date.now() + 30 * DAY) / 1000) * 1000);
    // The same instant written with a +02:00 offset.
    const shifted = `${new Date(at.getTime() + 2 * 3_600_000).toISOString().slice(0, 19)}+02:00`;
    expect(Date.parse(shifted)).toBe(at.getTime());
    const made = await generate(["--role", "Viewer", "--expires", shifted]);
    expect(made.expires).toBe(at.toISOString());
    const [record] = await listed(["--id", String(made.id)]);
    expect(record?.expiration).toBe(at.getTime());
  });

  it("without --expires shows the service's one-week default the key got, and 3mo is three calendar months", async () => {
    const defaulted = await generate(["--role", "Viewer"]);
    const [record] = await listed(["--id", String(defaulted.id)]);
    expect(defaulted.expires).toBe(new Date(record?.expiration ?? 0).toISOString());
    expect((record?.expiration ?? 0) - (record?.creation_time ?? 0)).toBe(7 * DAY);
    const months = await generate(["--role", "Viewer", "--expires", "3mo"]);
    const expires = new Date(months.expires);
    const [made] = await listed(["--id", String(months.id)]);
    const created = new Date(made?.creation_time ?? 0);
    expect((expires.getUTCFullYear() - created.getUTCFullYear()) * 12 + expires.getUTCMonth() - created.getUTCMonth()).toBe(3);
  });
});

describe("expiry notices and rotation of the key a notice names", () => {
  it("an ordinary command notices the key in use once a day; the flag and the variable silence it", async () => {
    const soon = await generate(["--role", "Viewer", "--level", "standard", "--expires", "5d", "--save-profile", "soon"]);
    const first = await cxctl(["--profile", "soon", "xdr", "incidents", "list", "--limit", "1"], home);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toMatch(new RegExp(`notice: API key ${soon.id} expires in 5 days \\(.*\\)\\. Rotate it: cxctl keys rotate ${soon.id} --profile soon`));
    const again = await cxctl(["--profile", "soon", "xdr", "incidents", "list", "--limit", "1"], home);
    expect(again.stderr).not.toMatch(/notice:/);
    // A fresh home (no notice shown yet): silenced by the flag and by the variable.
    const other = await mkdtemp(join(tmpdir(), "cxctl-notice-"));
    try {
      const env = { ...admin, HOME: other, XDG_CONFIG_HOME: join(other, ".config"), CORTEX_API_KEY_ID: String(soon.id), CORTEX_API_KEY: "unused" };
      const withKey = await generate(["--role", "Instance Administrator", "--level", "standard", "--expires", "3d"]);
      const keyEnv = { ...env, CORTEX_API_KEY_ID: String(withKey.id), CORTEX_API_KEY: withKey.key ?? "", CORTEX_API_KEY_TYPE: "standard" };
      expect((await cxctl(["--no-expiry-notice", "xdr", "incidents", "list", "--limit", "1"], keyEnv)).stderr).not.toMatch(/notice:/);
      expect((await cxctl(["xdr", "incidents", "list", "--limit", "1"], { ...keyEnv, CORTEX_EXPIRY_NOTICE: "off" })).stderr).not.toMatch(/notice:/);
      // The key may read the key list: its own expiry is looked up, and the notice shows.
      expect((await cxctl(["xdr", "incidents", "list", "--limit", "1"], keyEnv)).stderr).toMatch(new RegExp(`notice: API key ${withKey.id} expires in 3 days.*cxctl keys rotate ${withKey.id}`));
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });

  it("rotate --delete-old deletes the old key only after the new key made a call, and saves the new key to a profile", async () => {
    const old = await generate(["--role", "Instance Administrator", "--level", "advanced", "--expires", "2d", "--save-profile", "rotating"]);
    const result = await cxctl(["--profile", "rotating", "keys", "rotate", String(old.id), "--delete-old", "-o", "json"], home);
    expect(result.code, result.stderr).toBe(0);
    const rotated = JSON.parse(result.stdout) as { new_id: number; key?: string; deleted_old: boolean; profile: string };
    expect(rotated).toMatchObject({ deleted_old: true, profile: "rotating" });
    expect(rotated.key).toBeUndefined();
    const order = result.stderr.indexOf("made a successful call");
    expect(order).toBeGreaterThan(-1);
    expect(result.stderr.indexOf(`deleted the old key ${old.id}`)).toBeGreaterThan(order);
    expect((await listed(["--id", String(old.id)])).length).toBe(0);
    expect((await cxctl(["--profile", "rotating", "xdr", "incidents", "list", "--limit", "1"], home)).code).toBe(0);
  });

  it("refuses to rotate a key that never expires without --expires, and an unknown id, generating nothing", async () => {
    const before = (await listed([])).length;
    const never = await cxctl(["keys", "rotate", admin["CORTEX_API_KEY_ID"] ?? "1"], admin);
    expect(never.code).toBe(2);
    expect(never.stderr).toMatch(/never expires.*--expires.*Nothing was generated/);
    const unknown = await cxctl(["keys", "rotate", "999999"], admin);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/not in the tenant's key list/);
    expect((await listed([])).length).toBe(before);
  });
});

describe("filters, Xpanse, and products without an operation", () => {
  it("filters by creation time, level, comment and creator (answered by the emulator)", async () => {
    const since = new Date(Date.now() - 1000).toISOString();
    const a = await generate(["--role", "Viewer", "--level", "standard", "--comment", "nightly SYNC job"]);
    const b = await generate(["--role", "Viewer", "--level", "advanced", "--comment", "other"]);
    const recent = await listed(["--created-after", since]);
    expect(recent.map((key) => key.id)).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(recent.every((key) => key.creation_time >= Date.parse(since))).toBe(true);
    expect((await listed(["--created-after", since, "--level", "standard"])).map((key) => key.id)).toContain(a.id);
    expect((await listed(["--created-after", since, "--level", "standard"])).map((key) => key.id)).not.toContain(b.id);
    expect((await listed(["--comment", "sync job"])).map((key) => key.id)).toEqual([a.id]);
    const creator = (await listed(["--id", String(a.id)]))[0]?.created_by ?? "";
    expect((await listed(["--created-by", creator, "--id", String(a.id), "--id", String(b.id)])).length).toBe(2);
    expect(await listed(["--created-by", "nobody@example.com"])).toEqual([]);
    expect(await listed(["--created-before", "2000-01-01T00:00Z"])).toEqual([]);
  });

  it("filters by role and by expiration (a window, and bounds as durations or dates)", async () => {
    const soon = await generate(["--role", "Investigator", "--level", "standard", "--expires", "2d"]);
    const later = await generate(["--role", "Viewer", "--level", "standard", "--expires", "20d"]);
    const investigators = await listed(["--role", "Investigator"]);
    expect(investigators.map((key) => key.id)).toContain(soon.id);
    expect(investigators.every((key) => key.roles.includes("Investigator"))).toBe(true);
    expect(investigators.map((key) => key.id)).not.toContain(later.id);
    const within = (await listed(["--expiring-within", "3d", "--id", String(soon.id), "--id", String(later.id)])).map((key) => key.id);
    expect(within).toEqual([soon.id]);
    const after = (await listed(["--expires-after", "10d", "--id", String(soon.id), "--id", String(later.id)])).map((key) => key.id);
    expect(after).toEqual([later.id]);
    const [record] = await listed(["--id", String(soon.id)]);
    const bound = new Date((record?.expiration ?? 0) + 1000).toISOString();
    expect((await listed(["--expires-before", bound, "--id", String(soon.id), "--id", String(later.id)])).map((key) => key.id)).toEqual([soon.id]);
  });

  it("manages keys on Xpanse", async () => {
    const xpanse = fx.env("xpanse");
    const made = await generate(["--product", "xpanse", "--role", "Viewer", "--level", "standard", "--expires", "12h"], xpanse);
    const list = await cxctl(["keys", "list", "--product", "xpanse", "--id", String(made.id), "-o", "json"], xpanse);
    expect(list.code, list.stderr).toBe(0);
    expect((JSON.parse(list.stdout) as Listed[]).map((key) => key.id)).toEqual([made.id]);
    expect(list.stderr).toMatch(new RegExp(`API key ${made.id} expires within a day`));
    const doctor = JSON.parse((await cxctl(["doctor", "--product", "xpanse", "-o", "json"], xpanse)).stdout) as { checks: { check: string; status: string; detail: string }[] };
    expect(doctor.checks.find((check) => check.check === "key expiry")).toMatchObject({ status: "ok", detail: expect.stringMatching(/never expires/) as unknown });
    expect(JSON.parse((await cxctl(["keys", "delete", "--product", "xpanse", String(made.id), "-o", "json"], xpanse)).stdout)).toEqual({ deleted: 1, ids: [made.id] });
  });

  it("keys edit on XDR or Xpanse is refused before any request, naming the products that have it; an XDR tenant addressed as XSIAM gets a clear error", async () => {
    // An unreachable URL: a request would end in a connection error (exit 8), not a usage error.
    const offline = { ...admin, CORTEX_API_BASE_URL: "http://127.0.0.1:9" };
    for (const product of ["xdr", "xpanse"]) {
      const refused = await cxctl(["keys", "edit", "5", "--comment", "x", "--product", product], offline);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/keys edit is not available on Cortex (XDR|Xpanse): the products that have it are xsiam, cloud, xsoar \(XSOAR 8\)\..*cxctl keys rotate 5.*Nothing was sent/);
    }
    const key = await generate(["--role", "Viewer"]);
    const asXsiam = await cxctl(["keys", "edit", String(key.id), "--comment", "x", "--product", "xsiam"], admin);
    expect(asXsiam.code).toBe(2);
    expect(asXsiam.stderr).toMatch(/does not serve the platform IAM key API .*Cortex XDR and Xpanse have no key edit: rotate the key instead/);
    expect(asXsiam.stderr).not.toMatch(/^cxctl: .*the service failed \(HTTP 500\)\.?$/m);
  });
});

describe("child tenants", () => {
  it("--child-tenant acts on the child; a foreign child id gets its own error; the profile field works too", async () => {
    const xsiam = fx.env("xsiam");
    const child = fx.emulator.tenants.find((tenant) => tenant.parentTenantId !== null);
    if (child === undefined) throw new Error("no child tenant");
    const made = await generate(["--product", "xsiam", "--child-tenant", child.tenantId, "--role", "Viewer"], xsiam);
    const onChild = await listed(["--product", "xsiam", "--child-tenant", child.tenantId, "--id", String(made.id)], xsiam);
    expect(onChild.map((key) => key.id)).toEqual([made.id]);
    expect(await listed(["--product", "xsiam", "--id", String(made.id)], xsiam)).toEqual([]);
    const foreign = await cxctl(["--child-tenant", "tenant-not-mine", "keys", "list", "--product", "xsiam"], xsiam);
    expect(foreign.code).toBe(5);
    expect(foreign.stderr).toMatch(/the child tenant "tenant-not-mine" refused the call \(HTTP 403\) while the same key works on its own tenant: the child tenant id is wrong, or names a tenant that is not a child/);
    expect(foreign.stderr).not.toMatch(/Give the key a role/);
    const added = await cxctl(["profile", "add", "child", "--base-url", fx.emulator.url, "--key-id", xsiam["CORTEX_API_KEY_ID"] ?? "", "--key", "-", "--key-type", xsiam["CORTEX_API_KEY_TYPE"] ?? "", "--child-tenant", child.tenantId], home, `${xsiam["CORTEX_API_KEY"]}\n`);
    expect(added.code, added.stderr).toBe(0);
    expect((await listed(["--product", "xsiam", "--id", String(made.id)], { ...home, CORTEX_PROFILE: "child" })).map((key) => key.id)).toEqual([made.id]);
  });
});

describe("the 401 diagnosis in doctor", () => {

  it("a key typed into --key-type is never echoed", async () => {
    const secret = "Zq8".repeat(30);
    const result = await cxctl(["xdr", "incidents", "list", "--key-type", secret], admin);
    expect(result.code).toBe(2);
    expect(result.stderr + result.stdout).not.toContain(secret);
    expect(result.stderr).toMatch(/not shown: it looks like a key/);
  });
});
