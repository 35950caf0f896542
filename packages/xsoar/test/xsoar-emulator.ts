// The emulator the XSOAR tests run against, with its XSOAR 8 and XSOAR 6 tenants' bootstrap keys.
import { startEmulator, type RunningEmulator } from "@cortex-sdk/emulator";

/** A running emulator and the keys of its XSOAR tenants. */
export interface XsoarEmulator {
  readonly emulator: RunningEmulator;
  /** The XSOAR 8 tenant's advanced key. */
  readonly key8: { readonly keyId: string; readonly key: string };
  /** The XSOAR 6 server's raw key. */
  readonly key6: { readonly key: string };
}

/**
 * Starts an emulator without rate limits (unless `options` set them) and finds its XSOAR keys.
 *
 * @param options - More emulator options (seed 9 unless given).
 * @returns The emulator and the keys.
 */
export async function startXsoarEmulator(options: Record<string, unknown> = {}): Promise<XsoarEmulator> {
  const emulator = await startEmulator({ port: 0, seed: 9, rateLimits: { perSecond: null }, ...options } as Parameters<typeof startEmulator>[0]);
  const key8 = emulator.bootstrapKeys.find((candidate) => candidate.product === "xsoar8");
  const key6 = emulator.bootstrapKeys.find((candidate) => candidate.product === "xsoar6");
  if (key8 === undefined || key6 === undefined) throw new Error("no XSOAR tenants");
  return { emulator, key8, key6 };
}
