// Pieces that cannot be reached through the public API yet: the 500 path
// (no built-in operation throws), key deletion (no delete operation yet) and
// the replay cache's memory bound.
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticate } from "../src/auth.js";
import { KeyIndex, generateSecret } from "../src/keys.js";
import { NonceCache } from "../src/nonce-cache.js";
import { Router, type Operation } from "../src/router.js";
import { createEmulatorServer } from "../src/server.js";
import type { EmulatorState } from "../src/state.js";
import { Tenant } from "../src/tenant.js";
import { advancedHeaders, call, standardHeaders } from "./helpers.js";

function makeState(onError: (error: unknown) => void): { state: EmulatorState; tenant: Tenant } {
  const tenant = new Tenant({ id: "t", product: "xdr", name: "t", seed: 1, incidentCount: 0, dataAnchorMs: 0 });
  const state: EmulatorState = {
    clock: Date.now,
    authWindowMs: 300_000,
    tenants: new Map([[tenant.id, tenant]]),
    keys: new KeyIndex<Tenant>(),
    nonces: new NonceCache(),
    onAuthFailure: undefined,
    onError,
  };
  return { state, tenant };
}

describe("unexpected errors", () => {
  const errors: unknown[] = [];
  const { state, tenant } = makeState((error) => errors.push(error));
  const key = state.keys.issue(tenant, {
    secret: generateSecret(),
    securityLevel: "standard",
    roles: ["Viewer"],
    comment: null,
    expiration: null,
    creationTime: 0,
    createdBy: "test",
  });
  const explode: Operation = {
    method: "POST",
    path: "/public_api/v1/test/explode",
    permission: null,
    handle: () => {
      throw new Error("secret internal detail at /srv/app.ts:42");
    },
  };
  const server = createEmulatorServer(state, new Router().register(explode));
  let url = "";

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it("answers a thrown exception with the generic 500 envelope and keeps serving", async () => {
    const headers = standardHeaders({ keyId: String(key.id), key: key.secret });
    for (let i = 0; i < 2; i++) {
      const reply = await call(url, "/public_api/v1/test/explode", { headers, body: { request_data: {} } });
      expect(reply.status).toBe(500);
      expect(reply.text).toBe(
        JSON.stringify({
          reply: { err_code: 500, err_msg: "An error occurred while processing XDR public API", err_extra: null },
        }),
      );
      expect(reply.text).not.toContain("secret internal detail");
    }
    expect(errors).toHaveLength(2);
  });

  it("treats a deleted key as unknown", () => {
    const doomed = state.keys.issue(tenant, {
      secret: generateSecret(),
      securityLevel: "advanced",
      roles: ["Viewer"],
      comment: null,
      expiration: null,
      creationTime: 0,
      createdBy: "test",
    });
    const now = Date.now();
    const context = { keys: state.keys, nonces: state.nonces, now, windowMs: 300_000 };
    const credentials = { keyId: String(doomed.id), key: doomed.secret };
    expect(authenticate(lower(advancedHeaders(credentials, now)), context).ok).toBe(true);
    expect(state.keys.revoke(doomed.id)).toBe(true);
    expect(authenticate(lower(advancedHeaders(credentials, now)), context)).toMatchObject({
      ok: false,
      reason: "unknown_key",
    });
    expect(tenant.keys.has(doomed.id)).toBe(false);
  });
});

function lower(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}

describe("NonceCache", () => {
  it("rejects a live nonce and accepts it again after expiry", () => {
    const cache = new NonceCache();
    expect(cache.remember("a", 1_000, 0)).toBe(true);
    expect(cache.remember("a", 2_000, 1_000)).toBe(false);
    expect(cache.remember("a", 3_000, 1_001)).toBe(true);
  });

  it("stays bounded by the live window under a steady stream of nonces", () => {
    const cache = new NonceCache();
    const window = 100;
    let peak = 0;
    for (let now = 0; now < 100_000; now++) {
      cache.remember(`n${now}`, now + window, now);
      peak = Math.max(peak, cache.size);
    }
    // ~window live entries, plus at most the slack before the next sweep.
    expect(peak).toBeLessThanOrEqual(2048);
  });
});
