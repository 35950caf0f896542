/**
 * Request precision the specs leave out or say only in prose: alternatives (one id, or a filter list),
 * required fields, and filter lists typed per field (the operators each field allows and its value
 * type). Plain data, one entry per correction, each with a reason; applied after `schemas.ts`.
 *
 * @module
 */
import type { JsonSchema } from "../../../schemas-base/src/json-schema.js";
import { SEARCH_TYPE_NAMES } from "../../../schemas-base/src/filters.js";
import { escapeRegExp } from "../../../schemas-base/src/lookup.js";
import type { Override, OperationRef, SchemaOverride } from "./types.js";

const V1 = "/public_api/v1";

function request(operation: OperationRef, at: string, change: Pick<SchemaOverride, "replace" | "merge">, reason: string): SchemaOverride {
  return { kind: "schema", operation, target: "request", at, ...change, reason };
}

/** One group of operators of a filter field and the type of the value they take. */
interface FilterRule {
  readonly operators: readonly string[];
  readonly value: JsonSchema;
}

/** A filter field: one rule, or several when its operators take different values (`in` a list, `contains` a text). */
type FilterField = FilterRule | readonly FilterRule[];

/**
 * A flat AND filter list whose conditions are typed per field: a union of closed `{field, operator, value}`
 * objects, one per field and operator group.
 */
function typedFilters(fields: Readonly<Record<string, FilterField>>): JsonSchema {
  return {
    type: "array",
    items: {
      anyOf: Object.entries(fields).flatMap(([field, rules]) =>
        (isRuleList(rules) ? rules : [rules]).map(({ operators, value }) => ({
          type: "object",
          properties: { field: { type: "string", enum: [field] }, operator: { type: "string", enum: [...operators] }, value },
          required: ["field", "operator", "value"],
        })),
      ),
    },
  };
}

function isRuleList(field: FilterField): field is readonly FilterRule[] {
  return Array.isArray(field);
}

// Value types and operator groups the filter tables below are made of.
const TEXT: JsonSchema = { type: "string" };
const INTEGER: JsonSchema = { type: "integer" };
const BOOLEAN: JsonSchema = { type: "boolean" };
/** An id: the service takes a number or a numeric string, whatever the spec says. */
const ID: JsonSchema = { type: ["integer", "string"] };
/** An API key id: an int, or numeric text, which the service reads as the int (issue #11; the emulator's `apiKeyIdsAsText`). */
const KEY_ID: JsonSchema = { anyOf: [{ type: "integer" }, { type: "string", pattern: "^[0-9]+$" }] };
/** Epoch milliseconds. */
const EPOCH_MS: JsonSchema = { type: "integer" };
const oneOf = (...values: string[]): JsonSchema => ({ type: "string", enum: values });
const listOf = (item: JsonSchema): JsonSchema => ({ type: "array", items: item });
/** One value or a list of them (documented as one value under an `in` operator; clients send lists). */
const oneOrList = (item: JsonSchema): JsonSchema => ({ anyOf: [item, listOf(item)] });
const rule = (operators: readonly string[], value: JsonSchema): FilterRule => ({ operators, value });
/** `in` a list of values. */
const inList = (item: JsonSchema = TEXT): FilterRule => rule(["in"], listOf(item));
/** `gte`/`lte` an epoch-milliseconds time. */
const TIME_RANGE = rule(["gte", "lte"], EPOCH_MS);
/** `contains`/`not_contains` a text. */
const TEXT_MATCH = rule(["contains", "not_contains"], TEXT);
/** `eq`/`neq` one value. */
const equals = (value: JsonSchema = TEXT): FilterRule => rule(["eq", "neq"], value);
/** The Xpanse asset lists' generic operator set, for fields whose operators no source names. */
const XPANSE_GENERIC: readonly FilterRule[] = [TEXT_MATCH, equals(), inList()];

/** `endpoints.isolate`/`unisolate`: one endpoint id, or a filter list of endpoint ids (reference xdr-xsiam §4.6). */
function oneEndpointOrFilters(): JsonSchema {
  const filters = typedFilters({ endpoint_id_list: { operators: ["in"], value: { type: "array", items: { type: "string" }, maxItems: 1000 } } });
  return {
    anyOf: [
      { type: "object", properties: { endpoint_id: { type: "string" }, incident_id: { type: "string" } }, required: ["endpoint_id"] },
      { type: "object", properties: { filters, incident_id: { type: "string" } }, required: ["filters"] },
    ],
  };
}
const ONE_ENDPOINT_REASON = "the body is {endpoint_id} or {filters: [endpoint_id_list in [...]]}, never both, never neither (reference xdr-xsiam §4.6); the spec makes every field optional";

/** `alerts.get_alerts` fields (reference xdr-xsiam §4.3, §8); the multi-events and pcap calls take the same dialect. */
const ALERT_FIELDS = {
  alert_id_list: inList(ID),
  alert_source: inList(),
  severity: inList(oneOf("low", "medium", "high", "critical")),
  creation_time: rule(["gte", "lte"], INTEGER),
} as const;
const ALERT_FILTERS = typedFilters(ALERT_FIELDS);

/** The Xpanse `cloud_management_status` and `integration_source` vocabularies (reference xsoar-xpanse-cloud §3.2). */
const CLOUD_MANAGEMENT_STATUS = oneOf("Managed Cloud", "Unmanaged Cloud", "Not Applicable");
const INTEGRATION_SOURCE = oneOf("AWS", "AZURE", "GOOGLE", "PRISMA_CLOUD");

/** `incidents.get_incidents` (XDR, XSIAM 2.x, Xpanse share the operation). */
const INCIDENT_FILTERS = typedFilters({
  modification_time: TIME_RANGE,
  creation_time: TIME_RANGE,
  incident_id_list: inList(ID),
  incident_id: [equals(ID), inList(ID)],
  description: [inList(), rule(["contains"], TEXT)],
  alert_sources: inList(),
  status: equals(
    oneOf(
      "new", "under_investigation", "resolved_threat_handled", "resolved_known_issue", "resolved_duplicate", "resolved_duplicate_incident",
      "resolved_false_positive", "resolved_true_positive", "resolved_security_testing", "resolved_other", "resolved_auto", "resolved_auto_resolve", "resolved",
    ),
  ),
  starred: equals(BOOLEAN),
  cloud_management_status: inList(CLOUD_MANAGEMENT_STATUS),
  integration_source: inList(INTEGRATION_SOURCE),
});
const INCIDENT_FILTERS_REASON =
  "filters typed per field (reference xdr-xsiam §4.2, xsoar-xpanse-cloud §3.2): times gte/lte epoch ms, incident_id_list in ids, description in texts or contains a text, alert_sources in names, status eq/neq one documented status (XDR's, the spellings [CORE] maps, Xpanse's `resolved`), starred eq/neq boolean, Xpanse's cloud_management_status/integration_source in their values; incident_id has no documented operator, so eq/neq one id or in ids; the spec types every value as anything";

/** `endpoints.get_endpoint` (reference xdr-xsiam §4.5). */
const ENDPOINT_FILTERS = typedFilters({
  endpoint_id_list: inList(),
  endpoint_status: rule(["in"], oneOrList(oneOf("connected", "disconnected", "lost", "uninstalled"))),
  dist_name: inList(),
  first_seen: TIME_RANGE,
  last_seen: TIME_RANGE,
  ip_list: inList(),
  group_name: inList(),
  platform: rule(["in"], oneOrList(oneOf("windows", "linux", "macos", "android"))),
  alias: inList(),
  isolate: rule(["in"], oneOrList(oneOf("isolated", "unisolated"))),
  hostname: inList(),
  public_ip_list: inList(),
  cloud_provider: inList(),
  cloud_region: inList(),
  cloud_provider_account_id: inList(),
  cloud_instance_id: inList(),
  cloud_id: inList(),
  scan_status: rule(["in"], oneOrList(oneOf("none", "pending", "in_progress", "canceled", "aborted", "pending_cancellation", "success", "error"))),
  // The spec's field list omits scan_status and username, which the reference lists and the spec's own example uses.
  username: inList(),
});

/** `audits.management_logs` and `audits.agents_reports` (reference xdr-xsiam §4.10). */
const MANAGEMENT_LOG_FILTERS = typedFilters({ email: inList(), type: inList(), sub_type: inList(), result: inList(), timestamp: TIME_RANGE });
const AGENT_REPORT_FILTERS = typedFilters({
  endpoint_id: inList(),
  endpoint_name: inList(),
  type: inList(),
  sub_type: inList(),
  result: inList(),
  timestamp: TIME_RANGE,
  domain: inList(),
  xdr_version: inList(),
  category: inList(oneOf("status", "monitoring", "audit")),
  trapsversion: inList(),
});

/**
 * `api_keys.get_api_keys`: expiration, roles and id have documented operators (reference xdr-xsiam §2.3). The
 * console also filters by creation time, and users by level, comment and creator (issue #12): those follow
 * the documented conventions (a time gte/lte, a value in a list, a text contains), as the emulator answers them.
 */
const API_KEY_FILTERS = typedFilters({
  expiration: TIME_RANGE,
  roles: rule(["contains"], oneOrList(TEXT)),
  id: inList(KEY_ID),
  creation_time: TIME_RANGE,
  security_level: rule(["in"], oneOrList(oneOf("standard", "advanced"))),
  comment: rule(["contains"], TEXT),
  created_by: rule(["in"], oneOrList(TEXT)),
});

/** Xpanse asset lists (reference xsoar-xpanse-cloud §3.2; operator groups per field as the specs list them). */
const INTERNET_EXPOSURE_FILTERS = typedFilters({
  business_units: TEXT_MATCH,
  externally_detected_providers: TEXT_MATCH,
  externally_inferred_cves: TEXT_MATCH,
  mac_addresses: TEXT_MATCH,
  name: [TEXT_MATCH, equals()],
  ip_address: equals(),
  // The specs' own examples send true/false (as booleans or text) beside the documented values.
  has_xdr_agent: inList({ anyOf: [oneOf("yes", "no", "unknown", "n/a", "true", "false"), BOOLEAN] }),
  has_active_external_services: inList({ anyOf: [oneOf("yes", "no", "unknown", "true", "false"), BOOLEAN] }),
  type: inList(oneOf("certificate", "cloud_compute_instance", "on_prem", "domain", "unassociated_responsive_ip")),
  ipv6_address: XPANSE_GENERIC,
  asm_id_list: XPANSE_GENERIC,
  business_units_list: XPANSE_GENERIC,
  has_bu_overrides: equals(BOOLEAN),
  aws_cloud_tags: XPANSE_GENERIC,
  gcp_cloud_tags: XPANSE_GENERIC,
  azure_cloud_tags: XPANSE_GENERIC,
});
const EXTERNAL_SERVICE_FILTERS = typedFilters({
  active_classifications: TEXT_MATCH,
  business_units_list: rule(["in"], oneOrList(TEXT)),
  discovery_type: rule(["in"], oneOrList(oneOf("colocated_on_ip", "directly_discovered", "unknown"))),
  domain: TEXT_MATCH,
  externally_detected_providers: TEXT_MATCH,
  externally_inferred_cves: TEXT_MATCH,
  inactive_classifications: TEXT_MATCH,
  ip_address: equals(),
  ipv6_address: XPANSE_GENERIC,
  is_active: rule(["in"], oneOrList(oneOf("yes", "no"))),
  protocol: [TEXT_MATCH, equals()],
  service_name: [TEXT_MATCH, equals()],
  service_type: [TEXT_MATCH, equals()],
  service_type_list: XPANSE_GENERIC,
  tags: inList(),
});
const IP_RANGE_FILTERS = typedFilters({
  business_units: TEXT_MATCH,
  organization_handles: TEXT_MATCH,
  business_units_list: XPANSE_GENERIC,
  tags: XPANSE_GENERIC,
  ipaddress_version: [equals(INTEGER), inList(INTEGER)],
  has_bu_overrides: equals(BOOLEAN),
  range_id_list: XPANSE_GENERIC,
});
const TEXT_OR_TEXTS = oneOrList(TEXT);
const WEBSITE_FILTERS = typedFilters({
  // Documented with eq/neq; the specs' own example sends `in`.
  ips: [equals(TEXT_OR_TEXTS), rule(["in"], TEXT_OR_TEXTS)],
  technology_ids: rule(["contains", "not_contains"], TEXT_OR_TEXTS),
  http_type: rule(["in"], oneOrList(oneOf("http_only", "http_redirects_to_https", "https_only"))),
  is_active: rule(["in"], oneOrList(oneOf("yes", "no"))),
  provider_names: TEXT_MATCH,
  tags: inList(),
  active_service_ids: rule(["contains", "not_contains"], TEXT_OR_TEXTS),
  third_party_script_domains: rule(["contains", "not_contains"], TEXT_OR_TEXTS),
  host: [TEXT_MATCH, equals()],
  authentication: TEXT_MATCH,
  site_categories: TEXT_MATCH,
  business_units_list: inList(),
});
const ATTACK_SURFACE_RULE_FILTERS = typedFilters({
  attack_surface_rule_id: inList(),
  category: inList(),
  priority: inList(),
  enabled_status: inList(),
  asm_alert_categories: inList(),
});
const XPANSE_LIST_REASON = (section: string): string =>
  `filters typed per field: the operator groups and value types the specs and the reference (xsoar-xpanse-cloud ${section}) give each field; a field listed with no operator takes the documented generic set (contains/not_contains a text, eq/neq a text, in a list); the spec types every value as anything`;

/** `v2.alerts.get_alerts_multi_events` (XDR, XSIAM, Xpanse; reference xdr-xsiam §4.3, xsoar-xpanse-cloud §3.2). */
const ALERT_SEVERITY = oneOf("informational", "low", "medium", "high", "critical", "unknown");
const ALERTS_V2_FILTERS = typedFilters({
  alert_id_list: inList(ID),
  alert_source: inList(),
  severity: inList(ALERT_SEVERITY),
  creation_time: TIME_RANGE,
  server_creation_time: TIME_RANGE,
  external_id_list: inList(),
  business_units_list: inList(),
  tags: inList(),
  asm_alert_categories: inList(),
  attack_surface_rule_id: inList(),
  attack_surface_rule_name: inList(),
  xpanse_policy_id: inList(),
  case_id_list: inList(ID),
  status: inList(),
  host_name: inList(),
  cloud_management_status: inList(CLOUD_MANAGEMENT_STATUS),
  integration_source: inList(INTEGRATION_SOURCE),
  aws_cloud_tags: inList(),
  gcp_cloud_tags: inList(),
  azure_cloud_tags: inList(),
  last_modified_ts: TIME_RANGE,
  first_observed: [TIME_RANGE, rule(["range"], { type: "object", properties: { from: EPOCH_MS, to: EPOCH_MS }, required: ["from", "to"] }), rule(["relative_timestamp"], { type: ["integer", "string"] })],
  last_observed: [TIME_RANGE, rule(["range"], { type: "object", properties: { from: EPOCH_MS, to: EPOCH_MS }, required: ["from", "to"] }), rule(["relative_timestamp"], { type: ["integer", "string"] })],
});

/** Cortex Cloud / XSIAM 3.x `issue.search` and `case.search` (reference xsoar-xpanse-cloud §4.2, §4.3; xdr-xsiam §4.4). */
const ISSUE_FILTERS = typedFilters({
  id: inList(ID),
  external_id: inList(),
  "detection.method": inList(),
  issue_domain: inList(),
  severity: inList(oneOf("INFO", "LOW", "MEDIUM", "HIGH", "CRITICAL")),
  _insert_time: TIME_RANGE,
  last_modified: TIME_RANGE,
  "status.progress": inList(oneOf("New", "In Progress", "Resolved")),
  assigned_to: inList(),
  assigned_to_pretty: inList(),
  observation_time: TIME_RANGE,
  category: inList(
    oneOf(
      "CONFIGURATION", "VULNERABILITY", "MALWARE", "IDENTITY", "NETWORK", "DATA_LOSS", "COMPLIANCE", "RUNTIME", "SECRETS", "IAC", "CI_CD_RISKS",
      "DRIFT", "API_SECURITY", "POSTURE", "COMPUTE", "LICENSE", "OPERATIONAL_RISK", "AI_SECURITY",
    ),
  ),
  "detection.rule_id": inList(),
  asset_ids: inList(),
  asset_names: inList(),
  asset_classes: inList(),
  asset_group_ids: inList(ID),
  asset_categories: inList(),
  asset_regions: inList(),
  asset_providers: inList(),
  asset_accounts: inList(),
  asset_types: inList(),
  asset_external_provider_ids: inList(),
  asset_cloud_account_names: inList(),
});
const CASE_FILTERS = typedFilters({
  case_id: inList(ID),
  case_domain: inList(),
  severity: inList(),
  creation_time: TIME_RANGE,
  status_progress: inList(oneOf("NEW", "UNDER_INVESTIGATION", "RESOLVED")),
});

/** XSOAR incident search: `filter.status`/`notStatus` are IncidentStatus numbers, `filter.level` IncidentSeverity numbers (reference xsoar-xpanse-cloud §2.4). */
const XSOAR_INCIDENT_STATUS: JsonSchema = { type: "array", items: { type: "number", enum: [0, 1, 2, 3] } };
const XSOAR_INCIDENT_SEVERITY: JsonSchema = { type: "array", items: { type: "number", enum: [0, 0.5, 1, 2, 3, 4] } };

const filtersAt = (path: `/${string}`, filters: JsonSchema, reason: string): SchemaOverride => request(`POST ${path}`, "filters", { replace: filters }, reason);


/** A group of SEARCH_TYPEs of a tree field and the SEARCH_VALUE they take (`undefined`: any value, optional). */
interface SearchRule {
  readonly types: readonly string[];
  readonly value: JsonSchema | undefined;
}
const search = (types: readonly string[], value: JsonSchema | undefined): SearchRule => ({ types, value });

/**
 * An AND/OR filter tree (`{AND|OR: [condition | nested tree]}`, reference xsoar-xpanse-cloud §1.3) whose
 * conditions are typed per field: a union of closed `{SEARCH_FIELD, SEARCH_TYPE, SEARCH_VALUE}` objects, one
 * per field and group of search types. Recursive: the tree is anchored `name`, its conditions
 * `<name>Condition`, and nested trees refer back (`$ref`), so a tree nests to any depth and the generated
 * types name both.
 */
function typedTree(name: string, fields: Readonly<Record<string, readonly SearchRule[]>>, options: { readonly tenantFields?: boolean } = {}): JsonSchema {
  const documented: JsonSchema[] = Object.entries(fields).flatMap(([field, rules]) =>
    rules.map(({ types, value }) => ({
      type: "object",
      properties: { SEARCH_FIELD: { type: "string", enum: [field] }, SEARCH_TYPE: { type: "string", enum: [...types] }, SEARCH_VALUE: value ?? {} },
      required: value === undefined ? ["SEARCH_FIELD", "SEARCH_TYPE"] : ["SEARCH_FIELD", "SEARCH_TYPE", "SEARCH_VALUE"],
    })),
  );
  // A field the tenant defines (not one of the documented names): any search type of the dialect, any value.
  const tenantDefined: JsonSchema = {
    type: "object",
    properties: { SEARCH_FIELD: { type: "string", tenantField: true, pattern: `^(?!(?:${Object.keys(fields).map(escapeRegExp).join("|")})$)` }, SEARCH_TYPE: { type: "string", enum: [...SEARCH_TYPE_NAMES] }, SEARCH_VALUE: {} },
    required: ["SEARCH_FIELD", "SEARCH_TYPE"],
  };
  const conditions: JsonSchema = { $anchor: `${name}Condition`, anyOf: options.tenantFields === true ? [...documented, tenantDefined] : documented };
  const node = (key: "AND" | "OR", first: JsonSchema): JsonSchema => ({ type: "object", properties: { [key]: { type: "array", items: { anyOf: [first, { $ref: `#${name}` }] } } }, required: [key] });
  return { $anchor: name, anyOf: [node("AND", conditions), node("OR", { $ref: `#${name}Condition` })] };
}

// Search-type groups by the type of the field (the asset schema's data types TEXT, INT, TIMESTAMP, BOOLEAN
// and lists; reference xsoar-xpanse-cloud §4.4, xdr-xsiam §4.17). No source ties search types to fields, so
// each field takes the documented types that apply to its data type, with the value the dialect's examples give them.
const TEXT_SEARCH = search(["EQ", "NEQ", "CONTAINS", "NCONTAINS", "WILDCARD", "WILDCARD_NOT", "RLIKE", "NRLIKE", "REGEX", "REGEX_NOT", "REGEX_MATCH", "REGEX_NOT_MATCH"], TEXT);
const EMPTY_SEARCH = search(["IS_EMPTY", "NIS_EMPTY"], undefined);
const inSearch = (item: JsonSchema): SearchRule => search(["IN", "NIN"], listOf(item));
const TEXT_FIELD: readonly SearchRule[] = [TEXT_SEARCH, inSearch(TEXT), EMPTY_SEARCH];
const oneOfField = (...values: string[]): readonly SearchRule[] => [search(["EQ", "NEQ"], oneOf(...values)), inSearch(oneOf(...values))];
/** Epoch ms: compared, within `{from, to}` (RANGE), or within the last N ms (RELATIVE_TIMESTAMP; a number or numeric text in the examples). */
const TIME_FIELD: readonly SearchRule[] = [
  search(["EQ", "NEQ", "GT", "LT", "GTE", "LTE"], EPOCH_MS),
  search(["RANGE"], { type: "object", properties: { from: EPOCH_MS, to: EPOCH_MS }, required: ["from", "to"] }),
  search(["RELATIVE_TIMESTAMP"], { type: ["integer", "string"] }),
  EMPTY_SEARCH,
];
const NUMBER_FIELD: readonly SearchRule[] = [search(["EQ", "NEQ", "GT", "LT", "GTE", "LTE"], ID), inSearch(ID), EMPTY_SEARCH];
const BOOLEAN_FIELD: readonly SearchRule[] = [search(["EQ", "NEQ"], BOOLEAN)];
/** A list of text: holds one or all of the values (ARRAY_CONTAINS), or a text (CONTAINS). */
const TEXT_LIST_FIELD: readonly SearchRule[] = [search(["ARRAY_CONTAINS", "ARRAY_NOT_CONTAINS"], oneOrList(TEXT)), search(["CONTAINS", "NCONTAINS"], TEXT), EMPTY_SEARCH];
/** A list of IPv4 addresses: also matched against one address or a CIDR block. */
const IPV4_LIST_FIELD: readonly SearchRule[] = [...TEXT_LIST_FIELD, search(["IP_MATCH", "NIP_MATCH", "INCIDR", "NINCIDR"], TEXT)];

/** The asset inventory's fields: the asset record's XDM fields (reference xsoar-xpanse-cloud §4.4, xdr-xsiam §4.17; the spec's Asset reply). */
const ASSET_FILTER = typedTree("AssetFilter", {
  "xdm.asset.id": TEXT_FIELD,
  "xdm.asset.strong_id": TEXT_FIELD,
  "xdm.asset.name": TEXT_FIELD,
  "xdm.asset.provider": TEXT_FIELD,
  "xdm.asset.realm": TEXT_FIELD,
  "xdm.asset.type.id": TEXT_FIELD,
  "xdm.asset.type.name": TEXT_FIELD,
  "xdm.asset.type.class": TEXT_FIELD,
  "xdm.asset.type.category": TEXT_FIELD,
  "xdm.asset.cloud.region": TEXT_FIELD,
  "xdm.asset.first_observed": TIME_FIELD,
  "xdm.asset.last_observed": TIME_FIELD,
  "xdm.asset.group_ids": TEXT_LIST_FIELD,
  "xdm.host.ipv4_addresses": IPV4_LIST_FIELD,
}, { tenantFields: true });
const ASSET_FILTER_REASON =
  "the AND/OR tree nests to any depth (reference xsoar-xpanse-cloud §1.3, §4.4); conditions typed per field: the asset record's XDM fields (§4.4, xdr-xsiam §4.17, the spec's Asset reply), each with the documented SEARCH_TYPEs of its data type (text, epoch-ms time, list of text, list of IPv4) and their values (IN/NIN a list, RANGE {from, to}, RELATIVE_TIMESTAMP ms); no source ties search types to fields, so this is the generic set narrowed by data type; the spec allows one level of conditions over any string field with any value, and a tenant's asset schema (`/assets/schema`) has fields beyond the documented ones, so any other field (typed `TenantField`) takes any search type of the dialect and any value";

/** The asset groups' fields (reference xsoar-xpanse-cloud §4.4: the `XDM.ASSET_GROUP.*` keys of the list reply). */
const ASSET_GROUP_FILTER = typedTree("AssetGroupFilter", {
  "XDM.ASSET_GROUP.ID": NUMBER_FIELD,
  "XDM.ASSET_GROUP.NAME": TEXT_FIELD,
  "XDM.ASSET_GROUP.TYPE": oneOfField("Dynamic", "Static"),
  "XDM.ASSET_GROUP.DESCRIPTION": TEXT_FIELD,
  "XDM.ASSET_GROUP.FILTER": TEXT_FIELD,
  "XDM.ASSET_GROUP.CREATION_TIME": TIME_FIELD,
  "XDM.ASSET_GROUP.CREATED_BY": TEXT_FIELD,
  "XDM.ASSET_GROUP.LAST_UPDATE_TIME": TIME_FIELD,
  "XDM.ASSET_GROUP.MODIFIED_BY": TEXT_FIELD,
  IS_USED_BY_SBAC: BOOLEAN_FIELD,
});
const ASSET_GROUP_FILTER_REASON =
  "the AND/OR tree nests to any depth (reference xsoar-xpanse-cloud §1.3, §4.4); conditions typed per field: the XDM.ASSET_GROUP.* keys and IS_USED_BY_SBAC of the list reply (§4.4), the group id a number (or numeric text), TYPE Dynamic/Static (the spec's group_type), times epoch ms, IS_USED_BY_SBAC a boolean; no source ties search types to fields, so each takes the generic set narrowed by data type; the spec allows one level of conditions over any string field";

/** A tree field whose values are one of the documented texts: EQ/NEQ one, IN/NIN a list. */
const enumField = (...values: string[]): readonly SearchRule[] => oneOfField(...values);
/** One IPv4 address: equal, matched against an address or a CIDR block, in a list. */
const IP_FIELD: readonly SearchRule[] = [search(["EQ", "NEQ", "IP_MATCH", "NIP_MATCH", "INCIDR", "NINCIDR"], TEXT), inSearch(TEXT), EMPTY_SEARCH];
/** A list of IPv4 addresses matched against an address list (IPLIST_MATCH), a CIDR block, or one of the values. */
const IP_LIST_FIELD: readonly SearchRule[] = [search(["IPLIST_MATCH", "NLISTIP_MATCH", "INCIDR", "NINCIDR"], TEXT), search(["ARRAY_CONTAINS", "ARRAY_NOT_CONTAINS"], oneOrList(TEXT)), EMPTY_SEARCH];

/**
 * `alerts.get_alerts_by_filter_data` (XDR, XSIAM): the fields the reference names for the filter_data dialect of
 * this call (xdr-xsiam §4.3, §3.3), severity in the internal SEV_* names (§7), IP_MATCH on one address and
 * IPLIST_MATCH on the address list as the reference pairs them.
 */
const ALERT_DATA_FILTER = typedTree("AlertDataFilter", {
  internal_id: NUMBER_FIELD,
  severity: enumField("SEV_010_INFO", "SEV_020_LOW", "SEV_030_MEDIUM", "SEV_040_HIGH", "SEV_050_CRITICAL", "SEV_090_UNKNOWN"),
  starred: BOOLEAN_FIELD,
  alert_action_status: TEXT_FIELD,
  agent_id: TEXT_FIELD,
  matching_service_rule_id: TEXT_FIELD,
  fw_rule: TEXT_FIELD,
  alert_name: TEXT_FIELD,
  alert_source: TEXT_FIELD,
  source_insert_ts: TIME_FIELD,
  actor_effective_username: TEXT_FIELD,
  agent_ip_addresses: IP_LIST_FIELD,
  action_local_ip: IP_FIELD,
  action_remote_ip: IP_FIELD,
});
const ALERT_DATA_FILTER_REASON =
  "the filter_data tree nests to any depth (reference xdr-xsiam §3.3); conditions typed per field: the fields the reference names for this call (§4.3: internal_id, severity, starred, alert_action_status, agent_id, matching_service_rule_id, fw_rule, alert_name, alert_source, source_insert_ts, actor_effective_username, agent_ip_addresses, action_local_ip, action_remote_ip), severity in the internal SEV_* names (§7), source_insert_ts epoch ms with RANGE/RELATIVE_TIMESTAMP (§3.3), IP_MATCH on one address and IPLIST_MATCH on the address list (§4.3), alert_action_status text (its DETECTED_n/BLOCKED_n family is open-ended, §7); the list is the reference's and closed (no source says the tenant extends it); the spec types the filter as any object";

// AppSec policies (spec: the conditions' and scope's field tables, with each field's data type, SEARCH_TYPEs and values).
/** An ENUM field of the tables: EQ/NEQ one of its values. */
const appsecEnum = (...values: string[]): readonly SearchRule[] => [search(["EQ", "NEQ"], oneOf(...values))];
const APPSEC_LEVEL = appsecEnum("CRITICAL", "HIGH", "MEDIUM", "LOW");
const APPSEC_LOW_HIGH = appsecEnum("LOW", "MEDIUM", "HIGH");
const APPSEC_CATEGORIES = ["APPLICATION", "REPOSITORY", "CICD_INSTANCE", "CICD_PIPELINE", "VCS_COLLABORATOR", "VCS_ORGANIZATION"];
/** An ENUM field whose values the table leaves open ("etc.", "varies"): EQ/NEQ a text. */
const APPSEC_OPEN_ENUM: readonly SearchRule[] = [search(["EQ", "NEQ"], TEXT)];
const APPSEC_STRING: readonly SearchRule[] = [search(["EQ", "NEQ", "CONTAINS"], TEXT)];
const APPSEC_BOOLEAN: readonly SearchRule[] = [search(["EQ"], BOOLEAN)];
const APPSEC_NUMBER: readonly SearchRule[] = [search(["EQ", "NEQ", "LT", "GT", "LTE", "GTE"], { type: "number" })];
/** DATE: the table gives no value format; a date text or epoch milliseconds. */
const APPSEC_DATE: readonly SearchRule[] = [search(["EQ", "NEQ", "LT", "GT", "LTE", "GTE"], { type: ["string", "integer"] })];

const APPSEC_CONDITION = typedTree("AppSecConditionFilter", {
  Severity: APPSEC_LEVEL,
  "Finding Type": [search(["EQ"], oneOf("CAS_CI_CD_RISK_SCANNER", "CAS_CVE_SCANNER", "CAS_IAC_SCANNER", "CAS_LICENSE_SCANNER", "CAS_OPERATIONAL_RISK_SCANNER", "CAS_SECRET_SCANNER", "CAS_SAST_SCANNER"))],
  "Backlog Status": appsecEnum("BACKLOG", "NEW"),
  "Respect Developer Suppression": APPSEC_BOOLEAN,
  Category: appsecEnum(...APPSEC_CATEGORIES),
  Provider: appsecEnum("GITLAB_CI", "AZURE_PIPELINES", "GITHUB_ACTIONS", "CIRCLE_CI", "JENKINS"),
  Subcategory: APPSEC_OPEN_ENUM,
  "AppSec Rule": APPSEC_OPEN_ENUM,
  "AppSec Rule Label": APPSEC_OPEN_ENUM,
  RiskFactors: APPSEC_OPEN_ENUM,
  "CVE ID": APPSEC_STRING,
  CVSS: APPSEC_NUMBER,
  EPSS: APPSEC_NUMBER,
  "CVE Publish Date": APPSEC_DATE,
  "CVE Fix Available Date": APPSEC_DATE,
  "Package Name": APPSEC_STRING,
  "Package Version": [search(["EQ", "NEQ", "LT", "GT"], TEXT)],
  "Package Popularity": APPSEC_LOW_HIGH,
  "Package Maintained": APPSEC_LOW_HIGH,
  "Package Deprecated": APPSEC_BOOLEAN,
  "Package Operational Risk": APPSEC_LOW_HIGH,
  HasAFix: APPSEC_BOOLEAN,
  IsKev: APPSEC_BOOLEAN,
  HasAnAutomatedFix: APPSEC_BOOLEAN,
  IacTag: APPSEC_STRING,
  LicenseType: APPSEC_OPEN_ENUM,
  Popularity: APPSEC_LOW_HIGH,
  Maintained: APPSEC_LOW_HIGH,
  SoftwarePackageName: APPSEC_STRING,
  SoftwarePackageVersion: APPSEC_STRING,
  SecretValidity: appsecEnum("NO_VALIDATION", "PRIVILEGED", "VALID", "INVALID", "UNAVAILABLE"),
  CWE: APPSEC_STRING,
  OwaspCategory: APPSEC_STRING,
  Source: APPSEC_STRING,
  Language: APPSEC_STRING,
});
const APPSEC_SCOPE_CATEGORY = appsecEnum(...APPSEC_CATEGORIES);
const APPSEC_SCOPE = typedTree("AppSecScopeFilter", {
  Category: APPSEC_SCOPE_CATEGORY,
  Provider: APPSEC_OPEN_ENUM,
  "Application Business Criticality": APPSEC_LEVEL,
  "Application Business Owner": APPSEC_STRING,
  "Business Application Names": APPSEC_STRING,
  "Repository Name": APPSEC_STRING,
  "Repository Id": APPSEC_STRING,
  "Is Public Repository": APPSEC_BOOLEAN,
  "Has Deployed Assets": APPSEC_BOOLEAN,
  "Has Internet-exposed deployed assets": APPSEC_BOOLEAN,
  "Has deployed assets with Access to sensitive data": APPSEC_BOOLEAN,
  "Has deployed assets with privileged capabilities": APPSEC_BOOLEAN,
  // The spec's own examples send these spellings of Category, Provider, Application Business Criticality and Has Deployed Assets.
  category: APPSEC_SCOPE_CATEGORY,
  repository_provider: APPSEC_OPEN_ENUM,
  application_business_criticality: APPSEC_LEVEL,
  has_deployed_assets: APPSEC_BOOLEAN,
});
const APPSEC_CONDITION_REASON =
  "the conditions are an AND/OR tree to any depth (the spec's examples nest OR in AND; reference xsoar-xpanse-cloud §1.3); conditions typed per field by the spec's Supported Condition Fields table: each field with the SEARCH_TYPEs and values the table gives it (ENUM values where the table lists them all, text where it says etc. or varies, INT a number, DATE text or epoch ms, BOOLEAN EQ true/false); the spec types one condition over any string field with optional nested AND/OR";
const APPSEC_SCOPE_REASON =
  "the scope is an AND/OR tree to any depth (the spec's examples nest three deep); conditions typed per field by the spec's Supported Scope Fields table, plus the snake_case spellings (category, repository_provider, application_business_criticality, has_deployed_assets) the spec's own examples send for four of them; Provider is text (the table's list ends in etc., and the examples send AWS_CODE_BUILD, not in it); the spec types one condition over any string field";

/** Cloud posture policies (`policy.search`): the policy record's fields (the spec's PolicyResponse), search types from the spec's SearchType by data type. */
const POSTURE_TEXT: readonly SearchRule[] = [
  search(["EQ", "NEQ", "CONTAINS", "NCONTAINS", "WILDCARD", "WILDCARD_NOT"], TEXT),
  search(["IN", "NIN", "CONTAINS_IN_LIST", "NOT_CONTAINS_IN_LIST"], listOf(TEXT)),
  EMPTY_SEARCH,
];
const POSTURE_LIST: readonly SearchRule[] = [search(["ARRAY_CONTAINS", "ARRAY_NOT_CONTAINS"], oneOrList(TEXT)), EMPTY_SEARCH];
const POSTURE_TIME: readonly SearchRule[] = [
  search(["EQ", "NEQ"], EPOCH_MS),
  search(["RANGE"], { type: "object", properties: { from: EPOCH_MS, to: EPOCH_MS }, required: ["from", "to"] }),
  search(["RELATIVE_TIMESTAMP"], { type: ["integer", "string"] }),
];
const POLICY_FILTER = typedTree("PosturePolicyFilter", {
  id: POSTURE_TEXT,
  name: POSTURE_TEXT,
  description: POSTURE_TEXT,
  labels: POSTURE_LIST,
  rule_matching_type: enumField("RULE_FILTER", "RULES", "ALL_RULES"),
  associated_rule_ids: POSTURE_LIST,
  asset_matching_type: enumField("ASSET_GROUPS", "ALL_ASSETS", "CLOUD_ACCOUNTS"),
  associated_asset_group_ids: [search(["ARRAY_CONTAINS", "ARRAY_NOT_CONTAINS"], oneOrList(ID)), EMPTY_SEARCH],
  associated_cloud_account_ids: POSTURE_LIST,
  enabled: BOOLEAN_FIELD,
  mode: enumField("DEFAULT", "CUSTOM"),
  creation_time: POSTURE_TIME,
  created_by: POSTURE_TEXT,
  modification_time: POSTURE_TIME,
  modified_by: POSTURE_TEXT,
});
const POLICY_FILTER_REASON =
  "the filter is an AND/OR tree to any depth (reference xsoar-xpanse-cloud §4.1: search body {filter:{AND/OR…}}); conditions typed per field: the policy record's fields (the spec's PolicyResponse, which the search replies), each with the spec's SearchType values that fit its data type (text: EQ/NEQ/CONTAINS/WILDCARD and IN/CONTAINS_IN_LIST a list; enums their values; lists ARRAY_CONTAINS; times epoch ms with RANGE/RELATIVE_TIMESTAMP; the spec has no GT/LT); the spec types one level of conditions over any string field";

/**
 * Cloud onboarding lists: the filter names are the reply records' keys in upper case, as the reference's
 * CLOUD_PROVIDER filter and STATUS sort show (xsoar-xpanse-cloud §4.9). Values of the documented enums
 * (cloud_provider, scope, scan_mode from create_instance_template) are typed; the reference gives no type
 * for the other keys, so they take a scalar (text, number or boolean).
 */
const SCALAR: JsonSchema = { type: ["string", "number", "boolean"] };
const UNTYPED_FIELD: readonly SearchRule[] = [search(["EQ", "NEQ", "GT", "LT", "GTE", "LTE", "CONTAINS", "NCONTAINS", "WILDCARD", "WILDCARD_NOT"], SCALAR), inSearch(SCALAR), EMPTY_SEARCH];
const CLOUD_INSTANCE_FILTER = typedTree("CloudInstanceFilter", {
  INSTANCE_ID: TEXT_FIELD,
  INSTANCE_NAME: TEXT_FIELD,
  CLOUD_PROVIDER: enumField("AWS", "AZURE", "GCP"),
  ACCOUNT_NAME: TEXT_FIELD,
  SCOPE: enumField("ACCOUNT", "ACCOUNT_GROUP", "ORGANIZATION"),
  SCAN_MODE: enumField("MANAGED", "OUTPOST"),
  PROVISIONING_METHOD: UNTYPED_FIELD,
  STATUS: UNTYPED_FIELD,
  OUTPOST_ID: TEXT_FIELD,
  CREATION_TIME: UNTYPED_FIELD,
  DELETED_AT: UNTYPED_FIELD,
  UPDATE_STATUS: UNTYPED_FIELD,
  IS_PENDING_CHANGES: UNTYPED_FIELD,
});
const CLOUD_ACCOUNT_FILTER = typedTree("CloudAccountFilter", {
  ACCOUNT_ID: TEXT_FIELD,
  ACCOUNT_NAME: TEXT_FIELD,
  STATUS: UNTYPED_FIELD,
  ENVIRONMENT: UNTYPED_FIELD,
  TYPE: UNTYPED_FIELD,
  CREATED_AT: UNTYPED_FIELD,
});
const ONBOARDING_REASON = (record: string): string =>
  `the filter_data tree nests to any depth (reference xsoar-xpanse-cloud §1.3, §4.9); conditions typed per field: the ${record} record's keys (§4.9) in upper case, the convention the reference's CLOUD_PROVIDER filter and STATUS sort show (an inference from those two, stated here); cloud_provider, scope and scan_mode take the values create_instance_template documents, ids and names text, keys whose type no source gives a scalar; the spec types the filter as any object`;

/**
 * A tree whose fields no source names: any field, the dialect's search types, any value, but the AND/OR
 * structure to any depth and a name to hover. Used where the spec says the fields are open-ended.
 */
function genericTree(name: string, types: readonly string[] = SEARCH_TYPE_NAMES, extra: Readonly<Record<string, JsonSchema>> = {}, value: JsonSchema = {}): JsonSchema {
  const condition: JsonSchema = {
    $anchor: `${name}Condition`,
    type: "object",
    properties: { SEARCH_FIELD: { type: "string" }, SEARCH_TYPE: { type: "string", enum: [...types] }, SEARCH_VALUE: value, ...extra },
    required: ["SEARCH_FIELD", "SEARCH_TYPE"],
  };
  const node = (key: "AND" | "OR", first: JsonSchema): JsonSchema => ({ type: "object", properties: { [key]: { type: "array", items: { anyOf: [first, { $ref: `#${name}` }] } } }, required: [key] });
  return { $anchor: name, anyOf: [node("AND", condition), node("OR", { $ref: `#${name}Condition` })] };
}
/** Notification rules: `filter` wraps the tree in `{filter: …}` (the spec's examples). */
const NOTIFICATION_FILTER: JsonSchema = { type: "object", properties: { filter: genericTree("NotificationRuleFilter") }, required: ["filter"] };
const NOTIFICATION_FILTER_REASON =
  "the rule's filter is {filter: AND/OR tree} (the spec's examples), nesting to any depth; the fields stay generic (any field name, the dialect's SEARCH_TYPEs, any value): the spec says the field names are open-ended and vary by forward_type, data source and module, and no source lists them; the spec types the filter as an object of strings";

/**
 * Posture policies' rule filter (`policy`, `policy.patch_by_id`): a tree over the rules' fields, which no source
 * lists (the spec has no rule record; its examples use cloudType, severity, labels, complianceStandards), so the
 * fields stay generic; the search types and values are the spec's (its SearchType, its Filter's value shapes).
 */
const POSTURE_SEARCH_TYPES = ["CONTAINS", "NCONTAINS", "CONTAINS_IN_LIST", "NOT_CONTAINS_IN_LIST", "WILDCARD", "WILDCARD_NOT", "EQ", "NEQ", "IS_EMPTY", "NIS_EMPTY", "RANGE", "IN", "NIN", "RELATIVE_TIMESTAMP", "JSON_WILDCARD", "JSON_WILDCARD_NOT", "ARRAY_CONTAINS", "ARRAY_NOT_CONTAINS"];
const POSTURE_VALUE: JsonSchema = {
  anyOf: [TEXT, BOOLEAN, INTEGER, listOf(TEXT), { type: "object", properties: { from: INTEGER, to: INTEGER }, required: ["from", "to"] }, { type: "object", properties: { key: TEXT, value: TEXT }, required: ["key", "value"] }],
};
const POSTURE_RULE_FILTER = genericTree("PostureRuleFilter", POSTURE_SEARCH_TYPES, { AGGREGATED_COLUMN: {} }, POSTURE_VALUE);
const POSTURE_RULE_FILTER_REASON =
  "the rule filter is an AND/OR tree to any depth (reference xsoar-xpanse-cloud §1.3: posture rules take the dialect); the spec allows two levels; the fields stay generic because no source lists the posture rules' fields (the spec has no rule record, its examples name only cloudType, severity, labels and complianceStandards): any field, the spec's SearchType values and its Filter's value shapes (text, boolean, integer, list of text, {from, to}, {key, value}); or null, as the spec allows";

/** Request overrides. */
export const requestOverrides: readonly Override[] = [
  request(`POST ${V1}/endpoints/isolate`, "*", { replace: oneEndpointOrFilters() }, ONE_ENDPOINT_REASON),
  request(`POST ${V1}/endpoints/unisolate`, "*", { replace: oneEndpointOrFilters() }, ONE_ENDPOINT_REASON),
  request(`POST ${V1}/alerts/update_alerts`, "*", { merge: { required: ["alert_id_list", "update_data"] } }, "the call updates the listed alerts with update_data (reference xdr-xsiam §4.3); the spec marks nothing required"),
  request(`POST ${V1}/alerts/get_alerts`, "filters", { replace: ALERT_FILTERS }, "filters typed per field: alert_id_list in ids (ints in the reference; the service takes numeric strings too), alert_source in names, severity in low/medium/high/critical, creation_time gte/lte epoch seconds or ms (reference xdr-xsiam §4.3, §8); the spec types every value as anything"),
  filtersAt(`${V1}/alerts/get_alerts_pcap`, typedFilters({ ...ALERT_FIELDS, severity: inList(ALERT_SEVERITY) }), "the get_alerts filter dialect; severity adds informational and unknown here (reference xdr-xsiam §4.3, §7); the spec types every value as anything"),
  filtersAt(`${V1}/alerts/get_alerts_multi_events`, typedFilters({ ...ALERT_FIELDS, server_creation_time: TIME_RANGE, external_id_list: inList() }), "the get_alerts filter dialect plus server_creation_time (gte/lte epoch ms) and external_id_list (in ids) (reference xdr-xsiam §4.3); the spec types every value as anything"),
  filtersAt(`/public_api/v2/alerts/get_alerts_multi_events`, ALERTS_V2_FILTERS, "filters typed per field: alert_id_list/case_id_list in ids (ints; numeric strings accepted), severity in the documented severities, times gte/lte epoch ms, first/last_observed also range {from, to} and relative_timestamp (reference xdr-xsiam §4.3, xsoar-xpanse-cloud §3.2; the range and relative values take the filter_data dialect's shapes, §3.3), the Xpanse cloud vocabularies; the spec types every value as anything"),
  filtersAt(`${V1}/incidents/get_incidents`, INCIDENT_FILTERS, INCIDENT_FILTERS_REASON),
  filtersAt(`${V1}/endpoints/get_endpoint`, ENDPOINT_FILTERS, "filters typed per field: ids, names and addresses in lists of text, endpoint_status/platform/isolate/scan_status in their documented values (one value or a list: the spec says a value, clients send lists), first_seen/last_seen gte/lte epoch ms; the cloud_* fields take lists of text with in (the spec lists them under gte/lte with a list value, which only in takes) (reference xdr-xsiam §4.5); the spec types every value as anything"),
  filtersAt(`${V1}/audits/management_logs`, MANAGEMENT_LOG_FILTERS, "filters typed per field: email/type/sub_type/result in lists of text, timestamp gte/lte epoch ms (reference xdr-xsiam §4.10); the spec types every value as anything"),
  filtersAt(`${V1}/audits/agents_reports`, AGENT_REPORT_FILTERS, "filters typed per field: text fields in lists, category in status/monitoring/audit, timestamp gte/lte epoch ms (reference xdr-xsiam §4.10); the spec types every value as anything"),
  filtersAt(`${V1}/api_keys/get_api_keys`, API_KEY_FILTERS, "filters typed per field: expiration gte/lte epoch ms, roles contains role names, id in ids as ints or numeric text (reference xdr-xsiam §2.3, xsoar-xpanse-cloud §4.7; issue #11); the console also filters by creation_time and users by security_level, comment and created_by (issue #12), which no source documents: they take the documented conventions (time gte/lte, value in a list, text contains); the spec lists three fields and types every value as anything"),
  filtersAt(`${V1}/api_keys/delete`, typedFilters({ id: inList(KEY_ID) }), "the keys to delete: id in a list of key ids: ints (reference xdr-xsiam §2.3) or numeric text, which the service reads as ints (issue #11); other text is rejected; the spec types the value as anything"),
  filtersAt(`${V1}/assets/get_assets_internet_exposure`, INTERNET_EXPOSURE_FILTERS, XPANSE_LIST_REASON("§3.2")),
  filtersAt(`${V1}/assets/get_external_services`, EXTERNAL_SERVICE_FILTERS, XPANSE_LIST_REASON("§3.1, §3.2; the spec types filters as one object, every example and the Xpanse integration send a list")),
  filtersAt(`${V1}/assets/get_external_ip_address_ranges`, IP_RANGE_FILTERS, XPANSE_LIST_REASON("§3.2; ipaddress_version an integer, has_bu_overrides a boolean")),
  filtersAt(`${V1}/assets/get_external_websites`, WEBSITE_FILTERS, XPANSE_LIST_REASON("§3.2; ips, technology_ids, active_service_ids and third_party_script_domains take one text or a list")),
  filtersAt(`${V1}/get_attack_surface_rules`, ATTACK_SURFACE_RULE_FILTERS, "filters typed per field: every field in a list of text (reference xsoar-xpanse-cloud §3.2); the spec types every value as anything"),
  filtersAt(`${V1}/issue/search`, ISSUE_FILTERS, "filters typed per field: in for every field, gte/lte epoch ms only for _insert_time/last_modified/observation_time; id and asset_group_ids in ids, severity, status.progress and category in their documented values (reference xsoar-xpanse-cloud §4.2, xdr-xsiam §4.4); the spec types every value as anything"),
  filtersAt(`${V1}/case/search`, CASE_FILTERS, "filters typed per field: case_id in ids, case_domain/severity in lists of text, status_progress in NEW/UNDER_INVESTIGATION/RESOLVED, creation_time gte/lte epoch ms (reference xsoar-xpanse-cloud §4.3, xdr-xsiam §4.4: operators in|gte|lte, mapped as every other list's times and lists); the spec types every value as anything"),
  request(`POST ${V1}/assets`, "filters", { replace: ASSET_FILTER }, ASSET_FILTER_REASON),
  request(`POST ${V1}/asset-groups`, "filters", { replace: ASSET_GROUP_FILTER }, ASSET_GROUP_FILTER_REASON),
  request(`POST ${V1}/asset-groups/create`, "asset_group/membership_predicate", { replace: ASSET_FILTER }, `a dynamic group's members are the assets the tree matches: ${ASSET_FILTER_REASON}`),
  request(`POST ${V1}/asset-groups/update/{group_id}`, "asset_group/membership_predicate", { replace: ASSET_FILTER }, `a dynamic group's members are the assets the tree matches: ${ASSET_FILTER_REASON}`),
  request("POST /incidents/search", "filter/status", { replace: XSOAR_INCIDENT_STATUS }, "IncidentStatus numbers: 0 pending, 1 active, 2 done, 3 archive (reference xsoar-xpanse-cloud §2.4); the spec types any number"),
  request("POST /incidents/search", "filter/notStatus", { replace: XSOAR_INCIDENT_STATUS }, "IncidentStatus numbers, as filter.status (reference xsoar-xpanse-cloud §2.4); the spec types any number"),
  request("POST /incidents/search", "filter/level", { replace: XSOAR_INCIDENT_SEVERITY }, "IncidentSeverity numbers: 0 unknown, 0.5 info, 1 low … 4 critical (reference xsoar-xpanse-cloud §2.4); the spec types any number"),
  request(`POST ${V1}/alerts/get_alerts_by_filter_data`, "filter_data/filter", { replace: ALERT_DATA_FILTER }, ALERT_DATA_FILTER_REASON),
  request("POST /public_api/appsec/v1/policies", "conditions", { replace: APPSEC_CONDITION }, APPSEC_CONDITION_REASON),
  request("POST /public_api/appsec/v1/policies", "scope", { replace: APPSEC_SCOPE }, APPSEC_SCOPE_REASON),
  request("PUT /public_api/appsec/v1/policies/{policyId}", "conditions", { replace: APPSEC_CONDITION }, APPSEC_CONDITION_REASON),
  request("PUT /public_api/appsec/v1/policies/{policyId}", "scope", { replace: APPSEC_SCOPE }, APPSEC_SCOPE_REASON),
  request(`POST ${V1}/policy/search`, "filter", { replace: POLICY_FILTER }, POLICY_FILTER_REASON),
  request(`POST ${V1}/cloud_onboarding/get_instances`, "filter_data/filter", { replace: CLOUD_INSTANCE_FILTER }, ONBOARDING_REASON("instance (get_instances reply DATA)")),
  request(`POST ${V1}/cloud_onboarding/get_accounts`, "filter_data/filter", { replace: CLOUD_ACCOUNT_FILTER }, ONBOARDING_REASON("account (get_accounts reply DATA)")),
  request(`POST ${V1}/policy`, "associated_rule_filter", { replace: { anyOf: [POSTURE_RULE_FILTER, { type: "null" }] } }, POSTURE_RULE_FILTER_REASON),
  request(`PATCH ${V1}/policy/{policy_id}`, "associated_rule_filter", { replace: { anyOf: [POSTURE_RULE_FILTER, { type: "null" }] } }, POSTURE_RULE_FILTER_REASON),
  request("POST /platform/notifications/v1/rule", "filter", { replace: NOTIFICATION_FILTER }, NOTIFICATION_FILTER_REASON),
  request("PUT /platform/notifications/v1/rule/{rule_uuid}", "filter", { replace: NOTIFICATION_FILTER }, NOTIFICATION_FILTER_REASON),
];
