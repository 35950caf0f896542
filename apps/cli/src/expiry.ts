/**
 * `--expires` and other key lifetimes: durations whose units cannot be confused (`min` for minutes, `mo`
 * for months; a bare `m` is refused), ISO 8601 durations (`P3M`, `PT90M`) and ISO 8601 dates and times with
 * a zone (`2027-03-01T09:00Z`, `2027-03-01T09:00+01:00`). The range check is the SDK's shared expiry rule.
 *
 * @module
 */
import { addCalendarMonths, checkApiKeyExpiration } from "@cortex-sdk/core";
import { UsageError } from "./output.js";

const FIXED_UNITS: Readonly<Record<string, number>> = {
  s: 1_000,
  sec: 1_000,
  min: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};
const MONTH_UNITS = new Set(["mo", "month", "months"]);
const ALIASES: Readonly<Record<string, string>> = { secs: "sec", second: "s", seconds: "s", mins: "min", minute: "min", minutes: "min", hour: "h", hours: "h", day: "d", days: "d", week: "w", weeks: "w" };

const DURATION = /^(\d+)\s*([a-z]+)$/i;
const ISO_DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/i;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;
const LOOKS_LIKE_DATE = /^\d{4}-\d{2}-\d{2}/;

const UNITS_HELP = "use a number and a unit: 90min, 12h, 30d, 2w, 3mo (or ISO 8601: P3M, PT90M), or a date and time with a zone: 2027-03-01T09:00Z";

/**
 * Reads a lifetime or a point in time and returns the epoch ms it ends at.
 *
 * @param text - `30d`, `3mo`, `P1M2D`, `2027-03-01T09:00:00+01:00`, ...
 * @param now - Epoch ms the lifetime counts from.
 * @param flag - The flag, for messages.
 * @returns Epoch ms.
 * @throws {@link UsageError} for an ambiguous unit (`m`), a date without a zone, or text that is neither.
 */
export function parseExpiryPoint(text: string, now: number, flag = "--expires"): number {
  const value = text.trim();
  if (LOOKS_LIKE_DATE.test(value)) {
    if (!ISO_DATE_TIME.test(value)) {
      throw new UsageError(`${flag} ${value}: give a date and time with a zone (ISO 8601), e.g. ${value.slice(0, 10)}T00:00Z or ${value.slice(0, 10)}T09:00+01:00; a time without a zone is ambiguous.`);
    }
    const at = Date.parse(value.replace(" ", "T"));
    if (Number.isNaN(at)) throw new UsageError(`${flag} ${value}: not a valid date and time.`);
    return at;
  }
  const iso = ISO_DURATION.exec(value);
  if (iso !== null && value.length > 1 && !/T$/i.test(value)) {
    const [, years, months, weeks, days, hours, minutes, seconds] = iso.map((part) => (part === undefined ? 0 : Number(part)));
    const shifted = addCalendarMonths(now, (years ?? 0) * 12 + (months ?? 0));
    return shifted + (weeks ?? 0) * FIXED_UNITS["w"]! + (days ?? 0) * FIXED_UNITS["d"]! + (hours ?? 0) * FIXED_UNITS["h"]! + (minutes ?? 0) * FIXED_UNITS["min"]! + (seconds ?? 0) * FIXED_UNITS["s"]!;
  }
  const match = DURATION.exec(value);
  if (match === null) throw new UsageError(`${flag} ${JSON.stringify(text)}: not a lifetime or a date; ${UNITS_HELP}.`);
  const amount = Number(match[1]);
  const written = (match[2] ?? "").toLowerCase();
  if (written === "m") throw new UsageError(`${flag} ${value}: "m" could mean minutes or months; write ${amount}min for minutes or ${amount}mo for months.`);
  if (MONTH_UNITS.has(written)) return addCalendarMonths(now, amount);
  const unit = FIXED_UNITS[ALIASES[written] ?? written];
  if (unit === undefined) throw new UsageError(`${flag} ${value}: unknown unit "${match[2]}"; ${UNITS_HELP}.`);
  return now + amount * unit;
}

/**
 * Reads a lifetime as a length in ms (for windows such as `--expiring-within`): the same units as
 * {@link parseExpiryPoint}; months count from `now`.
 *
 * @param text - The lifetime.
 * @param now - Epoch ms.
 * @param flag - The flag, for messages.
 * @returns Milliseconds.
 * @throws {@link UsageError} as {@link parseExpiryPoint}.
 */
export function parseLifetime(text: string, now: number, flag: string): number {
  if (LOOKS_LIKE_DATE.test(text.trim())) throw new UsageError(`${flag} takes a length of time (e.g. 30d), not a date.`);
  return parseExpiryPoint(text, now, flag) - now;
}

/**
 * The expiration to send for a new key, checked against the service's range before anything is sent.
 *
 * @param text - `--expires` as given, or undefined for the service's one-week default.
 * @param now - Epoch ms.
 * @returns Epoch ms, or undefined.
 * @throws {@link UsageError} naming the allowed range for a past or too-distant expiry.
 */
export function expirationFromFlag(text: string | undefined, now: number): number | undefined {
  if (text === undefined) return undefined;
  const at = Math.floor(parseExpiryPoint(text, now));
  const refusal = checkApiKeyExpiration(at, now);
  if (refusal !== undefined) throw new UsageError(`--expires ${text}: ${refusal.message}. Nothing was sent.`);
  return at;
}
