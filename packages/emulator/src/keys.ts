/**
 * API keys: secret generation and the server-wide key registry.
 *
 * The registry is global to the server (not per tenant) because the
 * `x-xdr-auth-id` header is all a request carries to identify its tenant.
 */
import { randomInt } from "node:crypto";

/** How a key authenticates: raw secret (`standard`) or signed (`advanced`). */
export type SecurityLevel = "standard" | "advanced";

/** Length of generated secrets; the vendor's examples use 128 characters. */
export const SECRET_LENGTH = 128;

const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** A fresh secret from the OS CSPRNG (never from the data seed). */
export function generateSecret(length: number = SECRET_LENGTH): string {
  let out = "";
  // randomInt is unbiased, unlike `byte % 62`.
  for (let i = 0; i < length; i++) out += ALPHANUMERIC.charAt(randomInt(ALPHANUMERIC.length));
  return out;
}

/** A stored API key. The secret is kept raw: advanced signatures need it. */
export interface ApiKeyRecord {
  /** Numeric key id, unique across the server. */
  readonly id: number;
  /** Owning tenant. */
  readonly tenantId: string;
  /** The secret; returned to the client once, by `api_keys/generate`. */
  readonly secret: string;
  /** Fixed at creation. */
  readonly securityLevel: SecurityLevel;
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

/**
 * Server-wide key id allocation and id → tenant lookup. Tenants hold their
 * own keys; this index only answers "whose key is this id?".
 */
export class KeyIndex<TOwner extends KeyOwner> {
  readonly #owners = new Map<string, TOwner>();
  #nextId = 1;

  /** Creates a key for `tenant` under the next id (ids increase and are never reused). */
  issue(tenant: TOwner, key: NewApiKey): ApiKeyRecord {
    const record: ApiKeyRecord = { id: this.#nextId++, tenantId: tenant.id, ...key };
    tenant.keys.set(record.id, record);
    this.#owners.set(String(record.id), tenant);
    return record;
  }

  /** The key a request's `x-xdr-auth-id` names, if it exists (exact decimal id). */
  lookup(authId: string): OwnedKey<TOwner> | undefined {
    const tenant = this.#owners.get(authId);
    const key = tenant?.keys.get(Number(authId));
    return tenant === undefined || key === undefined ? undefined : { tenant, key };
  }

  /** Deletes a key; later requests with its id fail as an unknown key. */
  revoke(id: number): boolean {
    const tenant = this.#owners.get(String(id));
    this.#owners.delete(String(id));
    return tenant?.keys.delete(id) ?? false;
  }
}
