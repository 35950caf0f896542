import { afterEach, describe, expect, it } from "vitest";
import { childTenantClient, fanOut, type CortexClient } from "../src/index.js";
import { sendJson, startServer, testClient, type LocalServer } from "./helpers.js";

let server: LocalServer | undefined;
const clients: CortexClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  await server?.close();
  server = undefined;
});

describe("child tenant clients", () => {
  it("share the parent's connections, carry the child's header, and closing them leaves the parent working", async () => {
    const sockets = new Set<unknown>();
    const seen: string[] = [];
    server = await startServer((request, response) => {
      sockets.add(request.socket);
      seen.push(String(request.headers["x-child-tenant-id"] ?? "parent"));
      request.resume();
      sendJson(response, 200, { status: "available" });
    });
    const { client: parent } = testClient({ baseUrl: server.url, rateLimit: { requests: 100, perMs: 1_000 } });
    clients.push(parent);
    await parent.request("healthcheck");
    const outcomes = await fanOut(
      Array.from({ length: 20 }, (_, index) => ({ childTenantId: `child-${index}` })),
      (target) => ("childTenantId" in target ? childTenantClient(parent, target.childTenantId) : parent),
      async (child) => {
        expect(child.dispatcher).toBe(parent.dispatcher);
        return child.request("healthcheck");
      },
      { concurrency: 1 },
    );
    expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
    // fanOut closed every child; the parent's connection is still open and in use.
    await parent.request("healthcheck");
    expect(seen).toEqual(["parent", ...Array.from({ length: 20 }, (_, index) => `child-${index}`), "parent"]);
    // One call at a time over keep-alive: the children reuse the parent's socket(s) (undici may open a second
    // one when a socket is not released yet); children with their own dispatchers would open 20 more.
    expect(sockets.size).toBeLessThanOrEqual(2);
  });
});
