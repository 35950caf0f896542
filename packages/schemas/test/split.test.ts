import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const src = new URL("../src/", import.meta.url).pathname;
const PRODUCTS = ["xdr", "xsiam", "xsoar", "xpanse", "cloud"] as const;

/** Every module a source module reaches through its static imports (relative ones), and the packages it names. */
function graph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string): void => {
    if (files.has(file)) return;
    files.add(file);
    const text = readFileSync(file, "utf8");
    for (const match of text.matchAll(/^(?:import|export)[^"';]*?from\s+"([^"]+)"/gm)) {
      const spec = match[1]!;
      if (spec.startsWith(".")) visit(resolve(dirname(file), spec.replace(/\.js$/, ".ts")));
      else packages.add(spec);
    }
  };
  visit(join(src, entry));
  return { files: new Set([...files].map((f) => f.slice(src.length))), packages };
}

describe("per-product split", () => {
  for (const product of PRODUCTS) {
    it(`@cortex-sdk/schemas/${product} reaches only ${product}'s entries and types, no JSON Schema and no zod`, () => {
      const { files, packages } = graph(`${product}.ts`);
      expect(files).toContain(`generated/types/${product}.ts`);
      for (const other of PRODUCTS.filter((p) => p !== product)) {
        expect([...files].filter((f) => f === `generated/types/${other}.ts` || f === `generated/products/${other}.ts`), other).toEqual([]);
      }
      expect([...files].filter((f) => f.includes("json-schemas") || f.includes("-schemas") || f.startsWith("validators"))).toEqual([]);
      expect([...files].filter((f) => /^generated\/entries\//.test(f) && !f.split("/")[2]!.replace(/\.ts$/, "").split("-").includes(product))).toEqual([]);
      expect([...packages]).toEqual([]);
    });

    it(`@cortex-sdk/schemas/validators/${product} loads only ${product}'s JSON Schemas`, () => {
      const { files, packages } = graph(`validators-${product}.ts`);
      const schemaFiles = [...files].filter((f) => f.startsWith("generated/json-schemas/"));
      expect(schemaFiles.length).toBeGreaterThan(0);
      for (const f of schemaFiles) expect(f.split("/")[2]!.replace(/\.ts$/, "").split("-"), f).toContain(product);
      expect(files).not.toContain("generated/all-schemas.ts");
      expect(packages).toContain("zod");
    });
  }

  it("the root table imports no JSON Schema, no operation types and no zod", () => {
    const { files, packages } = graph("index.ts");
    expect([...files].filter((f) => f.includes("json-schemas") || f.startsWith("generated/types/") || f === "generated/shapes.ts")).toEqual([]);
    expect([...packages]).toEqual([]);
  });

  it("makes zod an optional peer dependency", () => {
    const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as Record<string, Record<string, unknown>>;
    expect(pkg["dependencies"]?.["zod"]).toBeUndefined();
    expect(pkg["peerDependencies"]?.["zod"]).toBeDefined();
    expect(pkg["peerDependenciesMeta"]?.["zod"]).toEqual({ optional: true });
  });
});
