import { describe, expect, it } from "vitest";
import { DEPLOYMENTS, deploymentOf, getOperationById, isProduct, operations, PROBE_OPERATIONS, productOf, PRODUCT_TITLES, PRODUCTS } from "../src/index.js";

describe("the product list", () => {
  it("names every product an operation of the table is served by, and nothing else", () => {
    const served = new Set(operations.flatMap((entry) => entry.products));
    expect([...served].sort()).toEqual([...PRODUCTS].sort());
  });

  it("has a title per product and a deployment per product and XSOAR version, and maps them both ways", () => {
    expect(Object.keys(PRODUCT_TITLES).sort()).toEqual([...PRODUCTS].sort());
    expect(PRODUCTS.flatMap((product) => (product === "xsoar" ? [deploymentOf(product, 6), deploymentOf(product, 8)] : [deploymentOf(product)]))).toEqual([...DEPLOYMENTS]);
    expect(DEPLOYMENTS.map(productOf)).toEqual(["xdr", "xsiam", "xsoar", "xsoar", "xpanse", "cloud"]);
    expect(() => deploymentOf("xsoar")).toThrow(/major version/);
    expect(isProduct("xsoar")).toBe(true);
    expect(isProduct("xsoar8")).toBe(false);
  });

  it("probes with operations of the table that every key may read", () => {
    for (const id of Object.values(PROBE_OPERATIONS)) expect(getOperationById(id)?.retrySafety, id).toBe("read");
    expect(getOperationById(PROBE_OPERATIONS.healthCheck)?.products).toEqual([...PRODUCTS]);
  });
});
