/**
 * Cortex Cloud issues and cases with state (reference xsoar-xpanse-cloud
 * §4.2, §4.3): search, create (202 `{external_id, detection_method}`), update
 * (204) and case search/update. A key with an SBAC scope sees only the issues
 * and cases of the domains in its `cases_issues` scope; the others are "not
 * found" to it.
 */
import { randomBytes } from "node:crypto";
import { ApiError } from "../envelopes.js";
import type { OperationResult } from "../generic.js";
import { asObject, isJsonObject, type JsonObject } from "../query.js";
import type { Operation, OperationContext } from "../router.js";
import { scopeAllows } from "../scope.js";
import { CLOUD_DATA, ISSUE_SEVERITIES, ISSUE_STATUSES, groupIdsOf, type CloudData, type CloudRecord } from "../state/cloud/model.js";
import { compareField, compileFieldFilters, pageList, readCortexSort, type FieldDescription } from "../state/xpanse/cortex-list.js";
import { PUBLIC_API_V1 } from "./paths.js";
import { servedBy } from "./served.js";

/** Largest issue/case page (`search_to` default 100). */
export const CLOUD_MAX_PAGE = 100;

/** Issue and case errors use the `{"error": "..."}` shape documented for these routes (reference §1.4). */
export function cloudError(status: number, message: string): ApiError {
  return new ApiError(status, message, message, { body: { error: message } });
}

const SEVERITY_RANK: Readonly<Record<string, number>> = { INFO: 0, LOW: 1, MEDIUM: 2, HIGH: 3, CRITICAL: 4 };

/** Reads list paging and sort from `request_data`, or from the body root where the spec puts them. */
function listInput(context: OperationContext): JsonObject {
  const data = asObject(context.requestData, "request_data");
  const root = isJsonObject(context.body) ? context.body : {};
  const merged: JsonObject = { ...data };
  for (const name of ["search_from", "search_to", "sort", "include_fields"]) {
    if (merged[name] === undefined && root[name] !== undefined) merged[name] = root[name];
  }
  return merged;
}

function issueVisible(context: OperationContext, issue: CloudRecord): boolean {
  return scopeAllows(context.key.scope, { kind: "cases_issues", domain: String(issue["domain"]) });
}

const inField = (get: (record: CloudRecord) => unknown): FieldDescription<CloudRecord> => ({ get, ops: ["in", "eq"] });
const timeField = (get: (record: CloudRecord) => unknown): FieldDescription<CloudRecord> => ({ get, ops: ["gte", "lte"] });

function issueFields(data: CloudData): Readonly<Record<string, FieldDescription<CloudRecord>>> {
  const plain = (name: string): FieldDescription<CloudRecord> => inField((record) => record[name]);
  return {
    id: plain("id"),
    external_id: plain("external_id"),
    "detection.method": plain("detection_method"),
    "detection.rule_id": plain("detection_rule_id"),
    issue_domain: plain("domain"),
    severity: plain("severity"),
    "status.progress": plain("status"),
    category: plain("category"),
    assigned_to: plain("assigned_to"),
    assigned_to_pretty: plain("assigned_to_pretty"),
    asset_ids: plain("asset_ids"),
    asset_names: plain("asset_names"),
    asset_classes: plain("asset_classes"),
    asset_categories: plain("asset_categories"),
    asset_regions: plain("asset_regions"),
    asset_providers: plain("asset_providers"),
    asset_types: plain("asset_types"),
    asset_group_ids: inField((record) =>
      (record["asset_ids"] as string[]).flatMap((id) => {
        const asset = data.assets.get(id);
        return asset === undefined ? [] : groupIdsOf(asset, data.groups.values());
      }),
    ),
    _insert_time: timeField((record) => Date.parse(String(record["_insert_time"]))),
    last_modified: timeField((record) => record["last_modified"]),
    observation_time: timeField((record) => record["observation_time"]),
  };
}

function withoutExtras(issue: CloudRecord, include: readonly string[]): CloudRecord {
  const { normalized_fields: normalized, custom_fields: custom, ...rest } = issue;
  return {
    ...rest,
    ...(include.includes("normalized_fields") ? { normalized_fields: normalized } : {}),
    ...(include.includes("custom_fields") ? { custom_fields: custom } : {}),
  };
}

async function searchIssues(context: OperationContext): Promise<OperationResult> {
  const input = listInput(context);
  const data = await CLOUD_DATA.get(context.state, context.tenant);
  const matches = compileFieldFilters(input["filters"], issueFields(data));
  const sort = readCortexSort(input["sort"], ["id", "severity", "observation_time"]) ?? { field: "observation_time", desc: true };
  const include = Array.isArray(input["include_fields"]) ? input["include_fields"].map(String) : [];
  const page = pageList<CloudRecord>(context, input, {
    operation: "issue.search",
    maxSize: CLOUD_MAX_PAGE,
    idOf: (issue) => String(issue["id"]),
    lookup: (id) => {
      const issue = data.issues.get(Number(id));
      return issue !== undefined && issueVisible(context, issue) ? issue : undefined;
    },
    select: () =>
      [...data.issues.values()]
        .filter((issue) => issueVisible(context, issue) && matches(issue))
        .sort((a, b) => {
          const read = (record: CloudRecord): unknown => (sort.field === "severity" ? SEVERITY_RANK[String(record["severity"])] : record[sort.field]);
          const order = compareField(read(a), read(b));
          return sort.desc ? -order : order;
        }),
  });
  return {
    body: {
      reply: {
        total_count: page.total,
        result_count: page.items.length,
        issues: page.items.map((issue) => withoutExtras(issue, include)),
        ...(page.nextPageToken === undefined ? {} : { next_page_token: page.nextPageToken }),
      },
    },
  };
}

/** `POST /public_api/v1/issue/search` → `{"reply": {total_count, result_count, issues}}` (the table's shape). */
export const cloudSearchIssues: Operation = {
  id: "issue.search",
  method: "POST",
  surface: "cortex",
  path: `${PUBLIC_API_V1}/issue/search`,
  permission: "issues:view",
  products: servedBy("issue.search", "cloud"),
  handle: searchIssues,
};

function requiredText(input: JsonObject, field: string): string {
  const value = input[field];
  if (typeof value !== "string" || value.trim() === "") throw cloudError(400, `issue.${field} is required`);
  return value;
}

function optionalStringList(input: JsonObject, field: string): string[] {
  const value = input[field];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every((item) => typeof item === "string")) throw cloudError(400, `issue.${field} must be a list of strings`);
  return value as string[];
}

async function createIssue(context: OperationContext): Promise<OperationResult> {
  const request = asObject(context.requestData, "request_data");
  const input = request["issue"];
  if (!isJsonObject(input)) throw cloudError(400, "request_data.issue is required");
  const name = requiredText(input, "name");
  const description = requiredText(input, "description");
  const domain = requiredText(input, "domain");
  const category = requiredText(input, "category");
  const severity = input["severity"];
  if (typeof severity !== "string" || !(ISSUE_SEVERITIES as readonly string[]).includes(severity)) {
    throw cloudError(400, `issue.severity must be one of ${ISSUE_SEVERITIES.join(", ")}`);
  }
  const observation = input["observation_time"];
  if (typeof observation !== "number" || !Number.isSafeInteger(observation)) throw cloudError(400, "issue.observation_time is required (epoch ms)");
  const data = await CLOUD_DATA.get(context.state, context.tenant);
  const assetIds = optionalStringList(input, "asset_ids");
  const assets = assetIds.map((id) => data.assets.get(id)).filter((asset): asset is CloudRecord => asset !== undefined);
  const id = data.next.issue++;
  const externalId = randomBytes(16).toString("hex");
  const detectionMethod = "CREATE_ALERT_PUBLIC_API";
  const text = (field: string): string | null => (typeof input[field] === "string" ? (input[field] as string) : null);
  data.issues.set(id, {
    id,
    external_id: externalId,
    name,
    description,
    domain,
    category,
    type: text("type") ?? "Custom",
    severity,
    status: "New",
    status_resolution_reason: null,
    status_resolution_comment: null,
    detection_method: detectionMethod,
    detection_rule_id: null,
    _insert_time: new Date(context.now).toISOString(),
    observation_time: observation,
    last_modified: context.now,
    assigned_to: text("assigned_to"),
    assigned_to_pretty: text("assigned_to_pretty"),
    owner: text("owner"),
    remediation: text("remediation"),
    impact: text("impact"),
    extended_description: text("extended_description"),
    initial_evidence: text("initial_evidence"),
    tags: optionalStringList(input, "tags"),
    is_starred: input["is_starred"] === true,
    is_excluded: input["is_excluded"] === true,
    case_ids: [],
    finding_ids: [],
    asset_ids: assetIds,
    asset_names: assets.map((asset) => asset["xdm.asset.name"]),
    asset_classes: assets.map((asset) => asset["xdm.asset.type.class"]),
    asset_categories: assets.map((asset) => asset["xdm.asset.type.category"]),
    asset_providers: assets.map((asset) => asset["xdm.asset.provider"]),
    asset_regions: assets.flatMap((asset) => asset["xdm.asset.cloud.region"] ?? []),
    asset_types: assets.map((asset) => asset["xdm.asset.type.name"]),
    mitre_tactics: optionalStringList(input, "mitre_tactics"),
    mitre_techniques: optionalStringList(input, "mitre_techniques"),
    normalized_fields: isJsonObject(input["normalized_fields"]) ? input["normalized_fields"] : {},
    custom_fields: isJsonObject(input["custom_fields"]) ? input["custom_fields"] : {},
  });
  await CLOUD_DATA.save(context.state, context.tenant);
  return { status: 202, body: { external_id: externalId, detection_method: detectionMethod } };
}

/** `POST /public_api/v1/issue`: creates one issue → 202 `{external_id, detection_method}` (no numeric id). */
export const cloudCreateIssue: Operation = {
  id: "issue",
  method: "POST",
  surface: "cortex",
  path: `${PUBLIC_API_V1}/issue`,
  permission: "issues:action",
  products: servedBy("issue", "cloud"),
  handle: createIssue,
};

const RESOLUTION_REASONS = [
  "RESOLVED_KNOWN_ISSUE",
  "RESOLVED_DUPLICATE",
  "RESOLVED_FALSE_POSITIVE",
  "RESOLVED_OTHER",
  "RESOLVED_TRUE_POSITIVE",
  "RESOLVED_SECURITY_TESTING",
  "RESOLVED_RISK_ACCEPTED",
  "RESOLVED_FIXED",
  "RESOLVED_DISMISSED",
] as const;

async function updateIssue(context: OperationContext): Promise<OperationResult> {
  const text = context.request.pathParams["issue-id"] ?? "";
  const data = await CLOUD_DATA.get(context.state, context.tenant);
  const issue = /^[0-9]{1,15}$/.test(text) ? data.issues.get(Number(text)) : undefined;
  if (issue === undefined || !issueVisible(context, issue)) throw cloudError(404, `Issue ${text} was not found`);
  const update = asObject(context.requestData, "request_data")["update_data"];
  if (!isJsonObject(update)) throw cloudError(400, "request_data.update_data is required");
  const { severity, status } = update;
  const reason = update["status_resolution_reason"];
  const comment = update["status_resolution_comment"];
  if (severity === undefined && status === undefined) throw cloudError(400, "update_data needs severity or status");
  if (severity !== undefined && !(ISSUE_SEVERITIES as readonly unknown[]).includes(severity)) throw cloudError(400, `severity must be one of ${ISSUE_SEVERITIES.join(", ")}`);
  if (status !== undefined && !(ISSUE_STATUSES as readonly unknown[]).includes(status)) throw cloudError(400, `status must be one of ${ISSUE_STATUSES.join(", ")}`);
  if (status === "Resolved" && !(RESOLUTION_REASONS as readonly unknown[]).includes(reason)) {
    throw cloudError(400, "status_resolution_reason is required when status is Resolved");
  }
  if (comment !== undefined && typeof comment !== "string") throw cloudError(400, "status_resolution_comment must be a string");
  if (severity !== undefined) issue["severity"] = severity;
  if (status !== undefined) {
    issue["status"] = status;
    issue["status_resolution_reason"] = status === "Resolved" ? reason : null;
    if (status === "Resolved") issue["resolution_time"] = context.now;
  }
  if (typeof comment === "string") issue["status_resolution_comment"] = comment;
  issue["last_modified"] = context.now;
  await CLOUD_DATA.save(context.state, context.tenant);
  return { status: 204 };
}

/** `POST /public_api/v1/issue/{issue-id}`: updates severity/status → 204, no body. */
export const cloudUpdateIssue: Operation = {
  id: "issue.post_by_id",
  method: "POST",
  surface: "cortex",
  path: `${PUBLIC_API_V1}/issue/{issue-id}`,
  permission: "issues:action",
  products: servedBy("issue.post_by_id", "cloud"),
  handle: updateIssue,
};

function caseVisible(context: OperationContext, item: CloudRecord): boolean {
  return scopeAllows(context.key.scope, { kind: "cases_issues", domain: String(item["case_domain"]) });
}

const CASE_FIELDS: Readonly<Record<string, FieldDescription<CloudRecord>>> = {
  case_id: inField((record) => Number(record["case_id"])),
  case_domain: inField((record) => record["case_domain"]),
  severity: inField((record) => record["severity"]),
  status_progress: inField((record) => record["status_progress"]),
  creation_time: timeField((record) => Date.parse(String(record["creation_time"]))),
};

async function searchCases(context: OperationContext): Promise<OperationResult> {
  const input = listInput(context);
  const data = await CLOUD_DATA.get(context.state, context.tenant);
  const matches = compileFieldFilters(input["filters"], CASE_FIELDS);
  const sort = readCortexSort(input["sort"], ["case_id", "severity", "creation_time"]) ?? { field: "case_id", desc: true };
  const visible = [...data.cases.values()].filter((item) => caseVisible(context, item));
  const read = (record: CloudRecord): unknown =>
    sort.field === "severity"
      ? SEVERITY_RANK[String(record["severity"])]
      : sort.field === "case_id"
        ? Number(record["case_id"])
        : Date.parse(String(record["creation_time"]));
  const page = pageList<CloudRecord>(context, input, {
    operation: "case.search",
    maxSize: CLOUD_MAX_PAGE,
    idOf: (item) => String(item["case_id"]),
    lookup: (id) => data.cases.get(Number(id)),
    select: () =>
      visible.filter(matches).sort((a, b) => {
        const order = compareField(read(a), read(b));
        return sort.desc ? -order : order;
      }),
  });
  return { body: { reply: { TOTAL_COUNT: visible.length, FILTER_COUNT: page.total, DATA: page.items } } };
}

/** `POST /public_api/v1/case/search` → `{"reply": {TOTAL_COUNT, FILTER_COUNT, DATA}}` (uppercase, as documented). */
export const cloudSearchCases: Operation = {
  id: "case.search",
  method: "POST",
  surface: "cortex",
  path: `${PUBLIC_API_V1}/case/search`,
  permission: "cases:view",
  products: servedBy("case.search", "cloud"),
  handle: searchCases,
};

/** `POST /public_api/v1/case/update/{case-id}` `{update_data: {status_progress, resolve_reason?, resolve_comment?}}` → 204. */
export const cloudUpdateCase: Operation = {
  id: "case.update.post_by_case_id",
  method: "POST",
  surface: "cortex",
  path: `${PUBLIC_API_V1}/case/update/{case-id}`,
  permission: "cases:action",
  products: servedBy("case.update.post_by_case_id", "cloud"),
  handle: async (context) => {
    const text = context.request.pathParams["case-id"] ?? "";
    const data = await CLOUD_DATA.get(context.state, context.tenant);
    const item = /^[0-9]{1,15}$/.test(text) ? data.cases.get(Number(text)) : undefined;
    if (item === undefined || !caseVisible(context, item)) throw cloudError(404, `Case ${text} was not found`);
    const update = asObject(context.requestData, "request_data")["update_data"];
    if (!isJsonObject(update)) throw cloudError(400, "request_data.update_data is required");
    const status = update["status_progress"];
    if (!["NEW", "UNDER_INVESTIGATION", "RESOLVED"].includes(String(status))) {
      throw cloudError(400, "update_data.status_progress must be NEW, UNDER_INVESTIGATION or RESOLVED");
    }
    item["status_progress"] = status;
    item["resolve_reason"] = status === "RESOLVED" ? (update["resolve_reason"] ?? "RESOLVED_OTHER") : null;
    if (typeof update["resolve_comment"] === "string") item["resolve_comment"] = update["resolve_comment"];
    item["last_modified"] = context.now;
    await CLOUD_DATA.save(context.state, context.tenant);
    return { status: 204 };
  },
};

/** Filterable issue fields and their types, for `issue/schema`. */
const ISSUE_SCHEMA: readonly (readonly [string, string, string])[] = [
  ["id", "Issue ID", "INT"],
  ["external_id", "External ID", "TEXT"],
  ["name", "Name", "TEXT"],
  ["domain", "Domain", "ENUM"],
  ["category", "Category", "ENUM"],
  ["severity", "Severity", "ENUM"],
  ["status.progress", "Status", "ENUM"],
  ["detection.method", "Detection Method", "ENUM"],
  ["assigned_to", "Assignee", "TEXT"],
  ["observation_time", "Observation Time", "TIMESTAMP"],
  ["last_modified", "Last Modified", "TIMESTAMP"],
  ["_insert_time", "Insert Time", "TIMESTAMP"],
  ["asset_ids", "Asset IDs", "JSON"],
];

/**
 * `POST /public_api/v1/issue/schema` → `{"reply": {"data": [{field_name, field_pretty_name, data_type}]}}`.
 * Registered here so `issue/{issue-id}` does not take `schema` for an id.
 */
export const cloudIssueSchema: Operation = {
  id: "issue.schema",
  method: "POST",
  surface: "cortex",
  path: `${PUBLIC_API_V1}/issue/schema`,
  permission: "issues:view",
  products: servedBy("issue.schema", "cloud"),
  handle: () => ({
    body: { reply: { data: ISSUE_SCHEMA.map(([name, pretty, type]) => ({ field_name: name, field_pretty_name: pretty, data_type: type })) } },
  }),
};

/** Every stateful Cortex Cloud issue and case operation. */
export const CLOUD_ISSUE_OPERATIONS: readonly Operation[] = [cloudIssueSchema, cloudSearchIssues, cloudCreateIssue, cloudUpdateIssue, cloudSearchCases, cloudUpdateCase];
