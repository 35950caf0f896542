/**
 * Examples embedded in the specs that are wrong, with why; the example test skips exactly these.
 * Most XSIAM examples appear in both the 2.8 and the 3.4 export; {@link inBoth} lists both.
 *
 * @module
 */
import type { ExampleOverride, OperationRef } from "./types.js";

const XS28 = "xsiam-2.8.json";
const XS34 = "xsiam-3.4-platform.json";
const V1 = "/public_api/v1";

function wrong(spec: string, operation: OperationRef, target: "request" | "reply", example: string, reason: string): ExampleOverride {
  return { kind: "example", spec, operation, target, example, reason };
}

/** The same wrong example in the 2.8 and 3.4 exports. */
function inBoth(operation: OperationRef, target: "request" | "reply", example: string, reason: string): ExampleOverride[] {
  return [wrong(XS28, operation, target, example, reason), wrong(XS34, operation, target, example, reason)];
}

const PLACEHOLDER = "example uses a placeholder string where the schema documents a typed value";

/** Example overrides. */
export const exampleOverrides: readonly ExampleOverride[] = [
  ...inBoth(`POST ${V1}/actions/get_action_status`, "request", "schema example-1", "group_action_id is an integer (reference xdr-xsiam §4.6); the example quotes it"),
  ...inBoth(`POST ${V1}/audits/management_logs`, "request", "schema Example 1", "sorts by email, which is not a documented sort field (type, sub-type, result, timestamp; reference xdr-xsiam §4.10)"),
  ...inBoth(`POST ${V1}/indicators/delete`, "request", "*", "extended_view belongs to indicators/get; delete takes filters only (reference xdr-xsiam §4.12)"),
  wrong(XS28, `POST ${V1}/alerts/create_alert`, "reply", "schema Example 1", "example omits data, the external id the call returns (reference xdr-xsiam §4.3)"),
  wrong(XS28, `POST ${V1}/alerts/get_alerts_pcap`, "reply", "example-1", "example shows a bare list; the reply is {total_count, result_count, alerts} (reference xdr-xsiam §4.3)"),
  wrong(XS28, `POST ${V1}/alerts/update_alerts`, "request", "*", `${PLACEHOLDER} (alert_id_list is a list)`),
  wrong(XS28, `POST ${V1}/alerts/update_alerts`, "reply", "example-1", "example shows the ids at the top; the vendor's integration reads reply.alerts_ids (reference xdr-xsiam §4.3)"),
  wrong("platform-3.4-appsec-papi.json", "PUT /public_api/appsec/v1/policies/{policyId}", "request", "Example 1", `${PLACEHOLDER} (SEARCH_FIELD "string", one bare condition where the POST examples of the same body send the AND/OR tree)`),
  wrong(XS34, `POST ${V1}/assets`, "request", "schema Example 1", `${PLACEHOLDER} (SEARCH_TYPE "<operator>")`),
  ...inBoth(`POST ${V1}/assets/get_external_services`, "request", "Example with page token", `${PLACEHOLDER} (field and operator "string")`),
  ...inBoth(`POST ${V1}/assets/get_external_services`, "request", "Example with sorted resulted", "misspells the discovery_type value directly_discovered (the spec's own value list, reference xsoar-xpanse-cloud §3.2)"),
  ...inBoth(`POST ${V1}/assets/get_external_services`, "reply", "*", "examples nest business_units lists and give ip_address as a string; recorded replies use string lists (xsoar reference §3.3)"),
  ...inBoth(`POST ${V1}/authentication-settings/create`, "request", "schema Example 1", "authn_context_enabled is a boolean; the example quotes it"),
  ...inBoth(`POST ${V1}/authentication-settings/update`, "request", "schema Example 1", "authn_context_enabled is a boolean and update takes current_domain_value/new_domain_value, not domain (reference xdr-xsiam §4.18)"),
  ...inBoth(`POST ${V1}/bioc/delete`, "request", "*", "extended_view belongs to bioc/get; delete takes filters only (reference xdr-xsiam §4.16)"),
  ...inBoth(`POST ${V1}/bioc/insert`, "request", "*", "status is enabled|disabled (reference xdr-xsiam §4.16); the example uses another spelling"),
  ...inBoth(`POST ${V1}/correlations/delete`, "request", "*", "extended_view belongs to correlations/get, and the example filters on a field delete does not document"),
  ...inBoth(`POST ${V1}/correlations/insert`, "request", "*", "is_enabled is a boolean on input (reference xdr-xsiam §4.16) and the rule id key is rule_id; the examples quote the read form"),
  ...inBoth(`POST ${V1}/dashboards/delete`, "request", "*", "examples send a bare list or filter on fields other than dashboard_id, which the schema documents"),
  ...inBoth(`POST ${V1}/dashboards/insert`, "request", "*", "examples send a bare list or widget layout keys the schema does not document"),
  wrong(XS28, `POST ${V1}/distributions/create`, "request", "*", "the 2.8 examples omit fields the 2.8 schema declares for the package type, or add fields it lacks"),
  wrong(XS34, `POST ${V1}/distributions/create`, "request", "schema example-1", "example omits the kubernetes fields while asking for a kubernetes package"),
  wrong(XS34, `POST ${V1}/endpoints/get_profiles`, "request", "schema Example 1", "type is prevention|extension (reference xdr-xsiam §4.5); the example uses another value"),
  ...inBoth(`POST ${V1}/endpoints/unisolate`, "request", "schema example-1", "example sends neither endpoint_id nor a documented filter field"),
  ...inBoth(`POST ${V1}/entries/insert`, "request", "schema Example 1", "the key is id (lower case, reference xdr-xsiam §4.4); the example writes Id"),
  ...inBoth(`POST ${V1}/indicators/insert`, "request", "Example 1", "reputation and reliability values outside the documented enums (reference xdr-xsiam §4.12)"),
  ...inBoth(`POST ${V1}/indicators/insert_csv`, "request", "Request all results", "request_data is a CSV string (reference xdr-xsiam §4.12); the example sends an object"),
  ...inBoth(`POST ${V1}/indicators/insert_jsons`, "request", "schema Example 1", "severity outside INFO|LOW|MEDIUM|HIGH|CRITICAL (reference xdr-xsiam §4.12)"),
  ...inBoth(`POST ${V1}/integrations/syslog/create`, "request", "*", "port is a number and security_info an object; the examples quote them"),
  wrong(XS34, `POST ${V1}/issue/search`, "request", "search_by_status_and_domain", "operator eq is not documented for issue filters (in, gte, lte; xsoar reference §4.2)"),
  ...inBoth(`POST ${V1}/playbooks/delete`, "request", "schema Example 1", "playbooks take filter: {field, value} (reference xdr-xsiam §4.16); the example writes filters"),
  ...inBoth(`POST ${V1}/playbooks/get`, "request", "schema Example 1", "playbooks take filter: {field, value} (reference xdr-xsiam §4.16); the example writes filters"),
  ...inBoth(`POST ${V1}/scripts/delete`, "request", "*", "content scripts take filter: {field, value} (reference xdr-xsiam §4.7); the examples write filters"),
  ...inBoth(`POST ${V1}/scripts/get`, "request", "schema Example 1", "content scripts take filter: {field, value} (reference xdr-xsiam §4.7); the example writes filters"),
  ...inBoth(`POST ${V1}/scheduled_queries/list`, "request", "*", "extended_view is a boolean; the examples quote it"),
  ...inBoth(`POST ${V1}/scheduled_queries/list`, "reply", "example", "schedule is an object {run_date, trigger_type} (reference xdr-xsiam §4.8); the example flattens it to a string"),
  ...inBoth(`POST ${V1}/widgets/get`, "request", "schema Example 1", "example filters on a field widgets/get does not document (title, created_by; reference xdr-xsiam §4.16)"),
  ...inBoth("POST /public_api/v2/xql/delete_dataset", "request", "*", "force is a boolean (reference xdr-xsiam §4.9); one example quotes it, the other lacks the request_data envelope"),
  ...inBoth("POST /public_api/xql_library/get", "request", "Get all XQL libraries in extended view", "extended_view is a boolean; the example quotes it"),
  wrong("platform-3.4-trusted-images-policies-papi.json", "GET /api/v1/policies/{id}", "reply", "schema example", "example omits rulesIds, which the schema requires"),
  wrong("platform-3.4-trusted-images-policies-papi.json", "GET /api/v1/rules/get/{id}", "reply", "schema example", "example omits list fields the schema requires"),
  wrong("platform-3.4-trusted-images-policies-papi.json", "GET /api/v2/policies", "reply", "schema example", "example omits rule fields the schema requires"),
  wrong("platform-3.4-trusted-images-policies-papi.json", "GET /api/v2/policies/{id}", "reply", "schema example", "example omits rule fields the schema requires"),
  wrong("platform-3.4-trusted-images-policies-papi.json", `GET ${V1}/cwp/policies/{id}`, "reply", "schema example", "example omits rulesIds, which the schema requires"),
  wrong("platform-3.4-trusted-images-policies-papi.json", `POST ${V1}/cwp/policies`, "request", "schema example", "example is a stored policy (quoted revision, ruleId, read-only fields), not a create body"),
  wrong("platform-3.4-trusted-images-policies-papi.json", `PUT ${V1}/cwp/policies/{id}`, "request", "schema example", "example is a stored policy (quoted revision, ruleId, read-only fields), not an update body"),
  wrong("platform-3.4-appsec-papi.json", "POST /public_api/appsec/v1/application", "request", "schema Example 1", "compliance value outside the schema's enum"),
  wrong("platform-3.4-appsec-papi.json", "POST /public_api/appsec/v1/policies", "request", "Example 2", "overrideIssueSeverity null for disabled triggers, outside the schema's enum (the conditions and scope trees of the example validate)"),
  wrong("platform-3.4-appsec-papi.json", "POST /public_api/appsec/v1/rules", "request", "*", "examples use scanner values and category/frameworks keys the schema does not document"),
  wrong("platform-3.4-appsec-papi.json", "POST /public_api/appsec/v1/rules", "reply", "schema Example 1", "createdAt/updatedAt are date-time strings; the example shows objects"),
  wrong("platform-3.4-compliance-papi.json", `POST ${V1}/compliance/add_standard`, "request", "Add new standard", "example lacks the request_data envelope"),
  wrong("platform-3.4-compliance-papi.json", `POST ${V1}/compliance/edit_assessment_profile`, "request", "Example 1", "example wraps request_data twice"),
  wrong("platform-3.4-compliance-papi.json", `POST ${V1}/compliance/get_assessment_profiles`, "request", "Example 1", "example puts search_from/search_to where the schema has a pagination object (xsoar reference §4.6)"),
  wrong("platform-3.4-compliance-papi.json", `POST ${V1}/compliance/get_control_failed_results`, "reply", "Example 1", "example nests findings and issues differently from the schema"),
  wrong("platform-3.4-compliance-papi.json", `POST ${V1}/compliance/get_rule_failed_results`, "reply", "Example 1", "example nests findings and issues differently from the schema"),
  wrong("platform-3.4-disable-injection-prevention-rule-papi.json", `POST ${V1}/disable_injection_prevention_rules/add`, "request", "schema Example 1", "example omits fields the schema requires"),
  wrong("platform-3.4-disable-injection-prevention-rule-papi.json", `POST ${V1}/disable_injection_prevention_rules/disable`, "request", "schema Example 1", "example omits rule_ids, which the schema requires"),
  wrong("platform-3.4-disable-prevention-rule-papi.json", `POST ${V1}/disable_prevention/add`, "request", "schema Example 1", "example omits fields the schema requires"),
  wrong("platform-3.4-disable-prevention-rule-papi.json", `POST ${V1}/disable_prevention/edit`, "request", "schema Example 1", "example omits fields the schema requires"),
  wrong("platform-3.4-cspm-policies-papi.json", `POST ${V1}/policy`, "reply", "API response with rule_matching_type ALL_RULES and asset_matching_type ASSET_GROUPS", "example omits enabled, which the schema requires"),
  wrong("platform-3.4-vulnerability-intelligence-papi.json", "POST /public_api/uvem/v1/get_affected_software", "request", "schema Example 1", "example filters on a field the schema does not document"),
  wrong("platform-3.4-vulnerability-intelligence-papi.json", "POST /public_api/uvem/v1/get_vulnerabilities", "reply", "schema Example 1", "two items give reported_exploited_by entries as strings where the schema documents objects"),
];
