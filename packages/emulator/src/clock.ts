/**
 * The emulator's notion of "now", in epoch milliseconds.
 *
 * Every time-dependent rule (signature window, nonce expiry, key expiry,
 * default expirations, the `Date` header) reads this one clock, so tests can
 * simulate skew or the passage of days without sleeping.
 */
export type Clock = () => number;

/** Builds the emulator clock from an optional base clock and a fixed offset. */
export function createClock(base: Clock | undefined, offsetMs: number): Clock {
  const source = base ?? Date.now;
  return () => source() + offsetMs;
}
