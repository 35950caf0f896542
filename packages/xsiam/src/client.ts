/**
 * The Cortex XSIAM client.
 *
 * @module
 */
import type { ClientOptions } from "@cortex-sdk/core";
import { XsiamClientBase } from "./generated/client-base.js";
import { XSIAM_CLIENT_VERSION } from "./version.js";

/** Options of {@link XsiamClient}: the common client options. */
export type XsiamClientOptions = ClientOptions;

/**
 * Client for the Cortex XSIAM public API: one namespace per operation group, every operation typed.
 *
 * @example
 * ```ts
 * import { XsiamClient } from "@cortex-sdk/xsiam";
 * // Reads CORTEX_API_BASE_URL, CORTEX_API_KEY_ID, CORTEX_API_KEY and CORTEX_API_KEY_TYPE.
 * const client = new XsiamClient();
 * for await (const alert of client.alerts.list({ filters: [{ field: "severity", operator: "in", value: ["high"] }] })) console.log(alert.alert_id);
 * ```
 */
export class XsiamClient extends XsiamClientBase {
  /**
   * @param options - Client options; anything missing comes from the environment.
   * @throws `CortexConfigError` when the URL or credentials are missing or invalid.
   */
  constructor(options: XsiamClientOptions = {}) {
    super(options, XSIAM_CLIENT_VERSION);
  }
}
