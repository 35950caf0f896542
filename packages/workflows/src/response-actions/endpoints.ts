/**
 * Endpoint response actions that wait for their outcome (XDR, XSIAM): isolate, release, scan, quarantine, restore and file retrieval with its downloads.
 *
 * @module
 */
// The declarations name Node's own types (streams, http, Buffer): a TypeScript user needs @types/node.
/// <reference types="node" preserve="true" />
import type { Readable } from "node:stream";
import type { CallOptions, CortexClient } from "@cortex-sdk/core";
import type { ReplyIn, RequestIn, ShapedClient, ShapesWith } from "../shared/types.js";
import { actionIdOf, downloadLink, splitWaitOptions, waitForAction, type ActionResult, type AndWaitOptions } from "./wait.js";

/** A response action's reply together with how it ended. */
export type ActionOutcome<Reply> = ActionResult & {
  /** The reply of the call that started the action. */
  readonly reply: Reply;
};

/** How a file retrieval ended, with the links to its files. */
export type FileRetrievalOutcome<Reply = unknown> = ActionOutcome<Reply> & {
  /** Download link per endpoint id (valid about ten minutes). */
  readonly links: Readonly<Record<string, string>>;
  /**
   * Downloads one endpoint's files (a zip) as a stream.
   *
   * @param endpointId - The endpoint.
   * @param options - Call options (set `timeoutMs` for large files).
   * @returns The zip as a Node Readable.
   */
  download(endpointId: string, options?: CallOptions): Promise<Readable>;
};

/** The operations {@link EndpointResponseActions} calls; a product's shapes map (`XdrOperationShapes`) fits. */
export type EndpointActionShapes = ShapesWith<"endpoints.isolate" | "endpoints.unisolate" | "endpoints.scan" | "endpoints.quarantine" | "endpoints.restore" | "endpoints.file_retrieval" | "actions.file_retrieval_details">;

/** The download links a file retrieval's details carry (endpoint id → link). */
type FileRetrievalDetailsShapes = {
  readonly "actions.file_retrieval_details": { readonly request: { readonly group_action_id: number }; readonly reply: { data?: Record<string, string>; DATA?: Record<string, string> } | undefined };
};

/**
 * The `endpoints` workflows: response actions that wait for their outcome. Product namespaces extend it.
 *
 * @typeParam S - The product's operation shapes map, which types each request and reply.
 */
export class EndpointResponseActions<S extends EndpointActionShapes = EndpointActionShapes> {
  readonly #client: CortexClient;
  readonly #actions: ShapedClient<S>;
  readonly #details: ShapedClient<FileRetrievalDetailsShapes>;

  /** @param client - The client that sends the calls. */
  constructor(client: CortexClient) {
    this.#client = client;
    this.#actions = client;
    this.#details = client;
  }

  async #andWait<Reply>(start: Promise<Reply>, operationId: string, options: AndWaitOptions | undefined): Promise<ActionOutcome<Reply>> {
    const [, wait] = splitWaitOptions(options);
    const reply = await start;
    const action = await waitForAction(this.#client, actionIdOf(reply, operationId), wait);
    return { ...action, reply };
  }

  /**
   * Isolates endpoints and waits until every endpoint reports a final status. Sent once (not retried
   * after an ambiguous failure unless `retryUnsafe`); at most 1,000 endpoints per call.
   *
   * @param request - `{ endpoint_id }` or `{ filters }`, and `incident_id`.
   * @param options - Call options plus `maxWaitMs` (default 10 min), poll delays, `allowFailures`.
   * @returns The reply and each endpoint's final status.
   * @throws `CortexActionFailedError` when an endpoint failed, timed out, was cancelled, aborted or expired;
   *   `CortexTimeoutError` (`phase: "wait"`) after `maxWaitMs`.
   * @example
   * ```ts
   * const { succeeded } = await client.endpoints.isolateAndWait({ endpoint_id: "abc123" }, { maxWaitMs: 300_000 });
   * ```
   */
  isolateAndWait(request: RequestIn<S, "endpoints.isolate">, options?: AndWaitOptions): Promise<ActionOutcome<ReplyIn<S, "endpoints.isolate">>> {
    return this.#andWait(this.#actions.request("endpoints.isolate", request, splitWaitOptions(options)[0]), "endpoints.isolate", options);
  }

  /**
   * Releases endpoints from isolation and waits for the outcome (see {@link EndpointResponseActions.isolateAndWait}).
   *
   * @param request - `{ endpoint_id }` or `{ filters }` (not both), and `incident_id`.
   * @param options - Call and wait options.
   * @returns The reply and each endpoint's final status.
   * @throws `CortexActionFailedError`, `CortexTimeoutError`, as for isolation.
   * @example
   * ```ts
   * await client.endpoints.unisolateAndWait({ endpoint_id: "abc123" });
   * ```
   */
  unisolateAndWait(request: RequestIn<S, "endpoints.unisolate">, options?: AndWaitOptions): Promise<ActionOutcome<ReplyIn<S, "endpoints.unisolate">>> {
    return this.#andWait(this.#actions.request("endpoints.unisolate", request, splitWaitOptions(options)[0]), "endpoints.unisolate", options);
  }

  /**
   * Starts a malware scan and waits until it finishes on every endpoint. Scans can take long: raise
   * `maxWaitMs` for large groups.
   *
   * @param request - `{ filters }` (or `"all"`) and `incident_id`.
   * @param options - Call and wait options.
   * @returns The reply and each endpoint's final status.
   * @throws `CortexActionFailedError`, `CortexTimeoutError`.
   * @example
   * ```ts
   * await client.endpoints.scanAndWait({ filters: [{ field: "endpoint_id_list", operator: "in", value: ["abc123"] }] }, { maxWaitMs: 3_600_000 });
   * ```
   */
  scanAndWait(request: RequestIn<S, "endpoints.scan">, options?: AndWaitOptions): Promise<ActionOutcome<ReplyIn<S, "endpoints.scan">>> {
    return this.#andWait(this.#actions.request("endpoints.scan", request, splitWaitOptions(options)[0]), "endpoints.scan", options);
  }

  /**
   * Quarantines a file on endpoints and waits for the outcome. Success means the action ran, not that
   * the file was found: check `quarantine.status` for that.
   *
   * @param request - `{ filters, file_path, file_hash }` (≤ 1,000 endpoints).
   * @param options - Call and wait options.
   * @returns The reply and each endpoint's final status.
   * @throws `CortexActionFailedError`, `CortexTimeoutError`.
   * @example
   * ```ts
   * await client.endpoints.quarantineAndWait({ filters: [{ field: "endpoint_id_list", operator: "in", value: ["abc123"] }], file_path: "C:\\\\x.exe", file_hash: sha256 });
   * ```
   */
  quarantineAndWait(request: RequestIn<S, "endpoints.quarantine">, options?: AndWaitOptions): Promise<ActionOutcome<ReplyIn<S, "endpoints.quarantine">>> {
    return this.#andWait(this.#actions.request("endpoints.quarantine", request, splitWaitOptions(options)[0]), "endpoints.quarantine", options);
  }

  /**
   * Restores a quarantined file and waits for the outcome. Without `endpoint_id` every endpoint holding
   * that quarantined file restores it.
   *
   * @param request - `{ file_hash, endpoint_id?, incident_id? }`.
   * @param options - Call and wait options.
   * @returns The reply and each endpoint's final status.
   * @throws `CortexActionFailedError`, `CortexTimeoutError`.
   * @example
   * ```ts
   * await client.endpoints.restoreAndWait({ file_hash: sha256, endpoint_id: "abc123" });
   * ```
   */
  restoreAndWait(request: RequestIn<S, "endpoints.restore">, options?: AndWaitOptions): Promise<ActionOutcome<ReplyIn<S, "endpoints.restore">>> {
    return this.#andWait(this.#actions.request("endpoints.restore", request, splitWaitOptions(options)[0]), "endpoints.restore", options);
  }

  /**
   * Retrieves files from endpoints (≤ 20 files from ≤ 10 endpoints), waits until the retrieval is over,
   * then asks for the download links; `download(endpointId)` streams one endpoint's zip.
   *
   * @param request - `{ filters, files: { windows?, linux?, macos? }, incident_id? }`.
   * @param options - Call and wait options.
   * @returns The outcome, the links and a download function.
   * @throws `CortexActionFailedError`, `CortexTimeoutError`.
   * @example
   * ```ts
   * const retrieval = await client.endpoints.fileRetrievalAndWait({ filters: [{ field: "endpoint_id_list", operator: "in", value: ["abc123"] }], files: { windows: ["C:\\\\evil.exe"] } });
   * (await retrieval.download("abc123")).pipe(createWriteStream("abc123.zip"));
   * ```
   */
  async fileRetrievalAndWait(request: RequestIn<S, "endpoints.file_retrieval">, options?: AndWaitOptions): Promise<FileRetrievalOutcome<ReplyIn<S, "endpoints.file_retrieval">>> {
    const [call] = splitWaitOptions(options);
    const outcome = await this.#andWait(this.#actions.request("endpoints.file_retrieval", request, call), "endpoints.file_retrieval", options);
    const details = await this.#details.request("actions.file_retrieval_details", { group_action_id: Number(outcome.actionId) }, call);
    const links: Readonly<Record<string, string>> = details?.data ?? details?.DATA ?? {};
    const client = this.#client;
    return {
      ...outcome,
      links,
      download(endpointId: string, downloadOptions?: CallOptions): Promise<Readable> {
        const link = links[endpointId];
        if (link === undefined) return Promise.reject(new Error(`No file retrieval link for endpoint ${endpointId}; endpoints with links: ${Object.keys(links).join(", ") || "none"}.`));
        return downloadLink(client, link, downloadOptions);
      },
    };
  }
}
