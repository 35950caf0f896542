/**
 * Script runs that wait for their per-endpoint results, and the download of the files they produced (XDR, XSIAM).
 *
 * @module
 */
// The declarations name Node's own types (streams, http, Buffer): a TypeScript user needs @types/node.
/// <reference types="node" preserve="true" />
import type { Readable } from "node:stream";
import type { CallOptions, CortexClient } from "@cortex-sdk/core";
import type { RequestIn, ShapedClient, ShapesWith } from "../shared/types.js";
import { actionIdOf, downloadLink, splitWaitOptions, waitForScript, type AndWaitOptions, type ScriptRunResult } from "./wait.js";

/** How a script run ended, with its result files. */
export type ScriptOutcome = ScriptRunResult & {
  /** The reply of `run_script`. */
  readonly reply: unknown;
  /**
   * Downloads the files one endpoint's run produced (a zip) as a stream.
   *
   * @param endpointId - The endpoint.
   * @param options - Call options.
   * @returns The zip as a Node Readable.
   */
  downloadFiles(endpointId: string, options?: CallOptions): Promise<Readable>;
};

/** The operations {@link ScriptRuns} calls. */
export type ScriptRunShapes = ShapesWith<"scripts.run_script" | "scripts.get_script_execution_results_files">;

/** The link to a script run's result files. */
type ResultFilesShapes = {
  readonly "scripts.get_script_execution_results_files": { readonly request: { readonly action_id: number; readonly endpoint_id: string }; readonly reply: { data?: unknown; DATA?: unknown } | undefined };
};

/**
 * The `scripts` workflows: script runs that wait for their results. Product namespaces extend it.
 *
 * @typeParam S - The product's operation shapes map, which types the script run request.
 */
export class ScriptRuns<S extends ScriptRunShapes = ScriptRunShapes> {
  readonly #client: CortexClient;
  readonly #scripts: ShapedClient<S>;
  readonly #files: ShapedClient<ResultFilesShapes>;

  /** @param client - The client that sends the calls. */
  constructor(client: CortexClient) {
    this.#client = client;
    this.#scripts = client;
    this.#files = client;
  }

  /**
   * Runs a script from the library on endpoints (≤ 1,000), waits until every endpoint finished, and
   * returns the per-endpoint results. Sent once (never retried after an ambiguous failure).
   *
   * @param request - `{ filters, script_uid, parameters_values, timeout? }`.
   * @param options - Call and wait options.
   * @returns Status counts, per-endpoint results and a download function for result files.
   * @throws `CortexActionFailedError` when endpoints failed or timed out (unless `allowFailures`); `CortexTimeoutError`.
   * @example
   * ```ts
   * const run = await client.scripts.runAndWait({ filters: [{ field: "endpoint_id_list", operator: "in", value: ["abc123"] }], script_uid: "a6f7683c8e217d85bd3c398f0d3fb6bf", parameters_values: { commands_list: ["whoami"] } });
   * console.log(run.results);
   * ```
   */
  async runAndWait(request: RequestIn<S, "scripts.run_script">, options?: AndWaitOptions): Promise<ScriptOutcome> {
    const [call, wait] = splitWaitOptions(options);
    const reply = await this.#scripts.request("scripts.run_script", request, call);
    const run = await waitForScript(this.#client, actionIdOf(reply, "scripts.run_script"), wait);
    return { ...run, reply, downloadFiles: (endpointId, downloadOptions) => this.downloadResultFiles(run.actionId, endpointId, downloadOptions) };
  }

  /**
   * Downloads the files a script run produced on one endpoint (asks for the link, valid ten minutes, and
   * streams it).
   *
   * @param actionId - The run's action id.
   * @param endpointId - The endpoint.
   * @param options - Call options.
   * @returns The zip as a Node Readable.
   * @throws The pipeline's typed errors; `CortexError` when the service gives no link.
   * @example
   * ```ts
   * (await client.scripts.downloadResultFiles(run.actionId, "abc123")).pipe(createWriteStream("out.zip"));
   * ```
   */
  async downloadResultFiles(actionId: string | number, endpointId: string, options: CallOptions = {}): Promise<Readable> {
    const reply = await this.#files.request("scripts.get_script_execution_results_files", { action_id: Number(actionId), endpoint_id: endpointId }, options);
    return downloadLink(this.#client, String(reply?.data ?? reply?.DATA ?? ""), options);
  }
}
