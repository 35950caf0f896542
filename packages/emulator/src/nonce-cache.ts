/**
 * Replay protection for advanced keys, bounded in memory.
 *
 * A nonce only needs to live while its signed timestamp is still inside the
 * accepted window (after that the skew check rejects a replay anyway), so the
 * cache holds at most (request rate × 2 × window) entries. A hard cap bounds
 * it even under a flood; what happens at the cap is configurable
 * ({@link NonceCacheFullPolicy}).
 */

/** Default hard cap on remembered nonces (about 40 MB). */
export const DEFAULT_NONCE_CACHE_ENTRIES = 250_000;

/** Size at which the first full sweep happens. */
const MIN_SWEEP_SIZE = 1024;
/** While full, at most one full sweep per this many ms of emulator time. */
const FULL_SWEEP_INTERVAL_MS = 1000;

/**
 * What happens when the cache holds `maxEntries` live nonces:
 * - `evict_oldest` (default): the oldest entries are dropped to make room. Every
 *   authentic request is still answered; only a nonce older than
 *   (maxEntries ÷ request rate) could be replayed while still inside the window.
 * - `reject`: the new request is refused with 429 "Too many requests" (no replay
 *   can slip through; clients back off until nonces expire).
 */
export type NonceCacheFullPolicy = "reject" | "evict_oldest";

/** Outcome of {@link NonceCache.remember}. */
export type RememberResult = "stored" | "replay" | "full";

/** Options of a {@link NonceCache}. */
export interface NonceCacheOptions {
  /** Hard cap on stored nonces; default {@link DEFAULT_NONCE_CACHE_ENTRIES}. */
  readonly maxEntries?: number;
  /** Behaviour at the cap; default `evict_oldest`. */
  readonly whenFull?: NonceCacheFullPolicy;
}

/** Replay cache for advanced-key nonces, keyed by caller-chosen ids. */
export class NonceCache {
  readonly #expiries = new Map<string, number>();
  readonly #maxEntries: number;
  readonly #whenFull: NonceCacheFullPolicy;
  // Sweeping when the map doubles keeps cleanup amortised O(1) per request.
  #sweepAtSize = MIN_SWEEP_SIZE;
  #lastFullSweepAt = Number.NEGATIVE_INFINITY;

  /** @param options - Cap and full policy. */
  constructor(options: NonceCacheOptions = {}) {
    this.#maxEntries = options.maxEntries ?? DEFAULT_NONCE_CACHE_ENTRIES;
    this.#whenFull = options.whenFull ?? "evict_oldest";
  }

  /**
   * Records `id` until `expiresAt` (epoch ms, inclusive).
   * @returns `"replay"` if `id` is already recorded and live, `"full"` if the
   *   cap is reached under the `reject` policy, else `"stored"`.
   */
  remember(id: string, expiresAt: number, now: number): RememberResult {
    const existing = this.#expiries.get(id);
    if (existing !== undefined && existing >= now) return "replay";
    this.#sweepHead(now);
    if (existing === undefined && this.#expiries.size >= this.#maxEntries) {
      if (now - this.#lastFullSweepAt >= FULL_SWEEP_INTERVAL_MS) {
        this.#lastFullSweepAt = now;
        this.sweep(now);
      }
      if (this.#expiries.size >= this.#maxEntries) {
        if (this.#whenFull === "reject") return "full";
        this.#evictOldest(this.#expiries.size - this.#maxEntries + 1);
      }
    }
    // Delete first so a re-used expired id moves to the end (insertion order ≈ expiry order).
    this.#expiries.delete(id);
    this.#expiries.set(id, expiresAt);
    if (this.#expiries.size >= this.#sweepAtSize) {
      this.sweep(now);
      this.#sweepAtSize = Math.min(this.#maxEntries, Math.max(MIN_SWEEP_SIZE, this.#expiries.size * 2));
    }
    return "stored";
  }

  /** Drops expired entries at the head of the insertion order: cheap, and usually all that is needed. */
  #sweepHead(now: number): void {
    let budget = 8;
    for (const [id, expiresAt] of this.#expiries) {
      if (expiresAt >= now || budget-- === 0) return;
      this.#expiries.delete(id);
    }
  }

  #evictOldest(count: number): void {
    let left = count;
    for (const id of this.#expiries.keys()) {
      if (left-- <= 0) return;
      this.#expiries.delete(id);
    }
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

  /** The configured cap. */
  get maxEntries(): number {
    return this.#maxEntries;
  }
}
