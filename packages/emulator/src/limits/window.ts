/**
 * Sliding-window counters with memory bounded by the limit: a window admitting
 * `limit` events per `windowMs` stores at most `limit` timestamps.
 */

/** Outcome of asking a window for room. */
export type Admission = { readonly ok: true } | { readonly ok: false; readonly retryAfterMs: number };

/** "At most `limit` events in any `windowMs` span": a ring buffer of the last `limit` event times. */
export class SlidingWindow {
  readonly #times: Float64Array;
  readonly #windowMs: number;
  #next = 0;
  #count = 0;

  /**
   * @param limit - Events allowed per window (≥ 1).
   * @param windowMs - Window length in ms (≥ 1).
   */
  constructor(limit: number, windowMs: number) {
    this.#times = new Float64Array(limit);
    this.#windowMs = windowMs;
  }

  /** Records an event at `now` if the window has room. */
  tryAcquire(now: number): Admission {
    const limit = this.#times.length;
    if (this.#count === limit) {
      // The oldest of the last `limit` events sits where the next one goes.
      const oldest = this.#times[this.#next] ?? 0;
      const wait = oldest + this.#windowMs - now;
      if (wait > 0) return { ok: false, retryAfterMs: wait };
    } else {
      this.#count++;
    }
    this.#times[this.#next] = now;
    this.#next = (this.#next + 1) % limit;
    return { ok: true };
  }
}

/**
 * "At most `limit` units in any `windowMs` span" where one event may carry many
 * units (e.g. alerts per ingestion request). Stores at most `limit` entries,
 * since every entry carries at least one unit.
 */
export class WeightedWindow {
  readonly #limit: number;
  readonly #windowMs: number;
  #entries: { readonly at: number; readonly units: number }[] = [];
  #total = 0;

  /**
   * @param limit - Units allowed per window (≥ 1).
   * @param windowMs - Window length in ms (≥ 1).
   */
  constructor(limit: number, windowMs: number) {
    this.#limit = limit;
    this.#windowMs = windowMs;
  }

  /** Records `units` at `now` if they fit in the window. */
  tryAcquire(units: number, now: number): Admission {
    let drop = 0;
    while (drop < this.#entries.length && (this.#entries[drop]?.at ?? 0) <= now - this.#windowMs) {
      this.#total -= this.#entries[drop]?.units ?? 0;
      drop++;
    }
    if (drop > 0) this.#entries = this.#entries.slice(drop);
    if (this.#total + units > this.#limit) {
      // Wait until enough of the oldest entries leave the window.
      let freed = 0;
      for (const entry of this.#entries) {
        freed += entry.units;
        if (this.#total - freed + units <= this.#limit) return { ok: false, retryAfterMs: entry.at + this.#windowMs - now };
      }
      return { ok: false, retryAfterMs: this.#windowMs };
    }
    this.#entries.push({ at: now, units });
    this.#total += units;
    return { ok: true };
  }

  /** Units currently inside the window (as of the last call). */
  get used(): number {
    return this.#total;
  }
}
