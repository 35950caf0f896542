/**
 * Expiry notices for the key in use, on any command: a week ahead, a day ahead and once expired, at most
 * once a day per key, on stderr. The key's expiry is looked up at most once a day (by the SDK's
 * `keyExpiry` hook) and kept in `key-notices.json` next to the profile file. Silenced by
 * `--no-expiry-notice` or `CORTEX_EXPIRY_NOTICE=off`.
 *
 * @module
 */
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { KeyExpiryNoticeEvent, KeyExpiryWatch } from "@cortex-sdk/core";
import { profileFilePath } from "@cortex-sdk/core";
import type { CliIo } from "./io.js";
import { styleFor } from "./style.js";

const DAY_MS = 86_400_000;

/** What is remembered per key. */
interface NoticeEntry {
  /** Expiration, epoch ms; `null` for never; `"unknown"` when the key may not read the key list. */
  readonly expiration: number | null | "unknown";
  /** When the expiration was looked up. */
  readonly checkedAt: number;
  /** UTC day (YYYY-MM-DD) of the last notice shown. */
  readonly noticedDay?: string;
}

type NoticeFile = Record<string, NoticeEntry>;

function fileOf(env: CliIo["env"]): string | undefined {
  const profiles = profileFilePath({ env });
  return profiles === undefined ? undefined : join(dirname(profiles), "key-notices.json");
}

function read(env: CliIo["env"]): NoticeFile {
  const file = fileOf(env);
  if (file === undefined) return {};
  try {
    const parsed = JSON.parse(readFileSync(file, "utf8")) as unknown;
    return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as NoticeFile) : {};
  } catch {
    return {};
  }
}

function update(env: CliIo["env"], id: string, change: (entry: NoticeEntry | undefined) => NoticeEntry): void {
  const file = fileOf(env);
  if (file === undefined) return;
  try {
    const all = read(env);
    all[id] = change(all[id]);
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(all, null, 2)}\n`, { mode: 0o600 });
    chmodSync(temporary, 0o600);
    renameSync(temporary, file);
  } catch {
    // Notices are a courtesy: an unwritable directory only means the lookup repeats.
  }
}

function entryId(baseUrl: string, keyId: string): string {
  return `${baseUrl} ${keyId}`;
}

/**
 * Whether notices are off for this run.
 *
 * @param flags - Global flags (`expiryNotice` is false with `--no-expiry-notice`).
 * @param env - The environment.
 * @returns True when silenced.
 */
export function noticesSilenced(flags: Record<string, unknown>, env: CliIo["env"]): boolean {
  const variable = env["CORTEX_EXPIRY_NOTICE"]?.trim().toLowerCase();
  return flags["expiryNotice"] === false || variable === "off" || variable === "0" || variable === "false";
}

/**
 * The expiry cxctl last saw for a key, if it knows one.
 *
 * @param env - The environment.
 * @param baseUrl - The tenant's API URL.
 * @param keyId - The key id.
 * @returns Epoch ms, `null` for never, or undefined when unknown.
 */
export function knownExpiryOf(env: CliIo["env"], baseUrl: string, keyId: string): number | null | undefined {
  const entry = read(env)[entryId(baseUrl, keyId)];
  return entry === undefined || entry.expiration === "unknown" ? undefined : entry.expiration;
}

/**
 * Records a key's expiry when cxctl learns it (a key generated or rotated into a profile), so notices work
 * even for keys that may not read the key list.
 *
 * @param env - The environment.
 * @param baseUrl - The tenant's API URL.
 * @param keyId - The key id.
 * @param expiration - Epoch ms, or `null` for never.
 * @param now - Epoch ms.
 */
export function rememberExpiry(env: CliIo["env"], baseUrl: string, keyId: string | number, expiration: number | null, now: number): void {
  update(env, entryId(baseUrl, String(keyId)), (entry) => ({ ...entry, expiration, checkedAt: now }));
}

/**
 * The notice line for an event.
 *
 * @param event - The SDK's notice.
 * @param profile - The profile in use, for the rotate command.
 * @returns One line, without newline.
 */
export function noticeText(event: KeyExpiryNoticeEvent, profile: string | undefined): string {
  const when = event.expiresAt.toISOString();
  const left = event.expiresInMs;
  const what =
    event.notice === "expired"
      ? `expired on ${when}`
      : left <= DAY_MS
        ? `expires within a day (${when})`
        : `expires in ${Math.ceil(left / DAY_MS)} days (${when})`;
  const rotate = `cxctl keys rotate ${event.keyId}${profile === undefined ? "" : ` --profile ${profile}`}`;
  return `API key ${event.keyId} ${what}. ${event.notice === "expired" ? "It cannot sign calls any more: generate a new key with another key of the tenant" : `Rotate it: ${rotate}`}`;
}

/**
 * The SDK `keyExpiry` hook for a command's client: looks the key up at most once a day, and writes a
 * notice to stderr at most once a day per key.
 *
 * @param io - The run's streams and environment.
 * @param target - The tenant URL, key id and profile of the client (known after its options resolve).
 * @param now - The clock.
 * @returns The hook.
 */
export function keyExpiryWatch(io: CliIo, target: { readonly baseUrl: string; readonly keyId: string; readonly profile: string | undefined }, now: () => number = Date.now): KeyExpiryWatch {
  const id = entryId(target.baseUrl, target.keyId);
  const cached = read(io.env)[id];
  const fresh = cached !== undefined && now() - cached.checkedAt < DAY_MS && cached.checkedAt <= now();
  const style = styleFor(io.stderr, io.env);
  return {
    ...(fresh ? { knownExpiration: cached.expiration === "unknown" ? null : cached.expiration } : {}),
    now,
    onLookup: (expiration) => update(io.env, id, (entry) => ({ ...entry, expiration: expiration === undefined ? "unknown" : expiration, checkedAt: now() })),
    onNotice: (event) => {
      const today = new Date(now()).toISOString().slice(0, 10);
      if (read(io.env)[id]?.noticedDay === today) return;
      io.stderr.write(`${event.notice === "one_week" ? style.yellow("notice:") : style.red("notice:")} ${noticeText(event, target.profile)} (silence: --no-expiry-notice or CORTEX_EXPIRY_NOTICE=off)\n`);
      update(io.env, id, (entry) => ({ expiration: entry?.expiration ?? event.expiresAt.getTime(), checkedAt: entry?.checkedAt ?? now(), noticedDay: today }));
    },
  };
}
