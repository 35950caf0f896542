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

/**
 * A first-in, first-out sliding-window limiter: no window of `perMs` ms ever holds more than `requests`
 * permits. Unlike a token bucket it has no burst above the limit, so "10 a second" holds for every
 * second, not only on average.
 */
export class RateLimiter {
  #limit: RateLimit;
  // Grant times of the last `requests` permits, oldest first.
  #granted: number[] = [];
  readonly #queue: Waiter[] = [];
  #pausedUntil = 0;
  #timer: NodeJS.Timeout | undefined;
  readonly #now: () => number;

  /**
   * @param limit - The rate.
   * @param now - Monotonic clock in ms (injectable for tests).
   * @throws RangeError when the rate is not two positive numbers.
   */
  constructor(limit: RateLimit, now: () => number = () => performance.now()) {
    RateLimiter.validate(limit);
    this.#limit = { requests: Math.floor(limit.requests), perMs: limit.perMs };
    this.#now = now;
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
   * Lowers the rate when `limit` is stricter (fewer requests per ms) than the current one; never raises it.
   * Clients of one tenant share one limiter, so the most careful client's rate wins.
   *
   * @param limit - The rate another client asked for.
   */
  tighten(limit: RateLimit): void {
    RateLimiter.validate(limit);
    if (limit.requests / limit.perMs < this.#limit.requests / this.#limit.perMs) {
      this.#limit = { requests: Math.floor(limit.requests), perMs: limit.perMs };
      this.#granted = this.#granted.slice(-this.#limit.requests);
    }
  }

  /**
   * Holds every permit until a moment, e.g. when the server said Retry-After.
   *
   * @param delayMs - How long from now to pause.
   */
  pauseFor(delayMs: number): void {
    if (!(delayMs > 0)) return;
    this.#pausedUntil = Math.max(this.#pausedUntil, this.#now() + delayMs);
    this.#schedule();
  }

  /**
   * Waits for a permit. Permits are granted in the order they were asked for.
   *
   * @param signal - Gives up waiting when it fires; the promise rejects with the signal's reason.
   * @returns Resolves when the caller may send.
   */
  acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted === true) return Promise.reject(signal.reason);
    if (this.#queue.length === 0 && this.#wait() <= 0) {
      this.#grant();
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
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
    const now = this.#now();
    let at = this.#pausedUntil;
    if (this.#granted.length >= this.#limit.requests) {
      const oldest = this.#granted[this.#granted.length - this.#limit.requests] ?? 0;
      at = Math.max(at, oldest + this.#limit.perMs);
    }
    return at - now;
  }

  #grant(): void {
    this.#granted.push(this.#now());
    if (this.#granted.length > this.#limit.requests) this.#granted.splice(0, this.#granted.length - this.#limit.requests);
  }

  #schedule(): void {
    if (this.#timer !== undefined) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
    while (this.#queue.length > 0) {
      const wait = this.#wait();
      if (wait > 0) {
        // Timers may fire a little early; the pump re-checks and sleeps again if needed.
        this.#timer = setTimeout(() => {
          this.#timer = undefined;
          this.#schedule();
        }, Math.ceil(wait));
        return;
      }
      const waiter = this.#queue.shift();
      if (waiter === undefined) return;
      waiter.signal?.removeEventListener("abort", waiter.onAbort);
      this.#grant();
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
