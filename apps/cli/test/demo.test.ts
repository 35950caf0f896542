import { describe, expect, it } from "vitest";
import { cxctl } from "./helpers.js";

describe("cxctl demo (in-process, its own embedded emulator)", () => {
  it("runs the demo through every product, skipping what is not supported yet", async () => {
    const result = await cxctl(["demo"]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Started a local Cortex XDR tenant at http:\/\/127\.0\.0\.1:\d+/);
    expect(result.stdout).toMatch(/new key: id \d+, advanced/);
    expect(result.stdout).toMatch(/ID\s+SEVERITY\s+STATUS/);
    expect(result.stdout).toMatch(/5 incidents/);
    for (const step of ["Isolating", "XQL", "XSOAR 8", "Xpanse", "Cortex Cloud", "doctor"]) expect(result.stdout).toContain(step);
    expect(result.stdout).toMatch(/Done: /);
  });
});
