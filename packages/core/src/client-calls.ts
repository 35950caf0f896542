/**
 * What the SDK's own probes need from a client (key expiry, a child tenant's refusal): a narrow view of
 * {@link CortexClient}, so those modules do not import the client they are part of.
 *
 * @module
 */
import type { ClientOptions, ResolvedConfig } from "./config.js";
import type { CallOptions } from "./pipeline.js";

/** The calls of a client that the SDK's probes make; every {@link CortexClient} has them. */
export interface ClientCalls {
  /** The client's resolved configuration. */
  readonly config: ResolvedConfig;
  /**
   * Whether the client can call an operation.
   *
   * @param operationId - Operation id.
   */
  hasOperation(operationId: string): boolean;
  /**
   * Calls an operation by id.
   *
   * @param operationId - Operation id.
   * @param body - The request.
   * @param options - Call options.
   */
  request(operationId: string, body?: unknown, options?: CallOptions): PromiseLike<unknown>;
  /**
   * A client like this one with some options changed.
   *
   * @param overrides - The options to change.
   */
  withOptions(overrides: ClientOptions): ClientCalls;
  /** Closes the client's own connections. */
  close(): Promise<void>;
}
