// Walks every operation of the schemas table over real HTTP: for each entry and each default tenant
// whose product serves it, a request built from the entry's request JSON Schema (required fields with
// schema-valid values, path parameters filled) must get a 2xx whose unwrapped reply passes the entry's
// response validator. Specific handlers are included: their replies must pass the validators too.
// Then the generic layer's negative answers (400 naming the field, vendor page-size message, 403).
import { Agent, request as httpRequest } from "node:http";
import { operations, pathFor, type JsonSchema, type OperationEntry } from "@cortex-sdk/schemas";
import { requestJsonSchema, responseValidator } from "@cortex-sdk/schemas/validators";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEPLOYMENTS, type Deployment } from "@cortex-sdk/schemas-base/products";
import { DEFAULT_OPERATION_LIMITS, productServes, startEmulator as startRaw, type BootstrapKey, type RunningEmulator } from "../src/index.js";
import { OPERATIONS } from "../src/operations/index.js";
import { BUILT_IN_SCRIPTS } from "../src/operations/xdr-endpoints.js";
import { resolveOptions } from "../src/options.js";
import { advancedHeaders, FORBIDDEN, invalidInput, startEmulator, xsoar6Headers } from "./helpers.js";

const agent = new Agent({ keepAlive: true, maxSockets: 8 });
let emulator: RunningEmulator;
/** The walk emulator's clock runs `skew` ms ahead of the wall clock; requests are signed with it. */
let skew = 0;
const emulatorNow = (): number => Date.now() + skew;

interface Answer {
  readonly status: number;
  readonly text: string;
  readonly body: unknown;
}

function send(key: BootstrapKey | { readonly keyId: string; readonly key: string; readonly authScheme: "cortex" | "xsoar6" }, method: string, path: string, body?: unknown): Promise<Answer> {
  const auth = key.authScheme === "xsoar6" ? xsoar6Headers(key.key) : advancedHeaders(key, emulatorNow());
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const url = new URL(emulator.url + path);
    const req = httpRequest(
      { agent, host: url.hostname, port: url.port, path: url.pathname, method, headers: { ...auth, ...(payload === undefined ? {} : { "Content-Type": "application/json", "Content-Length": String(Buffer.byteLength(payload)) }) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let parsed: unknown = text;
          try {
            parsed = text === "" ? undefined : JSON.parse(text);
          } catch {
            // binary and HTML bodies stay text
          }
          resolve({ status: res.statusCode ?? 0, text, body: parsed });
        });
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

/** A valid value: required properties only (with `full`, every property at the top level), first enum value, bounds respected. */
function valid(schema: JsonSchema, name: string, full = false): unknown {
  if (schema.anyOf !== undefined && schema.anyOf.length > 0) return valid(schema.anyOf[0] ?? {}, name, full);
  if (schema.enum !== undefined && schema.enum.length > 0) return schema.enum[0];
  const types = schema.type === undefined ? [] : typeof schema.type === "string" ? [schema.type] : [...schema.type];
  const type = types.find((t) => t !== "null") ?? (schema.properties !== undefined ? "object" : "string");
  switch (type) {
    case "object": {
      const out: Record<string, unknown> = {};
      const keys = full ? Object.keys(schema.properties ?? {}) : (schema.required ?? []);
      for (const key of keys) out[key] = valid(schema.properties?.[key] ?? {}, key);
      // A filter's untyped value: `in` takes a list.
      if (typeof out["operator"] === "string" && out["operator"].toLowerCase() === "in" && "value" in out && !Array.isArray(out["value"])) out["value"] = [out["value"]];
      return out;
    }
    case "array": {
      const count = Math.min(Math.max(schema.minItems ?? 1, 1), schema.maxItems ?? 1);
      return Array.from({ length: count }, () => valid(schema.items ?? { type: "string" }, name));
    }
    case "integer":
    case "number":
      return schema.minimum ?? (schema.maximum !== undefined ? Math.min(1, schema.maximum) : 1);
    case "boolean":
      return false;
    default: {
      if (schema.format === "date-time") return "2025-01-01T00:00:00Z";
      const text = `${name || "value"}-1`;
      return schema.minLength !== undefined && text.length < schema.minLength ? text.padEnd(schema.minLength, "x") : text.slice(0, schema.maxLength ?? text.length);
    }
  }
}

/** Ids of records created before the walk on each XSOAR tenant, for handlers that need existing records. */
interface Seeded {
  readonly incidentId: string;
  readonly deletableIncidentId: string;
  readonly indicatorId: string;
}
const seeded = new Map<Deployment, Seeded>();
/** A vulnerability test name per Xpanse-capable tenant (bulk updates must name existing tests). */
const vulnerabilityTests = new Map<Deployment, string>();

/** Real records of an XDR / XSIAM tenant, read or created before the walk (see `beforeAll`). */
interface XdrFixtures {
  /** An existing incident id ("1"). */
  readonly incidentId: string;
  /** An existing alert id (from get_alerts). */
  readonly alertId: string;
  /** Connected endpoints, one per action so the walk's actions do not meet on one endpoint. */
  readonly endpoints: readonly string[];
  /** A built-in script uid. */
  readonly scriptUid: string;
  /** A finished run_script action (an integer id) and one endpoint it ran on. */
  readonly scriptActionId: number;
  readonly scriptEndpointId: string;
  /** A finished isolate action (its group action id). */
  readonly isolateActionId: string;
  /** A finished file_retrieval action. */
  readonly retrievalActionId: string;
  /** A started XQL query and the stream of its (large) results. */
  readonly queryId: string;
  readonly streamId: string;
  /** A lookup dataset with one row, and one the walk deletes. */
  readonly lookup: string;
  readonly deletableLookup: string;
  /** A finished distribution, and one the walk deletes. */
  readonly distributionId: string;
  readonly deletableDistributionId: string;
  /** A console user (from rbac/get_users). */
  readonly userEmail: string;
}
const xdrFixtures = new Map<Deployment, XdrFixtures>();
/** An existing Cortex Cloud issue id (from issue/search). */
let cloudIssueId = "1";

const SHA256 = "a".repeat(64);
/** Hashes the walk adds, and hashes listed before it that the walk removes. */
const BLOCK_NEW = "b".repeat(64);
const ALLOW_NEW = "c".repeat(64);
const BLOCKED = "d".repeat(64);
const ALLOWED = "e".repeat(64);
const endpointFilter = (id: string | undefined): unknown[] => [{ field: "endpoint_id_list", operator: "in", value: [id] }];

/**
 * Requests of the XDR / XSIAM operations with state, built from the tenant's real records: placeholder ids
 * (`incident_id-1`) name nothing there, and the handlers answer 404/500 as a tenant does. Each must still get a
 * 2xx whose reply passes the response validator. Merged over the schema-built request.
 */
const XDR_STATEFUL_REQUESTS: Readonly<Record<string, (fixtures: XdrFixtures) => unknown>> = {
  "incidents.get_incident_extra_data": (f) => ({ incident_id: f.incidentId }),
  "incidents.update_incident": (f) => ({ incident_id: f.incidentId, update_data: { manual_severity: "high" } }),
  "alerts.update_alerts": (f) => ({ alert_id_list: [f.alertId], update_data: { severity: "low" } }),
  "alerts.insert_parsed_alerts": () => ({
    // Ports as an integer and as a string: both are documented (reference xdr-xsiam §4.3).
    alerts: [{ product: "NGFW", vendor: "Walk", local_ip: "10.0.0.5", local_port: 51_000, remote_ip: "192.0.2.10", remote_port: "443", event_timestamp: Date.now(), severity: "Low", alert_name: "walk alert" }],
  }),
  "alerts.insert_cef_alerts": () => ({ alerts: ["CEF:0|Walk|IDS|1.0|100|Walk alert|5|src=10.9.9.9 dst=192.0.2.20 spt=1234 dpt=22"] }),
  "endpoints.isolate": (f) => ({ endpoint_id: f.endpoints[0] }),
  "endpoints.unisolate": (f) => ({ endpoint_id: f.endpoints[1] }),
  "endpoints.scan": (f) => ({ filters: endpointFilter(f.endpoints[2]) }),
  // A scan started on this endpoint before the walk is still running.
  "endpoints.abort_scan": (f) => ({ filters: endpointFilter(f.endpoints[2]) }),
  "endpoints.quarantine": (f) => ({ filters: endpointFilter(f.endpoints[3]), file_path: "C:\\Temp\\walk.exe", file_hash: SHA256 }),
  "endpoints.restore": (f) => ({ file_hash: SHA256, endpoint_id: f.endpoints[3] }),
  "endpoints.file_retrieval": (f) => ({ filters: endpointFilter(f.endpoints[4]), files: { windows: ["C:\\Temp\\walk.txt"], linux: ["/tmp/walk.txt"] } }),
  "actions.get_action_status": (f) => ({ group_action_id: f.isolateActionId }),
  "actions.file_retrieval_details": (f) => ({ group_action_id: f.retrievalActionId }),
  "scripts.run_script": (f) => ({ filters: endpointFilter(f.endpoints[5]), script_uid: f.scriptUid, parameters_values: { commands_list: ["echo walk"] }, timeout: 60 }),
  "scripts.run_snippet_code_script": (f) => ({ filters: endpointFilter(f.endpoints[5]), snippet_code: "print('walk')" }),
  "scripts.get_script_execution_status": (f) => ({ action_id: f.scriptActionId }),
  "scripts.get_script_execution_results": (f) => ({ action_id: f.scriptActionId }),
  "scripts.get_script_execution_results_files": (f) => ({ action_id: f.scriptActionId, endpoint_id: f.scriptEndpointId }),
  "xql.start_xql_query": () => ({ query: "dataset = alerts | limit 1" }),
  "xql.get_query_results": (f) => ({ query_id: f.queryId, limit: 5 }),
  "xql.get_query_results_stream": (f) => ({ stream_id: f.streamId }),
  "xql.add_dataset": () => ({ dataset_name: "walk_added", dataset_type: "lookup", dataset_schema: { name: "text" } }),
  "xql.lookups.add_data": (f) => ({ dataset_name: f.lookup, data: [{ name: "added" }] }),
  "xql.lookups.get_data": (f) => ({ dataset_name: f.lookup }),
  "xql.lookups.remove_data": (f) => ({ dataset_name: f.lookup, filters: [{ name: "nobody" }] }),
  "v2.xql.delete_dataset": (f) => ({ dataset_name: f.deletableLookup }),
  "indicators.insert": () => [
    { indicator: "walk-rule.example.com", type: "DOMAIN_NAME", severity: "SEV_020_LOW", expiration_date: -1, default_expiration_enabled: false, comment: "walk", reputation: "BAD", reliability: "A" },
  ],
  "indicators.insert_csv": () => "indicator,type,severity,comment\nwalk-csv.example.com,DOMAIN_NAME,HIGH,walk",
  "indicators.delete": () => ({ filters: [{ field: "indicator", operator: "EQ", value: "walk-nothing.example.com" }] }),
  "hash_exceptions.blocklist": () => ({ hash_list: [BLOCK_NEW] }),
  "hash_exceptions.allowlist": () => ({ hash_list: [ALLOW_NEW] }),
  "hash_exceptions.blocklist.remove": () => ({ hash_list: [BLOCKED] }),
  "hash_exceptions.allowlist.remove": () => ({ hash_list: [ALLOWED] }),
  "distributions.get_status": (f) => ({ distribution_id: f.distributionId }),
  "distributions.get_dist_url": (f) => ({ distribution_id: f.distributionId, package_type: "x64" }),
  "distributions.delete": (f) => ({ distribution_id: f.deletableDistributionId }),
  "rbac.get_roles": () => ({ role_names: ["Viewer"] }),
  "rbac.get_user_group": () => ({ group_names: ["SOC Analysts"] }),
  "rbac.set_user_role": (f) => ({ user_emails: [f.userEmail], role_name: "Investigator" }),
};

/** Requests of the Xpanse operations with state that name real records (seeded incident "1", alert "1"). */
const XPANSE_STATEFUL_REQUESTS: Readonly<Record<string, () => Record<string, unknown>>> = {
  "incidents.update_incident": () => ({ incident_id: "1", update_data: { status: "under_investigation" } }),
  "alerts.update_alerts": () => ({ alert_id_list: ["1"], update_data: { severity: "low" } }),
};

/** Requests of the Cortex Cloud operations with state that need real records or fields the schema leaves optional. */
const CLOUD_STATEFUL_REQUESTS: Readonly<Record<string, () => Record<string, unknown>>> = {
  "asset_groups.create": () => ({
    asset_group: { group_name: "walk group", group_type: "Dynamic", membership_predicate: { AND: [{ SEARCH_FIELD: "xdm.asset.provider", SEARCH_TYPE: "EQ", SEARCH_VALUE: "AWS" }] } },
  }),
  "issue.post_by_id": () => ({ update_data: { severity: "LOW" } }),
};

/** Path parameters that must name real records (the others are "1"). */
const STATEFUL_PATH_PARAMS: Readonly<Record<string, (product: Deployment) => Record<string, string>>> = {
  "issue.post_by_id": () => ({ "issue-id": cloudIssueId }),
  "xsoar.lists.download.get_by_name": () => ({ name: "walk_list" }),
};

function stateful(entry: OperationEntry, key: BootstrapKey): unknown {
  const xdr = xdrFixtures.get(key.product);
  const xdrRequest = XDR_STATEFUL_REQUESTS[entry.id];
  if (xdr !== undefined && xdrRequest !== undefined) return xdrRequest(xdr);
  const xpanseRequest = XPANSE_STATEFUL_REQUESTS[entry.id];
  if (key.product === "xpanse" && xpanseRequest !== undefined) return xpanseRequest();
  const cloudRequest = CLOUD_STATEFUL_REQUESTS[entry.id];
  if (key.product === "cloud" && cloudRequest !== undefined) return cloudRequest();
  const xsoar = seeded.get(key.product);
  if (xsoar !== undefined) {
    switch (entry.id) {
      case "xsoar.incident":
        return { name: "walk incident" };
      case "xsoar.incident.batch":
      case "xsoar.incident.batch_close":
        return { ids: [xsoar.incidentId] };
      case "xsoar.incident.batch_delete":
        return { ids: [xsoar.deletableIncidentId] };
      case "xsoar.entry":
      case "xsoar.entry.formatted":
        return { investigationId: xsoar.incidentId, ...(entry.id === "xsoar.entry" ? { data: "walk note" } : { contents: "walk note" }) };
      case "xsoar.indicator.create":
        return { indicator: { value: "198.51.100.7", indicator_type: "IP" } };
      case "xsoar.indicator.edit":
        return { id: xsoar.indicatorId, version: -1 };
      case "xsoar.lists.save":
        return { name: "walk_saved", data: "walk" };
      case "xsoar.lists.delete":
        return { id: "walk_deletable" };
    }
  }
  const testName = vulnerabilityTests.get(key.product);
  if (entry.id === "assets.bulk_update_vulnerability_tests" && testName !== undefined) return { test_names: [testName] };
  switch (entry.id) {
    case "api_keys.generate":
      return { roles: ["Viewer"], security_level: "advanced" };
    case "api_keys.delete":
      return { filters: [{ field: "id", operator: "in", value: [987_654_321] }] };
    case "platform.iam.api_key.put_by_id":
      return { roles: ["instance_administrator"], security_level: key.securityLevel };
    case "platform.iam.scope.by_entity_type.put_by_entity_id":
      return {};
    default:
      return undefined;
  }
}

function pathOf(entry: OperationEntry, product: Deployment, key: BootstrapKey): string {
  const base = product === "xsoar6" ? entry.path : pathFor(entry, 8);
  const real = STATEFUL_PATH_PARAMS[entry.id]?.(product) ?? {};
  return base.replace(/\{([^}]+)\}/g, (_match, name: string) => {
    const value = real[name];
    if (value !== undefined) return value;
    if (name === "api_key_id" || name === "entity_id") return key.keyId;
    if (name === "entity_type") return "api-key";
    return "1";
  });
}

function bodyOf(entry: OperationEntry, key: BootstrapKey, full: boolean): unknown {
  if (entry.requestEnvelope === "none" || entry.requestContentType === "multipart") return undefined;
  const schema = requestJsonSchema(entry.id);
  const built = schema === undefined ? {} : valid(schema, "", full);
  const fixup = stateful(entry, key);
  const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === "object" && !Array.isArray(value);
  const content = fixup === undefined ? built : isObject(built) && isObject(fixup) ? { ...built, ...fixup } : fixup;
  return entry.requestEnvelope === "bare" ? content : { request_data: content };
}

function unwrap(entry: OperationEntry, body: unknown): unknown {
  if (entry.replyEnvelope === "reply") return (body as { reply?: unknown } | undefined)?.reply;
  if (entry.replyEnvelope === "data") return (body as { data?: unknown } | undefined)?.data;
  return body;
}

const keyFor = (product: Deployment): BootstrapKey => {
  const key = emulator.bootstrapKeys.find((candidate) => candidate.product === product);
  if (key === undefined) throw new Error(`no ${product} tenant`);
  return key;
};


async function pool<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const item = items[next++] as T;
        await work(item);
      }
    }),
  );
}

/** `reply` of a 2xx answer; fails the setup otherwise. */
async function replyOf<T>(key: BootstrapKey, path: string, requestData: unknown): Promise<T> {
  const answer = await send(key, "POST", path, { request_data: requestData });
  if (answer.status < 200 || answer.status > 299) throw new Error(`setup: ${path} answered ${answer.status}: ${answer.text.slice(0, 300)}`);
  return (answer.body as { reply: T }).reply;
}

/** Reads and creates the records the XDR / XSIAM requests above name. */
async function xdrFixturesOf(key: BootstrapKey): Promise<XdrFixtures> {
  const endpointReply = await replyOf<{ endpoints: { endpoint_id: string }[] }>(key, "/public_api/v1/endpoints/get_endpoint", {
    filters: [{ field: "endpoint_status", operator: "in", value: ["connected"] }],
    sort: { field: "endpoint_id", keyword: "asc" },
    search_to: 8,
  });
  const endpoints = endpointReply.endpoints.map((endpoint) => endpoint.endpoint_id);
  if (endpoints.length < 8) throw new Error(`setup: ${key.product} has ${endpoints.length} connected endpoints, need 8`);
  const alerts = await replyOf<{ alerts: { alert_id: string }[] }>(key, "/public_api/v1/alerts/get_alerts", { search_to: 1 });
  // The script library is not simulated (get_scripts is generic): run the emulator's built-in script.
  const scriptUid = BUILT_IN_SCRIPTS[0]?.uid;
  if (scriptUid === undefined) throw new Error("setup: no built-in script");
  const script = await replyOf<{ action_id: number }>(key, "/public_api/v1/scripts/run_script", { filters: endpointFilter(endpoints[6]), script_uid: scriptUid, parameters_values: {} });
  // Actions run for ACTION_MS; the clock then moves past them so they are finished (the unisolate target is isolated).
  const isolate = await replyOf<{ action_id: string }>(key, "/public_api/v1/endpoints/isolate", { endpoint_id: endpoints[1] });
  const retrieval = await replyOf<{ action_id: string }>(key, "/public_api/v1/endpoints/file_retrieval", { filters: endpointFilter(endpoints[7]), files: { windows: ["C:\\walk.txt"] } });
  // More rows than are answered inline: the results come as a stream.
  const started = await replyOf<string>(key, "/public_api/v1/xql/start_xql_query", { query: "dataset = alerts" });
  const results = await replyOf<{ status: string; results: { stream_id?: string } }>(key, "/public_api/v1/xql/get_query_results", { query_id: started, pending_flag: false });
  const streamId = results.results.stream_id;
  if (streamId === undefined) throw new Error(`setup: no stream (${JSON.stringify(results).slice(0, 200)})`);
  for (const name of ["walk_lookup", "walk_deletable"]) {
    await replyOf(key, "/public_api/v1/xql/add_dataset", { dataset_name: name, dataset_type: "lookup", dataset_schema: { name: "text" } });
  }
  await replyOf(key, "/public_api/v1/xql/lookups/add_data", { dataset_name: "walk_lookup", data: [{ name: "seeded" }] });
  await replyOf(key, "/public_api/v1/hash_exceptions/blocklist", { hash_list: [BLOCKED] });
  await replyOf(key, "/public_api/v1/hash_exceptions/allowlist", { hash_list: [ALLOWED] });
  const distribution = await replyOf<{ distribution_id: string }>(key, "/public_api/v1/distributions/create", { name: "walk", package_type: "upgrade" });
  const deletable = await replyOf<{ distribution_id: string }>(key, "/public_api/v1/distributions/create", { name: "walk deletion", package_type: "upgrade" });
  const users = await replyOf<{ user_email: string }[]>(key, "/public_api/v1/rbac/get_users", {});
  const userEmail = users[1]?.user_email;
  if (userEmail === undefined) throw new Error("setup: rbac/get_users answered fewer than 2 users");
  return {
    userEmail,
    distributionId: distribution.distribution_id,
    deletableDistributionId: deletable.distribution_id,
    incidentId: "1",
    alertId: String(alerts.alerts[0]?.alert_id),
    endpoints,
    scriptUid,
    scriptActionId: script.action_id,
    scriptEndpointId: endpoints[6] as string,
    isolateActionId: isolate.action_id,
    retrievalActionId: retrieval.action_id,
    queryId: started,
    streamId,
    lookup: "walk_lookup",
    deletableLookup: "walk_deletable",
  };
}

/** How long a response action runs in the walk (it covers the walk, so a scan started before it can be aborted). */
const ACTION_MS = 10 * 60_000;

beforeAll(async () => {
  emulator = await startEmulator({
    rateLimits: { perSecond: null },
    now: emulatorNow,
    // Queries finish at once; enough alerts that "dataset = alerts" is answered as a stream.
    xdrState: { actionTiming: { pendingMs: 0, inProgressMs: ACTION_MS }, xqlRunMs: 0, alerts: 1_500 },
  });
  for (const product of ["xdr", "xsiam"] as const) xdrFixtures.set(product, await xdrFixturesOf(keyFor(product)));
  // The actions above finish; scans started now are still running during the walk (abort_scan needs one).
  skew += ACTION_MS + 1000;
  for (const product of ["xdr", "xsiam"] as const) {
    const fixtures = xdrFixtures.get(product);
    await replyOf(keyFor(product), "/public_api/v1/endpoints/scan", { filters: endpointFilter(fixtures?.endpoints[2]) });
  }
  const issues = await replyOf<{ issues: { id: number }[] }>(keyFor("cloud"), "/public_api/v1/issue/search", { search_to: 1 });
  cloudIssueId = String(issues.issues[0]?.id ?? 1);
  for (const product of ["xpanse", "cloud"] as const) {
    const answer = await send(keyFor(product), "POST", "/public_api/v1/assets/get_vulnerability_tests", { request_data: {} });
    const name = (answer.body as { reply?: { vulnerability_tests?: { name?: unknown }[] } } | undefined)?.reply?.vulnerability_tests?.[0]?.name;
    if (typeof name === "string") vulnerabilityTests.set(product, name);
  }
  for (const product of ["xsoar6", "xsoar8"] as const) {
    const key = keyFor(product);
    const prefix = product === "xsoar8" ? "/xsoar/public/v1" : "";
    const incident = async (name: string): Promise<string> => {
      const answer = await send(key, "POST", `${prefix}/incident`, { name, createInvestigation: true });
      const id = (answer.body as { id?: unknown } | undefined)?.id;
      return typeof id === "string" ? id : "1";
    };
    for (const name of ["walk_list", "walk_deletable"]) await send(key, "POST", `${prefix}/lists/save`, { name, data: "walk" });
    const indicator = await send(key, "POST", `${prefix}/indicator/create`, { indicator: { value: "203.0.113.9", indicator_type: "IP" } });
    const indicatorId = (indicator.body as { id?: unknown } | undefined)?.id;
    seeded.set(product, { incidentId: await incident("walk target"), deletableIncidentId: await incident("walk deletion"), indicatorId: typeof indicatorId === "string" ? indicatorId : "1" });
  }
});

afterAll(async () => {
  await emulator.close();
  agent.destroy();
});

describe("every operation of the table", () => {
  it("answers a valid request with a 2xx whose reply passes the response validator, on every tenant that serves it", async () => {
    const calls = operations.flatMap((entry) => DEPLOYMENTS.filter((product) => productServes(product, entry)).map((product) => ({ entry, product })));
    const covered = new Set(calls.map((call) => call.entry.id));
    expect(operations.filter((entry) => !covered.has(entry.id)).map((entry) => entry.id)).toEqual([]);
    expect(operations.length).toBeGreaterThanOrEqual(456);

    const failures: string[] = [];
    await pool(calls, 8, async ({ entry, product }) => {
      const key = keyFor(product);
      const path = pathOf(entry, product, key);
      let answer = await send(key, entry.method, path, bodyOf(entry, key, false));
      // Handlers with state may need fields the schema leaves optional: try again with every top-level field.
      if (answer.status >= 400 && answer.status < 500) answer = await send(key, entry.method, path, bodyOf(entry, key, true));
      const where = `${entry.id} on ${product} (${entry.method} ${path})`;
      if (answer.status < 200 || answer.status > 299) {
        failures.push(`${where}: HTTP ${answer.status} ${answer.text.slice(0, 200)}`);
        return;
      }
      if (entry.replyEnvelope === "empty") {
        if (answer.text !== "") failures.push(`${where}: expected no body`);
        return;
      }
      if (entry.replyKind === "binary") return;
      const validator = responseValidator(entry.id);
      if (validator === undefined) return;
      const result = await validator["~standard"].validate(unwrap(entry, answer.body));
      if (result.issues !== undefined) {
        failures.push(`${where}: reply fails its validator: ${JSON.stringify(result.issues.slice(0, 2))}`);
      }
    });
    expect(failures).toEqual([]);
  }, 60_000);

  it("answers the same request with the same body (seeded), and a tenant's seed changes it", async () => {
    const body = { request_data: {} };
    const first = await send(keyFor("xdr"), "POST", "/public_api/v1/alerts/get_alerts", body);
    const second = await send(keyFor("xdr"), "POST", "/public_api/v1/alerts/get_alerts", body);
    const other = await send(keyFor("xsiam"), "POST", "/public_api/v1/alerts/get_alerts", body);
    expect(first.status).toBe(200);
    expect(second.text).toBe(first.text);
    expect(other.text).not.toBe(first.text);
  });

  it("serves pages of a paged list: at most the page size, one total, distinct ids across pages", async () => {
    const page = async (from: number, to: number): Promise<{ total_count: number; result_count: number; alerts: { alert_id: unknown }[] }> => {
      const answer = await send(keyFor("xdr"), "POST", "/public_api/v1/alerts/get_alerts", { request_data: { search_from: from, search_to: to } });
      expect(answer.status).toBe(200);
      return (answer.body as { reply: { total_count: number; result_count: number; alerts: { alert_id: unknown }[] } }).reply;
    };
    const first = await page(0, 2);
    expect(first.alerts).toHaveLength(2);
    expect(first.result_count).toBe(2);
    const rest = await page(2, 100);
    expect(rest.total_count).toBe(first.total_count);
    // The walk's tenants hold 1 500 alerts (xdrState.alerts): the second page is full.
    const seen = Math.min(first.total_count, 100);
    expect(rest.alerts).toHaveLength(seen - 2);
    const ids = [...first.alerts, ...rest.alerts].map((alert) => alert.alert_id);
    expect(new Set(ids).size).toBe(seen);
    expect((await page(first.total_count, first.total_count + 5)).alerts).toEqual([]);
  });
});

describe("request validation", () => {
  const alerts = "/public_api/v1/alerts/get_alerts";

  it("rejects an unknown field name, naming it", async () => {
    const answer = await send(keyFor("xdr"), "POST", alerts, { request_data: { filterz: [] } });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual(invalidInput("filterz: Extra inputs are not permitted"));
  });

  it("rejects an undocumented filter field and operator, naming them", async () => {
    const field = await send(keyFor("xdr"), "POST", alerts, { request_data: { filters: [{ field: "colour", operator: "in", value: ["x"] }] } });
    expect(field.status).toBe(400);
    expect(field.body).toEqual(invalidInput("Unsupported field 'colour'"));
    const operator = await send(keyFor("xdr"), "POST", alerts, { request_data: { filters: [{ field: "severity", operator: "like", value: ["high"] }] } });
    expect(operator.status).toBe(400);
    expect((operator.body as { reply: { err_msg: string; err_extra: string } }).reply.err_msg).toBe("Got an invalid input while processing XDR public API");
    expect((operator.body as { reply: { err_extra: string } }).reply.err_extra).toBe("Unsupported operator 'like' for field severity");
  });

  it("rejects an oversize page and a negative search_from with the vendor's messages", async () => {
    const oversize = await send(keyFor("xsiam"), "POST", alerts, { request_data: { search_from: 0, search_to: 101 } });
    expect(oversize.status).toBe(400);
    expect(oversize.body).toEqual(invalidInput("Search size must fulfill the requirement: 0 < search_size <= 100"));
    const negative = await send(keyFor("xsiam"), "POST", alerts, { request_data: { search_from: -1, search_to: 10 } });
    expect(negative.body).toEqual(invalidInput("search_from: Input should be greater than or equal to 0"));
  });

  it("validates operations with specific handlers too (before the handler runs)", async () => {
    const answer = await send(keyFor("xdr"), "POST", "/public_api/v1/incidents/get_incidents", { request_data: { search_from: 0, search_to: 500 } });
    expect(answer.body).toEqual(invalidInput("Search size must fulfill the requirement: 0 < search_size <= 100"));
  });

  it("answers XSOAR routes with XSOAR's error body", async () => {
    const answer = await send(keyFor("xsoar6"), "POST", "/incidents/search", { filter: { pagez: 1 } });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ id: "bad_request", status: 400, detail: "filter.pagez: Extra inputs are not permitted" });
  });
});

describe("permissions and products", () => {
  it("gives a Viewer key the 403 envelope on a write and answers its reads", async () => {
    const admin = keyFor("xdr");
    const generated = await send(admin, "POST", "/public_api/v1/api_keys/generate", { request_data: { roles: ["Viewer"], security_level: "advanced" } });
    expect(generated.status).toBe(200);
    const { id, key } = (generated.body as { reply: { id: number; key: string } }).reply;
    const viewer = { keyId: String(id), key, authScheme: "cortex" as const };
    const write = await send(viewer, "POST", "/public_api/v1/endpoints/isolate", { request_data: { endpoint_id: "e1" } });
    expect(write.status).toBe(403);
    expect(write.body).toEqual(FORBIDDEN);
    const read = await send(viewer, "POST", "/public_api/v1/alerts/get_alerts", { request_data: {} });
    expect(read.status).toBe(200);
  });

  it("answers an operation the product does not serve as an unknown route", async () => {
    const xsiamOnly = operations.find(
      (entry) => entry.method === "POST" && entry.path.startsWith("/public_api/v1/") && !entry.path.includes("{") && productServes("xsiam", entry) && !productServes("xdr", entry),
    );
    expect(xsiamOnly).toBeDefined();
    const answer = await send(keyFor("xdr"), "POST", xsiamOnly?.path ?? "/", { request_data: {} });
    expect(answer.status).toBe(500);
    expect(answer.body).toEqual({ reply: { err_code: 500, err_msg: "An error occurred while processing XDR public API", err_extra: null } });
  });

  it("turns the generic layer off with genericResponder: null", async () => {
    const bare = await startRaw({ genericResponder: null, rateLimits: { perSecond: null } });
    try {
      const [admin] = bare.bootstrapKeys;
      if (admin === undefined) throw new Error("no key");
      // An XDR operation no specific handler answers: with the generic layer off it is an unknown route.
      const handled = new Set(OPERATIONS.map((operation) => `${operation.method} ${operation.path}`));
      const generic = operations.find((entry) => entry.method === "POST" && !entry.path.includes("{") && productServes("xdr", entry) && !handled.has(`POST ${entry.path}`));
      expect(generic).toBeDefined();
      const response = await fetch(`${bare.url}${generic?.path ?? "/"}`, {
        method: "POST",
        headers: { ...advancedHeaders(admin), "Content-Type": "application/json" },
        body: "{}",
      });
      expect(response.status).toBe(500);
    } finally {
      await bare.close();
    }
  });
});

describe("per-operation rate limits from the table", () => {
  const keys = (limits: readonly { method: string; path: string }[]): string[] => limits.map((limit) => `${limit.method} ${limit.path}`);

  it("adds the table's documented limits once, next to the defaults, for the products that serve them", () => {
    const [xdr, , xsoar6] = resolveOptions({}).tenants;
    const xdrKeys = keys(xdr?.rate.operations ?? []);
    expect(xdrKeys).toContain("POST /public_api/v1/incidents/get_incident_extra_data");
    expect(xdrKeys).toContain("POST /public_api/v1/alerts/insert_parsed_alerts");
    expect(new Set(xdrKeys).size).toBe(xdrKeys.length);
    expect(xdr?.rate.operations.find((limit) => limit.path.endsWith("get_incident_extra_data"))).toMatchObject({ limit: 10, windowMs: 60_000 });
    // XSOAR 6 serves none of the table's rate-limited operations: it keeps only the defaults.
    expect(xsoar6?.rate.operations).toEqual(DEFAULT_OPERATION_LIMITS);
  });

  it("leaves a list the user gave alone", () => {
    const mine = [{ method: "POST", path: "/public_api/v1/alerts/get_alerts", limit: 1, windowMs: 1000 }];
    const [xdr] = resolveOptions({ rateLimits: { operations: mine } }).tenants;
    expect(xdr?.rate.operations).toEqual(mine);
  });
});
