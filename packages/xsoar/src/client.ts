/**
 * The Cortex XSOAR (6 and 8) client.
 *
 * @module
 */
import { CortexConfigError, isCortexError, type ClientOptions, type ReplyValidationOptions } from "@cortex-sdk/core";
import { XsoarClientBase } from "./generated/client-base.js";
import { XSOAR_CLIENT_VERSION } from "./version.js";
import type { ShapedClient } from "@cortex-sdk/workflows/shared";
import type { XsoarAbout, XsoarExtraShapes } from "@cortex-sdk/workflows/xsoar";

/** Options of {@link XsoarClient}: the common client options plus `validateReplies`. */
export type XsoarClientOptions = ClientOptions & ReplyValidationOptions;

/**
 * Client for the Cortex XSOAR (6 and 8) public API: one namespace per operation group, every operation typed.
 *
 * XSOAR 6 and XSOAR 8 differ in host, path prefix and headers, so `xsoarVersion` (or `CORTEX_XSOAR_VERSION`)
 * is required, or use {@link XsoarClient.detect} to ask the server once.
 *
 * @example
 * ```ts
 * import { XsoarClient } from "@cortex-sdk/xsoar";
 * // Reads CORTEX_API_BASE_URL, CORTEX_API_KEY_ID, CORTEX_API_KEY and CORTEX_API_KEY_TYPE.
 * const client = new XsoarClient({ xsoarVersion: 8 });
 * for await (const incident of client.incidents.query("status:Active")) console.log(incident.name);
 * ```
 */
export class XsoarClient extends XsoarClientBase {
  /**
   * @param options - Client options; anything missing comes from the environment.
   * @throws `CortexConfigError` when the URL, credentials or XSOAR version are missing or invalid.
   */
  constructor(options: XsoarClientOptions = {}) {
    super(options, XSOAR_CLIENT_VERSION);
  }

  /**
   * The server's version facts (`/about` on XSOAR 6, `/xsoar/about` on XSOAR 8).
   *
   * @returns `demistoVersion`, `buildNum` and, on XSOAR 8, `deploymentMode` and `productMode`.
   * @throws The pipeline's typed errors.
   * @example
   * ```ts
   * console.log((await client.about()).demistoVersion);
   * ```
   */
  about(): Promise<XsoarAbout> {
    const extra: ShapedClient<XsoarExtraShapes> = this;
    return extra.request(this.config.xsoarVersion === 6 ? "xsoar.about" : "xsoar.about.v8", undefined);
  }

  /**
   * Builds a client after asking the server which XSOAR it is, once. A key with a key id (Cortex keys)
   * is tried as XSOAR 8 first (`/xsoar/about`), a key without one as XSOAR 6 first (`/about`), so an
   * advanced key is never sent raw; if that fails with anything but a network error, the other version
   * is tried. `demistoVersion` 8.x means XSOAR 8.
   *
   * @param options - Client options without (or with, to skip detection) `xsoarVersion`.
   * @returns A client for the detected version.
   * @throws `CortexConfigError` when neither version answers `/about` sensibly; network errors as they are.
   * @example
   * ```ts
   * const client = await XsoarClient.detect({ baseUrl, apiKeyId, apiKey, securityLevel: "advanced" });
   * console.log(client.config.xsoarVersion);
   * ```
   */
  static async detect(options: XsoarClientOptions = {}): Promise<XsoarClient> {
    if (options.xsoarVersion !== undefined) return new XsoarClient(options);
    const hasKeyId = options.apiKeyId !== undefined || options.credentials !== undefined || (options.env ?? process.env)["CORTEX_API_KEY_ID"] !== undefined;
    const order: readonly (6 | 8)[] = hasKeyId ? [8, 6] : [6, 8];
    const failures: string[] = [];
    for (const version of order) {
      if (version === 6 && options.securityLevel === "advanced") {
        failures.push("XSOAR 6: not tried, an advanced key is never sent raw");
        continue;
      }
      let client: XsoarClient;
      try {
        client = new XsoarClient({ ...options, xsoarVersion: version });
      } catch (error) {
        failures.push(`XSOAR ${version}: ${(error as Error).message}`);
        continue;
      }
      try {
        const about = await client.about();
        const major = Number.parseInt(String(about?.demistoVersion ?? ""), 10);
        if (major >= 8 === (version === 8) && Number.isFinite(major)) return client;
        failures.push(`XSOAR ${version}: the server reports version ${String(about?.demistoVersion)}`);
      } catch (error) {
        if (isCortexError(error) && (error.kind === "connection" || error.kind === "timeout" || error.kind === "abort")) {
          await client.close();
          throw error;
        }
        failures.push(`XSOAR ${version}: ${(error as Error).message}`);
      }
      await client.close();
    }
    throw new CortexConfigError("configuration", `Could not tell whether the server is XSOAR 6 or 8 (${failures.join("; ")}). Set xsoarVersion (or CORTEX_XSOAR_VERSION) to 6 or 8.`);
  }
}
