import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addCalendarMonths,
  API_KEY_DEFAULT_LIFETIME_MS,
  apiKeyExpiryNotice,
  checkApiKeyExpiration,
  defaultApiKeyExpiration,
  maxApiKeyExpiration,
  rotatedApiKeyExpiration,
} from "@cortex-sdk/schemas-base/api-key-expiry";

const DAY = 86_400_000;

describe("API key expiry (one definition for SDK, CLI and emulator)", () => {
  it("adds calendar months in UTC and clamps the day to the end of the target month", () => {
    expect(new Date(addCalendarMonths(Date.UTC(2031, 7, 31, 13, 5), 6)).toISOString()).toBe("2032-02-29T13:05:00.000Z");
    expect(new Date(addCalendarMonths(Date.UTC(2030, 7, 31), 6)).toISOString()).toBe("2031-02-28T00:00:00.000Z");
    expect(new Date(addCalendarMonths(Date.UTC(2031, 0, 15), 6)).toISOString()).toBe("2031-07-15T00:00:00.000Z");
    expect(new Date(addCalendarMonths(Date.UTC(2031, 9, 31), 6)).toISOString()).toBe("2032-04-30T00:00:00.000Z");
  });

  it("the maximum is between 181 and 184 days ahead and never skips into the seventh month", () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) }), (now) => {
        const max = maxApiKeyExpiration(now);
        expect(max - now).toBeGreaterThanOrEqual(181 * DAY);
        expect(max - now).toBeLessThanOrEqual(184 * DAY);
        const monthsApart = (new Date(max).getUTCFullYear() - new Date(now).getUTCFullYear()) * 12 + new Date(max).getUTCMonth() - new Date(now).getUTCMonth();
        expect(monthsApart).toBe(6);
      }),
    );
  });

  it("defaults to one week", () => {
    expect(API_KEY_DEFAULT_LIFETIME_MS).toBe(7 * DAY);
    expect(defaultApiKeyExpiration(1_900_000_000_000)).toBe(1_900_000_000_000 + 7 * DAY);
  });

  it("refuses past, seconds, fractional and too-far expirations, naming the allowed range", () => {
    const now = Date.UTC(2031, 0, 15);
    expect(checkApiKeyExpiration(now + DAY, now)).toBeUndefined();
    expect(checkApiKeyExpiration(maxApiKeyExpiration(now), now)).toBeUndefined();
    const far = checkApiKeyExpiration(maxApiKeyExpiration(now) + 1, now);
    expect(far?.problem).toBe("too_far");
    expect(far?.message).toContain("at most 2031-07-15T00:00:00.000Z");
    expect(checkApiKeyExpiration(now, now)?.problem).toBe("past");
    expect(checkApiKeyExpiration(1_950_000_000, now)?.problem).toBe("seconds");
    expect(checkApiKeyExpiration(now + 0.5, now)?.problem).toBe("not_integer");
  });

  it("gives the console's notices: a week, a day, and expired", () => {
    const now = Date.UTC(2031, 0, 15);
    expect(apiKeyExpiryNotice(null, now)).toBeUndefined();
    expect(apiKeyExpiryNotice(0, now)).toBeUndefined();
    expect(apiKeyExpiryNotice(now + 8 * DAY, now)).toBeUndefined();
    expect(apiKeyExpiryNotice(now + 7 * DAY, now)).toBe("one_week");
    expect(apiKeyExpiryNotice(now + DAY + 1, now)).toBe("one_week");
    expect(apiKeyExpiryNotice(now + DAY, now)).toBe("one_day");
    expect(apiKeyExpiryNotice(now, now)).toBe("expired");
  });

  it("a rotated key gets a lifetime as long as the old key's, capped at the maximum; none when the old one never expires", () => {
    const now = Date.UTC(2031, 0, 15);
    expect(rotatedApiKeyExpiration(now - 30 * DAY, now + 2 * DAY, now)).toBe(now + 32 * DAY);
    expect(rotatedApiKeyExpiration(now - 400 * DAY, now + DAY, now)).toBe(maxApiKeyExpiration(now));
    expect(rotatedApiKeyExpiration(now - DAY, null, now)).toBeUndefined();
  });
});
