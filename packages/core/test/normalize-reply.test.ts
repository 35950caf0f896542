import { startEmulator, type RunningEmulator } from "@cortex-sdk/emulator";
import type { OperationEntry } from "@cortex-sdk/schemas-base";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CortexClient, normalizeReply, STANDARD_STEPS } from "../src/index.js";
import { recordingLogger } from "./helpers.js";

const base = { method: "POST", products: ["xdr", "xsiam", "cloud"], requestEnvelope: "request_data", replyEnvelope: "reply", replyKind: "object", async: "none", limits: {}, retrySafety: "read" } as const;

/** The entries as the generated table has them (the spec documents lower-case keys for api_keys, upper case for cases). */
const OPERATIONS: readonly OperationEntry[] = [
  { ...base, id: "api_keys.get_api_keys", path: "/public_api/v1/api_keys/get_api_keys", pagination: { kind: "offset", maxPageSize: 100, itemsField: "data", totalField: "total_count" } },
  { ...base, id: "api_keys.generate", path: "/public_api/v1/api_keys/generate", pagination: { kind: "none" }, retrySafety: "unsafe", replyHoldsSecret: true },
];

interface KeyList {
  data: { id: number; roles: string[] }[];
  DATA: { id: number }[];
  total_count: number;
  TOTAL_COUNT: number;
  filter_count: number;
  FILTER_COUNT: number;
}

function clientFor(emulator: RunningEmulator): CortexClient {
  const key = emulator.bootstrapKeys[0];
  if (key === undefined) throw new Error("no bootstrap key");
  return new CortexClient(
    { baseUrl: emulator.url, apiKeyId: key.keyId, apiKey: key.key, securityLevel: "advanced", rateLimit: false, logger: recordingLogger(), env: {}, configFile: "/nonexistent/cortex.json" },
    { product: "xdr", clientName: "test", clientVersion: "0.0.0", operations: OPERATIONS },
  );
}

let upper: RunningEmulator;
let lower: RunningEmulator;

beforeAll(async () => {
  [upper, lower] = await Promise.all([startEmulator({ port: 0, seed: 5, incidentCount: 3 }), startEmulator({ port: 0, seed: 6, incidentCount: 3, unknowns: { countKeyCase: "lower" } })]);
});

afterAll(async () => {
  await Promise.all([upper.close(), lower.close()]);
});

describe("reply normalisation against the emulator, in both casings", () => {
  it("is a named standard step between error mapping and deserialisation", () => {
    expect(STANDARD_STEPS).toEqual(["validateRequest", "serialize", "retry", "rateLimit", "sign", "errorMap", "normalizeReply", "deserialize", "send"]);
  });

  for (const [casing, emulator] of [
    ["upper-case DATA/TOTAL_COUNT/FILTER_COUNT", () => upper],
    ["lower-case data/total_count/filter_count", () => lower],
  ] as const) {
    it(`${casing}: the lower-case keys are the enumerable ones, the upper-case spelling reads and writes the same values`, async () => {
      const client = clientFor(emulator());
      try {
        for (const roles of [["Viewer"], ["Investigator"]]) await client.request("api_keys.generate", { roles, security_level: "standard" });
        const { data: keys, response } = await client.request<KeyList>("api_keys.get_api_keys", {}).withResponse();
        expect(response.status).toBe(200);
        expect(Array.isArray(keys.data)).toBe(true);
        expect(keys.data.length).toBeGreaterThanOrEqual(3);
        expect(keys.DATA).toBe(keys.data);
        expect(keys.total_count).toBe(keys.data.length);
        expect(keys.TOTAL_COUNT).toBe(keys.total_count);
        expect(keys.FILTER_COUNT).toBe(keys.filter_count);
        // JSON output carries one spelling only.
        expect(Object.keys(keys).sort()).toEqual(["data", "filter_count", "total_count"]);
        const json = JSON.stringify(keys);
        expect(json).not.toMatch(/"DATA"|"TOTAL_COUNT"|"FILTER_COUNT"/);
        expect(JSON.parse(json)).toEqual({ data: keys.data, filter_count: keys.filter_count, total_count: keys.total_count });
        // The alias is the same property, not a copy.
        keys.DATA = [];
        expect(keys.data).toEqual([]);
      } finally {
        await client.close();
      }
    });

    it(`${casing}: pagination reads the documented list field and finds every key`, async () => {
      const client = clientFor(emulator());
      try {
        const first = await client.request<KeyList>("api_keys.get_api_keys", {});
        const listed: number[] = [];
        for await (const key of client.paginate<KeyList, { id: number }>("api_keys.get_api_keys", { search_from: 0, search_to: 1 })) listed.push(key.id);
        expect(listed.length).toBe(first.total_count);
        expect(new Set(listed).size).toBe(listed.length);
      } finally {
        await client.close();
      }
    });
  }
});

describe("normalizeReply rules", () => {
  const entry = (id: string, pagination: OperationEntry["pagination"] = { kind: "none" }): OperationEntry => ({ ...base, id, path: `/public_api/v1/${id}`, pagination });

  it("fills a documented list that is absent or null on a paginated reply, and leaves other replies alone", () => {
    const list = entry("incidents.get_incidents", { kind: "offset", maxPageSize: 100, itemsField: "incidents", totalField: "total_count" });
    expect(normalizeReply(list, { total_count: 0 })).toEqual({ total_count: 0, incidents: [] });
    expect(normalizeReply(list, { incidents: null })).toEqual({ incidents: [] });
    expect(normalizeReply(list, { incidents: [{ incident_id: "1" }] })).toEqual({ incidents: [{ incident_id: "1" }] });
    expect(normalizeReply(entry("incidents.update_incident"), true)).toBe(true);
  });

  it("resolves the list field of an upper-case table entry through the folded key", () => {
    const cases = entry("case.search", { kind: "offset", maxPageSize: 100, itemsField: "DATA", totalField: "TOTAL_COUNT" });
    const reply = normalizeReply(cases, { TOTAL_COUNT: 0, FILTER_COUNT: 0 }) as { data: unknown[]; DATA: unknown[] };
    expect(reply.data).toEqual([]);
    expect(reply.DATA).toBe(reply.data);
  });

  it("splits comma-joined tags where a list is documented, and keeps lists as they are", () => {
    const extra = entry("incidents.get_incident_extra_data");
    const reply = normalizeReply(extra, { alerts: { data: [{ tags: "AR:Registered to You, BU:Acme" }, { tags: ["x"] }, {}] } }) as { alerts: { data: { tags?: unknown }[] } };
    expect(reply.alerts.data.map((alert) => alert.tags)).toEqual([["AR:Registered to You", "BU:Acme"], ["x"], undefined]);
  });

  it("turns numeric-string counts into numbers and leaves other text", () => {
    expect(normalizeReply(entry("scripts.run_script"), { action_id: 1, endpoints_count: "673" })).toEqual({ action_id: 1, endpoints_count: 673 });
    expect(normalizeReply(entry("scripts.run_script"), { endpoints_count: "n/a" })).toEqual({ endpoints_count: "n/a" });
  });

  it("folds the count and data keys of nested artifact lists", () => {
    const reply = normalizeReply(entry("case.artifacts.get_by_case_id"), {
      DATA: [{ case_id: 1, network_artifacts: { DATA: [{ type: "IP" }], TOTAL_COUNT: 1 }, file_artifacts: { DATA: [], TOTAL_COUNT: 0 } }],
    }) as { data: { network_artifacts: { data: unknown[]; TOTAL_COUNT: number; total_count: number } }[] };
    expect(JSON.parse(JSON.stringify(reply))).toEqual({ data: [{ case_id: 1, network_artifacts: { data: [{ type: "IP" }], total_count: 1 }, file_artifacts: { data: [], total_count: 0 } }] });
    expect(reply.data[0]?.network_artifacts.TOTAL_COUNT).toBe(1);
  });

  it("keeps both keys when a reply sends both spellings", () => {
    const reply = normalizeReply(entry("x"), { DATA: [1], data: [2] }) as Record<string, unknown>;
    expect(reply).toEqual({ DATA: [1], data: [2] });
  });
});
