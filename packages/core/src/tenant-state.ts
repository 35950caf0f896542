/**
 * State shared by every client of one tenant in this process: the clock correction learnt from the
 * server, the retry budget (so a failing tenant cannot cause a retry storm however many clients talk to
 * it), the request-rate limiters and the XQL query slots. An MSSP child tenant (reached through its
 * parent's URL with `x-child-tenant-id`) has request-rate limiters of its own (the service counts its
 * requests against it) and shares the rest with the URL's tenant.
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

interface UrlTenant {
  readonly baseUrl: string;
  readonly state: TenantState;
  readonly children: Map<string, ChildTenantState>;
  // Child tenant count at which idle child tenants are dropped.
  sweepAt: number;
}

const states = new Map<string, UrlTenant>();

// Child tenants kept before idle ones are dropped (a process that fans out over thousands of child ids, again
// and again, would otherwise keep every child's limiters for ever).
const CHILD_SWEEP_MIN = 1_024;

/**
 * A child tenant's state: request-rate limiters of its own; the clock correction (one host, one clock), the
 * retry budget (one gateway to spare) and the XQL slots (kept as careful as before) are its parent's.
 *
 * A child whose limiters hold nothing (no permit still counted, no waiter, no pause) is dropped once there
 * are many: a new state acts exactly as the dropped one would have. A call still holding the dropped
 * object reaches the limiters of the state that replaced it, so no child ever has two live windows.
 */
class ChildTenantState implements TenantState {
  readonly #tenant: UrlTenant;
  readonly #childTenantId: string;
  #limiter: RateLimiter | undefined;
  #operationLimiters: Map<string, RateLimiter> | undefined;
  #dropped = false;

  constructor(tenant: UrlTenant, childTenantId: string) {
    this.#tenant = tenant;
    this.#childTenantId = childTenantId;
  }

  get clockOffsetMs(): number {
    return this.#tenant.state.clockOffsetMs;
  }

  set clockOffsetMs(value: number) {
    this.#tenant.state.clockOffsetMs = value;
  }

  get retryTokens(): number {
    return this.#tenant.state.retryTokens;
  }

  set retryTokens(value: number) {
    this.#tenant.state.retryTokens = value;
  }

  get limiter(): RateLimiter | undefined {
    return this.#dropped ? this.#live().limiter : this.#limiter;
  }

  set limiter(value: RateLimiter | undefined) {
    if (this.#dropped) this.#live().limiter = value;
    else this.#limiter = value;
  }

  get operationLimiters(): Map<string, RateLimiter> {
    if (this.#dropped) return this.#live().operationLimiters;
    // Most child tenants are never sent an operation with a limit of its own.
    this.#operationLimiters ??= new Map();
    return this.#operationLimiters;
  }

  get xqlSlots(): Semaphore | undefined {
    return this.#tenant.state.xqlSlots;
  }

  set xqlSlots(value: Semaphore | undefined) {
    this.#tenant.state.xqlSlots = value;
  }

  /** @returns Whether its limiters hold nothing: a new state would act the same. */
  idle(): boolean {
    if (this.#limiter !== undefined && !this.#limiter.idle) return false;
    if (this.#operationLimiters !== undefined) for (const limiter of this.#operationLimiters.values()) if (!limiter.idle) return false;
    return true;
  }

  /** Marks it dropped: from now on it reaches the limiters of the state that replaces it. */
  drop(): void {
    this.#dropped = true;
    this.#limiter = undefined;
    this.#operationLimiters = undefined;
  }

  #live(): TenantState {
    return tenantState(this.#tenant.baseUrl, this.#childTenantId);
  }
}

function sweepChildren(tenant: UrlTenant): void {
  for (const [childTenantId, child] of tenant.children) {
    if (!child.idle()) continue;
    child.drop();
    tenant.children.delete(childTenantId);
  }
  tenant.sweepAt = Math.max(CHILD_SWEEP_MIN, tenant.children.size * 2);
}

/**
 * Returns the shared state of the tenant at an API URL, or of one of its MSSP child tenants, creating it on
 * first use.
 *
 * @param baseUrl - The tenant's normalised API URL.
 * @param childTenantId - The child tenant requests act on (`x-child-tenant-id`), if any.
 * @returns The shared state object.
 */
export function tenantState(baseUrl: string, childTenantId?: string): TenantState {
  let tenant = states.get(baseUrl);
  if (tenant === undefined) {
    tenant = { baseUrl, state: { clockOffsetMs: 0, retryTokens: RETRY_BUDGET, limiter: undefined, operationLimiters: new Map(), xqlSlots: undefined }, children: new Map(), sweepAt: CHILD_SWEEP_MIN };
    states.set(baseUrl, tenant);
  }
  if (childTenantId === undefined) return tenant.state;
  let child = tenant.children.get(childTenantId);
  if (child === undefined) {
    if (tenant.children.size >= tenant.sweepAt) sweepChildren(tenant);
    child = new ChildTenantState(tenant, childTenantId);
    tenant.children.set(childTenantId, child);
  }
  return child;
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
