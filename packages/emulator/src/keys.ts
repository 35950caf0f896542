/**
 * API keys: secret generation and the server-wide key registry.
 *
 * The registry is global to the server (not per tenant) because the
 * `x-xdr-auth-id` header (or, for XSOAR 6, the raw key) is all a request
 * carries to identify its tenant.
 */
import { hash, randomInt } from "node:crypto";
import type { ApiKeySecurityLevel } from "@cortex-sdk/schemas-base/curated-types";
import type { ApiKeyScope } from "./scope.js";

/** How a key authenticates: raw secret (`standard`) or signed (`advanced`); the curated `ApiKeySecurityLevel`. */
export type SecurityLevel = ApiKeySecurityLevel;

/**
 * Which headers a key is checked with: Cortex keys send `x-xdr-auth-id` plus
 * `Authorization`; XSOAR 6 keys send only `Authorization: <key>`.
 */
export type AuthScheme = "cortex" | "xsoar6";

/** Length of generated Cortex secrets; the vendor's examples use 128 characters. */
export const SECRET_LENGTH = 128;
/** Length of generated XSOAR 6 keys (32 upper-case hex characters, as the server issues them). */
export const XSOAR6_SECRET_LENGTH = 32;

const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const UPPER_HEX = "0123456789ABCDEF";

/** A fresh secret from the OS CSPRNG (never from the data seed). */
export function generateSecret(length: number = SECRET_LENGTH, alphabet: string = ALPHANUMERIC): string {
  let out = "";
  // randomInt is unbiased, unlike `byte % 62`.
  for (let i = 0; i < length; i++) out += alphabet.charAt(randomInt(alphabet.length));
  return out;
}

/** A fresh XSOAR 6 API key. */
export function generateXsoar6Secret(): string {
  return generateSecret(XSOAR6_SECRET_LENGTH, UPPER_HEX);
}

/** A stored API key. The secret is kept raw: advanced signatures need it. */
export interface ApiKeyRecord {
  /** Numeric key id, unique across the server. */
  readonly id: number;
  /** Owning tenant. */
  readonly tenantId: string;
  /** The secret; returned to the client once, by `api_keys/generate` (or as a bootstrap key). */
  readonly secret: string;
  /** Fixed at creation (XSOAR 6 keys are always `standard`). */
  readonly securityLevel: SecurityLevel;
  /** Which headers authenticate the key. */
  readonly authScheme: AuthScheme;
  /** Role names; permissions are resolved through the tenant at request time. */
  readonly roles: readonly string[];
  /** Free text from the creator, or `null`. */
  readonly comment: string | null;
  /** Epoch ms after which the key is rejected, or `null` for never. */
  readonly expiration: number | null;
  /** Epoch ms (emulator clock). */
  readonly creationTime: number;
  /** Who created it, e.g. `"bootstrap"` or `"api_key:1"`. */
  readonly createdBy: string;
  /** SBAC scope (Cortex Cloud, XSIAM), or `null` for none. */
  readonly scope: ApiKeyScope | null;
  /** Whether this is the tenant's bootstrap administrator key. */
  readonly bootstrap: boolean;
}

/** What a new key needs; the index assigns the id. */
export type NewApiKey = Omit<ApiKeyRecord, "id" | "tenantId">;

/** The part of a tenant the key index needs: its id and its own key table. */
export interface KeyOwner {
  /** Tenant id. */
  readonly id: string;
  /** The tenant's keys by id. */
  readonly keys: Map<number, ApiKeyRecord>;
}

/** A key together with the tenant that owns it. */
export interface OwnedKey<TOwner extends KeyOwner> {
  /** The owning tenant. */
  readonly tenant: TOwner;
  /** The key. */
  readonly key: ApiKeyRecord;
}

function digest(secret: string): string {
  return hash("sha256", secret, "base64");
}

/**
 * Server-wide key id allocation and lookups. Tenants hold their own keys;
 * this index only answers "whose key is this id?" and, for XSOAR 6, "whose
 * key is this secret?" (looked up by SHA-256 digest, so the map never
 * compares secrets directly).
 */
export class KeyIndex<TOwner extends KeyOwner> {
  readonly #owners = new Map<string, TOwner>();
  readonly #xsoar6 = new Map<string, { readonly tenant: TOwner; readonly id: number }>();
  // How many XSOAR 6 secrets have each length: every request is first tried as an XSOAR 6 key, and a
  // value of no such length (a Cortex key, a signature) is then refused without hashing it.
  readonly #xsoar6Lengths = new Map<number, number>();
  #nextId = 1;

  /** The id the next key will get. */
  get nextId(): number {
    return this.#nextId;
  }

  /** Creates a key for `tenant` under the next id (ids increase and are never reused). */
  issue(tenant: TOwner, key: NewApiKey): ApiKeyRecord {
    const record: ApiKeyRecord = { id: this.#nextId++, tenantId: tenant.id, ...key };
    this.#add(tenant, record);
    return record;
  }

  /** Re-registers a key loaded from disk; later ids continue after the largest seen. */
  restore(tenant: TOwner, record: ApiKeyRecord): void {
    this.#add(tenant, { ...record, tenantId: tenant.id });
    this.#nextId = Math.max(this.#nextId, record.id + 1);
  }

  /** Raises the next id (never lowers it), e.g. to the value saved on disk. */
  reserveUpTo(nextId: number): void {
    this.#nextId = Math.max(this.#nextId, nextId);
  }

  #add(tenant: TOwner, record: ApiKeyRecord): void {
    tenant.keys.set(record.id, record);
    this.#owners.set(String(record.id), tenant);
    if (record.authScheme === "xsoar6") {
      const known = digest(record.secret);
      if (!this.#xsoar6.has(known)) this.#countLength(record.secret.length, 1);
      this.#xsoar6.set(known, { tenant, id: record.id });
    }
  }

  /** The key a request's `x-xdr-auth-id` names, if it exists (exact decimal id). */
  lookup(authId: string): OwnedKey<TOwner> | undefined {
    const tenant = this.#owners.get(authId);
    const key = tenant?.keys.get(Number(authId));
    return tenant === undefined || key === undefined ? undefined : { tenant, key };
  }

  /** The XSOAR 6 key whose secret is `secret`, if any. */
  lookupXsoar6(secret: string): OwnedKey<TOwner> | undefined {
    if (!this.#xsoar6Lengths.has(secret.length)) return undefined;
    const entry = this.#xsoar6.get(digest(secret));
    const key = entry?.tenant.keys.get(entry.id);
    return entry === undefined || key === undefined ? undefined : { tenant: entry.tenant, key };
  }

  #countLength(length: number, change: 1 | -1): void {
    const count = (this.#xsoar6Lengths.get(length) ?? 0) + change;
    if (count > 0) this.#xsoar6Lengths.set(length, count);
    else this.#xsoar6Lengths.delete(length);
  }

  /** Replaces a key's record (same id and tenant), e.g. after an IAM edit. */
  update(record: ApiKeyRecord): void {
    const tenant = this.#owners.get(String(record.id));
    if (tenant === undefined || !tenant.keys.has(record.id)) throw new Error(`No key ${record.id} to update`);
    tenant.keys.set(record.id, record);
  }

  /** Deletes a key; later requests with its id fail as an unknown key. */
  revoke(id: number): boolean {
    const tenant = this.#owners.get(String(id));
    const record = tenant?.keys.get(id);
    this.#owners.delete(String(id));
    if (record?.authScheme === "xsoar6" && this.#xsoar6.delete(digest(record.secret))) this.#countLength(record.secret.length, -1);
    return tenant?.keys.delete(id) ?? false;
  }
}
