/**
 * Expiry notices for the key a client signs with, as the console gives them (a week ahead, a day ahead,
 * and once expired), delivered to a hook: after the client's first successful call it looks up its own
 * key once (the API-key list, filtered by id, where the product has key management and the key may
 * read the list) and calls the hook when a notice is due.
 *
 * @module
 */
import { apiKeyExpiryNotice } from "@cortex-sdk/schemas-base/api-key-expiry";
import { PROBE_OPERATIONS } from "@cortex-sdk/schemas-base/products";
import type { ClientCalls } from "./client-calls.js";
import type { KeyExpiryNoticeEvent, KeyExpiryWatch } from "./key-expiry-watch.js";
import type { Middleware } from "./pipeline.js";

export type { KeyExpiryNoticeEvent, KeyExpiryWatch } from "./key-expiry-watch.js";

/** Name of the pipeline step that watches the key's expiry. */
export const KEY_EXPIRY_STEP = "keyExpiry";

/**
 * The `keyExpiry` step: after the first successful call, checks the key in use once.
 *
 * @param client - The client (for the lookup call).
 * @param watch - The hook and what is known.
 * @returns The middleware.
 */
export function keyExpiryStep(client: ClientCalls, watch: KeyExpiryWatch): Middleware {
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
export async function checkKeyExpiry(client: ClientCalls, watch: KeyExpiryWatch): Promise<KeyExpiryNoticeEvent | undefined> {
  const { credentials, baseUrl, routing } = client.config;
  let expiration = watch.knownExpiration;
  if (expiration === undefined) {
    if (routing.auth !== "cortex" || !client.hasOperation(PROBE_OPERATIONS.listApiKeys)) return undefined;
    const id = Number(credentials.keyId);
    try {
      const reply = (await client.request(PROBE_OPERATIONS.listApiKeys, { filters: [{ field: "id", operator: "in", value: [id] }] })) as Record<string, unknown> | undefined;
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
