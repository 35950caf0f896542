/**
 * A tenant: its product, RBAC roles, API keys, limits and seeded data. The
 * server hosts any number of these behind one URL; the key picks the tenant.
 */
import type { Deployment } from "@cortex-sdk/schemas-base/products";
import { generateDirectory, type Directory } from "./data/directory.js";
import { generateIncidents, type Incident } from "./data/incidents.js";
import type { ApiKeyRecord, KeyOwner } from "./keys.js";
import type { TenantLimits } from "./limits/index.js";
import type { PathFamily } from "./paths.js";
import { deriveSeed, mulberry32 } from "./random.js";
import { buildRole, roleGrants, type Permission, type Role, type RoleSpec } from "./rbac.js";

/** Case and issue domains, in tag-id order (`DOM:1` is Security). */
export const CASE_DOMAINS = ["Security", "Hunting", "IT", "Health", "Posture"] as const;

/** Public description of a hosted tenant. */
export interface TenantInfo {
  /** Stable id, e.g. `"tenant-xdr-1"`; also the value of `x-child-tenant-id` for child tenants. */
  readonly tenantId: string;
  /** Which product's API the tenant serves. */
  readonly product: Deployment;
  /** Display name. */
  readonly name: string;
  /** MSSP parent tenant id, or `null`. */
  readonly parentTenantId: string | null;
  /** Ids of the MSSP child tenants this tenant's keys may act on with `x-child-tenant-id`. */
  readonly childTenantIds: readonly string[];
  /** Whether keys' scopes are enforced (the tenant's scope-based access switch). */
  readonly scopeEnforcement: boolean;
}

/** How to build a tenant (after option defaults are applied). */
export interface TenantConfig {
  /** Stable id. */
  readonly id: string;
  /** Deployment served. */
  readonly product: Deployment;
  /** Display name. */
  readonly name: string;
  /** Tenant data seed (already mixed with the tenant id by the caller or not: it is mixed again). */
  readonly seed: number;
  /** Number of seeded incidents. */
  readonly incidentCount: number;
  /** Creation time of the newest seeded incident, epoch ms. */
  readonly dataAnchorMs: number;
  /** Roles the tenant starts with. */
  readonly roles: readonly RoleSpec[];
  /** Path families the tenant serves. */
  readonly families: readonly PathFamily[];
  /** MSSP parent id, or `null`. */
  readonly parentId: string | null;
  /** The tenant's limits. */
  readonly limits: TenantLimits;
  /** Whether keys' scopes are enforced (the console's switch; off by default). */
  readonly scopeEnforcement?: boolean;
}

/** A hosted tenant and all of its mutable state. */
export class Tenant implements KeyOwner {
  /** Stable id. */
  readonly id: string;
  /** Deployment served. */
  readonly product: Deployment;
  /** Display name. */
  readonly name: string;
  /** Seed of the tenant's data. */
  readonly seed: number;
  /** Console base URL used in links such as `xdr_url`; fake, so never resolvable. */
  readonly consoleUrl: string;
  /** Roles by name. */
  readonly roles = new Map<string, Role>();
  /** Role names by IAM role id. */
  readonly roleIds = new Map<string, string>();
  /** API keys by id (ids are allocated server-wide). */
  readonly keys = new Map<number, ApiKeyRecord>();
  /** Path families served. */
  readonly families: ReadonlySet<PathFamily>;
  /** MSSP parent id, or `null`. */
  readonly parentId: string | null;
  /** MSSP children (filled in once every tenant exists). */
  readonly childIds = new Set<string>();
  /** Rate, XQL and ingestion limits. */
  readonly limits: TenantLimits;
  /** Scope-based access switch: while off (the default), keys' scopes are stored but not enforced. */
  scopeEnforcement: boolean;
  /** Hosts, users and analysts the data refers to. */
  readonly directory: Directory;
  /** Incidents in id order. */
  readonly incidents: Incident[];
  /** Scope tag ids by `"<kind>:<name>"`, allocated on first use so they stay stable. */
  readonly #tagIds = new Map<string, string>();

  /** Builds a tenant and its seeded data. */
  constructor(config: TenantConfig) {
    this.id = config.id;
    this.product = config.product;
    this.name = config.name;
    this.seed = deriveSeed(config.seed, config.id);
    this.consoleUrl = `https://${config.id}.${config.product}.emulator.invalid`;
    for (const spec of config.roles) this.addRole(spec);
    this.families = new Set(config.families);
    this.parentId = config.parentId;
    this.limits = config.limits;
    this.scopeEnforcement = config.scopeEnforcement === true;
    // Case/issue domains keep the ids the reference shows (Health is DOM:4).
    for (const domain of CASE_DOMAINS) this.tagId("DOM", domain);
    const random = mulberry32(this.seed);
    this.directory = generateDirectory(random);
    this.incidents = generateIncidents(random, {
      count: config.incidentCount,
      anchorMs: config.dataAnchorMs,
      consoleUrl: this.consoleUrl,
      directory: this.directory,
    });
  }

  /**
   * Adds or replaces a role.
   * @throws TypeError on an invalid spec or an id used by another role.
   */
  addRole(spec: RoleSpec): Role {
    const role = buildRole(spec);
    const owner = this.roleIds.get(role.id);
    if (owner !== undefined && owner !== role.name) {
      throw new TypeError(`Tenant ${this.id}: role id '${role.id}' of '${role.name}' is already used by '${owner}'`);
    }
    const previous = this.roles.get(role.name);
    if (previous !== undefined) this.roleIds.delete(previous.id);
    this.roles.set(role.name, role);
    this.roleIds.set(role.id, role.name);
    return role;
  }

  /** Whether any of the given roles grants `permission`. Unknown role names grant nothing. */
  allows(roleNames: readonly string[], permission: Permission): boolean {
    return roleNames.some((name) => {
      const role = this.roles.get(name);
      return role !== undefined && roleGrants(role, permission);
    });
  }

  /** A stable tag id for a scope tag name, e.g. `EG:1` for the first endpoint group named. */
  tagId(prefix: string, name: string): string {
    const key = `${prefix}:${name}`;
    let id = this.#tagIds.get(key);
    if (id === undefined) {
      const used = [...this.#tagIds.keys()].filter((existing) => existing.startsWith(`${prefix}:`)).length;
      id = `${prefix}:${used + 1}`;
      this.#tagIds.set(key, id);
    }
    return id;
  }

  /** The public description. */
  info(): TenantInfo {
    return {
      tenantId: this.id,
      product: this.product,
      name: this.name,
      parentTenantId: this.parentId,
      childTenantIds: [...this.childIds],
      scopeEnforcement: this.scopeEnforcement,
    };
  }
}
