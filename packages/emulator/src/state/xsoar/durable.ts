/**
 * Per-tenant product data that survives a restart with a data directory.
 *
 * The engine's `state.json` holds keys only; product data (XSOAR incidents,
 * Xpanse tags, Cloud issues, ...) is kept next to it, one file per area and
 * tenant (`<area>.<tenant id>.json`), written with the same atomic
 * temp-file/fsync/rename as `state.json`. Data is created lazily from the
 * tenant's seed on first use, or read back from its file when one exists (the
 * file wins over the seed: it holds what clients created). Without a data
 * directory everything stays in memory.
 *
 * Writes to one file are serialised and snapshot the latest state when they
 * start, so a newer write never loses to an older one; a handler awaits
 * {@link TenantDataStore.save} before answering, so an acknowledged change is
 * on disk.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { writeFileAtomic } from "../../persistence.js";
import type { EmulatorState } from "../../state.js";
import type { Tenant } from "../../tenant.js";

/** How one area's data is built, saved and restored. */
export interface TenantDataCodec<T> {
  /** File area name, e.g. `"xsoar"`; the file is `<area>.<tenant id>.json`. */
  readonly area: string;
  /** Builds the seeded data of a tenant. */
  readonly create: (tenant: Tenant) => T;
  /** The JSON-serialisable form. */
  readonly serialize: (data: T) => unknown;
  /**
   * Rebuilds data from its serialised form.
   * @throws Error when the content is not this area's data.
   */
  readonly restore: (json: unknown, tenant: Tenant) => T;
}

interface Slot<T> {
  readonly data: Promise<T>;
  writing: Promise<void>;
}

/** Lazily created, optionally durable, per-tenant data of one area. */
export class TenantDataStore<T> {
  readonly #codec: TenantDataCodec<T>;
  readonly #slots = new WeakMap<EmulatorState, Map<string, Slot<T>>>();

  /** @param codec - How the data is built and (de)serialised. */
  constructor(codec: TenantDataCodec<T>) {
    this.#codec = codec;
  }

  #fileName(tenant: Tenant): string {
    return `${this.#codec.area}.${encodeURIComponent(tenant.id)}.json`;
  }

  #slot(state: EmulatorState, tenant: Tenant): Slot<T> {
    let slots = this.#slots.get(state);
    if (slots === undefined) {
      slots = new Map();
      this.#slots.set(state, slots);
    }
    let slot = slots.get(tenant.id);
    if (slot === undefined) {
      slot = { data: this.#load(state, tenant), writing: Promise.resolve() };
      slots.set(tenant.id, slot);
    }
    return slot;
  }

  async #load(state: EmulatorState, tenant: Tenant): Promise<T> {
    const dir = state.store?.dir;
    if (dir !== undefined) {
      let text: string | undefined;
      try {
        text = await readFile(join(dir, this.#fileName(tenant)), "utf8");
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      }
      // A file that cannot be read fails the request (500, reported to onError) rather than
      // being replaced by seeded data: it may hold the only copy of what clients created.
      if (text !== undefined) return this.#codec.restore(JSON.parse(text) as unknown, tenant);
    }
    return this.#codec.create(tenant);
  }

  /** The tenant's data (seeded on first use, or restored from the data directory). */
  get(state: EmulatorState, tenant: Tenant): Promise<T> {
    return this.#slot(state, tenant).data;
  }

  /** Writes the tenant's current data to the data directory (no-op without one). */
  async save(state: EmulatorState, tenant: Tenant): Promise<void> {
    const dir = state.store?.dir;
    if (dir === undefined) return;
    const slot = this.#slot(state, tenant);
    const next = slot.writing
      .catch(() => undefined)
      .then(async () => {
        const data = await slot.data;
        await writeFileAtomic(dir, this.#fileName(tenant), JSON.stringify(this.#codec.serialize(data)));
      });
    slot.writing = next;
    await next;
  }
}
