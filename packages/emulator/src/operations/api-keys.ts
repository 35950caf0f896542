import { REPLY_ERRORS } from "../envelopes.js";
import { generateSecret, type SecurityLevel } from "../keys.js";
import { asObject, type JsonObject } from "../query.js";
import type { Operation, OperationContext } from "../router.js";
import type { Tenant } from "../tenant.js";
import { PUBLIC_API_V1 } from "./paths.js";

const DAY_MS = 24 * 60 * 60 * 1000;
/** Expiration used when the request gives none: one week after the call. */
export const DEFAULT_KEY_LIFETIME_MS = 7 * DAY_MS;
/** Latest allowed expiration: six months (taken as 183 days) after the call. */
export const MAX_KEY_LIFETIME_MS = 183 * DAY_MS;

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

function readSecurityLevel(data: JsonObject): SecurityLevel {
  const level = data["security_level"];
  if (level === undefined || level === null) throw REPLY_ERRORS.invalidInput("security_level: Field required");
  const found = SECURITY_LEVELS.find((candidate) => candidate === level);
  if (found === undefined) {
    throw REPLY_ERRORS.invalidInput("security_level: Input should be 'standard' or 'advanced'");
  }
  return found;
}

function readExpiration(data: JsonObject, now: number): number {
  const expiration = data["expiration"];
  if (expiration === undefined || expiration === null) return now + DEFAULT_KEY_LIFETIME_MS;
  if (typeof expiration !== "number" || !Number.isSafeInteger(expiration)) {
    throw REPLY_ERRORS.invalidInput("expiration: Input should be a valid integer");
  }
  if (expiration <= now) throw REPLY_ERRORS.invalidInput("expiration: must be in the future");
  if (expiration > now + MAX_KEY_LIFETIME_MS) {
    throw REPLY_ERRORS.invalidInput("expiration: must be at most six months from now");
  }
  return expiration;
}

function readComment(data: JsonObject): string | null {
  const comment = data["comment"];
  if (comment === undefined || comment === null) return null;
  if (typeof comment !== "string") throw REPLY_ERRORS.invalidInput("comment: Input should be a valid string");
  return comment;
}

function generate(context: OperationContext): { body: unknown } {
  const data = asObject(context.requestData, "request_data");
  // Validate everything before creating anything, so a 400 leaves no key behind.
  const roles = readRoles(data, context.tenant);
  const securityLevel = readSecurityLevel(data);
  const expiration = readExpiration(data, context.now);
  const comment = readComment(data);
  const key = context.state.keys.issue(context.tenant, {
    secret: generateSecret(),
    securityLevel,
    roles,
    comment,
    expiration,
    creationTime: context.now,
    createdBy: `api_key:${context.key.id}`,
  });
  // The only place a secret ever leaves the emulator.
  return { body: { reply: { id: key.id, key: key.secret } } };
}

/** `POST /public_api/v1/api_keys/generate`: creates a key and returns its secret once. */
export const generateApiKey: Operation = {
  method: "POST",
  path: `${PUBLIC_API_V1}/api_keys/generate`,
  permission: "api_keys.manage",
  handle: generate,
};
