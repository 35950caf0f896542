/**
 * `startEmulator`: builds tenants, issues bootstrap keys and serves them on
 * loopback.
 */
import type { Clock } from "./clock.js";
import { createClock } from "./clock.js";
import { generateSecret, KeyIndex } from "./keys.js";
import { NonceCache } from "./nonce-cache.js";
import { OPERATIONS } from "./operations/index.js";
import { ADMIN_ROLE } from "./rbac.js";
import { Router } from "./router.js";
import { createEmulatorServer } from "./server.js";
import type { AuthFailureEvent, EmulatorState } from "./state.js";
import { Tenant, type Product, type TenantInfo } from "./tenant.js";

/** Options for {@link startEmulator}. Every field is optional. */
export interface EmulatorOptions {
  /** TCP port; `0` (default) picks a free one. */
  port?: number | undefined;
  /** Interface to bind; default `"127.0.0.1"`. */
  host?: string | undefined;
  /** Seed for all generated data (not for secrets); default `1`. */
  seed?: number | undefined;
  /** How far an advanced-key timestamp may be from the emulator clock, ms; default 300 000 (±5 min). */
  authWindowMs?: number | undefined;
  /** Added to the base clock to form the emulator clock; default `0`. Use it to simulate client skew. */
  clockOffsetMs?: number | undefined;
  /** Base clock in epoch ms; default `Date.now`. Inject one to move time in tests. */
  now?: Clock | undefined;
  /** Seeded incidents per XDR tenant; default `25`. */
  incidentCount?: number | undefined;
  /** Called for every 401 with the internal reason the client never sees. */
  onAuthFailure?: ((event: AuthFailureEvent) => void) | undefined;
  /** Called with any unexpected error the emulator answered with a 500. */
  onError?: ((error: unknown) => void) | undefined;
}

/** The administrator key created with each tenant, so clients can bootstrap more keys. */
export interface BootstrapKey {
  /** Tenant the key belongs to. */
  readonly tenantId: string;
  /** Value for the `x-xdr-auth-id` header, a decimal number such as `"1"`. */
  readonly keyId: string;
  /** The secret (128 alphanumerics, random per start). */
  readonly key: string;
  /** Bootstrap keys are always advanced (signed) keys. */
  readonly securityLevel: "advanced";
  /** Bootstrap keys are tenant administrators. */
  readonly roles: readonly ["Instance Administrator"];
}

/** A started emulator. */
export interface RunningEmulator {
  /** Base URL, e.g. `http://127.0.0.1:54321` (API paths start with `/public_api/v1`). */
  readonly url: string;
  /** Hosted tenants. */
  readonly tenants: readonly TenantInfo[];
  /** One administrator key per tenant. */
  readonly bootstrapKeys: readonly BootstrapKey[];
  /** Stops listening and drops open (including keep-alive) connections. Safe to call twice. */
  close(): Promise<void>;
}

/** Creation time of the newest seeded incident: fixed so one seed always yields the same data. */
export const DATA_ANCHOR_MS = Date.UTC(2025, 0, 1);

const DEFAULTS = {
  port: 0,
  host: "127.0.0.1",
  seed: 1,
  authWindowMs: 300_000,
  clockOffsetMs: 0,
  incidentCount: 25,
} as const;

interface TenantPlan {
  readonly id: string;
  readonly product: Product;
  readonly name: string;
}

// One XDR tenant for now; more tenants and products become more entries here.
const TENANT_PLANS: readonly TenantPlan[] = [{ id: "tenant-xdr-1", product: "xdr", name: "Emulated XDR tenant" }];

function requireInteger(name: string, value: number, min: number, max: number = Number.MAX_SAFE_INTEGER): number {
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new RangeError(`EmulatorOptions.${name} must be an integer in [${min}, ${max}], got ${value}`);
  }
  return value;
}

/**
 * Starts an emulator on loopback and resolves once it is listening.
 *
 * @example
 * ```ts
 * const emulator = await startEmulator({ seed: 7 });
 * const [admin] = emulator.bootstrapKeys;
 * // ...call `${emulator.url}/public_api/v1/...` signed with admin.keyId / admin.key
 * await emulator.close();
 * ```
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const port = requireInteger("port", options.port ?? DEFAULTS.port, 0, 65_535);
  const host = options.host ?? DEFAULTS.host;
  const seed = requireInteger("seed", options.seed ?? DEFAULTS.seed, Number.MIN_SAFE_INTEGER);
  const authWindowMs = requireInteger("authWindowMs", options.authWindowMs ?? DEFAULTS.authWindowMs, 1);
  const clockOffsetMs = requireInteger(
    "clockOffsetMs",
    options.clockOffsetMs ?? DEFAULTS.clockOffsetMs,
    Number.MIN_SAFE_INTEGER,
  );
  const incidentCount = requireInteger("incidentCount", options.incidentCount ?? DEFAULTS.incidentCount, 0, 100_000);

  const clock = createClock(options.now, clockOffsetMs);
  const state: EmulatorState = {
    clock,
    authWindowMs,
    tenants: new Map(),
    keys: new KeyIndex<Tenant>(),
    nonces: new NonceCache(),
    onAuthFailure: options.onAuthFailure,
    onError: options.onError,
  };

  const bootstrapKeys: BootstrapKey[] = [];
  for (const plan of TENANT_PLANS) {
    const tenant = new Tenant({ ...plan, seed, incidentCount, dataAnchorMs: DATA_ANCHOR_MS });
    state.tenants.set(tenant.id, tenant);
    const key = state.keys.issue(tenant, {
      secret: generateSecret(),
      securityLevel: "advanced",
      roles: [ADMIN_ROLE],
      comment: "Bootstrap administrator key",
      // Never expires, so tests that move the clock forward keep their admin.
      expiration: null,
      creationTime: clock(),
      createdBy: "bootstrap",
    });
    bootstrapKeys.push({
      tenantId: tenant.id,
      keyId: String(key.id),
      key: key.secret,
      securityLevel: "advanced",
      roles: [ADMIN_ROLE],
    });
  }

  const router = new Router().register(...OPERATIONS);
  const server = createEmulatorServer(state, router);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === "string") {
    server.close();
    throw new Error("Emulator server has no TCP address");
  }
  // IPv6 literals need brackets inside a URL.
  const urlHost = address.address.includes(":") ? `[${address.address}]` : address.address;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${address.port}`,
    tenants: [...state.tenants.values()].map((tenant) => tenant.info()),
    bootstrapKeys,
    close: () => {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        // close() alone waits for idle keep-alive sockets; tests should not.
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
