import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { cxctl } from "./helpers.js";

const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { name: string; version: string; bin: Record<string, string> };

describe("cxctl as an installed package", () => {
  it("prints the package version with --version and -V", async () => {
    for (const flag of ["--version", "-V"]) {
      const result = await cxctl([flag]);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout.trim()).toBe(manifest.version);
    }
  });

  it("is the public @cortex-sdk/cli package with the cxctl bin", () => {
    expect(manifest.name).toBe("@cortex-sdk/cli");
    expect(manifest.bin["cxctl"]).toBe("./dist/bin.js");
  });
});
