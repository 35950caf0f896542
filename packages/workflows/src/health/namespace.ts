/**
 * Tenant health: whether the tenant's API answers as available, as a plain yes or no.
 *
 * @module
 */
import type { CallOptions, CortexClient } from "@cortex-sdk/core";
import type { ShapedClient, ShapesWith } from "../shared/types.js";

/** The operation {@link TenantHealth} calls. */
export type HealthShapes = ShapesWith<"healthcheck">;

/**
 * The `health` workflows: {@link TenantHealth.isAvailable}.
 *
 * @typeParam S - The product's operation shapes map (it must serve `healthcheck`).
 */
export class TenantHealth<S extends HealthShapes = HealthShapes> {
  readonly #client: ShapedClient<S>;

  /** @param client - The client that sends the calls. */
  constructor(client: CortexClient) {
    this.#client = client;
  }

  /**
   * Asks `healthcheck` whether the tenant's API is available.
   *
   * @param options - Call options.
   * @returns `true` when the service reports `available`, `false` for any other status.
   * @throws The pipeline's typed errors (a tenant that cannot be reached throws; it is not `false`).
   * @example
   * ```ts
   * if (!(await client.health.isAvailable())) console.warn("the tenant reports it is not available");
   * ```
   */
  async isAvailable(options?: CallOptions): Promise<boolean> {
    const reply: unknown = await this.#client.request("healthcheck", undefined, options);
    return typeof reply === "object" && reply !== null && (reply as { status?: unknown }).status === "available";
  }
}
