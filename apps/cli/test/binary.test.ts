import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cxctlBinary, fixture, type Fixture } from "./helpers.js";

// The other CLI tests call `run` in-process; these check what only the built binary can show: that it
// starts, reads the real process environment and stdin, writes the real streams and exits with the code.
let fx: Fixture;

beforeAll(async () => {
  fx = await fixture({ incidentCount: 5 });
});

afterAll(async () => {
  await fx.close();
});

describe("the built cxctl binary", () => {
  it("prints help with the exit-code table and exits 0", { timeout: 90_000 }, async () => {
    const result = await cxctlBinary(["--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Exit codes:/);
    expect(result.stdout).toMatch(/13 connection lost after a write was sent: it may have run/);
  });

  it("calls the emulator with the environment's credentials and pipes --data from stdin", { timeout: 90_000 }, async () => {
    const listed = await cxctlBinary(["xdr", "incidents", "list", "--limit", "2"], fx.env("xdr"));
    expect(listed.code, listed.stderr).toBe(0);
    expect(JSON.parse(listed.stdout) as unknown[]).toHaveLength(2);
    const piped = await cxctlBinary(["xdr", "api-keys", "list", "--data", "-"], fx.env("xdr"), JSON.stringify({ filters: [{ field: "id", operator: "in", value: [1] }] }));
    expect(piped.code, piped.stderr).toBe(0);
  });

  it("exits with the documented code on failure (2 usage, 8 could not connect)", { timeout: 90_000 }, async () => {
    expect((await cxctlBinary(["xdr", "no-such-group"], fx.env("xdr"))).code).toBe(2);
    const unreachable = await cxctlBinary(["xdr", "incidents", "list"], { ...fx.env("xdr"), CORTEX_API_BASE_URL: "http://127.0.0.1:1" });
    expect(unreachable.code).toBe(8);
    expect(unreachable.stderr).toMatch(/could not connect to 127\.0\.0\.1:1/);
  });
});
