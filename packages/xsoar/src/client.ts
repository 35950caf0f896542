/**
 * The Cortex XSOAR (6 and 8) client.
 *
 * @module
 */
import { CortexConfigError, isCortexError, type ApiPromise, type ClientOptions, type ReplyValidationOptions, type ValidatedCallOptions } from "@cortex-sdk/core";
import type { XsoarIncidentReply, XsoarIncidentRequest, XsoarOperationShapes } from "@cortex-sdk/schemas-xsoar";
import { XsoarClientBase, type XsoarIncidentsNamespace } from "./generated/client-base.js";
import { XSOAR_CLIENT_VERSION } from "./version.js";
import type { ShapedClient } from "@cortex-sdk/workflows/shared";
import type { IncidentCreateFields, XsoarAbout, XsoarExtraShapes, XsoarIncident } from "@cortex-sdk/workflows/xsoar";

/** Options of {@link XsoarClient}: the common client options plus `validateReplies`. */
export type XsoarClientOptions = ClientOptions & ReplyValidationOptions;

/** An XSOAR version the client is built for: 6, 8, or not known when the code is compiled (`undefined`: from the environment). */
export type XsoarClientVersion = 6 | 8 | undefined;

/**
 * A new incident on XSOAR 8: the operation's request fields but `id` and `version`, with `name` required
 * (XSOAR 8 refuses an incident without one; reference xsoar-xpanse-cloud §2.6, the table's `requiredOnXsoar8`).
 */
export type Xsoar8IncidentCreateFields = IncidentCreateFields<XsoarOperationShapes> & { readonly name: string };

/** The `xsoar.incident` request on XSOAR 8: a new incident names itself (`name`); an update names the incident (`id`). */
export type Xsoar8IncidentRequest = XsoarIncidentRequest & ({ readonly name: string } | { readonly id: string });

/**
 * The `incidents` namespace of a client built for XSOAR 8 (`new XsoarClient({ xsoarVersion: 8 })`): the same
 * calls, with `create` and `save` requiring what XSOAR 8 requires. Only the types differ.
 */
export interface Xsoar8IncidentsNamespace extends XsoarIncidentsNamespace {
  /**
   * Creates an incident; XSOAR 8 requires `name`. XSOAR 8 answers 201 with the incident, or 200 with no body
   * when a pre-processing rule dropped it (then this resolves to `undefined`).
   *
   * @param fields - `name` and the other request fields (`type`, `severity`, `details`, `CustomFields`, ...).
   * @param options - Call options.
   * @returns The incident, or `undefined` when it was dropped.
   * @throws The pipeline's typed errors.
   * @example
   * ```ts
   * const client = new XsoarClient({ xsoarVersion: 8 });
   * const incident = await client.incidents.create({ name: "Phishing report", severity: 2 });
   * ```
   */
  create(fields: Xsoar8IncidentCreateFields, options?: ValidatedCallOptions): Promise<XsoarIncident | undefined>;
  /**
   * Operation `xsoar.incident` (`POST /incident`) on XSOAR 8: `name` for a new incident, or `id` for an update.
   *
   * @param request - The request.
   * @param options - Per-call options.
   * @returns The reply.
   * @throws `CortexApiError` subclasses for answers from the service, `CortexConnectionError` and `CortexTimeoutError` otherwise.
   * @example
   * ```ts
   * await client.incidents.save({ name: "Phishing report" });
   * ```
   */
  save(request: Xsoar8IncidentRequest, options?: ValidatedCallOptions): ApiPromise<XsoarIncidentReply>;
}

/** The `incidents` namespace for a version: XSOAR 8's when the client is built for 8, else the version-neutral one (XSOAR 6's rule is unknown). */
export type XsoarIncidentsFor<Version extends XsoarClientVersion> = [Version] extends [8] ? Xsoar8IncidentsNamespace : XsoarIncidentsNamespace;

/**
 * Client for the Cortex XSOAR (6 and 8) public API: one namespace per operation group, every operation typed.
 *
 * XSOAR 6 and XSOAR 8 differ in host, path prefix and headers, so `xsoarVersion` (or `CORTEX_XSOAR_VERSION`)
 * is required, or use {@link XsoarClient.detect} to ask the server once.
 *
 * The version given as `xsoarVersion` is part of the client's type: a client built with `xsoarVersion: 8`
 * (type {@link Xsoar8Client}) requires what XSOAR 8 requires, e.g. `name` for `incidents.create`. A client whose
 * version comes from the environment or from {@link XsoarClient.detect} is typed for either version.
 *
 * @typeParam Version - The `xsoarVersion` given to the constructor (inferred), or `undefined` when not known.
 * @example
 * ```ts
 * import { XsoarClient } from "@cortex-sdk/xsoar";
 * // Reads CORTEX_API_BASE_URL, CORTEX_API_KEY_ID, CORTEX_API_KEY and CORTEX_API_KEY_TYPE.
 * const client = new XsoarClient({ xsoarVersion: 8 });
 * for await (const incident of client.incidents.query("status:Active")) console.log(incident.name);
 * ```
 */
export class XsoarClient<Version extends XsoarClientVersion = XsoarClientVersion> extends XsoarClientBase {
  /**
   * @param options - Client options; anything missing comes from the environment.
   * @throws `CortexConfigError` when the URL, credentials or XSOAR version are missing or invalid.
   */
  constructor(options: XsoarClientOptions & { readonly xsoarVersion?: Version } = {}) {
    super(options, XSOAR_CLIENT_VERSION);
  }

  /** `incidents` operations and workflows; on a client built for XSOAR 8, typed with XSOAR 8's required fields. */
  override get incidents(): XsoarIncidentsFor<Version> {
    // The same namespace object: only its type depends on the version.
    return super.incidents as XsoarIncidentsFor<Version>;
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

/** A client built for XSOAR 8 (`new XsoarClient({ xsoarVersion: 8 })`): calls are typed with what XSOAR 8 requires. */
export type Xsoar8Client = XsoarClient<8>;
