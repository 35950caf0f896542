/**
 * Telling the causes of a rejected key apart. A tenant answers a wrong key id, a wrong secret, a level
 * mismatch, an expired or deleted key and another tenant's URL with the same opaque 401, so the only way
 * to know is to ask differently: the same call signed at the other level, the key tried at the other
 * tenants' URLs the caller knows, the tenant's key list read with another key, the clock from the server's
 * `Date` header, and the expiry the caller last saw.
 *
 * @module
 */
import { apiKeyExpiryNotice } from "@cortex-sdk/schemas-base/api-key-expiry";
import { PROBE_OPERATIONS } from "@cortex-sdk/schemas-base/products";
import type { CortexClient } from "./client.js";
import { CortexAuthenticationError, isCortexError, type AuthenticationCause } from "./errors.js";
import { AUTHENTICATION_CAUSE_ADVICE, CLOCK_SKEW_THRESHOLD_MS } from "./steps.js";

/** What the probes found. */
export interface AuthDiagnosis {
  /** True when the key is accepted: nothing to diagnose. */
  readonly ok: boolean;
  /** The one cause the probes established, or `undefined` when they could only narrow it down. */
  readonly cause: AuthenticationCause | undefined;
  /** The causes still possible, most likely first (just `[cause]` when one was established). */
  readonly candidates: readonly AuthenticationCause[];
  /** What was found, in a sentence. */
  readonly detail: string;
  /** One fix for {@link AuthDiagnosis.cause}, or the checks to make when undecided. */
  readonly fix: string;
  /** Server clock minus local clock in ms, when the server sent a `Date` header. */
  readonly clockSkewMs: number | undefined;
  /** The error of the first probe, when it was not an authentication failure (unreachable, 403, ...). */
  readonly error?: unknown;
}

/** Extra knowledge the probes may use. */
export interface DiagnoseAuthenticationOptions {
  /**
   * A client of the same tenant whose key may read the API-key list: with it the
   * key's record tells an expired key, a level mismatch and a wrong secret apart.
   */
  readonly keyListReader?: CortexClient;
  /** Other tenants' API URLs the caller knows (saved profiles): the key is tried there. */
  readonly otherBaseUrls?: readonly string[];
  /** The key's expiration as last seen (epoch ms, `null` for never), e.g. from an expiry notice cache. */
  readonly knownExpiration?: number | null;
  /** Current time, epoch ms (default `Date.now()`). */
  readonly now?: number;
}

interface KeyRecordLike {
  readonly id?: unknown;
  readonly security_level?: unknown;
  readonly expiration?: unknown;
}

async function probe(client: CortexClient): Promise<unknown> {
  try {
    await client.request(PROBE_OPERATIONS.healthCheck, undefined, { timeoutMs: Math.min(client.config.timeoutMs, 30_000) });
    return undefined;
  } catch (error) {
    return error;
  }
}

function isAuthFailure(error: unknown): error is CortexAuthenticationError {
  return error instanceof CortexAuthenticationError || (isCortexError(error) && error.kind === "authentication");
}

async function tryClient(make: () => CortexClient): Promise<unknown> {
  let client: CortexClient | undefined;
  try {
    client = make();
    return await probe(client);
  } catch (error) {
    return error;
  } finally {
    await client?.close();
  }
}

/**
 * Probes the tenant to find why its key is rejected. Sends a handful of health checks (plus one key
 * listing with `keyListReader`); never changes anything.
 *
 * @param client - The client whose key is in question.
 * @param options - What else the caller knows.
 * @returns The diagnosis: one cause when the probes established it, else the candidates in order.
 * @example
 * ```ts
 * const found = await diagnoseAuthentication(client);
 * if (!found.ok) console.error(`${found.detail}\nfix: ${found.fix}`);
 * ```
 */
export async function diagnoseAuthentication(client: CortexClient, options: DiagnoseAuthenticationOptions = {}): Promise<AuthDiagnosis> {
  const now = options.now ?? Date.now();
  const { credentials, baseUrl, routing } = client.config;
  const first = await probe(client);
  if (first === undefined) return { ok: true, cause: undefined, candidates: [], detail: `key ${credentials.keyId} (${credentials.securityLevel}) is accepted`, fix: "", clockSkewMs: undefined };
  if (!isAuthFailure(first)) {
    return { ok: false, cause: undefined, candidates: [], detail: `the probe failed for another reason: ${(first as Error).message}`, fix: "see the error", clockSkewMs: undefined, error: first };
  }
  const skew = first.clockSkewMs;
  const found = (cause: AuthenticationCause, detail: string, fix: string = AUTHENTICATION_CAUSE_ADVICE[cause]): AuthDiagnosis => ({ ok: false, cause, candidates: [cause], detail, fix, clockSkewMs: skew });
  if (routing.auth === "xsoar6") return undecided(first, skew);

  // The clock: the SDK already re-signed with the server's time, so a skew alone is not the cause here;
  // it still comes first when it is beyond what the service accepts.
  const advanced = credentials.securityLevel === "advanced";
  const clockOff = advanced && skew !== undefined && Math.abs(skew) > CLOCK_SKEW_THRESHOLD_MS;

  // The other level: the key may be standard while configured as advanced, or the reverse.
  const other = advanced ? "standard" : "advanced";
  const otherLevel = await tryClient(() => client.withOptions({ securityLevel: other, rateLimit: false, retry: { maxRetries: 0 } }));
  if (otherLevel === undefined) {
    return found("key_level_mismatch", `key ${credentials.keyId} is a ${other} key but is configured as ${credentials.securityLevel}: the same call signed as ${other} is accepted`, `set the security level to ${other} (securityLevel, CORTEX_API_KEY_TYPE, --key-type ${other}, or the profile)`);
  }

  // The key at another tenant's URL.
  for (const url of options.otherBaseUrls ?? []) {
    if (url === baseUrl) continue;
    const elsewhere = await tryClient(() => client.withOptions({ baseUrl: url, rateLimit: false, retry: { maxRetries: 0 } }));
    if (elsewhere === undefined) return found("wrong_tenant_url", `key ${credentials.keyId} is accepted by the tenant at ${url}, not by ${baseUrl}`, `use the base URL ${url} with this key (or the key of the tenant at ${baseUrl})`);
  }

  // The key list, read with another key of the tenant.
  if (options.keyListReader !== undefined) {
    const record = await readKeyRecord(options.keyListReader, Number(credentials.keyId));
    if (record !== "unreadable") {
      if (record.found === undefined) {
        const deleted = record.highestId !== undefined && record.highestId > Number(credentials.keyId);
        return {
          ok: false,
          cause: undefined,
          candidates: deleted ? ["deleted_key", "unknown_key_id"] : ["unknown_key_id", "wrong_tenant_url", "deleted_key"],
          detail: `the tenant at ${baseUrl} has no key ${credentials.keyId}${deleted ? " (newer keys exist, so it was probably deleted, or the id is mistyped)" : ""}`,
          fix: deleted ? "generate a new key (or check the key id)" : "check the key id and that the base URL is this key's tenant",
          clockSkewMs: skew,
        };
      }
      const expiration = typeof record.found.expiration === "number" ? record.found.expiration : null;
      if (apiKeyExpiryNotice(expiration, now) === "expired") {
        return found("expired_key", `key ${credentials.keyId} expired on ${new Date(expiration as number).toISOString()}`, `rotate it with another key, or generate a new one: cxctl keys generate (the old key cannot sign any call)`);
      }
      const level = record.found.security_level;
      if ((level === "standard" || level === "advanced") && level !== credentials.securityLevel) {
        return found("key_level_mismatch", `the key list says key ${credentials.keyId} is ${level}; it is configured as ${credentials.securityLevel}`, `set the security level to ${level}`);
      }
      if (clockOff) return found("clock_skew", `key ${credentials.keyId} exists and has not expired, and this machine's clock is ${Math.round((skew ?? 0) / 1000)} s off the server's`);
      return found("wrong_key", `key ${credentials.keyId} exists, has not expired and its level matches, so the secret sent is not its key`);
    }
  }

  if (typeof options.knownExpiration === "number" && apiKeyExpiryNotice(options.knownExpiration, now) === "expired") {
    return found("expired_key", `key ${credentials.keyId} expired on ${new Date(options.knownExpiration).toISOString()} (its expiry as last seen)`, "generate a new key, or rotate keys before they expire");
  }
  if (clockOff) return found("clock_skew", `this machine's clock is ${Math.round((skew ?? 0) / 1000)} s off the server's; advanced keys are rejected when the clocks disagree`);
  return undecided(first, skew);
}

function undecided(error: CortexAuthenticationError, skew: number | undefined): AuthDiagnosis {
  const candidates = error.likelyCauses.filter((cause) => cause !== "key_level_mismatch" && cause !== "clock_skew");
  return {
    ok: false,
    cause: undefined,
    candidates,
    detail: `the key is rejected and the probes could not tell why; possible: ${candidates.map((cause) => cause.replace(/_/g, " ")).join(", ")}`,
    fix: "check the key id and the key against the console (Settings → API Keys), or read the key list with another key of the tenant",
    clockSkewMs: skew,
  };
}

async function readKeyRecord(reader: CortexClient, id: number): Promise<{ found: KeyRecordLike | undefined; highestId: number | undefined } | "unreadable"> {
  try {
    const byId = (await reader.request(PROBE_OPERATIONS.listApiKeys, { filters: [{ field: "id", operator: "in", value: [id] }] })) as Record<string, unknown>;
    const list = (byId?.["DATA"] ?? byId?.["data"]) as KeyRecordLike[] | undefined;
    const found = Array.isArray(list) ? list.find((key) => Number(key.id) === id) : undefined;
    if (found !== undefined) return { found, highestId: undefined };
    // Sorting by id is not documented: read the first hundred keys and take the highest id.
    const newest = (await reader.request(PROBE_OPERATIONS.listApiKeys, { search_from: 0, search_to: 100 })) as Record<string, unknown>;
    const top = (newest?.["DATA"] ?? newest?.["data"]) as KeyRecordLike[] | undefined;
    const highestId = Array.isArray(top) ? Math.max(...top.map((key) => Number(key.id)).filter(Number.isFinite)) : undefined;
    return { found: undefined, highestId: highestId !== undefined && Number.isFinite(highestId) ? highestId : undefined };
  } catch {
    return "unreadable";
  }
}
