/**
 * Remembers advanced-key nonces to reject replays.
 *
 * An entry only needs to live while its signed timestamp is still inside the
 * accepted window (after that the skew check rejects a replay anyway), so
 * memory is bounded by the request rate times the window.
 */
const MIN_SWEEP_SIZE = 1024;

/** Replay cache for advanced-key nonces, keyed by caller-chosen ids. */
export class NonceCache {
  readonly #expiries = new Map<string, number>();
  // Sweeping when the map doubles keeps cleanup amortised O(1) per request.
  #sweepAtSize = MIN_SWEEP_SIZE;

  /**
   * Records `id` until `expiresAt` (epoch ms, inclusive).
   * @returns `false` if `id` was already recorded and has not expired (a replay).
   */
  remember(id: string, expiresAt: number, now: number): boolean {
    const existing = this.#expiries.get(id);
    if (existing !== undefined && existing >= now) return false;
    this.#expiries.set(id, expiresAt);
    if (this.#expiries.size >= this.#sweepAtSize) {
      this.sweep(now);
      this.#sweepAtSize = Math.max(MIN_SWEEP_SIZE, this.#expiries.size * 2);
    }
    return true;
  }

  /** Drops every entry that expired before `now`. */
  sweep(now: number): void {
    for (const [id, expiresAt] of this.#expiries) {
      if (expiresAt < now) this.#expiries.delete(id);
    }
  }

  /** Number of remembered nonces (live or not yet swept). */
  get size(): number {
    return this.#expiries.size;
  }
}
