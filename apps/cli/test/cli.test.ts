import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cxctl, fixture, type Fixture } from "./helpers.js";

let fx: Fixture;
let adminEnv: Record<string, string>;

beforeAll(async () => {
  fx = await fixture({ incidentCount: 30 });
  adminEnv = fx.env("xdr");
});

afterAll(async () => {
  await fx.close();
});

describe("cxctl output and the generic operation tree (in-process, emulator)", () => {
  it("lists incidents as JSON by default when stdout is not a terminal", async () => {
    const result = await cxctl(["xdr", "incidents", "list", "--limit", "7"], adminEnv);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout) as unknown[]).toHaveLength(7);
  });

  it("follows pagination with --all and streams NDJSON", async () => {
    const result = await cxctl(["xdr", "incidents", "list", "--all", "--output", "ndjson"], adminEnv);
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.trim().split("\n");
    expect(lines).toHaveLength(30);
    expect(new Set(lines.map((line) => (JSON.parse(line) as { incident_id: string }).incident_id)).size).toBe(30);
  });

  it("prints a table, CSV and YAML", async () => {
    const table = await cxctl(["xdr", "incidents", "list", "--limit", "3", "--output", "table", "--status", "new"], adminEnv);
    expect(table.code, table.stderr).toBe(0);
    const [header, ...rows] = table.stdout.trimEnd().split("\n");
    expect(header).toMatch(/^ID\s+SEVERITY\s+STATUS\s+CREATED\s+NAME$/);
    expect(rows.length).toBeLessThanOrEqual(3);
    for (const row of rows) expect(row).toMatch(/\bnew\b/);
    const csv = await cxctl(["xdr", "incidents", "list", "--limit", "2", "-o", "csv"], adminEnv);
    expect(csv.stdout.split("\r\n")[0]).toBe("ID,SEVERITY,STATUS,CREATED,NAME");
    expect(csv.stdout.trim().split("\r\n")).toHaveLength(3);
    const yaml = await cxctl(["xdr", "incidents", "list", "--limit", "2", "-o", "yaml"], adminEnv);
    expect(yaml.stdout).toMatch(/^- incident_id: "\d+"\n {2}/);
  });

  it("calls any operation generically: cxctl <product> <group> <call>, with --data and --filter", async () => {
    const health = await cxctl(["xdr", "system", "healthcheck"], adminEnv);
    expect(health.code, health.stderr).toBe(0);
    expect(JSON.parse(health.stdout)).toEqual({ status: "available" });
    const filtered = await cxctl(["xdr", "incidents", "get-incidents", "--filter", "status:eq:new", "--limit", "50", "-o", "ndjson"], adminEnv);
    expect(filtered.code, filtered.stderr).toBe(0);
    for (const line of filtered.stdout.trim().split("\n")) expect((JSON.parse(line) as { status: string }).status).toBe("new");
    const data = await cxctl(["xdr", "incidents", "list", "--data", '{"filters": [{"field": "status", "operator": "eq", "value": "new"}]}', "--limit", "3", "-o", "ndjson"], adminEnv);
    expect(data.code, data.stderr).toBe(0);
    const stdin = await cxctl(["xdr", "api-keys", "list", "--data", "-"], adminEnv, '{"filters": [{"field": "id", "operator": "in", "value": [1]}]}');
    expect(stdin.code, stdin.stderr).toBe(0);
    const parsed = JSON.parse(stdin.stdout) as { id: number }[] | { DATA: { id: number }[] };
    expect((Array.isArray(parsed) ? parsed : parsed.DATA).map((key) => key.id)).toEqual([1]);
  });

  it("has --help with an example on every command of a product tree, and the product tree lists every operation", async () => {
    const product = await cxctl(["xdr", "--help"]);
    expect(product.code).toBe(0);
    expect(product.stdout).toMatch(/every operation \(\d+\)/);
    for (const args of [["xdr", "endpoints", "isolate"], ["xdr", "actions", "get-status"], ["xsiam", "xql", "start"], ["cloud", "issues", "list"], ["xsoar", "incidents", "search"], ["keys", "rotate"], ["profile", "add"], ["doctor"], ["xql"]]) {
      const help = await cxctl([...args, "--help"]);
      expect([args, help.code]).toEqual([args, 0]);
      expect(help.stdout, args.join(" ")).toMatch(/Examples?:\n\s+cxctl /);
    }
  });

  it("exits 2 on usage mistakes and 0 on --help, which lists exit codes and examples", async () => {
    expect((await cxctl(["xdr", "incidents", "list", "--output", "xml"], adminEnv)).code).toBe(2);
    expect((await cxctl(["nonsense"])).code).toBe(2);
    expect((await cxctl(["xdr", "incidents", "list", "--filter", "nocolons"], adminEnv)).code).toBe(2);
    expect((await cxctl(["xdr", "incidents", "list", "--data", "{not json"], adminEnv)).code).toBe(2);
    const help = await cxctl(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Exit codes:/);
    expect(help.stdout).toMatch(/Examples:/);
    for (const product of ["xdr", "xsiam", "xsoar", "xpanse", "cloud"]) expect(help.stdout).toContain(`  ${product} `);
  });

  it("exits 4 with a clear message for a bad key, without printing the key", async () => {
    const badKey = "B".repeat(128);
    const result = await cxctl(["xdr", "incidents", "list"], { ...adminEnv, CORTEX_API_KEY: badKey });
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/authentication failed \(HTTP 401\)/);
    expect(result.stderr).toMatch(/cxctl doctor/);
    expect(result.stderr + result.stdout).not.toContain(badKey);
  });

  it("exits 4 for an expired key", async () => {
    const generated = await cxctl(["keys", "generate", "--role", "Viewer", "--level", "standard", "--expires", "1h", "-o", "json"], adminEnv);
    const key = JSON.parse(generated.stdout) as { id: number; key: string };
    fx.emulator.faults.add({ path: "/public_api/v1/incidents/get_incidents", fault: { kind: "clock_offset", ms: 2 * 3_600_000 }, times: 1 });
    const result = await cxctl(["xdr", "incidents", "list"], { ...adminEnv, CORTEX_API_KEY_ID: String(key.id), CORTEX_API_KEY: key.key, CORTEX_API_KEY_TYPE: "standard" });
    fx.emulator.faults.clear();
    expect(result.code, result.stderr).toBe(4);
    expect(result.stderr).toMatch(/401/);
    expect(result.stderr).toMatch(/expired|unknown/);
  });

  it("exits 4 and says so when the console URL answers (login redirect)", async () => {
    fx.emulator.faults.add({ path: "/public_api/v1/incidents/get_incidents", fault: { kind: "login_redirect" }, times: 1 });
    const result = await cxctl(["xdr", "incidents", "list"], adminEnv);
    fx.emulator.faults.clear();
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/console/i);
    expect(result.stderr).toMatch(/api-/);
  });

  it("exits 5 when the key's role lacks the permission (403)", async () => {
    const generated = await cxctl(["keys", "generate", "--role", "Viewer", "--output", "json"], adminEnv);
    const viewer = JSON.parse(generated.stdout) as { id: number; key: string };
    const result = await cxctl(["keys", "generate", "--role", "Viewer"], { ...adminEnv, CORTEX_API_KEY_ID: String(viewer.id), CORTEX_API_KEY: viewer.key });
    expect(result.code).toBe(5);
    expect(result.stderr).toMatch(/403/);
  });

  it("exits 3 and names what is missing when not configured", async () => {
    const result = await cxctl(["xdr", "incidents", "list"], { CORTEX_API_BASE_URL: fx.emulator.url, HOME: fx.home });
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/CORTEX_API_KEY_ID/);
    expect(result.stderr).toMatch(/CORTEX_API_KEY_TYPE/);
  });

  it("exits 8 when the tenant cannot be reached, and warns loudly with --insecure", async () => {
    const result = await cxctl(["xdr", "incidents", "list", "--insecure", "--timeout", "5s"], { ...adminEnv, CORTEX_API_BASE_URL: "http://127.0.0.1:1" });
    expect(result.code).toBe(8);
    expect(result.stderr).toMatch(/could not connect to 127\.0\.0\.1:1 \(ECONNREFUSED\); nothing was sent/);
    expect(result.stderr).toMatch(/WARNING: --insecure/);
  });

  it("exits 13 when the connection breaks after a write was sent, and says it may have run and how to check", async () => {
    fx.emulator.faults.add({ path: "/public_api/v1/api_keys/generate", fault: { kind: "reset" }, times: 1 });
    const result = await cxctl(["keys", "generate", "--role", "Viewer"], adminEnv);
    fx.emulator.faults.clear();
    expect(result.code).toBe(13);
    expect(result.stderr).toMatch(/was lost after the request was sent/);
    expect(result.stderr).toMatch(/It may have run on the tenant: it was not resent automatically/);
    expect(result.stderr).toMatch(/Check whether it took effect/);
    expect(result.stderr).not.toMatch(/could not connect|Check the URL/);
  });

  it("exits 8, not 13, when a read loses its connection every time: reads are safe to run again", async () => {
    fx.emulator.faults.add({ path: "/public_api/v1/incidents/get_incidents", fault: { kind: "reset" } });
    const result = await cxctl(["xdr", "incidents", "list", "--limit", "1"], adminEnv);
    fx.emulator.faults.clear();
    expect(result.code).toBe(8);
    expect(result.stderr).toMatch(/It is a read: nothing changed on the tenant, and it is safe to repeat/);
  });
});
