/**
 * Waiting for any response action and downloading the files it produced (XDR, XSIAM).
 *
 * @module
 */
// The declarations name Node's own types (streams, http, Buffer): a TypeScript user needs @types/node.
/// <reference types="node" preserve="true" />
import type { Readable } from "node:stream";
import type { CallOptions, CortexClient } from "@cortex-sdk/core";
import { downloadLink, splitWaitOptions, waitForAction, type ActionResult, type AndWaitOptions } from "./wait.js";

/** The `actions` workflows: waiting and downloads. Product namespaces extend it. */
export class ActionTracking {
  readonly #client: CortexClient;

  /** @param client - The client that sends the calls. */
  constructor(client: CortexClient) {
    this.#client = client;
  }

  /**
   * Waits until an action finished on every endpoint (same as `client.waitForAction`).
   *
   * @param actionId - Action id.
   * @param options - Wait options.
   * @returns Each endpoint's final status.
   * @throws `CortexActionFailedError`, `CortexTimeoutError`, `CortexAbortError`.
   * @example
   * ```ts
   * await client.actions.waitFor(1234, { maxWaitMs: 120_000 });
   * ```
   */
  waitFor(actionId: string | number, options?: AndWaitOptions): Promise<ActionResult> {
    return waitForAction(this.#client, actionId, splitWaitOptions(options)[1]);
  }

  /**
   * Streams a file from a download link the service handed out.
   *
   * @param link - The link (or its `/public_api/v1/download/<token>` path).
   * @param options - Call options.
   * @returns The file as a Node Readable.
   * @throws `CortexError` for a link that is not a download link; the pipeline's typed errors.
   * @example
   * ```ts
   * (await client.actions.download(link)).pipe(createWriteStream("file.zip"));
   * ```
   */
  download(link: string, options?: CallOptions): Promise<Readable> {
    return downloadLink(this.#client, link, options);
  }
}
