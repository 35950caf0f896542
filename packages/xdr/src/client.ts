/**
 * The Cortex XDR client.
 *
 * @module
 */
import type { ClientOptions, ReplyValidationOptions } from "@cortex-sdk/core";
import { splitWaitOptions, waitForAction, type ActionResult, type AndWaitOptions } from "@cortex-sdk/workflows/response-actions";
import { XdrClientBase } from "./generated/client-base.js";
import { XDR_CLIENT_VERSION } from "./version.js";

/** Options of {@link XdrClient}: the common client options plus `validateReplies`. */
export type XdrClientOptions = ClientOptions & ReplyValidationOptions;

/**
 * Client for the Cortex XDR public API: one namespace per operation group, every operation typed, plus
 * the everyday workflows (`xql.query`, `...AndWait()` response actions, `alerts.updateMany`,
 * `lookups.upsert`, `apiKeys.expiringKeys`, `fanOut`).
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

  /**
   * Waits until a response action finished on every endpoint, polling `actions.get_action_status` with
   * backoff (PENDING, IN_PROGRESS and PENDING_ABORT are waited out).
   *
   * @param actionId - The action id a response action returned.
   * @param options - `maxWaitMs` (default 10 min), poll delays, `signal`, `allowFailures`.
   * @returns Each endpoint's final status.
   * @throws `CortexActionFailedError` when an endpoint ended FAILED, TIMEOUT, CANCELLED, ABORTED or EXPIRED;
   *   `CortexTimeoutError` (`phase: "wait"`); `CortexAbortError`.
   * @example
   * ```ts
   * const { action_id } = await client.endpoints.isolate({ endpoint_id: "abc123" });
   * await client.waitForAction(action_id, { maxWaitMs: 300_000 });
   * ```
   */
  waitForAction(actionId: string | number, options?: AndWaitOptions): Promise<ActionResult> {
    return waitForAction(this, actionId, splitWaitOptions(options)[1]);
  }
}
