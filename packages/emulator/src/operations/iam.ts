/**
 * Platform IAM routes for keys (reference xdr-xsiam-api §2.3,
 * xsoar-xpanse-cloud-api §4.7–4.8): read and edit one key, and read and set a
 * key's SBAC scope. IAM answers carry no `reply` wrapper (`{"data": ...}`),
 * and its 400 bodies have their own shape (`unknowns.iamErrorShape`).
 */
import { ApiError } from "../envelopes.js";
import type { ApiKeyRecord } from "../keys.js";
import { isJsonObject, type JsonObject } from "../query.js";
import type { Operation, OperationContext } from "../router.js";
import { UNRESTRICTED_SCOPE, type ApiKeyScope, type ScopeMode, type ScopeTag, type TagScope } from "../scope.js";
import type { EmulatorState } from "../state.js";
import { CASE_DOMAINS, type Tenant } from "../tenant.js";
import { commentProblem, keyView } from "./api-keys.js";
import { EMULATOR_V1, IAM_V1 } from "./paths.js";
import { servedBy } from "./served.js";


/** An IAM 400 in the configured shape. */
export function iamError(state: EmulatorState, errExtra: string): ApiError {
  const body =
    state.unknowns.iamErrorShape === "flat"
      ? { err_extra: errExtra, err_code: 400 }
      : { data: { err_msg: "Bad Request", metadata: { err_code: 400, err_extra: errExtra } } };
  return new ApiError(400, "Bad Request", errExtra, { body });
}

function keyOf(context: OperationContext, param: string | undefined): ApiKeyRecord {
  const text = param ?? "";
  if (!/^[0-9]{1,15}$/.test(text)) throw iamError(context.state, "Invalid api_key_id");
  const id = Number(text);
  const key = context.tenant.keys.get(id);
  if (key === undefined) throw iamError(context.state, `Api Key fetch failed: api_key_id does not exist, id=${id}.`);
  return key;
}

function requestDataOf(context: OperationContext): JsonObject {
  const data = isJsonObject(context.body) ? context.body["request_data"] : undefined;
  if (!isJsonObject(data)) throw iamError(context.state, "request_data: Input should be a valid dictionary");
  return data;
}

/** `GET /platform/iam/v1/api-key/{api_key_id}` → `{"data": key}` (no secret). */
export const iamGetApiKey: Operation = {
  id: "platform.iam.api_key.get_by_id",
  method: "GET",
  surface: "cortex",
  path: `${IAM_V1}/api-key/{api_key_id}`,
  permission: "access_management:view",
  products: servedBy("platform.iam.api_key.get_by_id", "iam"),
  handle: (context) => ({ body: { data: keyView(keyOf(context, context.request.pathParams["api_key_id"])) } }),
};

function rolesFromIds(context: OperationContext, tenant: Tenant, value: unknown): string[] {
  if (value === undefined || value === null) throw iamError(context.state, "roles: Field required");
  if (!Array.isArray(value) || value.length === 0) throw iamError(context.state, "roles: at least one role id is required");
  return [
    ...new Set(
      value.map((id: unknown) => {
        const name = typeof id === "string" ? tenant.roleIds.get(id) : undefined;
        if (name === undefined) throw iamError(context.state, `Invalid role id: ${JSON.stringify(id)}`);
        return name;
      }),
    ),
  ];
}

function editKey(context: OperationContext): { body: unknown } {
  const key = keyOf(context, context.request.pathParams["api_key_id"]);
  const data = requestDataOf(context);
  const roles = rolesFromIds(context, context.tenant, data["roles"]);
  const level = data["security_level"];
  if (level !== "standard" && level !== "advanced") {
    throw iamError(context.state, "security_level: Input should be 'standard' or 'advanced'");
  }
  if (level !== key.securityLevel && context.state.unknowns.keyEditSecurityLevel === "reject") {
    throw iamError(context.state, "security_level: a key's security level cannot be changed");
  }
  const comment = data["comment"];
  const problem = commentProblem(comment);
  if (problem !== undefined) throw iamError(context.state, problem);
  context.state.keys.update({
    ...key,
    roles,
    securityLevel: level,
    comment: comment === undefined ? key.comment : typeof comment === "string" ? comment : null,
  });
  return { body: { data: { message: "API key updated successfully" } } };
}

/** `PUT /platform/iam/v1/api-key/{api_key_id}`: replaces roles (by role id) and comment. */
export const iamEditApiKey: Operation = {
  id: "platform.iam.api_key.put_by_id",
  method: "PUT",
  surface: "cortex",
  path: `${IAM_V1}/api-key/{api_key_id}`,
  permission: "access_management:action",
  products: servedBy("platform.iam.api_key.put_by_id", "iam"),
  mutates: true,
  handle: editKey,
};

/** `GET /platform/iam/v1/scope/api-key/{entity_id}` → `{"data": scope}` (everything visible when none is set). */
export const iamGetKeyScope: Operation = {
  id: "platform.iam.scope.by_entity_type.get_by_entity_id",
  method: "GET",
  surface: "cortex",
  path: `${IAM_V1}/scope/api-key/{entity_id}`,
  permission: "access_management:view",
  products: servedBy("platform.iam.scope.by_entity_type.get_by_entity_id"),
  handle: (context) => ({ body: { data: keyOf(context, context.request.pathParams["entity_id"]).scope ?? UNRESTRICTED_SCOPE } }),
};

const MODES: readonly ScopeMode[] = ["no_scope", "see_all", "scope", "any"];

function readMode(context: OperationContext, value: unknown, where: string, allowAny: boolean): ScopeMode {
  const mode = MODES.find((candidate) => candidate === value);
  if (mode === undefined || (mode === "any" && !allowAny)) {
    throw iamError(context.state, `${where}.mode: Input should be one of ${MODES.filter((m) => allowAny || m !== "any").join(", ")}`);
  }
  return mode;
}

function readNames(context: OperationContext, value: unknown, where: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((name) => typeof name === "string")) {
    throw iamError(context.state, `${where}.names: Input should be a valid list of strings`);
  }
  return value as string[];
}

function readTagScope(context: OperationContext, value: unknown, where: string, prefix: string, allowAny: boolean, current: TagScope): TagScope {
  if (value === undefined) return current;
  if (!isJsonObject(value)) throw iamError(context.state, `${where}: Input should be a valid dictionary`);
  const mode = readMode(context, value["mode"], where, allowAny);
  const tags: ScopeTag[] = readNames(context, value["names"], where).map((name) => ({
    tag_id: context.tenant.tagId(prefix, name),
    tag_name: name,
  }));
  return { mode, tags: mode === "scope" ? tags : [] };
}

const SCOPE_DIMENSIONS = ["endpoints", "cases_issues", "assets", "datasets_rows"] as const;
const ENDPOINT_SCOPES = ["endpoint_groups", "endpoint_tags"] as const;

/** Refuses scope names the console does not have, instead of storing them silently. */
function refuseUnknownNames(context: OperationContext, data: JsonObject): void {
  for (const name of Object.keys(data)) {
    if (!(SCOPE_DIMENSIONS as readonly string[]).includes(name)) {
      throw iamError(context.state, `Unknown scope '${name}'; scopes are ${SCOPE_DIMENSIONS.join(", ")}`);
    }
  }
  const endpoints = data["endpoints"];
  if (isJsonObject(endpoints)) {
    for (const name of Object.keys(endpoints)) {
      if (!(ENDPOINT_SCOPES as readonly string[]).includes(name)) throw iamError(context.state, `Unknown endpoints scope '${name}'; endpoint scopes are ${ENDPOINT_SCOPES.join(", ")}`);
    }
  }
  const cases = data["cases_issues"];
  if (isJsonObject(cases) && Array.isArray(cases["names"])) {
    for (const name of cases["names"]) {
      if (typeof name === "string" && !(CASE_DOMAINS as readonly string[]).includes(name)) {
        throw iamError(context.state, `cases_issues.names: unknown domain '${name}'; domains are ${CASE_DOMAINS.join(", ")}`);
      }
    }
  }
}

function setScope(context: OperationContext): { body: unknown } {
  const key = keyOf(context, context.request.pathParams["entity_id"]);
  const data = requestDataOf(context);
  refuseUnknownNames(context, data);
  const current = key.scope ?? UNRESTRICTED_SCOPE;
  let endpoints = current.endpoints;
  if (data["endpoints"] !== undefined) {
    const given = data["endpoints"];
    if (!isJsonObject(given)) throw iamError(context.state, "endpoints: Input should be a valid dictionary");
    endpoints = {
      endpoint_groups: readTagScope(context, given["endpoint_groups"], "endpoints.endpoint_groups", "EG", true, current.endpoints.endpoint_groups),
      endpoint_tags: readTagScope(context, given["endpoint_tags"], "endpoints.endpoint_tags", "ET", true, current.endpoints.endpoint_tags),
    };
  }
  const casesIssues = readTagScope(context, data["cases_issues"], "cases_issues", "DOM", false, current.cases_issues);
  let assets = current.assets;
  if (data["assets"] !== undefined) {
    const given = data["assets"];
    if (!isJsonObject(given)) throw iamError(context.state, "assets: Input should be a valid dictionary");
    const mode = readMode(context, given["mode"], "assets", false);
    const ids = given["asset_group_ids"] ?? [];
    if (!Array.isArray(ids) || !ids.every((id) => typeof id === "number" && Number.isSafeInteger(id))) {
      throw iamError(context.state, "assets.asset_group_ids: Input should be a valid list of integers");
    }
    assets = {
      mode,
      asset_groups: mode === "scope" ? (ids as number[]).map((id) => ({ asset_group_id: id, asset_group_name: `Asset group ${id}` })) : [],
    };
  }
  let datasetsRows = current.datasets_rows;
  if (data["datasets_rows"] !== undefined) {
    const given = data["datasets_rows"];
    if (!isJsonObject(given)) throw iamError(context.state, "datasets_rows: Input should be a valid dictionary");
    const mode = given["default_filter_mode"] ?? "see_all";
    if (mode !== "no_scope" && mode !== "see_all") {
      throw iamError(context.state, "datasets_rows.default_filter_mode: Input should be no_scope or see_all");
    }
    const filters = given["filters"] ?? [];
    if (
      !Array.isArray(filters) ||
      !filters.every((entry) => isJsonObject(entry) && typeof entry["dataset"] === "string" && typeof entry["filter"] === "string")
    ) {
      throw iamError(context.state, "datasets_rows.filters: each entry needs 'dataset' and 'filter' strings");
    }
    datasetsRows = {
      default_filter_mode: mode,
      filters: (filters as JsonObject[]).map((entry) => ({ dataset: String(entry["dataset"]), filter: String(entry["filter"]) })),
    };
  }
  const scope: ApiKeyScope = { assets, datasets_rows: datasetsRows, endpoints, cases_issues: casesIssues };
  context.state.keys.update({ ...key, scope });
  return { body: { data: { message: `Scope updated for api-key ${key.id} successfully` } } };
}

/** `PUT /platform/iam/v1/scope/api-key/{entity_id}`: sets a key's SBAC scope (fields not sent keep their value). */
export const iamSetKeyScope: Operation = {
  id: "platform.iam.scope.by_entity_type.put_by_entity_id",
  method: "PUT",
  surface: "cortex",
  path: `${IAM_V1}/scope/api-key/{entity_id}`,
  permission: "access_management:action",
  products: servedBy("platform.iam.scope.by_entity_type.put_by_entity_id"),
  mutates: true,
  handle: setScope,
};

/** What the scope switch routes answer: `{"data": {"enforced": boolean}}`. */
function switchState(tenant: Tenant): { body: unknown } {
  return { body: { data: { enforced: tenant.scopeEnforcement } } };
}

/**
 * `GET /_emulator/v1/scope-enforcement` → `{"data": {"enforced"}}`: the tenant's scope-based access switch.
 * Emulator only: the console has the switch, the vendor documents no API for it.
 */
export const emulatorGetScopeEnforcement: Operation = {
  id: "emulator.scope_enforcement.get",
  method: "GET",
  surface: "cortex",
  path: `${EMULATOR_V1}/scope-enforcement`,
  permission: "access_management:view",
  products: servedBy("emulator.scope_enforcement.get", "iam"),
  handle: (context) => switchState(context.tenant),
};

/**
 * `PUT /_emulator/v1/scope-enforcement` `{"request_data": {"enforced": boolean}}`: turns the switch on or off
 * (off: scopes are stored and served but not enforced). Emulator only, like its GET.
 */
export const emulatorSetScopeEnforcement: Operation = {
  id: "emulator.scope_enforcement.set",
  method: "PUT",
  surface: "cortex",
  path: `${EMULATOR_V1}/scope-enforcement`,
  permission: "access_management:action",
  products: servedBy("emulator.scope_enforcement.set", "iam"),
  handle: (context) => {
    const enforced = requestDataOf(context)["enforced"];
    if (typeof enforced !== "boolean") throw iamError(context.state, "enforced: Input should be a valid boolean");
    context.tenant.scopeEnforcement = enforced;
    return switchState(context.tenant);
  },
};
