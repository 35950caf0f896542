/**
 * The Cortex XDR client.
 *
 * @module
 */
import { CortexClient, type ClientOptions } from "@cortex-sdk/core";
// The XDR subpath only, so a bundle carries the XDR operations and nothing of the other products.
import { operations } from "@cortex-sdk/schemas/xdr";
import { ApiKeysResource, IncidentsResource } from "./resources.js";
import { XDR_CLIENT_VERSION } from "./version.js";

/** Options of {@link XdrClient}: the common client options. */
export type XdrClientOptions = ClientOptions;

/**
 * Client for the Cortex XDR public API.
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
export class XdrClient extends CortexClient {
  /** Incidents. */
  readonly incidents: IncidentsResource;
  /** API keys. */
  readonly apiKeys: ApiKeysResource;

  /**
   * @param options - Client options; anything missing comes from the environment.
   * @throws `CortexConfigError` when the URL or credentials are missing or invalid.
   */
  constructor(options: XdrClientOptions = {}) {
    super(options, { product: "xdr", clientName: "xdr", clientVersion: XDR_CLIENT_VERSION, operations });
    this.incidents = new IncidentsResource(this);
    this.apiKeys = new ApiKeysResource(this);
  }

  /**
   * Derives a client with other defaults (timeouts, retries, credentials); this client is unchanged.
   *
   * @param overrides - Options to change.
   * @returns A new client.
   */
  override withOptions(overrides: XdrClientOptions): XdrClient {
    return new XdrClient({ ...this.options, ...overrides });
  }
}
