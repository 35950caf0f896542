/**
 * Cortex Cloud account onboarding: no spec file describes it, so its operations are authored here from
 * ../shared/reference/xsoar-xpanse-cloud-api.md §4.1 (the paths) and §4.9 (bodies and replies, as the
 * vendor's Go SDK sends and reads them). Where the reference gives no shape, the schema stays open rather
 * than guessing; list calls page with `filter_data` up to the Go SDK's maximum of 2,000.
 *
 * @module
 */
import type { JsonSchema } from "../../../schemas-base/src/json-schema.js";
import type { HandAuthoredOperation } from "./types.js";

const PATH = "/public_api/v1/cloud_onboarding";
const str: JsonSchema = { type: "string" };
const bool: JsonSchema = { type: "boolean" };
const open: JsonSchema = { type: "object" };
const ids: JsonSchema = { type: "array", items: { type: ["string", "integer"] } };
const provider: JsonSchema = { type: "string", enum: ["AWS", "AZURE", "GCP"] };
const tags: JsonSchema = { type: "array", items: { type: "object", properties: { key: str, value: str } } };
const filterData: JsonSchema = {
  type: "object",
  properties: {
    paging: { type: "object", properties: { from: { type: "integer", minimum: 0 }, to: { type: "integer", minimum: 0 } } },
    sort: { type: "array", items: { type: "object", properties: { FIELD: str, ORDER: { type: "string", enum: ["ASC", "DESC", "asc", "desc"] } } } },
    filter: open,
  },
};
const templateReply: JsonSchema = {
  type: "object",
  properties: { automated: { type: "object", properties: { link: str, tracking_guid: str } }, manual: open },
};
const listReply = (idField: string): JsonSchema => ({
  type: "object",
  properties: {
    DATA: { type: "array", items: { type: "object", properties: { [idField]: { type: ["string", "integer"] } } } },
    FILTER_COUNT: { type: "integer" },
    TOTAL_COUNT: { type: "integer" },
  },
});
const instanceBody = {
  instance_name: str,
  scan_env_id: str,
  custom_resources_tags: tags,
  collection_configuration: open,
  additional_capabilities: open,
  scope_modifications: open,
} as const;

const base = {
  products: ["cloud"],
  requestEnvelope: "request_data",
  replyEnvelope: "reply",
  replyKind: "object",
  pagination: { kind: "none" },
  async: "none",
  limits: {},
  sources: ["cloud-reference"],
  method: "POST",
} as const;

function call(name: string, retrySafety: "read" | "idempotent" | "unsafe", request: JsonSchema, reply: JsonSchema, extra: Partial<HandAuthoredOperation> = {}): HandAuthoredOperation {
  return { ...base, id: `cloud_onboarding.${name}`, path: `${PATH}/${name}`, retrySafety, request, reply, ...extra };
}

const filterPaging = (idField: string) => ({ kind: "filter_data", maxPageSize: 2000, itemsField: "DATA", totalField: "TOTAL_COUNT", idField }) as const;

/** Cortex Cloud account onboarding operations. */
export const cloudOnboardingOperations: readonly HandAuthoredOperation[] = [
  call(
    "create_instance_template",
    "unsafe",
    {
      type: "object",
      properties: {
        cloud_provider: provider,
        scope: { type: "string", enum: ["ACCOUNT", "ACCOUNT_GROUP", "ORGANIZATION"] },
        scan_mode: { type: "string", enum: ["MANAGED", "OUTPOST"] },
        account_details: { type: "object", properties: { organization_id: str } },
        ...instanceBody,
      },
      required: ["cloud_provider", "scope", "scan_mode"],
    },
    templateReply,
  ),
  call("get_instance_details", "read", { type: "object", properties: { id: str }, required: ["id"] }, open),
  call("get_instances", "read", { type: "object", properties: { filter_data: filterData } }, listReply("instance_id"), { pagination: filterPaging("instance_id") }),
  call(
    "edit_instance",
    "idempotent",
    { type: "object", properties: { id: str, cloud_provider: provider, cloud_partition: str, ...instanceBody }, required: ["id", "cloud_provider"] },
    templateReply,
  ),
  call("enable_disable_instance", "idempotent", { type: "object", properties: { ids, enable: bool }, required: ["ids", "enable"] }, open),
  call("delete_instance", "idempotent", { type: "object", properties: { ids }, required: ["ids"] }, open),
  call(
    "get_accounts",
    "read",
    { type: "object", properties: { instance_id: str, filter_data: filterData }, required: ["instance_id"] },
    listReply("account_id"),
    { pagination: filterPaging("account_id") },
  ),
  call("enable_disable_account", "idempotent", { type: "object", properties: { ids, instance_id: str, enable: bool }, required: ["ids", "instance_id", "enable"] }, open),
  call("create_outpost_template", "unsafe", { type: "object", properties: { cloud_provider: provider, custom_resources_tags: tags }, required: ["cloud_provider"] }, templateReply),
  // The reference names these without their bodies: open schemas until a recorded shape exists.
  call("edit_outpost", "idempotent", open, open),
  call("get_outposts", "read", open, open),
  call("get_azure_approved_tenants", "read", open, open),
  call("list_regions", "read", { type: "object", properties: { cloud_provider: provider }, required: ["cloud_provider"] }, open),
  call("get_identifiers", "read", open, open),
];
