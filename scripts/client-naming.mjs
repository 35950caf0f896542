// Naming data for the generated product clients: which packages exist, and the names that read better than
// the mechanical camelCase of the operation id. Each override says why.

/** Product client packages and their generated class names. */
export const productClients = [
  { product: "xdr", package: "xdr", className: "XdrClient", prefix: "Xdr", title: "Cortex XDR" },
  { product: "xsiam", package: "xsiam", className: "XsiamClient", prefix: "Xsiam", title: "Cortex XSIAM" },
  { product: "xsoar", package: "xsoar", className: "XsoarClient", prefix: "Xsoar", title: "Cortex XSOAR" },
  { product: "xpanse", package: "xpanse", className: "XpanseClient", prefix: "Xpanse", title: "Cortex Xpanse" },
  { product: "cloud", package: "cloud", className: "CloudClient", prefix: "Cloud", title: "Cortex Cloud" },
];

/** Namespace property names where the path segment is not a good identifier. */
export const namespaceNames = {
  api_keys: "apiKeys",
};

/**
 * Names by operation id: a method name, or `namespace.method` to place the operation elsewhere. They make
 * the everyday calls read as what they do: paginated reads are `list`, and a method does not repeat its
 * namespace (`incidents.update`, not `incidents.updateIncident`).
 */
export const methodNameOverrides = {
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
};
