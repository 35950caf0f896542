/**
 * Corrections of operation metadata (envelopes, paging, retry safety...), one per entry, each with a reason.
 *
 * @module
 */
import type { Override } from "./types.js";

/** Entry and exclusion overrides. */
export const entryOverrides: readonly Override[] = [
  {
    kind: "entry",
    operation: "POST /public_api/v1/incidents/update_incident",
    set: { replyEnvelope: "reply" },
    reason: "xdr reference §3.2 lists update_incident among the {\"reply\": true} answers; the spec omits the wrapper",
  },
  {
    kind: "entry",
    operation: "POST /public_api/v1/hash_exceptions/blocklist",
    set: { replyEnvelope: "reply" },
    reason: "xdr reference §3.2: blocklist answers {\"reply\": true}; the spec omits the wrapper",
  },
  {
    kind: "entry",
    operation: "POST /public_api/v1/hash_exceptions/allowlist",
    set: { replyEnvelope: "reply" },
    reason: "xdr reference §3.2: allowlist answers {\"reply\": true}; the spec omits the wrapper",
  },
  {
    kind: "entry",
    operation: "POST /public_api/v1/endpoints/update_agent_name",
    set: { replyEnvelope: "reply" },
    reason: "xdr reference §4.5: update_agent_name answers {\"reply\": true} even when nothing matched",
  },
  {
    kind: "entry",
    operation: "POST /public_api/v1/tags/agents/assign",
    set: { replyEnvelope: "reply" },
    reason: "xdr reference §4.5: tag assignment answers {\"reply\": true}",
  },
  {
    kind: "entry",
    operation: "POST /public_api/v1/tags/agents/remove",
    set: { replyEnvelope: "reply" },
    reason: "xdr reference §4.5: tag removal answers {\"reply\": true}",
  },
  {
    kind: "entry",
    operation: "POST /public_api/v1/alerts/insert_parsed_alerts",
    set: { replyEnvelope: "reply" },
    reason: "xdr reference §3.2: insert_parsed_alerts answers {\"reply\": true}",
  },
  {
    kind: "entry",
    operation: "POST /public_api/v1/alerts/insert_cef_alerts",
    set: { replyEnvelope: "reply" },
    reason: "xdr reference §3.2: insert_cef_alerts answers {\"reply\": true}",
  },
  {
    kind: "entry",
    operation: "POST /public_api/v1/alerts/update_alerts",
    set: { replyEnvelope: "reply" },
    reason: "xdr reference §4.3: update_alerts answers {\"reply\": {\"alerts_ids\": [...]}}, which the vendor's client requires",
  },
  {
    kind: "entry",
    operation: "POST /public_api/v1/alerts/get_alerts_multi_events",
    set: { replyEnvelope: "reply" },
    reason: "xdr reference §4.3: the v1 reply is reply.alerts[*]; the spec omits the wrapper",
  },
  {
    kind: "entry",
    operation: "POST /public_api/v1/xql/lookups/get_data",
    set: { replyEnvelope: "reply" },
    reason: "xdr reference §4.9: get_data answers {\"reply\": {data, filter_count, total_count}}",
  },
  {
    kind: "entry",
    operation: "POST /public_api/v1/issue/search",
    set: { requestSiblings: [] },
    reason: "the spec puts search_from/search_to/sort/include_fields next to request_data; live clients send them inside it (xsoar reference §4.2), which the request schema override models",
  },
  {
    kind: "entry",
    operation: "POST /public_api/v1/alerts/get_alerts",
    set: { pagination: { kind: "offset", maxPageSize: 100, itemsField: "alerts", totalField: "total_count", totalCap: 9999, idField: "alert_id" } },
    reason: "xdr-xsiam reference §3.4: alert listings report total_count at most 9,999; paging continues past it",
  },
  {
    kind: "entry",
    operation: "POST /public_api/v1/alerts/get_alerts_multi_events",
    set: { pagination: { kind: "offset", maxPageSize: 100, itemsField: "alerts", totalField: "total_count", totalCap: 9999, idField: "alert_id" } },
    reason: "xdr-xsiam reference §3.4: alert listings report total_count at most 9,999; paging continues past it",
  },
  {
    kind: "entry",
    operation: "POST /public_api/v2/alerts/get_alerts_multi_events",
    set: { pagination: { kind: "offset", maxPageSize: 100, itemsField: "alerts", totalField: "total_count", totalCap: 9999, idField: "alert_id", pageToken: true } },
    reason: "xdr-xsiam reference §3.4: alert listings report total_count at most 9,999; paging continues past it",
  },
  {
    kind: "entry",
    operation: "POST /public_api/v1/alerts/get_alerts_pcap",
    set: { pagination: { kind: "offset", maxPageSize: 100, itemsField: "alerts", totalField: "total_count", totalCap: 9999 } },
    reason: "xdr-xsiam reference §3.4: alert listings report total_count at most 9,999; paging continues past it",
  },
  {
    kind: "entry",
    operation: "GET /platform/iam/v1/api-key/{api_key_id}",
    set: { replyEnvelope: "data" },
    reason: "xdr-xsiam reference §2.3: the IAM key routes answer {\"data\": …}; the spec shows the key bare",
  },
  {
    kind: "entry",
    operation: "POST /public_api/v1/asset-groups/create",
    set: { replyEnvelope: "reply" },
    reason: "xsoar-xpanse-cloud reference §4.4: create answers {\"reply\": {\"data\": {success, asset_group_id}}}; the spec shows a bare list",
  },
  {
    kind: "entry",
    operation: "POST /incident",
    set: { requiredOnXsoar8: { fields: ["name"], unlessPresent: "id" } },
    reason: "xsoar-xpanse-cloud reference §2.6: CreateIncidentRequest `name` (required in 8); one schema serves 6 and 8 and nothing says what 6 requires, so name stays optional in the schema and is required only for a client configured for XSOAR 8; a body with `id` updates an incident (§2.6), which the rule does not cover",
  },
  {
    kind: "brokenRef",
    spec: "platform-3.4-cspm-policies-papi.json",
    ref: "#/components/schemas/AggregatedColumn",
    reason: "spec bug: the export references a component it does not include; typed as any JSON value",
  },
];
