// Several tenants behind one URL: isolation by key, MSSP parent → child,
// product path families, and the XSOAR 6 / XSOAR 8 path and auth variants.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AuthFailureEvent, type RunningEmulator } from "../src/index.js";
import { startEmulator } from "./helpers.js";
import {
  advancedHeaders,
  bootstrapOf,
  call,
  FORBIDDEN,
  replyOf,
  standardHeaders,
  UNAUTHORIZED,
  XSOAR6_FORBIDDEN,
  xsoar6Headers,
  type Credentials,
} from "./helpers.js";

const INCIDENTS = "/public_api/v1/incidents/get_incidents";
const GENERATE = "/public_api/v1/api_keys/generate";
const LIST_KEYS = "/public_api/v1/api_keys/get_api_keys";
const HEALTH = "/public_api/v1/healthcheck";
const INTERNAL_500 = { reply: { err_code: 500, err_msg: "An error occurred while processing XDR public API", err_extra: null } };

let emulator: RunningEmulator;
let xdr: Credentials;
let xsiam: Credentials;
let child: Credentials;
let xsoar6: Credentials;
let xsoar8: Credentials;
let xpanse: Credentials;
let cloud: Credentials;
const failures: AuthFailureEvent[] = [];

beforeAll(async () => {
  emulator = await startEmulator({ seed: 3, onAuthFailure: (event) => failures.push(event) });
  const keys = emulator.bootstrapKeys;
  xdr = bootstrapOf(keys, "tenant-xdr-1");
  xsiam = bootstrapOf(keys, "tenant-xsiam-1");
  child = bootstrapOf(keys, "tenant-xsiam-child-1");
  xsoar6 = bootstrapOf(keys, "tenant-xsoar6-1");
  xsoar8 = bootstrapOf(keys, "tenant-xsoar8-1");
  xpanse = bootstrapOf(keys, "tenant-xpanse-1");
  cloud = bootstrapOf(keys, "tenant-cloud-1");
});

afterAll(async () => {
  await emulator.close();
});

async function incidentIds(credentials: Credentials, extraHeaders: Record<string, string> = {}): Promise<string[]> {
  const reply = await call(emulator.url, INCIDENTS, {
    headers: { ...advancedHeaders(credentials), ...extraHeaders },
    body: { request_data: { sort: { field: "incident_id", keyword: "asc" } } },
  });
  expect(reply.status, reply.text).toBe(200);
  return replyOf<{ incidents: { incident_id: string; description: string }[] }>(reply).incidents.map(
    (incident) => `${incident.incident_id}:${incident.description}`,
  );
}

async function keyIds(credentials: Credentials, extraHeaders: Record<string, string> = {}): Promise<number[]> {
  const reply = await call(emulator.url, LIST_KEYS, {
    headers: { ...advancedHeaders(credentials), ...extraHeaders },
    body: { request_data: {} },
  });
  expect(reply.status, reply.text).toBe(200);
  return replyOf<{ DATA: { id: number }[] }>(reply).DATA.map((key) => key.id);
}

describe("isolation between tenants", () => {
  it("gives each tenant its own seeded data", async () => {
    const mine = await incidentIds(xdr);
    const theirs = await incidentIds(xsiam);
    expect(mine).toHaveLength(25);
    expect(theirs).toHaveLength(25);
    expect(mine).not.toEqual(theirs);
  });

  it("lists, reads and deletes only the caller's own keys", async () => {
    const generated = await call(emulator.url, GENERATE, {
      headers: advancedHeaders(xsiam),
      body: { request_data: { roles: ["Viewer"], security_level: "standard" } },
    });
    const xsiamKeyId = replyOf<{ id: number }>(generated).id;
    expect(await keyIds(xsiam)).toContain(xsiamKeyId);
    expect(await keyIds(xdr)).not.toContain(xsiamKeyId);
    // Deleting another tenant's key id deletes nothing...
    const deleted = await call(emulator.url, "/public_api/v1/api_keys/delete", {
      headers: advancedHeaders(xdr),
      body: { request_data: { filters: [{ field: "id", operator: "in", value: [xsiamKeyId] }] } },
    });
    expect(deleted.body).toEqual({ reply: { update_count: 0 } });
    // ...and the key still works.
    const health = await call(emulator.url, HEALTH, { method: "GET", headers: standardHeaders({ keyId: String(xsiamKeyId), key: replyOf<{ key: string }>(generated).key }) });
    expect(health.status).toBe(200);
  });

  it("keeps a tenant's key from authenticating as another tenant's key id", async () => {
    const reply = await call(emulator.url, HEALTH, { method: "GET", headers: advancedHeaders({ keyId: xdr.keyId, key: xsiam.key }) });
    expect(reply.status).toBe(401);
    expect(reply.body).toEqual(UNAUTHORIZED);
  });
});

describe("MSSP parent and child", () => {
  it("lets the parent's key act on its child with x-child-tenant-id", async () => {
    const childView = await incidentIds(child);
    const viaParent = await incidentIds(xsiam, { "x-child-tenant-id": "tenant-xsiam-child-1" });
    expect(viaParent).toEqual(childView);
    expect(viaParent).not.toEqual(await incidentIds(xsiam));
  });

  it("creates keys in the child when the parent generates with the header", async () => {
    const generated = await call(emulator.url, GENERATE, {
      headers: { ...advancedHeaders(xsiam), "x-child-tenant-id": "tenant-xsiam-child-1" },
      body: { request_data: { roles: ["Investigator"], security_level: "advanced" } },
    });
    expect(generated.status).toBe(200);
    const { id, key } = replyOf<{ id: number; key: string }>(generated);
    expect(await keyIds(child)).toContain(id);
    expect(await keyIds(xsiam)).not.toContain(id);
    // The new key belongs to the child: it sees the child's data without any header.
    expect(await incidentIds({ keyId: String(id), key })).toEqual(await incidentIds(child));
  });

  it("refuses the header for tenants that are not the key's children, with the 403 envelope", async () => {
    for (const [credentials, target] of [
      [xdr, "tenant-xsiam-child-1"],
      [child, "tenant-xsiam-1"],
      [xsiam, "tenant-xdr-1"],
      [xsiam, "no-such-tenant"],
    ] as const) {
      const reply = await call(emulator.url, INCIDENTS, {
        headers: { ...advancedHeaders(credentials), "x-child-tenant-id": target },
        body: { request_data: {} },
      });
      expect(reply.status).toBe(403);
      expect(reply.body).toEqual(FORBIDDEN);
    }
  });

  it("treats the key's own tenant id in the header as no header", async () => {
    expect(await incidentIds(xsiam, { "x-child-tenant-id": "tenant-xsiam-1" })).toEqual(await incidentIds(xsiam));
  });

  it("can honour the header on API-key routes only, and answer 401 when denied (configurable)", async () => {
    const narrow = await startEmulator({ unknowns: { childTenantHeader: "api_keys", childTenantDeniedStatus: 401 } });
    try {
      const parent = bootstrapOf(narrow.bootstrapKeys, "tenant-xsiam-1");
      const childKey = bootstrapOf(narrow.bootstrapKeys, "tenant-xsiam-child-1");
      const header = { "x-child-tenant-id": "tenant-xsiam-child-1" };
      const incidentsVia = await call(narrow.url, INCIDENTS, { headers: { ...advancedHeaders(parent), ...header }, body: {} });
      const own = await call(narrow.url, INCIDENTS, { headers: advancedHeaders(parent), body: {} });
      expect(incidentsVia.body).toEqual(own.body); // ignored off the API-key routes
      const keysVia = await call(narrow.url, LIST_KEYS, { headers: { ...advancedHeaders(parent), ...header }, body: {} });
      expect(replyOf<{ DATA: { id: number }[] }>(keysVia).DATA.map((key) => key.id)).toEqual([Number(childKey.keyId)]);
      const denied = await call(narrow.url, LIST_KEYS, { headers: { ...advancedHeaders(parent), "x-child-tenant-id": "tenant-xdr-1" }, body: {} });
      expect(denied.status).toBe(401);
      expect(denied.body).toEqual(UNAUTHORIZED);
    } finally {
      await narrow.close();
    }
  });
});

describe("path families per product", () => {
  it("serves the healthcheck on every Cortex product, with a trailing slash too", async () => {
    for (const credentials of [xdr, xsiam, xsoar8, xpanse, cloud]) {
      for (const path of [HEALTH, `${HEALTH}/`]) {
        const reply = await call(emulator.url, path, { method: "GET", headers: advancedHeaders(credentials) });
        expect(reply.status).toBe(200);
        expect(reply.body).toEqual({ status: "available" });
      }
    }
  });

  it("aliases /xsiam/public/v1 to /public_api/v1 on XSIAM only", async () => {
    const aliased = await call(emulator.url, "/xsiam/public/v1/incidents/get_incidents/", {
      headers: advancedHeaders(xsiam),
      body: { request_data: { sort: { field: "incident_id", keyword: "asc" } } },
    });
    expect(aliased.status).toBe(200);
    expect(replyOf<{ incidents: { incident_id: string; description: string }[] }>(aliased).incidents.map((i) => `${i.incident_id}:${i.description}`)).toEqual(
      await incidentIds(xsiam),
    );
    const onXdr = await call(emulator.url, "/xsiam/public/v1/healthcheck", { method: "GET", headers: advancedHeaders(xdr) });
    expect(onXdr.status).toBe(500);
    expect(onXdr.body).toEqual(INTERNAL_500);
  });

  it("answers a product's missing operation or family as an unknown route", async () => {
    // Cloud has no incidents/get_incidents, XDR no platform IAM, XSOAR 8 no /public_api/v2.
    const cases: [Credentials, string, string][] = [
      [cloud, "POST", INCIDENTS],
      [xdr, "GET", "/platform/iam/v1/api-key/1"],
      [xsoar8, "POST", "/public_api/v2/alerts/get_alerts_multi_events"],
      [xdr, "GET", "/xsoar/about"],
      [xdr, "POST", "/incidents/search"],
      [xdr, "POST", "/public_api/v9/anything"],
    ];
    for (const [credentials, method, path] of cases) {
      const reply = await call(emulator.url, path, { method, headers: advancedHeaders(credentials), ...(method === "GET" ? {} : { body: {} }) });
      expect([path, reply.status, reply.body]).toEqual([path, 500, INTERNAL_500]);
    }
  });
});

describe("XSOAR 6", () => {
  it("authenticates with the raw key in Authorization at the root, ignoring x-xdr-auth-id", async () => {
    expect(xsoar6.key).toMatch(/^[0-9A-F]{32}$/);
    for (const headers of [xsoar6Headers(xsoar6.key), { ...xsoar6Headers(xsoar6.key), "x-xdr-auth-id": xdr.keyId }]) {
      const reply = await call(emulator.url, "/about", { method: "GET", headers });
      expect(reply.status).toBe(200);
      expect(reply.body).toEqual({ demistoVersion: "6.14.0", buildNum: expect.any(String) });
    }
  });

  it("answers a wrong or missing key with 403 and XSOAR's own envelope", async () => {
    const before = failures.length;
    for (const headers of [xsoar6Headers("0".repeat(32)), {}, xsoar6Headers(xsoar6.key.toLowerCase())]) {
      const reply = await call(emulator.url, "/about", { method: "GET", headers });
      expect(reply.status).toBe(403);
      expect(reply.body).toEqual(XSOAR6_FORBIDDEN);
    }
    expect(failures.slice(before).map((event) => event.reason)).toEqual(["xsoar6_bad_key", "xsoar6_bad_key", "xsoar6_bad_key"]);
  });

  it("serves its web app (HTML, 200) for routes it lacks, including Cortex and XSOAR 8 paths", async () => {
    for (const path of ["/xsoar/about", INCIDENTS, "/no/such/route"]) {
      const reply = await call(emulator.url, path, { method: "GET", headers: xsoar6Headers(xsoar6.key) });
      expect(reply.status).toBe(200);
      expect(reply.headers.get("content-type")).toBe("text/html; charset=utf-8");
      expect(reply.text).toMatch(/^<!DOCTYPE html>/);
    }
  });

  it("answers 404 in XSOAR's envelope for routes it lacks when configured", async () => {
    const strict = await startEmulator({ unknowns: { xsoar6UnknownRoute: 404 } });
    try {
      const key = bootstrapOf(strict.bootstrapKeys, "tenant-xsoar6-1");
      const reply = await call(strict.url, "/xsoar/about", { method: "GET", headers: xsoar6Headers(key.key) });
      expect(reply.status).toBe(404);
      expect(reply.body).toMatchObject({ id: "not_found", status: 404, title: "Not Found", encrypted: false, multires: null });
    } finally {
      await strict.close();
    }
  });

  it("is not reachable with Cortex headers, and a Cortex key on a root path gets the Cortex answer", async () => {
    const signed = await call(emulator.url, "/about", { method: "GET", headers: advancedHeaders(xsoar6) });
    expect(signed.status).toBe(403);
    expect(signed.body).toEqual(XSOAR6_FORBIDDEN);
    const cortexKey = await call(emulator.url, "/about", { method: "GET", headers: advancedHeaders(xdr) });
    expect(cortexKey.status).toBe(500);
    expect(cortexKey.body).toEqual(INTERNAL_500);
    const badCortexSignature = await call(emulator.url, "/about", { method: "GET", headers: { ...advancedHeaders(xdr), Authorization: "0".repeat(64) } });
    expect(badCortexSignature.status).toBe(401);
    expect(badCortexSignature.body).toEqual(UNAUTHORIZED);
  });
});

describe("XSOAR 8", () => {
  it("serves XSOAR routes under /xsoar with Cortex key auth", async () => {
    for (const path of ["/xsoar/about", "/xsoar/about/"]) {
      const reply = await call(emulator.url, path, { method: "GET", headers: advancedHeaders(xsoar8) });
      expect(reply.status).toBe(200);
      expect(reply.body).toEqual({ demistoVersion: "8.9.0", buildNum: expect.any(String), deploymentMode: "saas", productMode: "xsoar" });
    }
    const standardLevelMismatch = await call(emulator.url, "/xsoar/about", { method: "GET", headers: standardHeaders(xsoar8) });
    expect(standardLevelMismatch.status).toBe(401);
  });

  it("requires x-xdr-auth-id: the raw key alone gets the gateway's 401", async () => {
    const reply = await call(emulator.url, "/xsoar/about", { method: "GET", headers: { Authorization: xsoar8.key } });
    expect(reply.status).toBe(401);
    expect(reply.body).toEqual(UNAUTHORIZED);
  });

  it("answers 303 for a web-app route requested under /xsoar/public/v1", async () => {
    const response = await fetch(`${emulator.url}/xsoar/public/v1/about`, { headers: advancedHeaders(xsoar8), redirect: "manual" });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/xsoar/about");
  });

  it("answers unknown XSOAR routes in XSOAR's envelope and serves the platform key API", async () => {
    const unknown = await call(emulator.url, "/xsoar/public/v1/nothing/here", { headers: advancedHeaders(xsoar8), body: {} });
    expect(unknown.status).toBe(500);
    expect(unknown.body).toMatchObject({ id: "internal_server_error", status: 500, encrypted: false, multires: null });
    expect(await keyIds(xsoar8)).toEqual([Number(xsoar8.keyId)]);
  });

  it("lets XSIAM serve XSOAR-shaped routes too (productMode xsiam)", async () => {
    const reply = await call(emulator.url, "/xsoar/about", { method: "GET", headers: advancedHeaders(xsiam) });
    expect(reply.body).toMatchObject({ productMode: "xsiam" });
  });
});

describe("custom tenants and roles", () => {
  it("hosts the tenants and roles given, with per-tenant scale", async () => {
    const custom = await startEmulator({
      roles: [{ name: "Incident Reader", permissions: ["incidents:view"] }],
      tenants: [
        { id: "acme", product: "xdr", incidentCount: 3 },
        { id: "acme-cloud", product: "cloud", roles: [{ name: "Key Auditor", id: "key-auditor", permissions: ["api_keys:view"] }] },
      ],
    });
    try {
      expect(custom.tenants.map((tenant) => tenant.tenantId)).toEqual(["acme", "acme-cloud"]);
      const [acme, acmeCloud] = custom.bootstrapKeys;
      if (acme === undefined || acmeCloud === undefined) throw new Error("no keys");
      const reader = await call(custom.url, GENERATE, { headers: advancedHeaders(acme), body: { request_data: { roles: ["Incident Reader"], security_level: "standard" } } });
      const readerKey = { keyId: String(replyOf<{ id: number }>(reader).id), key: replyOf<{ key: string }>(reader).key };
      const incidents = await call(custom.url, INCIDENTS, { headers: standardHeaders(readerKey), body: {} });
      expect(replyOf<{ total_count: number }>(incidents).total_count).toBe(3);
      const keys = await call(custom.url, LIST_KEYS, { headers: standardHeaders(readerKey), body: {} });
      expect(keys.status).toBe(403);
      // Roles are per tenant: "Key Auditor" exists only in acme-cloud.
      const wrongTenant = await call(custom.url, GENERATE, { headers: advancedHeaders(acme), body: { request_data: { roles: ["Key Auditor"], security_level: "standard" } } });
      expect(wrongTenant.status).toBe(400);
      const auditor = await call(custom.url, GENERATE, { headers: advancedHeaders(acmeCloud), body: { request_data: { roles: ["Key Auditor"], security_level: "standard" } } });
      const auditorKey = { keyId: String(replyOf<{ id: number }>(auditor).id), key: replyOf<{ key: string }>(auditor).key };
      expect((await call(custom.url, LIST_KEYS, { headers: standardHeaders(auditorKey), body: {} })).status).toBe(200);
      expect((await call(custom.url, GENERATE, { headers: standardHeaders(auditorKey), body: { request_data: { roles: ["Viewer"], security_level: "standard" } } })).status).toBe(403);
    } finally {
      await custom.close();
    }
  });
});
