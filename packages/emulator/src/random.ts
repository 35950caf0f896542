/**
 * Deterministic pseudo-random numbers for seeded tenant data.
 *
 * Only data (incidents, hosts, users) comes from here; secrets always come
 * from node:crypto so that knowing the seed never reveals a key.
 */

/** A seeded source of uniformly distributed numbers in [0, 1). */
export type Random = () => number;

/**
 * mulberry32: tiny, fast and good enough for fake data. Same seed, same
 * sequence, on every platform, which is what the determinism tests rely on.
 */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Mixes a label (e.g. a tenant id) into a seed, so each tenant gets its own
 * stream and adding a tenant later does not reshuffle the others' data.
 */
export function deriveSeed(seed: number, label: string): number {
  // FNV-1a over the label, folded with the seed.
  let hash = 0x811c9dc5 ^ (seed >>> 0);
  for (let i = 0; i < label.length; i++) {
    hash ^= label.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** An integer in [min, max] (both inclusive). */
export function randomInt(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** One element of a non-empty list. */
export function pick<T>(random: Random, items: readonly [T, ...T[]]): T {
  const item = items[Math.floor(random() * items.length)];
  // The index is always in range; the fallback only satisfies the compiler.
  return item ?? items[0];
}

/** Up to `count` distinct elements of a list, in their original order. */
export function pickSome<T>(random: Random, items: readonly T[], count: number): T[] {
  const chosen = new Set<number>();
  const wanted = Math.min(count, items.length);
  while (chosen.size < wanted) chosen.add(Math.floor(random() * items.length));
  return [...chosen].sort((a, b) => a - b).flatMap((i) => (i < items.length ? [items[i] as T] : []));
}

/** A lowercase hex string of `length` characters (agent ids are 32-hex). */
export function randomHex(random: Random, length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) out += Math.floor(random() * 16).toString(16);
  return out;
}
