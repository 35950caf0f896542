/**
 * The Cortex XDR client.
 *
 * @module
 */
import type { ClientOptions } from "@cortex-sdk/core";
import { XdrClientBase } from "./generated/client-base.js";
import { XDR_CLIENT_VERSION } from "./version.js";

/** Options of {@link XdrClient}: the common client options. */
export type XdrClientOptions = ClientOptions;

/**
 * Client for the Cortex XDR public API: one namespace per operation group, every operation typed.
 *
 * @example
 * ```ts
 * import { XdrClient } from "@cortex-sdk/xdr";
 * // Reads CORTEX_API_BASE_URL, CORTEX_API_KEY_ID, CORTEX_API_KEY and CORTEX_API_KEY_TYPE.
 * const client = new XdrClient();
 * const page = await client.incidents.list({ search_to: 10 });
 * console.log(page.total_count);
 * ```
 */
export class XdrClient extends XdrClientBase {
  /**
   * @param options - Client options; anything missing comes from the environment.
   * @throws `CortexConfigError` when the URL or credentials are missing or invalid.
   */
  constructor(options: XdrClientOptions = {}) {
    super(options, XDR_CLIENT_VERSION);
  }
}
