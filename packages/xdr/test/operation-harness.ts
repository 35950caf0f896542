// One test per operation of a client's table: call the client METHOD with a request built from the
// required fields of the operation's request schema, against the emulator over loopback, and check the
// reply with the operation's reply validator. Operations the emulator does not serve yet (an unknown
// route, 404 "No such API", or 405) are skipped and listed, so the suite follows the emulator as it grows.
import type { OperationEntry } from "@cortex-sdk/schemas";
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
 */
export async function callOperation(client: object, methods: Readonly<Record<string, readonly [string, string]>>, entry: OperationEntry): Promise<OperationOutcome> {
  const place = methods[entry.id];
  if (place === undefined) return { kind: "error", error: new Error(`${entry.id} has no method`) };
  const namespace = (client as Record<string, Record<string, unknown>>)[place[0]];
  const method = namespace?.[place[1]];
  if (typeof method !== "function") return { kind: "error", error: new Error(`client.${place[0]}.${place[1]} is not a function`) };
  const request = requestFor(entry);
  let reply: unknown;
  try {
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
