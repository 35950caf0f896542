/**
 * Type tests of the AND/OR filter trees typed per operation beyond the asset inventory: XDR/XSIAM
 * `alerts.get_alerts_by_filter_data`, AppSec policy conditions and scope, posture policy search, cloud
 * onboarding lists, and the notification rules' tree (generic fields, typed structure). Each
 * `@ts-expect-error` fails the build if its line compiles.
 */
import { andFilter, orFilter, searchCondition } from "@cortex-sdk/schemas-base";
import type { AlertDataFilter, AlertDataFilterCondition, XdrRequestOf } from "@cortex-sdk/schemas-xdr";
import type { AppSecConditionFilter, AppSecScopeFilter, CloudInstanceFilter, CloudRequestOf, PosturePolicyFilter } from "@cortex-sdk/schemas-cloud";
import type { XsiamRequestOf } from "@cortex-sdk/schemas-xsiam";

// alerts.get_alerts_by_filter_data: the reference's fields, severity in SEV_* names, times and IP matches.
export const alerts: XdrRequestOf<"alerts.get_alerts_by_filter_data"> = {
  filter_data: {
    filter: {
      AND: [
        { SEARCH_FIELD: "severity", SEARCH_TYPE: "EQ", SEARCH_VALUE: "SEV_040_HIGH" },
        { OR: [{ SEARCH_FIELD: "alert_name", SEARCH_TYPE: "CONTAINS", SEARCH_VALUE: "x" }] },
        { SEARCH_FIELD: "source_insert_ts", SEARCH_TYPE: "RELATIVE_TIMESTAMP", SEARCH_VALUE: "86400000" },
        { SEARCH_FIELD: "source_insert_ts", SEARCH_TYPE: "RANGE", SEARCH_VALUE: { from: 1, to: 2 } },
        { SEARCH_FIELD: "agent_ip_addresses", SEARCH_TYPE: "IPLIST_MATCH", SEARCH_VALUE: "10.0.0.1" },
        { SEARCH_FIELD: "action_remote_ip", SEARCH_TYPE: "IP_MATCH", SEARCH_VALUE: "10.0.0.0/8" },
      ],
    },
  },
};
export const xsiam_alerts: XsiamRequestOf<"alerts.get_alerts_by_filter_data"> = { filter_data: { filter: andFilter(searchCondition("starred", "EQ", true)) } };
// @ts-expect-error not a field the reference names for this call
export const alerts_unknown_field: AlertDataFilterCondition = { SEARCH_FIELD: "colour", SEARCH_TYPE: "EQ", SEARCH_VALUE: "red" };
// @ts-expect-error severity takes the internal SEV_* names
export const alerts_wrong_value: AlertDataFilterCondition = { SEARCH_FIELD: "severity", SEARCH_TYPE: "EQ", SEARCH_VALUE: "high" };
// @ts-expect-error a text field takes no IPLIST_MATCH
export const alerts_wrong_type: AlertDataFilter = { AND: [{ OR: [{ SEARCH_FIELD: "alert_name", SEARCH_TYPE: "IPLIST_MATCH", SEARCH_VALUE: "x" }] }] };
// @ts-expect-error SEARCH_VALUE is required for EQ
export const alerts_missing_value: AlertDataFilterCondition = { SEARCH_FIELD: "alert_name", SEARCH_TYPE: "EQ" };
// @ts-expect-error filter_data is required
export const alerts_missing_field: XdrRequestOf<"alerts.get_alerts_by_filter_data"> = {};

// AppSec policies: conditions and scope typed by the spec's field tables.
const conditions: AppSecConditionFilter = {
  AND: [
    { OR: [{ SEARCH_FIELD: "Finding Type", SEARCH_TYPE: "EQ", SEARCH_VALUE: "CAS_CVE_SCANNER" }, { SEARCH_FIELD: "Finding Type", SEARCH_TYPE: "EQ", SEARCH_VALUE: "CAS_SAST_SCANNER" }] },
    { SEARCH_FIELD: "Severity", SEARCH_TYPE: "EQ", SEARCH_VALUE: "CRITICAL" },
    { SEARCH_FIELD: "CVSS", SEARCH_TYPE: "GTE", SEARCH_VALUE: 7.5 },
    { SEARCH_FIELD: "IsKev", SEARCH_TYPE: "EQ", SEARCH_VALUE: true },
  ],
};
const scope: AppSecScopeFilter = { OR: [{ AND: [{ SEARCH_FIELD: "category", SEARCH_TYPE: "EQ", SEARCH_VALUE: "APPLICATION" }, { SEARCH_FIELD: "Repository Name", SEARCH_TYPE: "CONTAINS", SEARCH_VALUE: "web" }] }] };
export const appsec: CloudRequestOf<"appsec.policies.post"> = { name: "p", conditions, scope, triggers: {} };
// @ts-expect-error triggers is required
export const appsec_missing: CloudRequestOf<"appsec.policies.post"> = { name: "p", conditions, scope };
// @ts-expect-error Finding Type takes EQ only
export const appsec_wrong_type: AppSecConditionFilter = { AND: [{ SEARCH_FIELD: "Finding Type", SEARCH_TYPE: "NEQ", SEARCH_VALUE: "CAS_CVE_SCANNER" }] };
// @ts-expect-error CVSS is a number
export const appsec_wrong_value: AppSecConditionFilter = { AND: [{ SEARCH_FIELD: "CVSS", SEARCH_TYPE: "GT", SEARCH_VALUE: "7" }] };
// @ts-expect-error a condition field is not a scope field
export const appsec_wrong_field: AppSecScopeFilter = { AND: [{ SEARCH_FIELD: "Severity", SEARCH_TYPE: "EQ", SEARCH_VALUE: "CRITICAL" }] };
export const appsec_put: XsiamRequestOf<"appsec.policies.put_by_policy_id"> = { conditions: andFilter(searchCondition("Backlog Status", "NEQ", "BACKLOG")) };

// Posture policy search: the policy record's fields.
export const posture: CloudRequestOf<"policy.search"> = { filter: orFilter(searchCondition("name", "CONTAINS", "Cloud"), searchCondition("mode", "IN", ["CUSTOM"]), searchCondition("labels", "ARRAY_CONTAINS", "test")) };
// @ts-expect-error the spec's SearchType has no GT
export const posture_wrong_type: PosturePolicyFilter = { AND: [{ SEARCH_FIELD: "creation_time", SEARCH_TYPE: "GT", SEARCH_VALUE: 1 }] };
// @ts-expect-error not a field of a policy
export const posture_wrong_field: PosturePolicyFilter = { AND: [{ SEARCH_FIELD: "owner", SEARCH_TYPE: "EQ", SEARCH_VALUE: "x" }] };

// Cloud onboarding lists.
export const instances: CloudRequestOf<"cloud_onboarding.get_instances"> = { filter_data: { paging: { from: 0, to: 50 }, filter: { AND: [{ SEARCH_FIELD: "CLOUD_PROVIDER", SEARCH_TYPE: "EQ", SEARCH_VALUE: "AWS" }] } } };
// @ts-expect-error cloud providers are AWS, AZURE or GCP
export const instances_wrong_value: CloudInstanceFilter = { AND: [{ SEARCH_FIELD: "CLOUD_PROVIDER", SEARCH_TYPE: "EQ", SEARCH_VALUE: "OCI" }] };
// @ts-expect-error account fields do not filter instances
export const instances_wrong_field: CloudInstanceFilter = { AND: [{ SEARCH_FIELD: "ENVIRONMENT", SEARCH_TYPE: "EQ", SEARCH_VALUE: "x" }] };
// @ts-expect-error instance_id is required
export const accounts_missing: CloudRequestOf<"cloud_onboarding.get_accounts"> = { filter_data: { filter: { AND: [{ SEARCH_FIELD: "ACCOUNT_ID", SEARCH_TYPE: "EQ", SEARCH_VALUE: "1" }] } } };

// Notification rules: any field (the spec says they are open-ended), but the tree's structure and search types.
export const rule: CloudRequestOf<"platform.notifications.rule"> = { name: "r", forward_type: "alert", filter: { filter: { AND: [{ SEARCH_FIELD: "is_whitelisted", SEARCH_TYPE: "EQ", SEARCH_VALUE: false }] } } };
// @ts-expect-error not a search type of the dialect
export const rule_wrong_type: CloudRequestOf<"platform.notifications.rule"> = { name: "r", forward_type: "alert", filter: { filter: { AND: [{ SEARCH_FIELD: "severity", SEARCH_TYPE: "LIKE", SEARCH_VALUE: "x" }] } } };
// @ts-expect-error a node is AND or OR
export const rule_wrong_node: CloudRequestOf<"platform.notifications.rule"> = { name: "r", forward_type: "alert", filter: { filter: { NOT: [] } } };

// Posture policies' rule filter: any field (no source lists the rules' fields), the spec's search types, any depth.
export const posture_rules: CloudRequestOf<"policy"> = {
  name: "p",
  description: "d",
  rule_matching_type: "RULE_FILTER",
  asset_matching_type: "ALL_ASSETS",
  associated_rule_filter: { AND: [{ OR: [{ AND: [{ SEARCH_FIELD: "cloudType", SEARCH_TYPE: "EQ", SEARCH_VALUE: "aws" }] }] }, { SEARCH_FIELD: "labels", SEARCH_TYPE: "ARRAY_CONTAINS", SEARCH_VALUE: "test" }] },
};
// @ts-expect-error not one of the spec's SearchType values
export const posture_rules_wrong: CloudRequestOf<"policy"> = { ...posture_rules, associated_rule_filter: { AND: [{ SEARCH_FIELD: "severity", SEARCH_TYPE: "GT", SEARCH_VALUE: "low" }] } };
