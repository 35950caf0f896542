import { describe, expect, it } from "vitest";
import { getOperationById } from "../src/index.js";
import type { JsonSchema } from "@cortex-sdk/schemas-base";
import { appliedReplyNormalisation, replyNormalisation } from "@cortex-sdk/schemas-base/replies";
import { responseJsonSchema } from "../src/generated/validators.js";

/** A property of a schema node by name, ignoring the case of the folded keys (`DATA` documents `data`). */
function child(node: JsonSchema | undefined, name: string): JsonSchema | undefined {
  if (node === undefined) return undefined;
  if (name === "[]") return node.items;
  const props = node.properties ?? {};
  return props[name] ?? Object.entries(props).find(([key]) => key.toLowerCase() === name)?.[1];
}

describe("reply normalisation rules", () => {
  it("each has a one-line reason", () => {
    for (const rule of [...replyNormalisation.foldKeys, ...replyNormalisation.rules]) {
      expect(rule.reason.length, JSON.stringify(rule)).toBeGreaterThan(10);
      expect(rule.reason).not.toContain("\n");
    }
  });

  it("are the rules core applies, in the same order, each with its reason", () => {
    expect(replyNormalisation.foldKeys.map((fold) => fold.key)).toEqual(appliedReplyNormalisation.foldKeys);
    expect(replyNormalisation.rules.map(({ reason: _reason, ...rule }) => rule)).toEqual(appliedReplyNormalisation.rules);
  });

  it("folds lower-case keys only (the documented spelling)", () => {
    for (const fold of replyNormalisation.foldKeys) expect(fold.key).toBe(fold.key.toLowerCase());
  });

  it("names operations of the table and nodes their reply schemas document", () => {
    for (const rule of replyNormalisation.rules) {
      if (rule.operation === "*") {
        expect(rule.at.startsWith("@items"), rule.reason).toBe(true);
        continue;
      }
      expect(getOperationById(rule.operation), rule.operation).toBeDefined();
      let node = responseJsonSchema(rule.operation);
      for (const step of rule.at.split("/")) node = child(node, step);
      expect(node, `${rule.operation} ${rule.at}`).toBeDefined();
    }
  });

  it("coerces only to the documented type: lists for list rules, numbers for number rules", () => {
    for (const rule of replyNormalisation.rules.filter((r) => r.operation !== "*")) {
      let node = responseJsonSchema(rule.operation);
      for (const step of rule.at.split("/")) node = child(node, step);
      const types = node?.type === undefined ? [] : [node.type].flat();
      if (rule.coerce === "split_comma" || rule.coerce === "wrap_array" || rule.coerce === "flatten" || rule.coerce === "empty_array") expect(types, `${rule.operation} ${rule.at}`).toContain("array");
      if (rule.coerce === "number") expect(types.some((t) => t === "integer" || t === "number"), `${rule.operation} ${rule.at}`).toBe(true);
      if (rule.coerce === "fold_keys") expect(types, `${rule.operation} ${rule.at}`).toContain("object");
    }
  });
});
