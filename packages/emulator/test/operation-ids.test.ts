import { getOperation } from "@cortex-sdk/schemas";
import { describe, expect, it } from "vitest";
import { OPERATIONS } from "../src/operations/index.js";
import { ROUTES_OUTSIDE_THE_TABLE } from "../src/operations/outside-the-table.js";

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
});
