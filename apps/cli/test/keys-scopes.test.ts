// Scope-based access control through cxctl against the emulator (issue #12 item 6): a key's scope read and
// set, stored but not enforced while the tenant's switch is off (the console's default), enforced once it is
// on; unknown scope names refused before sending (client) and by the emulator; the switch is emulator-only.
import { CloudClient, type ApiKeyScope } from "@cortex-sdk/cloud";
import { CortexConfigError, CortexInvalidRequestError } from "@cortex-sdk/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cxctl, fixture, type Fixture } from "./helpers.js";

let fx: Fixture;
let admin: Record<string, string>;
let viewer: Record<string, string>;
let viewerId: string;

beforeAll(async () => {
  fx = await fixture();
  admin = fx.env("cloud");
  const made = await cxctl(["keys", "generate", "--product", "cloud", "--role", "Viewer", "--level", "standard", "-o", "json"], admin);
  expect(made.code, made.stderr).toBe(0);
  const key = JSON.parse(made.stdout) as { id: number; key: string };
  viewerId = String(key.id);
  viewer = { ...admin, CORTEX_API_KEY_ID: viewerId, CORTEX_API_KEY: key.key, CORTEX_API_KEY_TYPE: "standard" };
});

afterAll(async () => {
  await fx.close();
});

/** The domains of the issues a key sees (every page). */
async function domainsSeen(env: Record<string, string>): Promise<Set<string>> {
  const result = await cxctl(["cloud", "issues", "list", "--all", "-o", "json"], env);
  expect(result.code, result.stderr).toBe(0);
  return new Set((JSON.parse(result.stdout) as { domain?: string; issue_domain?: string }[]).map((issue) => String(issue.domain ?? issue.issue_domain)));
}

describe("cxctl keys scope", () => {
  it("sets and reads a key's scope; the switch is off by default, so the scope is stored but not enforced until it is turned on", async () => {
    const everything = await domainsSeen(viewer);
    expect(everything.size).toBeGreaterThan(1);
    expect(everything.has("Health")).toBe(true);

    const set = await cxctl(["keys", "scope", "set", viewerId, "--cases-issues", "scope:Health", "--product", "cloud", "-o", "json"], admin);
    expect(set.code, set.stderr).toBe(0);
    expect(JSON.parse(set.stdout)).toMatchObject({ cases_issues: { mode: "scope", tags: [{ tag_name: "Health" }] } });
    expect(set.stderr).toMatch(/stored; it restricts the key only while the tenant enforces scope-based access \(off here: cxctl keys scope enforcement on\)/);
    const got = await cxctl(["keys", "scope", "get", viewerId, "--product", "cloud", "-o", "json"], admin);
    expect(JSON.parse(got.stdout)).toMatchObject({ cases_issues: { mode: "scope", tags: [{ tag_name: "Health" }] } });

    const off = await cxctl(["keys", "scope", "enforcement", "--product", "cloud", "-o", "table"], admin);
    expect(off.stdout).toBe("scope enforcement: off (scopes are stored, not enforced)\n");
    expect(await domainsSeen(viewer)).toEqual(everything);

    const on = await cxctl(["keys", "scope", "enforcement", "on", "--product", "cloud", "-o", "json"], admin);
    expect(on.code, on.stderr).toBe(0);
    expect(JSON.parse(on.stdout)).toEqual({ enforced: true });
    expect([...(await domainsSeen(viewer))]).toEqual(["Health"]);

    expect(JSON.parse((await cxctl(["keys", "scope", "enforcement", "off", "--product", "cloud", "-o", "json"], admin)).stdout)).toEqual({ enforced: false });
    expect(await domainsSeen(viewer)).toEqual(everything);
  });

  it("refuses unknown scope names before sending (exit 2), and the emulator refuses unknown domain names", async () => {
    const offline = { ...admin, CORTEX_API_BASE_URL: "http://127.0.0.1:9" };
    const unknownDomain = await cxctl(["keys", "scope", "set", viewerId, "--data", '{"cases": {"mode": "scope", "names": ["Health"]}}', "--product", "cloud"], offline);
    expect(unknownDomain.code).toBe(2);
    expect(unknownDomain.stderr).toMatch(/unknown scope "cases"; the scopes are endpoints, cases_issues, assets, datasets_rows\. Nothing was sent/);
    const badMode = await cxctl(["keys", "scope", "set", viewerId, "--cases-issues", "any", "--product", "cloud"], offline);
    expect(badMode.code).toBe(2);
    expect(badMode.stderr).toMatch(/cases_issues\.mode must be one of no_scope, see_all, scope; got "any"/);
    const badEndpoints = await cxctl(["keys", "scope", "set", viewerId, "--data", '{"endpoints": {"groups": {"mode": "any"}}}', "--product", "cloud"], offline);
    expect(badEndpoints.stderr).toMatch(/unknown endpoints scope "groups" in endpoints; the endpoints scopes are endpoint_groups, endpoint_tags/);
    // A domain name the tenant does not have: the service's to refuse.
    const unknownName = await cxctl(["keys", "scope", "set", viewerId, "--cases-issues", "scope:Marketing", "--product", "cloud"], admin);
    expect(unknownName.code).toBe(6);
    expect(unknownName.stderr).toMatch(/unknown domain 'Marketing'/);
    // Products without key scopes are refused before any request.
    const xdr = await cxctl(["keys", "scope", "get", "5", "--product", "xdr"], offline);
    expect(xdr.code).toBe(2);
    expect(xdr.stderr).toMatch(/keys scope get is not available on Cortex XDR: the products that have it are xsiam, cloud/);
  });

  it("the SDK: setScope checks the scope with a typed error; the switch is read and set, and a real tenant's answer says it is emulator-only", async () => {
    const client = new CloudClient({ baseUrl: fx.emulator.url, apiKeyId: admin["CORTEX_API_KEY_ID"] ?? "", apiKey: admin["CORTEX_API_KEY"] ?? "", securityLevel: "advanced" });
    try {
      const refused = await client.apiKeys.setScope(viewerId, { cases_issue: { mode: "scope" } } as unknown as ApiKeyScope).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(refused).toBeInstanceOf(CortexInvalidRequestError);
      expect((refused as CortexInvalidRequestError).field).toBe("cases_issue");
      expect(await client.apiKeys.scopeEnforcement()).toBe(false);
      expect(await client.apiKeys.setScopeEnforcement(true)).toBe(true);
      expect(await client.apiKeys.scopeEnforcement()).toBe(true);
      expect(await client.apiKeys.setScopeEnforcement(false)).toBe(false);
      // A tenant that does not serve the route (as a Cortex tenant answers an unknown route) gets the explanation.
      fx.emulator.faults.add({ path: "/_emulator/v1/scope-enforcement", fault: { kind: "login_redirect" }, times: 1 });
      const real = await client.apiKeys.scopeEnforcement().then(
        () => undefined,
        (error: unknown) => error,
      );
      fx.emulator.faults.clear();
      expect(real).toBeInstanceOf(CortexConfigError);
      expect((real as Error).message).toMatch(/no public API for it, only the local emulator .* does/);
    } finally {
      await client.close();
    }
  });

  it("the switch is emulator-only in the CLI too: a tenant without the route gets the explanation (exit 3)", async () => {
    fx.emulator.faults.add({ path: "/_emulator/v1/scope-enforcement", fault: { kind: "status", status: 404 }, times: 1 });
    const result = await cxctl(["keys", "scope", "enforcement", "--product", "cloud"], admin);
    fx.emulator.faults.clear();
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/does not serve the scope-enforcement switch: the Cortex platform has no public API for it/);
  });
});
