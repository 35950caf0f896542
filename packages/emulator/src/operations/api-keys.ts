/**
 * `/public_api/v1/api_keys/*`: generate, list and delete keys (reference
 * xdr-xsiam-api §2.3, xsoar-xpanse-cloud-api §4.7). The secret leaves the
 * emulator once, in the answer to `generate`.
 */
import { checkApiKeyExpiration, defaultApiKeyExpiration } from "@cortex-sdk/schemas-base/api-key-expiry";
import { REPLY_ERRORS } from "../envelopes.js";
import { generateSecret, type ApiKeyRecord, type SecurityLevel } from "../keys.js";
import {
  asObject,
  compileFilters,
  compileSort,
  filterValue,
  isJsonObject,
  readOptionalPaging,
  type FilterSpec,
  type JsonObject,
  type SortSpec,
} from "../query.js";
import type { Operation, OperationContext } from "../router.js";
import type { Deployment } from "@cortex-sdk/schemas-base/products";
import type { Tenant } from "../tenant.js";
import { PUBLIC_API_V1 } from "./paths.js";
import { servedBy } from "./served.js";

// The expiry rules the SDK and the CLI use too: one week by default, at most six calendar months.


const SECURITY_LEVELS: readonly SecurityLevel[] = ["standard", "advanced"];

function readRoles(data: JsonObject, tenant: Tenant): string[] {
  const roles = data["roles"];
  if (roles === undefined || roles === null) throw REPLY_ERRORS.invalidInput("roles: Field required");
  if (!Array.isArray(roles)) throw REPLY_ERRORS.invalidInput("roles: Input should be a valid list");
  if (roles.length === 0) throw REPLY_ERRORS.invalidInput("roles: at least one role is required");
  const names = roles.map((role: unknown, index) => {
    if (typeof role !== "string") throw REPLY_ERRORS.invalidInput(`roles[${index}]: Input should be a valid string`);
    if (!tenant.roles.has(role)) throw REPLY_ERRORS.invalidInput(`roles: unknown role '${role}'`);
    return role;
  });
  return [...new Set(names)];
}

/** Reads `security_level` (required, exact case). */
export function readSecurityLevel(value: unknown): SecurityLevel {
  if (value === undefined || value === null) throw REPLY_ERRORS.invalidInput("security_level: Field required");
  const found = SECURITY_LEVELS.find((candidate) => candidate === value);
  if (found === undefined) {
    throw REPLY_ERRORS.invalidInput("security_level: Input should be 'standard' or 'advanced'");
  }
  return found;
}

function readExpiration(data: JsonObject, now: number): number {
  const expiration = data["expiration"];
  if (expiration === undefined || expiration === null) return defaultApiKeyExpiration(now);
  if (typeof expiration !== "number" || !Number.isSafeInteger(expiration)) {
    throw REPLY_ERRORS.invalidInput("expiration: Input should be a valid integer");
  }
  // The service's own words are not known (reference xdr-xsiam §9.7); the emulator answers plainly.
  const refusal = checkApiKeyExpiration(expiration, now);
  if (refusal?.problem === "past" || refusal?.problem === "seconds") throw REPLY_ERRORS.invalidInput("expiration: must be in the future");
  if (refusal !== undefined) throw REPLY_ERRORS.invalidInput("expiration: must be at most six months from now");
  return expiration;
}

/**
 * Longest API key comment the emulator stores. The vendor documents none; a key comment is a label,
 * and every listing repeats it, so it is kept short.
 */
export const MAX_KEY_COMMENT_LENGTH = 1024;

/** Why a `comment` value is unusable, or `undefined` when it is fine. */
export function commentProblem(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") return "comment: Input should be a valid string";
  if (value.length > MAX_KEY_COMMENT_LENGTH) return `comment: String should have at most ${MAX_KEY_COMMENT_LENGTH} characters`;
  return undefined;
}

/** Reads an optional `comment`. */
export function readComment(value: unknown): string | null {
  const problem = commentProblem(value);
  if (problem !== undefined) throw REPLY_ERRORS.invalidInput(problem);
  return typeof value === "string" ? value : null;
}

/** A key as listings show it: never the secret. */
export function keyView(key: ApiKeyRecord): Record<string, unknown> {
  return {
    id: key.id,
    creation_time: key.creationTime,
    created_by: key.createdBy,
    user_name: key.createdBy,
    roles: [...key.roles],
    security_level: key.securityLevel,
    comment: key.comment,
    expiration: key.expiration,
  };
}

function generate(context: OperationContext): { body: unknown } {
  const data = asObject(context.requestData, "request_data");
  // Validate everything before creating anything, so a 400 leaves no key behind.
  const roles = readRoles(data, context.tenant);
  const securityLevel = readSecurityLevel(data["security_level"]);
  const expiration = readExpiration(data, context.now);
  const comment = readComment(data["comment"]);
  const key = context.state.keys.issue(context.tenant, {
    secret: generateSecret(),
    securityLevel,
    authScheme: "cortex",
    roles,
    comment,
    expiration,
    creationTime: context.now,
    createdBy: `api_key:${context.key.id}`,
    scope: null,
    bootstrap: false,
  });
  // The only place a secret ever leaves the emulator.
  return { body: { reply: { id: key.id, key: key.secret } } };
}

/** `POST /public_api/v1/api_keys/generate`: creates a key and returns its secret once. */
export const generateApiKey: Operation = {
  id: "api_keys.generate",
  method: "POST",
  surface: "cortex",
  path: `${PUBLIC_API_V1}/api_keys/generate`,
  permission: "api_keys:action",
  products: servedBy("api_keys.generate"),
  mutates: true,
  handle: generate,
};

function keyFilters(rolesMode: "any" | "all", idsAsText: boolean): FilterSpec<ApiKeyRecord> {
  return {
    expiration: {
      // A key that never expires is later than any bound.
      gte: (value, field) => {
        const bound = filterValue.integer(value, field);
        return (key) => key.expiration === null || key.expiration >= bound;
      },
      lte: (value, field) => {
        const bound = filterValue.integer(value, field);
        return (key) => key.expiration !== null && key.expiration <= bound;
      },
    },
    roles: {
      contains: (value, field) => {
        const wanted = typeof value === "string" ? [value] : filterValue.stringList(value, field);
        return rolesMode === "all"
          ? (key) => wanted.every((role) => key.roles.includes(role))
          : (key) => wanted.some((role) => key.roles.includes(role));
      },
    },
    id: {
      in: (value, field) => {
        const ids = new Set(filterValue.idList(value, field, idsAsText));
        return (key) => ids.has(key.id);
      },
    },
    // The console filters by creation time too, and users filter by level, comment and creator; the
    // reference documents only the three above, so these follow the same operator conventions.
    creation_time: {
      gte: (value, field) => {
        const bound = filterValue.integer(value, field);
        return (key) => key.creationTime >= bound;
      },
      lte: (value, field) => {
        const bound = filterValue.integer(value, field);
        return (key) => key.creationTime <= bound;
      },
    },
    security_level: {
      in: (value, field) => {
        const levels = typeof value === "string" ? [value] : filterValue.stringList(value, field);
        for (const level of levels) if (level !== "standard" && level !== "advanced") throw REPLY_ERRORS.invalidInput(`Invalid value '${level}' for field security_level`);
        return (key) => levels.includes(key.securityLevel);
      },
    },
    comment: {
      contains: (value, field) => {
        const wanted = (typeof value === "string" ? value : filterValue.stringList(value, field).join(" ")).toLowerCase();
        return (key) => key.comment !== null && key.comment.toLowerCase().includes(wanted);
      },
    },
    created_by: {
      in: (value, field) => {
        const names = typeof value === "string" ? [value] : filterValue.stringList(value, field);
        return (key) => names.includes(key.createdBy);
      },
    },
  };
}

const KEY_SORTS: SortSpec<ApiKeyRecord> = {
  id: (a, b) => a.id - b.id,
  creation_time: (a, b) => a.creationTime - b.creationTime || a.id - b.id,
  // Keys that never expire sort after every dated key.
  expiration: (a, b) => (a.expiration ?? Number.MAX_SAFE_INTEGER) - (b.expiration ?? Number.MAX_SAFE_INTEGER) || a.id - b.id,
  roles: (a, b) => a.roles.join(",").localeCompare(b.roles.join(",")) || a.id - b.id,
};

function list(context: OperationContext): { body: unknown } {
  const data = asObject(context.requestData, "request_data");
  const matches = compileFilters(data["filters"], keyFilters(context.state.unknowns.apiKeyRolesContains, context.state.unknowns.apiKeyIdsAsText === "accept"));
  const compare = compileSort(data["sort"], KEY_SORTS, { field: "id", keyword: "asc" });
  const all = [...context.tenant.keys.values()];
  const selected = all.filter(matches).sort(compare);
  const window = readOptionalPaging(data);
  const page = window === undefined ? selected : selected.slice(window.from, window.to);
  return {
    body: {
      // Upper-case keys, as tenants send them (reference xdr-xsiam §2.3); TOTAL_COUNT includes expired keys.
      reply: { DATA: page.map(keyView), FILTER_COUNT: selected.length, TOTAL_COUNT: all.length },
    },
  };
}

/** `POST /public_api/v1/api_keys/get_api_keys`: the tenant's keys, filtered; never secrets. */
export const getApiKeys: Operation = {
  id: "api_keys.get_api_keys",
  method: "POST",
  surface: "cortex",
  path: `${PUBLIC_API_V1}/api_keys/get_api_keys`,
  permission: "api_keys:view",
  products: servedBy("api_keys.get_api_keys"),
  handle: list,
};

function remove(context: OperationContext): { body: unknown } {
  const data = asObject(context.requestData, "request_data");
  const filters = data["filters"];
  if (!Array.isArray(filters) || filters.length === 0) {
    // Deleting "everything" by omission is not something to guess at.
    throw REPLY_ERRORS.invalidInput("filters: at least one filter on 'id' is required");
  }
  // Filters are AND-combined: a key is deleted when every filter lists it.
  const lists: Set<number>[] = [];
  filters.forEach((filter: unknown, index) => {
    if (!isJsonObject(filter) || typeof filter["field"] !== "string" || typeof filter["operator"] !== "string" || !("value" in filter)) {
      throw REPLY_ERRORS.invalidInput(`filters[${index}]: each filter needs 'field', 'operator' and 'value'`);
    }
    if (filter["field"] !== "id") throw REPLY_ERRORS.invalidInput(`Unsupported field '${filter["field"]}'`);
    if (filter["operator"].toLowerCase() !== "in") {
      throw REPLY_ERRORS.invalidInput(`Unsupported operator '${filter["operator"]}' for field id`);
    }
    lists.push(new Set(filterValue.idList(filter["value"], "id", context.state.unknowns.apiKeyIdsAsText === "accept")));
  });
  const [first = new Set<number>(), ...rest] = lists;
  let deleted = 0;
  for (const id of first) {
    if (!rest.every((ids) => ids.has(id))) continue;
    // Only the acting tenant's keys: another tenant's id counts as nothing.
    if (context.tenant.keys.has(id) && context.state.keys.revoke(id)) deleted++;
  }
  return { body: { reply: { update_count: deleted } } };
}

/** `POST /public_api/v1/api_keys/delete`: deletes keys by id. */
export const deleteApiKeys: Operation = {
  id: "api_keys.delete",
  method: "POST",
  surface: "cortex",
  path: `${PUBLIC_API_V1}/api_keys/delete`,
  permission: "api_keys:action",
  products: servedBy("api_keys.delete"),
  mutates: true,
  handle: remove,
};
