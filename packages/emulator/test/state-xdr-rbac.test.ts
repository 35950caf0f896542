// XDR / XSIAM RBAC and tenant info with state: seeded users consistent with incident assignees, roles incl. custom
// ones, groups, set_user_role visible on the next get_users (and kept across a restart), tenant-info mixed types.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { responseValidator } from "@cortex-sdk/schemas/validators";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startXdr, type IncidentRow, type XdrHarness } from "./state-xdr-helpers.js";

const V1 = "/public_api/v1";
let xdr: XdrHarness;

interface User {
  user_email: string;
  user_first_name: string;
  user_last_name: string;
  role_name: string;
  last_logged_in: number | null;
  user_type: string;
}

async function valid(id: string, reply: unknown): Promise<void> {
  const validator = responseValidator(id);
  expect(validator, id).toBeDefined();
  const result = await validator?.["~standard"].validate(reply);
  expect(result?.issues, `${id}: ${JSON.stringify(result?.issues)}`).toBeUndefined();
}

const users = (harness: XdrHarness = xdr): Promise<User[]> => harness.reply<User[]>(`${V1}/rbac/get_users`, {});

beforeAll(async () => {
  xdr = await startXdr({ seed: 17, roles: [{ name: "Tier 1 Analyst", permissions: ["incidents:view", "alerts:view"], description: "Custom" }] });
});
afterAll(async () => {
  await xdr.emulator.close();
});

describe("RBAC users and roles", () => {
  it("get_users answers seeded users, deterministic from the seed and consistent with incident assignees", async () => {
    const list = await users();
    await valid("rbac.get_users", list);
    expect(list.length).toBeGreaterThan(1);
    expect(list.every((user) => user.user_email.endsWith("@example.com") && user.user_type === "CSP")).toBe(true);
    const incidents = (await xdr.reply<{ incidents: IncidentRow[] }>(`${V1}/incidents/get_incidents`, { search_to: 100 })).incidents;
    const assignees = new Set(incidents.map((incident) => incident.assigned_user_mail).filter((mail): mail is string => typeof mail === "string"));
    expect(assignees.size).toBeGreaterThan(0);
    const mails = new Set(list.map((user) => user.user_email));
    for (const mail of assignees) expect(mails.has(mail), mail).toBe(true);
    // The same seed gives the same users.
    const again = await startXdr({ seed: 17 });
    try {
      expect(await users(again)).toEqual(list);
    } finally {
      await again.emulator.close();
    }
  });

  it("get_roles answers the tenant's roles (custom ones too) as single-element lists; an unknown role is a 500", async () => {
    const roles = await xdr.reply<Record<string, unknown>[][]>(`${V1}/rbac/get_roles`, { role_names: ["Viewer", "Tier 1 Analyst"] });
    await valid("rbac.get_roles", roles);
    expect(roles.map((entry) => entry.length)).toEqual([1, 1]);
    expect(roles[0]?.[0]).toMatchObject({ pretty_name: "Viewer" });
    expect(roles[1]?.[0]).toMatchObject({ pretty_name: "Tier 1 Analyst", description: "Custom", permissions: ["incidents:view", "alerts:view"] });
    // Without role_names: every role of the tenant.
    const all = await xdr.reply<{ pretty_name: string }[][]>(`${V1}/rbac/get_roles`, {});
    expect(all.map(([role]) => role?.pretty_name)).toEqual(expect.arrayContaining(["Instance Administrator", "Viewer", "Tier 1 Analyst"]));
    const unknown = await xdr.post(`${V1}/rbac/get_roles`, { role_names: ["Nobody"] });
    expect(unknown.status).toBe(500);
    expect(unknown.text).toContain("Role Nobody was not found");
  });

  it("get_user_group answers seeded groups with their members", async () => {
    const groups = await xdr.reply<{ group_name: string; user_email: string[] }[]>(`${V1}/rbac/get_user_group`, { group_names: ["SOC Analysts"] });
    await valid("rbac.get_user_group", groups);
    expect(groups[0]?.group_name).toBe("SOC Analysts");
    expect(groups[0]?.user_email.length).toBeGreaterThan(0);
    expect((await xdr.post(`${V1}/rbac/get_user_group`, { group_names: ["Nope"] })).status).toBe(500);
  });

  it("set_user_role changes roles (visible on the next get_users), removes with '', rejects unknown users and roles", async () => {
    const [, target] = await users();
    const mail = target?.user_email as string;
    const set = await xdr.reply<{ update_count: string }>(`${V1}/rbac/set_user_role`, { user_emails: [mail], role_name: "Tier 1 Analyst" });
    await valid("rbac.set_user_role", set);
    expect(set).toEqual({ update_count: "1" });
    expect((await users()).find((user) => user.user_email === mail)?.role_name).toBe("Tier 1 Analyst");
    const holders = await xdr.reply<{ users: string[] }[][]>(`${V1}/rbac/get_roles`, { role_names: ["Tier 1 Analyst"] });
    expect(holders[0]?.[0]?.users).toEqual([mail]);
    expect(await xdr.reply(`${V1}/rbac/set_user_role`, { user_emails: [mail], role_name: "" })).toEqual({ update_count: "1" });
    expect((await users()).find((user) => user.user_email === mail)?.role_name).toBe("");

    const badRole = await xdr.post(`${V1}/rbac/set_user_role`, { user_emails: [mail], role_name: "Ghost" });
    expect(badRole.status).toBe(500);
    expect(badRole.text).toContain("Role Ghost was not found");
    const badUser = await xdr.post(`${V1}/rbac/set_user_role`, { user_emails: ["ghost@example.com"], role_name: "Viewer" });
    expect(badUser.status).toBe(500);
    expect(badUser.text).toContain("User ghost@example.com was not found");
  });

  it("keeps role changes across a restart with a data directory", async () => {
    const dir = await mkdtemp(join(tmpdir(), "xdr-rbac-"));
    try {
      const first = await startXdr({ seed: 4, dataDir: dir });
      const [, target] = await users(first);
      try {
        await first.reply(`${V1}/rbac/set_user_role`, { user_emails: [target?.user_email], role_name: "Investigator" });
      } finally {
        await first.emulator.close();
      }
      const second = await startXdr({ seed: 4, dataDir: dir });
      try {
        expect((await users(second)).find((user) => user.user_email === target?.user_email)?.role_name).toBe("Investigator");
      } finally {
        await second.emulator.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("system.get_tenant_info", () => {
  it("answers licence fields with mixed expiration types (epoch ms, 0, date strings)", async () => {
    const info = await xdr.reply<Record<string, unknown>>(`${V1}/system/get_tenant_info`, {});
    await valid("system.get_tenant_info", info);
    expect(typeof info["pro_per_endpoint_expiration"]).toBe("number");
    expect(info["pro_per_endpoint_expiration"]).toBeGreaterThan(Date.UTC(2025, 0, 1));
    expect(info["pro_gb_expiration"]).toBe(0);
    expect(info["prevent_expiration"]).toMatch(/^[A-Z][a-z]+ \d{1,2}(st|nd|rd|th) \d{4} \d{2}:\d{2}:\d{2}$/);
    expect(info["purchased_pro_per_endpoint"]).toEqual({ agents: expect.any(Number) });
    // Deterministic for the tenant.
    expect(await xdr.reply(`${V1}/system/get_tenant_info`, {})).toEqual(info);
  });
});
