/**
 * XDR / XSIAM content with state: IOC rules (`indicators/*`), hash block and
 * allow lists (`hash_exceptions/*`), agent installer packages
 * (`distributions/*`) and the audit logs (`audits/*`, seeded from the tenant).
 *
 * IOC rules, hash lists and distributions live in the tenant's {@link XdrWorld}
 * and are persisted with it. A distribution is "In Progress" for
 * `actionTiming.inProgressMs` after it is created, then "Completed"; its
 * download URL is served by the emulator.
 */
import { randomBytes } from "node:crypto";
import { operations as TABLE } from "@cortex-sdk/schemas";
import { ApiError, REPLY_ERRORS } from "../envelopes.js";
import type { OperationResult } from "../generic.js";
import { compileFilters, compileSort, filterValue, isJsonObject, readPaging, type FilterSpec, type JsonObject, type SortSpec } from "../query.js";
import { deriveSeed, mulberry32, randomHex, randomInt } from "../random.js";
import type { Operation, OperationContext } from "../router.js";
import type { Permission } from "../rbac.js";
import { permissionOf } from "../schema-responder.js";
import type { ResolvedXdrOptions } from "../state/xdr/options.js";
import type { IocRule, XdrWorld } from "../state/xdr/world.js";
import { PUBLIC_API_V1 } from "./paths.js";
import { dataOf, replyWith, requireId, xdrError, xdrOperation, type XdrOperationSpec } from "./xdr-common.js";

/** Simple-ingestion severities (`insert_jsons`, `insert_csv`) and the rule severities they become. */
const SIMPLE_SEVERITIES: Readonly<Record<string, string>> = {
  INFO: "SEV_010_INFO",
  LOW: "SEV_020_LOW",
  MEDIUM: "SEV_030_MEDIUM",
  HIGH: "SEV_040_HIGH",
  CRITICAL: "SEV_050_CRITICAL",
};
const SIMPLE_TYPES = new Set(["HASH", "IP", "DOMAIN_NAME", "FILENAME", "PATH"]);

/** The message of a hash that is already on a list (reference xdr-xsiam §5.3). */
export const HASHES_ALREADY_LISTED = "All hashes have already been added to the allow or block list";

interface IndicatorInput {
  readonly indicator: string;
  readonly type: string;
  readonly severity: string;
  readonly expiration_date?: unknown;
  readonly comment?: unknown;
  readonly reputation?: unknown;
  readonly reliability?: unknown;
}

/** Why an indicator does not match its declared type, or `undefined`. */
function typeMismatch(indicator: string, type: string): string | undefined {
  const ok =
    type === "HASH"
      ? /^[0-9a-fA-F]{32}$|^[0-9a-fA-F]{40}$|^[0-9a-fA-F]{64}$/.test(indicator)
      : type === "IP"
        ? /^(\d{1,3}\.){3}\d{1,3}$|^[0-9a-fA-F:]+:[0-9a-fA-F:]*$/.test(indicator)
        : type === "DOMAIN_NAME"
          ? /^[A-Za-z0-9*]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9-]+)+$/.test(indicator)
          : indicator !== "";
  return ok ? undefined : `Got type: ${type}, Indicator: ${indicator} mismatch`;
}

function stringOrNull(value: unknown): string | null {
  return typeof value === "string" && value !== "" ? value : null;
}

function expirationOf(value: unknown): number {
  if (typeof value === "number" && Number.isSafeInteger(value)) return value;
  return -1;
}

/** Adds or replaces the rule of `input.indicator` (one rule per indicator value). */
function upsertSimple(world: XdrWorld, input: IndicatorInput): void {
  const existing = [...world.iocs.values()].find((rule) => rule.indicator === input.indicator);
  const ruleId = existing?.rule_id ?? world.next.ioc++;
  world.iocs.set(ruleId, {
    rule_id: ruleId,
    indicator: input.indicator,
    type: input.type,
    severity: SIMPLE_SEVERITIES[input.severity] ?? "SEV_010_INFO",
    expiration_date: expirationOf(input.expiration_date),
    comment: stringOrNull(input.comment),
    reputation: stringOrNull(input.reputation),
    reliability: stringOrNull(input.reliability),
    default_expiration_enabled: input.expiration_date === undefined || input.expiration_date === null,
  });
}

/** Inserts simple indicators; `validate` reports mismatches (and skips those rows) instead of inserting blindly. */
function ingest(world: XdrWorld, rows: readonly IndicatorInput[], validate: boolean): OperationResult {
  const errors: { indicator: string; error: string }[] = [];
  for (const row of rows) {
    const mismatch = validate ? typeMismatch(row.indicator, row.type) : undefined;
    if (mismatch !== undefined) errors.push({ indicator: row.indicator, error: mismatch });
    else upsertSimple(world, row);
  }
  return replyWith({ success: errors.length === 0, validation_errors: errors });
}

function readSimple(value: unknown, index: number): IndicatorInput {
  if (!isJsonObject(value)) throw REPLY_ERRORS.invalidInput(`request_data[${index}]: Input should be a valid dictionary`);
  const indicator = value["indicator"];
  const type = value["type"];
  const severity = value["severity"];
  if (typeof indicator !== "string" || indicator === "") throw REPLY_ERRORS.invalidInput(`request_data[${index}].indicator: Field required`);
  if (typeof type !== "string" || !SIMPLE_TYPES.has(type)) throw REPLY_ERRORS.invalidInput(`request_data[${index}].type: Input should be HASH, IP, DOMAIN_NAME or FILENAME`);
  if (typeof severity !== "string" || SIMPLE_SEVERITIES[severity] === undefined) {
    throw REPLY_ERRORS.invalidInput(`request_data[${index}].severity: Input should be INFO, LOW, MEDIUM, HIGH or CRITICAL`);
  }
  return { ...value, indicator, type, severity };
}

function validateFlag(context: OperationContext): boolean {
  const body = context.body;
  return isJsonObject(body) && body["validate"] === true;
}

function insertJsons(context: OperationContext, world: XdrWorld): OperationResult {
  const data = context.requestData;
  if (!Array.isArray(data)) throw REPLY_ERRORS.invalidInput("request_data: Input should be a valid list");
  return ingest(world, data.map(readSimple), validateFlag(context));
}

/** Splits one CSV line (double quotes, doubled to escape). */
function csvCells(line: string): string[] {
  const cells: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      cells.push(cell);
      cell = "";
    } else cell += char;
  }
  cells.push(cell);
  return cells.map((value) => value.trim());
}

function insertCsv(context: OperationContext, world: XdrWorld): OperationResult {
  const text = context.requestData;
  if (typeof text !== "string") throw REPLY_ERRORS.invalidInput("request_data: Input should be a valid string");
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== "");
  const header = lines.shift();
  if (header === undefined) throw REPLY_ERRORS.invalidInput("request_data: the CSV has no header line");
  const names = csvCells(header).map((name) => name.toLowerCase());
  for (const required of ["indicator", "type", "severity"]) {
    if (!names.includes(required)) throw REPLY_ERRORS.invalidInput(`request_data: the CSV header lacks '${required}'`);
  }
  const rows = lines.map((line, index) => {
    const cells = csvCells(line);
    const row: Record<string, unknown> = {};
    names.forEach((name, position) => {
      const cell = cells[position];
      if (cell === undefined || cell === "") return;
      row[name] = name === "expiration_date" ? (/^-?\d+$/.test(cell) ? Number(cell) : cell.toLowerCase() === "never" ? -1 : undefined) : cell;
    });
    if (typeof row["severity"] === "string") row["severity"] = row["severity"].toUpperCase();
    if (typeof row["type"] === "string") row["type"] = row["type"].toUpperCase();
    return readSimple(row, index);
  });
  return ingest(world, rows, validateFlag(context));
}

/** `indicators/insert`: full IOC rules; `rule_id` updates, an existing indicator without one is a 400. */
function insertRules(context: OperationContext, world: XdrWorld): OperationResult {
  const data = context.requestData;
  if (!Array.isArray(data)) throw REPLY_ERRORS.invalidInput("request_data: Input should be a valid list");
  const added: { id: number; status: string }[] = [];
  const updated: { id: number; status: string }[] = [];
  data.forEach((value: unknown, index) => {
    if (!isJsonObject(value)) throw REPLY_ERRORS.invalidInput(`request_data[${index}]: Input should be a valid dictionary`);
    const indicator = value["indicator"];
    if (typeof indicator !== "string" || indicator === "") throw REPLY_ERRORS.invalidInput(`request_data[${index}].indicator: Field required`);
    const ruleIdValue = value["rule_id"];
    const ruleId = typeof ruleIdValue === "number" && Number.isSafeInteger(ruleIdValue) ? ruleIdValue : undefined;
    const existing = [...world.iocs.values()].find((rule) => rule.indicator === indicator);
    if (ruleId === undefined && existing !== undefined) throw REPLY_ERRORS.invalidInput("IOC indicator exists");
    const id = ruleId ?? world.next.ioc++;
    const previous = world.iocs.get(id);
    world.next.ioc = Math.max(world.next.ioc, id + 1);
    const rule: IocRule = {
      rule_id: id,
      indicator,
      type: typeof value["type"] === "string" ? value["type"] : (previous?.type ?? "HASH"),
      severity: typeof value["severity"] === "string" ? value["severity"] : (previous?.severity ?? "SEV_010_INFO"),
      expiration_date: expirationOf(value["expiration_date"]),
      comment: stringOrNull(value["comment"]),
      reputation: stringOrNull(value["reputation"]),
      reliability: stringOrNull(value["reliability"]),
      default_expiration_enabled: value["default_expiration_enabled"] === true,
    };
    world.iocs.set(id, rule);
    if (previous === undefined) added.push({ id, status: `Created a new IOC rule with the ID: ${id} successfully` });
    else updated.push({ id, status: `Updated the IOC rule with the ID: ${id} successfully` });
  });
  return { body: { added_objects: added, updated_objects: updated, errors: [] } };
}

const ruleField =
  (pick: (rule: IocRule) => unknown) =>
  (value: unknown): ((rule: IocRule) => boolean) => {
    const wanted = Array.isArray(value) ? value : [value];
    return (rule) => wanted.some((item) => item === pick(rule) || String(item) === String(pick(rule)));
  };

function ruleOperators(pick: (rule: IocRule) => unknown, ordered = false): Readonly<Record<string, (value: unknown, field: string) => (rule: IocRule) => boolean>> {
  const eq = ruleField(pick);
  return {
    eq,
    in: eq,
    neq: (value) => {
      const match = eq(value);
      return (rule) => !match(rule);
    },
    ...(ordered
      ? {
          gte: (value: unknown, field: string) => {
            const bound = filterValue.integer(value, field);
            return (rule: IocRule) => Number(pick(rule)) >= bound;
          },
          lte: (value: unknown, field: string) => {
            const bound = filterValue.integer(value, field);
            return (rule: IocRule) => Number(pick(rule)) <= bound;
          },
        }
      : {}),
  };
}

const RULE_FILTERS: FilterSpec<IocRule> = {
  rule_id: ruleOperators((rule) => rule.rule_id, true),
  indicator: ruleOperators((rule) => rule.indicator),
  type: ruleOperators((rule) => rule.type),
  severity: ruleOperators((rule) => rule.severity),
  expiration_date: ruleOperators((rule) => rule.expiration_date, true),
  default_expiration_enabled: ruleOperators((rule) => rule.default_expiration_enabled),
  comment: ruleOperators((rule) => rule.comment),
  reputation: ruleOperators((rule) => rule.reputation),
  reliability: ruleOperators((rule) => rule.reliability),
};

function matchingRules(world: XdrWorld, data: JsonObject): IocRule[] {
  const match = compileFilters(data["filters"], RULE_FILTERS);
  return [...world.iocs.values()].filter(match).sort((a, b) => a.rule_id - b.rule_id);
}

function getRules(context: OperationContext, world: XdrWorld): OperationResult {
  const data = dataOf(context);
  const rules = matchingRules(world, data);
  const page = readPaging(data, 100);
  const extended = data["extended_view"] === true;
  const objects = rules.slice(page.from, page.to).map((rule) => ({
    rule_id: rule.rule_id,
    indicator: rule.indicator,
    type: rule.type,
    severity: rule.severity,
    expiration_date: rule.expiration_date,
    comment: rule.comment ?? "",
    ...(extended ? { reputation: rule.reputation, reliability: rule.reliability, default_expiration_enabled: rule.default_expiration_enabled } : {}),
  }));
  return { body: { objects_count: rules.length, objects, objects_type: "indicator" } };
}

function deleteRules(context: OperationContext, world: XdrWorld): OperationResult {
  const data = dataOf(context);
  if (data["filters"] === undefined || (Array.isArray(data["filters"]) && data["filters"].length === 0)) {
    throw REPLY_ERRORS.invalidInput("filters: at least one filter is required");
  }
  const ids = matchingRules(world, data).map((rule) => rule.rule_id);
  for (const id of ids) world.iocs.delete(id);
  return { body: { objects_count: ids.length, objects: ids } };
}

function hashListOf(data: JsonObject): string[] {
  const list = data["hash_list"];
  if (!Array.isArray(list) || list.length === 0) throw REPLY_ERRORS.invalidInput("hash_list: Field required");
  return list.map((hash: unknown, index) => {
    if (typeof hash !== "string" || !/^[0-9a-fA-F]{64}$/.test(hash)) throw REPLY_ERRORS.invalidInput(`hash_list[${index}]: Input should be a SHA256 hash`);
    return hash.toLowerCase();
  });
}

/** blocklist / allowlist: adds the hashes on neither list; all already listed is the vendor's 500. */
function addHashes(list: "blocklist" | "allowlist") {
  return (context: OperationContext, world: XdrWorld): OperationResult => {
    const hashes = hashListOf(dataOf(context));
    const fresh = hashes.filter((hash) => !world.hashLists.has(hash));
    if (fresh.length === 0) throw xdrError(HASHES_ALREADY_LISTED);
    for (const hash of fresh) world.hashLists.set(hash, list);
    return replyWith(true);
  };
}

/** blocklist/remove / allowlist/remove: a hash not on that list is a 500. */
function removeHashes(list: "blocklist" | "allowlist") {
  return (context: OperationContext, world: XdrWorld): OperationResult => {
    const hashes = hashListOf(dataOf(context));
    const missing = hashes.find((hash) => world.hashLists.get(hash) !== list);
    if (missing !== undefined) throw xdrError(`Hash ${missing} was not found in the ${list}`);
    for (const hash of hashes) world.hashLists.delete(hash);
    return replyWith(true);
  };
}

/** Agent versions offered per platform (newest first). */
export const AGENT_VERSIONS: Readonly<Record<"windows" | "linux" | "macos", readonly string[]>> = {
  windows: ["8.6.0.12345", "8.5.0.11234", "8.4.1.10987"],
  linux: ["8.6.0.12346", "8.5.0.11235", "8.4.1.10988"],
  macos: ["8.6.0.12347", "8.5.0.11236", "8.4.1.10989"],
};
const DIST_PACKAGE_TYPES = new Set(["upgrade", "sh", "rpm", "deb", "aarch64_sh", "aarch64_rpm", "aarch64_deb", "pkg", "x86", "x64", "arm"]);

function createDistribution(context: OperationContext, world: XdrWorld): OperationResult {
  const data = dataOf(context);
  const name = requireId(data, "name");
  const packageType = requireId(data, "package_type");
  const platform = typeof data["platform"] === "string" ? data["platform"] : null;
  if (packageType === "standalone" && platform === null) throw REPLY_ERRORS.invalidInput("platform: Field required for a standalone package");
  const id = randomBytes(16).toString("hex");
  world.distributions.set(id, { id, name, packageType, platform, createdAt: context.now });
  return replyWith({ distribution_id: id });
}

function distributionOf(world: XdrWorld, data: JsonObject) {
  const id = requireId(data, "distribution_id");
  const distribution = world.distributions.get(id);
  if (distribution === undefined) throw xdrError(`Distribution ${id} was not found`);
  return distribution;
}

function distributionStatus(context: OperationContext, world: XdrWorld): OperationResult {
  const distribution = distributionOf(world, dataOf(context));
  const done = context.now >= distribution.createdAt + world.options.inProgressMs;
  return replyWith({ status: done ? "Completed" : "In Progress" });
}

function distributionUrl(context: OperationContext, world: XdrWorld): OperationResult {
  const data = dataOf(context);
  const distribution = distributionOf(world, data);
  const packageType = requireId(data, "package_type");
  if (!DIST_PACKAGE_TYPES.has(packageType)) throw REPLY_ERRORS.invalidInput(`package_type: Input should be one of ${[...DIST_PACKAGE_TYPES].join(", ")}`);
  if (context.now < distribution.createdAt + world.options.inProgressMs) throw xdrError(`Distribution ${distribution.id} is not ready yet`);
  const host = context.headers.host ?? "127.0.0.1";
  return replyWith({ distribution_url: `http://${host}${PUBLIC_API_V1}/distributions/download/${distribution.id}/${packageType}` });
}

function downloadDistribution(context: OperationContext, world: XdrWorld): OperationResult {
  const id = context.request.pathParams["distribution_id"] ?? "";
  const packageType = context.request.pathParams["package_type"] ?? "";
  const distribution = world.distributions.get(id);
  if (distribution === undefined || !DIST_PACKAGE_TYPES.has(packageType) || context.now < distribution.createdAt + world.options.inProgressMs) {
    throw new ApiError(404, "Not found", "The distribution does not exist or is not ready");
  }
  const extension = packageType === "x64" || packageType === "x86" ? "msi" : "zip";
  const fileName = `${distribution.name.replace(/[^A-Za-z0-9._-]/g, "_")}_${packageType}.${extension}`;
  return {
    body: new TextEncoder().encode(`emulated agent installer ${distribution.id} (${packageType})\n`),
    contentType: "application/octet-stream",
    headers: { "Content-Disposition": `attachment; filename=${fileName}` },
  };
}

function deleteDistribution(context: OperationContext, world: XdrWorld): OperationResult {
  const distribution = distributionOf(world, dataOf(context));
  world.distributions.delete(distribution.id);
  return replyWith(true);
}

/** A management audit entry (UPPERCASE keys, as the API answers). */
export interface ManagementAudit {
  readonly AUDIT_ID: number;
  readonly AUDIT_OWNER_NAME: string;
  readonly AUDIT_OWNER_EMAIL: string;
  readonly AUDIT_ASSET_JSON: string;
  readonly AUDIT_ASSET_NAMES: string;
  readonly AUDIT_HOSTNAME: string;
  readonly AUDIT_RESULT: string;
  readonly AUDIT_REASON: string;
  readonly AUDIT_DESCRIPTION: string;
  readonly AUDIT_ENTITY: string;
  readonly AUDIT_ENTITY_SUBTYPE: string;
  readonly AUDIT_SESSION_ID: number;
  readonly AUDIT_CASE_ID: number;
  readonly AUDIT_INSERT_TIME: number;
  readonly AUDIT_SEVERITY: string;
  readonly AUDIT_LINK: string;
  readonly AUDIT_SOURCE_IP: string;
  readonly AUDIT_USER_AGENT: string;
  readonly AUDIT_USER_ROLES: readonly string[];
  readonly AUDIT_ADDITIONAL_INFORMATION: { readonly endpoint_names: readonly string[]; readonly endpoint_count: number };
  readonly AUDIT_OBJECT_ID: string;
}

/** An agent audit report entry. */
export interface AgentReport {
  readonly TIMESTAMP: number;
  readonly RECEIVEDTIME: number;
  readonly ENDPOINTID: string;
  readonly ENDPOINTNAME: string;
  readonly DOMAIN: string;
  readonly TRAPSVERSION: string;
  readonly CATEGORY: string;
  readonly TYPE: string;
  readonly SUBTYPE: string;
  readonly RESULT: string;
  readonly REASON: string;
  readonly DESCRIPTION: string;
}

/** Seeded management audit entries per tenant. */
export const MANAGEMENT_AUDIT_COUNT = 240;
/** Seeded agent report entries per tenant. */
export const AGENT_REPORT_COUNT = 240;

const MANAGEMENT_KINDS: readonly (readonly [string, string, string])[] = [
  ["INCIDENT_MANAGEMENT", "Change Status", "Changed the incident status"],
  ["ALERT_MANAGEMENT", "Change Severity", "Changed the alert severity"],
  ["RESPONSE", "Isolate", "Isolated an endpoint"],
  ["LIVE_TERMINAL", "Run Command", "Ran a command in Live Terminal"],
  ["AUTH", "Login", "Logged in"],
  ["API_KEY", "Add Key", "Added an API key"],
  ["DISTRIBUTIONS", "Create", "Created an installer package"],
  ["INDICATOR_RULES", "Add", "Added an IOC rule"],
];
const AGENT_KINDS: readonly (readonly [string, string, string])[] = [
  ["Audit", "Agent Status", "Connected"],
  ["Monitoring", "Content Update", "Content updated"],
  ["Audit", "Agent Upgrade", "Agent upgraded"],
  ["Monitoring", "Policy Update", "Policy applied"],
];

const auditCache = new WeakMap<XdrWorld, { management: ManagementAudit[]; agents: AgentReport[] }>();

/** The tenant's seeded audit entries (the same seed gives the same entries), spread over the 30 days before the data anchor. */
export function seededAudits(world: XdrWorld): { management: ManagementAudit[]; agents: AgentReport[] } {
  const cached = auditCache.get(world);
  if (cached !== undefined) return cached;
  const random = mulberry32(deriveSeed(world.tenant.seed, "xdr-audits"));
  const analysts = world.tenant.directory.analysts;
  const end = Date.UTC(2025, 0, 1);
  const span = 30 * 86_400_000;
  const management: ManagementAudit[] = [];
  for (let i = 0; i < MANAGEMENT_AUDIT_COUNT; i++) {
    const analyst = analysts[randomInt(random, 0, analysts.length - 1)] ?? { mail: "admin@example.com", prettyName: "Admin" };
    const kind = MANAGEMENT_KINDS[randomInt(random, 0, MANAGEMENT_KINDS.length - 1)] ?? ["AUTH", "Login", "Logged in"];
    const endpoint = world.endpoints[randomInt(random, 0, Math.max(0, world.endpoints.length - 1))];
    const names = endpoint === undefined ? [] : [endpoint.name];
    const failed = randomInt(random, 0, 9) === 0;
    management.push({
      AUDIT_ID: i + 1,
      AUDIT_OWNER_NAME: analyst.prettyName,
      AUDIT_OWNER_EMAIL: analyst.mail,
      AUDIT_ASSET_JSON: JSON.stringify({ endpoint_names: names }),
      AUDIT_ASSET_NAMES: names.join(","),
      AUDIT_HOSTNAME: endpoint?.name ?? "",
      AUDIT_RESULT: failed ? "FAIL" : "SUCCESS",
      AUDIT_REASON: failed ? "Permission denied" : "",
      AUDIT_DESCRIPTION: kind[2],
      AUDIT_ENTITY: kind[0],
      AUDIT_ENTITY_SUBTYPE: kind[1],
      AUDIT_SESSION_ID: randomInt(random, 1_000_000, 9_999_999),
      AUDIT_CASE_ID: randomInt(random, 1, Math.max(1, world.tenant.incidents.length)),
      AUDIT_INSERT_TIME: end - span + Math.floor((span * (i + random())) / MANAGEMENT_AUDIT_COUNT),
      AUDIT_SEVERITY: "SEV_020_LOW",
      AUDIT_LINK: "",
      AUDIT_SOURCE_IP: `10.${randomInt(random, 0, 255)}.${randomInt(random, 0, 255)}.${randomInt(random, 1, 254)}`,
      AUDIT_USER_AGENT: "Mozilla/5.0",
      AUDIT_USER_ROLES: ["Instance Administrator"],
      AUDIT_ADDITIONAL_INFORMATION: { endpoint_names: names, endpoint_count: names.length },
      AUDIT_OBJECT_ID: randomHex(random, 32),
    });
  }
  const agents: AgentReport[] = [];
  for (let i = 0; i < AGENT_REPORT_COUNT; i++) {
    const endpoint = world.endpoints[randomInt(random, 0, Math.max(0, world.endpoints.length - 1))];
    const kind = AGENT_KINDS[randomInt(random, 0, AGENT_KINDS.length - 1)] ?? ["Audit", "Agent Status", "Connected"];
    const timestamp = end - span + Math.floor((span * (i + random())) / AGENT_REPORT_COUNT);
    agents.push({
      TIMESTAMP: timestamp,
      RECEIVEDTIME: timestamp + randomInt(random, 100, 5_000),
      ENDPOINTID: endpoint?.id ?? "",
      ENDPOINTNAME: endpoint?.name ?? "",
      DOMAIN: "corp.example.com",
      TRAPSVERSION: endpoint?.version ?? "8.6.0",
      CATEGORY: kind[0],
      TYPE: kind[1],
      SUBTYPE: kind[2],
      RESULT: randomInt(random, 0, 9) === 0 ? "Fail" : "Success",
      REASON: "",
      DESCRIPTION: `${kind[1]}: ${kind[2]}`,
    });
  }
  const built = { management, agents };
  auditCache.set(world, built);
  return built;
}

function inList<T>(pick: (item: T) => string) {
  return {
    in: (value: unknown, field: string) => {
      const wanted = new Set((Array.isArray(value) ? value : [value]).map((item) => filterValue.string(item, field)));
      return (item: T) => wanted.has(pick(item));
    },
  };
}
function timeRange<T>(pick: (item: T) => number) {
  return {
    gte: (value: unknown, field: string) => {
      const bound = filterValue.integer(value, field);
      return (item: T) => pick(item) >= bound;
    },
    lte: (value: unknown, field: string) => {
      const bound = filterValue.integer(value, field);
      return (item: T) => pick(item) <= bound;
    },
  };
}
const byString =
  <T>(pick: (item: T) => string) =>
  (a: T, b: T): number =>
    pick(a).localeCompare(pick(b));
const byNumber =
  <T>(pick: (item: T) => number) =>
  (a: T, b: T): number =>
    pick(a) - pick(b);

const MANAGEMENT_FILTERS: FilterSpec<ManagementAudit> = {
  email: inList((a: ManagementAudit) => a.AUDIT_OWNER_EMAIL),
  type: inList((a: ManagementAudit) => a.AUDIT_ENTITY),
  sub_type: inList((a: ManagementAudit) => a.AUDIT_ENTITY_SUBTYPE),
  result: inList((a: ManagementAudit) => a.AUDIT_RESULT),
  timestamp: timeRange((a: ManagementAudit) => a.AUDIT_INSERT_TIME),
};
const MANAGEMENT_SORT: SortSpec<ManagementAudit> = {
  type: byString((a) => a.AUDIT_ENTITY),
  "sub-type": byString((a) => a.AUDIT_ENTITY_SUBTYPE),
  result: byString((a) => a.AUDIT_RESULT),
  timestamp: byNumber((a) => a.AUDIT_INSERT_TIME),
};
const AGENT_FILTERS: FilterSpec<AgentReport> = {
  endpoint_id: inList((r: AgentReport) => r.ENDPOINTID),
  endpoint_name: inList((r: AgentReport) => r.ENDPOINTNAME),
  type: inList((r: AgentReport) => r.TYPE),
  sub_type: inList((r: AgentReport) => r.SUBTYPE),
  result: inList((r: AgentReport) => r.RESULT),
  domain: inList((r: AgentReport) => r.DOMAIN),
  xdr_version: inList((r: AgentReport) => r.TRAPSVERSION),
  trapsversion: inList((r: AgentReport) => r.TRAPSVERSION),
  category: inList((r: AgentReport) => r.CATEGORY),
  timestamp: timeRange((r: AgentReport) => r.TIMESTAMP),
};
const AGENT_SORT: SortSpec<AgentReport> = {
  type: byString((r) => r.TYPE),
  category: byString((r) => r.CATEGORY),
  trapsversion: byString((r) => r.TRAPSVERSION),
  timestamp: byNumber((r) => r.TIMESTAMP),
  domain: byString((r) => r.DOMAIN),
};

function auditListing<T>(pick: (world: XdrWorld) => readonly T[], filters: FilterSpec<T>, sort: SortSpec<T>) {
  return (context: OperationContext, world: XdrWorld): OperationResult => {
    const data = dataOf(context);
    const match = compileFilters(data["filters"], filters);
    const order = compileSort(data["sort"], sort, { field: "timestamp", keyword: "desc" });
    const page = readPaging(data, 100);
    const rows = pick(world).filter(match);
    // Stable: ties keep seed order.
    const sorted = rows.map((row, index) => ({ row, index })).sort((a, b) => order(a.row, b.row) || a.index - b.index).map((entry) => entry.row);
    const slice = sorted.slice(page.from, page.to);
    return replyWith({ total_count: rows.length, result_count: slice.length, data: slice });
  };
}

/** The permission the table gives an operation (as the generic layer would ask for it). */
function tablePermission(id: string): Permission | null {
  const entry = TABLE.find((candidate) => candidate.id === id);
  if (entry === undefined) throw new Error(`${id} is not in the operation table`);
  return permissionOf(entry);
}

/** An {@link xdrOperation} with the table's permission. */
function tableOperation(spec: Omit<XdrOperationSpec, "permission">, options: ResolvedXdrOptions): Operation {
  return xdrOperation({ ...spec, permission: tablePermission(spec.id) }, options);
}

/** The IOC, hash-list, distribution and audit operations, configured. */
export function xdrContentOperations(options: ResolvedXdrOptions): Operation[] {
  const v1 = PUBLIC_API_V1;
  return [
    tableOperation({ id: "indicators.insert_jsons", path: `${v1}/indicators/insert_jsons`, mutates: true, handle: insertJsons }, options),
    tableOperation({ id: "indicators.insert_csv", path: `${v1}/indicators/insert_csv`, mutates: true, handle: insertCsv }, options),
    tableOperation({ id: "indicators.insert", path: `${v1}/indicators/insert`, mutates: true, handle: insertRules }, options),
    tableOperation({ id: "indicators.get", path: `${v1}/indicators/get`, handle: getRules }, options),
    tableOperation({ id: "indicators.delete", path: `${v1}/indicators/delete`, mutates: true, handle: deleteRules }, options),
    tableOperation({ id: "hash_exceptions.blocklist", path: `${v1}/hash_exceptions/blocklist`, mutates: true, handle: addHashes("blocklist") }, options),
    tableOperation({ id: "hash_exceptions.allowlist", path: `${v1}/hash_exceptions/allowlist`, mutates: true, handle: addHashes("allowlist") }, options),
    tableOperation(
      { id: "hash_exceptions.blocklist.remove", path: `${v1}/hash_exceptions/blocklist/remove`, mutates: true, handle: removeHashes("blocklist") },
      options,
    ),
    tableOperation(
      { id: "hash_exceptions.allowlist.remove", path: `${v1}/hash_exceptions/allowlist/remove`, mutates: true, handle: removeHashes("allowlist") },
      options,
    ),
    tableOperation({ id: "distributions.create", path: `${v1}/distributions/create`, mutates: true, handle: createDistribution }, options),
    tableOperation({ id: "distributions.get_status", path: `${v1}/distributions/get_status`, handle: distributionStatus }, options),
    tableOperation({ id: "distributions.get_dist_url", path: `${v1}/distributions/get_dist_url`, handle: distributionUrl }, options),
    tableOperation({ id: "distributions.get_versions", path: `${v1}/distributions/get_versions`, handle: () => replyWith(AGENT_VERSIONS) }, options),
    tableOperation({ id: "distributions.delete", path: `${v1}/distributions/delete`, mutates: true, handle: deleteDistribution }, options),
    xdrOperation(
      { id: "distributions.download", method: "GET", path: `${v1}/distributions/download/{distribution_id}/{package_type}`, permission: null, handle: downloadDistribution },
      options,
    ),
    tableOperation({ id: "audits.management_logs", path: `${v1}/audits/management_logs`, handle: auditListing((world) => seededAudits(world).management, MANAGEMENT_FILTERS, MANAGEMENT_SORT) }, options),
    tableOperation({ id: "audits.agents_reports", path: `${v1}/audits/agents_reports`, handle: auditListing((world) => seededAudits(world).agents, AGENT_FILTERS, AGENT_SORT) }, options),
  ];
}
