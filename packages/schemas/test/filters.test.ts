import { describe, expect, expectTypeOf, it } from "vitest";
import { andFilter, orFilter, searchCondition, type SearchTree } from "../src/index.js";
import { filterList, type FilterFieldOf, type FilterOperatorOf } from "../src/shapes.js";

describe("filter builders", () => {
  it("builds the flat AND list with each operation's fields and operators", () => {
    const filters = filterList("incidents.get_incidents").where("status", "eq", "new").where("creation_time", "gte", 1700000000000).build();
    expect(filters).toEqual([
      { field: "status", operator: "eq", value: "new" },
      { field: "creation_time", operator: "gte", value: 1700000000000 },
    ]);
    const endpoints = filterList("endpoints.get_endpoint").where("scan_status", "in", ["pending"]).build();
    expect(endpoints).toEqual([{ field: "scan_status", operator: "in", value: ["pending"] }]);
  });

  it("types fields and operators per operation (and per field for curated filters)", () => {
    expectTypeOf<FilterFieldOf<"alerts.get_alerts">>().toEqualTypeOf<"alert_id_list" | "alert_source" | "severity" | "creation_time">();
    expectTypeOf<FilterOperatorOf<"alerts.get_alerts">>().toEqualTypeOf<"in" | "gte" | "lte">();
    expectTypeOf<FilterOperatorOf<"incidents.get_incidents", "status">>().toEqualTypeOf<"eq" | "neq">();
    expectTypeOf<FilterOperatorOf<"incidents.get_incidents", "creation_time">>().toEqualTypeOf<"gte" | "lte">();
    // @ts-expect-error status takes eq/neq only
    filterList("incidents.get_incidents").where("status", "gte", "new");
    // @ts-expect-error not a documented field
    filterList("alerts.get_alerts").where("no_such_field", "in", []);
    expectTypeOf<FilterFieldOf<"healthcheck">>().toBeNever();
  });

  it("returns a fresh array each build", () => {
    const builder = filterList("alerts.get_alerts").where("severity", "in", ["high"]);
    const a = builder.build();
    a.pop();
    expect(builder.build()).toHaveLength(1);
  });

  it("builds the AND/OR tree dialect", () => {
    const tree: SearchTree = andFilter(searchCondition("xdm.asset.provider", "EQ", "AWS"), orFilter(searchCondition("severity", "IN", ["SEV_040_HIGH"]), searchCondition("source_insert_ts", "RANGE", { from: 1, to: 2 })));
    expect(tree).toEqual({
      AND: [
        { SEARCH_FIELD: "xdm.asset.provider", SEARCH_TYPE: "EQ", SEARCH_VALUE: "AWS" },
        { OR: [{ SEARCH_FIELD: "severity", SEARCH_TYPE: "IN", SEARCH_VALUE: ["SEV_040_HIGH"] }, { SEARCH_FIELD: "source_insert_ts", SEARCH_TYPE: "RANGE", SEARCH_VALUE: { from: 1, to: 2 } }] },
      ],
    });
    expect(() => searchCondition("x", "LIKE" as never, 1)).toThrow(/unknown SEARCH_TYPE LIKE/);
  });
});
