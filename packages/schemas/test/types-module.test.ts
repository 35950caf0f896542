import { readFileSync } from "node:fs";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const packagesDir = new URL("../../", import.meta.url).pathname;
const PRODUCTS = ["xdr", "xsiam", "xsoar", "xpanse", "cloud"] as const;
const typesModule = (product: string): string => readFileSync(`${packagesDir}schemas-${product}/src/generated/types.ts`, "utf8");

/** The top-level declarations of a types module, by name. */
function declarations(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const block of text.split("\n\n")) {
    const name = /^export (?:type|interface) (\w+)/m.exec(block)?.[1];
    if (name !== undefined) out.set(name, block);
  }
  return out;
}

// What every consumer of a product client parses: the types modules stay free of repeats and of TSDoc that
// restates a field's name and type (hover shows both), so importing one client type-checks quickly.
describe("product types modules", () => {
  for (const product of PRODUCTS) {
    it(`${product}: a field's TSDoc says only what its type does not (no line restating name, type or required)`, () => {
      const restating = typesModule(product).match(/^\s*\/\*\* `[^`]+` \((?:string|integer|number|boolean|object|array|one of \d+ values)[^)]*\)(?:, required)?\. \*\/$/gm) ?? [];
      expect(restating).toEqual([]);
    });

    it(`${product}: no inline request shape of 300 characters or more is written out twice`, () => {
      const source = ts.createSourceFile("types.ts", typesModule(product), ts.ScriptTarget.ES2022, true);
      const printer = ts.createPrinter({ removeComments: true });
      const seen = new Map<string, number>();
      const visit = (node: ts.Node): void => {
        // Object shapes and unions of them (a long list of literal values is not such a shape).
        if (ts.isTypeLiteralNode(node) || (ts.isUnionTypeNode(node) && !node.types.every((type) => ts.isLiteralTypeNode(type)))) {
          const text = printer.printNode(ts.EmitHint.Unspecified, node, source);
          if (text.length >= 300) seen.set(text, (seen.get(text) ?? 0) + 1);
        }
        ts.forEachChild(node, visit);
      };
      // The requests and the shapes named for them (replies refer to named records instead).
      for (const statement of source.statements) {
        if (ts.isTypeAliasDeclaration(statement) && !statement.name.text.endsWith("Reply") && /readonly /.test(statement.getText(source))) visit(statement.type);
      }
      expect([...seen].filter(([, count]) => count > 1).map(([text]) => text.slice(0, 120))).toEqual([]);
    });
  }

  it("a repeated request shape is declared once and named where each request uses it (XSIAM's vulnerability policy filters)", () => {
    const types = declarations(typesModule("xsiam"));
    const create = types.get("UvmPublicCreatePolicyRequest")!;
    const list = types.get("UvmPublicListPoliciesRequest")!;
    const shared = /readonly match_criteria: (\w+);/.exec(create)?.[1];
    expect(shared).toBeDefined();
    expect(list).toContain(`readonly filter?: ${shared};`);
    const declaration = types.get(shared!)!;
    // Its TSDoc names the operations whose requests hold it.
    expect(declaration).toMatch(/`uvm_public\.create_policy`.*`uvm_public\.list_policies`/);
    // Written once in the module: the conditions it holds are not repeated elsewhere.
    expect(typesModule("xsiam").split(`export type ${shared} =`).length).toBe(2);
  });
});
