/**
 * A tenant: its product, RBAC roles, API keys and seeded data. The server
 * hosts any number of these behind one URL; the key id picks the tenant.
 */
import { generateDirectory, type Directory } from "./data/directory.js";
import { generateIncidents, type Incident } from "./data/incidents.js";
import type { ApiKeyRecord, KeyOwner } from "./keys.js";
import { deriveSeed, mulberry32 } from "./random.js";
import { seedRoles, type Permission, type Role } from "./rbac.js";

/** Cortex products a tenant can emulate. Only XDR so far. */
export type Product = "xdr";

/** Public description of a hosted tenant. */
export interface TenantInfo {
  /** Stable id, e.g. `"tenant-xdr-1"`. */
  readonly tenantId: string;
  /** Which product's API the tenant serves. */
  readonly product: Product;
  /** Display name. */
  readonly name: string;
}

/** How to build a tenant. */
export interface TenantSpec {
  /** Stable id. */
  readonly id: string;
  /** Product served. */
  readonly product: Product;
  /** Display name. */
  readonly name: string;
  /** Server seed; mixed with the id so tenants differ. */
  readonly seed: number;
  /** Number of seeded incidents. */
  readonly incidentCount: number;
  /** Creation time of the newest seeded incident, epoch ms. */
  readonly dataAnchorMs: number;
}

/** A hosted tenant and all of its mutable state. */
export class Tenant implements KeyOwner {
  /** Stable id. */
  readonly id: string;
  /** Product served. */
  readonly product: Product;
  /** Display name. */
  readonly name: string;
  /** Console base URL used in links such as `xdr_url`; fake, so never resolvable. */
  readonly consoleUrl: string;
  /** Roles by name. */
  readonly roles: Map<string, Role>;
  /** API keys by id (ids are allocated server-wide). */
  readonly keys = new Map<number, ApiKeyRecord>();
  /** Hosts, users and analysts the data refers to. */
  readonly directory: Directory;
  /** Incidents in id order. */
  readonly incidents: Incident[];

  /** Builds a tenant and its seeded data. */
  constructor(spec: TenantSpec) {
    this.id = spec.id;
    this.product = spec.product;
    this.name = spec.name;
    this.consoleUrl = `https://${spec.id}.${spec.product}.emulator.invalid`;
    this.roles = new Map(seedRoles().map((role) => [role.name, role]));
    const random = mulberry32(deriveSeed(spec.seed, spec.id));
    this.directory = generateDirectory(random);
    this.incidents = generateIncidents(random, {
      count: spec.incidentCount,
      anchorMs: spec.dataAnchorMs,
      consoleUrl: this.consoleUrl,
      directory: this.directory,
    });
  }

  /** Whether any of the given roles grants `permission`. Unknown role names grant nothing. */
  allows(roleNames: readonly string[], permission: Permission): boolean {
    return roleNames.some((name) => this.roles.get(name)?.permissions.has(permission) ?? false);
  }

  /** The public description. */
  info(): TenantInfo {
    return { tenantId: this.id, product: this.product, name: this.name };
  }
}
