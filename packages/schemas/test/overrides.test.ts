import { describe, expect, it } from "vitest";
import { overrides } from "../src/overrides/index.js";
import { productRules } from "../src/overrides/products.js";
import { limits } from "../src/overrides/limits.js";
import { getOperationById, getOperation } from "../src/index.js";
import { requestJsonSchema, responseJsonSchema } from "../src/generated/validators.js";
import type { JsonSchema } from "@cortex-sdk/schemas-base";

function at(root: JsonSchema | undefined, path: string): JsonSchema | undefined {
  if (path === "*" || root === undefined) return root;
  let node: JsonSchema | undefined = root;
  for (const step of path.split("/")) node = step === "[]" ? node?.items : node?.properties?.[step];
  return node;
}

describe("overrides", () => {
  it("each has a one-line reason", () => {
    for (const o of [...overrides, ...productRules, ...Object.values(limits)]) {
      expect(o.reason.length, JSON.stringify(o)).toBeGreaterThan(10);
      expect(o.reason.includes("\n")).toBe(false);
    }
  });

  it("every schema override is visible in the emitted JSON Schemas", () => {
    const schemaOverrides = overrides.filter((o) => o.kind === "schema");
    expect(schemaOverrides.length).toBeGreaterThan(20);
    for (const o of schemaOverrides) {
      const [method, path] = o.operation.split(" ") as [string, string];
      const entry = getOperation(method, path);
      expect(entry, o.operation).toBeDefined();
      const root = o.target === "request" ? requestJsonSchema(entry!.id) : responseJsonSchema(entry!.id);
      if (o.remove === true) {
        const parent = at(root, o.at.split("/").slice(0, -1).join("/") || "*");
        expect(parent?.properties?.[o.at.split("/").pop()!], o.reason).toBeUndefined();
      } else if (o.rename !== undefined) {
        const parent = at(root, o.at.split("/").slice(0, -1).join("/") || "*");
        expect(parent?.properties?.[o.rename], o.reason).toBeDefined();
      } else if (o.replace !== undefined) {
        expect(at(root, o.at), `${o.operation} ${o.at}`).toEqual(o.replace);
      } else if (o.merge !== undefined) {
        expect(at(root, o.at), `${o.operation} ${o.at}`).toMatchObject(o.merge as object);
      }
    }
  });

  it("every entry override is visible in the table", () => {
    for (const o of overrides) {
      if (o.kind !== "entry") continue;
      const [method, path] = o.operation.split(" ") as [string, string];
      expect(getOperation(method, path), o.operation).toMatchObject(o.set as object);
    }
  });

  it("every limit entry is in the table", () => {
    for (const [id, limit] of Object.entries(limits)) {
      const entry = getOperationById(id);
      expect(entry, id).toBeDefined();
      if (limit.maxIdsPerCall !== undefined) expect(entry!.limits.maxIdsPerCall, id).toBe(limit.maxIdsPerCall);
      if (limit.rateLimit !== undefined) expect(entry!.limits.rateLimit, id).toEqual(limit.rateLimit);
      if (limit.maxPageSize !== undefined && entry!.pagination.kind === "offset") expect(entry!.pagination.maxPageSize, id).toBe(limit.maxPageSize);
    }
    expect(getOperationById("incidents.get_incident_extra_data")!.limits.rateLimit).toEqual({ requests: 10, perMs: 60_000 });
  });

  it("records the real-world shapes the reference documents", () => {
    expect(responseJsonSchema("rbac.get_roles")).toEqual({ type: "array", items: { type: "array", items: { type: "object" } } });
    expect(at(requestJsonSchema("endpoints.scan"), "filters")?.anyOf?.[0]).toEqual({ type: "string", enum: ["all"] });
    expect(requestJsonSchema("issue.search")?.properties?.["search_to"]).toEqual({ type: "integer" });
    expect(getOperationById("issue.search")!.requestSiblings).toEqual([]);
  });
});
