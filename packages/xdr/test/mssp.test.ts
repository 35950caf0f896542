import { startEmulator, type RunningEmulator } from "@cortex-sdk/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { XdrClient } from "../src/index.js";

// Child tenant clients build their namespaces on first use, in a holder of their own: these calls go over
// loopback to the emulator, which answers each child tenant from its own data.
let emulator: RunningEmulator;
let parent: XdrClient;

beforeAll(async () => {
  emulator = await startEmulator({
    port: 0,
    seed: 5,
    incidentCount: 3,
    tenants: [
      { id: "mssp-parent", product: "xdr" },
      { id: "mssp-child-a", product: "xdr", parent: "mssp-parent" },
      { id: "mssp-child-b", product: "xdr", parent: "mssp-parent" },
    ],
  });
  const key = emulator.bootstrapKeys[0];
  if (key === undefined) throw new Error("the emulator has no key");
  parent = new XdrClient({ baseUrl: emulator.url, apiKeyId: key.keyId, apiKey: key.key, securityLevel: "advanced", logLevel: "off", env: {} });
});

afterAll(async () => {
  await parent.close();
  await emulator.close();
});

describe("namespaces of child tenant clients", () => {
  it("work from a child made by fanOut, each client with its own namespace objects", async () => {
    const parentIncidents = parent.incidents;
    const seen: unknown[] = [];
    const outcomes = await parent.fanOut([{ childTenantId: "mssp-child-a" }, { childTenantId: "mssp-child-b" }], async (child) => {
      const incidents = child.incidents;
      expect(child.incidents).toBe(incidents);
      expect(incidents).not.toBe(parentIncidents);
      seen.push(incidents);
      const health = await child.system.healthcheck();
      const page = await child.incidents.list({ search_from: 0, search_to: 2 });
      return { status: health.status, total: page.total_count, childTenantId: child.config.childTenantId };
    });
    expect(seen[0]).not.toBe(seen[1]);
    expect(outcomes.map((outcome) => (outcome.ok ? outcome.value.childTenantId : outcome.error))).toEqual(["mssp-child-a", "mssp-child-b"]);
    for (const outcome of outcomes) {
      if (!outcome.ok) throw outcome.error;
      expect(outcome.value.status).toBeDefined();
      expect(outcome.value.total).toBe(3);
    }
  });

  it("work from a client derived from a child with withOptions, which stays on the child tenant", async () => {
    const child = parent.forTenant({ childTenantId: "mssp-child-a" });
    const derived = child.withOptions({ timeoutMs: 30_000 });
    try {
      expect(derived).toBeInstanceOf(XdrClient);
      expect(derived.config.childTenantId).toBe("mssp-child-a");
      expect(derived.config.timeoutMs).toBe(30_000);
      expect(derived.incidents).not.toBe(child.incidents);
      const page = await derived.incidents.list({ search_from: 0, search_to: 1 }).withResponse();
      expect(page.data.total_count).toBe(3);
      expect(page.response.status).toBe(200);
      // A namespace touched on the child is not built again by the derived client, nor the other way round.
      expect(Object.keys(derived)).not.toContain("incidents");
    } finally {
      await derived.close();
      await child.close();
    }
  });

  it("keep failing per child: a child id the key may not act on fails that child alone", async () => {
    const outcomes = await parent.fanOut([{ childTenantId: "mssp-child-a" }, { childTenantId: "not-a-child" }], (child) => child.system.healthcheck());
    expect(outcomes.map((outcome) => outcome.ok)).toEqual([true, false]);
  });
});
