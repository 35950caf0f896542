/**
 * Hand-curated request and reply types of operations several products serve (incidents, API keys, the
 * health check): each product's types module re-exports them, so this file names no product. Plain
 * types: no runtime cost.
 *
 * @module
 */

/** One condition of the flat AND-combined filter list used by most XDR list calls. */
export interface FilterCondition<Field extends string = string, Operator extends string = string, Value = unknown> {
  /** Field to filter on. */
  readonly field: Field;
  /** Comparison operator; the service compares it case-insensitively. */
  readonly operator: Operator;
  /** Value or values to compare with. */
  readonly value: Value;
}

/** Sort order keyword. */
export type SortKeyword = "asc" | "desc";

/** Incident workflow status. */
export type IncidentStatus =
  | "new"
  | "under_investigation"
  | "resolved_threat_handled"
  | "resolved_known_issue"
  | "resolved_duplicate"
  | "resolved_false_positive"
  | "resolved_true_positive"
  | "resolved_security_testing"
  | "resolved_other"
  | "resolved_auto";

/** Incident severity. */
export type IncidentSeverity = "low" | "medium" | "high" | "critical";

/** An incident as the service returns it. Ids are strings; times are epoch milliseconds. */
export interface Incident {
  /** Incident id, a decimal string. */
  incident_id: string;
  /** Display name. */
  incident_name: string | null;
  /** Creation time, epoch ms. */
  creation_time: number;
  /** Last modification time, epoch ms. */
  modification_time: number;
  /** Detection time, epoch ms, often null. */
  detection_time: number | null;
  /** Workflow status. */
  status: IncidentStatus | (string & {});
  /** Severity. */
  severity: IncidentSeverity | (string & {});
  /** Description; shows the manual description when one is set. */
  description: string | null;
  /** Assignee e-mail. */
  assigned_user_mail: string | null;
  /** Assignee display name. */
  assigned_user_pretty_name: string | null;
  /** Number of alerts in the incident. */
  alert_count: number;
  /** Number of hosts involved. */
  host_count: number;
  /** Number of users involved. */
  user_count: number;
  /** Whether the incident is starred. */
  starred: boolean;
  /** Hosts, as `host:agent_id` strings. */
  hosts: string[] | null;
  /** User names. */
  users: string[] | null;
  /** Alert sources. */
  incident_sources: string[] | null;
  /** Console link. */
  xdr_url: string | null;
  /** Fields the service adds that this type does not name. */
  [field: string]: unknown;
}

/** Reply of `incidents.get_incidents`. */
export interface GetIncidentsReply {
  /** Number of incidents matching the filters. */
  total_count: number;
  /** Number of incidents in this page. */
  result_count: number;
  /** The page of incidents. */
  incidents: Incident[];
  /** Ids the caller may not see. */
  restricted_incident_ids?: string[];
}

/** API key security level. */
export type ApiKeySecurityLevel = "standard" | "advanced";

/** Request of `api_keys.generate`. */
export interface GenerateApiKeyRequest {
  /** Role names; at least one, each must exist in the tenant. */
  readonly roles: readonly string[];
  /** Security level, fixed for the key's life. */
  readonly security_level: ApiKeySecurityLevel;
  /** Expiration, epoch ms; the service defaults to one week and rejects more than six months ahead. */
  readonly expiration?: number;
  /** Free-text comment. */
  readonly comment?: string;
}

/** Reply of `api_keys.generate`. The secret appears here once and never again. */
export interface GenerateApiKeyReply {
  /** Key id. */
  id: number;
  /** The key secret. */
  key: string;
}

/** Reply of `healthcheck`. */
export interface HealthcheckReply {
  /** `available` when the tenant is up. */
  status: string;
}

/**
 * A field the tenant defines beyond the documented ones, for the asset inventory's AND/OR filters (its
 * `/assets/schema` lists the tenant's fields). Made with `tenantField("xdm.asset.tags")`: a documented field
 * is written as plain text and typed by its own search types; a tenant field takes any search type and value.
 */
export type TenantField = string & { readonly __tenantField: true };
