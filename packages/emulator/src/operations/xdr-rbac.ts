/**
 * XDR / XSIAM RBAC and tenant info with state (reference xdr-xsiam-api §4.15,
 * §4.1): the console users are the tenant's analysts (the `assigned_user_mail`
 * values of its incidents), each with a role seeded from the tenant's seed;
 * `rbac/set_user_role` changes it (persisted with the {@link XdrWorld}), and
 * `rbac/get_roles` answers the tenant's roles, custom ones included.
 * `system/get_tenant_info` answers licence fields with the documented mixed
 * expiration types (epoch ms, `0`, and date strings).
 */
import { operations as TABLE } from "@cortex-sdk/schemas";
import { REPLY_ERRORS } from "../envelopes.js";
import type { OperationResult } from "../generic.js";
import { filterValue, isJsonObject } from "../query.js";
import { deriveSeed, mulberry32, randomInt } from "../random.js";
import { ADMIN_ROLE, type Permission } from "../rbac.js";
import type { Operation, OperationContext } from "../router.js";
import { permissionOf } from "../schema-responder.js";
import type { ResolvedXdrOptions } from "../state/xdr/options.js";
import type { XdrWorld } from "../state/xdr/world.js";
import { PUBLIC_API_V1 } from "./paths.js";
import { replyWith, xdrError, xdrOperation, type XdrOperationSpec } from "./xdr-common.js";

const ANCHOR_MS = Date.UTC(2025, 0, 1);
const DAY_MS = 86_400_000;

/** A seeded console user. */
export interface ConsoleUser {
  readonly user_email: string;
  readonly user_first_name: string;
  readonly user_last_name: string;
  /** Seeded role name. */
  readonly role: string;
  readonly last_logged_in: number | null;
  readonly groups: readonly string[];
}

/** A seeded user group. */
export interface UserGroup {
  readonly group_name: string;
  readonly description: string;
  readonly insert_time: number;
  readonly members: readonly string[];
}

const SEEDED_ROLES = ["Investigator", "Viewer", "Public API Action"] as const;

const seededCache = new WeakMap<XdrWorld, { users: ConsoleUser[]; groups: UserGroup[] }>();

/** The tenant's console users and groups (the same seed gives the same ones). */
export function seededDirectory(world: XdrWorld): { users: ConsoleUser[]; groups: UserGroup[] } {
  const cached = seededCache.get(world);
  if (cached !== undefined) return cached;
  const random = mulberry32(deriveSeed(world.tenant.seed, "xdr-rbac"));
  const users = world.tenant.directory.analysts.map((analyst, index): ConsoleUser => {
    const [first = analyst.prettyName, ...rest] = analyst.prettyName.split(" ");
    const role = index === 0 ? ADMIN_ROLE : (SEEDED_ROLES[randomInt(random, 0, SEEDED_ROLES.length - 1)] ?? "Viewer");
    const neverLogged = randomInt(random, 0, 5) === 0;
    const lastLogged = ANCHOR_MS - randomInt(random, 0, 20) * DAY_MS - randomInt(random, 0, DAY_MS - 1);
    return {
      user_email: analyst.mail,
      user_first_name: first,
      user_last_name: rest.join(" "),
      role,
      last_logged_in: neverLogged && index !== 0 ? null : lastLogged,
      groups: index === 0 ? ["Administrators"] : ["SOC Analysts"],
    };
  });
  const groups: UserGroup[] = [
    { group_name: "Administrators", description: "Tenant administrators", insert_time: ANCHOR_MS - 400 * DAY_MS, members: [] },
    { group_name: "SOC Analysts", description: "Security operations analysts", insert_time: ANCHOR_MS - 300 * DAY_MS, members: [] },
  ].map((group) => ({ ...group, members: users.filter((user) => user.groups.includes(group.group_name)).map((user) => user.user_email) }));
  const built = { users, groups };
  seededCache.set(world, built);
  return built;
}

/** A user's current role (`""` when removed). */
function roleOf(world: XdrWorld, user: ConsoleUser): string {
  return world.userRoles.get(user.user_email) ?? user.role;
}

function getUsers(_context: OperationContext, world: XdrWorld): OperationResult {
  return replyWith(
    seededDirectory(world).users.map((user) => ({
      user_email: user.user_email,
      user_first_name: user.user_first_name,
      user_last_name: user.user_last_name,
      role_name: roleOf(world, user),
      last_logged_in: user.last_logged_in,
      user_type: "CSP",
      groups: user.groups.map((name) => ({ group_name: name })),
      scope: [],
    })),
  );
}

/** The names asked for, or `undefined` when the field is absent (every record is answered then). */
function namesOf(context: OperationContext, field: string): string[] | undefined {
  const data = context.requestData ?? {};
  if (!isJsonObject(data)) throw REPLY_ERRORS.invalidInput("request_data: Input should be a valid dictionary");
  if (data[field] === undefined || data[field] === null) return undefined;
  return filterValue.stringList(data[field], field);
}

function getRoles(context: OperationContext, world: XdrWorld): OperationResult {
  const { users } = seededDirectory(world);
  const names = namesOf(context, "role_names") ?? [...world.tenant.roles.keys()];
  return replyWith(
    names.map((name) => {
      const role = world.tenant.roles.get(name);
      if (role === undefined) throw xdrError(`Role ${name} was not found`);
      const holders = users.filter((user) => roleOf(world, user) === name);
      return [
        {
          pretty_name: role.name,
          permissions: [...role.permissions],
          insert_time: ANCHOR_MS - 400 * DAY_MS,
          update_time: ANCHOR_MS - 400 * DAY_MS,
          created_by: "Palo Alto Networks",
          description: role.description,
          groups: [...new Set(holders.flatMap((user) => user.groups))],
          users: holders.map((user) => user.user_email),
        },
      ];
    }),
  );
}

function getUserGroup(context: OperationContext, world: XdrWorld): OperationResult {
  const { groups } = seededDirectory(world);
  const names = namesOf(context, "group_names") ?? groups.map((group) => group.group_name);
  return replyWith(
    names.map((name) => {
      const group = groups.find((candidate) => candidate.group_name === name);
      if (group === undefined) throw xdrError(`Group ${name} was not found`);
      return {
        group_name: group.group_name,
        description: group.description,
        pretty_name: group.group_name,
        insert_time: group.insert_time,
        update_time: group.insert_time,
        user_email: [...group.members],
        source: "Custom",
      };
    }),
  );
}

function setUserRole(context: OperationContext, world: XdrWorld): OperationResult {
  const data = context.requestData ?? {};
  if (!isJsonObject(data)) throw REPLY_ERRORS.invalidInput("request_data: Input should be a valid dictionary");
  const emails = data["user_emails"] === undefined ? [] : filterValue.stringList(data["user_emails"], "user_emails");
  const roleName = data["role_name"];
  // Nobody named: nothing to change.
  if (emails.length === 0 && roleName === undefined) return replyWith({ update_count: "0" });
  if (typeof roleName !== "string") throw REPLY_ERRORS.invalidInput("role_name: Input should be a valid string");
  if (roleName !== "" && !world.tenant.roles.has(roleName)) throw xdrError(`Role ${roleName} was not found`);
  const { users } = seededDirectory(world);
  const targets = emails.map((email) => {
    const user = users.find((candidate) => candidate.user_email.toLowerCase() === email.toLowerCase());
    if (user === undefined) throw xdrError(`User ${email} was not found`);
    return user;
  });
  let count = 0;
  for (const user of new Set(targets)) {
    if (roleOf(world, user) !== roleName) count++;
    world.userRoles.set(user.user_email, roleName);
  }
  // A count, as a string (reference §8).
  return replyWith({ update_count: String(count) });
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"] as const;

function ordinal(day: number): string {
  const tens = day % 100;
  if (tens >= 11 && tens <= 13) return `${day}th`;
  return `${day}${day % 10 === 1 ? "st" : day % 10 === 2 ? "nd" : day % 10 === 3 ? "rd" : "th"}`;
}

/** `"May 18th 2023 08:51:59"` (UTC), the string form of tenant-info expirations. */
export function licenceDate(ms: number): string {
  const date = new Date(ms);
  const pad = (value: number): string => String(value).padStart(2, "0");
  return `${MONTHS[date.getUTCMonth()] ?? "January"} ${ordinal(date.getUTCDate())} ${date.getUTCFullYear()} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
}

function tenantInfo(_context: OperationContext, world: XdrWorld): OperationResult {
  const random = mulberry32(deriveSeed(world.tenant.seed, "xdr-tenant-info"));
  const expiry = (): number => ANCHOR_MS + randomInt(random, 180, 720) * DAY_MS + randomInt(random, 0, DAY_MS / 1000 - 1) * 1000;
  const agents = randomInt(random, 5, 50) * 100;
  const installed = Math.min(agents, world.endpoints.length);
  const xsiam = world.tenant.product === "xsiam";
  return replyWith({
    // Epoch ms.
    pro_per_endpoint_expiration: expiry(),
    purchased_pro_per_endpoint: { agents },
    data_enabled_pro_per_endpoint: installed,
    // Date strings.
    prevent_expiration: licenceDate(expiry()),
    purchased_prevent: 0,
    installed_prevent: 0,
    // 0: not licensed.
    pro_gb_expiration: 0,
    purchased_pro_gb: 0,
    installed_pro_gb: 0,
    compute_unit_expiration: licenceDate(expiry()),
    purchased_compute_unit: randomInt(random, 1, 10) * 100,
    compute_unit_is_trial: false,
    host_insights_expiration: expiry(),
    enabled_host_insights: installed,
    purchased_host_insights: { agents },
    forensics_expiration: 0,
    enabled_forensics: 0,
    purchased_forensics: 0,
    identity_threat_expiration: xsiam ? licenceDate(expiry()) : 0,
    ...(xsiam
      ? {
          xsiam_premium_expiration: expiry(),
          purchased_xsiam_premium: { users: randomInt(random, 1, 20) * 50, gb: randomInt(random, 1, 10) * 100, agents },
          xsiam_ep_hot_expiration: expiry(),
          xsiam_gb_hot_expiration: expiry(),
          xsiam_ep_cold_expiration: 0,
          xsiam_gb_cold_expiration: licenceDate(expiry()),
        }
      : {}),
  });
}

/** The permission the table gives an operation. */
function tablePermission(id: string): Permission | null {
  const entry = TABLE.find((candidate) => candidate.id === id);
  if (entry === undefined) throw new Error(`${id} is not in the operation table`);
  return permissionOf(entry);
}

function tableOperation(spec: Omit<XdrOperationSpec, "permission">, options: ResolvedXdrOptions): Operation {
  return xdrOperation({ ...spec, permission: tablePermission(spec.id) }, options);
}

/** The RBAC and tenant-info operations, configured. */
export function xdrRbacOperations(options: ResolvedXdrOptions): Operation[] {
  const v1 = PUBLIC_API_V1;
  return [
    tableOperation({ id: "rbac.get_users", path: `${v1}/rbac/get_users`, handle: getUsers }, options),
    tableOperation({ id: "rbac.get_roles", path: `${v1}/rbac/get_roles`, handle: getRoles }, options),
    tableOperation({ id: "rbac.get_user_group", path: `${v1}/rbac/get_user_group`, handle: getUserGroup }, options),
    tableOperation({ id: "rbac.set_user_role", path: `${v1}/rbac/set_user_role`, mutates: true, handle: setUserRole }, options),
    tableOperation({ id: "system.get_tenant_info", path: `${v1}/system/get_tenant_info`, handle: tenantInfo }, options),
  ];
}
