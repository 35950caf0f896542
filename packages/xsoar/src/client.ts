/**
 * The Cortex XSOAR (6 and 8) client.
 *
 * @module
 */
import type { ClientOptions } from "@cortex-sdk/core";
import { XsoarClientBase } from "./generated/client-base.js";
import { XSOAR_CLIENT_VERSION } from "./version.js";

/** Options of {@link XsoarClient}: the common client options. */
export type XsoarClientOptions = ClientOptions;

/**
 * Client for the Cortex XSOAR (6 and 8) public API: one namespace per operation group, every operation typed.
 *
 * XSOAR 6 and XSOAR 8 differ in host, path prefix and headers, so `xsoarVersion` (or `CORTEX_XSOAR_VERSION`) is required.
 *
 * @example
 * ```ts
 * import { XsoarClient } from "@cortex-sdk/xsoar";
 * // Reads CORTEX_API_BASE_URL, CORTEX_API_KEY_ID, CORTEX_API_KEY and CORTEX_API_KEY_TYPE.
 * const client = new XsoarClient({ xsoarVersion: 8 });
 * const reply = await client.incident.search({ filter: { query: "status:Active" } });
 * ```
 */
export class XsoarClient extends XsoarClientBase {
  /**
   * @param options - Client options; anything missing comes from the environment.
   * @throws `CortexConfigError` when the URL or credentials are missing or invalid.
   */
  constructor(options: XsoarClientOptions = {}) {
    super(options, XSOAR_CLIENT_VERSION);
  }
}
