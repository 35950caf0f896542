/**
 * The Cortex Xpanse client.
 *
 * @module
 */
import type { ClientOptions, ReplyValidationOptions } from "@cortex-sdk/core";
import { XpanseClientBase } from "./generated/client-base.js";
import { XPANSE_CLIENT_VERSION } from "./version.js";

/** Options of {@link XpanseClient}: the common client options plus `validateReplies`. */
export type XpanseClientOptions = ClientOptions & ReplyValidationOptions;

/**
 * Client for the Cortex Xpanse public API: one namespace per operation group, every operation typed;
 * listings page by token and restart cleanly when a token expires.
 *
 * @example
 * ```ts
 * import { XpanseClient } from "@cortex-sdk/xpanse";
 * // Reads CORTEX_API_BASE_URL, CORTEX_API_KEY_ID, CORTEX_API_KEY and CORTEX_API_KEY_TYPE.
 * const client = new XpanseClient();
 * for await (const service of client.services.list()) console.log(service.service_name);
 * ```
 */
export class XpanseClient extends XpanseClientBase {
  /**
   * @param options - Client options; anything missing comes from the environment.
   * @throws `CortexConfigError` when the URL or credentials are missing or invalid.
   */
  constructor(options: XpanseClientOptions = {}) {
    super(options, XPANSE_CLIENT_VERSION);
  }
}
