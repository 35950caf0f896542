/**
 * The Cortex Cloud client.
 *
 * @module
 */
import type { ClientOptions } from "@cortex-sdk/core";
import { CloudClientBase } from "./generated/client-base.js";
import { CLOUD_CLIENT_VERSION } from "./version.js";

/** Options of {@link CloudClient}: the common client options. */
export type CloudClientOptions = ClientOptions;

/**
 * Client for the Cortex Cloud public API: one namespace per operation group, every operation typed.
 *
 * @example
 * ```ts
 * import { CloudClient } from "@cortex-sdk/cloud";
 * // Reads CORTEX_API_BASE_URL, CORTEX_API_KEY_ID, CORTEX_API_KEY and CORTEX_API_KEY_TYPE.
 * const client = new CloudClient();
 * const reply = await client.system.healthcheck();
 * ```
 */
export class CloudClient extends CloudClientBase {
  /**
   * @param options - Client options; anything missing comes from the environment.
   * @throws `CortexConfigError` when the URL or credentials are missing or invalid.
   */
  constructor(options: CloudClientOptions = {}) {
    super(options, CLOUD_CLIENT_VERSION);
  }
}
