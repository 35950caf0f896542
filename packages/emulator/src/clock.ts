/**
 * The emulator's notion of "now", in epoch milliseconds.
 *
 * Every time-dependent rule (signature window, nonce expiry, key expiry,
 * default expirations, rate-limit windows, the `Date` header) reads this one
 * clock, so tests can simulate skew or the passage of days without sleeping.
 */

/** A source of epoch milliseconds. Inject one as `EmulatorOptions.now`. */
export type Clock = () => number;

/** The emulator's two readings of time. */
export interface EmulatorClock {
  /**
   * The injected base clock (or `Date.now`), without any offset. Rate-limit
   * windows use it, so a clock-offset fault never makes a window jump.
   */
  readonly base: Clock;
  /** The server clock: base + `clockOffsetMs`. Faults may add more per request. */
  readonly now: Clock;
}

/** Builds the emulator clock from an optional base clock and a fixed offset. */
export function createClock(base: Clock | undefined, offsetMs: number): EmulatorClock {
  const source = base ?? Date.now;
  return { base: source, now: () => source() + offsetMs };
}
