/**
 * Corrections of request and reply schemas: spec typos, and recorded shapes (reference fact sheets,
 * the vendor's own clients) that differ from the specs. One entry per correction, each with a reason.
 * Paths (`at`) are relative to the request as the caller passes it or to the reply after its envelope.
 *
 * @module
 */
import type { JsonSchema } from "../../../schemas-base/src/json-schema.js";
import type { Override, OperationRef, SchemaOverride } from "./types.js";

const V1 = "/public_api/v1";

/** A flat AND filter list with these fields and operators (values untyped; see the normaliser). */
function filterList(fields: readonly string[], operators: readonly string[]): JsonSchema {
  return {
    type: "array",
    items: { type: "object", properties: { field: { type: "string", enum: fields }, operator: { type: "string", enum: operators }, value: {} }, required: ["field", "operator", "value"] },
  };
}

function schema(operation: OperationRef, target: "request" | "reply", at: string, change: Pick<SchemaOverride, "replace" | "merge" | "rename" | "remove" | "create">, reason: string): SchemaOverride {
  return { kind: "schema", operation, target, at, ...change, reason };
}

/** Tenant-info expiration fields: epoch ms, 0, or a date string such as "May 18th 2023 08:51:59". */
const TENANT_EXPIRATIONS = [
  "xsiam_premium_expiration", "pro_per_endpoint_expiration", "prevent_expiration", "pro_gb_expiration", "compute_unit_expiration", "host_insights_expiration",
  "forensics_expiration", "pro_cloud_expiration", "identity_threat_expiration", "xth_expiration", "threat_intelligence_management_expiration",
  "attack_surface_management_expiration", "xsiam_ep_hot_expiration", "xsiam_ep_cold_expiration", "xsiam_gb_hot_expiration", "xsiam_gb_cold_expiration",
];

/** Tenant-info purchase fields: 0 or an object of amounts. */
const TENANT_PURCHASES = [
  "purchased_xsiam_premium", "purchased_pro_per_endpoint", "purchased_prevent", "purchased_pro_gb", "purchased_compute_unit", "purchased_host_insights", "purchased_pro_cloud",
  "purchased_xth", "purchased_threat_intelligence_management", "purchased_attack_surface_management", "purchased_xsiam_ep_hot", "purchased_xsiam_ep_cold", "purchased_xsiam_gb_hot",
  "purchased_xsiam_gb_cold",
];

/** XSOAR `CustomFields` is Go's `map[string]interface{}`: values are any JSON (strings, numbers, lists), not objects. */
const CUSTOM_FIELDS: JsonSchema = { type: "object", additionalProperties: {} };
const CUSTOM_FIELDS_REASON = "spec bug: CustomFields values are typed as objects (Go interface{}), but custom field values are strings, numbers and lists";

/** XSOAR entry `contents`/`parentContent` are Go `interface{}`: text for notes, JSON for data entries. */
const ENTRY_CONTENT_REASON = "spec bug: entry contents are typed as objects (Go interface{}), but note and text entries carry strings";

/** Action ids are integers (run_script) or strings (isolate/quarantine examples): accept both (reference xdr-xsiam §8). */
const ACTION_ID: JsonSchema = { type: ["integer", "string"] };

/** Schema overrides. */
export const schemaOverrides: readonly Override[] = [
  schema(`POST ${V1}/scripts/run_script`, "request", "parameters_values", { replace: { type: "object", additionalProperties: {} } }, "spec example copied as the type ({x, y}); parameters_values maps parameter names to values (reference xdr-xsiam §4.7)"),
  schema(`POST ${V1}/scripts/get_script_execution_status`, "request", "action_id", { replace: ACTION_ID }, "action_id is the int run_script returns, a string in some examples: accept both (reference xdr-xsiam §4.7, §8)"),
  schema(`POST ${V1}/scripts/get_script_execution_results`, "request", "action_id", { replace: ACTION_ID }, "action_id is the int run_script returns, a string in some examples: accept both (reference xdr-xsiam §4.7, §8)"),
  schema(`POST ${V1}/scripts/get_script_execution_results_files`, "request", "action_id", { replace: ACTION_ID }, "action_id is the int run_script returns, a string in some examples: accept both (reference xdr-xsiam §4.7, §8)"),
  schema(`POST ${V1}/actions/get_action_status`, "request", "group_action_id", { replace: ACTION_ID }, "group_action_id is documented as int, but isolate/quarantine examples return string action ids: accept both (reference xdr-xsiam §4.6, §8)"),
  schema(`POST ${V1}/actions/file_retrieval_details`, "request", "group_action_id", { replace: ACTION_ID }, "the spec types group_action_id as a string, the reference as an int (xdr-xsiam §4.6, §8): accept both"),
  schema(`POST ${V1}/alerts/insert_parsed_alerts`, "request", "alerts/[]/local_port", { replace: { type: ["integer", "string"] } }, "ports are ints in older docs and strings in the new spec: accept both (reference xdr-xsiam §4.3)"),
  schema(`POST ${V1}/alerts/insert_parsed_alerts`, "request", "alerts/[]/remote_port", { replace: { type: ["integer", "string"] } }, "ports are ints in older docs and strings in the new spec: accept both (reference xdr-xsiam §4.3)"),
  schema(
    `POST ${V1}/assets`,
    "request",
    "request_data",
    {
      replace: {
        type: "object",
        properties: {
          // The tree `filters` holds at the body root (typed per field in requests.ts), referred to by its anchor.
          filters: { $ref: "#AssetFilter" },
          sort: { type: "array", items: { type: "object", properties: { FIELD: { type: "string" }, ORDER: { type: "string", enum: ["DESC", "ASC"] } } } },
          search_from: { type: "integer" },
          search_to: { type: "integer" },
          on_demand_fields: { type: "array", items: { type: "string" } },
        },
      },
      create: true,
    },
    "the spec body is bare; live-tested clients wrap the same fields in request_data (reference xsoar-xpanse-cloud §4.4)",
  ),
  schema(
    `POST ${V1}/asset-groups/create`,
    "reply",
    "*",
    { replace: { type: "object", properties: { data: { type: "object", properties: { success: { type: "boolean" }, asset_group_id: { type: "integer" } } } } } },
    "spec documents a list of its own element; create answers one {data: {success, asset_group_id}} inside the reply envelope (entries.ts; reference xsoar-xpanse-cloud §4.4: create → reply.data)",
  ),
  schema(
    `POST ${V1}/incidents/get_incident_extra_data`,
    "reply",
    "incident/users",
    { replace: { type: "array", items: { anyOf: [{ type: "string" }, { type: "object" }] } } },
    "incident users are user names, listed like the \"host:agent_id\" host strings (reference xdr-xsiam §4.2); the spec types them as objects",
  ),
  ...["action_local_port", "action_remote_port"].map((field) =>
    schema(`POST ${V1}/incidents/get_incident_extra_data`, "reply", `alerts/data/[]/${field}`, { replace: { type: ["integer", "string"] } }, "the same alert record as get_alerts, whose schema leaves ports untyped; ports are ints or strings (reference xdr-xsiam §4.3, §8)"),
  ),
  schema(
    `POST ${V1}/incidents/get_incident_extra_data`,
    "reply",
    "network_artifacts/data/[]/network_remote_port",
    { replace: { type: ["integer", "string"] } },
    "network artifact ports are ints in recorded replies, strings in the spec: accept both (reference xdr-xsiam §4.2, §8)",
  ),
  schema(`POST ${V1}/assets/get_assets_internet_exposure`, "reply", "assets_internet_exposure/[]/management_status", { replace: { type: "array", items: { type: "string" } } }, "spec bug: typed as a list of objects, but management statuses are names (reference xsoar-xpanse-cloud §3.2 list item)"),
  schema(`POST ${V1}/assets/get_assets_internet_exposure`, "reply", "assets_internet_exposure/[]/certificate_classifications", { replace: { type: "array", items: { type: "string" } } }, "spec bug: typed as a list of objects, but certificate classifications are names (reference xsoar-xpanse-cloud §3.2 list item)"),
  schema(`POST ${V1}/assets/get_assets_internet_exposure`, "reply", "assets_internet_exposure/[]/mac_addresses", { replace: { type: "array", items: { type: "string" } } }, "spec bug: typed as a list of objects, but MAC addresses are strings (reference xsoar-xpanse-cloud §3.2 list item)"),
  schema(`POST ${V1}/assets/get_assets_internet_exposure`, "reply", "assets_internet_exposure/[]/ip_ranges", { replace: { type: "array", items: { type: "string" } } }, "spec bug: typed as a list of objects, but IP ranges are range strings (reference xsoar-xpanse-cloud §3.2 list item)"),
  schema(`POST ${V1}/assets/get_assets_internet_exposure`, "reply", "assets_internet_exposure/[]/externally_inferred_cves", { replace: { type: "array", items: { type: "string" } } }, "spec bug: typed as a list of objects, but externally inferred CVEs are CVE ids (reference xsoar-xpanse-cloud §3.2 list item)"),
  schema(`POST ${V1}/assets/get_assets_internet_exposure`, "reply", "assets_internet_exposure/[]/ips", { replace: { type: "array", items: { type: "string" } } }, "spec bug: ips are typed as a list of objects but are IP address strings (reference xsoar-xpanse-cloud §3.2)"),
  schema(`POST ${V1}/assets/get_assets_internet_exposure`, "reply", "assets_internet_exposure/[]/service_type", { replace: { type: "array", items: { type: "string" } } }, "spec bug: service_type is typed as a list of objects but lists service type names such as SshServer"),
  schema(`POST ${V1}/assets/get_external_services`, "reply", "external_services/[]/externally_inferred_vulnerability_score", { replace: { type: ["number", "null"] } }, "spec bug: the score is a float or null, not a string (reference xsoar-xpanse-cloud §3.2)"),
  schema(`POST ${V1}/assets/get_external_services`, "reply", "external_services/[]/externally_inferred_cves", { replace: { type: "array", items: { type: "string" } } }, "spec bug: externally_inferred_cves is typed as a list of objects but lists CVE ids"),
  schema(`POST ${V1}/api_keys/get_api_keys`, "request", "search_from", { replace: { type: "integer", minimum: 0 }, create: true }, "get_api_keys also takes search_from/search_to and sort {field: expiration|roles} (reference xdr-xsiam §2.3 [LAB]); the spec omits them"),
  schema(`POST ${V1}/api_keys/get_api_keys`, "request", "search_to", { replace: { type: "integer" }, create: true }, "get_api_keys also takes search_from/search_to and sort {field: expiration|roles} (reference xdr-xsiam §2.3 [LAB]); the spec omits them"),
  schema(
    `POST ${V1}/api_keys/get_api_keys`,
    "request",
    "sort",
    { replace: { type: "object", properties: { field: { type: "string", enum: ["expiration", "roles"] }, keyword: { type: "string", enum: ["asc", "desc"] } }, required: ["field", "keyword"] }, create: true },
    "get_api_keys also takes search_from/search_to and sort {field: expiration|roles} (reference xdr-xsiam §2.3 [LAB]); the spec omits them",
  ),
  schema("POST /entry", "reply", "contents", { replace: {} }, ENTRY_CONTENT_REASON),
  schema("POST /entry", "reply", "parentContent", { replace: {} }, ENTRY_CONTENT_REASON),
  schema("POST /entry/formatted", "reply", "contents", { replace: {} }, ENTRY_CONTENT_REASON),
  schema("POST /entry/formatted", "reply", "parentContent", { replace: {} }, ENTRY_CONTENT_REASON),
  schema("POST /entry/note", "reply", "contents", { replace: {} }, ENTRY_CONTENT_REASON),
  schema("POST /entry/note", "reply", "parentContent", { replace: {} }, ENTRY_CONTENT_REASON),
  schema("POST /entry/tags", "reply", "contents", { replace: {} }, ENTRY_CONTENT_REASON),
  schema("POST /entry/tags", "reply", "parentContent", { replace: {} }, ENTRY_CONTENT_REASON),
  schema("POST /entry/execute/sync", "reply", "[]/contents", { replace: {} }, ENTRY_CONTENT_REASON),
  schema("POST /entry/execute/sync", "reply", "[]/parentContent", { replace: {} }, ENTRY_CONTENT_REASON),
  schema("POST /incident", "request", "CustomFields", { replace: CUSTOM_FIELDS }, CUSTOM_FIELDS_REASON),
  schema("POST /incident/batch", "request", "CustomFields", { replace: CUSTOM_FIELDS }, CUSTOM_FIELDS_REASON),
  schema("POST /incident/batch/exportToCsv", "request", "CustomFields", { replace: CUSTOM_FIELDS }, CUSTOM_FIELDS_REASON),
  schema("POST /incident/batchClose", "request", "CustomFields", { replace: CUSTOM_FIELDS }, CUSTOM_FIELDS_REASON),
  schema("POST /incident/batchDelete", "request", "CustomFields", { replace: CUSTOM_FIELDS }, CUSTOM_FIELDS_REASON),
  schema("POST /incidents/search", "reply", "data/[]/CustomFields", { replace: CUSTOM_FIELDS }, CUSTOM_FIELDS_REASON),
  schema("POST /indicator/create", "request", "indicator/CustomFields", { replace: CUSTOM_FIELDS }, CUSTOM_FIELDS_REASON),
  schema("POST /indicator/create", "reply", "CustomFields", { replace: CUSTOM_FIELDS }, CUSTOM_FIELDS_REASON),
  schema("POST /indicator/edit", "request", "CustomFields", { replace: CUSTOM_FIELDS }, CUSTOM_FIELDS_REASON),
  schema("POST /indicator/edit", "reply", "CustomFields", { replace: CUSTOM_FIELDS }, CUSTOM_FIELDS_REASON),
  schema("POST /indicators/search", "reply", "iocObjects/[]/CustomFields", { replace: CUSTOM_FIELDS }, CUSTOM_FIELDS_REASON),
  schema("POST /indicators/upload", "reply", "[]/CustomFields", { replace: CUSTOM_FIELDS }, CUSTOM_FIELDS_REASON),
  schema(
    `POST ${V1}/xql/lookups/get_data`,
    "reply",
    "data",
    { replace: { type: "array", items: { type: "object" } } },
    "spec bug: data is typed as an object but is a list of rows, as the spec's own example and xdr reference §4.9 show",
  ),
  schema(
    "GET /platform/iam/v1/api-key/{api_key_id}",
    "reply",
    "*",
    {
      replace: {
        type: "object",
        properties: {
          id: { type: "integer" },
          creation_time: { type: "integer" },
          created_by: { type: "string" },
          user_name: { type: "string" },
          roles: { type: "array", items: { type: "string" } },
          security_level: { type: "string", enum: ["standard", "advanced"] },
          comment: { type: ["string", "null"] },
          expiration: { type: ["integer", "null"] },
        },
      },
    },
    "the reply is the key inside {\"data\": …} (replyEnvelope data); the spec does not declare it, the reference (xdr-xsiam §2.3, xsoar §4.7) and the spec's example give its fields",
  ),
  schema("POST /public_api/v2/alerts/get_alerts_multi_events", "request", "search_from", { replace: { type: "integer", minimum: 0 }, create: true }, "v2 multi-events pages with search_from/search_to up to 100 (reference xdr-xsiam §3.4, xsoar §3.1); the 2.8 schema omits them"),
  schema("POST /public_api/v2/alerts/get_alerts_multi_events", "request", "search_to", { replace: { type: "integer" }, create: true }, "v2 multi-events pages with search_from/search_to up to 100 (reference xdr-xsiam §3.4, xsoar §3.1); the 2.8 schema omits them"),
  schema(
    "POST /public_api/v2/alerts/get_alerts_multi_events",
    "request",
    "sort",
    { replace: { type: "object", properties: { field: { type: "string", enum: ["creation_time", "severity"] }, keyword: { type: "string", enum: ["asc", "desc"] } }, required: ["field", "keyword"] }, create: true },
    "v2 multi-events sorts by creation_time or severity (reference xdr-xsiam §4.3, xsoar §3.1); the 2.8 schema omits sort",
  ),
  schema(
    `POST ${V1}/asset-groups`,
    "reply",
    "*",
    {
      replace: {
        type: "object",
        properties: {
          data: { type: "array", items: { type: "object" } },
          metadata: { type: "object", properties: { filter_count: { type: "integer" }, total_count: { type: "integer" } } },
        },
      },
    },
    "spec documents a bare array of generic responses; the reference (xdr-xsiam §3.2, §4.17) and the official Go SDK show reply.data plus reply.metadata counts",
  ),
  ...([`POST ${V1}/endpoints/scan`, `POST ${V1}/endpoints/abort_scan`] as const).map((operation) =>
    schema(
      operation,
      "request",
      "filters",
      { replace: { anyOf: [{ type: "string", enum: ["all"] }, filterList(["endpoint_id_list", "dist_name", "first_seen", "last_seen", "ip_list", "group_name", "platform", "alias", "isolate", "hostname", "scan_status", "username"], ["in", "gte", "lte"])] } },
      "spec types filters as a map; the reference (xdr-xsiam §3.1, §4.6) and the spec's own examples send a filter list or the string \"all\"",
    ),
  ),
  schema(
    `POST ${V1}/alerts/update_alerts`,
    "reply",
    "*",
    { replace: { type: "object", properties: { alerts_ids: { type: "array", items: { type: ["string", "integer"] } } } } },
    "spec documents a bare list; the reference (xdr-xsiam §4.3) and the vendor's XDR integration read reply.alerts_ids",
  ),
  schema(
    `POST ${V1}/rbac/get_roles`,
    "reply",
    "*",
    { replace: { type: "array", items: { type: "array", items: { type: "object" } } } },
    "the reply is a list of single-element lists of roles (reference xdr-xsiam §4.15, the spec's own example)",
  ),
  schema(
    `POST ${V1}/xql/get_quota`,
    "reply",
    "current_concurrent_active_queries",
    { replace: { type: "object", additionalProperties: { type: "object", properties: { xql: { type: "string" }, duration: { type: "number" } } } } },
    "keyed by query id with {xql, duration} objects (reference xdr-xsiam §4.8, the spec's own example)",
  ),
  schema(
    `POST ${V1}/xql/lookups/add_data`,
    "request",
    "data",
    { replace: { type: "array", items: { type: "object" } } },
    "data is a list of rows (reference xdr-xsiam §4.9, the spec's own example)",
  ),
  schema(
    `POST ${V1}/xql/lookups/remove_data`,
    "request",
    "filters",
    { replace: { type: "array", items: { type: "object" } } },
    "filters is a list of key/value blocks (reference xdr-xsiam §4.9, the spec's own example)",
  ),
  schema(
    `POST ${V1}/actions/get_action_status`,
    "reply",
    "data",
    { replace: { type: "object", additionalProperties: { type: "string", enum: ["PENDING", "IN_PROGRESS", "CANCELLED", "PENDING_ABORT", "ABORTED", "EXPIRED", "COMPLETED_PARTIAL", "COMPLETED_SUCCESSFULLY", "FAILED", "TIMEOUT"] } } },
    "data is keyed by agent id; the spec names a literal property agent_id (reference xdr-xsiam §4.6)",
  ),
  schema(
    `POST ${V1}/actions/get_action_status`,
    "reply",
    "errorReasons",
    { replace: { type: "object", additionalProperties: { type: "object" } }, create: true },
    "real 200 replies carry errorReasons keyed by agent id (reference xdr-xsiam §4.6, vendor test data)",
  ),
  schema(
    `POST ${V1}/actions/file_retrieval_details`,
    "reply",
    "data",
    { replace: { type: "object", additionalProperties: { type: "string" } } },
    "data maps endpoint ids to download links; the spec names a literal property endpoint_ID (reference xdr-xsiam §4.6)",
  ),
  ...TENANT_EXPIRATIONS.map((field) =>
    schema(`POST ${V1}/system/get_tenant_info`, "reply", field, { replace: { type: ["integer", "string"] } }, "expirations are epoch ms, 0 or a date string such as \"May 18th 2023 08:51:59\" (reference xdr-xsiam §4.1, §8)"),
  ),
  ...TENANT_PURCHASES.map((field) =>
    schema(`POST ${V1}/system/get_tenant_info`, "reply", field, { replace: { type: ["integer", "object"] } }, "purchased_* is 0 or an object of amounts (xsoar reference §4.10, the spec's own examples)"),
  ),
  schema(
    `POST ${V1}/scheduled_queries/delete`,
    "reply",
    "*",
    { replace: { type: "object", additionalProperties: { type: ["boolean", "string"] } } },
    "the reply maps each query id to true, or to a message when it cannot be deleted (reference xdr-xsiam §4.8, the spec's own example)",
  ),
  schema(
    `POST ${V1}/scheduled_queries/list`,
    "reply",
    "data/[]/timeframe/relativeTime",
    { replace: { type: ["integer", "string"] } },
    "relative XQL timeframes are milliseconds (reference xdr-xsiam §4.8); the spec types them as strings",
  ),
  schema(
    `POST ${V1}/bioc/get`,
    "reply",
    "objects/[]/indicator",
    { replace: { type: ["object", "string"] } },
    "XQL-based BIOCs carry the indicator as a string (the spec's own example)",
  ),
  ...["contains_featured_host", "contains_featured_user", "contains_featured_ip_address"].map((field) =>
    schema(`POST ${V1}/incidents/get_incident_extra_data`, "reply", `alerts/data/[]/${field}`, { replace: { type: ["string", "boolean"] } }, "contains_featured_* is \"YES\"/\"NO\" in some replies and a boolean in others (reference xdr-xsiam §8)"),
  ),
  schema(
    `POST ${V1}/audits/management_logs`,
    "request",
    "sort/field",
    { merge: { enum: ["type", "sub-type", "result", "timestamp"] } },
    "the sort field enum omits timestamp, which the spec's examples and the reference (xdr-xsiam §4.10) use",
  ),
  schema(
    `POST ${V1}/indicators/get`,
    "request",
    "filters/[]/field",
    { merge: { enum: ["indicator", "type", "severity", "expiration_date", "default_expiration_enabled", "comment", "reputation", "reliability", "rule_id"] } },
    "the spec's own examples filter by rule_id, the id every reply item carries",
  ),
  schema(
    `POST ${V1}/indicators/delete`,
    "request",
    "filters/[]/field",
    { merge: { enum: ["indicator", "type", "severity", "expiration_date", "default_expiration_enabled", "comment", "reputation", "reliability", "rule_id"] } },
    "the spec's own examples delete by rule_id, the id indicators/get returns",
  ),
  schema(
    `POST ${V1}/distributions/create`,
    "request",
    "*",
    { merge: { required: ["name", "package_type"] } },
    "the spec marks every field of every package type required; only name and package_type are (reference xdr-xsiam §4.11)",
  ),
  schema(
    `POST ${V1}/distributions/create`,
    "request",
    "platform",
    { replace: { type: "string", enum: ["windows", "linux", "macos", "android", "serverless"] } },
    "serverless is a platform of standalone/serverless packages (reference xdr-xsiam §4.11, the spec's serverless example)",
  ),
  schema(
    `POST ${V1}/scripts/get_scripts`,
    "request",
    "*",
    { merge: { required: [] } },
    "filters is optional: request_data {} returns every script (reference xdr-xsiam §3.1, the spec's own example)",
  ),
  schema(`GET ${V1}/assets/schema`, "reply", "*", { replace: { type: "object", properties: { DATA: { type: "array", items: { type: "object" } } } } }, "reply is {DATA: [...]} (reference xdr-xsiam §4.17 and xsoar §4.4, the spec's own example)"),
  schema(`GET ${V1}/assets/enum/{field_name}`, "reply", "*", { replace: { type: "object", properties: { DATA: { type: "array", items: { type: "object" } } } } }, "reply is {DATA: [{NAME, PRETTY_NAME}]} (reference xdr-xsiam §4.17, the spec's own example)"),
  schema(
    "PUT /platform/iam/v1/scope/{entity_type}/{entity_id}",
    "request",
    "*",
    { replace: { type: "object", properties: { endpoints: { type: "object" }, cases_issues: { type: "object" }, assets: { type: "object" }, datasets_rows: { type: "object" } }, additionalProperties: false } },
    "the formal schema lists only tags_scope/tagless_scope; the documented body (xsoar reference §4.8) uses endpoints, cases_issues, assets, datasets_rows",
  ),
  schema(
    `POST ${V1}/issue/search`,
    "request",
    "search_from",
    { replace: { type: "integer", minimum: 0 }, create: true },
    "live clients send paging inside request_data (xsoar reference §4.2); the spec puts it at the body root",
  ),
  schema(`POST ${V1}/issue/search`, "request", "search_to", { replace: { type: "integer" }, create: true }, "live clients send paging inside request_data (xsoar reference §4.2)"),
  schema(
    `POST ${V1}/issue/search`,
    "request",
    "sort",
    { replace: { type: "object", properties: { field: { type: "string", enum: ["id", "severity", "observation_time"] }, keyword: { type: "string", enum: ["asc", "desc"] } }, required: ["field", "keyword"] }, create: true },
    "live clients send sort inside request_data (xsoar reference §4.2)",
  ),
  schema(`POST ${V1}/issue/search`, "request", "include_fields", { replace: { type: "array", items: { type: "string", enum: ["normalized_fields", "custom_fields"] } }, create: true }, "live clients send include_fields inside request_data (xsoar reference §4.2)"),
];
