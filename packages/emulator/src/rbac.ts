/**
 * Roles and permissions. Operations declare the permission they need and
 * roles grant permissions, so new operations and roles are data, not code.
 */

/** A capability an operation can require. */
export type Permission = "api_keys.manage" | "incidents.read";

/** A named role as shown in the tenant's RBAC settings. */
export interface Role {
  /** Pretty name, as used in `api_keys/generate` `roles`. */
  readonly name: string;
  /** What holders of the role may do. */
  readonly permissions: ReadonlySet<Permission>;
}

/** The role a bootstrap key gets; the only one allowed to manage keys. */
export const ADMIN_ROLE = "Instance Administrator";

/** Roles every new tenant starts with. */
export function seedRoles(): Role[] {
  const all: Permission[] = ["api_keys.manage", "incidents.read"];
  return [
    { name: ADMIN_ROLE, permissions: new Set(all) },
    { name: "Investigator", permissions: new Set<Permission>(["incidents.read"]) },
    { name: "Viewer", permissions: new Set<Permission>(["incidents.read"]) },
    { name: "Public API Action", permissions: new Set<Permission>(["incidents.read"]) },
  ];
}
