// API keys and MSSP fan-out against the emulator's XSIAM tenants (the parent and its child).
import { startEmulator, type RunningEmulator } from "@cortex-sdk/emulator";
import { CortexInvalidRequestError } from "@cortex-sdk/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { XsiamClient } from "../src/index.js";

const DAY = 86_400_000;

// The table marks the IAM get reply as bare although the service wraps it in `data` (reported to the schemas owner).
function unwrapData(reply: unknown): unknown {
  const record = reply as Record<string, unknown>;
  return record !== null && typeof record === "object" && Object.keys(record).length === 1 && "data" in record ? record["data"] : reply;
}
let emulator: RunningEmulator;
let client: XsiamClient;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, seed: 11 });
  const key = emulator.bootstrapKeys.find((candidate) => candidate.tenantId === "tenant-xsiam-1");
  if (key === undefined) throw new Error("no XSIAM tenant");
  client = new XsiamClient({ baseUrl: emulator.url, apiKeyId: key.keyId, apiKey: key.key, securityLevel: "advanced", logLevel: "off", retry: { baseDelayMs: 1, maxDelayMs: 5 }, env: {} });
});

afterAll(async () => {
  await client.close();
  await emulator.close();
});

describe("API keys on XSIAM", () => {
  it("refuses an expiration beyond six months before sending anything", async () => {
    const error = await client.apiKeys.generate({ roles: ["Viewer"], security_level: "standard", expiration: Date.now() + 200 * DAY }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CortexInvalidRequestError);
    expect((error as CortexInvalidRequestError).field).toBe("expiration");
    expect((error as Error).message).toMatch(/six months/);
    const seconds = await client.apiKeys.generate({ roles: ["Viewer"], security_level: "standard", expiration: Math.floor(Date.now() / 1000) + 3600 }).catch((e: unknown) => e);
    expect((seconds as Error).message).toMatch(/looks like epoch seconds/);
  });

  it("generates, finds expiring keys at the one-day and one-week marks, gets, edits and deletes", async () => {
    const now = Date.now();
    const soon = await client.apiKeys.generate({ roles: ["Viewer"], security_level: "advanced", expiration: new Date(now + DAY / 2), comment: "one day" });
    const week = await client.apiKeys.generate({ roles: ["Viewer"], security_level: "standard", expiration: now + 5 * DAY, comment: "one week" });
    const later = await client.apiKeys.generate({ roles: ["Viewer"], security_level: "standard", expiration: now + 20 * DAY, comment: "later" });
    const expiring = await client.apiKeys.expiringKeys({ within: 30 * DAY });
    const marks = Object.fromEntries(expiring.map((entry) => [entry.key.id, entry.mark]));
    expect(marks[soon.id ?? -1]).toBe("one_day");
    expect(marks[week.id ?? -1]).toBe("one_week");
    expect(marks[later.id ?? -1]).toBe("later");
    const listed: number[] = [];
    for await (const key of client.apiKeys.list({ expiringWithin: 7 * DAY })) listed.push(Number(key.id));
    expect(listed).toContain(soon.id);
    expect(listed).toContain(week.id);
    expect(listed).not.toContain(later.id);
    const one = unwrapData(await client.apiKeys.get({ api_key_id: later.id ?? 0 }));
    expect(one).toMatchObject({ id: later.id, comment: "later" });
    await client.apiKeys.edit({ api_key_id: later.id ?? 0, roles: ["viewer"], security_level: "standard", comment: "renamed" });
    expect(unwrapData(await client.apiKeys.get({ api_key_id: later.id ?? 0 }))).toMatchObject({ comment: "renamed" });
    const deleted = await client.apiKeys.deleteByIds([soon.id ?? 0, week.id ?? 0, later.id ?? 0]);
    expect(deleted.update_count).toBe(3);
  });
});

describe("MSSP fan-out on XSIAM", () => {
  it("acts on the child tenant with x-child-tenant-id and tags each outcome", async () => {
    const outcomes = await client.fanOut(
      [{ childTenantId: "tenant-xsiam-child-1", name: "child" }, { childTenantId: "tenant-not-mine" }],
      async (tenant) => {
        const { id } = await tenant.apiKeys.generate({ roles: ["Viewer"], security_level: "standard", comment: "made in the child" });
        return id;
      },
      { concurrency: 2 },
    );
    expect(outcomes[0]).toMatchObject({ tenant: "child", ok: true });
    expect(outcomes[1]).toMatchObject({ tenant: "tenant-not-mine", ok: false });
    // The key was created in the child: the parent does not see it.
    const childKeyId = outcomes[0]?.ok === true ? outcomes[0].value : undefined;
    const parentIds: number[] = [];
    for await (const key of client.apiKeys.list()) parentIds.push(Number(key.id));
    expect(parentIds).not.toContain(childKeyId);
  });
});
