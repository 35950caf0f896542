/**
 * API key expiry, defined once for the SDK, the CLI and the emulator: the default lifetime (one week), the
 * latest expiration the service accepts (six months), and the notice marks the console uses (one week and
 * one day ahead, and once expired).
 *
 * Month arithmetic, chosen once: "six months" means six calendar months in UTC, with the day of month
 * clamped to the last day of the target month (31 August + 6 months = 28 or 29 February, never 3 March),
 * at the same time of day. Pure functions of their inputs: every caller passes its own clock reading.
 *
 * @module
 */

const DAY_MS = 86_400_000;

/** The lifetime a key gets when no expiration is given: one week after it is generated. */
export const API_KEY_DEFAULT_LIFETIME_MS = 7 * DAY_MS;

/** The longest lifetime the service accepts, in calendar months (see {@link addCalendarMonths}). */
export const API_KEY_MAX_LIFETIME_MONTHS = 6;

/** The first notice: one week before a key expires. */
export const API_KEY_NOTICE_WEEK_MS = 7 * DAY_MS;

/** The second notice: one day before a key expires. */
export const API_KEY_NOTICE_DAY_MS = DAY_MS;

/**
 * Adds calendar months in UTC, clamping the day to the end of the target month.
 *
 * @param epochMs - The start, epoch milliseconds.
 * @param months - Whole months to add (may be negative).
 * @returns Epoch milliseconds.
 */
export function addCalendarMonths(epochMs: number, months: number): number {
  const start = new Date(epochMs);
  const year = start.getUTCFullYear();
  const month = start.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(start.getUTCDate(), lastDay);
  return Date.UTC(year, month, day, start.getUTCHours(), start.getUTCMinutes(), start.getUTCSeconds(), start.getUTCMilliseconds());
}

/**
 * The expiration a key generated at `now` gets when none is given.
 *
 * @param now - Epoch ms of the generate call.
 * @returns Epoch ms.
 */
export function defaultApiKeyExpiration(now: number): number {
  return now + API_KEY_DEFAULT_LIFETIME_MS;
}

/**
 * The latest expiration the service accepts for a key generated at `now`.
 *
 * @param now - Epoch ms of the generate call.
 * @returns Epoch ms, six calendar months later.
 */
export function maxApiKeyExpiration(now: number): number {
  return addCalendarMonths(now, API_KEY_MAX_LIFETIME_MONTHS);
}

/** Why an expiration is refused. */
export type ApiKeyExpirationProblem =
  /** Not a whole number of epoch milliseconds. */
  | "not_integer"
  /** Small enough to be epoch seconds, not milliseconds. */
  | "seconds"
  /** Not after `now`. */
  | "past"
  /** After {@link maxApiKeyExpiration}. */
  | "too_far";

/** A refused expiration: why, and a sentence naming the allowed range. */
export interface ApiKeyExpirationRefusal {
  /** Why. */
  readonly problem: ApiKeyExpirationProblem;
  /** What is wrong and the range allowed, in ISO 8601 UTC. */
  readonly message: string;
  /** Earliest allowed expiration (exclusive), epoch ms: `now`. */
  readonly earliest: number;
  /** Latest allowed expiration (inclusive), epoch ms. */
  readonly latest: number;
}

/**
 * Checks an expiration against the service's rule: after `now` and at most six calendar months later.
 *
 * @param expiration - Epoch milliseconds.
 * @param now - Epoch ms of the call.
 * @returns The refusal, or `undefined` when the expiration is allowed.
 */
export function checkApiKeyExpiration(expiration: number, now: number): ApiKeyExpirationRefusal | undefined {
  const latest = maxApiKeyExpiration(now);
  const range = `after ${iso(now)} and at most ${iso(latest)} (six months)`;
  const refuse = (problem: ApiKeyExpirationProblem, what: string): ApiKeyExpirationRefusal => ({ problem, message: `${what}; it must be ${range}`, earliest: now, latest });
  if (typeof expiration !== "number" || !Number.isSafeInteger(expiration)) return refuse("not_integer", `expiration ${String(expiration)} is not whole epoch milliseconds`);
  if (expiration > 0 && expiration < 100_000_000_000) return refuse("seconds", `expiration ${expiration} looks like epoch seconds; the service takes milliseconds (${expiration * 1000})`);
  if (expiration <= now) return refuse("past", `expiration ${iso(expiration)} is not in the future`);
  if (expiration > latest) return refuse("too_far", `expiration ${iso(expiration)} is more than six months ahead`);
  return undefined;
}

/** Where a key stands against the console's notices. */
export type ApiKeyExpiryNotice = "expired" | "one_day" | "one_week";

/**
 * The notice a key is due, as the console gives them: a week ahead, a day ahead, and once expired.
 *
 * @param expiration - The key's expiration in epoch ms; `null`, `undefined` or `0` when it never expires.
 * @param now - Epoch ms.
 * @returns The notice, or `undefined` when none is due (more than a week left, or no expiry).
 */
export function apiKeyExpiryNotice(expiration: number | null | undefined, now: number): ApiKeyExpiryNotice | undefined {
  if (typeof expiration !== "number" || !Number.isFinite(expiration) || expiration <= 0) return undefined;
  const left = expiration - now;
  if (left <= 0) return "expired";
  if (left <= API_KEY_NOTICE_DAY_MS) return "one_day";
  if (left <= API_KEY_NOTICE_WEEK_MS) return "one_week";
  return undefined;
}

/**
 * The expiration a replacement key gets in a rotation: a lifetime as long as the old key's, counted from
 * `now` and capped at the maximum; `undefined` (the service's one-week default) when the old key never
 * expires or its dates are unknown.
 *
 * @param creationTime - The old key's creation time, epoch ms.
 * @param expiration - The old key's expiration, epoch ms, or `null` for none.
 * @param now - Epoch ms of the rotation.
 * @returns Epoch ms, or `undefined`.
 */
export function rotatedApiKeyExpiration(creationTime: number | null | undefined, expiration: number | null | undefined, now: number): number | undefined {
  if (typeof expiration !== "number" || expiration <= 0 || typeof creationTime !== "number" || creationTime <= 0 || expiration <= creationTime) return undefined;
  return Math.min(now + (expiration - creationTime), maxApiKeyExpiration(now));
}

function iso(epochMs: number): string {
  return Number.isFinite(epochMs) && Math.abs(epochMs) <= 8.64e15 ? new Date(epochMs).toISOString() : String(epochMs);
}
