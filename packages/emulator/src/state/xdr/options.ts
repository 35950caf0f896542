/**
 * Settings of the XDR / XSIAM tenant state: data scale and how long
 * asynchronous work (response actions, XQL queries) takes on the emulator
 * clock.
 */
import { SCALE_PRESETS } from "../../scale.js";

/** Timing of response actions: PENDING for `pendingMs`, then IN_PROGRESS for `inProgressMs`, then final. */
export interface ActionTiming {
  /** How long an action stays PENDING, ms; default 1000. */
  readonly pendingMs?: number | undefined;
  /** How long it then stays IN_PROGRESS, ms; default 2000. */
  readonly inProgressMs?: number | undefined;
}

/**
 * Options of the XDR / XSIAM tenant state, passed as `EmulatorOptions.xdrState`. Every field is
 * optional; the defaults follow the reference and {@link SCALE_PRESETS}.
 *
 * @example
 * ```ts
 * const emulator = await startEmulator({ xdrState: { actionTiming: { pendingMs: 0, inProgressMs: 0 }, xqlRunMs: 0 } });
 * ```
 */
export interface XdrStateOptions {
  /** Response-action timing on the emulator clock. */
  readonly actionTiming?: ActionTiming | undefined;
  /** How long an XQL query runs before its results are ready, ms; default 1000. */
  readonly xqlRunMs?: number | undefined;
  /**
   * Alerts per tenant, exactly (at most 1 000 000). Default: the incidents' own alert
   * counts (small scale), or `SCALE_PRESETS.large.alerts` (100 000) at the large scale; incident alert
   * counts are scaled (up or down) to add up to a fixed number. A tenant without incidents has no alerts.
   */
  readonly alerts?: number | undefined;
  /** Endpoints per tenant; default `SCALE_PRESETS[scale].endpoints` (50, or 10 000 at the large scale). */
  readonly endpoints?: number | undefined;
  /** Lifetime of download links, ms; default 10 minutes (the documented expiry). */
  readonly downloadTtlMs?: number | undefined;
}

/** {@link XdrStateOptions} with defaults applied. */
export interface ResolvedXdrOptions {
  /** PENDING duration, ms. */
  readonly pendingMs: number;
  /** IN_PROGRESS duration, ms. */
  readonly inProgressMs: number;
  /** XQL run time, ms. */
  readonly xqlRunMs: number;
  /** Alert target, or `undefined` for the incidents' own counts. */
  readonly alerts: number | undefined;
  /** Endpoint count, or `undefined` for the scale default. */
  readonly endpoints: number | undefined;
  /** Download link lifetime, ms. */
  readonly downloadTtlMs: number;
}

/** Time the seeded data is anchored at (the engine's `DATA_ANCHOR_MS`, 2025-01-01). */
export const XDR_DATA_ANCHOR_MS = Date.UTC(2025, 0, 1);

/** Alerts and endpoints of the large scale. */
export const LARGE_SCALE: { readonly alerts: number; readonly endpoints: number } = {
  alerts: SCALE_PRESETS.large.alerts ?? 100_000,
  endpoints: SCALE_PRESETS.large.endpoints,
};
/** Endpoints of the small scale. */
export const SMALL_SCALE_ENDPOINTS: number = SCALE_PRESETS.small.endpoints;

/** Largest seeded alert count per tenant (about 1 GiB of heap; larger worlds belong in a real tenant). */
export const MAX_SEEDED_ALERTS = 1_000_000;
/** Largest seeded endpoint count per tenant. */
export const MAX_SEEDED_ENDPOINTS = 100_000;

function nonNegative(name: string, value: number | undefined, fallback: number, max: number = Number.MAX_SAFE_INTEGER): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 0 || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? "a non-negative integer" : `an integer from 0 to ${max}`;
    throw new RangeError(`EmulatorOptions.xdrState.${name} must be ${range}, got ${String(value)}`);
  }
  return value;
}

/**
 * Applies defaults.
 * @throws RangeError on negative or non-integer values.
 */
export function resolveXdrOptions(options: XdrStateOptions = {}): ResolvedXdrOptions {
  return {
    pendingMs: nonNegative("actionTiming.pendingMs", options.actionTiming?.pendingMs, 1000),
    inProgressMs: nonNegative("actionTiming.inProgressMs", options.actionTiming?.inProgressMs, 2000),
    xqlRunMs: nonNegative("xqlRunMs", options.xqlRunMs, 1000),
    alerts: options.alerts === undefined ? undefined : nonNegative("alerts", options.alerts, 0, MAX_SEEDED_ALERTS),
    endpoints: options.endpoints === undefined ? undefined : nonNegative("endpoints", options.endpoints, 0, MAX_SEEDED_ENDPOINTS),
    downloadTtlMs: nonNegative("downloadTtlMs", options.downloadTtlMs, 10 * 60_000),
  };
}

/** Whether a tenant with this many incidents was built at the large scale. */
export function isLargeScale(incidentCount: number): boolean {
  return incidentCount >= SCALE_PRESETS.large.incidents;
}
