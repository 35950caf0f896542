/**
 * The Cortex Cloud client.
 *
 * @module
 */
import type { ClientOptions, ReplyValidationOptions } from "@cortex-sdk/core";
import { CloudClientBase } from "./generated/client-base.js";
import { CLOUD_CLIENT_VERSION } from "./version.js";

/** Options of {@link CloudClient}: the common client options plus `validateReplies`. */
export type CloudClientOptions = ClientOptions & ReplyValidationOptions;

/**
 * Client for the Cortex Cloud public API: one namespace per operation group, every operation typed, plus
 * AND/OR tree searches over assets and asset groups, token-paged vulnerabilities and API key scopes.
 *
 * @example
 * ```ts
 * import { CloudClient, andFilter, searchCondition } from "@cortex-sdk/cloud";
 * // Reads CORTEX_API_BASE_URL (or CORTEXCLOUD_API_URL), CORTEX_API_KEY_ID, CORTEX_API_KEY and CORTEX_API_KEY_TYPE.
 * const client = new CloudClient();
 * for await (const asset of client.assets.search(andFilter(searchCondition("xdm.asset.provider", "EQ", "AWS")))) console.log(asset);
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
