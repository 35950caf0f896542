/**
 * State shared by every client of one tenant in this process: the clock correction learnt from the
 * server, the retry budget (so a failing tenant cannot cause a retry storm however many clients talk to
 * it), the request-rate limiters and the XQL query slots.
 *
 * @module
 */
import { RateLimiter, Semaphore, type RateLimit } from "./limiter.js";

/** Mutable per-tenant state. */
export interface TenantState {
  /** Milliseconds to add to the local clock when signing (server minus local). */
  clockOffsetMs: number;
  /** Tokens left for retries; each retry spends some, each success refunds one. */
  retryTokens: number;
  /**
   * The tenant-wide request limiter, created by the first client that enables rate limiting; later
   * clients can only lower its rate.
   */
  limiter: RateLimiter | undefined;
  /** Per-operation limiters (operation id to limiter), from the operation table's `limits.rateLimit`. */
  readonly operationLimiters: Map<string, RateLimiter>;
  /** Slots for running XQL queries (see `CortexClient.withXqlSlot`), created on first use. */
  xqlSlots: Semaphore | undefined;
}

/** Retry budget a tenant starts with (as in the AWS SDK: 500 tokens, 5 per retry, 1 back per success). */
export const RETRY_BUDGET = 500;

const states = new Map<string, TenantState>();

/**
 * Returns the shared state of the tenant at an API URL, creating it on first use.
 *
 * @param baseUrl - The tenant's normalised API URL.
 * @returns The shared state object.
 */
export function tenantState(baseUrl: string): TenantState {
  let state = states.get(baseUrl);
  if (state === undefined) {
    state = { clockOffsetMs: 0, retryTokens: RETRY_BUDGET, limiter: undefined, operationLimiters: new Map(), xqlSlots: undefined };
    states.set(baseUrl, state);
  }
  return state;
}

/**
 * The tenant's shared limiter, created with `limit` or tightened to it.
 *
 * @param state - The tenant.
 * @param limit - The rate this client asks for.
 * @returns The shared limiter.
 * @internal
 */
export function tenantLimiter(state: TenantState, limit: RateLimit): RateLimiter {
  // Not spaced: like the service's window, it lets a whole window's worth go at once (10 calls to a fresh
  // tenant need not wait), and never more.
  if (state.limiter === undefined) state.limiter = new RateLimiter(limit);
  else state.limiter.tighten(limit);
  return state.limiter;
}

/**
 * The tenant's shared limiter of one operation.
 *
 * @param state - The tenant.
 * @param operationId - The operation.
 * @param limit - The operation's documented rate.
 * @returns The shared limiter.
 * @internal
 */
export function operationLimiter(state: TenantState, operationId: string, limit: RateLimit): RateLimiter {
  let limiter = state.operationLimiters.get(operationId);
  if (limiter === undefined) {
    limiter = new RateLimiter(limit);
    state.operationLimiters.set(operationId, limiter);
  }
  return limiter;
}

/**
 * The tenant's shared XQL slots, created with `capacity` or tightened to it.
 *
 * @param state - The tenant.
 * @param capacity - Parallel queries this client allows.
 * @returns The shared semaphore.
 * @internal
 */
export function tenantXqlSlots(state: TenantState, capacity: number): Semaphore {
  if (state.xqlSlots === undefined) state.xqlSlots = new Semaphore(capacity);
  else state.xqlSlots.tighten(capacity);
  return state.xqlSlots;
}
