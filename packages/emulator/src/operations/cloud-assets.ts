/**
 * Cortex Cloud asset inventory, asset groups, vulnerability intelligence and
 * compliance results with state (reference xsoar-xpanse-cloud §4.4–4.6). The
 * inventory and groups use the AND/OR filter tree; an asset's groups are the
 * groups whose membership predicate it matches, and a key with an `assets`
 * scope sees only assets (and their compliance results) in its groups.
 */
import { REPLY_ERRORS } from "../envelopes.js";
import type { OperationResult } from "../generic.js";
import { asObject, filterValue, isJsonObject, readPaging, type JsonObject } from "../query.js";
import type { Operation, OperationContext } from "../router.js";
import { scopeAllows } from "../scope.js";
import { compileFilterTree, compileTreeSort, type FlatRecord } from "../state/cloud/filter-tree.js";
import { CLOUD_DATA, groupIdsOf, type AssetGroup, type CloudData, type CloudRecord } from "../state/cloud/model.js";
import { compareField, compileFieldFilters, listReply, pageList, readCortexSort, type FieldDescription } from "../state/xpanse/cortex-list.js";
import { PUBLIC_API_V1 } from "./paths.js";
import { servedBy } from "./served.js";

/** Page size of the asset inventory without `search_to`, and its largest page (the operation table's 100). */
export const ASSET_PAGE = { default: 100, max: 100 } as const;

/** The body of a list call: `request_data` when sent, else the body root (the spec's placement). */
function listBody(context: OperationContext): JsonObject {
  const body = isJsonObject(context.body) ? context.body : {};
  return isJsonObject(body["request_data"]) ? body["request_data"] : body;
}

function windowOf(input: JsonObject, defaults: { default: number; max: number }): { from: number; to: number } {
  const from = typeof input["search_from"] === "number" ? input["search_from"] : 0;
  return readPaging({ ...input, search_to: input["search_to"] ?? from + defaults.default }, defaults.max);
}

function assetVisible(context: OperationContext, data: CloudData, asset: FlatRecord): boolean {
  return scopeAllows(context.key.scope, { kind: "assets", groupIds: groupIdsOf(asset, data.groups.values()) });
}

function assetView(data: CloudData, asset: CloudRecord): CloudRecord {
  return { ...asset, "xdm.asset.group_ids": groupIdsOf(asset, data.groups.values()).map(String) };
}

async function listAssets(context: OperationContext): Promise<OperationResult> {
  const input = listBody(context);
  const data = await CLOUD_DATA.get(context.state, context.tenant);
  const matches = compileFilterTree(input["filters"]);
  const compare = compileTreeSort(input["sort"]);
  const { from, to } = windowOf(input, ASSET_PAGE);
  // Filters see the group ids too, so `xdm.asset.group_ids` can be searched.
  const visible = [...data.assets.values()].filter((asset) => assetVisible(context, data, asset)).map((asset) => assetView(data, asset));
  const selected = visible.filter(matches);
  if (compare !== undefined) selected.sort(compare);
  return { body: { reply: { data: selected.slice(from, to), metadata: { filter_count: selected.length, total_count: visible.length } } } };
}

/** `POST /public_api/v1/assets`: the inventory with an AND/OR filter → `{"reply": {data, metadata}}`. */
export const cloudListAssets: Operation = {
  id: "assets",
  method: "POST",
  surface: "cortex",
  path: `${PUBLIC_API_V1}/assets`,
  permission: "assets:view",
  products: servedBy("assets", "cloud"),
  handle: listAssets,
};

function groupView(context: OperationContext, group: AssetGroup): CloudRecord {
  const usedBySbac = [...context.tenant.keys.values()].some((key) => key.scope?.assets.asset_groups.some((entry) => entry.asset_group_id === group.id) === true);
  return {
    "XDM.ASSET_GROUP.ID": group.id,
    "XDM.ASSET_GROUP.NAME": group.name,
    "XDM.ASSET_GROUP.TYPE": group.type,
    "XDM.ASSET_GROUP.DESCRIPTION": group.description,
    "XDM.ASSET_GROUP.FILTER": JSON.stringify(group.predicate),
    "XDM.ASSET_GROUP.MEMBERSHIP_PREDICATE": group.predicate,
    "XDM.ASSET_GROUP.CREATION_TIME": group.createdAt,
    "XDM.ASSET_GROUP.CREATED_BY": group.createdBy,
    "XDM.ASSET_GROUP.LAST_UPDATE_TIME": group.createdAt,
    "XDM.ASSET_GROUP.MODIFIED_BY": group.createdBy,
    IS_USED_BY_SBAC: usedBySbac,
  };
}

/** `POST /public_api/v1/asset-groups`: groups with an AND/OR filter over `XDM.ASSET_GROUP.*` → `{data, metadata}`. */
export const cloudListAssetGroups: Operation = {
  id: "asset_groups",
  method: "POST",
  surface: "cortex",
  path: `${PUBLIC_API_V1}/asset-groups`,
  permission: "assets:view",
  products: servedBy("asset_groups", "cloud"),
  handle: async (context) => {
    const input = listBody(context);
    const data = await CLOUD_DATA.get(context.state, context.tenant);
    const matches = compileFilterTree(input["filters"]);
    const compare = compileTreeSort(input["sort"]);
    const { from, to } = windowOf(input, ASSET_PAGE);
    const all = [...data.groups.values()].map((group) => groupView(context, group));
    const selected = all.filter(matches);
    if (compare !== undefined) selected.sort(compare);
    return { body: { data: selected.slice(from, to), metadata: { filter_count: selected.length, total_count: all.length } } };
  },
};

/** `POST /public_api/v1/asset-groups/create` `{asset_group: {group_name, group_type, group_description?, membership_predicate}}`. */
export const cloudCreateAssetGroup: Operation = {
  id: "asset_groups.create",
  method: "POST",
  surface: "cortex",
  path: `${PUBLIC_API_V1}/asset-groups/create`,
  permission: "assets:action",
  products: servedBy("asset_groups.create", "cloud"),
  handle: async (context) => {
    const input = listBody(context)["asset_group"];
    if (!isJsonObject(input)) throw REPLY_ERRORS.invalidInput("asset_group: Input should be a valid dictionary");
    const name = filterValue.string(input["group_name"], "asset_group.group_name");
    const type = filterValue.oneOf(input["group_type"], "asset_group.group_type", ["Dynamic", "Static"] as const);
    const predicate = input["membership_predicate"] ?? {};
    compileFilterTree(predicate, "asset_group.membership_predicate");
    const data = await CLOUD_DATA.get(context.state, context.tenant);
    if ([...data.groups.values()].some((group) => group.name === name)) throw REPLY_ERRORS.invalidInput(`Asset group '${name}' already exists`);
    const id = data.next.group++;
    const description = input["group_description"];
    data.groups.set(id, {
      id,
      name,
      type,
      description: typeof description === "string" ? description : "",
      predicate,
      createdAt: context.now,
      createdBy: context.key.bootstrap ? "admin@example.com" : `apikey-${context.key.id}`,
    });
    await CLOUD_DATA.save(context.state, context.tenant);
    return { body: { reply: { data: { success: true, asset_group_id: id } } } };
  },
};

type Fields = Readonly<Record<string, FieldDescription<CloudRecord>>>;
const field = (name: string, ops: FieldDescription<CloudRecord>["ops"]): FieldDescription<CloudRecord> => ({ get: (record) => record[name], ops });

const VULNERABILITY_FIELDS: Fields = {
  vulnerability_id: field("vulnerability_id", ["eq", "neq", "in", "contains", "not_contains"]),
  attack_vector: field("attack_vector", ["eq", "neq"]),
  cisa_kev: field("cisa_kev", ["eq", "neq"]),
  cvss_score: field("cvss_score", ["eq", "neq", "gte", "lte"]),
  cvss_score_source: field("cvss_score_source", ["eq", "neq"]),
  cvss_severity: field("cvss_severity", ["eq", "neq", "in"]),
  cvss_severity_source: field("cvss_severity_source", ["eq", "neq"]),
  cvss_version: field("cvss_version", ["eq", "neq"]),
  distribution_and_releases: field("distribution_and_releases", ["contains", "not_contains"]),
  epss_score: field("epss_score", ["eq", "neq", "gte", "lte"]),
  first_published: field("first_published", ["gte", "lte"]),
  last_modified: field("last_modified", ["gte", "lte"]),
  package_names: field("package_names", ["contains", "not_contains"]),
  vendors: field("vendors", ["contains", "not_contains"]),
};

/** `POST /public_api/uvem/v1/get_vulnerabilities`: filtered, sorted, paged (or page-token) CVE intelligence. */
export const cloudGetVulnerabilities: Operation = {
  id: "uvem.get_vulnerabilities",
  method: "POST",
  surface: "cortex",
  path: "/public_api/uvem/v1/get_vulnerabilities",
  permission: "vulnerabilities:view",
  products: servedBy("uvem.get_vulnerabilities", "cloud"),
  handle: async (context) => {
    const input = asObject(context.requestData, "request_data");
    const data = await CLOUD_DATA.get(context.state, context.tenant);
    const matches = compileFieldFilters(input["filters"], VULNERABILITY_FIELDS);
    const sort = readCortexSort(input["sort"], Object.keys(VULNERABILITY_FIELDS));
    const page = pageList<CloudRecord>(context, input, {
      operation: "uvem.get_vulnerabilities",
      maxSize: 500,
      idOf: (record) => String(record["vulnerability_id"]),
      lookup: (id) => data.vulnerabilities.get(id),
      select: (sorted) => {
        const selected = [...data.vulnerabilities.values()].filter(matches);
        if (!sorted || sort === undefined) return selected;
        return selected.sort((a, b) => (sort.desc ? -1 : 1) * compareField(a[sort.field], b[sort.field]));
      },
    });
    return { body: listReply("vulnerabilities", page) };
  },
};

const COMPLIANCE_TEXT = ["eq", "neq", "contains", "not_contains"] as const;
const COMPLIANCE_FIELDS: Fields = Object.fromEntries(
  [
    ["asset_name", "ASSET_NAME", COMPLIANCE_TEXT],
    ["rule_name", "RULE_NAME", COMPLIANCE_TEXT],
    ["control", "CONTROL", COMPLIANCE_TEXT],
    ["asset_type", "ASSET_TYPE", ["eq", "neq"]],
    ["status", "STATUS", ["eq", "neq"]],
    ["severity", "SEVERITY", ["eq", "neq"]],
    ["rule_type", "RULE_TYPE", ["eq", "neq"]],
  ].flatMap(([lower, upper, ops]) => {
    const description = field(upper as string, ops as FieldDescription<CloudRecord>["ops"]);
    return [
      [lower as string, description],
      [upper as string, description],
    ];
  }),
);

/** `POST /public_api/v1/compliance/get_assets`: compliance results per asset and rule (at most 100 a page). */
export const cloudComplianceAssets: Operation = {
  id: "compliance.get_assets",
  method: "POST",
  surface: "cortex",
  path: `${PUBLIC_API_V1}/compliance/get_assets`,
  permission: "compliance:view",
  products: servedBy("compliance.get_assets", "cloud"),
  handle: async (context) => {
    const input = asObject(context.requestData, "request_data");
    filterValue.string(input["assessment_profile_revision"], "assessment_profile_revision");
    filterValue.integer(input["last_evaluation_time"], "last_evaluation_time");
    const data = await CLOUD_DATA.get(context.state, context.tenant);
    const matches = compileFieldFilters(input["filters"], COMPLIANCE_FIELDS);
    const sort = readCortexSort(input["sort"], ["asset_name", "asset_type", "status", "rule_name", "control", "severity"]);
    const visible = data.compliance.filter((row) => {
      const asset = data.assets.get(String(row["ASSET_ID"]));
      return asset === undefined || assetVisible(context, data, asset);
    });
    const selected = visible.filter(matches);
    if (sort !== undefined) selected.sort((a, b) => (sort.desc ? -1 : 1) * compareField(a[sort.field.toUpperCase()], b[sort.field.toUpperCase()]));
    const { from, to } = windowOf(input, { default: 100, max: 100 });
    const page = selected.slice(from, to);
    return { body: { reply: { total_count: visible.length, result_count: page.length, filter_count: selected.length, assets: page } } };
  },
};

/** Every stateful Cortex Cloud asset, vulnerability and compliance operation. */
export const CLOUD_ASSET_OPERATIONS: readonly Operation[] = [cloudListAssets, cloudListAssetGroups, cloudCreateAssetGroup, cloudGetVulnerabilities, cloudComplianceAssets];
