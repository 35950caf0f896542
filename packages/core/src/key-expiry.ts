/**
 * Expiry notices for the key a client signs with, as the console gives them (a week ahead, a day ahead,
 * and once expired), delivered to a hook: after the client's first successful call it looks up its own
 * key once (`api_keys.get_api_keys` filtered by id, where the product has key management and the key may
 * read the list) and calls the hook when a notice is due.
 *
 * @module
 */
import { apiKeyExpiryNotice, type ApiKeyExpiryNotice } from "@cortex-sdk/schemas/api-key-expiry";
import type { CortexClient } from "./client.js";
import type { Middleware } from "./pipeline.js";

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

/** Name of the pipeline step that watches the key's expiry. */
export const KEY_EXPIRY_STEP = "keyExpiry";

/**
 * The `keyExpiry` step: after the first successful call, checks the key in use once.
 *
 * @param client - The client (for the lookup call).
 * @param watch - The hook and what is known.
 * @returns The middleware.
 */
export function keyExpiryStep(client: CortexClient, watch: KeyExpiryWatch): Middleware {
  let checked = false;
  return async (context, next) => {
    const result = await next(context);
    if (checked) return result;
    checked = true;
    try {
      await checkKeyExpiry(client, watch);
    } catch {
      // A notice is a courtesy: it never fails the call.
    }
    return result;
  };
}

/**
 * Looks up the key a client signs with and reports the notice it is due, if any.
 *
 * @param client - The client.
 * @param watch - The hook.
 * @returns The notice reported, or undefined.
 */
export async function checkKeyExpiry(client: CortexClient, watch: KeyExpiryWatch): Promise<KeyExpiryNoticeEvent | undefined> {
  const { credentials, baseUrl, routing } = client.config;
  let expiration = watch.knownExpiration;
  if (expiration === undefined) {
    if (routing.auth !== "cortex" || !client.hasOperation("api_keys.get_api_keys")) return undefined;
    const id = Number(credentials.keyId);
    try {
      const reply = (await client.request("api_keys.get_api_keys", { filters: [{ field: "id", operator: "in", value: [id] }] })) as Record<string, unknown> | undefined;
      const list = reply?.["DATA"] ?? reply?.["data"];
      const record = Array.isArray(list) ? (list as { id?: unknown; expiration?: unknown }[]).find((key) => Number(key.id) === id) : undefined;
      expiration = record === undefined ? undefined : typeof record.expiration === "number" && record.expiration > 0 ? record.expiration : null;
    } catch {
      expiration = undefined;
    }
    watch.onLookup?.(expiration);
  }
  const now = (watch.now ?? Date.now)();
  const notice = apiKeyExpiryNotice(expiration, now);
  if (notice === undefined || typeof expiration !== "number") return undefined;
  const event: KeyExpiryNoticeEvent = { keyId: credentials.keyId, baseUrl, notice, expiresAt: new Date(expiration), expiresInMs: expiration - now };
  watch.onNotice(event);
  return event;
}
