/**
 * How much data each tenant is seeded with.
 *
 * @module
 */

/** Dataset size presets: `small` (25 incidents per tenant) or `large` (2 500 incidents, 100 000 alerts, 10 000 endpoints). */
export type DataScale = "small" | "large";

/** Seeded record counts per tenant for one {@link DataScale}. */
export interface ScalePreset {
  /** Incidents per tenant. */
  readonly incidents: number;
  /**
   * Alerts per XDR / XSIAM tenant; `null`: the seeded incidents' own alert counts (their alerts add up
   * to the incidents' counts either way; at a fixed number the incidents' counts are scaled to reach it).
   */
  readonly alerts: number | null;
  /** Endpoints per XDR / XSIAM tenant. */
  readonly endpoints: number;
}

/** Seeded record counts per tenant for each {@link DataScale}; `xdrState.alerts` / `xdrState.endpoints` override the XDR ones. */
export const SCALE_PRESETS: Readonly<Record<DataScale, ScalePreset>> = {
  small: { incidents: 25, alerts: null, endpoints: 50 },
  large: { incidents: 2500, alerts: 100_000, endpoints: 10_000 },
};
