/**
 * Operations no spec describes but the vendor's own clients call with API keys (the XSOAR Cortex XDR
 * integration and the shared CoreIRApiModule). Source: ../shared/reference/xdr-xsiam-api.md §4.2,
 * §4.3, §4.6 and §4.13, where each is marked undocumented. Shapes are as those clients send and read
 * them; replies are kept open because no spec pins them down.
 *
 * @module
 */
import type { JsonSchema } from "../../../schemas-base/src/json-schema.js";
import type { HandAuthoredOperation } from "./types.js";

const str: JsonSchema = { type: "string" };
const strings: JsonSchema = { type: "array", items: str };
const ids: JsonSchema = { type: "array", items: { type: ["string", "integer"] } };

const base = {
  products: ["xdr", "xsiam"],
  requestEnvelope: "request_data",
  replyEnvelope: "reply",
  replyKind: "object",
  pagination: { kind: "none" },
  async: "none",
  limits: {},
  sources: ["vendor-clients"],
} as const;

const hashList: JsonSchema = {
  type: "object",
  properties: { hash_list: strings, comment: str, incident_id: { type: ["integer", "string"] } },
  required: ["hash_list"],
  additionalProperties: false,
};

/** Undocumented operations used by the vendor's clients. */
export const undocumentedOperations: readonly HandAuthoredOperation[] = [
  {
    ...base,
    id: "incidents.get_multiple_incidents_extra_data",
    method: "POST",
    path: "/public_api/v1/incidents/get_multiple_incidents_extra_data",
    retrySafety: "read",
    request: {
      type: "object",
      properties: {
        filters: {
          type: "array",
          items: {
            type: "object",
            properties: { field: { type: "string", enum: ["incident_id_list", "status", "starred", "creation_time"] }, operator: { type: "string", enum: ["in", "eq", "gte"] }, value: {} },
            required: ["field", "operator", "value"],
          },
        },
        fields_to_exclude: strings,
      },
      additionalProperties: false,
    },
    reply: { type: "object", properties: { total_count: { type: "integer" }, result_count: { type: "integer" }, alerts_limit_per_incident: { type: "integer" }, incidents: { type: "array", items: { type: "object" } } } },
  },
  {
    ...base,
    id: "alerts.get_alerts_by_filter_data",
    method: "POST",
    path: "/public_api/v1/alerts/get_alerts_by_filter_data",
    pagination: { kind: "filter_data", maxPageSize: 100, itemsField: "alerts", totalField: "total_count" },
    retrySafety: "read",
    request: {
      type: "object",
      properties: {
        filter_data: {
          type: "object",
          properties: {
            sort: { type: "array", items: { type: "object", properties: { FIELD: str, ORDER: { type: "string", enum: ["ASC", "DESC"] } }, required: ["FIELD", "ORDER"] } },
            paging: { type: "object", properties: { from: { type: "integer", minimum: 0 }, to: { type: "integer" } } },
            filter: { type: "object" },
          },
        },
      },
      required: ["filter_data"],
      additionalProperties: false,
    },
    reply: { type: "object", properties: { total_count: { type: "integer" }, alerts: { type: "array", items: { type: "object", properties: { alert_fields: { type: "object" } } } } } },
  },
  {
    ...base,
    id: "alerts.get_original_alerts",
    method: "POST",
    path: "/public_api/v1/alerts/get_original_alerts",
    retrySafety: "read",
    request: { type: "object", properties: { alert_id_list: ids }, required: ["alert_id_list"], additionalProperties: false },
    reply: { type: "object", properties: { alerts: { type: "array", items: { type: "object", properties: { original_alert_json: { type: ["string", "object"] } } } } } },
  },
  {
    ...base,
    id: "alerts.get_correlation_alert_data",
    method: "POST",
    path: "/public_api/v1/alerts/get_correlation_alert_data",
    retrySafety: "read",
    request: { type: "object", properties: { alert_id: { type: ["integer", "string"] } }, required: ["alert_id"], additionalProperties: false },
    reply: { type: "object", properties: { events: { type: "array", items: { type: "object" } } } },
  },
  {
    ...base,
    id: "alerts_exclusion",
    method: "POST",
    path: "/public_api/v1/alerts_exclusion",
    replyKind: "array",
    retrySafety: "read",
    request: { type: "object", properties: { tenant_id: str, filter_data: { type: "object" } }, additionalProperties: false },
    reply: { type: "array", items: { type: "object" } },
  },
  {
    ...base,
    id: "alerts_exclusion.add",
    method: "POST",
    path: "/public_api/v1/alerts_exclusion/add",
    retrySafety: "unsafe",
    request: { type: "object", properties: { indicator: { type: "object" }, status: { type: "string", enum: ["ENABLED", "DISABLED"] }, name: str, comment: str }, required: ["indicator", "name"], additionalProperties: false },
    reply: { type: "object", properties: { rule_id: { type: ["integer", "string"] } } },
  },
  {
    ...base,
    id: "alerts_exclusion.delete",
    method: "POST",
    path: "/public_api/v1/alerts_exclusion/delete",
    retrySafety: "idempotent",
    request: { type: "object", properties: { alert_exclusion_id: { type: "integer" } }, required: ["alert_exclusion_id"], additionalProperties: false },
    reply: {},
  },
  {
    ...base,
    id: "endpoints.terminate_process",
    method: "POST",
    path: "/public_api/v1/endpoints/terminate_process",
    retrySafety: "unsafe",
    async: "action_id",
    request: { type: "object", properties: { agent_id: str, instance_id: str, process_name: str, incident_id: str }, required: ["agent_id", "instance_id"], additionalProperties: false },
    reply: { type: "object", properties: { group_action_id: { type: ["integer", "string"] } } },
  },
  {
    ...base,
    id: "endpoints.terminate_causality",
    method: "POST",
    path: "/public_api/v1/endpoints/terminate_causality",
    retrySafety: "unsafe",
    async: "action_id",
    request: { type: "object", properties: { agent_id: str, causality_id: str, process_name: str, incident_id: str }, required: ["agent_id", "causality_id"], additionalProperties: false },
    reply: { type: "object", properties: { group_action_id: { type: ["integer", "string"] } } },
  },
  { ...base, id: "hash_exceptions.blocklist.remove", method: "POST", path: "/public_api/v1/hash_exceptions/blocklist/remove", replyKind: "boolean", retrySafety: "idempotent", request: hashList, reply: { type: "boolean" } },
  { ...base, id: "hash_exceptions.allowlist.remove", method: "POST", path: "/public_api/v1/hash_exceptions/allowlist/remove", replyKind: "boolean", retrySafety: "idempotent", request: hashList, reply: { type: "boolean" } },
];
