import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cxctl, fixture, type Fixture } from "./helpers.js";

let fx: Fixture;

beforeAll(async () => {
  fx = await fixture();
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
  });

  it("isolates an endpoint and waits for the action (exit 0, 11 or 12 by outcome), and refuses a missing id", async () => {
    const env = fx.env("xdr");
    expect((await cxctl(["xdr", "endpoints", "isolate"], env)).code).toBe(2);
    const [endpoint] = JSON.parse((await cxctl(["xdr", "endpoints", "list", "--limit", "1", "-o", "json"], env)).stdout) as { agent_id?: string; endpoint_id?: string }[];
    const id = endpoint?.agent_id ?? endpoint?.endpoint_id ?? "missing";
    const result = await cxctl(["xdr", "endpoints", "isolate", id, "--wait", "--max-wait", "3s", "-o", "json"], env);
    expect([0, 6, 11, 12], result.stderr).toContain(result.code);
    if (result.code === 0) expect(JSON.parse(result.stdout)).toHaveProperty("status");
  });

  it("runs an XQL query with --timeframe (exit 0 with rows, or 12 when the query fails)", async () => {
    const result = await cxctl(["xql", "dataset = xdr_data | limit 3", "--timeframe", "24h", "-o", "ndjson"], fx.env("xdr"));
    expect([0, 12], result.stderr).toContain(result.code);
    if (result.code === 0) for (const line of result.stdout.trim().split("\n").filter((row) => row !== "")) expect(() => JSON.parse(line) as unknown).not.toThrow();
    expect((await cxctl(["xql", "dataset = x", "--timeframe", "soon"], fx.env("xdr"))).code).toBe(2);
  });
});

describe("cxctl doctor, examples, completion", () => {
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
    expect(bad.stdout).toMatch(/✗ key: the key was rejected \(401\)/);
    expect(bad.stdout).toMatch(/fix: /);
  });

  it("doctor reports the console URL (login redirect) with the fix", async () => {
    fx.emulator.faults.add({ path: "/public_api/v1/healthcheck", fault: { kind: "login_redirect" }, times: 1 });
    const result = await cxctl(["doctor", "-o", "json"], fx.env("xdr"));
    fx.emulator.faults.clear();
    expect(result.code).toBe(10);
    const reach = (JSON.parse(result.stdout) as { checks: { check: string; status: string; fix?: string }[] }).checks.find((check) => check.check === "reachability");
    expect(reach).toMatchObject({ status: "fail", fix: expect.stringMatching(/API URL/) });
  });

  it("examples: curl, Python and TypeScript with the key masked unless --show-secret; advanced keys get signing steps", async () => {
    const env = fx.env("xdr");
    const key = env["CORTEX_API_KEY"] ?? "";
    const masked = await cxctl(["examples"], env);
    expect(masked.code, masked.stderr).toBe(0);
    expect(masked.stdout).not.toContain(key);
    expect(masked.stdout).toMatch(/sha256sum/);
    expect(masked.stdout).toMatch(/import hashlib, json, secrets, string, time, urllib.request/);
    expect(masked.stdout).toMatch(/import \{ XdrClient \} from "@cortex-sdk\/xdr"/);
    const shown = await cxctl(["examples", "--show-secret", "--lang", "python"], env);
    expect(shown.stdout).toContain(key);
    const standard = JSON.parse((await cxctl(["keys", "generate", "--role", "Viewer", "--level", "standard", "-o", "json"], env)).stdout) as { id: number; key: string };
    const curl = await cxctl(["examples", "--lang", "curl", "--show-secret"], { ...env, CORTEX_API_KEY_ID: String(standard.id), CORTEX_API_KEY: standard.key, CORTEX_API_KEY_TYPE: "standard" });
    expect(curl.stdout).toContain(`-H 'Authorization: ${standard.key}'`);
    // The printed Python program works as printed.
    // (asynchronously: the emulator answers from this process's event loop)
    const { execFile } = await import("node:child_process");
    const python = (await cxctl(["examples", "--show-secret", "--lang", "python"], env)).stdout;
    const ran = await new Promise<string | undefined>((resolve, reject) => {
      execFile("python3", ["-c", python], { encoding: "utf8", timeout: 15_000 }, (error, stdout, stderr) => {
        if (error === null) resolve(stdout);
        else if ((error as NodeJS.ErrnoException).code === "ENOENT") resolve(undefined);
        else reject(new Error(`${error.message}\n${stderr}`));
      });
    });
    if (ran !== undefined) expect(JSON.parse(ran)).toHaveProperty("reply");
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
