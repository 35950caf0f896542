import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cxctl, fixture, type Fixture } from "./helpers.js";

let fx: Fixture;

beforeAll(async () => {
  // Response actions and XQL queries finish quickly, so the waits can be checked for their real outcome.
  fx = await fixture({ xdrState: { actionTiming: { pendingMs: 150, inProgressMs: 150 }, xqlRunMs: 200, alerts: 2600 } });
});

afterAll(async () => {
  await fx.close();
});

describe("curated product commands (built binary, emulator)", () => {
  it("XSOAR 8: creates an incident, updates it, and finds it by search", async () => {
    const env = fx.env("xsoar8");
    const created = await cxctl(["xsoar", "incidents", "create", "--name", "cxctl test incident", "--type", "Phishing", "--severity", "2", "-o", "json"], env);
    expect(created.code, created.stderr).toBe(0);
    const incident = JSON.parse(created.stdout) as { id: string; name: string };
    expect(incident.name).toBe("cxctl test incident");
    const updated = await cxctl(["xsoar", "incidents", "update", incident.id, "--severity", "3", "-o", "json"], env);
    expect(updated.code, updated.stderr).toBe(0);
    expect(JSON.parse(updated.stdout)).toMatchObject({ id: incident.id, severity: 3 });
    const found = await cxctl(["xsoar", "incidents", "search", "--query", "name:\"cxctl test incident\"", "--limit", "5", "-o", "json"], env);
    expect(found.code, found.stderr).toBe(0);
    expect((JSON.parse(found.stdout) as { id: string }[]).map((row) => row.id)).toContain(incident.id);
  });

  it("XSOAR 8: a create without --name exits 2 naming it and sends nothing; --help says name is required on XSOAR 8", async () => {
    const env = fx.env("xsoar8");
    const before = await cxctl(["xsoar", "incidents", "search", "--query", "type:NamelessCheck", "--limit", "50", "-o", "json"], env);
    const refused = await cxctl(["xsoar", "incidents", "create", "--type", "NamelessCheck", "-o", "json"], env);
    expect(refused.code, refused.stderr).toBe(2);
    expect(refused.stderr).toMatch(/XSOAR 8 requires name, so nothing was sent/);
    const after = await cxctl(["xsoar", "incidents", "search", "--query", "type:NamelessCheck", "--limit", "50", "-o", "json"], env);
    expect(after.stdout).toBe(before.stdout);
    const help = await cxctl(["xsoar", "incidents", "create", "--help"], env);
    expect(help.stdout).toMatch(/--name <name>\s+incident name \(required on XSOAR 8\)/);
    expect(help.stdout).toMatch(/\n\s+name\s+string; required on XSOAR 8 \(unless id is given\)/);
  });

  it("XSOAR needs its version: exit 3 naming CORTEX_XSOAR_VERSION / --xsoar-version", async () => {
    const { CORTEX_XSOAR_VERSION: _version, ...env } = fx.env("xsoar8");
    const result = await cxctl(["xsoar", "incidents", "search", "--limit", "1"], env);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/XSOAR_VERSION|xsoarVersion/);
  });

  it("Xpanse assets and incidents, Cortex Cloud issues and cases, XDR alerts and endpoints list as tables", async () => {
    for (const [product, args] of [
      ["xpanse", ["xpanse", "assets", "list", "--limit", "3"]],
      ["xpanse", ["xpanse", "incidents", "list", "--limit", "3"]],
      ["cloud", ["cloud", "issues", "list", "--limit", "3"]],
      ["cloud", ["cloud", "cases", "list", "--limit", "3"]],
      ["xdr", ["xdr", "alerts", "list", "--limit", "3"]],
      ["xdr", ["xdr", "endpoints", "list", "--limit", "3"]],
      ["xsiam", ["xsiam", "incidents", "list", "--limit", "3"]],
    ] as const) {
      const result = await cxctl([...args, "-o", "table"], fx.env(product));
      expect([args.join(" "), result.code, result.stderr]).toEqual([args.join(" "), 0, ""]);
      expect(result.stdout.split("\n")[0]).toMatch(/^ID\s+/);
    }
  }, 60_000);

  it("isolates an endpoint and waits for the action (exit 0, the endpoint isolated), releases it, and refuses a missing id", async () => {
    const env = fx.env("xdr");
    expect((await cxctl(["xdr", "endpoints", "isolate"], env)).code).toBe(2);
    const [endpoint] = JSON.parse((await cxctl(["xdr", "endpoints", "list", "--filter", "isolate:in:unisolated", "--limit", "1", "-o", "json"], env)).stdout) as { endpoint_id: string; is_isolated?: string }[];
    const id = endpoint?.endpoint_id ?? "missing";
    const result = await cxctl(["xdr", "endpoints", "isolate", id, "--wait", "--max-wait", "20s", "-o", "json"], env);
    expect(result.code, result.stderr).toBe(0);
    const outcome = JSON.parse(result.stdout) as { action_id: unknown; status: Record<string, string> };
    expect(outcome.action_id).toBeDefined();
    expect(outcome.status).toEqual({ [id]: "COMPLETED_SUCCESSFULLY" });
    const after = JSON.parse((await cxctl(["xdr", "endpoints", "list", "--filter", `endpoint_id_list:in:${id}`, "-o", "json"], env)).stdout) as { endpoint_id: string; is_isolated: string }[];
    expect(after.map((row) => [row.endpoint_id, row.is_isolated])).toEqual([[id, "AGENT_ISOLATED"]]);
    const released = await cxctl(["xdr", "endpoints", "unisolate", id, "--wait", "-o", "json"], env);
    expect(released.code, released.stderr).toBe(0);
    const back = JSON.parse((await cxctl(["xdr", "endpoints", "list", "--filter", `endpoint_id_list:in:${id}`, "-o", "json"], env)).stdout) as { is_isolated: string }[];
    expect(back[0]?.is_isolated).toBe("AGENT_UNISOLATED");
  });

  it("exits 11 with a message when the wait for an action times out", async () => {
    const slow = await fixture({ xdrState: { actionTiming: { pendingMs: 60_000, inProgressMs: 60_000 } } });
    try {
      const env = slow.env("xdr");
      const [endpoint] = JSON.parse((await cxctl(["xdr", "endpoints", "list", "--limit", "1", "-o", "json"], env)).stdout) as { endpoint_id: string }[];
      const result = await cxctl(["xdr", "endpoints", "scan", endpoint?.endpoint_id ?? "missing", "--wait", "--max-wait", "1s", "-o", "json"], env);
      expect(result.code, result.stderr).toBe(11);
      expect(result.stderr).toMatch(/Gave up waiting for action \S+ after 1 s/);
      expect(result.stdout).toBe("");
    } finally {
      await slow.close();
    }
  });

  it("runs an XQL query with --timeframe: exit 0 and the rows, as many as asked", async () => {
    const result = await cxctl(["xql", "dataset = xdr_data | limit 3", "--timeframe", "24h", "-o", "ndjson"], fx.env("xdr"));
    expect(result.code, result.stderr).toBe(0);
    const rows = result.stdout.trim().split("\n").map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(row).toHaveProperty("_time");
    const limited = await cxctl(["xql", "dataset = xdr_data | limit 50", "--limit", "7", "-o", "json"], fx.env("xdr"));
    expect(limited.code, limited.stderr).toBe(0);
    expect(JSON.parse(limited.stdout)).toHaveLength(7);
    expect((await cxctl(["xql", "dataset = x", "--timeframe", "soon"], fx.env("xdr"))).code).toBe(2);
  });

  it("streams a result of more than 1,000 rows as NDJSON, every row", async () => {
    const result = await cxctl(["xql", "dataset = xdr_data | limit 2500", "-o", "ndjson"], fx.env("xdr"));
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.trim().split("\n");
    expect(lines).toHaveLength(2500);
    expect(new Set(lines).size).toBe(2500);
    for (const line of [lines[0], lines[1000], lines[2499]]) expect(JSON.parse(line ?? "")).toHaveProperty("_time");
  });

  it("shows the vendor's line and column for an XQL syntax error (exit 6, the README's bad request)", async () => {
    const result = await cxctl(["xql", "dataset = xdr_data | fliter x = 1", "-o", "json"], fx.env("xdr"));
    expect(result.code, result.stderr).toBe(6);
    expect(result.stderr).toMatch(/XQL syntax error at line 1, column \d+: /);
    expect(result.stdout).toBe("");
  });
});

describe("cxctl doctor and completion (examples: examples.test.ts)", () => {
  it("doctor passes for a good key (✓ lines, JSON too) and fails with exit 10 and a fix for a bad key", async () => {
    const good = await cxctl(["doctor", "-o", "table"], fx.env("xdr"));
    expect(good.code, good.stdout + good.stderr).toBe(0);
    expect(good.stdout).toMatch(/✓ reachability/);
    expect(good.stdout).toMatch(/✓ clock/);
    expect(good.stdout).toMatch(/✓ key expiry: never expires/);
    const json = JSON.parse((await cxctl(["doctor", "-o", "json"], fx.env("xdr"))).stdout) as { ok: boolean; checks: { check: string; status: string }[] };
    expect(json.ok).toBe(true);
    expect(json.checks.map((check) => check.check)).toEqual(expect.arrayContaining(["configuration", "URL", "reachability", "key", "clock", "key expiry", "product", "permissions"]));
    const bad = await cxctl(["doctor", "-o", "table"], { ...fx.env("xdr"), CORTEX_API_KEY_TYPE: "standard" });
    expect(bad.code).toBe(10);
    // The doctor probes: the same call signed at the other level works, so it names that one cause and its fix.
    expect(bad.stdout).toMatch(/✗ key: rejected \(401\): key \d+ is a advanced key but is configured as standard/);
    expect(bad.stdout).toMatch(/fix: set the security level to advanced/);
  });

  it("doctor checks the XSOAR product and version with about(), and detects the version when none is configured", async () => {
    const env = fx.env("xsoar8");
    const configured = await cxctl(["doctor", "--product", "xsoar", "-o", "json"], env);
    expect(configured.code, configured.stdout + configured.stderr).toBe(0);
    const product = (JSON.parse(configured.stdout) as { checks: { check: string; status: string; detail: string }[] }).checks.find((check) => check.check === "product");
    expect(product).toMatchObject({ status: "ok", detail: expect.stringMatching(/^XSOAR 8\.\d+\.\d+/) as unknown });
    const { CORTEX_XSOAR_VERSION: _version, ...unversioned } = env;
    const detected = await cxctl(["doctor", "--product", "xsoar", "-o", "json"], unversioned);
    expect(detected.code, detected.stdout + detected.stderr).toBe(0);
    const found = (JSON.parse(detected.stdout) as { checks: { check: string; status: string; detail: string; fix?: string }[] }).checks.find((check) => check.check === "product");
    expect(found).toMatchObject({ status: "ok", detail: expect.stringMatching(/^XSOAR 8\..*detected/) as unknown, fix: expect.stringContaining("--xsoar-version 8") as unknown });
  });

  it("doctor reports the console URL (login redirect) with the fix", async () => {
    fx.emulator.faults.add({ path: "/public_api/v1/healthcheck", fault: { kind: "login_redirect" }, times: 1 });
    const result = await cxctl(["doctor", "-o", "json"], fx.env("xdr"));
    fx.emulator.faults.clear();
    expect(result.code).toBe(10);
    const reach = (JSON.parse(result.stdout) as { checks: { check: string; status: string; fix?: string }[] }).checks.find((check) => check.check === "reachability");
    expect(reach).toMatchObject({ status: "fail", fix: expect.stringMatching(/API URL/) });
  });

  it("completion scripts for bash, zsh and fish, and candidates from __complete (product operations included)", async () => {
    for (const shell of ["bash", "zsh", "fish"]) {
      const script = await cxctl(["completion", shell]);
      expect(script.code).toBe(0);
      expect(script.stdout).toContain("cxctl __complete");
    }
    expect((await cxctl(["completion", "tcsh"])).code).toBe(2);
    const top = (await cxctl(["__complete", "--", ""])).stdout.split("\n");
    expect(top).toEqual(expect.arrayContaining(["xdr", "keys", "profile", "doctor"]));
    const groups = (await cxctl(["__complete", "--", "xdr", ""])).stdout.split("\n");
    expect(groups).toEqual(expect.arrayContaining(["incidents", "endpoints", "api-keys"]));
    const calls = (await cxctl(["__complete", "--", "xdr", "endpoints", ""])).stdout.split("\n");
    expect(calls).toEqual(expect.arrayContaining(["isolate", "unisolate", "scan", "list"]));
    const flags = (await cxctl(["__complete", "--", "xdr", "incidents", "list", "--"])).stdout.split("\n");
    expect(flags).toEqual(expect.arrayContaining(["--limit", "--all", "--output", "--profile"]));
    const shells = (await cxctl(["__complete", "--", "completion", ""])).stdout.split("\n");
    expect(shells).toEqual(expect.arrayContaining(["bash", "zsh", "fish"]));
  });
});
