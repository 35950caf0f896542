/**
 * The client manifest's data: which product clients exist, the workflows each gets (classes of
 * @cortex-sdk/workflows) and the names that read better than the mechanical camelCase of the operation id.
 * Each override says why.
 *
 * @module
 */
import type { Product } from "../../packages/schemas-base/dist/index.js";

/** A namespace that extends a workflow class. */
export interface WorkflowBinding {
  /** The workflow class of @cortex-sdk/workflows the generated namespace extends. */
  readonly extends: string;
  /** Generated methods the workflow implements itself (a checked request, another paging). */
  readonly replaces?: readonly string[];
}

/** A namespace made of a workflow class alone, or extending it with another group's operations. */
export interface ExtraNamespace {
  /** The workflow class. */
  readonly class: string;
  /** An operation group whose methods the namespace also carries. */
  readonly operationsOf?: string;
}

/** One product client. */
export interface ProductClientSpec {
  readonly product: Product;
  /** Folder under packages/. */
  readonly package: string;
  readonly className: string;
  /** Prefix of the generated class names. */
  readonly prefix: string;
  readonly workflows?: Readonly<Record<string, WorkflowBinding>>;
  readonly extraNamespaces?: Readonly<Record<string, ExtraNamespace>>;
  /** A constant of @cortex-sdk/workflows listing hand-written operations the generated table lacks. */
  readonly extraOperations?: string;
}

/** The API key workflows replace the generated `generate` and `list` (checked requests, built filters). */
const apiKeys: WorkflowBinding = { extends: "ApiKeyManagement", replaces: ["generate", "list"] };

/** XDR and XSIAM serve the same XQL and response-action surface, so they share its workflows. */
const xqlAndResponse: Pick<ProductClientSpec, "workflows" | "extraNamespaces" | "extraOperations"> = {
  workflows: {
    xql: { extends: "XqlQueries" },
    endpoints: { extends: "EndpointResponseActions" },
    scripts: { extends: "ScriptRuns" },
    actions: { extends: "ActionTracking" },
    alerts: { extends: "AlertBulkUpdates" },
    incidents: { extends: "IncidentBulkUpdates" },
    apiKeys,
    lookups: { extends: "LookupDatasets" },
  },
  extraNamespaces: { health: { class: "TenantHealth" } },
  extraOperations: "RESPONSE_ACTION_OPERATIONS",
};

/**
 * Product client packages and their generated class names, and the manifest of workflows each gets
 * (classes of @cortex-sdk/workflows): `workflows` maps an operation namespace to the workflow class it
 * extends (`replaces` names generated methods the workflow implements itself); `extraNamespaces` adds a
 * namespace made of a workflow class alone, or extending it with another group's operations
 * (`operationsOf`); `extraOperations` names hand-written operations the table lacks.
 */
export const productClients: readonly ProductClientSpec[] = [
  { product: "xdr", package: "xdr", className: "XdrClient", prefix: "Xdr", ...xqlAndResponse },
  {
    product: "xsiam",
    package: "xsiam",
    className: "XsiamClient",
    prefix: "Xsiam",
    ...xqlAndResponse,
    // Key scopes, and the emulator's scope switch (the platform has no API for it) next to the download.
    workflows: { ...xqlAndResponse.workflows, apiKeys: { ...apiKeys, extends: "ApiKeyScopes" } },
    extraOperations: "XSIAM_EXTRA_OPERATIONS",
  },
  {
    product: "xsoar",
    package: "xsoar",
    className: "XsoarClient",
    prefix: "Xsoar",
    // The lists workflow takes a list name where the generated calls take an object, and sends the id with a version.
    workflows: { incidents: { extends: "XsoarIncidentWorkflows" }, apiKeys, lists: { extends: "XsoarLists", replaces: ["get", "save", "delete"] } },
    extraNamespaces: { entries: { class: "XsoarEntries" } },
    extraOperations: "XSOAR_EXTRA_OPERATIONS",
  },
  {
    product: "xpanse",
    package: "xpanse",
    className: "XpanseClient",
    prefix: "Xpanse",
    workflows: { assets: { extends: "XpanseAssetWorkflows" }, incidents: { extends: "XpanseIncidentWorkflows", replaces: ["list"] }, alerts: { extends: "XpanseAlertWorkflows" }, apiKeys },
    extraNamespaces: { services: { class: "XpanseServices" }, ipRanges: { class: "XpanseIpRanges" }, tags: { class: "XpanseTags" } },
  },
  {
    product: "cloud",
    package: "cloud",
    className: "CloudClient",
    prefix: "Cloud",
    workflows: { assets: { extends: "AssetTreeSearch" }, assetGroups: { extends: "AssetGroupTreeSearch" }, apiKeys: { ...apiKeys, extends: "ApiKeyScopes" } },
    extraNamespaces: { vulnerabilities: { class: "VulnerabilityFeed", operationsOf: "uvem" } },
    // The emulator's scope switch (the platform has no API for it).
    extraOperations: "EMULATOR_SCOPE_OPERATIONS",
  },
];

/** Namespace property names where the path segment is not a good identifier. */
export const namespaceNames: Readonly<Record<string, string>> = {
  api_keys: "apiKeys",
};

/**
 * Names by operation id: a method name, or `namespace.method` to place the operation elsewhere. They make
 * the everyday calls read as what they do: paginated reads are `list`, and a method does not repeat its
 * namespace (`incidents.update`, not `incidents.updateIncident`).
 */
export const methodNameOverrides: Readonly<Record<string, string>> = {
  "incidents.get_incidents": "list",
  "incidents.update_incident": "update",
  "incidents.get_incident_extra_data": "getExtraData",
  "incidents.get_multiple_incidents_extra_data": "getMultipleExtraData",
  "alerts.get_alerts": "list",
  "alerts.update_alerts": "update",
  "alerts.get_alerts_multi_events": "listMultiEvents",
  "v2.alerts.get_alerts_multi_events": "listMultiEventsV2",
  "alerts.get_alerts_by_filter_data": "listByFilterData",
  "endpoints.get_endpoint": "list",
  "endpoints.get_endpoints": "listAll",
  "api_keys.get_api_keys": "list",
  "scripts.get_scripts": "list",
  "audits.management_logs": "listManagementLogs",
  "audits.agents_reports": "listAgentsReports",
  // A single-segment id has no namespace of its own; these read as the list of alert exclusions.
  alerts_exclusion: "alertsExclusion.list",
  "alerts_exclusion.add": "alertsExclusion.add",
  "alerts_exclusion.delete": "alertsExclusion.delete",
  // Key management lives in one namespace: the platform IAM path of get and edit is a detail of the service.
  "platform.iam.api_key.get_by_id": "apiKeys.get",
  "platform.iam.api_key.put_by_id": "apiKeys.edit",
  // XSOAR routes named by a single path segment would land in `system` under the segment's name; they read
  // better next to their siblings, named for what they do (`POST /incident` creates or, with id and
  // version, updates an incident).
  "xsoar.incident": "incidents.save",
  "xsoar.entry": "entry.add",
  "xsoar.automation": "automation.save",
  "xsoar.evidence": "evidence.save",
  "xsoar.health": "health.get",
  "xsoar.incidenttype": "incidenttypes.save",
  "xsoar.reports": "reports.list",
  // The XSOAR lists API: every list, and one list's content by name.
  "xsoar.lists": "lists.list",
  "xsoar.lists.download.get_by_name": "lists.get",
  // A single-segment id: the attack surface rules are their own resource.
  get_attack_surface_rules: "attackSurfaceRules.list",
  // Cortex Cloud and XSIAM resources named by one segment (`POST /assets`, `/asset-groups`, `/issue`) and
  // updates by path id read as the verbs they are.
  assets: "assets.list",
  asset_groups: "assetGroups.list",
  "asset_groups.update.post_by_group_id": "assetGroups.update",
  "asset_groups.delete.post_by_group_id": "assetGroups.delete",
  issue: "issue.create",
  "issue.post_by_id": "issue.update",
  "case.update.post_by_case_id": "case.update",
  "platform.iam.scope.by_entity_type.get_by_entity_id": "iam.getScope",
  "platform.iam.scope.by_entity_type.put_by_entity_id": "iam.setScope",
  // Issue 11 item 8: no stutter (a method does not repeat its namespace), paginated lists are `list`.
  "xql.start_xql_query": "start",
  "xql.get_query_results": "getResults",
  "xql.get_query_results_stream": "getResultsStream",
  "scripts.get_script_code": "getCode",
  "scripts.get_script_metadata": "getMetadata",
  "scripts.get_script_execution_status": "getExecutionStatus",
  "scripts.get_script_execution_results": "getExecutionResults",
  "scripts.get_script_execution_results_files": "getExecutionResultFiles",
  "scripts.run_script": "run",
  "scripts.run_snippet_code_script": "runSnippet",
  "alerts.get_alerts_pcap": "getPcap",
  "alerts.get_original_alerts": "getOriginal",
  "alerts.get_correlation_alert_data": "getCorrelationData",
  "alerts.insert_cef_alerts": "insertCef",
  "alerts.insert_parsed_alerts": "insertParsed",
  "alerts.create_alert": "create",
  "actions.get_action_status": "getStatus",
  "dataset.define_dataset": "define",
  "dataset.delete_dataset": "delete",
  "dataset.get_created_datasets": "getCreated",
  "indicators.get": "list",
  "bioc.get": "list",
  "correlations.get": "list",
  "distributions.get_distributions": "list",
  "device_control.get_violations": "listViolations",
  "cloud_onboarding.get_accounts": "listAccounts",
  "cloud_onboarding.get_instances": "listInstances",
  "assets.get_assets_internet_exposure": "listInternetExposure",
  "assets.get_external_services": "listExternalServices",
  "assets.get_external_ip_address_ranges": "listExternalIpRanges",
  "assets.get_external_websites": "listExternalWebsites",
  // Lookup datasets live in one place: `lookups` (its workflow adds upsert, remove and get).
  "xql.lookups.add_data": "lookups.addData",
  "xql.lookups.get_data": "lookups.getData",
  "xql.lookups.remove_data": "lookups.removeData",
};
