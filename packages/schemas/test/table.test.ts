import { readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { getOperation, getOperationById, normalizePath, operations, pathFor, xsoar8PathPrefix } from "../src/index.js";
import * as xdr from "@cortex-sdk/schemas-xdr";
import * as xsiam from "@cortex-sdk/schemas-xsiam";
import * as xsoar from "@cortex-sdk/schemas-xsoar";
import * as xpanse from "@cortex-sdk/schemas-xpanse";
import * as cloud from "@cortex-sdk/schemas-cloud";
import { emitAll } from "../generator/emit.js";
import { pipeline, specsAvailable } from "./helpers.js";

describe("operation table contract", () => {
  it("keeps the walking-skeleton ids and their behaviour", () => {
    expect(getOperationById("healthcheck")).toMatchObject({ method: "GET", path: "/public_api/v1/healthcheck", requestEnvelope: "none", replyEnvelope: "bare", retrySafety: "read" });
    expect(getOperationById("incidents.get_incidents")).toMatchObject({
      method: "POST",
      requestEnvelope: "request_data",
      replyEnvelope: "reply",
      pagination: { kind: "offset", maxPageSize: 100, itemsField: "incidents", totalField: "total_count", idField: "incident_id" },
    });
    expect(getOperationById("api_keys.generate")).toMatchObject({ retrySafety: "unsafe", replyHoldsSecret: true, products: ["xdr", "xsiam", "xsoar", "xpanse", "cloud"], xsoarVersions: [8] });
  });

  it("has unique ids and unique routes, sorted by id", () => {
    const ids = operations.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    const routes = operations.map((e) => `${e.method} ${e.path}`);
    expect(new Set(routes).size).toBe(routes.length);
    expect(operations.length).toBeGreaterThan(400);
  });

  it("finds operations by method and path with or without trailing slash, any method case", () => {
    const entry = getOperationById("incidents.get_incidents");
    expect(getOperation("POST", "/public_api/v1/incidents/get_incidents")).toBe(entry);
    expect(getOperation("post", "/public_api/v1/incidents/get_incidents/")).toBe(entry);
    expect(getOperation("POST", "/public_api/v1/incidents/get_incidents?x=1")).toBe(entry);
    expect(getOperation("GET", "/public_api/v1/incidents/get_incidents")).toBeUndefined();
    expect(getOperation("POST", "/public_api/v1/incidents/nope")).toBeUndefined();
  });

  it("matches concrete paths against templated ones, exact routes first", () => {
    expect(getOperation("GET", "/public_api/v1/assets/0a1b2c")?.id).toBe("assets.get_by_id");
    expect(getOperation("GET", "/public_api/v1/assets/schema")?.id).toBe("assets.schema");
    expect(getOperation("PUT", "/platform/iam/v1/api-key/42/")?.id).toBe("platform.iam.api_key.put_by_id");
  });

  it("normalises paths", () => {
    expect(normalizePath("/a/b/")).toBe("/a/b");
    expect(normalizePath("/a/b//?q=1")).toBe("/a/b");
    expect(normalizePath("/")).toBe("/");
  });

  it("maps XSOAR routes to the XSOAR 8 prefix only for XSOAR 8", () => {
    const search = getOperationById("xsoar.incidents.search")!;
    expect(pathFor(search, 6)).toBe("/incidents/search");
    expect(pathFor(search, 8)).toBe(`${xsoar8PathPrefix}/incidents/search`);
    expect(pathFor(getOperationById("api_keys.generate")!, 8)).toBe("/public_api/v1/api_keys/generate");
  });

  it("gives every entry the facts the issue asks for", () => {
    for (const e of operations) {
      expect(e.products.length, e.id).toBeGreaterThan(0);
      expect(["read", "idempotent", "unsafe"]).toContain(e.retrySafety);
      expect(["none", "action_id", "xql_query_id", "distribution_id"]).toContain(e.async);
      if (e.products.includes("xsoar")) expect(e.xsoarVersions?.length, e.id).toBeGreaterThan(0);
      else expect(e.xsoarVersions, e.id).toBeUndefined();
      if (e.pagination.kind === "offset") expect(e.pagination.maxPageSize, e.id).toBeGreaterThan(0);
      expect(e.path.endsWith("/"), e.id).toBe(false);
    }
  });
});

describe("product subpaths", () => {
  const subpaths = { xdr, xsiam, xsoar, xpanse, cloud } as const;
  for (const [product, module] of Object.entries(subpaths)) {
    it(`${product}: lists exactly the entries its product serves`, () => {
      const expected = operations.filter((e) => e.products.includes(product as never)).map((e) => e.id);
      expect(module.operations.map((e) => e.id)).toEqual(expected);
      for (const id of expected.slice(0, 5)) expect(module.getOperationById(id)?.id).toBe(id);
    });
  }

  it("does not find another product's operations", () => {
    expect(xdr.getOperationById("xsoar.incidents.search")).toBeUndefined();
    expect(xsoar.getOperationById("endpoints.isolate")).toBeUndefined();
    expect(xpanse.getOperationById("assets.tags.assets_internet_exposure.assign")?.products).toEqual(["xpanse"]);
    expect(xdr.getOperation("POST", "/public_api/v1/endpoints/isolate/")?.id).toBe("endpoints.isolate");
  });
});

describe.skipIf(!specsAvailable)("generation", () => {
  it("reproduces every generated folder (this package's and each schemas-<product>'s) byte for byte (deterministic ids and output)", async () => {
    const first = await pipeline();
    const files = emitAll(first.table, first.components);
    const dir = new URL("../../", import.meta.url).pathname;
    for (const file of files) {
      const path = join(dir, file.path);
      expect(existsSync(path), file.path).toBe(true);
      expect(readFileSync(path, "utf8") === file.text, `${file.path} differs; run pnpm generate`).toBe(true);
    }
  });

  it("copies no vendor prose: no description or summary of the specs appears in the generated code", async () => {
    const { specs } = await pipeline();
    const prose = new Set<string>();
    const seen = new WeakSet<object>();
    const walk = (node: unknown, inProperties: boolean): void => {
      if (node === null || typeof node !== "object" || seen.has(node)) return;
      seen.add(node);
      for (const [key, value] of Object.entries(node)) {
        if (!inProperties && (key === "description" || key === "summary") && typeof value === "string") {
          if (value.length >= 40 && value.slice(0, 40).split(" ").length >= 4) prose.add(value.slice(0, 40));
        } else walk(value, key === "properties" && !inProperties);
      }
    };
    for (const spec of specs) walk(spec.doc["paths"], false);
    const dir = new URL("../../", import.meta.url).pathname;
    const files = emitAll((await pipeline()).table, (await pipeline()).components).map((f) => f.path);
    const text = files.map((f) => readFileSync(join(dir, f), "utf8")).join("\n");
    expect(prose.size).toBeGreaterThan(500);
    expect([...prose].filter((d) => text.includes(d))).toEqual([]);
  });
});
