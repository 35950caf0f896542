/**
 * Type tests, checked by `tsc` (`pnpm --filter @cortex-sdk/schemas run typecheck`, part of `pnpm run
 * typecheck` in CI): for 32 operations across the five products, a request missing a required field,
 * with an undocumented enum value or with an unknown field fails to compile (each `@ts-expect-error`
 * fails the build if its line compiles), a valid request compiles, and named reply fields are typed.
 * The records inside replies are the named types of src/overrides/names.ts (the list item of
 * `alerts.get_alerts` is `Alert`), with `null` where real tenants send it.
 */
import type { Alert, ApiKey, Endpoint, XdrReplyOf, XdrRequestOf, XqlQueryResult } from "@cortex-sdk/schemas-xdr";
import type { Case, Issue, XsiamReplyOf, XsiamRequestOf, Alert as XsiamAlert } from "@cortex-sdk/schemas-xsiam";
import type { Incident as XsoarIncident, IocObject, XsoarReplyOf, XsoarRequestOf, ApiKey as XsoarApiKey } from "@cortex-sdk/schemas-xsoar";
import type { ExternalService, InternetExposureAsset, MultiEventAlert, XpanseReplyOf, XpanseRequestOf } from "@cortex-sdk/schemas-xpanse";
import type { Asset, CloudReplyOf, CloudRequestOf, Vulnerability } from "@cortex-sdk/schemas-cloud";

/** `true` only when A and B are the same type. */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

// xdr endpoints.isolate: one endpoint id, or a filter list, and nothing else
export const xdr_endpoints_isolate_valid_id: XdrRequestOf<"endpoints.isolate"> = { endpoint_id: "abc" };
export const xdr_endpoints_isolate_valid_filters: XdrRequestOf<"endpoints.isolate"> = { filters: [{ field: "endpoint_id_list", operator: "in", value: ["abc"] }] };
// @ts-expect-error neither endpoint_id nor filters
export const xdr_endpoints_isolate_missing: XdrRequestOf<"endpoints.isolate"> = { incident_id: "1" };
// @ts-expect-error the operator is not documented for endpoint_id_list
export const xdr_endpoints_isolate_enum: XdrRequestOf<"endpoints.isolate"> = { filters: [{ field: "endpoint_id_list", operator: "eq", value: ["abc"] }] };
// @ts-expect-error unknown field
export const xdr_endpoints_isolate_unknown: XdrRequestOf<"endpoints.isolate"> = { endpoint_id: "abc", hostname: "x" };
export const xdr_endpoints_isolate_reply: Equal<NonNullable<XdrReplyOf<"endpoints.isolate">>["action_id"], string | undefined> = true;

// xdr api_keys.generate
export const xdr_api_keys_generate_valid: XdrRequestOf<"api_keys.generate"> = { roles: ["x"], security_level: "standard" };
// @ts-expect-error missing the required roles
export const xdr_api_keys_generate_missing: XdrRequestOf<"api_keys.generate"> = { security_level: "standard" };
// @ts-expect-error security_level is not a documented value
export const xdr_api_keys_generate_enum: XdrRequestOf<"api_keys.generate"> = { roles: ["x"], security_level: "not-a-documented-value" };
// @ts-expect-error unknown field
export const xdr_api_keys_generate_unknown: XdrRequestOf<"api_keys.generate"> = { roles: ["x"], security_level: "standard", not_a_documented_field: 1 };
export const xdr_api_keys_generate_reply: Equal<NonNullable<XdrReplyOf<"api_keys.generate">>["id"], number> = true;

// xdr alerts_exclusion.add
export const xdr_alerts_exclusion_add_valid: XdrRequestOf<"alerts_exclusion.add"> = { indicator: {  }, name: "x" };
// @ts-expect-error missing the required indicator
export const xdr_alerts_exclusion_add_missing: XdrRequestOf<"alerts_exclusion.add"> = { name: "x" };
// @ts-expect-error status is not a documented value
export const xdr_alerts_exclusion_add_enum: XdrRequestOf<"alerts_exclusion.add"> = { indicator: {  }, name: "x", status: "not-a-documented-value" };
// @ts-expect-error unknown field
export const xdr_alerts_exclusion_add_unknown: XdrRequestOf<"alerts_exclusion.add"> = { indicator: {  }, name: "x", not_a_documented_field: 1 };
export const xdr_alerts_exclusion_add_reply: Equal<NonNullable<XdrReplyOf<"alerts_exclusion.add">>["rule_id"], number | string | undefined> = true;

// xdr distributions.create
export const xdr_distributions_create_valid: XdrRequestOf<"distributions.create"> = { name: "x", package_type: "x" };
// @ts-expect-error missing the required name
export const xdr_distributions_create_missing: XdrRequestOf<"distributions.create"> = { package_type: "x" };
// @ts-expect-error platform is not a documented value
export const xdr_distributions_create_enum: XdrRequestOf<"distributions.create"> = { name: "x", package_type: "x", platform: "not-a-documented-value" };
// @ts-expect-error unknown field
export const xdr_distributions_create_unknown: XdrRequestOf<"distributions.create"> = { name: "x", package_type: "x", not_a_documented_field: 1 };
export const xdr_distributions_create_reply: Equal<NonNullable<XdrReplyOf<"distributions.create">>["distribution_id"], string | undefined> = true;

// xdr xql.get_query_results
export const xdr_xql_get_query_results_valid: XdrRequestOf<"xql.get_query_results"> = { query_id: "x" };
// @ts-expect-error missing the required query_id
export const xdr_xql_get_query_results_missing: XdrRequestOf<"xql.get_query_results"> = {  };
// @ts-expect-error format is not a documented value
export const xdr_xql_get_query_results_enum: XdrRequestOf<"xql.get_query_results"> = { query_id: "x", format: "not-a-documented-value" };
// @ts-expect-error unknown field
export const xdr_xql_get_query_results_unknown: XdrRequestOf<"xql.get_query_results"> = { query_id: "x", not_a_documented_field: 1 };
export const xdr_xql_get_query_results_reply: Equal<NonNullable<XdrReplyOf<"xql.get_query_results">>["status"], string | undefined> = true;

// xdr incidents.update_incident
export const xdr_incidents_update_incident_valid: XdrRequestOf<"incidents.update_incident"> = { incident_id: "x", update_data: {  } };
// @ts-expect-error missing the required incident_id
export const xdr_incidents_update_incident_missing: XdrRequestOf<"incidents.update_incident"> = { update_data: {  } };
// @ts-expect-error update_data.manual_severity is not a documented value
export const xdr_incidents_update_incident_enum: XdrRequestOf<"incidents.update_incident"> = { incident_id: "x", update_data: { manual_severity: "not-a-documented-value" } };
// @ts-expect-error unknown field
export const xdr_incidents_update_incident_unknown: XdrRequestOf<"incidents.update_incident"> = { incident_id: "x", update_data: {  }, not_a_documented_field: 1 };
export const xdr_incidents_update_incident_reply: Equal<XdrReplyOf<"incidents.update_incident">, boolean> = true;

// xdr alerts.update_alerts
export const xdr_alerts_update_alerts_valid: XdrRequestOf<"alerts.update_alerts"> = { alert_id_list: ["x"], update_data: {  } };
// @ts-expect-error missing the required alert_id_list
export const xdr_alerts_update_alerts_missing: XdrRequestOf<"alerts.update_alerts"> = { update_data: {  } };
// @ts-expect-error update_data.severity is not a documented value
export const xdr_alerts_update_alerts_enum: XdrRequestOf<"alerts.update_alerts"> = { alert_id_list: ["x"], update_data: { severity: "not-a-documented-value" } };
// @ts-expect-error unknown field
export const xdr_alerts_update_alerts_unknown: XdrRequestOf<"alerts.update_alerts"> = { alert_id_list: ["x"], update_data: {  }, not_a_documented_field: 1 };
export const xdr_alerts_update_alerts_reply: Equal<NonNullable<XdrReplyOf<"alerts.update_alerts">>["alerts_ids"], (string | number)[] | undefined> = true;

// xsiam appsec.rules.post
export const xsiam_appsec_rules_post_valid: XsiamRequestOf<"appsec.rules.post"> = { name: "x", severity: "CRITICAL", scanner: { name: "ARM", definition: "x" } };
// @ts-expect-error missing the required name
export const xsiam_appsec_rules_post_missing: XsiamRequestOf<"appsec.rules.post"> = { severity: "CRITICAL", scanner: { name: "ARM", definition: "x" } };
// @ts-expect-error severity is not a documented value
export const xsiam_appsec_rules_post_enum: XsiamRequestOf<"appsec.rules.post"> = { name: "x", scanner: { name: "ARM", definition: "x" }, severity: "not-a-documented-value" };
// @ts-expect-error unknown field
export const xsiam_appsec_rules_post_unknown: XsiamRequestOf<"appsec.rules.post"> = { name: "x", severity: "CRITICAL", scanner: { name: "ARM", definition: "x" }, not_a_documented_field: 1 };
export const xsiam_appsec_rules_post_reply: Equal<NonNullable<XsiamReplyOf<"appsec.rules.post">>["category"], string | undefined> = true;

// xsiam appsec.application.criteria
export const xsiam_appsec_application_criteria_valid: XsiamRequestOf<"appsec.application.criteria"> = { name: "x", type: "cloud", config: { criteriaDefinitions: [[{ type: "tags", provider: "GITLAB" }]], applicationMetaData: { businessOwner: "none", businessCriticality: "Critical", exposedToInternetOverride: true } } };
// @ts-expect-error missing the required name
export const xsiam_appsec_application_criteria_missing: XsiamRequestOf<"appsec.application.criteria"> = { type: "cloud", config: { criteriaDefinitions: [[{ type: "tags", provider: "GITLAB" }]], applicationMetaData: { businessOwner: "none", businessCriticality: "Critical", exposedToInternetOverride: true } } };
// @ts-expect-error type is not a documented value
export const xsiam_appsec_application_criteria_enum: XsiamRequestOf<"appsec.application.criteria"> = { name: "x", config: { criteriaDefinitions: [[{ type: "tags", provider: "GITLAB" }]], applicationMetaData: { businessOwner: "none", businessCriticality: "Critical", exposedToInternetOverride: true } }, type: "not-a-documented-value" };
// @ts-expect-error unknown field
export const xsiam_appsec_application_criteria_unknown: XsiamRequestOf<"appsec.application.criteria"> = { name: "x", type: "cloud", config: { criteriaDefinitions: [[{ type: "tags", provider: "GITLAB" }]], applicationMetaData: { businessOwner: "none", businessCriticality: "Critical", exposedToInternetOverride: true } }, not_a_documented_field: 1 };
export const xsiam_appsec_application_criteria_reply: Equal<NonNullable<XsiamReplyOf<"appsec.application.criteria">>["id"], string> = true;

// xsiam compliance.add_assessment_profile
export const xsiam_compliance_add_assessment_profile_valid: XsiamRequestOf<"compliance.add_assessment_profile"> = { profile_name: "x", asset_group_id: "x", standard_id: "x" };
// @ts-expect-error missing the required profile_name
export const xsiam_compliance_add_assessment_profile_missing: XsiamRequestOf<"compliance.add_assessment_profile"> = { asset_group_id: "x", standard_id: "x" };
// @ts-expect-error report_type is not a documented value
export const xsiam_compliance_add_assessment_profile_enum: XsiamRequestOf<"compliance.add_assessment_profile"> = { profile_name: "x", asset_group_id: "x", standard_id: "x", report_type: "not-a-documented-value" };
// @ts-expect-error unknown field
export const xsiam_compliance_add_assessment_profile_unknown: XsiamRequestOf<"compliance.add_assessment_profile"> = { profile_name: "x", asset_group_id: "x", standard_id: "x", not_a_documented_field: 1 };
export const xsiam_compliance_add_assessment_profile_reply: Equal<NonNullable<XsiamReplyOf<"compliance.add_assessment_profile">>["success"], boolean | undefined> = true;

// xsiam disable_injection_prevention_rules.add
export const xsiam_disable_injection_prevention_rules_add_valid: XsiamRequestOf<"disable_injection_prevention_rules.add"> = { rule_name: "x", description: "x", platform: "windows", process_name: "x", path: "x", hours_to_expiration: 24, scope: "global" };
// @ts-expect-error missing the required rule_name
export const xsiam_disable_injection_prevention_rules_add_missing: XsiamRequestOf<"disable_injection_prevention_rules.add"> = { description: "x", platform: "windows", process_name: "x", path: "x", hours_to_expiration: 24, scope: "global" };
// @ts-expect-error platform is not a documented value
export const xsiam_disable_injection_prevention_rules_add_enum: XsiamRequestOf<"disable_injection_prevention_rules.add"> = { rule_name: "x", description: "x", process_name: "x", path: "x", hours_to_expiration: 24, scope: "global", platform: "not-a-documented-value" };
// @ts-expect-error unknown field
export const xsiam_disable_injection_prevention_rules_add_unknown: XsiamRequestOf<"disable_injection_prevention_rules.add"> = { rule_name: "x", description: "x", platform: "windows", process_name: "x", path: "x", hours_to_expiration: 24, scope: "global", not_a_documented_field: 1 };
export const xsiam_disable_injection_prevention_rules_add_reply: Equal<XsiamReplyOf<"disable_injection_prevention_rules.add">, string> = true;

// xsiam asm_management.upload_asm_data
export const xsiam_asm_management_upload_asm_data_valid: XsiamRequestOf<"asm_management.upload_asm_data"> = { request_type: "Addition", asset_type: "ip_range", asset_identifiers: ["x"] };
// @ts-expect-error missing the required request_type
export const xsiam_asm_management_upload_asm_data_missing: XsiamRequestOf<"asm_management.upload_asm_data"> = { asset_type: "ip_range", asset_identifiers: ["x"] };
// @ts-expect-error request_type is not a documented value
export const xsiam_asm_management_upload_asm_data_enum: XsiamRequestOf<"asm_management.upload_asm_data"> = { asset_type: "ip_range", asset_identifiers: ["x"], request_type: "not-a-documented-value" };
// @ts-expect-error unknown field
export const xsiam_asm_management_upload_asm_data_unknown: XsiamRequestOf<"asm_management.upload_asm_data"> = { request_type: "Addition", asset_type: "ip_range", asset_identifiers: ["x"], not_a_documented_field: 1 };
export const xsiam_asm_management_upload_asm_data_reply: Equal<XsiamReplyOf<"asm_management.upload_asm_data">, string> = true;

// xsiam asm_management.remove_asm_data
export const xsiam_asm_management_remove_asm_data_valid: XsiamRequestOf<"asm_management.remove_asm_data"> = { asset_type: "certificate", asset_identifiers: ["x"] };
// @ts-expect-error missing the required asset_type
export const xsiam_asm_management_remove_asm_data_missing: XsiamRequestOf<"asm_management.remove_asm_data"> = { asset_identifiers: ["x"] };
// @ts-expect-error asset_type is not a documented value
export const xsiam_asm_management_remove_asm_data_enum: XsiamRequestOf<"asm_management.remove_asm_data"> = { asset_identifiers: ["x"], asset_type: "not-a-documented-value" };
// @ts-expect-error unknown field
export const xsiam_asm_management_remove_asm_data_unknown: XsiamRequestOf<"asm_management.remove_asm_data"> = { asset_type: "certificate", asset_identifiers: ["x"], not_a_documented_field: 1 };
export const xsiam_asm_management_remove_asm_data_reply: Equal<XsiamReplyOf<"asm_management.remove_asm_data">, string> = true;

// xsoar api_keys.generate
export const xsoar_api_keys_generate_valid: XsoarRequestOf<"api_keys.generate"> = { roles: ["x"], security_level: "standard" };
// @ts-expect-error missing the required roles
export const xsoar_api_keys_generate_missing: XsoarRequestOf<"api_keys.generate"> = { security_level: "standard" };
// @ts-expect-error security_level is not a documented value
export const xsoar_api_keys_generate_enum: XsoarRequestOf<"api_keys.generate"> = { roles: ["x"], security_level: "not-a-documented-value" };
// @ts-expect-error unknown field
export const xsoar_api_keys_generate_unknown: XsoarRequestOf<"api_keys.generate"> = { roles: ["x"], security_level: "standard", not_a_documented_field: 1 };
export const xsoar_api_keys_generate_reply: Equal<NonNullable<XsoarReplyOf<"api_keys.generate">>["id"], number> = true;

// xpanse asm_management.remove_asm_data
export const xpanse_asm_management_remove_asm_data_valid: XpanseRequestOf<"asm_management.remove_asm_data"> = { asset_type: "certificate", asset_identifiers: ["x"] };
// @ts-expect-error missing the required asset_type
export const xpanse_asm_management_remove_asm_data_missing: XpanseRequestOf<"asm_management.remove_asm_data"> = { asset_identifiers: ["x"] };
// @ts-expect-error asset_type is not a documented value
export const xpanse_asm_management_remove_asm_data_enum: XpanseRequestOf<"asm_management.remove_asm_data"> = { asset_identifiers: ["x"], asset_type: "not-a-documented-value" };
// @ts-expect-error unknown field
export const xpanse_asm_management_remove_asm_data_unknown: XpanseRequestOf<"asm_management.remove_asm_data"> = { asset_type: "certificate", asset_identifiers: ["x"], not_a_documented_field: 1 };
export const xpanse_asm_management_remove_asm_data_reply: Equal<XpanseReplyOf<"asm_management.remove_asm_data">, string> = true;

// xpanse asm_management.upload_asm_data
export const xpanse_asm_management_upload_asm_data_valid: XpanseRequestOf<"asm_management.upload_asm_data"> = { request_type: "Addition", asset_type: "ip_range", asset_identifiers: ["x"] };
// @ts-expect-error missing the required request_type
export const xpanse_asm_management_upload_asm_data_missing: XpanseRequestOf<"asm_management.upload_asm_data"> = { asset_type: "ip_range", asset_identifiers: ["x"] };
// @ts-expect-error request_type is not a documented value
export const xpanse_asm_management_upload_asm_data_enum: XpanseRequestOf<"asm_management.upload_asm_data"> = { asset_type: "ip_range", asset_identifiers: ["x"], request_type: "not-a-documented-value" };
// @ts-expect-error unknown field
export const xpanse_asm_management_upload_asm_data_unknown: XpanseRequestOf<"asm_management.upload_asm_data"> = { request_type: "Addition", asset_type: "ip_range", asset_identifiers: ["x"], not_a_documented_field: 1 };
export const xpanse_asm_management_upload_asm_data_reply: Equal<XpanseReplyOf<"asm_management.upload_asm_data">, string> = true;

// cloud cloud_onboarding.create_instance_template
export const cloud_cloud_onboarding_create_instance_template_valid: CloudRequestOf<"cloud_onboarding.create_instance_template"> = { cloud_provider: "AWS", scope: "ACCOUNT", scan_mode: "MANAGED" };
// @ts-expect-error missing the required cloud_provider
export const cloud_cloud_onboarding_create_instance_template_missing: CloudRequestOf<"cloud_onboarding.create_instance_template"> = { scope: "ACCOUNT", scan_mode: "MANAGED" };
// @ts-expect-error cloud_provider is not a documented value
export const cloud_cloud_onboarding_create_instance_template_enum: CloudRequestOf<"cloud_onboarding.create_instance_template"> = { scope: "ACCOUNT", scan_mode: "MANAGED", cloud_provider: "not-a-documented-value" };
// @ts-expect-error unknown field
export const cloud_cloud_onboarding_create_instance_template_unknown: CloudRequestOf<"cloud_onboarding.create_instance_template"> = { cloud_provider: "AWS", scope: "ACCOUNT", scan_mode: "MANAGED", not_a_documented_field: 1 };
export const cloud_cloud_onboarding_create_instance_template_reply: Equal<NonNullable<NonNullable<CloudReplyOf<"cloud_onboarding.create_instance_template">>["automated"]>["link"], string | undefined> = true;

// cloud cloud_onboarding.list_regions
export const cloud_cloud_onboarding_list_regions_valid: CloudRequestOf<"cloud_onboarding.list_regions"> = { cloud_provider: "AWS" };
// @ts-expect-error missing the required cloud_provider
export const cloud_cloud_onboarding_list_regions_missing: CloudRequestOf<"cloud_onboarding.list_regions"> = {  };
// @ts-expect-error cloud_provider is not a documented value
export const cloud_cloud_onboarding_list_regions_enum: CloudRequestOf<"cloud_onboarding.list_regions"> = { cloud_provider: "not-a-documented-value" };
// @ts-expect-error unknown field
export const cloud_cloud_onboarding_list_regions_unknown: CloudRequestOf<"cloud_onboarding.list_regions"> = { cloud_provider: "AWS", not_a_documented_field: 1 };
export const cloud_cloud_onboarding_list_regions_reply: Equal<CloudReplyOf<"cloud_onboarding.list_regions">, { [key: string]: unknown }> = true;

// cloud cloud_onboarding.edit_instance
export const cloud_cloud_onboarding_edit_instance_valid: CloudRequestOf<"cloud_onboarding.edit_instance"> = { id: "x", cloud_provider: "AWS" };
// @ts-expect-error missing the required id
export const cloud_cloud_onboarding_edit_instance_missing: CloudRequestOf<"cloud_onboarding.edit_instance"> = { cloud_provider: "AWS" };
// @ts-expect-error cloud_provider is not a documented value
export const cloud_cloud_onboarding_edit_instance_enum: CloudRequestOf<"cloud_onboarding.edit_instance"> = { id: "x", cloud_provider: "not-a-documented-value" };
// @ts-expect-error unknown field
export const cloud_cloud_onboarding_edit_instance_unknown: CloudRequestOf<"cloud_onboarding.edit_instance"> = { id: "x", cloud_provider: "AWS", not_a_documented_field: 1 };
export const cloud_cloud_onboarding_edit_instance_reply: Equal<NonNullable<NonNullable<CloudReplyOf<"cloud_onboarding.edit_instance">>["automated"]>["tracking_guid"], string | undefined> = true;

// cloud cloud_onboarding.create_outpost_template
export const cloud_cloud_onboarding_create_outpost_template_valid: CloudRequestOf<"cloud_onboarding.create_outpost_template"> = { cloud_provider: "AWS" };
// @ts-expect-error missing the required cloud_provider
export const cloud_cloud_onboarding_create_outpost_template_missing: CloudRequestOf<"cloud_onboarding.create_outpost_template"> = {  };
// @ts-expect-error cloud_provider is not a documented value
export const cloud_cloud_onboarding_create_outpost_template_enum: CloudRequestOf<"cloud_onboarding.create_outpost_template"> = { cloud_provider: "not-a-documented-value" };
// @ts-expect-error unknown field
export const cloud_cloud_onboarding_create_outpost_template_unknown: CloudRequestOf<"cloud_onboarding.create_outpost_template"> = { cloud_provider: "AWS", not_a_documented_field: 1 };
export const cloud_cloud_onboarding_create_outpost_template_reply: Equal<NonNullable<NonNullable<CloudReplyOf<"cloud_onboarding.create_outpost_template">>["automated"]>["link"], string | undefined> = true;

// cloud appsec.application.post
export const cloud_appsec_application_post_valid: CloudRequestOf<"appsec.application.post"> = { name: "x", businessCriticality: "Critical", creationType: "Auto", assetSelection: { selectionType: "filter", section: "code" } };
// @ts-expect-error missing the required name
export const cloud_appsec_application_post_missing: CloudRequestOf<"appsec.application.post"> = { businessCriticality: "Critical", creationType: "Auto", assetSelection: { selectionType: "filter", section: "code" } };
// @ts-expect-error businessCriticality is not a documented value
export const cloud_appsec_application_post_enum: CloudRequestOf<"appsec.application.post"> = { name: "x", creationType: "Auto", assetSelection: { selectionType: "filter", section: "code" }, businessCriticality: "not-a-documented-value" };
// @ts-expect-error unknown field
export const cloud_appsec_application_post_unknown: CloudRequestOf<"appsec.application.post"> = { name: "x", businessCriticality: "Critical", creationType: "Auto", assetSelection: { selectionType: "filter", section: "code" }, not_a_documented_field: 1 };
export const cloud_appsec_application_post_reply: Equal<NonNullable<CloudReplyOf<"appsec.application.post">>["status"], boolean> = true;


// The calls users make most, with what the spec already says: nested `required` (a filter condition needs
// its field, operator and value; a sort needs its keyword) counts as the missing required field where the
// top level has none.

// xdr endpoints.unisolate: the same one-id-or-filters union as isolate
export const xdr_endpoints_unisolate_valid: XdrRequestOf<"endpoints.unisolate"> = { endpoint_id: "abc", incident_id: "7" };
// @ts-expect-error neither endpoint_id nor filters
export const xdr_endpoints_unisolate_missing: XdrRequestOf<"endpoints.unisolate"> = { incident_id: "7" };
// @ts-expect-error endpoint_id_list is the only filter field
export const xdr_endpoints_unisolate_enum: XdrRequestOf<"endpoints.unisolate"> = { filters: [{ field: "hostname", operator: "in", value: ["abc"] }] };
// @ts-expect-error unknown field
export const xdr_endpoints_unisolate_unknown: XdrRequestOf<"endpoints.unisolate"> = { filters: [{ field: "endpoint_id_list", operator: "in", value: ["abc"] }], endpoint_name: "x" };
export const xdr_endpoints_unisolate_reply: Equal<NonNullable<XdrReplyOf<"endpoints.unisolate">>["endpoints_count"], string | undefined> = true;

// xdr endpoints.get_endpoint
export const xdr_endpoints_get_endpoint_valid: XdrRequestOf<"endpoints.get_endpoint"> = { filters: [{ field: "hostname", operator: "in", value: ["h1"] }], sort: { field: "last_seen", keyword: "DESC" } };
// @ts-expect-error a sort without its required keyword
export const xdr_endpoints_get_endpoint_missing: XdrRequestOf<"endpoints.get_endpoint"> = { sort: { field: "last_seen" } };
// @ts-expect-error sort keywords are upper case for this call
export const xdr_endpoints_get_endpoint_enum: XdrRequestOf<"endpoints.get_endpoint"> = { sort: { field: "last_seen", keyword: "desc" } };
// @ts-expect-error unknown field
export const xdr_endpoints_get_endpoint_unknown: XdrRequestOf<"endpoints.get_endpoint"> = { search_from: 0, page_size: 100 };
export const xdr_endpoints_get_endpoint_reply: Equal<Endpoint["endpoint_id"], string | undefined> = true;
export const xdr_endpoints_get_endpoint_count: Equal<NonNullable<XdrReplyOf<"endpoints.get_endpoint">>["total_count"], number | undefined> = true;

// xdr alerts.get_alerts
export const xdr_alerts_get_alerts_valid: XdrRequestOf<"alerts.get_alerts"> = { filters: [{ field: "severity", operator: "in", value: ["high"] }], search_from: 0, search_to: 100 };
// @ts-expect-error a filter condition without its required value
export const xdr_alerts_get_alerts_missing: XdrRequestOf<"alerts.get_alerts"> = { filters: [{ field: "severity", operator: "in" }] };
// @ts-expect-error hostname is not a filter field of this call
export const xdr_alerts_get_alerts_enum: XdrRequestOf<"alerts.get_alerts"> = { filters: [{ field: "hostname", operator: "in", value: ["h1"] }] };
// @ts-expect-error unknown field
export const xdr_alerts_get_alerts_unknown: XdrRequestOf<"alerts.get_alerts"> = { filters: [], limit: 10 };
export const xdr_alerts_get_alerts_reply: Equal<NonNullable<XdrReplyOf<"alerts.get_alerts">>["result_count"], number | undefined> = true;

// xdr api_keys.get_api_keys
export const xdr_api_keys_get_api_keys_valid: XdrRequestOf<"api_keys.get_api_keys"> = { sort: { field: "expiration", keyword: "asc" } };
// @ts-expect-error a sort without its required field
export const xdr_api_keys_get_api_keys_missing: XdrRequestOf<"api_keys.get_api_keys"> = { sort: { keyword: "asc" } };
// @ts-expect-error sort keywords are lower case for this call
export const xdr_api_keys_get_api_keys_enum: XdrRequestOf<"api_keys.get_api_keys"> = { sort: { field: "expiration", keyword: "ASC" } };
// @ts-expect-error unknown field
export const xdr_api_keys_get_api_keys_unknown: XdrRequestOf<"api_keys.get_api_keys"> = { search_from: 0, key: "secret" };
export const xdr_api_keys_get_api_keys_reply: Equal<ItemOfList<XdrReplyOf<"api_keys.get_api_keys">, "data">["created_by"], string | undefined> = true;

// xsiam endpoints.isolate (the override applies to every product that has the path)
export const xsiam_endpoints_isolate_valid: XsiamRequestOf<"endpoints.isolate"> = { endpoint_id: "abc" };
// @ts-expect-error neither endpoint_id nor filters
export const xsiam_endpoints_isolate_missing: XsiamRequestOf<"endpoints.isolate"> = {};
// @ts-expect-error the operator is not documented for endpoint_id_list
export const xsiam_endpoints_isolate_enum: XsiamRequestOf<"endpoints.isolate"> = { filters: [{ field: "endpoint_id_list", operator: "contains", value: ["abc"] }] };
// @ts-expect-error unknown field
export const xsiam_endpoints_isolate_unknown: XsiamRequestOf<"endpoints.isolate"> = { endpoint_id: "abc", force: true };
export const xsiam_endpoints_isolate_reply: Equal<NonNullable<XsiamReplyOf<"endpoints.isolate">>["action_id"], string | undefined> = true;

// xsoar api_keys.get_api_keys
export const xsoar_api_keys_get_api_keys_valid: XsoarRequestOf<"api_keys.get_api_keys"> = { filters: [{ field: "security_level", operator: "in", value: ["advanced"] }], sort: { field: "roles", keyword: "desc" } };
// @ts-expect-error a sort without its required keyword
export const xsoar_api_keys_get_api_keys_missing: XsoarRequestOf<"api_keys.get_api_keys"> = { sort: { field: "roles" } };
// @ts-expect-error name is not a documented sort field
export const xsoar_api_keys_get_api_keys_enum: XsoarRequestOf<"api_keys.get_api_keys"> = { sort: { field: "name", keyword: "desc" } };
// @ts-expect-error unknown field
export const xsoar_api_keys_get_api_keys_unknown: XsoarRequestOf<"api_keys.get_api_keys"> = { filters: [], include_secret: true };
export const xsoar_api_keys_get_api_keys_reply: Equal<NonNullable<XsoarReplyOf<"api_keys.get_api_keys">>["total_count"], number | undefined> = true;
export const xsoar_api_keys_get_api_keys_id: Equal<XsoarApiKey["id"], number | undefined> = true;

// xpanse incidents.update_incident
export const xpanse_incidents_update_incident_valid: XpanseRequestOf<"incidents.update_incident"> = { incident_id: "12", update_data: { status: "under_investigation", comment: { comment_action: "add", value: "triage" } } };
// @ts-expect-error missing the required update_data
export const xpanse_incidents_update_incident_missing: XpanseRequestOf<"incidents.update_incident"> = { incident_id: "12" };
// @ts-expect-error update_data.status is not a documented value
export const xpanse_incidents_update_incident_enum: XpanseRequestOf<"incidents.update_incident"> = { incident_id: "12", update_data: { status: "closed" } };
// @ts-expect-error unknown field
export const xpanse_incidents_update_incident_unknown: XpanseRequestOf<"incidents.update_incident"> = { incident_id: "12", update_data: {}, priority: 1 };
export const xpanse_incidents_update_incident_reply: Equal<XpanseReplyOf<"incidents.update_incident">, boolean> = true;

// xpanse alerts.update_alerts
export const xpanse_alerts_update_alerts_valid: XpanseRequestOf<"alerts.update_alerts"> = { alert_id_list: ["1"], update_data: { severity: "low", status: "resolved_risk_accepted" } };
// @ts-expect-error missing the required alert_id_list
export const xpanse_alerts_update_alerts_missing: XpanseRequestOf<"alerts.update_alerts"> = { update_data: { severity: "low" } };
// @ts-expect-error update_data.severity is not a documented value
export const xpanse_alerts_update_alerts_enum: XpanseRequestOf<"alerts.update_alerts"> = { alert_id_list: ["1"], update_data: { severity: "urgent" } };
// @ts-expect-error unknown field
export const xpanse_alerts_update_alerts_unknown: XpanseRequestOf<"alerts.update_alerts"> = { alert_id_list: ["1"], update_data: {}, notify: true };
export const xpanse_alerts_update_alerts_reply: Equal<NonNullable<XpanseReplyOf<"alerts.update_alerts">>["alerts_ids"], (string | number)[] | undefined> = true;

// xpanse assets.get_assets_internet_exposure
export const xpanse_assets_internet_exposure_valid: XpanseRequestOf<"assets.get_assets_internet_exposure"> = { filters: [{ field: "type", operator: "in", value: ["certificate"] }], sort: { field: "last_observed", keyword: "DESC" } };
// @ts-expect-error a filter condition without its required operator
export const xpanse_assets_internet_exposure_missing: XpanseRequestOf<"assets.get_assets_internet_exposure"> = { filters: [{ field: "type", value: ["certificate"] }] };
// @ts-expect-error gte is not an operator of this call
export const xpanse_assets_internet_exposure_enum: XpanseRequestOf<"assets.get_assets_internet_exposure"> = { filters: [{ field: "name", operator: "gte", value: "a" }] };
// @ts-expect-error unknown field
export const xpanse_assets_internet_exposure_unknown: XpanseRequestOf<"assets.get_assets_internet_exposure"> = { use_page_token: true, page_token: "x" };
export const xpanse_assets_internet_exposure_reply: Equal<NonNullable<XpanseReplyOf<"assets.get_assets_internet_exposure">>["total_count"], number | undefined> = true;

// xpanse assets.get_external_services
export const xpanse_external_services_valid: XpanseRequestOf<"assets.get_external_services"> = { filters: [{ field: "is_active", operator: "in", value: ["yes"] }] };
// @ts-expect-error a filter condition without its required field
export const xpanse_external_services_missing: XpanseRequestOf<"assets.get_external_services"> = { filters: [{ operator: "in", value: ["yes"] }] };
// @ts-expect-error port is not a filter field of this call
export const xpanse_external_services_enum: XpanseRequestOf<"assets.get_external_services"> = { filters: [{ field: "port", operator: "in", value: [443] }] };
// @ts-expect-error unknown field
export const xpanse_external_services_unknown: XpanseRequestOf<"assets.get_external_services"> = { search_to: 10, page_size: 10 };
export const xpanse_external_services_reply: Equal<ExternalService["service_name"], string | undefined> = true;

// xpanse v2.alerts.get_alerts_multi_events
export const xpanse_alerts_multi_events_valid: XpanseRequestOf<"v2.alerts.get_alerts_multi_events"> = { filters: [{ field: "severity", operator: "in", value: ["high"] }], sort: { field: "severity", keyword: "desc" } };
// @ts-expect-error a sort without its required field
export const xpanse_alerts_multi_events_missing: XpanseRequestOf<"v2.alerts.get_alerts_multi_events"> = { sort: { keyword: "desc" } };
// @ts-expect-error eq is not an operator of this call
export const xpanse_alerts_multi_events_enum: XpanseRequestOf<"v2.alerts.get_alerts_multi_events"> = { filters: [{ field: "severity", operator: "eq", value: "high" }] };
// @ts-expect-error unknown field
export const xpanse_alerts_multi_events_unknown: XpanseRequestOf<"v2.alerts.get_alerts_multi_events"> = { search_from: 0, include_events: true };
export const xpanse_alerts_multi_events_reply: Equal<NonNullable<XpanseReplyOf<"v2.alerts.get_alerts_multi_events">>["result_count"], number | undefined> = true;

// cloud issue.search
export const cloud_issue_search_valid: CloudRequestOf<"issue.search"> = { filters: [{ field: "severity", operator: "in", value: ["HIGH"] }], sort: { field: "observation_time", keyword: "desc" }, include_fields: ["custom_fields"] };
// @ts-expect-error a sort without its required keyword
export const cloud_issue_search_missing: CloudRequestOf<"issue.search"> = { sort: { field: "severity" } };
// @ts-expect-error include_fields holds only the documented groups
export const cloud_issue_search_enum: CloudRequestOf<"issue.search"> = { include_fields: ["all_fields"] };
// @ts-expect-error unknown field
export const cloud_issue_search_unknown: CloudRequestOf<"issue.search"> = { search_from: 0, query: "x" };
export const cloud_issue_search_reply: Equal<NonNullable<CloudReplyOf<"issue.search">>["total_count"], number | undefined> = true;


// xdr alerts.get_alerts filters: each field with its own operators and value type
export const xdr_alerts_get_alerts_typed_filters: XdrRequestOf<"alerts.get_alerts"> = { filters: [{ field: "alert_id_list", operator: "in", value: [1, "2"] }, { field: "creation_time", operator: "lte", value: 1700000000000 }] };
// @ts-expect-error creation_time takes gte/lte only
export const xdr_alerts_get_alerts_field_operator: XdrRequestOf<"alerts.get_alerts"> = { filters: [{ field: "creation_time", operator: "in", value: 1 }] };
// @ts-expect-error severity values are the documented severities
export const xdr_alerts_get_alerts_severity_value: XdrRequestOf<"alerts.get_alerts"> = { filters: [{ field: "severity", operator: "in", value: ["urgent"] }] };
// @ts-expect-error creation_time is an epoch number, not text
export const xdr_alerts_get_alerts_time_value: XdrRequestOf<"alerts.get_alerts"> = { filters: [{ field: "creation_time", operator: "gte", value: "yesterday" }] };
export const xsiam_alerts_get_alerts_typed_filters: XsiamRequestOf<"alerts.get_alerts"> = { filters: [{ field: "severity", operator: "in", value: ["low"] }] };

// Typed filters of the other filtered lists: a wrong field, a wrong operator for the field and a wrong value each fail.
export const xdr_incidents_filters: XdrRequestOf<"incidents.get_incidents"> = { filters: [{ field: "status", operator: "eq", value: "new" }, { field: "description", operator: "contains", value: "x" }, { field: "description", operator: "in", value: ["x"] }, { field: "starred", operator: "neq", value: true }, { field: "creation_time", operator: "gte", value: 1 }] };
// @ts-expect-error severity is not an incident filter field
export const xdr_incidents_filters_field: XdrRequestOf<"incidents.get_incidents"> = { filters: [{ field: "severity", operator: "in", value: ["high"] }] };
// @ts-expect-error status takes eq/neq
export const xdr_incidents_filters_operator: XdrRequestOf<"incidents.get_incidents"> = { filters: [{ field: "status", operator: "in", value: "new" }] };
// @ts-expect-error status is one documented status
export const xdr_incidents_filters_value: XdrRequestOf<"incidents.get_incidents"> = { filters: [{ field: "status", operator: "eq", value: "open" }] };
// @ts-expect-error description contains one text, not a list
export const xdr_incidents_filters_contains_list: XdrRequestOf<"incidents.get_incidents"> = { filters: [{ field: "description", operator: "contains", value: ["x"] }] };
export const xpanse_incidents_filters: XpanseRequestOf<"incidents.get_incidents"> = { filters: [{ field: "integration_source", operator: "in", value: ["AWS"] }] };
// @ts-expect-error integration_source is one of the documented sources
export const xpanse_incidents_filters_value: XpanseRequestOf<"incidents.get_incidents"> = { filters: [{ field: "integration_source", operator: "in", value: ["OCI"] }] };

export const xdr_endpoints_filters: XdrRequestOf<"endpoints.get_endpoint"> = { filters: [{ field: "platform", operator: "in", value: ["windows"] }, { field: "endpoint_status", operator: "in", value: "connected" }, { field: "last_seen", operator: "gte", value: 1 }] };
// @ts-expect-error last_seen takes gte/lte
export const xdr_endpoints_filters_operator: XdrRequestOf<"endpoints.get_endpoint"> = { filters: [{ field: "last_seen", operator: "in", value: [1] }] };
// @ts-expect-error platform values are windows/linux/macos/android
export const xdr_endpoints_filters_value: XdrRequestOf<"endpoints.get_endpoint"> = { filters: [{ field: "platform", operator: "in", value: ["solaris"] }] };
// @ts-expect-error not an endpoint filter field
export const xsiam_endpoints_filters_field: XsiamRequestOf<"endpoints.get_endpoint"> = { filters: [{ field: "os_type", operator: "in", value: ["x"] }] };

export const xdr_management_logs_filters: XdrRequestOf<"audits.management_logs"> = { filters: [{ field: "type", operator: "in", value: ["Login"] }, { field: "timestamp", operator: "lte", value: 1 }] };
// @ts-expect-error timestamp is epoch milliseconds
export const xdr_management_logs_filters_value: XdrRequestOf<"audits.management_logs"> = { filters: [{ field: "timestamp", operator: "gte", value: "yesterday" }] };
// @ts-expect-error category takes status/monitoring/audit
export const cloud_agents_reports_filters_value: CloudRequestOf<"audits.agents_reports"> = { filters: [{ field: "category", operator: "in", value: ["other"] }] };

export const xsoar_api_keys_filters: XsoarRequestOf<"api_keys.get_api_keys"> = { filters: [{ field: "roles", operator: "contains", value: ["Viewer"] }, { field: "id", operator: "in", value: [1, "2"] }, { field: "security_level", operator: "in", value: ["advanced"] }] };
// @ts-expect-error expiration takes gte/lte
export const xsoar_api_keys_filters_operator: XsoarRequestOf<"api_keys.get_api_keys"> = { filters: [{ field: "expiration", operator: "contains", value: 1 }] };
// @ts-expect-error security_level is standard or advanced
export const xdr_api_keys_filters_value: XdrRequestOf<"api_keys.get_api_keys"> = { filters: [{ field: "security_level", operator: "in", value: ["basic"] }] };

export const xpanse_services_filters: XpanseRequestOf<"assets.get_external_services"> = { filters: [{ field: "service_name", operator: "contains", value: "ssh" }, { field: "service_name", operator: "eq", value: "SSH Server" }, { field: "is_active", operator: "in", value: ["yes"] }] };
// @ts-expect-error is_active takes in
export const xpanse_services_filters_operator: XpanseRequestOf<"assets.get_external_services"> = { filters: [{ field: "is_active", operator: "contains", value: "yes" }] };
// @ts-expect-error discovery_type values are documented
export const xpanse_services_filters_value: XpanseRequestOf<"assets.get_external_services"> = { filters: [{ field: "discovery_type", operator: "in", value: ["guessed"] }] };
// @ts-expect-error asset type values are documented
export const xpanse_exposure_filters_value: XpanseRequestOf<"assets.get_assets_internet_exposure"> = { filters: [{ field: "type", operator: "in", value: ["server"] }] };
// @ts-expect-error http_type values are documented
export const xpanse_websites_filters_value: XpanseRequestOf<"assets.get_external_websites"> = { filters: [{ field: "http_type", operator: "in", value: ["ftp_only"] }] };
// @ts-expect-error ipaddress_version is a number
export const xpanse_ranges_filters_value: XpanseRequestOf<"assets.get_external_ip_address_ranges"> = { filters: [{ field: "ipaddress_version", operator: "eq", value: "4" }] };
// @ts-expect-error server_creation_time takes gte/lte
export const xpanse_alerts_filters_operator: XpanseRequestOf<"v2.alerts.get_alerts_multi_events"> = { filters: [{ field: "server_creation_time", operator: "in", value: [1] }] };

export const cloud_issue_filters: CloudRequestOf<"issue.search"> = { filters: [{ field: "severity", operator: "in", value: ["HIGH"] }, { field: "observation_time", operator: "gte", value: 1 }, { field: "status.progress", operator: "in", value: ["In Progress"] }] };
// @ts-expect-error gte/lte only for the time fields
export const cloud_issue_filters_operator: CloudRequestOf<"issue.search"> = { filters: [{ field: "severity", operator: "gte", value: 1 }] };
// @ts-expect-error severity values are INFO…CRITICAL
export const cloud_issue_filters_value: CloudRequestOf<"issue.search"> = { filters: [{ field: "severity", operator: "in", value: ["high"] }] };
// @ts-expect-error status_progress values are NEW/UNDER_INVESTIGATION/RESOLVED
export const xsiam_case_filters_value: XsiamRequestOf<"case.search"> = { filters: [{ field: "status_progress", operator: "in", value: ["OPEN"] }] };

export const xsoar_incident_search_filter: XsoarRequestOf<"xsoar.incidents.search"> = { filter: { status: [0, 1], level: [0.5, 4], query: "-status:closed" } };
// @ts-expect-error status is an IncidentStatus number (0-3)
export const xsoar_incident_search_status: XsoarRequestOf<"xsoar.incidents.search"> = { filter: { status: [7] } };
// @ts-expect-error level is an IncidentSeverity number
export const xsoar_incident_search_level: XsoarRequestOf<"xsoar.incidents.search"> = { filter: { level: [5] } };

// Named records: the list items are the vendor-named types, reused by every product module that has the operation.
type ItemOfList<Reply, Field extends keyof NonNullable<Reply>> = NonNullable<NonNullable<Reply>[Field]> extends readonly (infer Item)[] ? Item : never;
export const record_xdr_alert: Equal<ItemOfList<XdrReplyOf<"alerts.get_alerts">, "alerts">, Alert> = true;
export const record_xsiam_alert: Equal<ItemOfList<XsiamReplyOf<"alerts.get_alerts">, "alerts">, XsiamAlert> = true;
export const record_xdr_api_key: Equal<ItemOfList<XdrReplyOf<"api_keys.get_api_keys">, "data">, ApiKey> = true;
export const record_xsoar_api_key: Equal<ItemOfList<XsoarReplyOf<"api_keys.get_api_keys">, "data">, XsoarApiKey> = true;
export const record_xdr_endpoint: Equal<ItemOfList<XdrReplyOf<"endpoints.get_endpoint">, "endpoints">, Endpoint> = true;
export const record_xdr_xql_result: Equal<XdrReplyOf<"xql.get_query_results">, XqlQueryResult> = true;
export const record_xsiam_issue: Equal<ItemOfList<XsiamReplyOf<"issue.search">, "issues">, Issue> = true;
export const record_xsiam_case: Equal<ItemOfList<XsiamReplyOf<"case.search">, "data">, Case> = true;
// Count and data keys as the reply normalisation leaves them: the lower-case key, and the other spelling as a read-only alias of the same value.
export const casing_xsiam_case_alias: Equal<ItemOfList<XsiamReplyOf<"case.search">, "DATA">, Case> = true;
export const casing_xsiam_case_total: Equal<NonNullable<XsiamReplyOf<"case.search">>["total_count"], number | undefined> = true;
export const casing_xdr_api_keys_alias: Equal<ItemOfList<XdrReplyOf<"api_keys.get_api_keys">, "DATA">, ApiKey> = true;
export const casing_cloud_api_keys_count: Equal<NonNullable<CloudReplyOf<"api_keys.get_api_keys">>["FILTER_COUNT"], number | undefined> = true;
export const casing_xdr_xql_rows_alias: Equal<NonNullable<NonNullable<XdrReplyOf<"xql.get_query_results">>["results"]>["DATA"], NonNullable<NonNullable<XdrReplyOf<"xql.get_query_results">>["results"]>["data"]> = true;
declare const caseReply: NonNullable<XsiamReplyOf<"case.search">>;
// @ts-expect-error the alias is read-only: write the lower-case key
caseReply.DATA = [];
export const record_xsoar_incident: Equal<ItemOfList<XsoarReplyOf<"xsoar.incidents.search">, "data">, XsoarIncident> = true;
export const record_xsoar_ioc: Equal<ItemOfList<XsoarReplyOf<"xsoar.indicators.search">, "iocObjects">, IocObject> = true;
export const record_xpanse_asset: Equal<ItemOfList<XpanseReplyOf<"assets.get_assets_internet_exposure">, "assets_internet_exposure">, InternetExposureAsset> = true;
export const record_xpanse_service: Equal<ItemOfList<XpanseReplyOf<"assets.get_external_services">, "external_services">, ExternalService> = true;
export const record_xpanse_alert: Equal<ItemOfList<XpanseReplyOf<"v2.alerts.get_alerts_multi_events">, "alerts">, MultiEventAlert> = true;
export const record_cloud_asset: Equal<ItemOfList<CloudReplyOf<"assets">, "data">, Asset> = true;
export const record_cloud_vulnerability: Equal<ItemOfList<CloudReplyOf<"uvem.get_vulnerabilities">, "vulnerabilities">, Vulnerability> = true;
// Fields typed as real tenants send them: null where they send null, untyped alert fields typed by what they hold.
export const record_api_key_expiration: Equal<ApiKey["expiration"], number | null | undefined> = true;
export const record_api_key_comment: Equal<ApiKey["comment"], string | null | undefined> = true;
export const record_alert_port: Equal<Alert["action_local_port"], number | string | null | undefined> = true;
export const record_alert_hash: Equal<Alert["action_file_sha256"], string | null | undefined> = true;
export const record_exposure_first_observed: Equal<InternetExposureAsset["first_observed"], number | null | undefined> = true;
// @ts-expect-error an API key record has no secret field
export const record_api_key_no_secret: ApiKey["key"] = "x";
