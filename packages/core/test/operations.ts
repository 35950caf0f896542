import type { OperationEntry } from "@cortex-sdk/schemas-base";

// Operation entries for the core tests, written inline so the tests do not depend on the generated table.
const XDR = ["xdr", "xsiam"] as const;
const base = { method: "POST", requestEnvelope: "request_data", replyEnvelope: "reply", replyKind: "object", async: "none", limits: {} } as const;

export const TEST_OPERATIONS = [
  { ...base, id: "healthcheck", products: ["xdr", "xsiam", "cloud", "xpanse"], method: "GET", path: "/public_api/v1/healthcheck", requestEnvelope: "none", replyEnvelope: "bare", pagination: { kind: "none" }, retrySafety: "read" },
  {
    ...base,
    id: "incidents.get_incidents",
    products: XDR,
    path: "/public_api/v1/incidents/get_incidents",
    pagination: { kind: "offset", maxPageSize: 100, itemsField: "incidents", totalField: "total_count", idField: "incident_id" },
    retrySafety: "read",
  },
  { ...base, id: "api_keys.generate", products: ["xdr", "xsiam", "xsoar", "cloud"], xsoarVersions: [8], path: "/public_api/v1/api_keys/generate", pagination: { kind: "none" }, retrySafety: "unsafe", replyHoldsSecret: true },
  { ...base, id: "incidents.update_incident", products: XDR, path: "/public_api/v1/incidents/update_incident", replyKind: "boolean", pagination: { kind: "none" }, retrySafety: "idempotent" },
  {
    ...base,
    id: "alerts.get_alerts",
    products: XDR,
    path: "/public_api/v1/alerts/get_alerts_multi_events",
    pagination: { kind: "offset", maxPageSize: 100, itemsField: "alerts", totalField: "total_count", totalCap: 9_999, idField: "alert_id" },
    retrySafety: "read",
  },
  {
    ...base,
    id: "alerts.get_alerts_by_filter_data",
    products: XDR,
    path: "/public_api/v1/alerts/get_alerts_by_filter_data",
    pagination: { kind: "filter_data", maxPageSize: 50, itemsField: "alerts", totalField: "total_count", idField: "alert_id" },
    retrySafety: "read",
  },
  {
    ...base,
    id: "assets.get_assets_internet_exposure",
    products: ["xpanse", "xsiam"],
    path: "/public_api/v1/assets/get_assets_internet_exposure",
    pagination: { kind: "page_token", itemsField: "assets_internet_exposure", totalField: "total_count", idField: "asm_ids" },
    retrySafety: "read",
  },
  {
    ...base,
    id: "xsoar.incidents.search",
    products: ["xsoar"],
    xsoarVersions: [6, 8],
    path: "/incidents/search",
    requestEnvelope: "bare",
    replyEnvelope: "bare",
    pagination: { kind: "page_size", maxPageSize: 100, itemsField: "data", totalField: "total", idField: "id" },
    retrySafety: "read",
  },
  { ...base, id: "xql.start_xql_query", products: XDR, path: "/public_api/v1/xql/start_xql_query", replyKind: "string", pagination: { kind: "none" }, retrySafety: "unsafe", async: "xql_query_id" },
  { ...base, id: "xql.get_query_results", products: XDR, path: "/public_api/v1/xql/get_query_results", pagination: { kind: "none" }, retrySafety: "read" },
  { ...base, id: "xql.get_query_results_stream", products: XDR, path: "/public_api/v1/xql/get_query_results_stream", replyEnvelope: "bare", replyKind: "ndjson", pagination: { kind: "none" }, retrySafety: "read" },
  { ...base, id: "files.download", products: XDR, method: "GET", path: "/public_api/v1/download/{token}", requestEnvelope: "none", replyEnvelope: "bare", replyKind: "binary", pagination: { kind: "none" }, retrySafety: "read" },
  {
    ...base,
    id: "incidents.get_incident_extra_data",
    products: XDR,
    path: "/public_api/v1/incidents/get_incident_extra_data",
    pagination: { kind: "none" },
    retrySafety: "read",
    limits: { rateLimit: { requests: 2, perMs: 400 } },
  },
  { ...base, id: "legacy.old_call", products: XDR, path: "/public_api/v1/legacy/old_call", pagination: { kind: "none" }, retrySafety: "read", deprecated: "use incidents.get_incidents" },
] as const satisfies readonly OperationEntry[];

export const INCIDENTS_PATH = "/public_api/v1/incidents/get_incidents";
export const GENERATE_PATH = "/public_api/v1/api_keys/generate";
