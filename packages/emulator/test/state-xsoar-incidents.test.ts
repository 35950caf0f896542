// XSOAR 6 and 8 incidents, entries, indicators and lists with state: the same data model served at the
// XSOAR 6 root (raw key) and under /xsoar/public/v1 and /xsoar on XSOAR 8 (Cortex key).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningEmulator } from "../src/index.js";
import { advancedHeaders, bootstrapOf, call, startEmulator, xsoar6Headers, type Credentials, type Reply } from "./helpers.js";

interface Incident {
  id: string;
  version: number;
  name: string;
  type: string;
  status: number;
  severity: number;
  owner: string;
  closed: string;
  closeReason: string;
  closeNotes: string;
  CustomFields: Record<string, unknown>;
}

interface SearchReply {
  data: Incident[];
  total: number;
}

let emulator: RunningEmulator;
let x6: string;
let x8: Credentials;

type Flavour = "xsoar6" | "xsoar8";

function send(flavour: Flavour, path: string, body?: unknown, method = "POST", prefix = "/xsoar/public/v1"): Promise<Reply> {
  const headers = flavour === "xsoar6" ? xsoar6Headers(x6) : advancedHeaders(x8);
  const url = flavour === "xsoar6" ? path : prefix + path;
  return call(emulator.url, url, body === undefined ? { method, headers } : { method, headers, body });
}

async function search(flavour: Flavour, filter: Record<string, unknown>): Promise<SearchReply> {
  const reply = await send(flavour, "/incidents/search", { filter });
  expect(reply.status, reply.text).toBe(200);
  return reply.body as SearchReply;
}

beforeAll(async () => {
  emulator = await startEmulator({ seed: 11 });
  x6 = bootstrapOf(emulator.bootstrapKeys, "tenant-xsoar6-1").key;
  x8 = bootstrapOf(emulator.bootstrapKeys, "tenant-xsoar8-1");
});
afterAll(async () => {
  await emulator.close();
});

describe.each<Flavour>(["xsoar6", "xsoar8"])("XSOAR incidents on %s", (flavour) => {
  it("searches with query strings on status, severity, type, owner, name and id, and pages with a total", async () => {
    const all = await search(flavour, { size: 1000 });
    expect(all.total).toBe(25);
    expect(all.data).toHaveLength(25);
    const closed = await search(flavour, { query: "status:closed", size: 1000 });
    expect(closed.total).toBe(all.data.filter((incident) => incident.status === 2).length);
    expect(closed.data.every((incident) => incident.status === 2)).toBe(true);
    const open = await search(flavour, { query: "-status:closed", size: 1000 });
    expect(open.total + closed.total).toBe(all.total);
    const high = await search(flavour, { query: "severity:>=3", size: 1000 });
    expect(high.data.every((incident) => incident.severity >= 3)).toBe(true);
    expect(high.total).toBe(all.data.filter((incident) => incident.severity >= 3).length);
    const first = all.data[0] as Incident;
    const byType = await search(flavour, { query: `type:"${first.type}" -status:active`, size: 1000 });
    expect(byType.total).toBe(all.data.filter((i) => i.type === first.type && i.status !== 1).length);
    const byName = await search(flavour, { query: `name:"${first.name}"`, size: 1000 });
    expect(byName.data.every((incident) => incident.name === first.name)).toBe(true);
    expect(byName.total).toBeGreaterThan(0);
    const byId = await search(flavour, { query: `id:${first.id}` });
    expect(byId.data.map((incident) => incident.id)).toEqual([first.id]);
    const either = await search(flavour, { query: `id:1 or id:2`, size: 10 });
    expect(either.data.map((incident) => incident.id).sort()).toEqual(["1", "2"]);
    const owned = await search(flavour, { query: "owner:alice", size: 1000 });
    expect(owned.total).toBe(all.data.filter((incident) => incident.owner === "alice").length);

    const page0 = await search(flavour, { page: 0, size: 10, sort: [{ field: "id", asc: true }] });
    const page2 = await search(flavour, { page: 2, size: 10, sort: [{ field: "id", asc: true }] });
    expect(page0.total).toBe(25);
    expect(page0.data.map((incident) => incident.id)).toEqual(["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"]);
    expect(page2.data.map((incident) => incident.id)).toEqual(["21", "22", "23", "24", "25"]);

    const bad = await send(flavour, "/incidents/search", { filter: { query: "(status:active" } });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ status: 400, title: "Bad Request" });
  });

  it("creates an incident visible on the next search, then updates it with optimistic locking", async () => {
    const created = await send(flavour, "/incident", {
      name: `Emulated ${flavour}`,
      type: "Phishing",
      severity: 3,
      createInvestigation: true,
      CustomFields: { reporter: "ciso" },
    });
    expect(created.status).toBe(flavour === "xsoar8" ? 201 : 200);
    const incident = created.body as Incident;
    expect(incident).toMatchObject({ name: `Emulated ${flavour}`, version: 1, status: 1, severity: 3, id: "26" });
    const found = await search(flavour, { query: `reporter:ciso name:"Emulated ${flavour}"` });
    expect(found.data.map((row) => row.id)).toEqual([incident.id]);

    const updated = await send(flavour, "/incident", { id: incident.id, version: 1, severity: 4, owner: "bob" });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ id: incident.id, version: 2, severity: 4, owner: "bob", type: "Phishing" });

    const stale = await send(flavour, "/incident", { id: incident.id, version: 1, severity: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ status: 409, detail: "DB version conflict" });
    const missingVersion = await send(flavour, "/incident", { id: incident.id, severity: 1 });
    expect(missingVersion.status).toBe(400);

    const forced = await send(flavour, "/incident", { id: incident.id, version: -1, severity: 1 });
    expect(forced.body).toMatchObject({ version: 3, severity: 1, owner: "bob" });
    const loaded = await search(flavour, { id: [incident.id] });
    expect(loaded.data[0]).toMatchObject({ version: 3, severity: 1, owner: "bob" });
  });

  it("batch-closes incidents: status 2, close fields set, version bumped, already-closed ones not updated", async () => {
    const open = await search(flavour, { query: "-status:closed", size: 2, sort: [{ field: "id", asc: true }] });
    const ids = open.data.map((incident) => incident.id);
    const closed = await send(flavour, "/incident/batchClose", { ids, closeReason: "Resolved", closeNotes: "done by test" });
    expect(closed.status).toBe(200);
    const result = closed.body as { data: Incident[]; total: number; notUpdated: number };
    expect(result.total).toBe(2);
    for (const [index, incident] of result.data.entries()) {
      expect(incident).toMatchObject({ status: 2, closeReason: "Resolved", closeNotes: "done by test" });
      expect(incident.closed).not.toBe("0001-01-01T00:00:00Z");
      expect(incident.version).toBe((open.data[index] as Incident).version + 1);
    }
    const again = await send(flavour, "/incident/batchClose", { ids: [...ids, "9999"], closeReason: "Resolved" });
    expect(again.body).toMatchObject({ total: 0, notUpdated: 3 });
    const reread = await search(flavour, { id: ids });
    expect(reread.data.every((incident) => incident.status === 2)).toBe(true);
  });

  it("adds war-room entries, lists them, edits with locking, and refuses entries on a closed investigation", async () => {
    const created = (await send(flavour, "/incident", { name: "War room", createInvestigation: true })).body as Incident;
    const entry = await send(flavour, "/entry", { investigationId: created.id, data: "first note", markdown: true });
    expect(entry.status).toBe(200);
    const first = entry.body as { id: string; version: number; contents: string; format: string };
    expect(first).toMatchObject({ contents: "first note", format: "markdown", version: 1 });
    await send(flavour, "/entry/formatted", { investigationId: created.id, contents: '{"a":1}', format: "json" });
    const investigation = await send(flavour, `/investigation/${created.id}`, { pageSize: 100 });
    expect(investigation.status).toBe(200);
    const entries = (investigation.body as { entries: { contents: string }[] }).entries;
    expect(entries.map((item) => item.contents)).toEqual(["first note", '{"a":1}']);

    const edit = await send(flavour, "/entry", { investigationId: created.id, id: first.id, version: 1, data: "edited" });
    expect(edit.body).toMatchObject({ contents: "edited", version: 2 });
    const staleEdit = await send(flavour, "/entry", { investigationId: created.id, id: first.id, version: 1, data: "lost" });
    expect(staleEdit.status).toBe(409);

    await send(flavour, "/incident/batchClose", { ids: [created.id] });
    const late = await send(flavour, "/entry", { investigationId: created.id, data: "too late" });
    expect(late.status).toBe(412);
    const missing = await send(flavour, "/entry", { investigationId: "424242", data: "x" });
    expect(missing.status).toBe(404);
  });

  it("creates and searches indicators; a second create of the same value updates it", async () => {
    const created = await send(flavour, "/indicator/create", { indicator: { value: "198.51.100.77", indicator_type: "IP", score: 3 } });
    expect(created.status).toBe(200);
    const indicator = created.body as { id: string; version: number; score: number };
    expect(indicator).toMatchObject({ score: 3, version: 1 });
    const found = await send(flavour, "/indicators/search", { query: 'value:"198.51.100.77" score:bad', size: 10 });
    expect(found.body).toMatchObject({ total: 1, iocObjects: [{ id: indicator.id, indicator_type: "IP" }] });
    const again = await send(flavour, "/indicator/create", { indicator: { value: "198.51.100.77", indicator_type: "IP", score: 2 } });
    expect(again.body).toMatchObject({ id: indicator.id, version: 2, score: 2 });
    const malicious = await send(flavour, "/indicators/search", { query: "type:IP score:3", size: 1000 });
    const rows = (malicious.body as { iocObjects: { id: string; score: number }[] }).iocObjects;
    expect(rows.every((row) => row.score === 3)).toBe(true);
    expect(rows.some((row) => row.id === indicator.id)).toBe(false);
    const staleEdit = await send(flavour, "/indicator/edit", { id: indicator.id, version: 1, comment: "x" });
    expect(staleEdit.status).toBe(409);
  });

  it("gets and saves lists with versions", async () => {
    const lists = await send(flavour, "/lists", undefined, "GET");
    expect(lists.status).toBe(200);
    expect((lists.body as { name: string }[]).map((list) => list.name)).toContain("AllowedDomains");
    const created = await send(flavour, "/lists/save", { name: "Blocked", data: "a\nb", type: "plain_text" });
    expect(created.body).toMatchObject({ id: "Blocked", name: "Blocked", version: 1, data: "a\nb" });
    const updated = await send(flavour, "/lists/save", { id: "Blocked", name: "Blocked", data: "a\nb\nc", version: 1 });
    expect(updated.body).toMatchObject({ version: 2, data: "a\nb\nc" });
    const stale = await send(flavour, "/lists/save", { id: "Blocked", name: "Blocked", data: "lost", version: 1 });
    expect(stale.status).toBe(409);
    const reread = (await send(flavour, "/lists", undefined, "GET")).body as { name: string; data: string }[];
    expect(reread.find((list) => list.name === "Blocked")?.data).toBe("a\nb\nc");
  });
});

describe("XSOAR 8 incident create without a name (unknowns.xsoar8IncidentWithoutName)", () => {
  it("answers 400 on XSOAR 8 by default; XSOAR 6 creates it; an update (with id) needs no name", async () => {
    const refused = await send("xsoar8", "/incident", { type: "Phishing" });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain("name is required");
    const on6 = await send("xsoar6", "/incident", { type: "Phishing" });
    expect(on6.status, on6.text).toBe(200);
    const created = await send("xsoar8", "/incident", { name: "named", type: "Phishing" });
    const { id, version } = created.body as Incident;
    const updated = await send("xsoar8", "/incident", { id, version, severity: 3 });
    expect(updated.status, updated.text).toBeLessThan(300);
  });

  it("creates it with an empty name when configured \"accept\"", async () => {
    const lenient = await startEmulator({ seed: 11, unknowns: { xsoar8IncidentWithoutName: "accept" } });
    try {
      const key = bootstrapOf(lenient.bootstrapKeys, "tenant-xsoar8-1");
      const reply = await call(lenient.url, "/xsoar/public/v1/incident", { headers: advancedHeaders(key), body: { type: "Phishing" } });
      expect(reply.status, reply.text).toBeLessThan(300);
      expect((reply.body as Incident).name).toBe("");
    } finally {
      await lenient.close();
    }
  });
});

describe("XSOAR 8 prefixes and tenants", () => {
  it("serves the same data under /xsoar and /xsoar/public/v1, and XSOAR 6 data is its own tenant's", async () => {
    const created = (await send("xsoar8", "/incident", { name: "Prefix check" }, "POST", "/xsoar")).body as Incident;
    const viaPublic = await search("xsoar8", { query: `name:"Prefix check"` });
    expect(viaPublic.data.map((incident) => incident.id)).toEqual([created.id]);
    const on6 = await search("xsoar6", { query: `name:"Prefix check"` });
    expect(on6.total).toBe(0);
    const name8 = await send("xsoar8", "/incident", { type: "Phishing" });
    expect(name8.status).toBe(400);
  });

  it("seeds the same incidents for the same seed, and different ones for another seed", async () => {
    const seeded = async (seed: number): Promise<string[]> => {
      const other = await startEmulator({ seed });
      try {
        const key = bootstrapOf(other.bootstrapKeys, "tenant-xsoar6-1").key;
        const reply = await call(other.url, "/incidents/search", { headers: xsoar6Headers(key), body: { filter: { size: 25 } } });
        return (reply.body as SearchReply).data.map((incident) => `${incident.id}/${incident.name}/${incident.type}/${incident.severity}/${incident.status}`);
      } finally {
        await other.close();
      }
    };
    const [first, again, different] = await Promise.all([seeded(11), seeded(11), seeded(12)]);
    expect(first).toHaveLength(25);
    expect(again).toEqual(first);
    expect(different).not.toEqual(first);
  });
});

describe("XSOAR data in a data directory", () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "cortex-emulator-xsoar-"));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it("keeps created incidents, versions, entries and lists across a restart", async () => {
    const dir = join(root, "state");
    const first = await startEmulator({ seed: 3, dataDir: dir });
    const key = bootstrapOf(first.bootstrapKeys, "tenant-xsoar6-1").key;
    const headers = xsoar6Headers(key);
    const created = (await call(first.url, "/incident", { headers, body: { name: "Durable", createInvestigation: true } })).body as Incident;
    await call(first.url, "/incident", { headers, body: { id: created.id, version: 1, severity: 2 } });
    await call(first.url, "/entry", { headers, body: { investigationId: created.id, data: "kept" } });
    await call(first.url, "/lists/save", { headers, body: { name: "Kept", data: "x" } });
    await first.close();

    const second = await startEmulator({ seed: 3, dataDir: dir });
    try {
      const found = await call(second.url, "/incidents/search", { headers, body: { filter: { query: 'name:"Durable"' } } });
      expect(found.body).toMatchObject({ total: 1, data: [{ id: created.id, version: 2, severity: 2 }] });
      const entries = await call(second.url, `/investigation/${created.id}`, { headers, body: {} });
      expect((entries.body as { entries: { contents: string }[] }).entries.map((entry) => entry.contents)).toEqual(["kept"]);
      const lists = (await call(second.url, "/lists", { method: "GET", headers })).body as { name: string }[];
      expect(lists.map((list) => list.name)).toContain("Kept");
      const stale = await call(second.url, "/incident", { headers, body: { id: created.id, version: 1, severity: 4 } });
      expect(stale.status).toBe(409);
    } finally {
      await second.close();
    }
  });
});
