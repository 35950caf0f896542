import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningEmulator } from "../src/index.js";
import { startEmulator } from "./helpers.js";
import { advancedHeaders, call, invalidInput, replyOf, type Credentials, type Reply } from "./helpers.js";

const PATH = "/public_api/v1/incidents/get_incidents";
const STATUSES = [
  "new",
  "under_investigation",
  "resolved_threat_handled",
  "resolved_known_issue",
  "resolved_duplicate",
  "resolved_false_positive",
  "resolved_true_positive",
  "resolved_security_testing",
  "resolved_other",
  "resolved_auto",
];

interface IncidentRow {
  incident_id: string;
  creation_time: number;
  modification_time: number;
  status: string;
  starred: boolean;
  description: string;
  incident_sources: string[];
  [field: string]: unknown;
}

interface IncidentsReply {
  total_count: number;
  result_count: number;
  incidents: IncidentRow[];
  restricted_incident_ids: string[];
}

let emulator: RunningEmulator;
let admin: Credentials;
let all: IncidentRow[];

function query(requestData: unknown): Promise<Reply> {
  return call(emulator.url, PATH, { headers: advancedHeaders(admin), body: { request_data: requestData } });
}

async function incidents(requestData: unknown): Promise<IncidentsReply> {
  const reply = await query(requestData);
  expect(reply.status).toBe(200);
  return replyOf<IncidentsReply>(reply);
}

const ids = (rows: readonly IncidentRow[]): string[] => rows.map((row) => row.incident_id);
const byId = (a: IncidentRow, b: IncidentRow): number => Number(a.incident_id) - Number(b.incident_id);

beforeAll(async () => {
  emulator = await startEmulator({ seed: 42 });
  const [bootstrap] = emulator.bootstrapKeys;
  if (bootstrap === undefined) throw new Error("no bootstrap key");
  admin = bootstrap;
  all = (await incidents({})).incidents;
});

afterAll(async () => {
  await emulator.close();
});

describe("incidents/get_incidents", () => {
  it("returns every seeded incident with the documented envelope, newest first by default", async () => {
    const reply = await incidents({});
    expect(reply.total_count).toBe(25);
    expect(reply.result_count).toBe(25);
    expect(reply.restricted_incident_ids).toEqual([]);
    const creation = reply.incidents.map((row) => row.creation_time);
    expect(creation).toEqual([...creation].sort((a, b) => b - a));
    expect(ids(reply.incidents).sort((a, b) => Number(a) - Number(b))).toEqual(
      Array.from({ length: 25 }, (_, i) => String(i + 1)),
    );
  });

  it("uses the vendor's field types", () => {
    for (const row of all) {
      expect(row.incident_id).toMatch(/^\d+$/);
      expect(Number.isInteger(row.creation_time)).toBe(true);
      expect(row.modification_time).toBeGreaterThanOrEqual(row.creation_time);
      expect(row["detection_time"]).toBeNull();
      expect(STATUSES).toContain(row.status);
      expect(["low", "medium", "high", "critical"]).toContain(row["severity"]);
      expect(typeof row.starred).toBe("boolean");
      expect(row["assigned_user_mail"] === null || typeof row["assigned_user_mail"] === "string").toBe(true);
      expect(row["alert_count"]).toBe(
        Number(row["low_severity_alert_count"]) +
          Number(row["med_severity_alert_count"]) +
          Number(row["high_severity_alert_count"]) +
          Number(row["critical_severity_alert_count"]),
      );
      expect(row["host_count"]).toBe((row["hosts"] as string[]).length);
      expect(row["user_count"]).toBe((row["users"] as string[]).length);
      for (const host of row["hosts"] as string[]) expect(host).toMatch(/^[a-z0-9-]+:[0-9a-f]{32}$/);
      expect(row["xdr_url"]).toMatch(new RegExp(`caseId=${row.incident_id}$`));
    }
  });

  describe("filters", () => {
    it("status eq / neq (operators case-insensitive)", async () => {
      const expectedNew = all.filter((row) => row.status === "new");
      expect(expectedNew.length).toBeGreaterThan(0);
      const eq = await incidents({ filters: [{ field: "status", operator: "eq", value: "new" }] });
      expect(ids(eq.incidents)).toEqual(ids(expectedNew));
      expect(eq.total_count).toBe(expectedNew.length);
      const upper = await incidents({ filters: [{ field: "status", operator: "EQ", value: "new" }] });
      expect(ids(upper.incidents)).toEqual(ids(expectedNew));
      const neq = await incidents({ filters: [{ field: "status", operator: "neq", value: "new" }] });
      expect(ids(neq.incidents)).toEqual(ids(all.filter((row) => row.status !== "new")));
    });

    it("starred eq / neq", async () => {
      const starred = await incidents({ filters: [{ field: "starred", operator: "eq", value: true }] });
      expect(ids(starred.incidents)).toEqual(ids(all.filter((row) => row.starred)));
      const notStarred = await incidents({ filters: [{ field: "starred", operator: "neq", value: true }] });
      expect(ids(notStarred.incidents)).toEqual(ids(all.filter((row) => !row.starred)));
    });

    it("creation_time and modification_time gte / lte", async () => {
      const sorted = [...all].sort(byId);
      const low = sorted[5]?.creation_time ?? 0;
      const high = sorted[15]?.creation_time ?? 0;
      const range = await incidents({
        filters: [
          { field: "creation_time", operator: "gte", value: low },
          { field: "creation_time", operator: "lte", value: high },
        ],
      });
      expect(ids(range.incidents).sort((a, b) => Number(a) - Number(b))).toEqual(ids(sorted.slice(5, 16)));
      const pivot = sorted[10]?.modification_time ?? 0;
      const modified = await incidents({ filters: [{ field: "modification_time", operator: "gte", value: pivot }] });
      expect(ids(modified.incidents)).toEqual(ids(all.filter((row) => row.modification_time >= pivot)));
    });

    it("incident_id_list in (string ids)", async () => {
      const reply = await incidents({
        filters: [{ field: "incident_id_list", operator: "in", value: ["3", "1", "404"] }],
        sort: { field: "incident_id", keyword: "asc" },
      });
      expect(ids(reply.incidents)).toEqual(["1", "3"]);
      const numbers = await query({ filters: [{ field: "incident_id_list", operator: "in", value: [1] }] });
      expect(numbers.status).toBe(400);
      expect(numbers.body).toEqual(invalidInput("incident_id_list[0]: Input should be a valid string"));
    });

    it("description contains (case-insensitive) / in", async () => {
      const sample = all[0]?.description ?? "";
      const word = sample.split(" ")[1] ?? "";
      expect(word.length).toBeGreaterThan(2);
      const contains = await incidents({
        filters: [{ field: "description", operator: "contains", value: word.toUpperCase() }],
      });
      expect(ids(contains.incidents)).toEqual(
        ids(all.filter((row) => row.description.toLowerCase().includes(word.toLowerCase()))),
      );
      const exact = await incidents({ filters: [{ field: "description", operator: "in", value: [sample] }] });
      expect(ids(exact.incidents)).toContain(all[0]?.incident_id);
      expect(exact.incidents.every((row) => row.description === sample)).toBe(true);
    });

    it("alert_sources in", async () => {
      const reply = await incidents({ filters: [{ field: "alert_sources", operator: "in", value: ["XDR Agent"] }] });
      const expected = all.filter((row) => row.incident_sources.includes("XDR Agent"));
      expect(expected.length).toBeGreaterThan(0);
      expect(ids(reply.incidents)).toEqual(ids(expected));
    });

    it("AND-combines filters", async () => {
      const reply = await incidents({
        filters: [
          { field: "status", operator: "neq", value: "new" },
          { field: "starred", operator: "eq", value: false },
        ],
      });
      expect(ids(reply.incidents)).toEqual(ids(all.filter((row) => row.status !== "new" && !row.starred)));
    });

    it.each([
      [[{ field: "status", operator: "contains", value: "new" }], "Unsupported operator 'contains' for field status"],
      [[{ field: "creation_time", operator: "eq", value: 1 }], "Unsupported operator 'eq' for field creation_time"],
      [[{ field: "severity", operator: "eq", value: "high" }], "Unsupported field 'severity'"],
      [[{ field: "constructor", operator: "eq", value: 1 }], "Unsupported field 'constructor'"],
      [[{ field: "status", operator: "eq", value: "open" }], "Invalid value 'open' for field status"],
      [[{ field: "creation_time", operator: "gte", value: "yesterday" }], "creation_time: Input should be a valid integer"],
      // The generated request validator answers first (the schema-driven layer), in pydantic's words.
      [[{ field: "status", operator: "eq" }], "filters[0].value: Field required"],
      ["all", "filters: Input should be a valid list"],
    ])("rejects filters %j with 400", async (filters, extra) => {
      const reply = await query({ filters });
      expect(reply.status).toBe(400);
      expect(reply.body).toEqual(invalidInput(extra));
    });
  });

  describe("sort", () => {
    it("by incident_id numerically, both directions, keyword case-insensitive", async () => {
      const asc = await incidents({ sort: { field: "incident_id", keyword: "asc" } });
      expect(ids(asc.incidents)).toEqual(Array.from({ length: 25 }, (_, i) => String(i + 1)));
      const desc = await incidents({ sort: { field: "incident_id", keyword: "DESC" } });
      expect(ids(desc.incidents)).toEqual(Array.from({ length: 25 }, (_, i) => String(25 - i)));
    });

    it("by modification_time and creation_time", async () => {
      const byModification = await incidents({ sort: { field: "modification_time", keyword: "asc" } });
      const times = byModification.incidents.map((row) => row.modification_time);
      expect(times).toEqual([...times].sort((a, b) => a - b));
      const byCreation = await incidents({ sort: { field: "creation_time", keyword: "asc" } });
      expect(ids(byCreation.incidents)).toEqual(ids([...all].sort((a, b) => a.creation_time - b.creation_time)));
    });

    it("rejects unknown sort fields and keywords", async () => {
      const field = await query({ sort: { field: "severity", keyword: "asc" } });
      expect(field.status).toBe(400);
      expect(field.body).toEqual(invalidInput("Unsupported sort field 'severity'"));
      const keyword = await query({ sort: { field: "incident_id", keyword: "up" } });
      expect(keyword.status).toBe(400);
      expect(keyword.body).toEqual(invalidInput("Unsupported sort keyword 'up'"));
    });
  });

  describe("paging", () => {
    it("pages of 10 return every incident once, in order", async () => {
      const seen: string[] = [];
      for (let from = 0; ; from += 10) {
        const page = await incidents({ sort: { field: "incident_id", keyword: "asc" }, search_from: from, search_to: from + 10 });
        expect(page.total_count).toBe(25);
        expect(page.result_count).toBe(page.incidents.length);
        seen.push(...ids(page.incidents));
        if (page.result_count < 10) break;
      }
      expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => String(i + 1)));
    });

    it("applies the window after filtering and sorting", async () => {
      const page = await incidents({
        filters: [{ field: "status", operator: "neq", value: "new" }],
        sort: { field: "creation_time", keyword: "desc" },
        search_from: 1,
        search_to: 3,
      });
      const expected = all.filter((row) => row.status !== "new");
      expect(page.total_count).toBe(expected.length);
      expect(ids(page.incidents)).toEqual(ids(expected.slice(1, 3)));
    });

    it("returns an empty page past the end", async () => {
      const page = await incidents({ search_from: 100, search_to: 110 });
      expect(page).toMatchObject({ total_count: 25, result_count: 0, incidents: [] });
    });

    it.each([
      [{ search_from: 0, search_to: 101 }, "Search size must fulfill the requirement: 0 < search_size <= 100"],
      [{ search_from: 5, search_to: 5 }, "Search size must fulfill the requirement: 0 < search_size <= 100"],
      [{ search_from: 10, search_to: 2 }, "Search size must fulfill the requirement: 0 < search_size <= 100"],
      [{ search_from: -1, search_to: 10 }, "search_from: Input should be greater than or equal to 0"],
      [{ search_from: "0" }, "search_from: Input should be a valid integer"],
    ])("rejects %j with 400", async (window, extra) => {
      const reply = await query(window);
      expect(reply.status).toBe(400);
      expect(reply.body).toEqual(invalidInput(extra));
    });

    it("accepts a full page of exactly 100", async () => {
      const page = await incidents({ search_from: 0, search_to: 100 });
      expect(page.result_count).toBe(25);
    });
  });
});
