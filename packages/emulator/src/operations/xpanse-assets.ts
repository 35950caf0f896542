/**
 * Xpanse attack-surface operations with state (reference xsoar-xpanse-cloud
 * §3): internet-exposure assets, external services, owned IP ranges,
 * websites, vulnerability tests, attack surface rules and ASM alerts, with
 * filters, sort, `search_from`/`search_to` and the page-token flow; tag
 * assignment and vulnerability-test status changes show on the next read.
 *
 * Served for Xpanse and Cortex Cloud tenants (the same ASM endpoints exist
 * there); alerts for Xpanse only (XDR/XSIAM alerts are another data set).
 */
import { REPLY_ERRORS } from "../envelopes.js";
import type { OperationResult } from "../generic.js";
import { asObject, filterValue, type JsonObject } from "../query.js";
import type { Operation, OperationContext } from "../router.js";
import type { Permission } from "../rbac.js";
import type { Deployment } from "@cortex-sdk/schemas-base/products";
import {
  compareField,
  compileFieldFilters,
  listReply,
  pageList,
  readCortexSort,
  type FieldDescription,
} from "../state/xpanse/cortex-list.js";
import { XPANSE_DATA, assetTypeFilterValue, type XpanseData, type XpanseRecord } from "../state/xpanse/model.js";
import { PUBLIC_API_V1 } from "./paths.js";
import { servedBy, type SimulatedState } from "./served.js";

type Fields = Readonly<Record<string, FieldDescription<XpanseRecord>>>;

const TEXT = ["eq", "neq", "in", "contains", "not_contains"] as const;
const field = (name: string, ops: FieldDescription<XpanseRecord>["ops"] = TEXT): FieldDescription<XpanseRecord> => ({ get: (record) => record[name], ops });
const NUMERIC = ["eq", "neq", "gte", "lte"] as const;

interface ListSpec {
  readonly id: string;
  readonly path: string;
  readonly collection: keyof XpanseData;
  readonly itemsField: string;
  readonly idOf: (record: XpanseRecord) => string;
  readonly fields: Fields;
  readonly sorts: readonly string[];
  readonly defaultSort?: { readonly field: string; readonly desc: boolean };
  readonly maxSize: number;
  readonly defaultSize?: number;
  readonly permission: Permission;
  /** The simulated state it reads (default the attack surface). */
  readonly state?: SimulatedState;
  /** Reads a sort field (default: the record field of that name). */
  readonly sortKey?: (record: XpanseRecord, field: string) => unknown;
}

function sortKey(record: XpanseRecord, name: string): unknown {
  return name === "Id" ? record["range_id"] : record[name];
}

function listOperation(spec: ListSpec): Operation {
  return {
    id: spec.id,
    method: "POST",
    surface: "cortex",
    path: spec.path,
    permission: spec.permission,
    products: servedBy(spec.id, spec.state ?? "asm"),
    handle: async (context): Promise<OperationResult> => {
      const readSortKey = spec.sortKey ?? sortKey;
      const data = asObject(context.requestData, "request_data");
      const store = (await XPANSE_DATA.get(context.state, context.tenant))[spec.collection];
      const matches = compileFieldFilters(data["filters"], spec.fields);
      const sort = readCortexSort(data["sort"], spec.sorts) ?? spec.defaultSort;
      const page = pageList<XpanseRecord>(context, data, {
        operation: spec.id,
        maxSize: spec.maxSize,
        ...(spec.defaultSize === undefined ? {} : { defaultSize: spec.defaultSize }),
        idOf: spec.idOf,
        lookup: (id) => store.get(id),
        select: (sorted) => {
          const selected = [...store.values()].filter(matches);
          if (!sorted || sort === undefined) return selected;
          return selected.sort((a, b) => {
            const order = compareField(readSortKey(a, sort.field), readSortKey(b, sort.field));
            return sort.desc ? -order : order;
          });
        },
      });
      return { body: listReply(spec.itemsField, page) };
    },
  };
}

const ASSET_FIELDS: Fields = {
  name: field("name"),
  ip_address: field("ips"),
  ipv6_address: field("ipv6s"),
  type: { get: (record) => assetTypeFilterValue(record["asset_type"]), ops: TEXT },
  asm_id_list: { get: (record) => record["asm_ids"], ops: ["in"] },
  business_units: field("business_units"),
  business_units_list: field("business_units"),
  externally_detected_providers: field("externally_detected_providers"),
  externally_inferred_cves: field("externally_inferred_cves"),
  mac_addresses: field("mac_addresses"),
  has_xdr_agent: field("has_xdr_agent"),
  has_active_external_services: { get: (record) => (record["has_active_externally_services"] === true ? "yes" : "no"), ops: TEXT },
  tags: field("tags"),
};

const SERVICE_FIELDS: Fields = {
  service_name: field("service_name"),
  service_type: field("service_type"),
  service_type_list: field("service_type"),
  protocol: field("protocol"),
  ip_address: field("ip_address"),
  ipv6_address: field("ipv6_address"),
  domain: field("domain"),
  is_active: { get: (record) => (record["is_active"] === "Active" ? "yes" : "no"), ops: TEXT },
  discovery_type: {
    get: (record) => (record["discovery_type"] === "ColocatedOnIp" ? "colocated_on_ip" : record["discovery_type"] === "DirectlyDiscovered" ? "directly_discovered" : "unknown"),
    ops: TEXT,
  },
  business_units_list: field("business_units"),
  tags: field("tags"),
  externally_detected_providers: field("externally_detected_providers"),
  externally_inferred_cves: field("externally_inferred_cves"),
  active_classifications: field("active_classifications"),
  inactive_classifications: field("inactive_classifications"),
};

const RANGE_FIELDS: Fields = {
  organization_handles: field("organization_handles"),
  business_units: field("business_units"),
  business_units_list: field("business_units"),
  tags: field("tags"),
  ipaddress_version: field("ipaddress_version", ["eq", "neq", "in"]),
  has_bu_overrides: field("has_bu_overrides", ["eq", "neq"]),
  range_id_list: { get: (record) => record["range_id"], ops: ["in", "contains", "not_contains"] },
};

const WEBSITE_FIELDS: Fields = Object.fromEntries(
  ["host", "ips", "is_active", "http_type", "authentication", "technology_ids", "provider_names", "tags", "active_service_ids", "third_party_script_domains", "site_categories"].map(
    (name) => [name, field(name)],
  ),
);

const VULNERABILITY_TEST_FIELDS: Fields = {
  name: field("name", ["contains", "eq", "neq"]),
  status: field("status", ["eq", "neq"]),
  vulnerability_ids: field("vulnerability_ids", ["contains", "not_contains", "in"]),
  description: field("description", ["contains"]),
  affected_software: field("affected_software", ["contains", "not_contains"]),
  cwe_ids: field("cwe_ids", ["contains", "not_contains"]),
  vendor_names: field("vendor_names", ["contains", "not_contains"]),
  severity_score: field("severity_score", NUMERIC),
  epss_score: field("epss_score", NUMERIC),
  count_vulnerable_services: field("count_vulnerable_services", NUMERIC),
};

const RULE_FIELDS: Fields = Object.fromEntries(
  ["attack_surface_rule_id", "category", "priority", "enabled_status", "asm_alert_categories"].map((name) => [name, field(name, ["in"])]),
);

const SEVERITY_RANK: Readonly<Record<string, number>> = { informational: 0, low: 1, medium: 2, high: 3, critical: 4 };

const ALERT_FIELDS: Fields = {
  alert_id_list: { get: (record) => Number(record["alert_id"]), ops: ["in"] },
  external_id_list: field("external_id", ["in"]),
  alert_source: field("source", ["in"]),
  severity: field("severity", ["in"]),
  status: field("status", ["in"]),
  tags: field("tags", ["in"]),
  host_name: field("host_name", ["in"]),
  case_id_list: field("case_id", ["in"]),
  attack_surface_rule_id: field("attack_surface_rule_id", ["in"]),
  attack_surface_rule_name: field("attack_surface_rule_name", ["in"]),
  creation_time: field("detection_timestamp", ["gte", "lte"]),
  server_creation_time: field("local_insert_ts", ["gte", "lte"]),
  last_modified_ts: field("last_modified_ts", ["gte", "lte"]),
};

const LISTS: readonly ListSpec[] = [
  {
    id: "assets.get_assets_internet_exposure",
    path: `${PUBLIC_API_V1}/assets/get_assets_internet_exposure`,
    collection: "assets",
    itemsField: "assets_internet_exposure",
    idOf: (record) => String((record["asm_ids"] as string[])[0]),
    fields: ASSET_FIELDS,
    sorts: ["name", "first_observed", "last_observed"],
    maxSize: 500,
    permission: "asm:view",
  },
  {
    id: "assets.get_external_services",
    path: `${PUBLIC_API_V1}/assets/get_external_services`,
    collection: "services",
    itemsField: "external_services",
    idOf: (record) => String(record["service_id"]),
    fields: SERVICE_FIELDS,
    sorts: ["service_name", "first_observed", "last_observed", "port"],
    maxSize: 500,
    permission: "asm:view",
  },
  {
    id: "assets.get_external_ip_address_ranges",
    path: `${PUBLIC_API_V1}/assets/get_external_ip_address_ranges`,
    collection: "ranges",
    itemsField: "external_ip_address_ranges",
    idOf: (record) => String(record["range_id"]),
    fields: RANGE_FIELDS,
    sorts: ["Id", "first_ip", "last_ip"],
    maxSize: 1000,
    defaultSize: 500,
    permission: "asm:view",
  },
  {
    id: "assets.get_external_websites",
    path: `${PUBLIC_API_V1}/assets/get_external_websites`,
    collection: "websites",
    itemsField: "websites",
    idOf: (record) => String(record["website_id"]),
    fields: WEBSITE_FIELDS,
    sorts: ["host", "first_observed", "last_observed"],
    maxSize: 500,
    permission: "asm:view",
  },
  {
    id: "assets.get_vulnerability_tests",
    path: `${PUBLIC_API_V1}/assets/get_vulnerability_tests`,
    collection: "vulnerabilityTests",
    itemsField: "vulnerability_tests",
    idOf: (record) => String(record["name"]),
    fields: VULNERABILITY_TEST_FIELDS,
    sorts: ["name", "severity_score", "epss_score", "created"],
    maxSize: 500,
    permission: "asm:view",
  },
  {
    id: "get_attack_surface_rules",
    path: `${PUBLIC_API_V1}/get_attack_surface_rules`,
    collection: "rules",
    itemsField: "attack_surface_rules",
    idOf: (record) => String(record["attack_surface_rule_id"]),
    fields: RULE_FIELDS,
    sorts: ["enabled_status", "priority", "category", "attack_surface_rule_id", "attack_surface_rule_name", "created"],
    defaultSort: { field: "created", desc: true },
    maxSize: 500,
    permission: "asm:view",
  },
];

const alertsOperation: Operation = listOperation({
  id: "v2.alerts.get_alerts_multi_events",
  path: "/public_api/v2/alerts/get_alerts_multi_events",
  collection: "alerts",
  itemsField: "alerts",
  idOf: (record) => String(record["alert_id"]),
  fields: ALERT_FIELDS,
  sorts: ["creation_time", "severity"],
  sortKey: (record, name) => (name === "creation_time" ? record["detection_timestamp"] : SEVERITY_RANK[String(record["severity"])]),
  maxSize: 100,
  permission: "alerts:view",
  state: "xpanse",
});

function detailOperation(id: string, path: string, idsField: string, max: number, collection: keyof XpanseData, shape: (record: XpanseRecord) => XpanseRecord): Operation {
  return {
    id,
    method: "POST",
    surface: "cortex",
    path: `${PUBLIC_API_V1}${path}`,
    permission: "asm:view",
    products: servedBy(id, "asm"),
    handle: async (context) => {
      const data = asObject(context.requestData, "request_data");
      const ids = filterValue.stringList(data[idsField], idsField);
      if (ids.length === 0 || ids.length > max) throw REPLY_ERRORS.invalidInput(`${idsField}: between 1 and ${max} ids are allowed`);
      const store = (await XPANSE_DATA.get(context.state, context.tenant))[collection];
      return { body: { reply: { details: ids.map((one) => store.get(one)).filter((record): record is XpanseRecord => record !== undefined).map(shape) } } };
    },
  };
}

const DETAILS: readonly Operation[] = [
  detailOperation("assets.get_asset_internet_exposure", "/assets/get_asset_internet_exposure", "asm_id_list", 20, "assets", (record) => ({
    ...record,
    // The detail form has asm_ids as a string and `type` in title case (reference §3.3).
    asm_ids: (record["asm_ids"] as string[])[0],
    type: String(record["asset_type"]).charAt(0) + String(record["asset_type"]).slice(1).toLowerCase(),
    active_service_ids: [],
    details: { businessUnits: (record["business_units"] as string[]).map((name) => ({ name })) },
  })),
  detailOperation("assets.get_external_service", "/assets/get_external_service", "service_id_list", 20, "services", (record) => ({
    ...record,
    details: { serviceKey: record["service_name"], businessUnits: (record["business_units"] as string[]).map((name) => ({ name })) },
  })),
  detailOperation("assets.get_external_ip_address_range", "/assets/get_external_ip_address_range", "range_id_list", 100, "ranges", (record) => ({
    ...record,
    details: { networkRecords: [] },
  })),
];

function tagOperation(id: string, path: string, collection: "assets" | "ranges", idField: string, assign: boolean): Operation {
  return {
    id,
    method: "POST",
    surface: "cortex",
    path: `${PUBLIC_API_V1}${path}`,
    permission: "asm:action",
    products: servedBy(id, "xpanse"),
    handle: async (context: OperationContext): Promise<OperationResult> => {
      const data = asObject(context.requestData, "request_data");
      const tags = filterValue.stringList(data["tags"], "tags");
      if (tags.length === 0) throw REPLY_ERRORS.invalidInput("tags: at least one tag is required");
      const filters = data["filters"];
      if (!Array.isArray(filters) || filters.length === 0) throw REPLY_ERRORS.invalidInput(`filters: a '${idField}' filter is required`);
      const ids = new Set<string>();
      for (const [index, filter] of filters.entries()) {
        const entry = asObject(filter, `filters[${index}]`);
        if (entry["field"] !== idField || String(entry["operator"]).toLowerCase() !== "in") {
          throw REPLY_ERRORS.invalidInput(`filters[${index}]: only '${idField}' with operator 'in' is supported`);
        }
        for (const one of filterValue.stringList(entry["value"], idField)) ids.add(one);
      }
      const store = (await XPANSE_DATA.get(context.state, context.tenant))[collection];
      for (const one of ids) {
        const record = store.get(one);
        if (record === undefined) continue;
        const current = record["tags"] as string[];
        record["tags"] = assign ? [...new Set([...current, ...tags])] : current.filter((tag) => !tags.includes(tag));
      }
      await XPANSE_DATA.save(context.state, context.tenant);
      return { body: { reply: { [assign ? "assign_tags" : "remove_tags"]: true } } };
    },
  };
}

const TAGS: readonly Operation[] = [
  tagOperation("assets.tags.assets_internet_exposure.assign", "/assets/tags/assets_internet_exposure/assign", "assets", "asm_id_list", true),
  tagOperation("assets.tags.assets_internet_exposure.remove", "/assets/tags/assets_internet_exposure/remove", "assets", "asm_id_list", false),
  tagOperation("assets.tags.external_ip_address_ranges.assign", "/assets/tags/external_ip_address_ranges/assign", "ranges", "range_id_list", true),
  tagOperation("assets.tags.external_ip_address_ranges.remove", "/assets/tags/external_ip_address_ranges/remove", "ranges", "range_id_list", false),
];

/** `assets/bulk_update_vulnerability_tests` `{test_names, status}`: sets the tests' status (200, no body). */
export const bulkUpdateVulnerabilityTests: Operation = {
  id: "assets.bulk_update_vulnerability_tests",
  method: "POST",
  surface: "cortex",
  path: `${PUBLIC_API_V1}/assets/bulk_update_vulnerability_tests`,
  permission: "asm:action",
  products: servedBy("assets.bulk_update_vulnerability_tests", "asm"),
  handle: async (context) => {
    const data: JsonObject = asObject(context.requestData, "request_data");
    const names = filterValue.stringList(data["test_names"], "test_names");
    const status = filterValue.oneOf(data["status"], "status", ["Enabled", "Disabled"] as const);
    const tests = (await XPANSE_DATA.get(context.state, context.tenant)).vulnerabilityTests;
    const unknown = names.filter((name) => !tests.has(name));
    if (unknown.length > 0) throw REPLY_ERRORS.invalidInput(`test_names: unknown vulnerability test(s) ${unknown.join(", ")}`);
    for (const name of names) {
      const test = tests.get(name);
      if (test !== undefined) test["status"] = status;
    }
    await XPANSE_DATA.save(context.state, context.tenant);
    return {};
  },
};

/** Every stateful Xpanse / ASM operation. */
export const XPANSE_OPERATIONS: readonly Operation[] = [...LISTS.map(listOperation), alertsOperation, ...DETAILS, ...TAGS, bulkUpdateVulnerabilityTests];
