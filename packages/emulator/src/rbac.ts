/**
 * Roles and permissions. Operations declare the permission they need as
 * `"<group>:view"` or `"<group>:action"`; roles grant permissions. An action
 * permission implies the view of the same group (as the platform's
 * permission-config does), and `"*"` grants everything. New operations and
 * roles are data, not code.
 */
import type { Deployment } from "@cortex-sdk/schemas-base/products";

/**
 * A capability: `"<group>:view"`, `"<group>:action"`, or `"*"` (in roles only).
 * Groups are operation groups such as `incidents` or `api_keys`; see {@link PERMISSION_GROUPS}.
 */
export type Permission = string;

/**
 * Operation groups known to the emulator's seeded roles. Custom roles may name
 * other groups; the generic operation layer maps each operation to a group.
 */
export const PERMISSION_GROUPS = [
  "api_keys",
  "access_management",
  "system",
  "incidents",
  "alerts",
  "cases",
  "issues",
  "endpoints",
  "response_actions",
  "scripts",
  "xql",
  "datasets",
  "ingestion",
  "audits",
  "distributions",
  "indicators",
  "detection_rules",
  "assets",
  "asm",
  "vulnerabilities",
  "compliance",
  "cloud_security",
  "notifications",
  "integrations",
  "policies",
  "dashboards",
  "xsoar",
] as const;

/** Groups only administrators may touch: key management and access management. */
const ADMIN_GROUPS = new Set<string>(["api_keys", "access_management"]);

/** How a role is declared (seeded or via `EmulatorOptions.roles` / `TenantSpec.roles`). */
export interface RoleSpec {
  /** Pretty name, as used in `api_keys/generate` `roles`. */
  readonly name: string;
  /** Role id, as used by the IAM API (`PUT /platform/iam/v1/api-key/{id}` takes role ids). Default: derived from the name. */
  readonly id?: string | undefined;
  /** Permissions granted: `"*"`, `"<group>:view"` or `"<group>:action"`. */
  readonly permissions: readonly Permission[];
  /** Shown by role listings. */
  readonly description?: string | undefined;
}

/** A role as a tenant holds it. */
export interface Role {
  /** Pretty name. */
  readonly name: string;
  /** IAM role id. */
  readonly id: string;
  /** What holders of the role may do. */
  readonly permissions: ReadonlySet<Permission>;
  /** Description. */
  readonly description: string;
}

/** The role a bootstrap key of a Cortex tenant gets. */
export const ADMIN_ROLE = "Instance Administrator";
/** The role a bootstrap key of an XSOAR 6 tenant gets. */
export const XSOAR6_ADMIN_ROLE = "Administrator";

const PERMISSION_PATTERN = /^(\*|[a-z0-9_.-]+:(view|action))$/;

/** Derives an IAM role id from a pretty name: lowercase, non-alphanumerics → `_`. */
export function roleIdOf(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
}

/**
 * Validates and builds a role.
 * @throws TypeError on an empty name or a malformed permission.
 */
export function buildRole(spec: RoleSpec): Role {
  if (typeof spec.name !== "string" || spec.name.trim() === "") throw new TypeError("Role name must be a non-empty string");
  if (!Array.isArray(spec.permissions)) throw new TypeError(`Role '${spec.name}': permissions must be an array`);
  for (const permission of spec.permissions) {
    if (typeof permission !== "string" || !PERMISSION_PATTERN.test(permission)) {
      throw new TypeError(
        `Role '${spec.name}': permission '${String(permission)}' must be "*", "<group>:view" or "<group>:action"`,
      );
    }
  }
  const id = spec.id ?? roleIdOf(spec.name);
  if (id === "") throw new TypeError(`Role '${spec.name}': cannot derive an id; pass one`);
  return { name: spec.name, id, permissions: new Set(spec.permissions), description: spec.description ?? "" };
}

/** Whether a role grants a permission (`"*"`, the exact permission, or the group's action for a view). */
export function roleGrants(role: Role, permission: Permission): boolean {
  if (role.permissions.has("*") || role.permissions.has(permission)) return true;
  if (permission.endsWith(":view")) return role.permissions.has(`${permission.slice(0, -":view".length)}:action`);
  return false;
}

const viewAll = (except: ReadonlySet<string>): Permission[] =>
  PERMISSION_GROUPS.filter((group) => !except.has(group)).map((group) => `${group}:view`);
const actAll = (except: ReadonlySet<string>): Permission[] =>
  PERMISSION_GROUPS.filter((group) => !except.has(group)).map((group) => `${group}:action`);

/**
 * Roles every new tenant starts with. Cortex tenants get the names the
 * reference lists (xdr-xsiam-api §9.10: Account Admin, Instance Administrator,
 * Investigator, Public API Action) plus a read-only `Viewer`; XSOAR 6 tenants
 * get XSOAR's Administrator, Analyst and Read-Only.
 */
export function seedRoles(product: Deployment): RoleSpec[] {
  if (product === "xsoar6") {
    return [
      { name: XSOAR6_ADMIN_ROLE, permissions: ["*"], description: "Full access" },
      { name: "Analyst", permissions: ["xsoar:action"], description: "Investigates and runs playbooks" },
      { name: "Read-Only", permissions: ["xsoar:view"], description: "Reads everything, changes nothing" },
    ];
  }
  return [
    { name: "Account Admin", permissions: ["*"], description: "Full access to every tenant of the account" },
    { name: ADMIN_ROLE, permissions: ["*"], description: "Full access to this tenant" },
    {
      name: "Investigator",
      permissions: [
        ...viewAll(ADMIN_GROUPS),
        "incidents:action",
        "alerts:action",
        "cases:action",
        "issues:action",
        "xql:action",
        "response_actions:action",
        "xsoar:action",
      ],
      description: "Investigates incidents, alerts, cases and issues; runs XQL and response actions",
    },
    { name: "Viewer", permissions: viewAll(ADMIN_GROUPS), description: "Read-only access, no key or access management" },
    {
      name: "Public API Action",
      permissions: actAll(ADMIN_GROUPS),
      description: "Every public API operation except key and access management",
    },
  ];
}
