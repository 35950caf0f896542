/**
 * Server-wide state shared by the request pipeline and operations.
 */
import type { AuthFailureEvent } from "./auth.js";
import type { RequestLimits } from "./bounds.js";
import type { EmulatorClock } from "./clock.js";
import type { FaultPlan } from "./faults.js";
import type { KeyIndex } from "./keys.js";
import type { NonceCache } from "./nonce-cache.js";
import type { ResolvedUnknowns } from "./options.js";
import { STATE_FORMAT_VERSION, type PersistedState, type PersistedTenant, type StateStore } from "./persistence.js";
import type { GenericResponder } from "./generic.js";
import type { Tenant } from "./tenant.js";

/** The mutable state of one running emulator. */
export interface EmulatorState {
  /** The emulator clock. */
  readonly clock: EmulatorClock;
  /** Emulator seed. */
  readonly seed: number;
  /** Accepted advanced-key timestamp distance from the clock, ms. */
  readonly authWindowMs: number;
  /** Largest body read, bytes. */
  readonly maxBodyBytes: number;
  /** Size bounds of a parsed body. */
  readonly requestLimits: RequestLimits;
  /** Hosted tenants by id. */
  readonly tenants: Map<string, Tenant>;
  /** Key id allocation and lookups. */
  readonly keys: KeyIndex<Tenant>;
  /** Advanced-key replay cache. */
  readonly nonces: NonceCache;
  /** The fault plan. */
  readonly faults: FaultPlan;
  /** How configurable unknowns are answered. */
  readonly unknowns: ResolvedUnknowns;
  /** Optional layer that answers operations without a specific handler. */
  readonly genericResponder: GenericResponder | undefined;
  /** Data directory store, when persistence is on. */
  readonly store: StateStore | undefined;
  /** Observer for rejected credentials. */
  readonly onAuthFailure: ((event: AuthFailureEvent) => void) | undefined;
  /** Observer for unexpected errors answered with 500. */
  readonly onError: ((error: unknown) => void) | undefined;
}

/** Builds the persisted form of the state. */
export function snapshotState(state: EmulatorState): PersistedState {
  const tenants: Record<string, PersistedTenant> = {};
  for (const tenant of state.tenants.values()) tenants[tenant.id] = { keys: [...tenant.keys.values()] };
  return { formatVersion: STATE_FORMAT_VERSION, savedAt: Date.now(), seed: state.seed, nextKeyId: state.keys.nextId, tenants };
}

/** Persists the state if a data directory is configured. */
export async function persist(state: EmulatorState): Promise<void> {
  await state.store?.save(() => snapshotState(state));
}
