import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cxctl, fixture, type Fixture } from "./helpers.js";

// Per-operation commands: --help shows the body fields, and a body that does not fit the operation's
// schema exits 2 before anything is sent. A proxy in front of the emulator counts what reaches the wire.

let fx: Fixture;
let proxy: Server;
let proxyUrl: string;
let sent: string[] = [];
let bodies: unknown[] = [];

beforeAll(async () => {
  fx = await fixture({ incidentCount: 5 });
  const target = new URL(fx.emulator.url);
  proxy = createServer((incoming, outgoing) => {
    sent.push(incoming.url ?? "");
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      bodies.push(text === "" ? undefined : (JSON.parse(text) as unknown));
      const forwarded = request({ host: target.hostname, port: target.port, path: incoming.url, method: incoming.method, headers: incoming.headers }, (reply) => {
        outgoing.writeHead(reply.statusCode ?? 502, reply.headers);
        reply.pipe(outgoing);
      });
      forwarded.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => proxy.close(resolve));
  await fx.close();
});

/** Runs cxctl against the counting proxy and returns what it did and the paths that were sent. */
async function throughProxy(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string; sent: string[]; bodies: unknown[] }> {
  sent = [];
  bodies = [];
  const result = await cxctl(args, { ...fx.env("xdr"), CORTEX_API_BASE_URL: proxyUrl, CORTEX_EXPIRY_NOTICE: "off" });
  return { ...result, sent: [...sent], bodies: [...bodies] };
}

describe("per-operation --help shows the body fields", () => {
  it("lists each field with its type, * when required, and the allowed values of enums, nested fields indented", async () => {
    const help = await cxctl(["xdr", "incidents", "update-incident", "--help"]);
    expect(help.code, help.stderr).toBe(0);
    const section = help.stdout.slice(help.stdout.indexOf("Body fields"), help.stdout.indexOf("Example:"));
    expect(section).toMatch(/^Body fields \(\* required; set with --param name=value or --data JSON\):/);
    expect(section).toMatch(/\n {2}incident_id \*\s+string\n/);
    expect(section).toMatch(/\n {2}update_data \*\s+object\n/);
    expect(section).toMatch(/\n {4}manual_severity\s+one of: critical, high, medium, low\n/);
    expect(section).toMatch(/\n {6}comment_action \*\s+one of: add\n/);
    for (const line of section.split("\n")) expect(line.length, line).toBeLessThanOrEqual(80);
  });

  it("shows the shapes of a body that takes one of several, and limits", async () => {
    const help = await cxctl(["xdr", "endpoints", "isolate", "--help"]);
    expect(help.code, help.stderr).toBe(0);
    expect(help.stdout).toMatch(/shape 1 of 2: with endpoint_id\n {4}endpoint_id \*\s+string/);
    expect(help.stdout).toMatch(/shape 2 of 2: with filters\n {4}filters \*\s+list of objects/);
    expect(help.stdout).toMatch(/value \*\s+list of strings; at most 1000 items/);
  });

  it("gives an example that sets the required fields", async () => {
    const help = await cxctl(["xdr", "actions", "get-status", "--help"]);
    expect(help.stdout).toMatch(/Body fields .*\n {2}group_action_id \*\s+integer or string\n\nExample:\n {2}cxctl xdr actions get-status --param group_action_id=<group_action_id>\n/);
  });

  it("shows an operation without a body without a body section", async () => {
    const help = await cxctl(["xdr", "system", "healthcheck", "--help"]);
    expect(help.code, help.stderr).toBe(0);
    expect(help.stdout).not.toMatch(/Body fields/);
  });

  it("offers the list flags only where the body has them, curated commands included", async () => {
    for (const args of [["xdr", "incidents", "update"], ["xdr", "alerts", "update"], ["xdr", "actions", "get-status"], ["xdr", "incidents", "get"]]) {
      const help = await cxctl([...args, "--help"]);
      expect([args.join(" "), help.code]).toEqual([args.join(" "), 0]);
      for (const flag of ["--filter", "--sort", "--from", "--limit", "--all"]) expect(help.stdout, `${args.join(" ")} ${flag}`).not.toContain(flag);
    }
    const list = await cxctl(["xdr", "incidents", "list", "--help"]);
    for (const flag of ["--filter", "--sort", "--limit", "--all"]) expect(list.stdout).toContain(flag);
  });
});

describe("the body is checked before anything is sent", () => {
  it("exits 2 naming a missing required field and the flag that sets it; nothing is sent", async () => {
    const result = await throughProxy(["xdr", "actions", "get-status"]);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(/xdr actions get-status: the request body does not fit operation actions\.get_action_status, so nothing was sent/);
    expect(result.stderr).toMatch(/group_action_id: required field is missing \(integer or string\): add --param group_action_id=<value> or put it in --data/);
    expect(result.stdout).toBe("");
    expect(result.sent).toEqual([]);
  });

  it("exits 2 naming an unknown field and the fields the operation takes; nothing is sent", async () => {
    const result = await throughProxy(["xdr", "actions", "get-status", "--param", "group_action_id=7", "--param", "group_id=7"]);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(/unknown field group_id; the fields are: group_action_id/);
    expect(result.sent).toEqual([]);
  });

  it("exits 2 naming a value outside the allowed list and the allowed values (curated flags too); nothing is sent", async () => {
    const result = await throughProxy(["xdr", "incidents", "update", "1", "--status", "closed"]);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(/update_data\.status: "closed" is not allowed; one of: new, resolved_duplicate, /);
    expect(result.sent).toEqual([]);
  });

  it("sets nested fields with --param a.b=value, and names a missing nested field by its path", async () => {
    const result = await throughProxy(["xdr", "incidents", "update", "1", "--param", "update_data.comment.comment_action=add"]);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(/update_data\.comment\.value: required field is missing \(string\): add --param update_data\.comment\.value=<value> or put it in --data/);
    expect(result.sent).toEqual([]);
  });

  it("says which shapes a body can take when it fits none", async () => {
    const result = await throughProxy(["xdr", "endpoints", "isolate", "a1", "--data", '{"endpoint_id": "a2"}']);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(/the body matches none of its shapes: it needs endpoint_id, or filters/);
    expect(result.sent).toEqual([]);
  });

  it("sends a body that fits, and --no-check sends one that does not (the service answers for it)", async () => {
    const [incident] = JSON.parse((await cxctl(["xdr", "incidents", "list", "--limit", "1", "-o", "json"], fx.env("xdr"))).stdout) as { incident_id: string }[];
    const good = await throughProxy(["xdr", "incidents", "update", incident?.incident_id ?? "1", "--status", "under_investigation", "-o", "json"]);
    expect(good.code, good.stderr).toBe(0);
    expect(good.sent).toEqual(["/public_api/v1/incidents/update_incident"]);
    // --data and --param fill the same object as the command's own flags.
    const merged = await throughProxy(["xdr", "incidents", "update", incident?.incident_id ?? "1", "--data", '{"update_data": {"resolve_comment": "duplicate"}}', "--param", "update_data.notes=seen", "--status", "resolved_duplicate", "-o", "json"]);
    expect(merged.code, merged.stderr).toBe(0);
    expect(merged.bodies).toEqual([{ request_data: { incident_id: incident?.incident_id, update_data: { resolve_comment: "duplicate", notes: "seen", status: "resolved_duplicate" } } }]);
    const unchecked = await throughProxy(["xdr", "actions", "get-status", "--no-check"]);
    expect(unchecked.sent).toEqual(["/public_api/v1/actions/get_action_status"]);
    expect(unchecked.code).not.toBe(2);
  });
});
