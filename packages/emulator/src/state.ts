/**
 * Server-wide state shared by the request pipeline and operations.
 */
import type { AuthFailureReason } from "./auth.js";
import type { Clock } from "./clock.js";
import type { KeyIndex } from "./keys.js";
import type { NonceCache } from "./nonce-cache.js";
import type { Tenant } from "./tenant.js";

/** Reported to `onAuthFailure` for every 401; the client never sees the reason. */
export interface AuthFailureEvent {
  /** Why the request was rejected. */
  readonly reason: AuthFailureReason;
  /** The `x-xdr-auth-id` sent, if any. */
  readonly keyId: string | undefined;
  /** HTTP method of the request. */
  readonly method: string;
  /** Request path, without the query string. */
  readonly path: string;
}

/** The mutable state of one running emulator. */
export interface EmulatorState {
  /** The emulator clock. */
  readonly clock: Clock;
  /** Accepted advanced-key timestamp distance from the clock, ms. */
  readonly authWindowMs: number;
  /** Hosted tenants by id. */
  readonly tenants: Map<string, Tenant>;
  /** Key id allocation and id → tenant lookup. */
  readonly keys: KeyIndex<Tenant>;
  /** Advanced-key replay cache. */
  readonly nonces: NonceCache;
  /** Observer for 401s. */
  readonly onAuthFailure: ((event: AuthFailureEvent) => void) | undefined;
  /** Observer for unexpected errors answered with 500. */
  readonly onError: ((error: unknown) => void) | undefined;
}
