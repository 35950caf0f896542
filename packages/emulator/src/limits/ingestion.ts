/**
 * Alert-ingestion accounting per tenant (reference xdr-xsiam-api §6):
 * at most 600 alerts a minute across `insert_parsed_alerts`,
 * `insert_cef_alerts` and `create_alert`, and at most 60 alerts in one
 * `insert_parsed_alerts` request. The ingestion operations call
 * {@link IngestionAccounting.admit} before storing anything.
 */
import { REPLY_ERRORS } from "../envelopes.js";
import { WeightedWindow } from "./window.js";

/** Settings of {@link IngestionAccounting}. */
export interface IngestionLimits {
  /** Alerts per minute across ingestion calls; the vendor's is 600. */
  readonly alertsPerMinute: number;
  /** Alerts per `insert_parsed_alerts` request; the vendor's is 60. */
  readonly parsedAlertsPerRequest: number;
}

/** Which ingestion call is being accounted. */
export type IngestionKind = "parsed" | "cef" | "create_alert";

/** One tenant's ingestion accounting. Memory: at most `alertsPerMinute` entries. */
export class IngestionAccounting {
  readonly #limits: IngestionLimits;
  readonly #window: WeightedWindow;

  /** @param limits - Per-minute and per-request caps. */
  constructor(limits: IngestionLimits) {
    this.#limits = limits;
    this.#window = new WeightedWindow(limits.alertsPerMinute, 60_000);
  }

  /**
   * Admits `count` alerts at `now`, or throws.
   * @throws ApiError - 400 (invalid input) when a parsed request carries too many
   *   alerts; 429 "Too many requests" when the per-minute budget is spent. The
   *   vendor's exact statuses and texts are not documented.
   */
  admit(kind: IngestionKind, count: number, now: number): void {
    if (kind === "parsed" && count > this.#limits.parsedAlertsPerRequest) {
      throw REPLY_ERRORS.invalidInput(
        `alerts: at most ${this.#limits.parsedAlertsPerRequest} alerts per request, got ${count}`,
      );
    }
    if (count <= 0) return;
    if (count > this.#limits.alertsPerMinute || !this.#window.tryAcquire(count, now).ok) {
      throw REPLY_ERRORS.tooManyRequests();
    }
  }

  /** Alerts admitted in the last minute (as of the last call). */
  get usedThisMinute(): number {
    return this.#window.used;
  }
}
