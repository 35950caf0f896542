/**
 * Cortex Xpanse (Expander) operations, authored by hand: the vendor publishes no OpenAPI description.
 * Source: section 3 of ../shared/reference/xsoar-xpanse-cloud-api.md (endpoint table §3.1, filter
 * vocabularies §3.2, object shapes §3.3). Operations that a spec also describes (the ASM and incident
 * calls shared with XSIAM) are listed too: the generator merges them into the spec's entry, adding
 * `xpanse` to its products and the Xpanse-only request fields (page tokens, filter fields).
 *
 * @module
 */
import type { JsonSchema } from "../../../schemas-base/src/json-schema.js";
import type { Pagination } from "../../../schemas-base/src/operation.js";
import type { HandAuthoredOperation } from "./types.js";

const str: JsonSchema = { type: "string" };
const int: JsonSchema = { type: "integer" };
const bool: JsonSchema = { type: "boolean" };
const strings: JsonSchema = { type: "array", items: str };

/** A flat AND filter list with these fields and operators. */
function filters(fields: readonly string[], operators: readonly string[]): JsonSchema {
  return {
    type: "array",
    items: {
      type: "object",
      properties: { field: { type: "string", enum: fields }, operator: { type: "string", enum: operators }, value: {} },
      required: ["field", "operator", "value"],
    },
  };
}

function sort(fields: readonly string[], keywords: readonly string[] = ["asc", "desc", "ASC", "DESC"]): JsonSchema {
  return { type: "object", properties: { field: { type: "string", enum: fields }, keyword: { type: "string", enum: keywords } }, required: ["field", "keyword"] };
}

const pageToken = { use_page_token: bool, next_page_token: str } as const;

function list(itemsField: string, item: JsonSchema = { type: "object" }): JsonSchema {
  return { type: "object", properties: { total_count: int, result_count: int, [itemsField]: { type: "array", items: item }, next_page_token: { type: ["string", "null"] } } };
}

function tokenPaging(itemsField: string, maxPageSize: number, idField?: string): Pagination {
  return { kind: "page_token", itemsField, totalField: "total_count", maxPageSize, ...(idField !== undefined ? { idField } : {}) };
}

const base = {
  products: ["xpanse"],
  requestEnvelope: "request_data",
  replyEnvelope: "reply",
  replyKind: "object",
  async: "none",
  limits: {},
} as const;

const OPS = ["contains", "not_contains", "eq", "neq", "in"] as const;

/** Every Xpanse operation of the reference's endpoint table (§3.1). */
export const xpanseOperations: readonly HandAuthoredOperation[] = [
  {
    ...base,
    id: "v2.alerts.get_alerts_multi_events",
    method: "POST",
    path: "/public_api/v2/alerts/get_alerts_multi_events",
    pagination: tokenPaging("alerts", 100, "alert_id"),
    retrySafety: "read",
    request: {
      type: "object",
      properties: {
        filters: filters(
          ["alert_id_list", "external_id_list", "alert_source", "business_units_list", "tags", "asm_alert_categories", "attack_surface_rule_id", "attack_surface_rule_name", "xpanse_policy_id", "case_id_list", "severity", "status", "host_name", "cloud_management_status", "integration_source", "aws_cloud_tags", "gcp_cloud_tags", "azure_cloud_tags", "creation_time", "server_creation_time", "last_modified_ts", "first_observed", "last_observed"],
          ["in", "gte", "lte", "range", "relative_timestamp"],
        ),
        ...pageToken,
      },
    },
  },
  {
    ...base,
    id: "alerts.update_alerts",
    method: "POST",
    path: "/public_api/v1/alerts/update_alerts",
    pagination: { kind: "none" },
    retrySafety: "idempotent",
    limits: { maxIdsPerCall: 100 },
    request: {
      type: "object",
      properties: {
        update_data: {
          type: "object",
          properties: {
            status: {
              type: "string",
              enum: ["new", "reopened", "under_investigation", "resolved_-_no_longer_observed", "resolved_-_no_risk", "resolved_-_risk_accepted", "resolved_-_contested_asset", "resolved_-_remediated_automatically", "resolved_no_risk", "resolved_risk_accepted", "resolved_contested_asset", "resolved_remediated_automatically", "resolved"],
            },
            severity: { type: "string", enum: ["critical", "high", "medium", "low", "unknown"] },
          },
        },
      },
    },
  },
  {
    ...base,
    id: "incidents.get_incidents",
    method: "POST",
    path: "/public_api/v1/incidents/get_incidents",
    pagination: tokenPaging("incidents", 100, "incident_id"),
    retrySafety: "read",
    request: {
      type: "object",
      properties: {
        filters: filters(["incident_id_list", "incident_id", "alert_sources", "description", "status", "starred", "cloud_management_status", "integration_source", "creation_time", "modification_time"], ["in", "contains", "gte", "lte", "eq", "neq"]),
        sort: sort(["creation_time", "severity", "modification_time"]),
        ...pageToken,
      },
    },
    reply: { type: "object", properties: { next_page_token: { type: ["string", "null"] } } },
  },
  { ...base, id: "incidents.get_incident_extra_data", method: "POST", path: "/public_api/v1/incidents/get_incident_extra_data", pagination: { kind: "none" }, retrySafety: "read" },
  {
    ...base,
    id: "incidents.update_incident",
    method: "POST",
    path: "/public_api/v1/incidents/update_incident",
    replyKind: "boolean",
    pagination: { kind: "none" },
    retrySafety: "idempotent",
    request: {
      type: "object",
      properties: {
        update_data: {
          type: "object",
          properties: {
            status: { type: "string", enum: ["new", "under_investigation", "resolved_-_no_longer_observed", "resolved_-_no_risk", "resolved_-_risk_accepted", "resolved_-_contested_asset", "resolved_-_remediated_automatically", "resolved"] },
          },
        },
      },
    },
  },
  {
    ...base,
    id: "assets.get_assets_internet_exposure",
    method: "POST",
    path: "/public_api/v1/assets/get_assets_internet_exposure",
    pagination: tokenPaging("assets_internet_exposure", 500),
    retrySafety: "read",
    request: {
      type: "object",
      properties: {
        filters: filters(["name", "ip_address", "ipv6_address", "type", "asm_id_list", "business_units", "business_units_list", "externally_detected_providers", "externally_inferred_cves", "mac_addresses", "has_xdr_agent", "has_active_external_services", "has_bu_overrides", "aws_cloud_tags", "gcp_cloud_tags", "azure_cloud_tags"], OPS),
        ...pageToken,
      },
    },
  },
  { ...base, id: "assets.get_asset_internet_exposure", method: "POST", path: "/public_api/v1/assets/get_asset_internet_exposure", pagination: { kind: "none" }, retrySafety: "read", limits: { maxIdsPerCall: 20 } },
  {
    ...base,
    id: "assets.get_assets_internet_exposure.last_external_assessment",
    method: "POST",
    path: "/public_api/v1/assets/get_assets_internet_exposure/last_external_assessment",
    replyEnvelope: "bare",
    pagination: { kind: "none" },
    retrySafety: "read",
    request: { type: "object", properties: {}, additionalProperties: false },
    reply: {
      type: "object",
      properties: { last_external_assessment: { type: "object", properties: { status: bool, time: { type: ["integer", "string", "null"] } } } },
    },
  },
  {
    ...base,
    id: "assets.get_external_services",
    method: "POST",
    path: "/public_api/v1/assets/get_external_services",
    pagination: tokenPaging("external_services", 500, "service_id"),
    retrySafety: "read",
    request: {
      type: "object",
      properties: {
        filters: filters(["service_name", "service_type", "service_type_list", "protocol", "ip_address", "ipv6_address", "domain", "is_active", "discovery_type", "business_units_list", "tags", "externally_detected_providers", "externally_inferred_cves", "active_classifications", "inactive_classifications"], OPS),
        vulnerability_test_results: bool,
        ...pageToken,
      },
    },
  },
  { ...base, id: "assets.get_external_service", method: "POST", path: "/public_api/v1/assets/get_external_service", pagination: { kind: "none" }, retrySafety: "read", limits: { maxIdsPerCall: 20 } },
  {
    ...base,
    id: "assets.get_external_ip_address_ranges",
    method: "POST",
    path: "/public_api/v1/assets/get_external_ip_address_ranges",
    pagination: tokenPaging("external_ip_address_ranges", 1000, "range_id"),
    retrySafety: "read",
    request: {
      type: "object",
      properties: {
        filters: filters(["organization_handles", "business_units_list", "tags", "ipaddress_version", "has_bu_overrides", "range_id_list"], OPS),
        ...pageToken,
      },
    },
  },
  { ...base, id: "assets.get_external_ip_address_range", method: "POST", path: "/public_api/v1/assets/get_external_ip_address_range", pagination: { kind: "none" }, retrySafety: "read", limits: { maxIdsPerCall: 100 } },
  {
    ...base,
    id: "assets.get_external_websites",
    method: "POST",
    path: "/public_api/v1/assets/get_external_websites",
    pagination: { kind: "offset", maxPageSize: 500, itemsField: "websites", totalField: "total_count" },
    retrySafety: "read",
  },
  { ...base, id: "assets.get_external_websites.last_external_assessment", method: "POST", path: "/public_api/v1/assets/get_external_websites/last_external_assessment", pagination: { kind: "none" }, retrySafety: "read" },
  { ...base, id: "assets.get_external_website", method: "POST", path: "/public_api/v1/assets/get_external_website", pagination: { kind: "none" }, retrySafety: "read" },
  {
    ...base,
    id: "get_attack_surface_rules",
    method: "POST",
    path: "/public_api/v1/get_attack_surface_rules",
    pagination: { kind: "offset", maxPageSize: 500, itemsField: "attack_surface_rules", totalField: "total_count", idField: "attack_surface_rule_id" },
    retrySafety: "read",
  },
  { ...base, id: "assets.get_vulnerability_tests", method: "POST", path: "/public_api/v1/assets/get_vulnerability_tests", pagination: { kind: "none" }, retrySafety: "read" },
  { ...base, id: "assets.bulk_update_vulnerability_tests", method: "POST", path: "/public_api/v1/assets/bulk_update_vulnerability_tests", pagination: { kind: "none" }, retrySafety: "idempotent" },
  ...(["assets_internet_exposure", "external_ip_address_ranges"] as const).flatMap((family) =>
    (["assign", "remove"] as const).map(
      (action): HandAuthoredOperation => ({
        ...base,
        id: `assets.tags.${family}.${action}`,
        method: "POST",
        path: `/public_api/v1/assets/tags/${family}/${action}`,
        pagination: { kind: "none" },
        retrySafety: "idempotent",
        request: {
          type: "object",
          properties: {
            filters: filters([family === "assets_internet_exposure" ? "asm_id_list" : "range_id_list"], ["in"]),
            tags: strings,
          },
          required: ["filters", "tags"],
          additionalProperties: false,
        },
        reply: { type: "object", properties: { [`${action}_tags`]: { type: ["boolean", "string"] } } },
      }),
    ),
  ),
  {
    ...base,
    id: "assets.create_asset_tag_rules",
    method: "POST",
    path: "/public_api/v1/assets/create_asset_tag_rules",
    pagination: { kind: "none" },
    retrySafety: "unsafe",
    request: {
      type: "object",
      properties: {
        rule_name: str,
        description: str,
        tag_name: str,
        ip_ranges: { type: "array", items: { type: "object", properties: { from_ip: str, to_ip: str }, required: ["from_ip", "to_ip"], additionalProperties: false } },
      },
      required: ["tag_name", "ip_ranges"],
      additionalProperties: false,
    },
    reply: { type: "object" },
  },
  {
    ...base,
    id: "assets.assets_internet_exposure.annotation",
    method: "POST",
    path: "/public_api/v1/assets/assets_internet_exposure/annotation",
    replyKind: "string",
    pagination: { kind: "none" },
    retrySafety: "idempotent",
    request: {
      type: "object",
      properties: {
        assets: {
          type: "array",
          items: { type: "object", properties: { entity_id: str, entity_type: { type: "string", enum: ["asset", "ip_range"] }, annotation: str }, required: ["entity_id", "entity_type", "annotation"], additionalProperties: false },
        },
        should_append: bool,
      },
      required: ["assets"],
      additionalProperties: false,
    },
    reply: str,
  },
  { ...base, id: "asm_management.upload_asm_data", method: "POST", path: "/public_api/v1/asm_management/upload_asm_data", pagination: { kind: "none" }, retrySafety: "unsafe", limits: { maxIdsPerCall: 500 } },
  { ...base, id: "asm_management.remove_asm_data", method: "POST", path: "/public_api/v1/asm_management/remove_asm_data", pagination: { kind: "none" }, retrySafety: "unsafe" },
  {
    ...base,
    id: "remediation_confirmation_scanning.requests.get_or_create",
    method: "POST",
    path: "/public_api/v1/remediation_confirmation_scanning/requests/get_or_create",
    pagination: { kind: "none" },
    retrySafety: "idempotent",
    request: {
      type: "object",
      properties: { filters: filters(["attack_surface_rule_id", "alert_internal_id", "service_id"], ["EQ", "eq"]) },
      required: ["filters"],
      additionalProperties: false,
    },
    reply: { type: "object", properties: { scanId: str }, required: ["scanId"] },
  },
  {
    ...base,
    id: "remediation_confirmation_scanning.requests.get",
    method: "POST",
    path: "/public_api/v1/remediation_confirmation_scanning/requests/get",
    pagination: { kind: "none" },
    retrySafety: "read",
    request: { type: "object", properties: { filters: filters(["id"], ["eq", "EQ"]) }, required: ["filters"], additionalProperties: false },
    reply: {
      type: "object",
      properties: {
        status: { type: "string", enum: ["IN_PROGRESS", "FAILED_TIMEOUT", "FAILED_ERROR", "SUCCESS"] },
        result: { type: "string", enum: ["REMEDIATED", "UNREMEDIATED"] },
      },
      required: ["status"],
    },
  },
];
