import { describe, expect, it } from "vitest";
import { cxctl } from "./helpers.js";

describe("cxctl demo (in-process, its own embedded emulator)", () => {
  it("runs the demo through every product, skipping what is not supported yet", async () => {
    const result = await cxctl(["demo"]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Started a local Cortex XDR tenant at http:\/\/127\.0\.0\.1:\d+/);
    const made = /new key: id (\d+), advanced, expires (\S+)/.exec(result.stdout);
    expect(made).not.toBeNull();
    const id = made?.[1] ?? "";
    // A 7-day notice on an ordinary command (incidents list with the key's profile), naming the key and its rotation…
    const listing = result.stdout.indexOf("$ cxctl --profile demo xdr incidents list");
    const notice = result.stdout.indexOf(`notice: API key ${id} expires in 5 days (${made?.[2] ?? ""}). Rotate it: cxctl keys rotate ${id} --profile demo`);
    expect(listing).toBeGreaterThan(-1);
    expect(notice).toBeGreaterThan(listing);
    // …then that very rotation: the key the notice named, replaced and deleted after the new key made a call.
    const rotation = result.stdout.indexOf(`$ cxctl --profile demo keys rotate ${id} --delete-old`);
    expect(rotation).toBeGreaterThan(notice);
    expect(result.stdout.slice(rotation)).toMatch(new RegExp(`✓ generated key (\\d+)[^]*✓ key \\1 made a successful call[^]*✓ deleted the old key ${id}`));
    expect(result.stdout).toMatch(/ID\s+SEVERITY\s+STATUS/);
    expect(result.stdout).toMatch(/5 incidents/);
    for (const step of ["Isolating", "XQL", "XSOAR 8", "Xpanse", "Cortex Cloud", "doctor"]) expect(result.stdout).toContain(step);
    expect(result.stdout).toMatch(/Done: /);
  }, 120_000);
});
