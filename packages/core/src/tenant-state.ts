/**
 * State shared by every client of one tenant in this process: the clock correction learnt from the
 * server and the retry budget, so a failing tenant cannot cause a retry storm however many clients
 * talk to it.
 *
 * @module
 */

/** Mutable per-tenant state. */
export interface TenantState {
  /** Milliseconds to add to the local clock when signing (server minus local). */
  clockOffsetMs: number;
  /** Tokens left for retries; each retry spends some, each success refunds one. */
  retryTokens: number;
}

/** Retry budget a tenant starts with. */
export const RETRY_BUDGET = 100;

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
    state = { clockOffsetMs: 0, retryTokens: RETRY_BUDGET };
    states.set(baseUrl, state);
  }
  return state;
}
