import { stat } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cxctl, fixture, homeOnly, type Fixture } from "./helpers.js";

let fx: Fixture;
let adminEnv: Record<string, string>;
let home: Record<string, string>;

beforeAll(async () => {
  fx = await fixture();
  adminEnv = fx.env("xdr");
  home = homeOnly(adminEnv);
});

afterAll(async () => {
  await fx.close();
});

describe("cxctl profile (built binary)", () => {
  it("adds a profile from answers on stdin (0600 file in a 0700 directory), lists it without the key, and uses it", async () => {
    const admin = fx.emulator.bootstrapKeys[0];
    if (admin === undefined) throw new Error("no key");
    const added = await cxctl(["profile", "add", "admin"], home, `${fx.emulator.url}\n${admin.keyId}\n${admin.key}\nadvanced\n`);
    expect(added.code, added.stderr).toBe(0);
    const file = join(home["XDG_CONFIG_HOME"] ?? "", "cortex-sdk", "config.json");
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await stat(join(home["XDG_CONFIG_HOME"] ?? "", "cortex-sdk"))).mode & 0o777).toBe(0o700);
    const listed = await cxctl(["profile", "list", "-o", "json"], home);
    expect(listed.code).toBe(0);
    expect(listed.stdout).not.toContain(admin.key);
    expect(JSON.parse(listed.stdout)).toEqual([expect.objectContaining({ name: "admin", isDefault: true, hasKey: true, apiKeyId: admin.keyId, securityLevel: "advanced" })]);
    const incidents = await cxctl(["xdr", "incidents", "list", "--limit", "2"], home);
    expect(incidents.code, incidents.stderr).toBe(0);
    expect(JSON.parse(incidents.stdout)).toHaveLength(2);
  });

  it("stores the api- URL when given a console URL or a bare FQDN, and takes flags instead of questions", async () => {
    const added = await cxctl(["profile", "add", "console", "--base-url", "acme.xdr.eu.paloaltonetworks.com", "--key-id", "42", "--key", "-", "--key-type", "standard"], home, "secret-key\n");
    expect(added.code, added.stderr).toBe(0);
    const shown = await cxctl(["profile", "show", "console", "-o", "json"], home);
    expect(JSON.parse(shown.stdout)).toMatchObject({ name: "console", baseUrl: "https://api-acme.xdr.eu.paloaltonetworks.com", apiKeyId: "42", apiKey: "[stored]" });
    expect(shown.stdout).not.toContain("secret-key");
  });

  it("selects with --profile and CORTEX_PROFILE; flags and CORTEX_API_* override; use and remove", async () => {
    const viaFlag = await cxctl(["--profile", "console", "xdr", "incidents", "list", "--base-url", fx.emulator.url, "--timeout", "3s"], home);
    expect(viaFlag.code).toBe(4); // the profile's key id 42 does not exist on the emulator
    const viaEnv = await cxctl(["xdr", "incidents", "list", "--limit", "1"], { ...home, CORTEX_PROFILE: "console", CORTEX_API_BASE_URL: fx.emulator.url });
    expect(viaEnv.code).toBe(4);
    const overridden = await cxctl(["xdr", "incidents", "list", "--limit", "1"], { ...adminEnv, CORTEX_PROFILE: "console" });
    expect(overridden.code, overridden.stderr).toBe(0);
    expect((await cxctl(["profile", "use", "console"], home)).code).toBe(0);
    expect(JSON.parse((await cxctl(["profile", "list", "-o", "json"], home)).stdout)).toContainEqual(expect.objectContaining({ name: "console", isDefault: true }));
    expect((await cxctl(["profile", "use", "missing"], home)).code).toBe(3);
    expect((await cxctl(["profile", "remove", "console"], home)).code).toBe(0);
    expect((await cxctl(["profile", "remove", "console"], home)).code).toBe(2);
  });

  it("refuses a profile file others can read, with the chmod that fixes it", async () => {
    const { chmod } = await import("node:fs/promises");
    const file = join(home["XDG_CONFIG_HOME"] ?? "", "cortex-sdk", "config.json");
    await chmod(file, 0o644);
    const result = await cxctl(["profile", "list"], home);
    await chmod(file, 0o600);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/chmod 600/);
  });
});

describe("cxctl keys (built binary)", () => {
  it("generates a key into a profile without printing it, then lists with filters and expiry warnings", async () => {
    const generated = await cxctl(["keys", "generate", "--role", "Viewer", "--level", "standard", "--expires", "2d", "--comment", "ci", "--save-profile", "viewer", "-o", "json"], adminEnv);
    expect(generated.code, generated.stderr).toBe(0);
    const saved = JSON.parse(generated.stdout) as { id: number; profile: string; key?: string };
    expect(saved).toMatchObject({ profile: "viewer", security_level: "standard" });
    expect(saved.key).toBeUndefined();
    const asViewer = await cxctl(["--profile", "viewer", "xdr", "incidents", "list", "--limit", "1"], home);
    expect(asViewer.code, asViewer.stderr).toBe(0);
    const listed = await cxctl(["keys", "list", "--expiring-within", "7d", "-o", "json"], adminEnv);
    expect(listed.code, listed.stderr).toBe(0);
    const ids = (JSON.parse(listed.stdout) as { id: number }[]).map((key) => key.id);
    expect(ids).toContain(saved.id);
    expect(ids).not.toContain(1); // the bootstrap key never expires
    // The notice names the key and the command that rotates exactly that key.
    expect(listed.stderr).toMatch(new RegExp(`notice: API key ${saved.id} expires in 2 days \\(.*\\)\\. Rotate it: cxctl keys rotate ${saved.id}`));
    const byRole = await cxctl(["keys", "list", "--role", "Instance Administrator", "--id", "1", "-o", "json"], adminEnv);
    expect((JSON.parse(byRole.stdout) as { id: number }[]).map((key) => key.id)).toEqual([1]);
    const soon = await cxctl(["keys", "generate", "--role", "Viewer", "--expires", "12h", "-o", "json"], adminEnv);
    const soonId = (JSON.parse(soon.stdout) as { id: number }).id;
    const warned = await cxctl(["keys", "list", "--id", String(soonId), "-o", "json"], adminEnv);
    expect(warned.stderr).toMatch(new RegExp(`API key ${soonId} expires within a day`));
  });

  it("shows a generated key once on stdout (table) with a warning on stderr", async () => {
    const result = await cxctl(["keys", "generate", "--role", "Viewer", "-o", "table"], adminEnv);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^id\s+\d+\nlevel\s+advanced\nexpires\s+\d{4}-\d\d-\d\dT\S+Z\nkey\s+\S+\n$/);
    expect(result.stderr).toMatch(/only time the key is shown/);
  });

  it("refuses an expiry past six months before sending anything", async () => {
    const result = await cxctl(["keys", "generate", "--role", "Viewer", "--expires", "200d"], adminEnv);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/more than six months/);
  });

  it("rotates a profile's key: same roles, verified, profile switched, old key deleted with --delete-old", async () => {
    const generated = await cxctl(["keys", "generate", "--role", "Public API Action", "--role", "Instance Administrator", "--level", "advanced", "--comment", "rotating", "--save-profile", "rot", "-o", "json"], adminEnv);
    const oldId = (JSON.parse(generated.stdout) as { id: number }).id;
    const rotated = await cxctl(["--profile", "rot", "keys", "rotate", String(oldId), "--expires", "30d", "--delete-old", "-o", "json"], home);
    expect(rotated.code, rotated.stderr).toBe(0);
    const result = JSON.parse(rotated.stdout) as { old_id: number; new_id: number; profile: string; deleted_old: boolean; key?: string };
    expect(result).toMatchObject({ old_id: oldId, profile: "rot", deleted_old: true });
    expect(result.key).toBeUndefined();
    expect(rotated.stderr).toMatch(/key \d+ made a successful call/);
    const shown = JSON.parse((await cxctl(["profile", "show", "rot", "-o", "json"], home)).stdout) as { apiKeyId: number | string };
    expect(String(shown.apiKeyId)).toBe(String(result.new_id));
    const listed = JSON.parse((await cxctl(["keys", "list", "--id", String(result.new_id), "--id", String(oldId), "-o", "json"], adminEnv)).stdout) as { id: number; roles: string[]; comment: string }[];
    expect(listed.map((key) => key.id)).toEqual([result.new_id]);
    expect(listed[0]?.roles.sort()).toEqual(["Instance Administrator", "Public API Action"]);
    expect(listed[0]?.comment).toBe("rotating");
    expect((await cxctl(["--profile", "rot", "xdr", "incidents", "list", "--limit", "1"], home)).code).toBe(0);
  });

  it("deletes keys by id; edits a key's comment through the XSIAM IAM API", async () => {
    const generated = await cxctl(["keys", "generate", "--role", "Viewer", "-o", "json"], adminEnv);
    const id = (JSON.parse(generated.stdout) as { id: number }).id;
    const deleted = await cxctl(["keys", "delete", String(id), "-o", "json"], adminEnv);
    expect(deleted.code, deleted.stderr).toBe(0);
    expect(JSON.parse(deleted.stdout)).toEqual({ deleted: 1, ids: [id] });
    expect((await cxctl(["keys", "delete", "abc"], adminEnv)).code).toBe(2);
    const xsiam = fx.env("xsiam");
    const xsiamKey = JSON.parse((await cxctl(["keys", "generate", "--product", "xsiam", "--role", "Viewer", "--level", "standard", "-o", "json"], xsiam)).stdout) as { id: number };
    // Without --role the key keeps its roles: the edit resends them as role ids (the IAM API refuses names).
    const edited = await cxctl(["keys", "edit", String(xsiamKey.id), "--comment", "edited by cxctl", "--product", "xsiam", "-o", "json"], xsiam);
    expect(edited.code, edited.stderr).toBe(0);
    expect(JSON.parse(edited.stdout)).toEqual({ message: "API key updated successfully" });
    const listKey = async (): Promise<{ comment: string; roles: string[]; security_level: string } | undefined> =>
      (JSON.parse((await cxctl(["keys", "list", "--product", "xsiam", "--id", String(xsiamKey.id), "-o", "json"], xsiam)).stdout) as { comment: string; roles: string[]; security_level: string }[])[0];
    expect(await listKey()).toMatchObject({ comment: "edited by cxctl", roles: ["Viewer"], security_level: "standard" });
    // With --role: role ids replace the roles; the comment stays.
    const promoted = await cxctl(["keys", "edit", String(xsiamKey.id), "--role", "investigator", "--product", "xsiam", "-o", "json"], xsiam);
    expect(promoted.code, promoted.stderr).toBe(0);
    expect(await listKey()).toMatchObject({ comment: "edited by cxctl", roles: ["Investigator"] });
    const unknown = await cxctl(["keys", "edit", "999999", "--comment", "x", "--product", "xsiam"], xsiam);
    expect(unknown.code).toBe(6);
    expect(unknown.stderr).toMatch(/api_key_id does not exist, id=999999/);
  }, 60_000);
});
