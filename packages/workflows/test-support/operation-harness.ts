// One test per operation of a client's table: call the client METHOD with a request built from the
// required fields of the operation's request schema, against the emulator over loopback, and check the
// reply with the operation's reply validator. Operations the emulator does not serve yet (an unknown
// route, 404 "No such API", or 405) are skipped and listed, so the suite follows the emulator as it grows.
// Operations with state get requests naming real records, made in `statefulRequests` through the client.
import type { OperationEntry } from "@cortex-sdk/schemas-base";
import { requestJsonSchema, responseValidator } from "@cortex-sdk/schemas/validators";
import { isCortexError } from "@cortex-sdk/core";

interface JsonSchemaLike {
  readonly type?: string | readonly string[];
  readonly enum?: readonly unknown[];
  readonly properties?: Readonly<Record<string, JsonSchemaLike>>;
  readonly required?: readonly string[];
  readonly items?: JsonSchemaLike;
  readonly minItems?: number;
  readonly anyOf?: readonly JsonSchemaLike[];
  readonly minimum?: number;
  readonly format?: string;
}

/** A value of a schema: the first enum value, else a placeholder of its type, with required fields filled. */
export function sampleOf(schema: JsonSchemaLike | undefined, name = "", depth = 0): unknown {
  if (schema === undefined || depth > 6) return "1";
  if (schema.enum !== undefined && schema.enum.length > 0) return schema.enum.find((value) => value !== null) ?? schema.enum[0];
  if (schema.anyOf !== undefined && schema.anyOf.length > 0) return sampleOf(schema.anyOf.find((alt) => alt.type !== "null") ?? schema.anyOf[0], name, depth + 1);
  const types = schema.type === undefined ? (schema.properties === undefined ? [] : ["object"]) : typeof schema.type === "string" ? [schema.type] : [...schema.type];
  const type = types.find((candidate) => candidate !== "null") ?? "string";
  switch (type) {
    case "integer":
    case "number":
      return Math.max(1, schema.minimum ?? 1);
    case "boolean":
      return false;
    case "array":
      return Array.from({ length: Math.max(schema.minItems ?? 0, 0) }, () => sampleOf(schema.items, name, depth + 1));
    case "object": {
      const out: Record<string, unknown> = {};
      for (const field of schema.required ?? []) out[field] = sampleOf(schema.properties?.[field], field, depth + 1);
      return out;
    }
    default:
      if (schema.format === "date-time") return new Date(0).toISOString();
      if (/mail/i.test(name)) return "analyst@example.com";
      return "1";
  }
}

/** Requests the schemas cannot describe well enough (rules the service checks beyond the schema). */
const CURATED: Readonly<Record<string, unknown>> = {
  "api_keys.generate": { roles: ["Viewer"], security_level: "standard", comment: "every-operation test" },
  "api_keys.delete": { filters: [{ field: "id", operator: "in", value: [987_654_321] }] },
  "endpoints.isolate": { endpoint_id: "1" },
  "endpoints.unisolate": { endpoint_id: "1" },
  "endpoints.quarantine": { filters: [{ field: "endpoint_id_list", operator: "in", value: ["1"] }], file_path: "C:\\x.exe", file_hash: "a".repeat(64) },
  "endpoints.restore": { file_hash: "a".repeat(64) },
  "endpoints.file_retrieval": { filters: [{ field: "endpoint_id_list", operator: "in", value: ["1"] }], files: { windows: ["C:\\x.exe"] } },
  "alerts.update_alerts": { alert_id_list: ["1"], update_data: { comment: "every-operation test" } },
  "alerts.insert_parsed_alerts": { alerts: [] },
  "alerts.insert_cef_alerts": { alerts: [] },
  "scripts.run_snippet_code_script": { filters: [{ field: "endpoint_id_list", operator: "in", value: ["1"] }], snippet_code: "print(1)" },
  "xql.add_dataset": { dataset_name: "every_operation_lookup", dataset_type: "lookup", dataset_schema: { user: "text" } },
  "xql.start_xql_query": { query: "dataset = xdr_data | limit 1" },
  "assets.bulk_update_vulnerability_tests": { test_names: ["every-operation"], status: "Disabled" },
  "assets.get_asset_internet_exposure": { asm_id_list: ["00000000-0000-0000-0000-000000000001"] },
  "assets.get_external_ip_address_range": { range_id_list: ["00000000-0000-0000-0000-000000000001"] },
  "assets.get_external_service": { service_id_list: ["00000000-0000-0000-0000-000000000001"] },
  "assets.tags.assets_internet_exposure.assign": { filters: [{ field: "asm_id_list", operator: "in", value: ["00000000-0000-0000-0000-000000000001"] }], tags: ["every-operation"] },
  "assets.tags.assets_internet_exposure.remove": { filters: [{ field: "asm_id_list", operator: "in", value: ["00000000-0000-0000-0000-000000000001"] }], tags: ["every-operation"] },
  "assets.tags.external_ip_address_ranges.assign": { filters: [{ field: "range_id_list", operator: "in", value: ["00000000-0000-0000-0000-000000000001"] }], tags: ["every-operation"] },
  "assets.tags.external_ip_address_ranges.remove": { filters: [{ field: "range_id_list", operator: "in", value: ["00000000-0000-0000-0000-000000000001"] }], tags: ["every-operation"] },
  asset_groups: {},
  "asset_groups.create": { asset_group: { group_name: "every-operation", group_type: "Dynamic", membership_predicate: { AND: [{ SEARCH_FIELD: "xdm.asset.provider", SEARCH_TYPE: "EQ", SEARCH_VALUE: "AWS" }] } } },
  "case.update.post_by_case_id": { "case-id": "1", update_data: { status_progress: "UNDER_INVESTIGATION" } },
  issue: { issue: { name: "every-operation", description: "test", observation_time: 1_735_689_600_000, domain: "Security", category: "Malware", severity: "LOW" } },
  "issue.post_by_id": { "issue-id": "1", update_data: { severity: "LOW" } },
  "xsoar.entry": { investigationId: "1", data: "every-operation test" },
  "xsoar.entry.formatted": { investigationId: "1", contents: "every-operation test", format: "markdown" },
  "xsoar.incident": { name: "every-operation test" },
  "xsoar.incident.batch": { ids: ["1"], data: {} },
  "xsoar.incident.batch_close": { ids: ["1"], closeNotes: "every-operation test" },
  "xsoar.indicator.create": { indicator: { value: "198.51.100.7", indicator_type: "IP", score: 1 } },
  "xsoar.indicator.edit": { id: "1", version: -1, value: "198.51.100.7", indicator_type: "IP" },
};

/** The request a method is called with. */
export function requestFor(entry: OperationEntry): unknown {
  if (entry.id in CURATED) return CURATED[entry.id];
  if (entry.requestEnvelope === "request_data_array") return [];
  const pathParams = Object.fromEntries((entry.pathParams ?? []).map((name) => [name, "1"]));
  if (entry.requestEnvelope === "none") return (entry.pathParams ?? []).length > 0 ? pathParams : undefined;
  const body = sampleOf(requestJsonSchema(entry.id) as JsonSchemaLike | undefined);
  if (body === null || typeof body !== "object" || Array.isArray(body)) return body;
  return { ...(body as Record<string, unknown>), ...pathParams };
}

/**
 * Whether an error only says the placeholder id names nothing (the call reached the operation, which
 * looked the id up): the reply cannot be checked without state made by other calls.
 */
export function needsState(error: unknown): boolean {
  if (!isCortexError(error)) return false;
  return error.kind === "not_found" || (error as { status?: number }).status === 412 || /unknown vulnerability test|does not exist|was not found|is not a script execution|no endpoint was found/i.test(error.message);
}

/** Whether an error means the emulator does not serve the route yet. */
export function notServedYet(error: unknown): boolean {
  if (!isCortexError(error)) return false;
  const status = (error as { status?: number }).status;
  return status === 405 || (status === 404 && /no such api/i.test(error.message));
}

/** Outcome of calling one operation. */
export type OperationOutcome = { readonly kind: "valid" } | { readonly kind: "not_served" } | { readonly kind: "needs_state" } | { readonly kind: "invalid"; readonly issues: string } | { readonly kind: "error"; readonly error: unknown };

/**
 * Calls one operation through its client method and validates the reply.
 *
 * @param client - The client.
 * @param methods - Operation id → [namespace, method].
 * @param entry - The operation.
 * @param stateful - Requests built from the tenant's real records (see `statefulRequests`).
 */
export async function callOperation(client: object, methods: Readonly<Record<string, readonly [string, string]>>, entry: OperationEntry, stateful?: StatefulRequests): Promise<OperationOutcome> {
  const place = methods[entry.id];
  if (place === undefined) return { kind: "error", error: new Error(`${entry.id} has no method`) };
  const namespace = (client as Record<string, Record<string, unknown>>)[place[0]];
  const method = namespace?.[place[1]];
  if (typeof method !== "function") return { kind: "error", error: new Error(`client.${place[0]}.${place[1]} is not a function`) };
  let reply: unknown;
  try {
    const build = stateful?.[entry.id];
    const request = build === undefined ? requestFor(entry) : await build();
    const args = entry.requestEnvelope === "none" && (entry.pathParams ?? []).length === 0 ? [] : [request];
    reply = await (method as (...args: unknown[]) => PromiseLike<unknown>).apply(namespace, [...args, { maxRetries: 0 }]);
  } catch (error) {
    return notServedYet(error) ? { kind: "not_served" } : needsState(error) ? { kind: "needs_state" } : { kind: "error", error };
  }
  const validator = responseValidator(entry.id);
  if (validator === undefined || entry.replyKind === "binary" || entry.replyKind === "empty") return { kind: "valid" };
  let result = validator["~standard"].validate(reply);
  if (result instanceof Promise) result = await result;
  if (result.issues !== undefined && result.issues.length > 0) {
    return { kind: "invalid", issues: result.issues.slice(0, 3).map((issue) => `${(issue.path ?? []).map((part) => String(typeof part === "object" ? part.key : part)).join(".")}: ${issue.message}`).join("; ") };
  }
  return { kind: "valid" };
}

/** Destructive operations run last, so they cannot take away what the others need. */
export function destructiveLast(entries: readonly OperationEntry[]): OperationEntry[] {
  const destructive = (entry: OperationEntry): boolean => /delete|remove|revoke|logout|disable/i.test(entry.id);
  return [...entries].sort((a, b) => Number(destructive(a)) - Number(destructive(b)) || a.id.localeCompare(b.id));
}

/** Requests of operations that must name real records, built when the operation runs. */
export type StatefulRequests = Readonly<Record<string, () => unknown>>;

type Methods = Readonly<Record<string, readonly [string, string]>>;

/** Calls the client method of an operation (setup calls; errors propagate). */
export async function invoke<T>(client: object, methods: Methods, id: string, request?: unknown): Promise<T> {
  const place = methods[id];
  if (place === undefined) throw new Error(`setup: ${id} has no method`);
  const namespace = (client as Record<string, Record<string, unknown>>)[place[0]];
  const method = namespace?.[place[1]] as (...args: unknown[]) => PromiseLike<T>;
  return await method.apply(namespace, request === undefined ? [] : [request]);
}

/** The emulator's built-in `execute_commands` script (its script library is not simulated). */
export const EXECUTE_COMMANDS_UID = "a6f7683c8e217d85bd3c398f0d3fb6bf";
const SHA256 = "a".repeat(64);
const endpointFilter = (id: string | undefined): unknown[] => [{ field: "endpoint_id_list", operator: "in", value: [id] }];
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Reads and creates, through the client's own methods, the records the operations with state name, the way
 * the emulator's walk does (packages/emulator/test/every-operation.test.ts): connected endpoints, a finished
 * isolate / file retrieval / script run, a streamed XQL query, lookup datasets, a generated API key, an XSOAR
 * investigation, a vulnerability test. Only the operations the client's table has are prepared. The emulator
 * must run actions quickly (`xdrState.actionTiming` of a few hundred ms at most: `actionMs`), answer XQL at
 * once (`xqlRunMs: 0`) and hold more than 1 000 alerts (so `dataset = alerts` is streamed).
 */
export async function statefulRequests(client: object, methods: Methods, options: { readonly actionMs: number; readonly apiKeyId?: string; readonly securityLevel?: string }): Promise<StatefulRequests> {
  const has = (id: string): boolean => id in methods;
  const out: Record<string, () => unknown> = {};
  if (has("endpoints.get_endpoint") && has("endpoints.isolate")) {
    const listed = await invoke<{ endpoints: { endpoint_id: string }[] }>(client, methods, "endpoints.get_endpoint", {
      filters: [{ field: "endpoint_status", operator: "in", value: ["connected"] }],
      sort: { field: "endpoint_id", keyword: "asc" },
      search_to: 9,
    });
    const endpoints = listed.endpoints.map((endpoint) => endpoint.endpoint_id);
    if (endpoints.length < 9) throw new Error(`setup: ${endpoints.length} connected endpoints, need 9`);
    const script = await invoke<{ action_id: number }>(client, methods, "scripts.run_script", { filters: endpointFilter(endpoints[6]), script_uid: EXECUTE_COMMANDS_UID, parameters_values: { commands_list: ["echo setup"] } });
    const isolate = await invoke<{ action_id: string | number }>(client, methods, "endpoints.isolate", { endpoint_id: endpoints[1] });
    const retrieval = await invoke<{ action_id: string | number }>(client, methods, "endpoints.file_retrieval", { filters: endpointFilter(endpoints[7]), files: { windows: ["C:\\setup.txt"] } });
    // More rows than are answered inline: the results come as a stream.
    const queryId = await invoke<string>(client, methods, "xql.start_xql_query", { query: "dataset = alerts" });
    const results = await invoke<{ results?: { stream_id?: string } }>(client, methods, "xql.get_query_results", { query_id: queryId, pending_flag: false });
    const streamId = results.results?.stream_id;
    if (streamId === undefined) throw new Error(`setup: no stream (${JSON.stringify(results).slice(0, 200)})`);
    for (const name of ["harness_lookup", "harness_deletable"]) await invoke(client, methods, "xql.add_dataset", { dataset_name: name, dataset_type: "lookup", dataset_schema: { name: "text" } });
    await invoke(client, methods, "xql.lookups.add_data", { dataset_name: "harness_lookup", data: [{ name: "seeded" }] });
    // The actions above finish.
    await sleep(options.actionMs + 50);
    Object.assign(out, {
      "endpoints.isolate": () => ({ endpoint_id: endpoints[0] }),
      "endpoints.unisolate": () => ({ endpoint_id: endpoints[1] }),
      "endpoints.scan": () => ({ filters: endpointFilter(endpoints[2]) }),
      // A scan started just before is still running when it is aborted.
      "endpoints.abort_scan": async () => {
        await invoke(client, methods, "endpoints.scan", { filters: endpointFilter(endpoints[8]) });
        return { filters: endpointFilter(endpoints[8]) };
      },
      "endpoints.quarantine": () => ({ filters: endpointFilter(endpoints[3]), file_path: "C:\\Temp\\harness.exe", file_hash: SHA256 }),
      "endpoints.restore": () => ({ file_hash: SHA256, endpoint_id: endpoints[3] }),
      "endpoints.file_retrieval": () => ({ filters: endpointFilter(endpoints[4]), files: { windows: ["C:\\Temp\\harness.txt"] } }),
      "actions.get_action_status": () => ({ group_action_id: isolate.action_id }),
      "actions.file_retrieval_details": () => ({ group_action_id: retrieval.action_id }),
      "scripts.run_script": () => ({ filters: endpointFilter(endpoints[5]), script_uid: EXECUTE_COMMANDS_UID, parameters_values: { commands_list: ["echo harness"] }, timeout: 60 }),
      "scripts.run_snippet_code_script": () => ({ filters: endpointFilter(endpoints[5]), snippet_code: "print('harness')" }),
      "scripts.get_script_execution_status": () => ({ action_id: script.action_id }),
      "scripts.get_script_execution_results": () => ({ action_id: script.action_id }),
      "scripts.get_script_execution_results_files": () => ({ action_id: script.action_id, endpoint_id: endpoints[6] }),
      "xql.get_query_results": () => ({ query_id: queryId, limit: 5 }),
      "xql.get_query_results_stream": () => ({ stream_id: streamId }),
      "xql.lookups.add_data": () => ({ dataset_name: "harness_lookup", data: [{ name: "added" }] }),
      "xql.lookups.get_data": () => ({ dataset_name: "harness_lookup" }),
      "xql.lookups.remove_data": () => ({ dataset_name: "harness_lookup", filters: [{ name: "nobody" }] }),
      "v2.xql.delete_dataset": () => ({ dataset_name: "harness_deletable" }),
    });
  }
  if (has("hash_exceptions.blocklist.remove")) {
    // Hashes listed before the run, which the remove operations take away; new ones the add operations list.
    const [blockNew, allowNew, blocked, allowed] = ["b", "c", "d", "e"].map((letter) => letter.repeat(64));
    await invoke(client, methods, "hash_exceptions.blocklist", { hash_list: [blocked] });
    await invoke(client, methods, "hash_exceptions.allowlist", { hash_list: [allowed] });
    Object.assign(out, {
      "hash_exceptions.blocklist": () => ({ hash_list: [blockNew] }),
      "hash_exceptions.allowlist": () => ({ hash_list: [allowNew] }),
      "hash_exceptions.blocklist.remove": () => ({ hash_list: [blocked] }),
      "hash_exceptions.allowlist.remove": () => ({ hash_list: [allowed] }),
    });
  }
  if (has("indicators.insert_csv")) {
    Object.assign(out, {
      "indicators.insert": () => [
        { indicator: "harness-rule.example.com", type: "DOMAIN_NAME", severity: "SEV_020_LOW", expiration_date: -1, default_expiration_enabled: false, comment: "harness", reputation: "BAD", reliability: "A" },
      ],
      "indicators.insert_csv": () => "indicator,type,severity,comment\nharness-csv.example.com,DOMAIN_NAME,HIGH,harness",
      "indicators.delete": () => ({ filters: [{ field: "indicator", operator: "EQ", value: "harness-nothing.example.com" }] }),
    });
  }
  if (has("distributions.create") && has("distributions.delete")) {
    const distribution = await invoke<{ distribution_id: string }>(client, methods, "distributions.create", { name: "harness", package_type: "upgrade" });
    const deletable = await invoke<{ distribution_id: string }>(client, methods, "distributions.create", { name: "harness deletion", package_type: "upgrade" });
    // A distribution is ready after the action run time.
    await sleep(options.actionMs + 50);
    Object.assign(out, {
      "distributions.get_status": () => ({ distribution_id: distribution.distribution_id }),
      "distributions.get_dist_url": () => ({ distribution_id: distribution.distribution_id, package_type: "x64" }),
      "distributions.delete": () => ({ distribution_id: deletable.distribution_id }),
    });
  }
  if (has("rbac.set_user_role") && has("rbac.get_users")) {
    const users = await invoke<{ user_email: string }[]>(client, methods, "rbac.get_users", {});
    const userEmail = users[1]?.user_email ?? users[0]?.user_email ?? "analyst@example.com";
    Object.assign(out, {
      "rbac.get_roles": () => ({ role_names: ["Viewer"] }),
      "rbac.get_user_group": () => ({ group_names: ["SOC Analysts"] }),
      "rbac.set_user_role": () => ({ user_emails: [userEmail], role_name: "Investigator" }),
    });
  }
  if (has("platform.iam.api_key.get_by_id") && options.apiKeyId !== undefined) {
    // A key of its own, so editing it leaves the test's key alone.
    let keyId = options.apiKeyId;
    let level = options.securityLevel ?? "advanced";
    if (has("api_keys.generate")) {
      const generated = await invoke<{ id?: number }>(client, methods, "api_keys.generate", { roles: ["Viewer"], security_level: "advanced", comment: "harness key" });
      if (generated.id !== undefined) {
        keyId = String(generated.id);
        level = "advanced";
      }
    }
    out["platform.iam.api_key.get_by_id"] = () => ({ api_key_id: keyId });
    out["platform.iam.api_key.put_by_id"] = () => ({ api_key_id: keyId, roles: ["instance_administrator"], security_level: level });
  }
  if (has("xsoar.entry") && has("xsoar.incident")) {
    const incident = await invoke<{ id?: string }>(client, methods, "xsoar.incident", { name: "harness investigation", createInvestigation: true });
    const investigationId = incident.id ?? "1";
    out["xsoar.entry"] = () => ({ investigationId, data: "harness note" });
    out["xsoar.entry.formatted"] = () => ({ investigationId, contents: "harness note", format: "markdown" });
  }
  if (has("xsoar.lists.save") && has("xsoar.lists.download.get_by_name")) {
    // A list to read back by name (the walk's own saves come in table order, after the read).
    await invoke(client, methods, "xsoar.lists.save", { name: "harness_list", data: "harness" });
    out["xsoar.lists.download.get_by_name"] = () => ({ name: "harness_list" });
  }
  if (has("assets.bulk_update_vulnerability_tests") && has("assets.get_vulnerability_tests")) {
    const tests = await invoke<{ vulnerability_tests?: { name?: string }[] }>(client, methods, "assets.get_vulnerability_tests", {});
    const name = tests.vulnerability_tests?.[0]?.name;
    if (name !== undefined) out["assets.bulk_update_vulnerability_tests"] = () => ({ test_names: [name], status: "Disabled" });
  }
  return out;
}
