/**
 * The Cortex Xpanse client.
 *
 * @module
 */
import type { ClientOptions, ReplyValidationOptions } from "@cortex-sdk/core";
import { XpanseClientBase } from "./generated/client-base.js";
import { XPANSE_CLIENT_VERSION } from "./version.js";
import { XpanseAlerts, XpanseAssets, XpanseIncidents, XpanseIpRanges, XpanseServices, XpanseTags } from "./workflows.js";

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
  /** `assets` operations plus token-paged `list` and `get` by ids. */
  override readonly assets: XpanseAssets;
  /** `incidents` operations; `list` pages by token. */
  override readonly incidents: XpanseIncidents;
  /** `alerts` operations plus token-paged `list` and `updateMany`. */
  override readonly alerts: XpanseAlerts;
  /** External services. */
  readonly services: XpanseServices;
  /** External IP address ranges. */
  readonly ipRanges: XpanseIpRanges;
  /** Tags on assets and IP ranges. */
  readonly tags: XpanseTags;

  /**
   * @param options - Client options; anything missing comes from the environment.
   * @throws `CortexConfigError` when the URL or credentials are missing or invalid.
   */
  constructor(options: XpanseClientOptions = {}) {
    super(options, XPANSE_CLIENT_VERSION);
    this.assets = new XpanseAssets(this);
    this.incidents = new XpanseIncidents(this);
    this.alerts = new XpanseAlerts(this);
    this.services = new XpanseServices(this);
    this.ipRanges = new XpanseIpRanges(this);
    this.tags = new XpanseTags(this);
  }
}
