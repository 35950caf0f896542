import { describe, expect, it } from "vitest";
import { buildTable, readAll, type TableOperation } from "../generator/normalise.js";
import { loadDoc, type SpecFile } from "../generator/specs.js";
import { classifyRetry, classifyAsync } from "../generator/classify.js";
import type { Override } from "../src/overrides/types.js";

const XDR: SpecFile = { file: "test-xdr.json", typePrefix: "T", family: "xdr" };
const XSOAR: SpecFile = { file: "test-xsoar.json", typePrefix: "Tx", family: "xsoar" };

type Doc = Record<string, unknown>;

function op(request: unknown, reply: unknown, extra: Doc = {}): Doc {
  return {
    ...(request === undefined ? {} : { requestBody: { content: { "application/json": { schema: request } } } }),
    responses: { "200": reply === undefined ? { description: "ok" } : { description: "ok", content: { "application/json": { schema: reply } } } },
    ...extra,
  };
}

async function table(paths: Doc, components: Doc = {}, spec: SpecFile = XDR, overrides: readonly Override[] = []): Promise<TableOperation[]> {
  const doc = { openapi: "3.0.0", paths, components: { schemas: components } };
  const loaded = await loadDoc(spec, structuredClone(doc));
  const used = new Set<Override>();
  const views = readAll([loaded], overrides, used);
  return buildTable(views, [], overrides, used, { requireEveryProductRule: false });
}

const wrapped = (schema: unknown): Doc => ({ type: "object", properties: { request_data: schema } });
const replied = (schema: unknown): Doc => ({ type: "object", properties: { reply: schema } });

describe("normaliser: references", () => {
  it("resolves $ref, remembers the component name and cuts cycles", async () => {
    const [row] = await table(
      { "/public_api/v1/things/get_thing": { post: op(wrapped({ $ref: "#/components/schemas/Query" }), replied({ $ref: "#/components/schemas/Node" })) } },
      {
        Query: { type: "object", properties: { id: { type: "string", description: "prose never copied" } }, required: ["id"] },
        Node: { type: "object", title: "prose", properties: { name: { type: "string" }, child: { $ref: "#/components/schemas/Node" } } },
      },
    );
    expect(row!.request).toEqual({ xRef: "TQuery", type: "object", properties: { id: { type: "string" } }, required: ["id"] });
    expect(row!.reply!.xRef).toBe("TNode");
    expect(row!.reply!.properties!["child"]).toEqual({ xRef: "TNode", xCycle: true });
    expect(JSON.stringify(row)).not.toContain("prose");
  });

  it("turns OpenAPI nullable and allOf into JSON Schema", async () => {
    const [row] = await table({
      "/public_api/v1/things/get_thing": {
        post: op(undefined, replied({ allOf: [{ type: "object", properties: { a: { type: "string", nullable: true } } }, { properties: { b: { type: "integer" } }, required: ["b"] }] })),
      },
    });
    expect(row!.reply).toEqual({ type: "object", properties: { a: { type: ["string", "null"] }, b: { type: "integer" } }, required: ["b"] });
  });

  it("fails loudly on a reference that points nowhere unless an override acknowledges it", async () => {
    const doc = { openapi: "3.0.0", paths: {}, components: { schemas: { A: { $ref: "#/components/schemas/Missing" } } } };
    const loaded = await loadDoc(XDR, doc);
    expect(loaded.brokenRefs).toEqual(["#/components/schemas/Missing"]);
  });
});

describe("normaliser: envelopes and reply kinds", () => {
  it("detects request_data object, array and bare bodies, and siblings", async () => {
    const rows = await table({
      "/public_api/v1/a/get_a": { post: op(wrapped({ type: "object", properties: { x: { type: "string" } } }), replied({ type: "object" })) },
      "/public_api/v1/a/insert_a": {
        post: op({ type: "object", properties: { request_data: { type: "array", items: { type: "object" } }, validate: { type: "boolean" } } }, replied({ type: "boolean" })),
      },
      "/public_api/v1/a/search": { post: op({ type: "object", properties: { filter: { type: "object" } } }, { type: "object", properties: { data: { type: "array", items: {} } } }) },
      "/public_api/v1/healthcheck": { get: op(undefined, { type: "object", properties: { status: { type: "string" } } }) },
    });
    const byId = Object.fromEntries(rows.map((r) => [r.entry.id, r.entry]));
    expect(byId["a.get_a"]).toMatchObject({ requestEnvelope: "request_data", replyEnvelope: "reply", replyKind: "object" });
    expect(byId["a.insert_a"]).toMatchObject({ requestEnvelope: "request_data_array", requestSiblings: ["validate"], replyKind: "boolean" });
    expect(byId["a.search"]).toMatchObject({ requestEnvelope: "bare", replyEnvelope: "bare", replyKind: "object" });
    expect(byId["healthcheck"]).toMatchObject({ requestEnvelope: "none", replyEnvelope: "bare" });
  });

  it("detects reply arrays, strings, {data} on /platform, 204 and binary", async () => {
    const rows = await table({
      "/public_api/v1/a/list": { post: op(wrapped({ type: "object" }), replied({ type: "array", items: { type: "object" } })) },
      "/public_api/v1/a/get_string": { post: op(wrapped({ type: "object" }), replied({ type: "string" })) },
      "/platform/iam/v1/user": { get: op(undefined, { type: "object", properties: { data: { type: "object", properties: { id: { type: "integer" } } } } }) },
      "/public_api/v1/a/update/{id}": { post: { responses: { "204": { description: "done" } } } },
      "/public_api/v1/download/{token}": { get: { responses: { "200": { description: "zip", content: { "application/zip": { schema: { type: "string", format: "binary" } } } } } } },
    });
    const byId = Object.fromEntries(rows.map((r) => [r.entry.id, r.entry]));
    expect(byId["a.list"]).toMatchObject({ replyEnvelope: "reply", replyKind: "array" });
    expect(byId["a.get_string"]).toMatchObject({ replyEnvelope: "reply", replyKind: "string" });
    expect(byId["platform.iam.user"]).toMatchObject({ replyEnvelope: "data", replyKind: "object" });
    expect(byId["a.update.post_by_id"]).toMatchObject({ replyEnvelope: "empty", replyKind: "empty", successStatus: 204, pathParams: ["id"] });
    expect(byId["download.get_by_token"]).toMatchObject({ replyKind: "binary" });
  });

  it("fails loudly, naming file, method and path, when an operation has no 2xx response", async () => {
    await expect(table({ "/public_api/v1/a/b": { post: { responses: { "500": { description: "x" } } } } })).rejects.toThrow(/test-xdr\.json POST \/public_api\/v1\/a\/b: no 2xx response/);
  });

  it("fails on the same route described twice (with and without trailing slash)", async () => {
    await expect(table({ "/public_api/v1/a/get_b": { post: op(undefined, replied({})) }, "/public_api/v1/a/get_b/": { post: op(undefined, replied({})) } })).rejects.toThrow(/described twice/);
  });
});

describe("normaliser: pagination", () => {
  const listReply = replied({ type: "object", properties: { total_count: { type: "integer" }, result_count: { type: "integer" }, things: { type: "array", items: { type: "object" } }, restricted_ids: { type: "array" } } });

  it("detects offset paging, the items and total fields, and the page cap from the schema", async () => {
    const [row] = await table({
      "/public_api/v1/things/get_things": { post: op(wrapped({ type: "object", properties: { search_from: { type: "integer" }, search_to: { type: "integer", maximum: 250 } } }), listReply) },
    });
    expect(row!.entry.pagination).toEqual({ kind: "offset", maxPageSize: 250, itemsField: "things", totalField: "total_count" });
  });

  it("uses the documented default cap, page tokens, and filter_data paging", async () => {
    const rows = await table({
      "/public_api/v1/things/get_things": { post: op(wrapped({ type: "object", properties: { search_from: { type: "integer" }, search_to: { type: "integer" }, use_page_token: { type: "boolean" } } }), listReply) },
      "/public_api/v1/things/get_by_token": { post: op(wrapped({ type: "object", properties: { next_page_token: { type: "string" } } }), listReply) },
      "/public_api/v1/things/get_by_filter_data": {
        post: op(wrapped({ type: "object", properties: { filter_data: { type: "object", properties: { paging: { type: "object" } } } } }), listReply),
      },
      "/public_api/v1/things/get_one": { post: op(wrapped({ type: "object", properties: { id: { type: "string" } } }), replied({ type: "object" })) },
    });
    const byId = Object.fromEntries(rows.map((r) => [r.entry.id, r.entry.pagination]));
    expect(byId["things.get_things"]).toEqual({ kind: "offset", maxPageSize: 100, itemsField: "things", totalField: "total_count", pageToken: true });
    expect(byId["things.get_by_token"]).toEqual({ kind: "page_token", itemsField: "things", totalField: "total_count" });
    expect(byId["things.get_by_filter_data"]).toEqual({ kind: "filter_data", maxPageSize: 100, itemsField: "things", totalField: "total_count" });
    expect(byId["things.get_one"]).toEqual({ kind: "none" });
  });

  it("detects XSOAR page/size paging in the filter", async () => {
    const [row] = await table(
      {
        "/incidents/search": {
          post: op({ type: "object", properties: { filter: { type: "object", properties: { page: { type: "integer" }, size: { type: "integer" } } } } }, { type: "object", properties: { data: { type: "array", items: {} }, total: { type: "integer" } } }),
        },
      },
      {},
      XSOAR,
    );
    expect(row!.entry).toMatchObject({ id: "xsoar.incidents.search", products: ["xsoar"], xsoarVersions: [6, 8] });
    expect(row!.entry.pagination).toEqual({ kind: "page_size", maxPageSize: 100, itemsField: "data", totalField: "total", pagingField: "filter" });
  });

  it("fails loudly when a paged reply has several candidate item lists", async () => {
    await expect(
      table({
        "/public_api/v1/things/get_things": {
          post: op(wrapped({ type: "object", properties: { search_from: { type: "integer" } } }), replied({ type: "object", properties: { a: { type: "array", items: { type: "string" } }, b: { type: "array", items: { type: "string" } } } })),
        },
      }),
    ).rejects.toThrow(/cannot tell which reply property holds the items/);
  });
});

describe("normaliser: retry safety and async kind", () => {
  it("classifies reads, idempotent writes and unsafe writes by call name, not method", () => {
    expect(classifyRetry("POST", "/public_api/v1/incidents/get_incidents", "incidents.get_incidents")).toBe("read");
    expect(classifyRetry("POST", "/public_api/v1/issue/search", "issue.search")).toBe("read");
    expect(classifyRetry("GET", "/public_api/v1/healthcheck", "healthcheck")).toBe("read");
    expect(classifyRetry("POST", "/public_api/v1/incidents/update_incident", "incidents.update_incident")).toBe("idempotent");
    expect(classifyRetry("POST", "/public_api/v1/hash_exceptions/blocklist", "hash_exceptions.blocklist")).toBe("idempotent");
    expect(classifyRetry("PUT", "/platform/iam/v1/api-key/{api_key_id}", "platform.iam.api_key.put_by_id")).toBe("idempotent");
    expect(classifyRetry("DELETE", "/public_api/v1/policy/{policy_id}", "policy.delete_by_policy_id")).toBe("idempotent");
    for (const call of ["isolate", "unisolate", "scan", "abort_scan", "quarantine", "restore", "file_retrieval", "run_script", "run_snippet_code_script"]) {
      expect(classifyRetry("POST", `/public_api/v1/endpoints/${call}`, `endpoints.${call}`), call).toBe("unsafe");
    }
    expect(classifyRetry("POST", "/public_api/v1/api_keys/generate", "api_keys.generate")).toBe("unsafe");
    expect(classifyRetry("POST", "/public_api/v1/indicators/insert_jsons", "indicators.insert_jsons")).toBe("unsafe");
    expect(classifyRetry("POST", "/public_api/v1/alerts/insert_parsed_alerts", "alerts.insert_parsed_alerts")).toBe("unsafe");
    expect(classifyRetry("POST", "/platform/iam/v1/role", "platform.iam.role.post")).toBe("unsafe");
  });

  it("refuses to guess the retry safety of an unknown POST", () => {
    expect(() => classifyRetry("POST", "/public_api/v1/things/frobnicate", "things.frobnicate")).toThrow(/cannot tell the retry safety of POST \/public_api\/v1\/things\/frobnicate/);
  });

  it("detects action ids, XQL query ids and distribution ids", () => {
    expect(classifyAsync("endpoints.isolate", { type: "object", properties: { action_id: { type: "string" } } })).toBe("action_id");
    expect(classifyAsync("triage_endpoint", { type: "object", properties: { group_action_id: { type: "integer" } } })).toBe("action_id");
    expect(classifyAsync("xql.start_xql_query", { type: "string" })).toBe("xql_query_id");
    expect(classifyAsync("distributions.create", { type: "object", properties: { distribution_id: { type: "string" } } })).toBe("distribution_id");
    expect(classifyAsync("distributions.get_status", { type: "object", properties: { status: { type: "string" } } })).toBe("none");
  });
});

describe("normaliser: overrides", () => {
  const paths = { "/public_api/v1/things/get_thing": { post: op(wrapped({ type: "object", properties: { id: { type: "integer" } } }), replied({ type: "object", properties: { name: { type: "string" } } })) } };

  it("applies schema and entry overrides", async () => {
    const [row] = await table(paths, {}, XDR, [
      { kind: "schema", operation: "POST /public_api/v1/things/get_thing", target: "request", at: "id", replace: { type: ["integer", "string"] }, reason: "test" },
      { kind: "schema", operation: "POST /public_api/v1/things/get_thing", target: "reply", at: "name", rename: "NAME", reason: "test" },
      { kind: "entry", operation: "POST /public_api/v1/things/get_thing", set: { retrySafety: "idempotent", limits: { maxIdsPerCall: 5 } }, reason: "test" },
    ]);
    expect(row!.request!.properties!["id"]).toEqual({ type: ["integer", "string"] });
    expect(Object.keys(row!.reply!.properties!)).toEqual(["NAME"]);
    expect(row!.entry).toMatchObject({ retrySafety: "idempotent", limits: { maxIdsPerCall: 5 } });
  });

  it("fails loudly on an override that matches nothing", async () => {
    await expect(table(paths, {}, XDR, [{ kind: "entry", operation: "POST /public_api/v1/things/gone", set: { retrySafety: "read" }, reason: "stale" }])).rejects.toThrow(/matches no operation \(stale\)/);
    await expect(table(paths, {}, XDR, [{ kind: "schema", operation: "POST /public_api/v1/things/get_thing", target: "reply", at: "missing", replace: {}, reason: "stale" }])).rejects.toThrow(/no node there/);
    await expect(table(paths, {}, XDR, [{ kind: "exclude", operation: "POST /public_api/v1/things/gone", spec: "test-xdr.json", reason: "stale" }])).rejects.toThrow(/matches no operation/);
    await expect(table(paths, {}, XDR, [{ kind: "example", operation: "POST /public_api/v1/things/get_thing", spec: "test-xdr.json", target: "request", example: "nope", reason: "stale" }])).rejects.toThrow(/matches no example/);
  });

  it("excludes an operation of one spec with its reason", async () => {
    const rows = await table(paths, {}, XDR, [{ kind: "exclude", operation: "POST /public_api/v1/things/get_thing", spec: "test-xdr.json", reason: "test" }]);
    expect(rows).toEqual([]);
  });
});
