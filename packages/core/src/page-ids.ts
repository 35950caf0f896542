/**
 * The ids of one page, asked "was this id on the page before?" for every item of the next page: one
 * open-addressing table sized once per page, instead of a `Set` that grows step by step as a page's ids go
 * in. With freshly parsed ids (hashing them is most of the work either way) a 100-item page's inserts and
 * probes take about a fifth less time than with a `Set`; a small part of a page's cost.
 *
 * @module
 * @internal
 */

/** A page's ids, for membership tests. */
export class PageIds {
  /** No ids (the first page, or a cursor without ids). */
  static readonly EMPTY = new PageIds([]);

  /** The ids, in page order. */
  readonly ids: readonly string[];
  // Slot → 1 + index into `ids`, 0 when free. At least twice as many slots as ids, so probes stay short.
  readonly #slots: Int32Array;
  readonly #mask: number;

  /**
   * @param ids - The ids of one page (duplicates allowed).
   */
  constructor(ids: readonly string[]) {
    this.ids = ids;
    let size = 8;
    while (size < ids.length * 2) size *= 2;
    const slots = new Int32Array(size);
    const mask = size - 1;
    for (let index = 0; index < ids.length; index++) {
      let slot = hashOf(ids[index] as string) & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = index + 1;
    }
    this.#slots = slots;
    this.#mask = mask;
  }

  /**
   * @param id - An id.
   * @returns Whether the page had it.
   */
  has(id: string): boolean {
    const slots = this.#slots;
    const mask = this.#mask;
    for (let slot = hashOf(id) & mask, entry = slots[slot] as number; entry !== 0; slot = (slot + 1) & mask, entry = slots[slot] as number) {
      if (this.ids[entry - 1] === id) return true;
    }
    return false;
  }
}

// FNV-1a over the characters; a long id is hashed by its length and its first and last 16 characters, which
// tell ids apart in practice (equality is still checked in full, so a collision only costs a probe).
function hashOf(id: string): number {
  const length = id.length;
  let hash = Math.imul(0x811c9dc5 ^ length, 0x01000193);
  if (length <= 32) {
    for (let index = 0; index < length; index++) hash = Math.imul(hash ^ id.charCodeAt(index), 0x01000193);
  } else {
    for (let index = 0; index < 16; index++) hash = Math.imul(hash ^ id.charCodeAt(index), 0x01000193);
    for (let index = length - 16; index < length; index++) hash = Math.imul(hash ^ id.charCodeAt(index), 0x01000193);
  }
  // Fold the high bits in: the mask keeps only the low ones.
  return hash ^ (hash >>> 16);
}
