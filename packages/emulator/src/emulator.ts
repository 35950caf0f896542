/**
 * `startEmulator`: builds tenants, restores or issues their keys, and serves
 * them on loopback.
 */
import { createClock } from "./clock.js";
import { FaultPlan, type FaultController } from "./faults.js";
import { generateSecret, generateXsoar6Secret, KeyIndex, type ApiKeyRecord, type AuthScheme, type SecurityLevel } from "./keys.js";
import { TenantLimits } from "./limits/index.js";
import { NonceCache } from "./nonce-cache.js";
import { OPERATIONS } from "./operations/index.js";
import { XDR_OPERATIONS, xdrOperations } from "./operations/xdr-index.js";
import { resolveOptions, type EmulatorOptions } from "./options.js";
import { StateStore, type PersistedState } from "./persistence.js";
import { createSchemaResponder } from "./schema-responder.js";
import { ADMIN_ROLE, XSOAR6_ADMIN_ROLE, seedRoles } from "./rbac.js";
import { Router, type Operation } from "./router.js";
import { createEmulatorServer } from "./server.js";
import { persist, type EmulatorState } from "./state.js";
import { type Deployment } from "@cortex-sdk/schemas-base/products";
import { Tenant, type TenantInfo } from "./tenant.js";

/** The administrator key created with each tenant, so clients can bootstrap more keys. */
export interface BootstrapKey {
  /** Tenant the key belongs to. */
  readonly tenantId: string;
  /** Deployment of that tenant. */
  readonly product: Deployment;
  /**
   * Value for the `x-xdr-auth-id` header, a decimal number such as `"1"`.
   * XSOAR 6 keys are sent without it (their id is informational).
   */
  readonly keyId: string;
  /** The secret: 128 alphanumerics for Cortex keys, 32 hex characters for XSOAR 6; random per data directory. */
  readonly key: string;
  /** `advanced` for Cortex tenants; `standard` (raw key) for XSOAR 6. */
  readonly securityLevel: SecurityLevel;
  /** `cortex` (`x-xdr-auth-id` + `Authorization`) or `xsoar6` (`Authorization` only). */
  readonly authScheme: AuthScheme;
  /** `["Instance Administrator"]`, or `["Administrator"]` on XSOAR 6. */
  readonly roles: readonly string[];
}

/** A started emulator. */
export interface RunningEmulator {
  /** Base URL, e.g. `http://127.0.0.1:54321`. */
  readonly url: string;
  /** Hosted tenants, in configuration order (the XDR tenant first by default). */
  readonly tenants: readonly TenantInfo[];
  /** One administrator key per tenant, in the order of `tenants`. */
  readonly bootstrapKeys: readonly BootstrapKey[];
  /** Changes the fault plan at run time. */
  readonly faults: FaultController;
  /**
   * Turns a tenant's scope-based access switch on or off (the console's setting; the vendor documents no
   * API for it). While off, keys' scopes are stored and served but not enforced.
   * @throws RangeError for an unknown tenant id.
   */
  setScopeEnforcement(tenantId: string, enforced: boolean): void;
  /** Stops listening, drops open (including keep-alive) connections, flushes state. Safe to call twice. */
  close(): Promise<void>;
}

/** Creation time of the newest seeded incident: fixed so one seed always yields the same data. */
export const DATA_ANCHOR_MS = Date.UTC(2025, 0, 1);

const LEVELS: readonly SecurityLevel[] = ["standard", "advanced"];
const SCHEMES: readonly AuthScheme[] = ["cortex", "xsoar6"];

/** Checks a key record read from disk. */
function restoredKey(value: unknown, where: string): ApiKeyRecord {
  const record = value as Partial<Record<keyof ApiKeyRecord, unknown>> | null;
  const ok =
    typeof record === "object" &&
    record !== null &&
    typeof record.id === "number" &&
    Number.isSafeInteger(record.id) &&
    record.id > 0 &&
    typeof record.secret === "string" &&
    LEVELS.includes(record.securityLevel as SecurityLevel) &&
    (record.authScheme === undefined || SCHEMES.includes(record.authScheme as AuthScheme)) &&
    Array.isArray(record.roles) &&
    record.roles.every((role) => typeof role === "string") &&
    (record.expiration === null || typeof record.expiration === "number") &&
    typeof record.creationTime === "number";
  if (!ok) throw new Error(`Data directory state: ${where} is not a valid key record`);
  return {
    id: record.id as number,
    tenantId: String(record.tenantId ?? ""),
    secret: record.secret as string,
    securityLevel: record.securityLevel as SecurityLevel,
    authScheme: (record.authScheme as AuthScheme | undefined) ?? "cortex",
    roles: record.roles as string[],
    comment: typeof record.comment === "string" ? record.comment : null,
    expiration: record.expiration as number | null,
    creationTime: record.creationTime as number,
    createdBy: typeof record.createdBy === "string" ? record.createdBy : "unknown",
    scope: (record.scope as ApiKeyRecord["scope"] | undefined) ?? null,
    bootstrap: record.bootstrap === true,
  };
}

function restore(state: EmulatorState, saved: PersistedState): void {
  state.keys.reserveUpTo(saved.nextKeyId);
  for (const tenant of state.tenants.values()) {
    const entry = saved.tenants[tenant.id];
    if (entry === undefined) continue;
    if (!Array.isArray(entry.keys)) throw new Error(`Data directory state: tenants.${tenant.id}.keys is not a list`);
    entry.keys.forEach((value, index) => state.keys.restore(tenant, restoredKey(value, `tenants.${tenant.id}.keys[${index}]`)));
  }
}

function bootstrapKeyOf(state: EmulatorState, tenant: Tenant): BootstrapKey {
  let key = [...tenant.keys.values()].find((candidate) => candidate.bootstrap);
  if (key === undefined) {
    const xsoar6 = tenant.product === "xsoar6";
    key = state.keys.issue(tenant, {
      secret: xsoar6 ? generateXsoar6Secret() : generateSecret(),
      securityLevel: xsoar6 ? "standard" : "advanced",
      authScheme: xsoar6 ? "xsoar6" : "cortex",
      roles: [xsoar6 ? XSOAR6_ADMIN_ROLE : ADMIN_ROLE],
      comment: "Bootstrap administrator key",
      // Never expires, so tests that move the clock forward keep their admin.
      expiration: null,
      creationTime: state.clock.now(),
      createdBy: "bootstrap",
      scope: null,
      bootstrap: true,
    });
  }
  return {
    tenantId: tenant.id,
    product: tenant.product,
    keyId: String(key.id),
    key: key.secret,
    securityLevel: key.securityLevel,
    authScheme: key.authScheme,
    roles: [...key.roles],
  };
}

/**
 * Starts an emulator on loopback and resolves once it is listening.
 *
 * @throws RangeError or TypeError for invalid options; Error when the data
 *   directory is locked by another emulator or holds an unreadable state file.
 *
 * @example
 * ```ts
 * const emulator = await startEmulator({ seed: 7 });
 * const [admin] = emulator.bootstrapKeys; // the XDR tenant's administrator
 * // ...call `${emulator.url}/public_api/v1/...` signed with admin.keyId / admin.key
 * await emulator.close();
 * ```
 */
export function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  return startEmulatorWith(options, OPERATIONS);
}

/**
 * `operations` with its XDR / XSIAM state operations rebuilt for `EmulatorOptions.xdrState`
 * (unchanged when none is given).
 * @throws RangeError on invalid `xdrState` values.
 */
function withXdrState(operations: readonly Operation[], options: EmulatorOptions): readonly Operation[] {
  if (options.xdrState === undefined) return operations;
  const configured = xdrOperations(options.xdrState);
  // By identity: Xpanse operations share ids (get_incidents, update_alerts) with XDR ones.
  const defaults = new Set<Operation>(XDR_OPERATIONS);
  return [...operations.filter((operation) => !defaults.has(operation)), ...configured];
}

/**
 * {@link startEmulator} with an explicit table of specific operations (tests
 * add operations that reach internals such as the XQL accounting).
 * @internal
 */
export async function startEmulatorWith(options: EmulatorOptions, operations: readonly Operation[]): Promise<RunningEmulator> {
  const resolved = resolveOptions(options);
  const table = withXdrState(operations, options);
  const clock = createClock(options.now, resolved.clockOffsetMs);
  const tenants = new Map<string, Tenant>();
  for (const spec of resolved.tenants) {
    tenants.set(
      spec.id,
      new Tenant({
        id: spec.id,
        product: spec.product,
        name: spec.name,
        seed: spec.seed,
        incidentCount: spec.incidentCount,
        dataAnchorMs: DATA_ANCHOR_MS,
        roles: [...seedRoles(spec.product), ...spec.roles],
        families: spec.families,
        parentId: spec.parentId,
        limits: new TenantLimits(spec.rate, spec.xql, spec.ingestion),
        scopeEnforcement: spec.scopeEnforcement,
      }),
    );
  }
  for (const tenant of tenants.values()) {
    if (tenant.parentId !== null) tenants.get(tenant.parentId)?.childIds.add(tenant.id);
  }

  const store = resolved.dataDir === undefined ? undefined : await StateStore.open(resolved.dataDir);
  const state: EmulatorState = {
    clock,
    seed: resolved.seed,
    authWindowMs: resolved.authWindowMs,
    maxBodyBytes: resolved.maxBodyBytes,
    requestLimits: resolved.requestLimits,
    tenants,
    keys: new KeyIndex<Tenant>(),
    nonces: new NonceCache({ maxEntries: resolved.nonceMaxEntries, whenFull: resolved.nonceWhenFull }),
    faults: new FaultPlan(resolved.seed, resolved.faults),
    unknowns: resolved.unknowns,
    // Default: the schema-driven layer; `null` turns the generic layer off.
    genericResponder:
      options.genericResponder === undefined
        ? createSchemaResponder({ iamErrorShape: resolved.unknowns.iamErrorShape })
        : (options.genericResponder ?? undefined),
    store,
    onAuthFailure: options.onAuthFailure,
    onError: options.onError,
  };

  const router = new Router().register(...table);
  const server = createEmulatorServer(state, router);
  let bootstrapKeys: BootstrapKey[];
  try {
    if (store?.initial !== undefined) restore(state, store.initial);
    bootstrapKeys = [...tenants.values()].map((tenant) => bootstrapKeyOf(state, tenant));
    await persist(state);
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(resolved.port, resolved.host, () => {
        server.off("error", reject);
        resolve();
      });
    });
  } catch (error) {
    server.close();
    await store?.close();
    throw error;
  }
  const address = server.address();
  if (address === null || typeof address === "string") {
    server.close();
    await store?.close();
    throw new Error("Emulator server has no TCP address");
  }
  // IPv6 literals need brackets inside a URL.
  const urlHost = address.address.includes(":") ? `[${address.address}]` : address.address;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${address.port}`,
    tenants: [...tenants.values()].map((tenant) => tenant.info()),
    bootstrapKeys,
    faults: state.faults,
    setScopeEnforcement: (tenantId, enforced) => {
      const tenant = tenants.get(tenantId);
      if (tenant === undefined) throw new RangeError(`No tenant '${tenantId}'`);
      tenant.scopeEnforcement = enforced;
    },
    close: () => {
      closing ??= (async () => {
        await new Promise<void>((resolve, reject) => {
          server.close((error) => (error === undefined ? resolve() : reject(error)));
          // close() alone waits for idle keep-alive sockets; tests should not.
          server.closeAllConnections();
        });
        await store?.close();
      })();
      return closing;
    },
  };
}
