/**
 * Resource namespaces of the XDR client.
 *
 * @module
 */
import type { ApiPromise, CallOptions, CortexClient, ListOptions, PagePromise } from "@cortex-sdk/core";
import type { GenerateApiKeyReply, GenerateApiKeyRequest, GetIncidentsReply, GetIncidentsRequest, Incident } from "@cortex-sdk/schemas";

/** Incidents: list and read. */
export class IncidentsResource {
  readonly #client: CortexClient;

  /** @param client - The client that sends the calls. */
  constructor(client: CortexClient) {
    this.#client = client;
  }

  /**
   * Lists incidents (`incidents.get_incidents`), 100 per page at most. Await the result for the first
   * page, or `for await` over it to get every incident across pages.
   *
   * @param request - Filters (AND-combined), sort and offsets.
   * @param options - Per-call options plus `limit`, `pageSize` and `cursor`.
   * @returns A page promise of {@link GetIncidentsReply} and {@link Incident} items.
   * @throws `CortexBadRequestError` for an unknown filter field or operator.
   * @example
   * ```ts
   * for await (const incident of client.incidents.list({ filters: [{ field: "status", operator: "eq", value: "new" }] })) {
   *   console.log(incident.incident_id, incident.severity);
   * }
   * ```
   */
  list(request: GetIncidentsRequest = {}, options?: ListOptions): PagePromise<GetIncidentsReply, Incident> {
    return this.#client.paginate<GetIncidentsReply, Incident>("incidents.get_incidents", request, options);
  }
}

/** API keys: generate. */
export class ApiKeysResource {
  readonly #client: CortexClient;

  /** @param client - The client that sends the calls. */
  constructor(client: CortexClient) {
    this.#client = client;
  }

  /**
   * Generates an API key (`api_keys.generate`). The secret is in the reply once and never again: store it.
   * Not retried after an ambiguous failure (it could create two keys) unless `retryUnsafe` is set.
   *
   * @param request - Roles, security level, expiration (epoch ms, at most six months ahead), comment.
   * @param options - Per-call options.
   * @returns The new key's id and secret.
   * @throws `CortexBadRequestError` for an unknown role or an expiration too far ahead.
   * @throws `CortexPermissionError` when the calling key may not manage keys.
   * @example
   * ```ts
   * const { id, key } = await client.apiKeys.generate({ roles: ["Viewer"], security_level: "advanced" });
   * ```
   */
  generate(request: GenerateApiKeyRequest, options?: CallOptions): ApiPromise<GenerateApiKeyReply> {
    return this.#client.request("api_keys.generate", request, options);
  }
}
