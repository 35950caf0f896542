/**
 * Scope-based access control for API keys (XSIAM and Cortex Cloud): the scope a key may see, checked
 * before it is sent (unknown scope names and modes are refused with a typed error), and the tenant's switch
 * that decides whether scopes are enforced at all.
 *
 * The switch is a console setting: the vendor documents no API for it. The emulator serves it at
 * `/_emulator/v1/scope-enforcement` so tests can turn it on; {@link EMULATOR_SCOPE_OPERATIONS} are those
 * emulator-only routes, and a real tenant's answer to them becomes a clear error.
 *
 * @module
 */
import { CortexConfigError, CortexInvalidRequestError, isCortexError, type CortexClient } from "@cortex-sdk/core";
import type { OperationEntry } from "@cortex-sdk/schemas-base";
import { RESPONSE_ACTION_OPERATIONS } from "../response-actions/wait.js";
import type { ShapedClient } from "../shared/types.js";

/** How a key sees one domain: nothing, everything, or only the names or ids listed. */
export type ApiKeyScopeMode = "no_scope" | "see_all" | "scope";

/** A tag-based scope: a mode, and the names for mode `scope`. */
export interface ApiKeyTagScope<Mode extends string = ApiKeyScopeMode> {
  /** `no_scope`, `see_all`, `scope` (only `names`); endpoint scopes also take `any` (anything tagged). */
  readonly mode: Mode;
  /** Names the key may see, for mode `scope`. */
  readonly names?: readonly string[];
}

/**
 * An API key's scope as `setScope` takes it: per domain, what the key may see. Domains left out keep their
 * current scope.
 */
export interface ApiKeyScope {
  /** Endpoint groups and endpoint tags (mode `any`: anything that has one). */
  readonly endpoints?: {
    readonly endpoint_groups?: ApiKeyTagScope<ApiKeyScopeMode | "any">;
    readonly endpoint_tags?: ApiKeyTagScope<ApiKeyScopeMode | "any">;
  };
  /** Case and issue domains, by name (e.g. `Security`, `Health`). */
  readonly cases_issues?: ApiKeyTagScope;
  /** Asset groups, by id. */
  readonly assets?: { readonly mode: ApiKeyScopeMode; readonly asset_group_ids?: readonly number[] };
  /** Dataset row filters (only when the tenant has dataset scoping). */
  readonly datasets_rows?: {
    readonly default_filter_mode?: "no_scope" | "see_all";
    readonly filters?: readonly { readonly dataset: string; readonly filter: string }[];
  };
}

/** The scope domains a key has. */
export const API_KEY_SCOPE_DOMAINS = ["endpoints", "cases_issues", "assets", "datasets_rows"] as const;
const ENDPOINT_SCOPES = ["endpoint_groups", "endpoint_tags"] as const;
const MODES: readonly string[] = ["no_scope", "see_all", "scope"];

function refuse(message: string, field: string): never {
  throw new CortexInvalidRequestError(`setScope: ${message}`, field, { operationId: "platform.iam.scope.by_entity_type.put_by_entity_id" });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function checkKeys(value: Record<string, unknown>, allowed: readonly string[], where: string, what: string): void {
  for (const name of Object.keys(value)) {
    if (!allowed.includes(name)) refuse(`unknown ${what} "${name}"${where === "" ? "" : ` in ${where}`}; the ${what}s are ${allowed.join(", ")}.`, where === "" ? name : `${where}.${name}`);
  }
}

function checkTagScope(value: unknown, where: string, allowAny: boolean): void {
  if (!isObject(value)) refuse(`${where} must be an object: { mode, names? }.`, where);
  checkKeys(value, ["mode", "names"], where, "field");
  const modes = allowAny ? [...MODES, "any"] : MODES;
  if (typeof value["mode"] !== "string" || !modes.includes(value["mode"])) refuse(`${where}.mode must be one of ${modes.join(", ")}; got ${JSON.stringify(value["mode"])}.`, `${where}.mode`);
  const names = value["names"];
  if (names !== undefined && (!Array.isArray(names) || !names.every((name) => typeof name === "string" && name !== ""))) refuse(`${where}.names must be a list of names.`, `${where}.names`);
}

/**
 * Checks a scope before it is sent: known domains, known modes, names as lists of text and asset groups as
 * lists of ids. Names within a domain (which case domains or endpoint groups exist) are the tenant's: the
 * service checks those.
 *
 * @param scope - The scope.
 * @returns The scope, unchanged.
 * @throws `CortexInvalidRequestError` naming the field and the allowed names.
 */
export function checkApiKeyScope(scope: ApiKeyScope): ApiKeyScope {
  if (!isObject(scope)) refuse("the scope must be an object with some of endpoints, cases_issues, assets, datasets_rows.", "scope");
  checkKeys(scope, API_KEY_SCOPE_DOMAINS, "", "scope");
  const { endpoints, cases_issues: casesIssues, assets, datasets_rows: datasetsRows } = scope as Record<string, unknown>;
  if (endpoints !== undefined) {
    if (!isObject(endpoints)) refuse("endpoints must be an object with endpoint_groups and/or endpoint_tags.", "endpoints");
    checkKeys(endpoints, ENDPOINT_SCOPES, "endpoints", "endpoints scope");
    for (const name of ENDPOINT_SCOPES) if (endpoints[name] !== undefined) checkTagScope(endpoints[name], `endpoints.${name}`, true);
  }
  if (casesIssues !== undefined) checkTagScope(casesIssues, "cases_issues", false);
  if (assets !== undefined) {
    if (!isObject(assets)) refuse("assets must be an object: { mode, asset_group_ids? }.", "assets");
    checkKeys(assets, ["mode", "asset_group_ids"], "assets", "field");
    if (typeof assets["mode"] !== "string" || !MODES.includes(assets["mode"])) refuse(`assets.mode must be one of ${MODES.join(", ")}; got ${JSON.stringify(assets["mode"])}.`, "assets.mode");
    const ids = assets["asset_group_ids"];
    if (ids !== undefined && (!Array.isArray(ids) || !ids.every((id) => Number.isSafeInteger(id)))) refuse("assets.asset_group_ids must be a list of asset group ids (whole numbers).", "assets.asset_group_ids");
  }
  if (datasetsRows !== undefined) {
    if (!isObject(datasetsRows)) refuse("datasets_rows must be an object: { default_filter_mode?, filters? }.", "datasets_rows");
    checkKeys(datasetsRows, ["default_filter_mode", "filters"], "datasets_rows", "field");
    const mode = datasetsRows["default_filter_mode"];
    if (mode !== undefined && mode !== "no_scope" && mode !== "see_all") refuse(`datasets_rows.default_filter_mode must be no_scope or see_all; got ${JSON.stringify(mode)}.`, "datasets_rows.default_filter_mode");
    const filters = datasetsRows["filters"];
    if (filters !== undefined && (!Array.isArray(filters) || !filters.every((entry) => isObject(entry) && typeof entry["dataset"] === "string" && typeof entry["filter"] === "string"))) {
      refuse("datasets_rows.filters must be a list of { dataset, filter } (an XQL filter).", "datasets_rows.filters");
    }
  }
  return scope;
}

function emulatorOperation(id: string, method: "GET" | "PUT"): OperationEntry {
  return {
    id,
    products: ["xsiam", "cloud"],
    method,
    path: "/_emulator/v1/scope-enforcement",
    requestEnvelope: method === "GET" ? "none" : "request_data",
    replyEnvelope: "data",
    replyKind: "object",
    pagination: { kind: "none" },
    retrySafety: method === "GET" ? "read" : "idempotent",
    async: "none",
    limits: {},
    group: "Emulator only",
    sources: ["@cortex-sdk/emulator (no vendor API: the console holds this setting)"],
  };
}

/**
 * The emulator's routes for the tenant's scope switch (`GET|PUT /_emulator/v1/scope-enforcement`). No vendor
 * serves them: a Cortex tenant has the switch in its console only.
 */
export const EMULATOR_SCOPE_OPERATIONS: readonly OperationEntry[] = [emulatorOperation("emulator.scope_enforcement.get", "GET"), emulatorOperation("emulator.scope_enforcement.set", "PUT")];

/** Request and reply types of {@link EMULATOR_SCOPE_OPERATIONS}. */
type EmulatorScopeShapes = {
  readonly "emulator.scope_enforcement.get": { readonly request: undefined; readonly reply: { enforced?: unknown } | undefined };
  readonly "emulator.scope_enforcement.set": { readonly request: { readonly enforced: boolean }; readonly reply: { enforced?: unknown } | undefined };
};

function emulatorScopes(client: CortexClient): ShapedClient<EmulatorScopeShapes> {
  return client;
}

/** A real tenant's answer to the emulator-only route (unknown route: 404, 405 or 500; a console page), as a clear error. */
function notTheEmulator(error: unknown, client: CortexClient): unknown {
  if (!isCortexError(error)) return error;
  const status = (error as { status?: unknown }).status;
  if (error.kind !== "console_url" && status !== 404 && status !== 405 && status !== 500 && status !== 501) return error;
  return new CortexConfigError(
    "configuration",
    `${client.config.baseUrl} does not serve the scope-enforcement switch: the Cortex platform has no public API for it, only the local emulator (@cortex-sdk/emulator) does. On a Cortex tenant, turn scope-based access control on or off in the console's access management settings; keys' scopes (getScope/setScope) work either way.`,
    { operationId: error.operationId, cause: error },
  );
}

/**
 * Reads the tenant's scope switch. Emulator only (see {@link EMULATOR_SCOPE_OPERATIONS}).
 *
 * @param client - An XSIAM or Cortex Cloud client pointed at the emulator.
 * @returns Whether scopes are enforced.
 * @throws `CortexConfigError` when the URL is a real tenant, which has no API for the switch.
 */
export async function scopeEnforcement(client: CortexClient): Promise<boolean> {
  try {
    const reply = await emulatorScopes(client).request("emulator.scope_enforcement.get", undefined);
    return reply?.enforced === true;
  } catch (error) {
    throw notTheEmulator(error, client);
  }
}

/**
 * Turns the tenant's scope switch on or off. Emulator only (see {@link EMULATOR_SCOPE_OPERATIONS}).
 *
 * @param client - An XSIAM or Cortex Cloud client pointed at the emulator.
 * @param enforced - True to enforce keys' scopes; false to store them without enforcing.
 * @returns The switch as it now is.
 * @throws `CortexConfigError` when the URL is a real tenant, which has no API for the switch.
 */
export async function setScopeEnforcement(client: CortexClient, enforced: boolean): Promise<boolean> {
  if (typeof enforced !== "boolean") throw new CortexInvalidRequestError(`setScopeEnforcement: enforced must be true or false; got ${JSON.stringify(enforced)}.`, "enforced");
  try {
    const reply = await emulatorScopes(client).request("emulator.scope_enforcement.set", { enforced });
    return reply?.enforced === true;
  } catch (error) {
    throw notTheEmulator(error, client);
  }
}

/** The hand-written operations of the XSIAM client: the response actions' download and the emulator's scope switch. */
export const XSIAM_EXTRA_OPERATIONS: readonly OperationEntry[] = [...RESPONSE_ACTION_OPERATIONS, ...EMULATOR_SCOPE_OPERATIONS];
