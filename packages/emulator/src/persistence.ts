/**
 * Durable state in a data directory.
 *
 * - One file, `state.json`, holds everything that is not derived from the seed
 *   (keys with their secrets, key ids, scopes). It is replaced atomically:
 *   write a new temp file (mode 0600), fsync it, rename it over the old one,
 *   fsync the directory. A kill at any moment leaves either the old or the new
 *   file, never a torn one; leftover temp files (of every file written this way: `state.json`,
 *   `xdr.<tenant>.json`, `xsoar.<tenant>.json`, ...) are ignored and removed on start.
 * - The directory is created with mode 0700 (an existing directory keeps its mode).
 * - `emulator.lock` (holding the pid) keeps two live emulators off one directory;
 *   a lock left by a dead process is taken over.
 * - Saves are serialised and coalesced: a save requested while one is writing
 *   is folded into the next write, which snapshots the latest state.
 */
import { mkdir, open, readFile, readdir, rename, unlink } from "node:fs/promises";
import { join } from "node:path";
import type { ApiKeyRecord } from "./keys.js";

/** Name of the state file inside the data directory. */
export const STATE_FILE = "state.json";
/** Name of the lock file inside the data directory. */
export const LOCK_FILE = "emulator.lock";
/** Version of the state file format. */
export const STATE_FORMAT_VERSION = 1;

/** What one tenant persists. */
export interface PersistedTenant {
  /** Every live key, secrets included. */
  readonly keys: readonly ApiKeyRecord[];
}

/** The content of `state.json`. */
export interface PersistedState {
  /** {@link STATE_FORMAT_VERSION}. */
  readonly formatVersion: number;
  /** Epoch ms of the write (wall clock). */
  readonly savedAt: number;
  /** Seed the state was written under (informational). */
  readonly seed: number;
  /** Next API key id. */
  readonly nextKeyId: number;
  /** Per tenant id. */
  readonly tenants: Readonly<Record<string, PersistedTenant>>;
}

let tempCounter = 0;

/**
 * Whether a directory entry is a temp file {@link writeFileAtomic} left behind (a kill between
 * open and rename): `<name>.tmp-<pid>-<n>` for every state file (`state.json`, `xsoar.<tenant>.json`, ...).
 */
export function isAtomicTempFile(entry: string): boolean {
  return /\.tmp-\d+-\d+$/.test(entry);
}

/**
 * Writes `data` to `dir/name` atomically with mode 0600: temp file, fsync,
 * rename, fsync of the directory.
 */
export async function writeFileAtomic(dir: string, name: string, data: string): Promise<void> {
  const temp = join(dir, `${name}.tmp-${process.pid}-${++tempCounter}`);
  const handle = await open(temp, "wx", 0o600);
  try {
    // The umask may have masked bits off, never on; make the mode exact anyway.
    await handle.chmod(0o600);
    await handle.writeFile(data, "utf8");
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await handle.close();
  await rename(temp, join(dir, name));
  const directory = await open(dir, "r");
  try {
    await directory.sync();
  } finally {
    await directory.close();
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Reads `state.json` from `dir`: `undefined` when there is none.
 * @throws Error when the file exists but is not a state file this version can
 *   read (it is never silently discarded: it may hold the only copy of keys).
 */
export async function readState(dir: string): Promise<PersistedState | undefined> {
  let text: string;
  try {
    text = await readFile(join(dir, STATE_FILE), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`${join(dir, STATE_FILE)} is not valid JSON; move it away to start with a fresh state`);
  }
  if (
    !isRecord(parsed) ||
    parsed["formatVersion"] !== STATE_FORMAT_VERSION ||
    typeof parsed["nextKeyId"] !== "number" ||
    !isRecord(parsed["tenants"])
  ) {
    throw new Error(
      `${join(dir, STATE_FILE)} is not an emulator state file (format ${STATE_FORMAT_VERSION}); move it away to start fresh`,
    );
  }
  return parsed as unknown as PersistedState;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function takeLock(dir: string): Promise<void> {
  const path = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(path, "wx", 0o600);
      try {
        await handle.writeFile(String(process.pid), "utf8");
      } finally {
        await handle.close();
      }
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const pid = Number((await readFile(path, "utf8").catch(() => "")).trim());
      if (Number.isSafeInteger(pid) && pid > 0 && processAlive(pid)) {
        throw new Error(`Data directory ${dir} is in use by another emulator (pid ${pid})`);
      }
      // Stale lock from a process that died: take it over.
      await unlink(path).catch(() => undefined);
    }
  }
  throw new Error(`Could not lock data directory ${dir}`);
}

/** The data directory of one running emulator. */
export class StateStore {
  /** The directory. */
  readonly dir: string;
  /** The state found on open, if any. */
  readonly initial: PersistedState | undefined;
  #writing: Promise<void> | undefined;
  #queued: { promise: Promise<void>; snapshot: () => PersistedState } | undefined;
  #closed = false;

  private constructor(dir: string, initial: PersistedState | undefined) {
    this.dir = dir;
    this.initial = initial;
  }

  /**
   * Opens (creating with mode 0700 if needed) and locks a data directory,
   * removes leftover temp files and reads the state.
   */
  static async open(dir: string): Promise<StateStore> {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await takeLock(dir);
    try {
      for (const entry of await readdir(dir)) {
        if (isAtomicTempFile(entry)) await unlink(join(dir, entry)).catch(() => undefined);
      }
      return new StateStore(dir, await readState(dir));
    } catch (error) {
      await unlink(join(dir, LOCK_FILE)).catch(() => undefined);
      throw error;
    }
  }

  /**
   * Persists the state `snapshot()` returns. Resolves once a write that
   * started after this call is durable.
   */
  save(snapshot: () => PersistedState): Promise<void> {
    if (this.#closed) return Promise.reject(new Error("State store is closed"));
    if (this.#writing === undefined) {
      this.#writing = this.#write(snapshot);
      return this.#writing;
    }
    if (this.#queued !== undefined) {
      this.#queued.snapshot = snapshot;
      return this.#queued.promise;
    }
    const queued = {
      snapshot,
      promise: this.#writing.catch(() => undefined).then(() => {
        this.#queued = undefined;
        this.#writing = this.#write(queued.snapshot);
        return this.#writing;
      }),
    };
    this.#queued = queued;
    return queued.promise;
  }

  async #write(snapshot: () => PersistedState): Promise<void> {
    try {
      await writeFileAtomic(this.dir, STATE_FILE, JSON.stringify(snapshot()));
    } finally {
      if (this.#queued === undefined) this.#writing = undefined;
    }
  }

  /** Waits for pending writes and releases the lock. Safe to call twice. */
  async close(): Promise<void> {
    if (this.#closed) return;
    await (this.#queued?.promise ?? this.#writing)?.catch(() => undefined);
    this.#closed = true;
    await unlink(join(this.dir, LOCK_FILE)).catch(() => undefined);
  }
}
