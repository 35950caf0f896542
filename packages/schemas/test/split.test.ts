import { readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { operations } from "../src/index.js";

const packagesDir = new URL("../../", import.meta.url).pathname;
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
  visit(join(packagesDir, entry));
  return { files: new Set([...files].map((f) => relative(packagesDir, f))), packages };
}

function manifest(dir: string): Record<string, Record<string, unknown> | undefined> {
  return JSON.parse(readFileSync(join(packagesDir, dir, "package.json"), "utf8")) as Record<string, Record<string, unknown> | undefined>;
}

describe("one schemas package per product", () => {
  for (const product of PRODUCTS) {
    it(`@cortex-sdk/schemas-${product} reaches only its own entries and types: no JSON Schema, no zod, no other product`, () => {
      const { files, packages } = graph(`schemas-${product}/src/generated/index.ts`);
      expect([...files].sort()).toEqual([`schemas-${product}/src/generated/entries.ts`, `schemas-${product}/src/generated/index.ts`, `schemas-${product}/src/generated/types.ts`]);
      expect(packages).toContain("@cortex-sdk/schemas-base");
      expect([...packages].filter((name) => name !== "@cortex-sdk/schemas-base" && name !== "@cortex-sdk/schemas-base/curated-types")).toEqual([]);
    });

    it(`@cortex-sdk/schemas-${product}/validators loads its JSON Schemas and zod through the base's validator builder`, () => {
      const { files, packages } = graph(`schemas-${product}/src/generated/validators.ts`);
      expect(files).toContain(`schemas-${product}/src/generated/json-schemas.ts`);
      expect([...files].every((f) => f.startsWith(`schemas-${product}/`))).toBe(true);
      expect(packages).toContain("@cortex-sdk/schemas-base/validators");
    });

    it(`@cortex-sdk/schemas-${product} holds exactly the operations ${product} serves`, async () => {
      const own = (await import(`@cortex-sdk/schemas-${product}`)) as { operations: readonly { id: string; products: readonly string[] }[] };
      expect(own.operations.length).toBeGreaterThan(0);
      expect(own.operations.filter((entry) => !entry.products.includes(product)).map((entry) => entry.id)).toEqual([]);
      expect(own.operations.map((entry) => entry.id)).toEqual(operations.filter((entry) => entry.products.includes(product)).map((entry) => entry.id));
    });

    it(`@cortex-sdk/schemas-${product} depends on the base only, with zod an optional peer`, () => {
      const pkg = manifest(`schemas-${product}`);
      expect(Object.keys(pkg["dependencies"] ?? {}).filter((name) => name.startsWith("@cortex-sdk/"))).toEqual(["@cortex-sdk/schemas-base"]);
      expect(pkg["dependencies"]?.["zod"]).toBeUndefined();
      expect(pkg["peerDependenciesMeta"]?.["zod"]).toEqual({ optional: true });
    });
  }

  it("the base's root imports nothing: no table, no JSON Schema, no zod", () => {
    const { files, packages } = graph("schemas-base/src/index.ts");
    expect([...files].filter((f) => f.endsWith("validators.ts"))).toEqual([]);
    expect([...packages]).toEqual([]);
  });

  it("only the validator builder of the base imports zod, an optional peer of the base and of the all-products package", () => {
    expect(graph("schemas-base/src/validators.ts").packages).toContain("zod");
    for (const dir of ["schemas-base", "schemas"]) {
      const pkg = manifest(dir);
      expect(pkg["dependencies"]?.["zod"], dir).toBeUndefined();
      expect(pkg["peerDependencies"]?.["zod"], dir).toBeDefined();
      expect(pkg["peerDependenciesMeta"]?.["zod"], dir).toEqual({ optional: true });
    }
  });

  it("the all-products table has every product's operations once, sorted by id", () => {
    const ids = operations.map((entry) => entry.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    for (const product of PRODUCTS) expect(operations.some((entry) => entry.products.includes(product)), product).toBe(true);
  });
});
