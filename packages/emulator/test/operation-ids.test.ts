import { getOperation } from "@cortex-sdk/schemas";
import { describe, expect, it } from "vitest";
import { OPERATIONS } from "../src/operations/index.js";
import { ROUTES_OUTSIDE_THE_TABLE } from "../src/operations/outside-the-table.js";
import { servedBy, STATE_HOLDERS, tableDeployments } from "../src/operations/served.js";

describe("the emulator's operation ids", () => {
  it("are the table's ids: each specific operation carries the id of the table entry at its method and path", () => {
    const differing = OPERATIONS.filter((operation) => operation.id in ROUTES_OUTSIDE_THE_TABLE === false)
      .map((operation) => ({ id: operation.id, route: `${operation.method} ${operation.path}`, table: getOperation(operation.method, operation.path)?.id }))
      .filter((row) => row.table !== row.id);
    expect(differing).toEqual([]);
  });

  it("list the routes outside the table with a reason, and only routes the table really lacks", () => {
    const outside = OPERATIONS.filter((operation) => operation.id in ROUTES_OUTSIDE_THE_TABLE);
    expect(new Set(outside.map((operation) => operation.id))).toEqual(new Set(Object.keys(ROUTES_OUTSIDE_THE_TABLE)));
    for (const operation of outside) expect(getOperation(operation.method, operation.path), operation.id).toBeUndefined();
  });

  it("are served on the deployments the table lists for them, limited to the tenants that hold their state", () => {
    const beyondTheTable = OPERATIONS.filter((operation) => !(operation.id in ROUTES_OUTSIDE_THE_TABLE))
      .map((operation) => ({ id: operation.id, products: operation.products, table: tableDeployments(operation.id) ?? [] }))
      .filter((row) => row.products.length === 0 || row.products.some((deployment) => !row.table.includes(deployment)));
    expect(beyondTheTable).toEqual([]);
    // XSIAM serves the Cloud issue API by the table, but its tenants hold no Cloud state: Cloud only.
    expect(tableDeployments("issue.search")).toEqual(["xsiam", "cloud"]);
    expect(servedBy("issue.search", "cloud")).toEqual(["cloud"]);
    expect(servedBy("healthcheck")).toEqual(tableDeployments("healthcheck"));
    expect(servedBy("download.file", "xdr")).toEqual(STATE_HOLDERS.xdr);
    expect(() => servedBy("no.such.operation")).toThrow(/not in the operation table/);
  });
});
