// api_keys/get_api_keys and api_keys/delete, and the platform IAM key routes
// (get, edit, scope), on an XSIAM tenant.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningEmulator } from "../src/index.js";
import { startEmulator } from "./helpers.js";
import { advancedHeaders, bootstrapOf, call, FORBIDDEN, invalidInput, replyOf, standardHeaders, type Credentials } from "./helpers.js";

const DAY = 24 * 60 * 60 * 1000;
const GENERATE = "/public_api/v1/api_keys/generate";
const LIST = "/public_api/v1/api_keys/get_api_keys";
const DELETE = "/public_api/v1/api_keys/delete";
const HEALTH = "/public_api/v1/healthcheck";

interface KeyRow {
  id: number;
  creation_time: number;
  created_by: string;
  user_name: string;
  roles: string[];
  security_level: string;
  comment: string | null;
  expiration: number | null;
}
interface ListReply {
  DATA: KeyRow[];
  FILTER_COUNT: number;
  TOTAL_COUNT: number;
}

let current = Date.UTC(2032, 2, 1);
let emulator: RunningEmulator;
let admin: Credentials;
const created: { id: number; key: string; roles: string[]; expiration: number }[] = [];

beforeAll(async () => {
  emulator = await startEmulator({ now: () => current, tenants: [{ id: "acme", product: "xsiam" }, { id: "other", product: "cloud" }] });
  admin = bootstrapOf(emulator.bootstrapKeys, "acme");
  const plan: [string[], number][] = [
    [["Viewer"], current + 1 * DAY],
    [["Investigator"], current + 3 * DAY],
    [["Viewer", "Investigator"], current + 5 * DAY],
    [["Public API Action"], current + 10 * DAY],
  ];
  for (const [roles, expiration] of plan) {
    const reply = await call(emulator.url, GENERATE, {
      headers: advancedHeaders(admin, current),
      body: { request_data: { roles, security_level: "standard", expiration, comment: `for ${roles.join("+")}` } },
    });
    created.push({ ...replyOf<{ id: number; key: string }>(reply), roles, expiration });
  }
});

afterAll(async () => {
  await emulator.close();
});

function list(requestData: unknown): ReturnType<typeof call> {
  return call(emulator.url, LIST, { headers: advancedHeaders(admin, current), body: { request_data: requestData } });
}

async function listOk(requestData: unknown): Promise<ListReply> {
  const reply = await list(requestData);
  expect(reply.status, reply.text).toBe(200);
  return replyOf<ListReply>(reply);
}

describe("api_keys/get_api_keys", () => {
  it("lists every key with the documented fields and upper-case counts, never a secret", async () => {
    const reply = await list({});
    const body = replyOf<ListReply>(reply);
    expect(Object.keys(body).sort()).toEqual(["DATA", "FILTER_COUNT", "TOTAL_COUNT"]);
    expect(body.TOTAL_COUNT).toBe(5);
    expect(body.FILTER_COUNT).toBe(5);
    expect(body.DATA.map((row) => row.id)).toEqual([Number(admin.keyId), ...created.map((key) => key.id)]);
    const first = body.DATA[1];
    expect(first).toEqual({
      id: created[0]?.id,
      creation_time: current,
      created_by: `api_key:${admin.keyId}`,
      user_name: `api_key:${admin.keyId}`,
      roles: ["Viewer"],
      security_level: "standard",
      comment: "for Viewer",
      expiration: current + DAY,
    });
    expect(body.DATA[0]).toMatchObject({ roles: ["Instance Administrator"], security_level: "advanced", expiration: null });
    for (const key of [admin.key, ...created.map((c) => c.key)]) expect(reply.text).not.toContain(key);
  });

  it("filters by expiration (gte/lte), roles (contains) and id (in), AND-combined", async () => {
    const [a, b, c, d] = created;
    if (a === undefined || b === undefined || c === undefined || d === undefined) throw new Error("setup");
    const ids = (rows: readonly KeyRow[]): number[] => rows.map((row) => row.id);
    const soon = await listOk({ filters: [{ field: "expiration", operator: "lte", value: current + 3 * DAY }] });
    expect(ids(soon.DATA)).toEqual([a.id, b.id]);
    expect(soon.FILTER_COUNT).toBe(2);
    expect(soon.TOTAL_COUNT).toBe(5);
    // A key that never expires is later than any bound.
    const late = await listOk({ filters: [{ field: "expiration", operator: "GTE", value: current + 5 * DAY }] });
    expect(ids(late.DATA)).toEqual([Number(admin.keyId), c.id, d.id]);
    const viewers = await listOk({ filters: [{ field: "roles", operator: "contains", value: ["Viewer"] }] });
    expect(ids(viewers.DATA)).toEqual([a.id, c.id]);
    const either = await listOk({ filters: [{ field: "roles", operator: "contains", value: ["Viewer", "Investigator"] }] });
    expect(ids(either.DATA)).toEqual([a.id, b.id, c.id]);
    const byId = await listOk({ filters: [{ field: "id", operator: "in", value: [d.id, b.id, 99_999] }] });
    expect(ids(byId.DATA)).toEqual([b.id, d.id]);
    const combined = await listOk({
      filters: [
        { field: "roles", operator: "contains", value: ["Investigator"] },
        { field: "expiration", operator: "gte", value: current + 4 * DAY },
      ],
    });
    expect(ids(combined.DATA)).toEqual([c.id]);
  });

  it("sorts by expiration and pages with search_from/search_to", async () => {
    const sorted = await listOk({ sort: { field: "expiration", keyword: "desc" } });
    expect(sorted.DATA.map((row) => row.expiration)).toEqual([null, current + 10 * DAY, current + 5 * DAY, current + 3 * DAY, current + DAY]);
    const page = await listOk({ search_from: 1, search_to: 3 });
    expect(page.DATA.map((row) => row.id)).toEqual(created.slice(0, 2).map((key) => key.id));
    expect(page.FILTER_COUNT).toBe(5);
  });

  it("counts expired keys in TOTAL_COUNT", async () => {
    const before = await listOk({});
    current += 2 * DAY; // the first key is now expired
    try {
      const after = await listOk({});
      expect(after.TOTAL_COUNT).toBe(before.TOTAL_COUNT);
      const unexpired = await listOk({ filters: [{ field: "expiration", operator: "gte", value: current }] });
      expect(unexpired.FILTER_COUNT).toBe(before.TOTAL_COUNT - 1);
    } finally {
      current -= 2 * DAY;
    }
  });

  it.each([
    [{ filters: [{ field: "secret", operator: "in", value: [] }] }, "Unsupported field 'secret'"],
    [{ filters: [{ field: "id", operator: "eq", value: 1 }] }, "Unsupported operator 'eq' for field id"],
    [{ filters: [{ field: "id", operator: "in", value: ["1x"] }] }, "Invalid value '1x' for field id"],
    [{ filters: [{ field: "id", operator: "in", value: [1.5] }] }, "Invalid value '1.5' for field id"],
    [{ filters: [{ field: "expiration", operator: "gte", value: "soon" }] }, "expiration: Input should be a valid integer"],
    [{ search_from: -1 }, "search_from: Input should be greater than or equal to 0"],
  ])("rejects %j with 400", async (requestData, extra) => {
    const reply = await list(requestData);
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual(invalidInput(extra));
  });

  it("needs a role with key permissions: 403 for an Investigator", async () => {
    const investigator = created[1];
    if (investigator === undefined) throw new Error("setup");
    const reply = await call(emulator.url, LIST, { headers: standardHeaders({ keyId: String(investigator.id), key: investigator.key }), body: {} });
    expect(reply.status).toBe(403);
    expect(reply.body).toEqual(FORBIDDEN);
  });
});

describe("api key ids as numbers or numeric text (unknowns.apiKeyIdsAsText)", () => {
  it("lists and deletes by ids given as numeric text, as by ints (the default, \"accept\")", async () => {
    const [first, second] = created;
    if (first === undefined || second === undefined) throw new Error("setup");
    const byText = await listOk({ filters: [{ field: "id", operator: "in", value: [String(first.id), second.id] }] });
    expect(byText.DATA.map((row) => row.id).sort()).toEqual([first.id, second.id].sort());
    const doomed = replyOf<{ id: number }>(await call(emulator.url, GENERATE, { headers: advancedHeaders(admin, current), body: { request_data: { roles: ["Viewer"], security_level: "standard" } } }));
    const reply = await call(emulator.url, DELETE, { headers: advancedHeaders(admin, current), body: { request_data: { filters: [{ field: "id", operator: "in", value: [String(doomed.id)] }] } } });
    expect(reply.body).toEqual({ reply: { update_count: 1 } });
  });

  it("answers 400 to ids as text when configured \"reject\" (the reference documents ints only)", async () => {
    const strict = await startEmulator({ now: () => current, tenants: [{ id: "strict", product: "xsiam" }], unknowns: { apiKeyIdsAsText: "reject" } });
    try {
      const key = bootstrapOf(strict.bootstrapKeys, "strict");
      for (const path of [LIST, DELETE]) {
        const reply = await call(strict.url, path, { headers: advancedHeaders(key, current), body: { request_data: { filters: [{ field: "id", operator: "in", value: [key.keyId] }] } } });
        expect(reply.status).toBe(400);
        expect(reply.body).toEqual(invalidInput("id[0]: Input should be a valid integer"));
      }
      const byInt = await call(strict.url, LIST, { headers: advancedHeaders(key, current), body: { request_data: { filters: [{ field: "id", operator: "in", value: [Number(key.keyId)] }] } } });
      expect(replyOf<ListReply>(byInt).FILTER_COUNT).toBe(1);
    } finally {
      await strict.close();
    }
  });
});

describe("api_keys/delete", () => {
  it("deletes by id filter, answers update_count, and the deleted key stops authenticating", async () => {
    const doomed = await call(emulator.url, GENERATE, {
      headers: advancedHeaders(admin, current),
      body: { request_data: { roles: ["Viewer"], security_level: "standard" } },
    });
    const { id, key } = replyOf<{ id: number; key: string }>(doomed);
    const credentials = { keyId: String(id), key };
    expect((await call(emulator.url, HEALTH, { method: "GET", headers: standardHeaders(credentials) })).status).toBe(200);
    const reply = await call(emulator.url, DELETE, {
      headers: advancedHeaders(admin, current),
      body: { request_data: { filters: [{ field: "id", operator: "in", value: [id, 123_456] }] } },
    });
    expect(reply.body).toEqual({ reply: { update_count: 1 } });
    expect((await call(emulator.url, HEALTH, { method: "GET", headers: standardHeaders(credentials) })).status).toBe(401);
    const again = await call(emulator.url, DELETE, {
      headers: advancedHeaders(admin, current),
      body: { request_data: { filters: [{ field: "id", operator: "in", value: [id] }] } },
    });
    expect(again.body).toEqual({ reply: { update_count: 0 } });
  });

  it("refuses a delete without an id filter", async () => {
    for (const requestData of [{}, { filters: [] }, { filters: [{ field: "roles", operator: "in", value: ["Viewer"] }] }]) {
      const reply = await call(emulator.url, DELETE, { headers: advancedHeaders(admin, current), body: { request_data: requestData } });
      expect(reply.status).toBe(400);
    }
    expect((await listOk({})).TOTAL_COUNT).toBe(5);
  });
});

describe("platform IAM: one key", () => {
  it("reads a key as {data: ...} without a reply wrapper or secret", async () => {
    const [first] = created;
    if (first === undefined) throw new Error("setup");
    const reply = await call(emulator.url, `/platform/iam/v1/api-key/${first.id}`, { method: "GET", headers: advancedHeaders(admin, current) });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      data: {
        id: first.id,
        creation_time: current,
        created_by: `api_key:${admin.keyId}`,
        user_name: `api_key:${admin.keyId}`,
        roles: ["Viewer"],
        security_level: "standard",
        comment: "for Viewer",
        expiration: first.expiration,
      },
    });
    expect(reply.text).not.toContain(first.key);
  });

  it("answers IAM's 400 bodies for unknown and malformed ids (another tenant's id is unknown)", async () => {
    const otherTenantKey = bootstrapOf(emulator.bootstrapKeys, "other");
    for (const [id, extra] of [
      ["999999", "Api Key fetch failed: api_key_id does not exist, id=999999."],
      [otherTenantKey.keyId, `Api Key fetch failed: api_key_id does not exist, id=${otherTenantKey.keyId}.`],
      ["abc", "Invalid api_key_id"],
    ]) {
      const reply = await call(emulator.url, `/platform/iam/v1/api-key/${id}`, { method: "GET", headers: advancedHeaders(admin, current) });
      expect(reply.status).toBe(400);
      expect(reply.body).toEqual({ err_extra: extra, err_code: 400 });
    }
  });

  it("edits roles (by role id) and comment, and the new roles take effect", async () => {
    const [viewer] = created;
    if (viewer === undefined) throw new Error("setup");
    const credentials = { keyId: String(viewer.id), key: viewer.key };
    expect((await call(emulator.url, LIST, { headers: standardHeaders(credentials), body: {} })).status).toBe(403);
    const edit = await call(emulator.url, `/platform/iam/v1/api-key/${viewer.id}/`, {
      method: "PUT",
      headers: advancedHeaders(admin, current),
      body: { request_data: { roles: ["instance_administrator"], security_level: "standard", comment: "promoted" } },
    });
    expect(edit.status).toBe(200);
    expect(edit.body).toEqual({ data: { message: "API key updated successfully" } });
    const read = await call(emulator.url, `/platform/iam/v1/api-key/${viewer.id}`, { method: "GET", headers: advancedHeaders(admin, current) });
    expect(read.body).toMatchObject({ data: { roles: ["Instance Administrator"], comment: "promoted" } });
    expect((await call(emulator.url, LIST, { headers: standardHeaders(credentials), body: {} })).status).toBe(200);
  });

  it.each([
    [{ roles: ["Viewer"], security_level: "standard" }, 'Invalid role id: "Viewer"'],
    [{ roles: [], security_level: "standard" }, "roles: at least one role id is required"],
    [{ security_level: "standard" }, "roles: Field required"],
    // The generated request validator answers first: a missing field is "Field required".
    [{ roles: ["viewer"] }, "security_level: Field required"],
    [{ roles: ["viewer"], security_level: "advanced" }, "security_level: a key's security level cannot be changed"],
  ])("rejects edit %j with IAM's 400", async (requestData, extra) => {
    const [, investigator] = created;
    if (investigator === undefined) throw new Error("setup");
    const reply = await call(emulator.url, `/platform/iam/v1/api-key/${investigator.id}`, {
      method: "PUT",
      headers: advancedHeaders(admin, current),
      body: { request_data: requestData },
    });
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual({ err_extra: extra, err_code: 400 });
  });

  it("uses the nested IAM error shape when configured", async () => {
    const nested = await startEmulator({ unknowns: { iamErrorShape: "data" } });
    try {
      const key = bootstrapOf(nested.bootstrapKeys, "tenant-cloud-1");
      const reply = await call(nested.url, "/platform/iam/v1/api-key/424242", { method: "GET", headers: advancedHeaders(key) });
      expect(reply.body).toEqual({
        data: { err_msg: "Bad Request", metadata: { err_code: 400, err_extra: "Api Key fetch failed: api_key_id does not exist, id=424242." } },
      });
    } finally {
      await nested.close();
    }
  });

  it("needs access-management permission: 403 in the reply envelope", async () => {
    const [, investigator] = created;
    if (investigator === undefined) throw new Error("setup");
    const reply = await call(emulator.url, `/platform/iam/v1/api-key/${investigator.id}`, {
      method: "GET",
      headers: standardHeaders({ keyId: String(investigator.id), key: investigator.key }),
    });
    expect(reply.status).toBe(403);
    expect(reply.body).toEqual(FORBIDDEN);
  });
});

describe("platform IAM: key scope (SBAC)", () => {
  it("reports everything visible for a key without a scope, stores a scope, and returns it with stable tag ids", async () => {
    const [, , , action] = created;
    if (action === undefined) throw new Error("setup");
    const path = `/platform/iam/v1/scope/api-key/${action.id}`;
    const initial = await call(emulator.url, path, { method: "GET", headers: advancedHeaders(admin, current) });
    expect(initial.body).toEqual({
      data: {
        assets: { mode: "see_all", asset_groups: [] },
        datasets_rows: { default_filter_mode: "see_all", filters: [] },
        endpoints: { endpoint_groups: { mode: "see_all", tags: [] }, endpoint_tags: { mode: "see_all", tags: [] } },
        cases_issues: { mode: "see_all", tags: [] },
      },
    });
    const set = await call(emulator.url, path, {
      method: "PUT",
      headers: advancedHeaders(admin, current),
      body: {
        request_data: {
          endpoints: { endpoint_groups: { names: ["test-eg-1"], mode: "scope" }, endpoint_tags: { names: [], mode: "any" } },
          cases_issues: { mode: "scope", names: ["Health", "IT"] },
          assets: { mode: "scope", asset_group_ids: [1, 2] },
          datasets_rows: { filters: [{ dataset: "xdr_data", filter: 'agent_hostname = "ws-0100"' }], default_filter_mode: "no_scope" },
        },
      },
    });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ data: { message: `Scope updated for api-key ${action.id} successfully` } });
    const read = await call(emulator.url, path, { method: "GET", headers: advancedHeaders(admin, current) });
    expect(read.body).toEqual({
      data: {
        assets: { mode: "scope", asset_groups: [{ asset_group_id: 1, asset_group_name: "Asset group 1" }, { asset_group_id: 2, asset_group_name: "Asset group 2" }] },
        datasets_rows: { default_filter_mode: "no_scope", filters: [{ dataset: "xdr_data", filter: 'agent_hostname = "ws-0100"' }] },
        endpoints: { endpoint_groups: { mode: "scope", tags: [{ tag_id: "EG:1", tag_name: "test-eg-1" }] }, endpoint_tags: { mode: "any", tags: [] } },
        cases_issues: { mode: "scope", tags: [{ tag_id: "DOM:4", tag_name: "Health" }, { tag_id: "DOM:3", tag_name: "IT" }] },
      },
    });
    // A partial update keeps the rest.
    await call(emulator.url, path, { method: "PUT", headers: advancedHeaders(admin, current), body: { request_data: { cases_issues: { mode: "see_all" } } } });
    const partial = await call(emulator.url, path, { method: "GET", headers: advancedHeaders(admin, current) });
    expect(partial.body).toMatchObject({ data: { cases_issues: { mode: "see_all", tags: [] }, assets: { mode: "scope" } } });
  });

  it("rejects invalid modes with IAM's 400", async () => {
    const [, , , action] = created;
    if (action === undefined) throw new Error("setup");
    const reply = await call(emulator.url, `/platform/iam/v1/scope/api-key/${action.id}`, {
      method: "PUT",
      headers: advancedHeaders(admin, current),
      body: { request_data: { cases_issues: { mode: "any" } } },
    });
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual({ err_extra: "cases_issues.mode: Input should be one of no_scope, see_all, scope", err_code: 400 });
  });
});
