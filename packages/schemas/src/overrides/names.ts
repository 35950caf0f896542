/**
 * The records inside replies, named in the vendor's words: which node of which operation's reply is an
 * `Alert`, an `ApiKey`, an `Issue`... The generator emits each record once as a named type in every
 * product module that has one of its operations, and the reply types refer to it, so hover on
 * `reply.alerts[0]` shows `Alert`. Plain data, one reason per record.
 *
 * A record is either a node of a reply (`at`: the first location is the record's schema; further
 * locations reuse it) or a shared schema of the specs given a readable name (`component`). `nullable`
 * lists fields real tenants send as `null` where the spec types them otherwise (`"every field"`: every
 * typed scalar field); it changes the JSON Schemas too, so validators accept what real tenants send.
 *
 * @module
 */
import type { Override } from "./types.js";

/** Where a record sits: an operation id of the table and the path in its reply (`alerts/[]`; `*` is the whole reply). */
export interface RecordLocation {
  /** Operation id. */
  readonly id: string;
  /** Property names separated by `/`, `[]` for the items of a list, `*` for the reply itself. */
  readonly path: string;
}

/** A type for the record's fields the spec leaves untyped, chosen by how the field's name ends. */
export interface UntypedFieldRule {
  /** Name endings, e.g. `_sha256`. */
  readonly suffixes: readonly string[];
  /** The JSON types the field gets. */
  readonly type: readonly ("string" | "integer" | "number" | "boolean" | "null")[];
  /** One line: why. */
  readonly reason: string;
}

/** One named record. */
export interface RecordName {
  /** The type name, in the vendor's words. Unique across products. */
  readonly name: string;
  /** The reply nodes that are this record (the first gives the schema). */
  readonly at?: readonly RecordLocation[];
  /** Or: the shared schema of the specs this record is (renamed). */
  readonly component?: string;
  /** Types for fields the spec leaves untyped (applied before `nullable`). */
  readonly untyped?: readonly UntypedFieldRule[];
  /** Fields that may be `null` besides their documented type. */
  readonly nullable?: readonly string[] | "every field";
  /** One line: why. */
  readonly reason: string;
}

const LISTED = "the item type of the listing, named as the vendor names it";

/** The flat alert record's untyped fields, typed by what their names hold (what the emulator and the reference show). */
const ALERT_UNTYPED: readonly UntypedFieldRule[] = [
  {
    suffixes: ["_md5", "_sha256", "_name", "_path", "_command_line", "_vendor", "_username", "_subject", "_sender", "_recipient", "_category", "_subcategory", "_technology", "_sub_type", "_type", "_hostname", "_domain", "_key", "_data", "_provider", "_resource", "_project", "_xff", "_agent", "_from", "_to", "_rule", "_serial_number", "_vsys", "_ip", "_v6", "_comment", "_country", "_title", "_department"],
    type: ["string", "null"],
    reason: "names, hashes, paths, command lines and other text of the flat alert are strings, or null when the alert has none (reference xdr-xsiam §4.3, §8; the emulator's alerts)",
  },
  {
    suffixes: ["_port", "_pid", "_thread_id", "_ts", "_id", "_time"],
    type: ["integer", "string", "null"],
    reason: "ports, process and thread ids, timestamps and ids are integers that some tenants send as numeric strings, or null (reference xdr-xsiam §4.3, §8)",
  },
];

/** The records. */
export const recordNames: readonly RecordName[] = [
  {
    name: "Alert",
    at: [{ id: "alerts.get_alerts", path: "alerts/[]" }],
    untyped: ALERT_UNTYPED,
    nullable: "every field",
    reason: `${LISTED}; real tenants send null for many alert fields and echo system fields such as detection_time as null (reference xdr-xsiam §8)`,
  },
  { name: "MultiEventAlert", at: [{ id: "v2.alerts.get_alerts_multi_events", path: "alerts/[]" }], nullable: "every field", reason: `${LISTED} (the v2 multi-event alert, which differs from Alert); nulls as for Alert (reference xdr-xsiam §8)` },
  {
    name: "ApiKey",
    at: [{ id: "api_keys.get_api_keys", path: "data/[]" }],
    nullable: ["comment", "expiration"],
    reason: `${LISTED}; comment and expiration arrive as null (null expiration: the key never expires) (reference xdr-xsiam §2 API keys, xsoar-xpanse-cloud §6)`,
  },
  { name: "Endpoint", at: [{ id: "endpoints.get_endpoint", path: "endpoints/[]" }], reason: LISTED },
  { name: "XqlQueryResult", at: [{ id: "xql.get_query_results", path: "*" }], reason: "the reply of an XQL query's results: status, counts and the rows or a stream id" },
  { name: "Indicator", at: [{ id: "indicators.get", path: "objects/[]" }], reason: `${LISTED} (IOC rules)` },
  { name: "AuditLog", at: [{ id: "audits.management_logs", path: "data/[]" }], reason: `${LISTED} (management audit log entries)` },
  { name: "AgentAuditReport", at: [{ id: "audits.agents_reports", path: "data/[]" }], reason: `${LISTED} (agent audit reports)` },
  { name: "Script", at: [{ id: "scripts.get_scripts", path: "scripts/[]" }], reason: `${LISTED} (scripts library)` },
  { name: "Bioc", at: [{ id: "bioc.get", path: "objects/[]" }], reason: `${LISTED} (BIOC rules)` },
  { name: "DeviceControlViolation", component: "Xs28Violation", reason: "the spec's Xs28Violation is a device control violation" },
  { name: "Issue", component: "Xs34Issue", reason: "the spec's Xs34Issue is the platform's issue record" },
  { name: "Case", component: "Xs34Case", reason: "the spec's Xs34Case is the platform's case record" },
  { name: "Asset", at: [{ id: "assets", path: "data/[]" }], reason: `${LISTED} (asset inventory)` },
  { name: "Vulnerability", at: [{ id: "uvem.get_vulnerabilities", path: "vulnerabilities/[]" }], reason: `${LISTED} (vulnerability intelligence)` },
  {
    name: "InternetExposureAsset",
    at: [{ id: "assets.get_assets_internet_exposure", path: "assets_internet_exposure/[]" }],
    nullable: ["first_observed", "last_observed"],
    reason: `${LISTED}; first_observed and last_observed are ms or null (reference xsoar-xpanse-cloud §3.3)`,
  },
  {
    name: "ExternalService",
    at: [{ id: "assets.get_external_services", path: "external_services/[]" }],
    nullable: ["externally_inferred_vulnerability_score"],
    reason: `${LISTED}; the inferred vulnerability score is a float or null (reference xsoar-xpanse-cloud §3.3)`,
  },
  { name: "ExternalIpRange", at: [{ id: "assets.get_external_ip_address_ranges", path: "external_ip_address_ranges/[]" }], reason: LISTED },
  { name: "ExternalWebsite", at: [{ id: "assets.get_external_websites", path: "websites/[]" }], reason: LISTED },
  { name: "Incident", at: [{ id: "xsoar.incidents.search", path: "data/[]" }], reason: `${LISTED} (an XSOAR incident; the XDR-family Incident is the curated type, not served by XSOAR)` },
  { name: "IocObject", at: [{ id: "xsoar.indicators.search", path: "iocObjects/[]" }], reason: `${LISTED} (XSOAR calls an indicator an IocObject)` },
];

/** Record fields the spec leaves untyped or types too narrowly, typed from the reference sheets (applied to the reply schemas, before naming). */
export const recordFieldOverrides: readonly Override[] = [
  { kind: "schema", operation: "POST /public_api/v1/api_keys/get_api_keys", target: "reply", at: "data/[]/comment", replace: { type: ["string", "null"] }, reason: "an API key's comment is a string or null (reference xdr-xsiam §2 API keys); the spec leaves it untyped" },
  { kind: "schema", operation: "POST /public_api/v1/api_keys/get_api_keys", target: "reply", at: "data/[]/security_level", merge: { enum: ["standard", "advanced"] }, reason: "the two key security levels (reference xdr-xsiam §2 API keys); the spec says only string" },
];
