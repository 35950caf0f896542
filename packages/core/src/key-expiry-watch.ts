/**
 * The `keyExpiry` client option and the notices it delivers (the step that watches is in key-expiry.ts).
 *
 * @module
 */
import type { ApiKeyExpiryNotice } from "@cortex-sdk/schemas-base/api-key-expiry";

/** A notice about the key in use. */
export interface KeyExpiryNoticeEvent {
  /** The key id. */
  readonly keyId: string;
  /** The tenant's API URL. */
  readonly baseUrl: string;
  /** `one_week`, `one_day` or `expired`. */
  readonly notice: ApiKeyExpiryNotice;
  /** When the key expires (or expired). */
  readonly expiresAt: Date;
  /** Milliseconds left (negative once expired). */
  readonly expiresInMs: number;
}

/** The `keyExpiry` client option. */
export interface KeyExpiryWatch {
  /** Called at most once per client when the key in use is due a notice. */
  readonly onNotice: (event: KeyExpiryNoticeEvent) => void;
  /**
   * The key's expiration if already known (epoch ms, `null` for never): the lookup is skipped. Leave it
   * undefined to look it up.
   */
  readonly knownExpiration?: number | null;
  /** Called with what the lookup found (`undefined` when the key may not read the key list), e.g. to cache it. */
  readonly onLookup?: (expiration: number | null | undefined) => void;
  /** The clock, epoch ms (default `Date.now`). */
  readonly now?: () => number;
}
