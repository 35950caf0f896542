// XSOAR workflows against the emulator: version detection, incidents (query, create, versioned update and
// the conflict error), war room entries, lists, and API keys on XSOAR 8.
import type { RunningEmulator } from "@cortex-sdk/emulator";
import { CortexConflictError, CortexInvalidRequestError } from "@cortex-sdk/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startXsoarEmulator } from "./xsoar-emulator.js";
import { XsoarClient } from "../src/index.js";

let emulator: RunningEmulator;
let key8: { keyId: string; key: string };
let key6: { key: string };
let v8: XsoarClient;

beforeAll(async () => {
  ({ emulator, key8, key6 } = await startXsoarEmulator());
  v8 = new XsoarClient({ baseUrl: emulator.url, apiKeyId: key8.keyId, apiKey: key8.key, securityLevel: "advanced", xsoarVersion: 8, rateLimit: false, logLevel: "off", env: {} });
});

afterAll(async () => {
  await v8.close();
  await emulator.close();
});

describe("version detection", () => {
  it("detects XSOAR 8 for a Cortex key and XSOAR 6 for a raw key", async () => {
    const eight = await XsoarClient.detect({ baseUrl: emulator.url, apiKeyId: key8.keyId, apiKey: key8.key, securityLevel: "advanced", logLevel: "off", env: {} });
    expect(eight.config.xsoarVersion).toBe(8);
    expect((await eight.about()).demistoVersion).toMatch(/^8\./);
    await eight.close();
    const six = await XsoarClient.detect({ baseUrl: emulator.url, apiKey: key6.key, securityLevel: "standard", logLevel: "off", env: {} });
    expect(six.config.xsoarVersion).toBe(6);
    await six.close();
  });
});

describe("incidents", () => {
  it("creates, loads, updates with the version and reports a stale version as a conflict", async () => {
    const created = await v8.incidents.create({ name: "SDK test incident", severity: 1, type: "Unclassified" });
    expect(created?.id).toBeDefined();
    const id = String(created?.id);
    const loaded = await v8.incidents.load(id);
    const updated = await v8.incidents.update(id, loaded.version, { severity: 3 });
    expect(updated.version).toBeGreaterThan(loaded.version);
    const stale = await v8.incidents.update(id, loaded.version, { severity: 4 }).catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(CortexConflictError);
    expect((stale as Error).message).toMatch(/current version|-1/);
    const forced = await v8.incidents.update(id, -1, { severity: 4 });
    expect(forced.severity).toBe(4);
  });

  it("searches with a query string and pages through every match", async () => {
    const first = await v8.incidents.query("severity:4", { size: 5 });
    expect(first.total).toBeGreaterThanOrEqual(1);
    const all: string[] = [];
    for await (const incident of v8.incidents.query("-status:3", { size: 7 })) all.push(String(incident.id));
    expect(new Set(all).size).toBe(all.length);
    expect(all.length).toBeGreaterThan(7);
  });
});

describe("incident name: required on XSOAR 8 only", () => {
  it("with validation on, an XSOAR 8 client refuses a create without name before sending, naming the field", async () => {
    const before = await v8.incidents.search({ filter: { query: "type:NameRuleCheck" } });
    const error = await v8.incidents.save({ type: "NameRuleCheck" }, { validateRequests: true }).then(() => undefined, (caught: unknown) => caught);
    expect(error).toBeInstanceOf(CortexInvalidRequestError);
    expect((error as CortexInvalidRequestError).message).toMatch(/name: required field is missing \(required on XSOAR 8\)/);
    expect((error as CortexInvalidRequestError).message).toMatch(/nothing was sent/);
    // Nothing reached the tenant: the same search finds what it found before.
    expect((await v8.incidents.search({ filter: { query: "type:NameRuleCheck" } })).total).toBe(before.total);
    // Without validation the body is sent and the emulator answers as configured for XSOAR 8 (400, "name is required").
    await expect(v8.incidents.save({ type: "NameRuleCheck" })).rejects.toThrow(/name is required/);
    // An update (with id) needs no name.
    const created = await v8.incidents.save({ name: "named", type: "NameRuleCheck" }, { validateRequests: true });
    const updated = await v8.incidents.save({ id: String(created?.id), version: Number(created?.version), severity: 2 }, { validateRequests: true });
    expect(updated?.severity).toBe(2);
  });

  it("a client built with xsoarVersion: 8 is typed for XSOAR 8 (name required) and creates with it over loopback", async () => {
    const typed = new XsoarClient({ baseUrl: emulator.url, apiKeyId: key8.keyId, apiKey: key8.key, securityLevel: "advanced", xsoarVersion: 8, rateLimit: false, logLevel: "off", env: {}, validateRequests: true });
    try {
      const created = await typed.incidents.create({ name: "typed for 8", type: "NameRuleCheck", severity: 1 });
      expect(created?.name).toBe("typed for 8");
      // What the type forbids is also refused at run time, before sending.
      await expect(typed.incidents.create({ type: "NameRuleCheck" } as never)).rejects.toBeInstanceOf(CortexInvalidRequestError);
    } finally {
      await typed.close();
    }
  });

  it("an XSOAR 6 client sends a create without name as it is", async () => {
    const v6 = new XsoarClient({ baseUrl: emulator.url, apiKey: key6.key, securityLevel: "standard", xsoarVersion: 6, rateLimit: false, logLevel: "off", env: {} });
    try {
      const created = await v6.incidents.save({ type: "NameRuleCheck" }, { validateRequests: true });
      expect(created?.id).toBeDefined();
      expect(created?.name ?? "").toBe("");
    } finally {
      await v6.close();
    }
  });
});

describe("entries and lists", () => {
  it("adds a war room entry and reads it back", async () => {
    const created = await v8.incidents.create({ name: "entries", createInvestigation: true });
    const id = String(created?.id);
    await v8.entries.add(id, "Contained the host.");
    const entries = await v8.entries.list(id);
    expect(entries.some((entry) => String(entry.contents).includes("Contained the host."))).toBe(true);
  });

  it("saves, reads, updates with the version and deletes a list", async () => {
    const saved = await v8.lists.save({ name: "sdk_allowed", data: "example.com" });
    expect(await v8.lists.get("sdk_allowed")).toBe("example.com");
    const again = await v8.lists.save({ name: "sdk_allowed", data: "example.com\nexample.org", version: saved.version });
    expect(again.version).toBeGreaterThan(saved.version);
    await expect(v8.lists.save({ name: "sdk_allowed", data: "x", version: saved.version })).rejects.toBeInstanceOf(CortexConflictError);
    expect((await v8.lists.all()).map((list) => list.name)).toContain("sdk_allowed");
    await v8.lists.delete("sdk_allowed");
  });

  it("serves the lists API from the table on XSOAR 6 and 8: saved lists come back, deleted ones are gone", async () => {
    const v6 = new XsoarClient({ baseUrl: emulator.url, apiKey: key6.key, securityLevel: "standard", xsoarVersion: 6, rateLimit: false, logLevel: "off", env: {}, validateRequests: true });
    try {
      for (const client of [v6, v8]) {
        const name = `ports_${client.config.xsoarVersion}`;
        const { data: saved, response } = await client.lists.save({ name, data: "443", type: "plain_text", description: "open ports" }).withResponse();
        expect(response.operationId).toBe("xsoar.lists.save");
        expect(saved).toMatchObject({ id: name, name, data: "443", version: 1 });
        // A numeric-looking content stays text.
        expect(await client.lists.get(name)).toBe("443");
        const listed = await client.lists.list();
        expect(listed.find((list) => list.name === name)).toMatchObject({ data: "443", type: "plain_text", description: "open ports" });
        const updated = await client.lists.save({ name, data: "443\n8443", version: saved.version });
        expect(updated.version).toBe(saved.version + 1);
        expect(await client.lists.get(name)).toBe("443\n8443");
        await client.lists.delete(name);
        expect((await client.lists.list()).map((list) => list.name)).not.toContain(name);
      }
      // With request validation on, a save without a name is refused before it is sent.
      await expect(v6.lists.save({ data: "x" } as never)).rejects.toBeInstanceOf(CortexInvalidRequestError);
    } finally {
      await v6.close();
    }
  });
});

describe("API keys on XSOAR 8", () => {
  it("checks the expiration before sending and flags expiring keys", async () => {
    await expect(v8.apiKeys.generate({ roles: ["Viewer"], security_level: "standard", expiration: Date.now() - 1000 })).rejects.toBeInstanceOf(CortexInvalidRequestError);
    const { id } = await v8.apiKeys.generate({ roles: ["Viewer"], security_level: "standard", expiration: Date.now() + 3 * 86_400_000 });
    const expiring = await v8.apiKeys.expiringKeys({ within: 7 * 86_400_000 });
    expect(expiring.find((entry) => entry.key.id === id)?.mark).toBe("one_week");
    await v8.apiKeys.deleteByIds([id ?? 0]);
  });
});
