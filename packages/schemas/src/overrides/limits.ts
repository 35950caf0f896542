/**
 * Documented limits per operation id (page caps, ids per call, per-operation rate limits), from the
 * reference fact sheets. Plain data; each entry has a one-line reason. An entry whose id is not in the
 * table fails the generator.
 *
 * @module
 */
import type { OperationLimits } from "../../../schemas-base/src/operation.js";

/** Limits of one operation. */
export interface LimitEntry extends OperationLimits {
  /** Largest page the service accepts (offset, filter_data or page/size paging). */
  readonly maxPageSize?: number;
  /** Reply property holding the page's items, when the schema has several arrays. */
  readonly itemsField?: string;
  /** Property identifying each listed item, used to de-duplicate across pages. */
  readonly idField?: string;
  /** One line: where the numbers come from. */
  readonly reason: string;
}

/** The page cap used when a paged public_api operation documents none, and the page size used for XSOAR. */
export const defaultMaxPageSize = {
  value: 100,
  xsoar: 100,
  reason:
    "xdr-xsiam reference §3.4: every documented cap on search_from/search_to calls is 100 unless listed; XSOAR documents no maximum (xsoar reference §2.7), 100 keeps replies small",
} as const;

const MINUTE = 60_000;

/** Limits by operation id. */
export const limits: Readonly<Record<string, LimitEntry>> = {
  "incidents.get_incidents": { maxPageSize: 100, idField: "incident_id", reason: "xdr-xsiam reference §3.4: max page 100" },
  "incidents.get_incident_extra_data": { rateLimit: { requests: 10, perMs: MINUTE }, reason: "xdr-xsiam reference §4.2 and §6: 10 requests per minute" },
  "alerts.get_alerts": { maxPageSize: 100, idField: "alert_id", reason: "xdr-xsiam reference §3.4: max 100; total capped at 9,999" },
  "alerts.get_alerts_multi_events": { maxPageSize: 100, idField: "alert_id", reason: "xdr-xsiam reference §3.4: max 100" },
  "v2.alerts.get_alerts_multi_events": { maxPageSize: 100, idField: "alert_id", reason: "xdr-xsiam reference §3.4 and xsoar reference §3.1: max 100 per request" },
  "alerts.get_alerts_pcap": { maxPageSize: 100, reason: "xdr-xsiam reference §3.4: max 100" },
  "alerts.update_alerts": { maxIdsPerCall: 100, reason: "xdr-xsiam reference §4.3: at most 100 alert ids per request" },
  "alerts.insert_parsed_alerts": { maxIdsPerCall: 60, rateLimit: { requests: 600, perMs: MINUTE }, reason: "xdr-xsiam reference §6: at most 60 alerts per request and 600 alerts per minute" },
  "alerts.insert_cef_alerts": { rateLimit: { requests: 600, perMs: MINUTE }, reason: "xdr-xsiam reference §6: 600 alerts per minute" },
  "alerts.create_alert": { rateLimit: { requests: 600, perMs: MINUTE }, reason: "xdr-xsiam reference §6: 600 alerts per minute" },
  "endpoints.get_endpoint": { maxPageSize: 100, idField: "endpoint_id", reason: "xdr-xsiam reference §3.4: max 100" },
  "endpoints.isolate": { maxIdsPerCall: 1000, reason: "xdr-xsiam reference §4.6: up to 1000 endpoints per call" },
  "endpoints.unisolate": { maxIdsPerCall: 1000, reason: "xdr-xsiam reference §4.6: up to 1000 endpoints per call" },
  "endpoints.quarantine": { maxIdsPerCall: 1000, reason: "xdr-xsiam reference §4.6: up to 1000 endpoints per call" },
  "endpoints.delete": { maxIdsPerCall: 1000, reason: "xdr-xsiam reference §4.5: up to 1000 endpoints per call" },
  "endpoints.file_retrieval": { maxIdsPerCall: 10, reason: "xdr-xsiam reference §4.6: at most 20 files from at most 10 endpoints" },
  "scripts.run_script": { maxIdsPerCall: 1000, reason: "xdr-xsiam reference §4.7: up to 1000 endpoints per call" },
  "tags.agents.delete_permanently": { maxIdsPerCall: 10, reason: "xdr-xsiam reference §4.5: at most 10 tags per call" },
  "audits.management_logs": { maxPageSize: 100, idField: "AUDIT_ID", reason: "xdr-xsiam reference §3.4: max 100" },
  "audits.agents_reports": { maxPageSize: 100, reason: "xdr-xsiam reference §3.4: max 100" },
  "device_control.get_violations": { maxPageSize: 100, idField: "violation_id", reason: "xdr-xsiam reference §3.4: max 100" },
  "distributions.get_distributions": { maxPageSize: 100, idField: "distribution_id", reason: "xdr-xsiam reference §3.4: over 100 answers 400" },
  "issue.search": { maxPageSize: 100, idField: "id", reason: "xsoar reference §4.10: issues page at 100" },
  "case.search": { maxPageSize: 100, idField: "case_id", reason: "xsoar reference §4.10: cases page at 100" },
  "assets.get_assets_internet_exposure": { maxPageSize: 500, reason: "xsoar reference §3.1: max 500" },
  "assets.get_external_services": { maxPageSize: 500, idField: "service_id", reason: "xsoar reference §3.1: max 500" },
  "assets.get_external_ip_address_ranges": { maxPageSize: 1000, idField: "range_id", reason: "xsoar reference §3.1: max 1000" },
  "assets.get_external_websites": { maxPageSize: 500, reason: "xsoar reference §3.1: integration caps 500" },
  "get_attack_surface_rules": { maxPageSize: 500, idField: "attack_surface_rule_id", reason: "xsoar reference §3.1: default search_to 500" },
  "assets.get_asset_internet_exposure": { maxIdsPerCall: 20, reason: "xsoar reference §3.1: at most 20 ids" },
  "assets.get_external_service": { maxIdsPerCall: 20, reason: "xsoar reference §3.1: at most 20 ids" },
  "assets.get_external_ip_address_range": { maxIdsPerCall: 100, reason: "xsoar reference §3.1: at most 100 ids" },
  "asm_management.upload_asm_data": { maxIdsPerCall: 500, reason: "xsoar reference §3.1: at most 500 per request" },
  "uvem.get_vulnerabilities": { maxPageSize: 500, idField: "vulnerability_id", reason: "xsoar reference §4.5 and §4.10: search_to defaults to 500" },
  "compliance.get_assets": { maxPageSize: 100, reason: "xsoar reference §4.6: max 100 per page" },
};
