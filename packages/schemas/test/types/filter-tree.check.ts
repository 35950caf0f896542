/**
 * Type tests of the AND/OR filter trees (Cortex Cloud and XSIAM `assets`, `asset_groups`,
 * `asset_groups.create`/`update`), checked by `tsc` with the package's typecheck: the tree nests to any
 * depth, each condition ties its field to the search types it takes and their value type, and the
 * builders (`andFilter`, `orFilter`, `searchCondition`) produce values of those types. Each
 * `@ts-expect-error` fails the build if its line compiles.
 */
import { andFilter, orFilter, searchCondition, tenantField } from "@cortex-sdk/schemas-base";
import type { AssetFilter, AssetFilterCondition, AssetGroupFilter, CloudRequestOf } from "@cortex-sdk/schemas-cloud";
import type { XsiamRequestOf } from "@cortex-sdk/schemas-xsiam";

// Literal trees, nested four deep.
export const deep: AssetFilter = {
  AND: [
    { SEARCH_FIELD: "xdm.asset.provider", SEARCH_TYPE: "EQ", SEARCH_VALUE: "AWS" },
    { OR: [{ AND: [{ OR: [{ SEARCH_FIELD: "xdm.asset.first_observed", SEARCH_TYPE: "RANGE", SEARCH_VALUE: { from: 1, to: 2 } }] }] }] },
  ],
};
export const empty_check: AssetFilterCondition = { SEARCH_FIELD: "xdm.asset.name", SEARCH_TYPE: "IS_EMPTY" };
export const ip: AssetFilterCondition = { SEARCH_FIELD: "xdm.host.ipv4_addresses", SEARCH_TYPE: "INCIDR", SEARCH_VALUE: "10.0.0.0/8" };
// @ts-expect-error not a field of the asset inventory
export const wrong_field: AssetFilterCondition = { SEARCH_FIELD: "xdm.asset.colour", SEARCH_TYPE: "EQ", SEARCH_VALUE: "red" };
// A field the tenant's asset schema has beyond the documented ones: marked with tenantField, any search type and value.
export const tenant: AssetFilterCondition = { SEARCH_FIELD: tenantField("xdm.asset.tags"), SEARCH_TYPE: "ARRAY_CONTAINS", SEARCH_VALUE: ["prod"] };
export const tenant_built: CloudRequestOf<"assets"> = { filters: andFilter(searchCondition(tenantField("xdm.asset.tags"), "CONTAINS", "prod"), searchCondition("xdm.asset.provider", "EQ", "AWS")) };
// @ts-expect-error a tenant field still takes only the dialect's search types
export const tenant_wrong_type: AssetFilterCondition = { SEARCH_FIELD: tenantField("xdm.asset.tags"), SEARCH_TYPE: "LIKE", SEARCH_VALUE: "x" };
// @ts-expect-error asset groups have no tenant fields
export const tenant_group: AssetGroupFilter = { AND: [{ SEARCH_FIELD: tenantField("XDM.ASSET_GROUP.OWNER"), SEARCH_TYPE: "EQ", SEARCH_VALUE: "x" }] };
// @ts-expect-error a text field takes no GT
export const wrong_type: AssetFilterCondition = { SEARCH_FIELD: "xdm.asset.provider", SEARCH_TYPE: "GT", SEARCH_VALUE: "AWS" };
// @ts-expect-error a time takes epoch milliseconds
export const wrong_value: AssetFilterCondition = { SEARCH_FIELD: "xdm.asset.last_observed", SEARCH_TYPE: "GTE", SEARCH_VALUE: "yesterday" };
// @ts-expect-error IN takes a list
export const wrong_in: AssetFilterCondition = { SEARCH_FIELD: "xdm.asset.name", SEARCH_TYPE: "IN", SEARCH_VALUE: "a" };
// @ts-expect-error a wrong condition deep inside a tree
export const wrong_deep: AssetFilter = { AND: [{ OR: [{ AND: [{ SEARCH_FIELD: "xdm.asset.realm", SEARCH_TYPE: "RANGE", SEARCH_VALUE: { from: 1, to: 2 } }] }] }] };
// @ts-expect-error a node is AND or OR
export const wrong_node: AssetFilter = { XOR: [] };

// Requests of the typed operations.
export const assets: CloudRequestOf<"assets"> = { filters: deep, search_from: 0, search_to: 100 };
export const xsiam_assets: XsiamRequestOf<"assets"> = { filters: { OR: [{ SEARCH_FIELD: "xdm.asset.group_ids", SEARCH_TYPE: "ARRAY_CONTAINS", SEARCH_VALUE: ["1"] }] } };
export const groups: CloudRequestOf<"asset_groups"> = { filters: { AND: [{ SEARCH_FIELD: "XDM.ASSET_GROUP.TYPE", SEARCH_TYPE: "EQ", SEARCH_VALUE: "Dynamic" }] } };
// @ts-expect-error group types are Dynamic or Static
export const groups_wrong_value: CloudRequestOf<"asset_groups"> = { filters: { AND: [{ SEARCH_FIELD: "XDM.ASSET_GROUP.TYPE", SEARCH_TYPE: "EQ", SEARCH_VALUE: "Dynamo" }] } };
// @ts-expect-error asset fields do not filter groups
export const groups_wrong_field: AssetGroupFilter = { AND: [{ SEARCH_FIELD: "xdm.asset.provider", SEARCH_TYPE: "EQ", SEARCH_VALUE: "AWS" }] };
export const create: CloudRequestOf<"asset_groups.create"> = { asset_group: { group_name: "aws", group_type: "Dynamic", membership_predicate: { AND: [{ SEARCH_FIELD: "xdm.asset.provider", SEARCH_TYPE: "EQ", SEARCH_VALUE: "AWS" }] } } };
// @ts-expect-error a membership predicate is over asset fields
export const create_wrong: CloudRequestOf<"asset_groups.create"> = { asset_group: { group_name: "g", membership_predicate: { AND: [{ SEARCH_FIELD: "XDM.ASSET_GROUP.NAME", SEARCH_TYPE: "EQ", SEARCH_VALUE: "x" }] } } };

// The builders keep literal types, so the trees they build are checked where they are used.
export const built: AssetFilter = andFilter(
  searchCondition("xdm.asset.provider", "IN", ["AWS", "GCP"]),
  orFilter(searchCondition("xdm.asset.type.class", "EQ", "Compute"), andFilter(searchCondition("xdm.asset.first_observed", "RELATIVE_TIMESTAMP", 86_400_000))),
);
export const built_request: CloudRequestOf<"assets"> = { filters: orFilter(searchCondition("xdm.asset.cloud.region", "WILDCARD", "us-*")) };
// @ts-expect-error built with a field the asset inventory does not have
export const built_wrong_field: AssetFilter = andFilter(searchCondition("xdm.asset.colour", "EQ", "red"));
// @ts-expect-error built with a search type the field does not take
export const built_wrong_type: AssetFilter = andFilter(orFilter(searchCondition("xdm.asset.name", "GT", 1)));
// @ts-expect-error built with a value of the wrong type
export const built_wrong_value: CloudRequestOf<"assets"> = { filters: andFilter(searchCondition("xdm.asset.last_observed", "LT", "now")) };
