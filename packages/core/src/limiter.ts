/**
 * Client-side flow control: a sliding-window rate limiter (the tenant-wide limit and per-operation
 * limits) and a counting semaphore (the XQL limit of parallel queries).
 *
 * @module
 */

/** A rate: at most `requests` in any window of `perMs` milliseconds. */
export interface RateLimit {
  /** Requests allowed per window. */
  readonly requests: number;
  /** Window length in ms. */
  readonly perMs: number;
}

interface Waiter {
  readonly resolve: () => void;
  readonly reject: (reason: unknown) => void;
  readonly signal: AbortSignal | undefined;
  readonly onAbort: () => void;
}

/** Time source and timer of a {@link RateLimiter}; tests pass a controlled one. */
export interface LimiterClock {
  /** Monotonic time in ms. */
  now(): number;
  /**
   * Calls `callback` after `ms` milliseconds.
   *
   * @returns A function that cancels the timer.
   */
  setTimer(callback: () => void, ms: number): () => void;
}

/** Options of a {@link RateLimiter}. */
export interface RateLimiterOptions {
  /** Time source and timers (default: `performance.now()` and `setTimeout`). */
  readonly clock?: LimiterClock;
  /**
   * Space permits at least `perMs / requests` apart (default `false`), so a backlog drains at an even pace
   * instead of in bursts of a whole window.
   */
  readonly spaced?: boolean;
}

/**
 * One granted permit. Call {@link Permit.settle} once the request's answer has started (or the attempt
 * failed): until then the limiter assumes the request may still be on its way to the service.
 */
export interface Permit {
  /** Marks the request as answered (or abandoned); later calls have no effect. */
  settle(): void;
}

/**
 * Margin added to the window: the service's clock is not this process's monotonic clock (it may be a wall
 * clock in whole milliseconds, running a hair faster or slower, its window bounds inclusive or not), so a
 * request sent exactly one window after another's answer could still land in the same window there.
 * Half a percent of the window, at least 2 ms.
 */
function guardMs(perMs: number): number {
  return Math.max(2, perMs / 200);
}

/**
 * How long after it was sent a request still unanswered is assumed to possibly be on its way to the service.
 * Long enough for a gateway that is slow to count under load (seen: over a second); a call answered later
 * than this (a long-running query) stops holding its slot after it, so slow calls cannot starve the others.
 */
const MAX_TRANSIT_MS = 10_000;

/** The default clock: `performance.now()` and `setTimeout`. */
export const SYSTEM_CLOCK: LimiterClock = {
  now: () => performance.now(),
  setTimer: (callback, ms) => {
    const timer = setTimeout(callback, ms);
    return () => clearTimeout(timer);
  },
};

// Set in RateLimiter's static block: a slot settles through its limiter's private state.
let settleSlot: (limiter: RateLimiter, slot: Slot) => void;

// One permit and its place in the window: `arrivedBy` is the latest moment the request can have reached the
// service (its answer started, or, while there is no answer yet, one window after it was sent). One object per
// permit (no closure): a call to a new MSSP child tenant takes one.
class Slot implements Permit {
  arrivedBy: number;
  // Until settled.
  #limiter: RateLimiter | undefined;

  constructor(arrivedBy: number, limiter: RateLimiter) {
    this.arrivedBy = arrivedBy;
    this.#limiter = limiter;
  }

  settle(): void {
    const limiter = this.#limiter;
    if (limiter === undefined) return;
    this.#limiter = undefined;
    settleSlot(limiter, this);
  }
}

/**
 * A first-in, first-out sliding-window limiter that matches how the service counts: no window of `perMs`
 * ms ever holds more than `requests` requests *as the service sees them arrive*.
 *
 * The service counts a request when it arrives, which is some time after the client sent it and no later
 * than the moment its answer starts. So a permit counts from the moment it is granted (right before the
 * request is sent) until `perMs` after {@link Permit.settle} (the answer), not after the grant: a request
 * that took long to reach the service can never make the next window overfull. A request still unanswered
 * ten seconds (or one window, if longer) after it was sent is taken to have arrived by then.
 *
 * Unlike a token bucket it has no burst above the limit, and with `spaced` no burst at all.
 */
export class RateLimiter {
  #limit: RateLimit;
  // Permits that may still count in the current window, in grant order.
  #slots: Slot[] = [];
  readonly #queue: Waiter[] = [];
  #pausedUntil = 0;
  // With `spaced`: the earliest moment of the next grant.
  #nextSpacedAt = Number.NEGATIVE_INFINITY;
  #cancelTimer: (() => void) | undefined;
  readonly #clock: LimiterClock;
  readonly #spaced: boolean;

  static {
    settleSlot = (limiter, slot) => {
      slot.arrivedBy = Math.min(slot.arrivedBy, limiter.#clock.now());
      if (limiter.#queue.length > 0) limiter.#schedule();
    };
  }

  /**
   * @param limit - The rate.
   * @param options - Clock and spacing.
   * @throws RangeError when the rate is not two positive numbers.
   */
  constructor(limit: RateLimit, options: RateLimiterOptions = {}) {
    RateLimiter.validate(limit);
    this.#limit = { requests: Math.floor(limit.requests), perMs: limit.perMs };
    this.#clock = options.clock ?? SYSTEM_CLOCK;
    this.#spaced = options.spaced ?? false;
  }

  /**
   * Checks a rate.
   *
   * @param limit - The rate to check.
   * @throws RangeError when `requests` is not a positive integer or `perMs` not a positive number.
   */
  static validate(limit: RateLimit): void {
    if (!Number.isInteger(limit.requests) || limit.requests < 1 || !Number.isFinite(limit.perMs) || limit.perMs <= 0) {
      throw new RangeError(`A rate limit needs a positive whole number of requests and a positive window in ms; got ${JSON.stringify(limit)}.`);
    }
  }

  /** The current rate. */
  get limit(): RateLimit {
    return this.#limit;
  }

  /** Permits waiting. */
  get pending(): number {
    return this.#queue.length;
  }

  /**
   * Whether it holds nothing: no waiter, no pause or spacing still ahead, no permit still counted in the
   * window. An idle limiter acts exactly as a new one of its rate.
   */
  get idle(): boolean {
    if (this.#queue.length > 0) return false;
    const now = this.#clock.now();
    if (this.#pausedUntil > now || (this.#spaced && this.#nextSpacedAt > now)) return false;
    const perMs = this.#limit.perMs + guardMs(this.#limit.perMs);
    for (const slot of this.#slots) if (slot.arrivedBy + perMs > now) return false;
    return true;
  }

  /**
   * Lowers the rate when `limit` is stricter (fewer requests per ms) than the current one; never raises it.
   * Clients of one tenant share one limiter, so the most careful client's rate wins.
   *
   * @param limit - The rate another client asked for.
   */
  tighten(limit: RateLimit): void {
    RateLimiter.validate(limit);
    if (limit.requests / limit.perMs < this.#limit.requests / this.#limit.perMs) {
      this.#limit = { requests: Math.floor(limit.requests), perMs: limit.perMs };
      this.#schedule();
    }
  }

  /**
   * Holds every permit until a moment, e.g. when the server said Retry-After.
   *
   * @param delayMs - How long from now to pause.
   */
  pauseFor(delayMs: number): void {
    if (!(delayMs > 0)) return;
    this.#pausedUntil = Math.max(this.#pausedUntil, this.#clock.now() + delayMs);
    this.#schedule();
  }

  /**
   * Waits for a permit. Permits are granted in the order they were asked for. Ask right before sending,
   * and settle the permit when the answer starts.
   *
   * @param signal - Gives up waiting when it fires; the promise rejects with the signal's reason.
   * @returns Resolves with the permit when the caller may send.
   */
  acquire(signal?: AbortSignal): Promise<Permit> {
    if (signal?.aborted === true) return Promise.reject(signal.reason);
    if (this.#queue.length === 0 && this.#wait() <= 0) return Promise.resolve(this.#grant());
    return this.#enqueue(signal);
  }

  /**
   * Takes a permit if one may be granted now, with nobody waiting before it: what {@link RateLimiter.acquire}
   * would resolve with at once, without the promise.
   *
   * @param signal - When it has fired, no permit is granted.
   * @returns The permit, or undefined (wait with {@link RateLimiter.acquire}).
   */
  tryAcquire(signal?: AbortSignal): Permit | undefined {
    if (signal?.aborted === true || this.#queue.length > 0 || this.#wait() > 0) return undefined;
    return this.#grant();
  }

  #enqueue(signal: AbortSignal | undefined): Promise<Permit> {
    return new Promise<Permit>((resolve, reject) => {
      const waiter: Waiter = {
        resolve: () => resolve(this.#grant()),
        reject,
        signal,
        onAbort: () => {
          const index = this.#queue.indexOf(waiter);
          if (index !== -1) this.#queue.splice(index, 1);
          reject(signal?.reason);
          this.#schedule();
        },
      };
      signal?.addEventListener("abort", waiter.onAbort, { once: true });
      this.#queue.push(waiter);
      this.#schedule();
    });
  }

  // Milliseconds until the next permit may be granted (<= 0: now).
  #wait(): number {
    const now = this.#clock.now();
    const { requests } = this.#limit;
    const perMs = this.#limit.perMs + guardMs(this.#limit.perMs);
    // Slots whose request arrived a whole window ago no longer count; `arrivedBy` only ever moves earlier,
    // so a slot once dropped can never count again.
    let kept = 0;
    for (const slot of this.#slots) if (slot.arrivedBy + perMs > now) this.#slots[kept++] = slot;
    this.#slots.length = kept;
    let at = Math.max(this.#pausedUntil, this.#spaced ? this.#nextSpacedAt : 0);
    if (kept >= requests) {
      // The window has room once all but `requests - 1` of the counted slots have left it.
      const leaving = this.#slots.map((slot) => slot.arrivedBy).sort((a, b) => a - b);
      at = Math.max(at, (leaving[kept - requests] ?? 0) + perMs);
    }
    return at - now;
  }

  #grant(): Permit {
    const now = this.#clock.now();
    const { requests, perMs } = this.#limit;
    const slot = new Slot(now + Math.max(perMs, MAX_TRANSIT_MS), this);
    this.#slots.push(slot);
    if (this.#spaced) {
      const gap = perMs / requests;
      // A timer that fired a little late does not push every later permit back (no drift); after an idle
      // spell there is no saved-up burst either.
      this.#nextSpacedAt = (now - this.#nextSpacedAt < gap ? this.#nextSpacedAt : now) + gap;
    }
    return slot;
  }

  #schedule(): void {
    if (this.#cancelTimer !== undefined) {
      this.#cancelTimer();
      this.#cancelTimer = undefined;
    }
    while (this.#queue.length > 0) {
      const wait = this.#wait();
      if (wait > 0) {
        // Timers may fire a little early; the pump re-checks and sleeps again if needed.
        this.#cancelTimer = this.#clock.setTimer(() => {
          this.#cancelTimer = undefined;
          this.#schedule();
        }, Math.ceil(wait));
        return;
      }
      const waiter = this.#queue.shift();
      if (waiter === undefined) return;
      waiter.signal?.removeEventListener("abort", waiter.onAbort);
      waiter.resolve();
    }
  }
}

/** A counting semaphore with first-in, first-out waiters. */
export class Semaphore {
  #capacity: number;
  #inUse = 0;
  readonly #queue: Waiter[] = [];

  /**
   * @param capacity - Permits available at once.
   * @throws RangeError when the capacity is not a positive integer.
   */
  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`A semaphore needs a positive whole capacity; got ${capacity}.`);
    this.#capacity = capacity;
  }

  /** Permits available at once. */
  get capacity(): number {
    return this.#capacity;
  }

  /** Permits held now. */
  get inUse(): number {
    return this.#inUse;
  }

  /**
   * Lowers the capacity when `capacity` is smaller; never raises it (see {@link RateLimiter.tighten}).
   *
   * @param capacity - The capacity another client asked for.
   */
  tighten(capacity: number): void {
    if (Number.isInteger(capacity) && capacity >= 1 && capacity < this.#capacity) this.#capacity = capacity;
  }

  /**
   * Waits for a permit.
   *
   * @param signal - Gives up waiting when it fires; the promise rejects with the signal's reason.
   * @returns A function that gives the permit back; calling it more than once has no further effect.
   */
  async acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted === true) throw signal.reason;
    if (this.#inUse < this.#capacity && this.#queue.length === 0) {
      this.#inUse += 1;
      return this.#releaser();
    }
    await new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        signal,
        onAbort: () => {
          const index = this.#queue.indexOf(waiter);
          if (index !== -1) this.#queue.splice(index, 1);
          reject(signal?.reason);
        },
      };
      signal?.addEventListener("abort", waiter.onAbort, { once: true });
      this.#queue.push(waiter);
    });
    return this.#releaser();
  }

  #releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#inUse -= 1;
      this.#pump();
    };
  }

  #pump(): void {
    while (this.#inUse < this.#capacity && this.#queue.length > 0) {
      const waiter = this.#queue.shift();
      if (waiter === undefined) return;
      waiter.signal?.removeEventListener("abort", waiter.onAbort);
      this.#inUse += 1;
      waiter.resolve();
    }
  }
}
