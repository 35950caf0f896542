/**
 * Endpoints and response actions with state (reference xdr-xsiam-api §4.5 to
 * §4.7): get_endpoint / get_endpoints, isolate, unisolate, scan, abort_scan,
 * quarantine, restore, file_retrieval, run_script and run_snippet_code_script.
 * Each action gets an id whose status moves PENDING → IN_PROGRESS → final on
 * the emulator clock (`actionTiming`); isolation and scan status move with it.
 * Script results and retrieved files are served as ZIP downloads at
 * `/public_api/v1/download/<token>`, valid for 10 minutes.
 */
import { randomBytes } from "node:crypto";
import type { EndpointSeed } from "../data/endpoints.js";
import { ApiError, REPLY_ERRORS } from "../envelopes.js";
import type { OperationResult } from "../generic.js";
import { compileFilters, compileSort, filterValue, isJsonObject, readPaging, type FilterSpec, type JsonObject, type SortSpec } from "../query.js";
import type { Operation, OperationContext } from "../router.js";
import { scopeAllows } from "../scope.js";
import type { ResolvedXdrOptions } from "../state/xdr/options.js";
import type { ActionKind, ActionRecord, ActionScript, ActionStatus, XdrWorld } from "../state/xdr/world.js";
import { zipStore } from "../state/xdr/zip.js";
import { PUBLIC_API_V1 } from "./paths.js";
import { dataOf, optionalString, replyWith, requireId, requireIntegerId, xdrError, xdrOperation } from "./xdr-common.js";

/** Largest get_endpoint page. */
export const MAX_ENDPOINT_PAGE = 100;
/** Endpoints one isolate, quarantine or script action may target. */
export const MAX_ACTION_ENDPOINTS = 1000;
/** Endpoints one file retrieval may target. */
export const MAX_RETRIEVAL_ENDPOINTS = 10;
/** Files one file retrieval may ask for. */
export const MAX_RETRIEVAL_FILES = 20;

/** The built-in endpoint scripts (uids as the vendor's clients use them). */
export const BUILT_IN_SCRIPTS: readonly { readonly uid: string; readonly name: string; readonly description: string }[] = [
  { uid: "a6f7683c8e217d85bd3c398f0d3fb6bf", name: "execute_commands", description: "Execute a list of shell commands" },
  { uid: "fd0a544a99a9421222b4f57a11839481", name: "kill_process", description: "Kill all processes with a given name" },
  { uid: "414763381b5bfb7b05796c9fe690df46", name: "file_exists", description: "Check if a file exists on the endpoint" },
  { uid: "548023b6e4a01ec51a495ba6e5d2a15d", name: "delete_file", description: "Delete a file by path" },
];

const STATUS_FILTER = ["connected", "disconnected", "lost", "uninstalled"] as const;
const PLATFORMS = ["windows", "linux", "macos", "android"] as const;
const SCAN_FILTER = ["none", "pending", "in_progress", "canceled", "aborted", "pending_cancellation", "success", "error"] as const;

function osType(endpoint: EndpointSeed): string {
  return endpoint.platform === "windows" ? "AGENT_OS_WINDOWS" : endpoint.platform === "linux" ? "AGENT_OS_LINUX" : "AGENT_OS_MAC";
}

function operatingSystem(endpoint: EndpointSeed): string {
  if (endpoint.platform === "linux") return "Ubuntu 22.04.4 LTS";
  if (endpoint.platform === "macos") return "macOS 14.5";
  return endpoint.endpointType === "AGENT_TYPE_SERVER" ? "Windows Server 2022" : "Windows 11 Enterprise";
}

/** An endpoint as get_endpoint returns it, at `now`. */
export function endpointView(world: XdrWorld, endpoint: EndpointSeed, now: number): Record<string, unknown> {
  const isolation = world.isolationOf(endpoint.id, now);
  const alias = world.endpointState.get(endpoint.id)?.alias ?? "";
  return {
    endpoint_id: endpoint.id,
    endpoint_name: endpoint.name,
    endpointTags: endpoint.tags.join(","),
    endpoint_type: endpoint.endpointType,
    endpoint_status: endpoint.status,
    os_type: osType(endpoint),
    os_version: endpoint.platform === "windows" ? "10.0.22631" : endpoint.platform === "linux" ? "22.04" : "14.5",
    ip: [endpoint.ip],
    ipv6: [],
    public_ip: endpoint.publicIp,
    users: [...endpoint.users],
    domain: "corp.example.com",
    alias,
    first_seen: endpoint.firstSeen,
    last_seen: endpoint.lastSeen,
    content_version: "1450-12345",
    installation_package: `${endpoint.group} installer`,
    active_directory: null,
    install_date: endpoint.firstSeen,
    endpoint_version: endpoint.version,
    is_isolated: isolation.is_isolated,
    isolated_date: isolation.isolated_date,
    group_name: [endpoint.group],
    operational_status: endpoint.status === "CONNECTED" ? "PROTECTED" : "PARTIALLY_PROTECTED",
    operational_status_description: null,
    operational_status_details: [],
    scan_status: world.scanOf(endpoint.id, now),
    content_release_timestamp: endpoint.lastSeen,
    last_content_update_time: endpoint.lastSeen,
    operating_system: operatingSystem(endpoint),
    mac_address: [endpoint.mac],
    assigned_prevention_policy: endpoint.platform === "linux" ? "Linux Default" : endpoint.platform === "macos" ? "macOS Default" : "Windows Default",
    assigned_extensions_policy: "",
    tags: { server_tags: [], endpoint_tags: [...endpoint.tags] },
  };
}

function inStrings(pick: (endpoint: EndpointSeed, world: XdrWorld, now: number) => readonly string[], lower = false) {
  return (world: XdrWorld, now: number) =>
    (value: unknown, field: string): ((endpoint: EndpointSeed) => boolean) => {
      const wanted = new Set(filterValue.stringList(value, field).map((item) => (lower ? item.toLowerCase() : item)));
      return (endpoint) => pick(endpoint, world, now).some((item) => wanted.has(lower ? item.toLowerCase() : item));
    };
}

function oneOfList<const V extends string>(allowed: readonly V[], pick: (endpoint: EndpointSeed, world: XdrWorld, now: number) => string) {
  return (world: XdrWorld, now: number) =>
    (value: unknown, field: string): ((endpoint: EndpointSeed) => boolean) => {
      const wanted = new Set(filterValue.stringList(value, field).map((item) => filterValue.oneOf(item.toLowerCase(), field, allowed)));
      return (endpoint) => wanted.has(pick(endpoint, world, now) as V);
    };
}

function timeRange(pick: (endpoint: EndpointSeed) => number) {
  return {
    gte: (value: unknown, field: string) => {
      const bound = filterValue.integer(value, field);
      return (endpoint: EndpointSeed) => pick(endpoint) >= bound;
    },
    lte: (value: unknown, field: string) => {
      const bound = filterValue.integer(value, field);
      return (endpoint: EndpointSeed) => pick(endpoint) <= bound;
    },
  };
}

/** get_endpoint filters, evaluated against the world at `now`. */
function endpointFilters(world: XdrWorld, now: number): FilterSpec<EndpointSeed> {
  const lists = {
    endpoint_id_list: inStrings((e) => [e.id]),
    endpoint_status: oneOfList(STATUS_FILTER, (e) => e.status.toLowerCase()),
    group_name: inStrings((e) => [e.group]),
    alias: inStrings((e, w) => [w.endpointState.get(e.id)?.alias ?? ""]),
    hostname: inStrings((e) => [e.name], true),
    username: inStrings((e) => e.users),
    public_ip_list: inStrings((e) => [e.publicIp]),
    ip_list: inStrings((e) => [e.ip]),
    platform: oneOfList(PLATFORMS, (e) => e.platform),
    isolate: oneOfList(["isolated", "unisolated"] as const, (e, w, t) => (w.isolationOf(e.id, t).is_isolated === "AGENT_ISOLATED" ? "isolated" : "unisolated")),
    scan_status: oneOfList(SCAN_FILTER, (e, w, t) => w.scanOf(e.id, t).replace("SCAN_STATUS_", "").toLowerCase()),
  };
  const spec: Record<string, FilterSpec<EndpointSeed>[string]> = {};
  for (const [field, factory] of Object.entries(lists)) spec[field] = { in: factory(world, now) };
  spec["first_seen"] = timeRange((e) => e.firstSeen);
  spec["last_seen"] = timeRange((e) => e.lastSeen);
  return spec;
}

const ENDPOINT_SORTS: SortSpec<EndpointSeed> = {
  endpoint_id: (a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  first_seen: (a, b) => a.firstSeen - b.firstSeen || (a.id < b.id ? -1 : 1),
  last_seen: (a, b) => a.lastSeen - b.lastSeen || (a.id < b.id ? -1 : 1),
};

function visible(context: OperationContext, endpoint: EndpointSeed): boolean {
  return scopeAllows(context.key.scope, { kind: "endpoints", groups: [endpoint.group], tags: endpoint.tags });
}

function getEndpoint(context: OperationContext, world: XdrWorld): OperationResult {
  const data = dataOf(context);
  const matches = compileFilters(data["filters"], endpointFilters(world, context.now));
  const compare = compileSort(data["sort"], ENDPOINT_SORTS, { field: "first_seen", keyword: "asc" });
  const { from, to } = readPaging(data, MAX_ENDPOINT_PAGE);
  const selected = world.endpoints.filter((endpoint) => visible(context, endpoint) && matches(endpoint)).sort(compare);
  const page = selected.slice(from, to);
  return replyWith({
    total_count: selected.length,
    result_count: page.length,
    endpoints: page.map((endpoint) => endpointView(world, endpoint, context.now)),
  });
}

function getEndpoints(context: OperationContext, world: XdrWorld): OperationResult {
  const rows = world.endpoints
    .filter((endpoint) => visible(context, endpoint))
    .map((endpoint) => ({
      agent_id: endpoint.id,
      agent_status: endpoint.status,
      operational_status: endpoint.status === "CONNECTED" ? "PROTECTED" : "PARTIALLY_PROTECTED",
      host_name: endpoint.name,
      agent_type: endpoint.endpointType === "AGENT_TYPE_SERVER" ? "Server" : "Workstation",
      ip: [endpoint.ip],
      last_seen: endpoint.lastSeen,
      tags: { server_tags: [], endpoint_tags: endpoint.tags.map((tag) => ({ tag_id: world.tenant.tagId("ET", tag), tag_name: tag })) },
      users: [...endpoint.users],
    }));
  return { json: `{"reply":${JSON.stringify(rows)}}` };
}

/** The endpoints an action targets: `endpoint_id`, or `filters` (a list, or `"all"` where allowed). */
function targets(context: OperationContext, world: XdrWorld, data: JsonObject, rules: { allowAll: boolean; allowEndpointId: boolean; max: number }): EndpointSeed[] {
  const single = data["endpoint_id"];
  const filters = data["filters"];
  let selected: EndpointSeed[];
  if (single !== undefined && single !== null && rules.allowEndpointId) {
    if (filters !== undefined && filters !== null) throw REPLY_ERRORS.invalidInput("Send either endpoint_id or filters, not both");
    const id = requireId(data, "endpoint_id");
    selected = world.endpoints.filter((endpoint) => endpoint.id === id);
  } else if (filters === "all" && rules.allowAll) {
    selected = [...world.endpoints];
  } else {
    if (!Array.isArray(filters) || filters.length === 0) {
      throw REPLY_ERRORS.invalidInput(rules.allowEndpointId ? "endpoint_id or filters: Field required" : "filters: Field required");
    }
    const matches = compileFilters(filters, endpointFilters(world, context.now));
    selected = world.endpoints.filter(matches);
  }
  selected = selected.filter((endpoint) => visible(context, endpoint));
  if (selected.length === 0) throw xdrError("no endpoint was found for creating the requested action");
  if (selected.length > rules.max) throw REPLY_ERRORS.invalidInput(`An action can target at most ${rules.max} endpoints, got ${selected.length}`);
  return selected;
}

function incidentIdOf(data: JsonObject): string | null {
  const value = data["incident_id"];
  if (value === undefined || value === null) return null;
  return requireId(data, "incident_id");
}

function createAction(
  context: OperationContext,
  world: XdrWorld,
  kind: ActionKind,
  endpoints: readonly EndpointSeed[],
  extra: Partial<Pick<ActionRecord, "script" | "files" | "fileHash" | "filePath">> = {},
  outcome: (endpoint: EndpointSeed) => ActionStatus = (endpoint) => (endpoint.status === "CONNECTED" ? "COMPLETED_SUCCESSFULLY" : "EXPIRED"),
): ActionRecord {
  const outcomes: Record<string, ActionStatus> = {};
  for (const endpoint of endpoints) outcomes[endpoint.id] = outcome(endpoint);
  return world.addAction({
    kind,
    createdAt: context.now,
    endpointIds: endpoints.map((endpoint) => endpoint.id),
    outcomes,
    incidentId: incidentIdOf(dataOf(context)),
    ...extra,
  });
}

function isolation(kind: "isolate" | "unisolate") {
  return (context: OperationContext, world: XdrWorld): OperationResult => {
    const data = dataOf(context);
    const endpoints = targets(context, world, data, { allowAll: false, allowEndpointId: true, max: MAX_ACTION_ENDPOINTS });
    const action = createAction(context, world, kind, endpoints);
    for (const endpoint of endpoints) {
      world.settle(endpoint.id, context.now);
      world.stateOf(endpoint.id).isolationAction = action.id;
    }
    // Action replies carry string ids and counts except run_script's (the schemas, reference §4.6, §8).
    return replyWith({ action_id: String(action.id), status: "1", endpoints_count: String(endpoints.length) });
  };
}

function scan(context: OperationContext, world: XdrWorld): OperationResult {
  const data = dataOf(context);
  const endpoints = targets(context, world, data, { allowAll: true, allowEndpointId: false, max: Number.MAX_SAFE_INTEGER });
  const action = createAction(context, world, "scan", endpoints);
  for (const endpoint of endpoints) {
    world.settle(endpoint.id, context.now);
    world.stateOf(endpoint.id).scanAction = action.id;
  }
  return replyWith({ action_id: String(action.id), endpoints_count: String(endpoints.length) });
}

function abortScan(context: OperationContext, world: XdrWorld): OperationResult {
  const data = dataOf(context);
  const candidates = targets(context, world, data, { allowAll: true, allowEndpointId: false, max: Number.MAX_SAFE_INTEGER });
  // Only scans still pending or in progress can be aborted.
  const running = candidates.filter((endpoint) => {
    const status = world.scanOf(endpoint.id, context.now);
    return status === "SCAN_STATUS_PENDING" || status === "SCAN_STATUS_IN_PROGRESS";
  });
  if (running.length === 0) throw xdrError("no endpoint was found for creating the requested action");
  const action = createAction(context, world, "abort_scan", running);
  for (const endpoint of running) {
    const scanId = world.stateOf(endpoint.id).scanAction;
    const scanAction = scanId === null ? undefined : world.actions.get(scanId);
    if (scanAction !== undefined) scanAction.aborted = { ...scanAction.aborted, [endpoint.id]: action.id };
  }
  return replyWith({ action_id: String(action.id), endpoints_count: String(running.length) });
}

function sha256Of(data: JsonObject, field: string): string {
  const value = requireId(data, field);
  if (!/^[0-9a-fA-F]{64}$/.test(value)) throw REPLY_ERRORS.invalidInput(`${field}: expected a SHA-256 (64 hex characters)`);
  return value.toLowerCase();
}

function quarantine(context: OperationContext, world: XdrWorld): OperationResult {
  const data = dataOf(context);
  const filePath = requireId(data, "file_path");
  const fileHash = sha256Of(data, "file_hash");
  const endpoints = targets(context, world, data, { allowAll: false, allowEndpointId: false, max: MAX_ACTION_ENDPOINTS });
  const action = createAction(context, world, "quarantine", endpoints, { fileHash, filePath });
  return replyWith({ action_id: String(action.id), status: "1", endpoints_count: String(endpoints.length) });
}

function restore(context: OperationContext, world: XdrWorld): OperationResult {
  const data = dataOf(context);
  const fileHash = sha256Of(data, "file_hash");
  const endpointId = optionalString(data, "endpoint_id");
  let endpoints: EndpointSeed[];
  if (endpointId !== undefined) {
    endpoints = world.endpoints.filter((endpoint) => endpoint.id === endpointId);
  } else {
    // Every endpoint where that file was quarantined.
    const ids = new Set<string>();
    for (const action of world.actions.values()) {
      if (action.kind !== "quarantine" || action.fileHash !== fileHash) continue;
      for (const id of action.endpointIds) if (world.actionStatus(action, id, context.now) === "COMPLETED_SUCCESSFULLY") ids.add(id);
    }
    endpoints = world.endpoints.filter((endpoint) => ids.has(endpoint.id));
  }
  if (endpoints.length === 0) throw xdrError("no endpoint was found for creating the requested action");
  const action = createAction(context, world, "restore", endpoints, { fileHash });
  return replyWith({ action_id: String(action.id), endpoints_count: String(endpoints.length) });
}

function fileRetrieval(context: OperationContext, world: XdrWorld): OperationResult {
  const data = dataOf(context);
  const files = data["files"];
  if (!isJsonObject(files)) throw REPLY_ERRORS.invalidInput("files: Input should be a valid dictionary");
  const paths: string[] = [];
  for (const platform of ["windows", "linux", "macos"] as const) {
    const list = files[platform];
    if (list === undefined || list === null) continue;
    paths.push(...filterValue.stringList(list, `files.${platform}`));
  }
  if (paths.length === 0) throw REPLY_ERRORS.invalidInput("files: at least one file path is required");
  if (paths.length > MAX_RETRIEVAL_FILES) throw REPLY_ERRORS.invalidInput(`files: at most ${MAX_RETRIEVAL_FILES} files per request`);
  const endpoints = targets(context, world, data, { allowAll: false, allowEndpointId: false, max: MAX_RETRIEVAL_ENDPOINTS });
  const action = createAction(context, world, "file_retrieval", endpoints, { files: paths });
  return replyWith({ action_id: String(action.id), status: "1", endpoints_count: String(endpoints.length) });
}

function runScript(context: OperationContext, world: XdrWorld): OperationResult {
  const data = dataOf(context);
  const uid = requireId(data, "script_uid");
  const known = BUILT_IN_SCRIPTS.find((script) => script.uid === uid);
  if (known === undefined) throw xdrError(`Script ${uid} was not found`);
  const parameters = data["parameters_values"] ?? {};
  if (!isJsonObject(parameters)) throw REPLY_ERRORS.invalidInput("parameters_values: Input should be a valid dictionary");
  const endpoints = targets(context, world, data, { allowAll: false, allowEndpointId: false, max: MAX_ACTION_ENDPOINTS });
  const script: ActionScript = { uid, name: known.name, description: known.description, parameters, snippet: null };
  const action = createAction(context, world, "run_script", endpoints, { script });
  return replyWith({ action_id: action.id, status: 1, endpoints_count: endpoints.length });
}

function runSnippet(context: OperationContext, world: XdrWorld): OperationResult {
  const data = dataOf(context);
  const snippet = requireId(data, "snippet_code");
  const endpoints = targets(context, world, data, { allowAll: false, allowEndpointId: false, max: MAX_ACTION_ENDPOINTS });
  const script: ActionScript = { uid: null, name: "snippet code", description: "Snippet code script", parameters: {}, snippet };
  // A snippet that raises fails on every connected endpoint, so clients can exercise the failure path.
  const fails = /\braise\b/.test(snippet);
  const action = createAction(context, world, "run_snippet_code_script", endpoints, { script }, (endpoint) =>
    endpoint.status !== "CONNECTED" ? "EXPIRED" : fails ? "FAILED" : "COMPLETED_SUCCESSFULLY",
  );
  return replyWith({ action_id: String(action.id), endpoints_count: endpoints.length });
}

function actionOf(world: XdrWorld, id: number): ActionRecord {
  const action = world.actions.get(id);
  if (action === undefined) throw xdrError(`Action ${id} was not found`);
  return action;
}

function errorReason(status: ActionStatus): { errorData: string; errorDescription: string; terminated_by: null; terminate_result: null } | undefined {
  if (status === "EXPIRED") return { errorData: "Agent did not connect before the action expired", errorDescription: "Action expired", terminated_by: null, terminate_result: null };
  if (status === "FAILED") return { errorData: "The script raised an exception", errorDescription: "Action failed", terminated_by: null, terminate_result: null };
  return undefined;
}

function actionStatus(context: OperationContext, world: XdrWorld): OperationResult {
  const action = actionOf(world, requireIntegerId(dataOf(context), "group_action_id"));
  const data: Record<string, ActionStatus> = {};
  const reasons: Record<string, unknown> = {};
  for (const id of action.endpointIds) {
    const status = world.actionStatus(action, id, context.now);
    data[id] = status;
    const reason = errorReason(status);
    if (reason !== undefined) reasons[id] = reason;
  }
  return replyWith(Object.keys(reasons).length === 0 ? { data } : { data, errorReasons: reasons });
}

function scriptAction(world: XdrWorld, data: JsonObject): ActionRecord {
  const action = actionOf(world, requireIntegerId(data, "action_id"));
  if (action.script === undefined) throw xdrError(`Action ${action.id} is not a script execution`);
  return action;
}

const FINAL_COUNTERS: Readonly<Record<ActionStatus, string>> = {
  PENDING: "endpoints_pending",
  IN_PROGRESS: "endpoints_in_progress",
  CANCELLED: "endpoints_canceled",
  PENDING_ABORT: "endpoints_pending_abort",
  ABORTED: "endpoints_aborted",
  EXPIRED: "endpoints_expired",
  COMPLETED_PARTIAL: "endpoints_completed_successfully",
  COMPLETED_SUCCESSFULLY: "endpoints_completed_successfully",
  FAILED: "endpoints_failed",
  TIMEOUT: "endpoints_timeout",
};

function generalStatus(statuses: readonly ActionStatus[]): ActionStatus {
  if (statuses.every((status) => status === "PENDING")) return "PENDING";
  if (statuses.some((status) => status === "PENDING" || status === "IN_PROGRESS")) return "IN_PROGRESS";
  const succeeded = statuses.filter((status) => status === "COMPLETED_SUCCESSFULLY").length;
  if (succeeded === statuses.length) return "COMPLETED_SUCCESSFULLY";
  if (succeeded > 0) return "COMPLETED_PARTIAL";
  return statuses.includes("FAILED") ? "FAILED" : (statuses[0] ?? "FAILED");
}

function scriptStatus(context: OperationContext, world: XdrWorld): OperationResult {
  const action = scriptAction(world, dataOf(context));
  const statuses = action.endpointIds.map((id) => world.actionStatus(action, id, context.now));
  const counters: Record<string, number> = {
    endpoints_pending: 0,
    endpoints_canceled: 0,
    endpoints_in_progress: 0,
    endpoints_timeout: 0,
    endpoints_failed: 0,
    endpoints_completed_successfully: 0,
    endpoints_pending_abort: 0,
    endpoints_aborted: 0,
    endpoints_expired: 0,
  };
  for (const status of statuses) counters[FINAL_COUNTERS[status]] = (counters[FINAL_COUNTERS[status]] ?? 0) + 1;
  const general = generalStatus(statuses);
  return replyWith({ general_status: general, ...counters, ...(general === "FAILED" ? { error_message: "The script failed on every endpoint" } : {}) });
}

function dateCreated(ms: number): string {
  return new Date(ms).toISOString().replace("T", " ").slice(0, 19);
}

function scriptOutput(action: ActionRecord, endpoint: EndpointSeed): string {
  const script = action.script;
  if (script === undefined) return "";
  if (script.name === "execute_commands") {
    const commands = script.parameters["commands_list"];
    return Array.isArray(commands) ? commands.map((command) => `${endpoint.name}$ ${String(command)}\nok`).join("\n") : "";
  }
  if (script.snippet !== null) return `snippet ran on ${endpoint.name}`;
  return `${script.name} finished on ${endpoint.name}`;
}

function scriptResults(context: OperationContext, world: XdrWorld): OperationResult {
  const action = scriptAction(world, dataOf(context));
  const script = action.script as ActionScript;
  const results = action.endpointIds.map((id) => {
    const endpoint = world.endpointsById.get(id);
    const status = world.actionStatus(action, id, context.now);
    const done = status === "COMPLETED_SUCCESSFULLY";
    return {
      endpoint_name: endpoint?.name ?? null,
      endpoint_ip_address: endpoint === undefined ? [] : [endpoint.ip],
      endpoint_status: endpoint?.status ?? "UNINSTALLED",
      domain: "corp.example.com",
      endpoint_id: id,
      execution_status: status,
      standard_output: done && endpoint !== undefined ? scriptOutput(action, endpoint) : "",
      retrieved_files: done ? 1 : 0,
      failed_files: 0,
      retention_date: null,
      _return_value: done ? [true] : null,
    };
  });
  return replyWith({
    script_name: script.name,
    script_description: script.description,
    script_parameters: Object.entries(script.parameters).map(([name, value]) => ({ name, value })),
    date_created: dateCreated(action.createdAt),
    scope: `${action.endpointIds.length} endpoint(s)`,
    error_message: "",
    results,
  });
}

/** Registers a download and returns its link (on the host the client called). */
function downloadLink(context: OperationContext, world: XdrWorld, fileName: string, content: Uint8Array): string {
  world.purgeDownloads(context.now);
  const token = randomBytes(24).toString("hex");
  world.downloads.set(token, { expiresAt: context.now + world.options.downloadTtlMs, fileName, content });
  const host = context.headers.host ?? "127.0.0.1";
  return `http://${host}${PUBLIC_API_V1}/download/${token}`;
}

function scriptFiles(context: OperationContext, world: XdrWorld): OperationResult {
  const data = dataOf(context);
  const action = scriptAction(world, data);
  const endpointId = requireId(data, "endpoint_id");
  if (!action.endpointIds.includes(endpointId)) throw xdrError(`Endpoint ${endpointId} was not found in action ${action.id}`);
  if (world.actionStatus(action, endpointId, context.now) !== "COMPLETED_SUCCESSFULLY") {
    throw xdrError(`Action ${action.id} has no files for endpoint ${endpointId} yet`);
  }
  const endpoint = world.endpointsById.get(endpointId);
  const output = endpoint === undefined ? "" : scriptOutput(action, endpoint);
  const zip = zipStore([{ name: `${endpointId}/stdout.txt`, content: Buffer.from(output, "utf8") }]);
  return replyWith({ DATA: downloadLink(context, world, `${action.id}_${endpointId}.zip`, zip) });
}

function retrievalDetails(context: OperationContext, world: XdrWorld): OperationResult {
  const action = actionOf(world, requireIntegerId(dataOf(context), "group_action_id"));
  if (action.kind !== "file_retrieval") throw xdrError(`Action ${action.id} is not a file retrieval`);
  const links: Record<string, string> = {};
  for (const id of action.endpointIds) {
    if (world.actionStatus(action, id, context.now) !== "COMPLETED_SUCCESSFULLY") continue;
    const entries = (action.files ?? []).map((path) => ({
      name: `${id}/${path.replace(/^[A-Za-z]:/, "").replace(/^[\\/]+/, "").replace(/\\/g, "/")}`,
      content: Buffer.from(`retrieved ${path} from ${world.endpointsById.get(id)?.name ?? id}\n`, "utf8"),
    }));
    links[id] = downloadLink(context, world, `${action.id}_${id}.zip`, zipStore(entries));
  }
  return replyWith({ data: links });
}

function download(context: OperationContext, world: XdrWorld): OperationResult {
  const token = context.request.pathParams["token"] ?? "";
  world.purgeDownloads(context.now);
  const file = world.downloads.get(token);
  if (file === undefined) throw new ApiError(404, "Not found", "The download link does not exist or has expired");
  return {
    body: file.content,
    contentType: "application/zip",
    headers: { "Content-Disposition": `attachment; filename=${file.fileName}` },
  };
}

/** The endpoint, response-action and script operations, configured. */
export function xdrEndpointOperations(options: ResolvedXdrOptions): Operation[] {
  const v1 = PUBLIC_API_V1;
  return [
    xdrOperation({ id: "endpoints.get_endpoint", path: `${v1}/endpoints/get_endpoint`, permission: "endpoints:view", handle: getEndpoint }, options),
    xdrOperation({ id: "endpoints.get_endpoints", path: `${v1}/endpoints/get_endpoints`, permission: "endpoints:view", handle: getEndpoints }, options),
    xdrOperation({ id: "endpoints.isolate", path: `${v1}/endpoints/isolate`, permission: "response_actions:action", mutates: true, handle: isolation("isolate") }, options),
    xdrOperation({ id: "endpoints.unisolate", path: `${v1}/endpoints/unisolate`, permission: "response_actions:action", mutates: true, handle: isolation("unisolate") }, options),
    xdrOperation({ id: "endpoints.scan", path: `${v1}/endpoints/scan`, permission: "response_actions:action", mutates: true, handle: scan }, options),
    xdrOperation({ id: "endpoints.abort_scan", path: `${v1}/endpoints/abort_scan`, permission: "response_actions:action", mutates: true, handle: abortScan }, options),
    xdrOperation({ id: "endpoints.quarantine", path: `${v1}/endpoints/quarantine`, permission: "response_actions:action", mutates: true, handle: quarantine }, options),
    xdrOperation({ id: "endpoints.restore", path: `${v1}/endpoints/restore`, permission: "response_actions:action", mutates: true, handle: restore }, options),
    xdrOperation({ id: "endpoints.file_retrieval", path: `${v1}/endpoints/file_retrieval`, permission: "response_actions:action", mutates: true, handle: fileRetrieval }, options),
    xdrOperation({ id: "actions.get_action_status", path: `${v1}/actions/get_action_status`, permission: "response_actions:view", handle: actionStatus }, options),
    xdrOperation({ id: "actions.file_retrieval_details", path: `${v1}/actions/file_retrieval_details`, permission: "response_actions:view", handle: retrievalDetails }, options),
    xdrOperation({ id: "scripts.run_script", path: `${v1}/scripts/run_script`, permission: "scripts:action", mutates: true, handle: runScript }, options),
    xdrOperation({ id: "scripts.run_snippet_code_script", path: `${v1}/scripts/run_snippet_code_script`, permission: "scripts:action", mutates: true, handle: runSnippet }, options),
    xdrOperation({ id: "scripts.get_script_execution_status", path: `${v1}/scripts/get_script_execution_status`, permission: "scripts:view", handle: scriptStatus }, options),
    xdrOperation({ id: "scripts.get_script_execution_results", path: `${v1}/scripts/get_script_execution_results`, permission: "scripts:view", handle: scriptResults }, options),
    xdrOperation(
      { id: "scripts.get_script_execution_results_files", path: `${v1}/scripts/get_script_execution_results_files`, permission: "scripts:view", handle: scriptFiles },
      options,
    ),
    // The link itself needs a valid key (any role), like the vendor's.
    xdrOperation({ id: "download.file", method: "GET", path: `${v1}/download/{token}`, permission: null, handle: download }, options),
    xdrOperation({ id: "download.post", method: "POST", path: `${v1}/download/{token}`, permission: null, handle: download }, options),
  ];
}
