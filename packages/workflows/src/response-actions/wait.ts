/**
 * Waiting for response actions (isolate, scan, quarantine, file retrieval, scripts): poll the action's
 * status with backoff until every endpoint reached a final state, fail with a typed error when some
 * did not succeed, and download the files an action produced as streams.
 *
 * @module
 */
// The declarations name Node's own types (streams, http, Buffer): a TypeScript user needs @types/node.
/// <reference types="node" preserve="true" />
import type { Readable } from "node:stream";
import type { OperationEntry } from "@cortex-sdk/schemas-base";
import { CortexActionFailedError, CortexError, waitUntil, type CallOptions, type CortexClient, type EndpointActionOutcome } from "@cortex-sdk/core";
import type { ShapedClient } from "../shared/types.js";

/** Statuses an endpoint passes through before its action is over. */
export const PENDING_ACTION_STATUSES: ReadonlySet<string> = new Set(["PENDING", "IN_PROGRESS", "PENDING_ABORT"]);
/** Final statuses that count as success. */
export const SUCCESSFUL_ACTION_STATUSES: ReadonlySet<string> = new Set(["COMPLETED_SUCCESSFULLY", "COMPLETED_PARTIAL"]);

/** Options of {@link waitForAction}. */
export interface WaitForActionOptions {
  /** Longest wait, ms (default 600,000: the service expires most actions after that). */
  readonly maxWaitMs?: number;
  /** First delay between polls, ms (default 2,000). */
  readonly minDelayMs?: number;
  /** Largest delay between polls, ms (default 30,000). */
  readonly maxDelayMs?: number;
  /** Stops waiting (the action itself keeps running on the endpoints). */
  readonly signal?: AbortSignal;
  /** Return instead of throwing when some endpoints failed (default false). */
  readonly allowFailures?: boolean;
}

/** How a response action ended. */
export interface ActionResult {
  /** The action (group action) id. */
  readonly actionId: string;
  /** Every endpoint with its final status. */
  readonly endpoints: readonly EndpointActionOutcome[];
  /** Endpoints that completed (fully or partially). */
  readonly succeeded: readonly EndpointActionOutcome[];
  /** Endpoints that failed, timed out, were cancelled, aborted or expired. */
  readonly failed: readonly EndpointActionOutcome[];
  /** Number of polls it took. */
  readonly polls: number;
}

interface ActionStatusReply {
  readonly data?: Readonly<Record<string, string>>;
  readonly errorReasons?: Readonly<Record<string, unknown>>;
}

/** The status and result operations the waiters poll, with the reply fields they read. */
type WaitShapes = {
  readonly "actions.get_action_status": { readonly request: { readonly group_action_id: number | string }; readonly reply: ActionStatusReply };
  readonly "scripts.get_script_execution_status": { readonly request: { readonly action_id: number | string }; readonly reply: Record<string, unknown> | undefined };
  readonly "scripts.get_script_execution_results": { readonly request: { readonly action_id: number | string }; readonly reply: Record<string, unknown> | undefined };
};

/**
 * Polls `actions.get_action_status` until every endpoint of the action is in a final state.
 *
 * @param client - An XDR or XSIAM client.
 * @param actionId - The action id a response action returned (`action_id` or `group_action_id`).
 * @param options - Wait limits, signal, and whether failures throw.
 * @returns Every endpoint's final status.
 * @throws `CortexActionFailedError` when an endpoint ended FAILED, TIMEOUT, CANCELLED, ABORTED or
 *   EXPIRED (unless `allowFailures`).
 * @throws `CortexTimeoutError` (`phase: "wait"`) after `maxWaitMs`; `CortexAbortError` on abort.
 */
export async function waitForAction(client: CortexClient, actionId: string | number, options: WaitForActionOptions = {}): Promise<ActionResult> {
  const actions: ShapedClient<WaitShapes> = client;
  const id = String(actionId);
  const call = options.signal === undefined ? {} : { signal: options.signal };
  let polls = 0;
  const reply = await waitUntil<ActionStatusReply>(
    async () => {
      polls += 1;
      const status = await actions.request("actions.get_action_status", { group_action_id: numericId(id) }, call);
      const statuses = Object.values(status?.data ?? {});
      const pending = statuses.length === 0 || statuses.some((value) => PENDING_ACTION_STATUSES.has(String(value).toUpperCase()));
      return pending ? { done: false, state: status?.data ?? {} } : { done: true, value: status };
    },
    { maxWaitMs: options.maxWaitMs ?? 600_000, minDelayMs: options.minDelayMs ?? 2_000, maxDelayMs: options.maxDelayMs ?? 30_000, description: `action ${id}`, ...call },
  );
  const endpoints: EndpointActionOutcome[] = Object.entries(reply.data ?? {}).map(([endpointId, status]) => {
    const reason = reply.errorReasons?.[endpointId];
    return { endpointId, status: String(status).toUpperCase(), ...(reason === undefined ? {} : { reason }) };
  });
  const succeeded = endpoints.filter((outcome) => SUCCESSFUL_ACTION_STATUSES.has(outcome.status));
  const failed = endpoints.filter((outcome) => !SUCCESSFUL_ACTION_STATUSES.has(outcome.status));
  if (failed.length > 0 && options.allowFailures !== true) throw new CortexActionFailedError(id, failed, succeeded, { operationId: "actions.get_action_status" });
  return { actionId: id, endpoints, succeeded, failed, polls };
}

/** How a script run ended. */
export interface ScriptRunResult {
  /** The action id. */
  readonly actionId: string;
  /** The last `get_script_execution_status` reply (counts per state, `general_status`). */
  readonly status: Readonly<Record<string, unknown>>;
  /** `get_script_execution_results`: per-endpoint output (`results[]`), script name and parameters. */
  readonly results: Readonly<Record<string, unknown>>;
  /** Number of polls it took. */
  readonly polls: number;
}

/**
 * Polls `scripts.get_script_execution_status` until the run is over, then reads its results.
 *
 * @param client - An XDR or XSIAM client.
 * @param actionId - The action id `run_script` or `run_snippet_code_script` returned.
 * @param options - Wait limits, signal, and whether failures throw.
 * @returns Status counts and per-endpoint results.
 * @throws `CortexActionFailedError` when endpoints failed, timed out, were cancelled, aborted or expired (unless `allowFailures`).
 * @throws `CortexTimeoutError` (`phase: "wait"`) after `maxWaitMs`; `CortexAbortError` on abort.
 */
export async function waitForScript(client: CortexClient, actionId: string | number, options: WaitForActionOptions = {}): Promise<ScriptRunResult> {
  const scripts: ShapedClient<WaitShapes> = client;
  const id = String(actionId);
  const call = options.signal === undefined ? {} : { signal: options.signal };
  let polls = 0;
  const status = await waitUntil<Record<string, unknown>>(
    async () => {
      polls += 1;
      const reply = await scripts.request("scripts.get_script_execution_status", { action_id: numericId(id) }, call);
      const general = String(reply?.["general_status"] ?? "").toUpperCase();
      const pendingCount = count(reply, "endpoints_pending") + count(reply, "endpoints_in_progress") + count(reply, "endpoints_pending_abort");
      const pending = general === "" ? pendingCount > 0 : PENDING_ACTION_STATUSES.has(general) || pendingCount > 0;
      return pending ? { done: false, state: general || reply } : { done: true, value: reply ?? {} };
    },
    { maxWaitMs: options.maxWaitMs ?? 600_000, minDelayMs: options.minDelayMs ?? 2_000, maxDelayMs: options.maxDelayMs ?? 30_000, description: `script run ${id}`, ...call },
  );
  const results = (await scripts.request("scripts.get_script_execution_results", { action_id: numericId(id) }, call)) ?? {};
  const failures = ["endpoints_failed", "endpoints_timeout", "endpoints_canceled", "endpoints_aborted", "endpoints_expired"].reduce((sum, field) => sum + count(status, field), 0);
  if (failures > 0 && options.allowFailures !== true) {
    const rows = Array.isArray(results["results"]) ? (results["results"] as Record<string, unknown>[]) : [];
    const outcomes = rows.map((row) => ({ endpointId: String(row["endpoint_id"] ?? "?"), status: String(row["execution_status"] ?? "").toUpperCase(), ...(row["standard_output"] === undefined ? {} : { reason: row["standard_output"] }) }));
    const failed = outcomes.filter((outcome) => !SUCCESSFUL_ACTION_STATUSES.has(outcome.status));
    const reported = failed.length > 0 ? failed : [{ endpointId: "?", status: `${failures} endpoint(s) failed` }];
    throw new CortexActionFailedError(id, reported, outcomes.filter((outcome) => SUCCESSFUL_ACTION_STATUSES.has(outcome.status)), { operationId: "scripts.get_script_execution_status" });
  }
  return { actionId: id, status, results, polls };
}

/**
 * The action id in a response action's reply (`action_id`, `group_action_id`, or the reply itself).
 *
 * @param reply - The reply of isolate, scan, run_script, ...
 * @param operationId - For the error message.
 * @returns The id as a string.
 * @throws `CortexError` when the reply carries no action id.
 */
export function actionIdOf(reply: unknown, operationId: string): string {
  if (typeof reply === "string" || typeof reply === "number") return String(reply);
  if (reply !== null && typeof reply === "object") {
    const record = reply as Record<string, unknown>;
    for (const key of ["action_id", "group_action_id", "actionId"]) {
      const value = record[key];
      if (typeof value === "string" || typeof value === "number") return String(value);
    }
  }
  throw new CortexError("api", `${operationId}: the reply carries no action id, so there is nothing to wait for (reply: ${JSON.stringify(reply)?.slice(0, 200)}).`, { operationId });
}

/** Per-call options plus wait options, for the `...AndWait()` methods. */
export type AndWaitOptions = CallOptions & WaitForActionOptions;

/**
 * Splits `...AndWait()` options into the call's and the wait's.
 *
 * @param options - Both.
 * @returns `[call, wait]`.
 */
export function splitWaitOptions(options: AndWaitOptions = {}): [CallOptions, WaitForActionOptions] {
  const { maxWaitMs, minDelayMs, maxDelayMs, allowFailures, ...call } = options;
  const wait: WaitForActionOptions = {
    ...(maxWaitMs === undefined ? {} : { maxWaitMs }),
    ...(minDelayMs === undefined ? {} : { minDelayMs }),
    ...(maxDelayMs === undefined ? {} : { maxDelayMs }),
    ...(allowFailures === undefined ? {} : { allowFailures }),
    ...(call.signal === undefined ? {} : { signal: call.signal }),
  };
  return [call, wait];
}

/**
 * The file download operation: the links `actions.file_retrieval_details` and
 * `scripts.get_script_execution_results_files` hand out (`/public_api/v1/download/<token>`). It is not in
 * the generated table (it has no spec of its own), so clients add it to theirs.
 */
export const DOWNLOAD_OPERATION: OperationEntry = {
  id: "download.file",
  method: "GET",
  path: "/public_api/v1/download/{token}",
  products: ["xdr", "xsiam"],
  requestEnvelope: "none",
  replyEnvelope: "bare",
  replyKind: "binary",
  pagination: { kind: "none" },
  retrySafety: "read",
  async: "none",
  limits: {},
  pathParams: ["token"],
  sources: ["xdr-xsiam-api §4.6"],
  group: "Response actions",
};

/**
 * Downloads a file from a link the service handed out (file retrieval, script result files) as a stream.
 * Links expire after about ten minutes, so download soon after asking for them.
 *
 * @param client - An XDR or XSIAM client whose table includes {@link DOWNLOAD_OPERATION}.
 * @param link - The absolute link or its `/public_api/v1/download/<token>` path.
 * @param options - Per-call options (set `timeoutMs` long enough for the whole download).
 * @returns The file (usually a zip) as a Node Readable; read it to the end or destroy it.
 * @throws `CortexError` for a link that is not a download link; the pipeline's typed errors otherwise.
 */
export async function downloadLink(client: CortexClient, link: string, options: CallOptions = {}): Promise<Readable> {
  const match = /\/public_api\/v1\/download\/([^?#]+)/.exec(link);
  if (match?.[1] === undefined) throw new CortexError("api", `Not a download link: ${link.slice(0, 120)}. Expected …/public_api/v1/download/<token>.`);
  return client.stream(DOWNLOAD_OPERATION.id, { token: decodeURIComponent(match[1]) }, options);
}

function numericId(id: string): number | string {
  return /^\d+$/.test(id) && Number.isSafeInteger(Number(id)) ? Number(id) : id;
}

function count(reply: Record<string, unknown> | undefined, field: string): number {
  const value = reply?.[field];
  return typeof value === "number" ? value : typeof value === "string" && /^\d+$/.test(value) ? Number(value) : 0;
}

/** The hand-written operations the response-action workflows call beyond the XDR and XSIAM tables. */
export const RESPONSE_ACTION_OPERATIONS: readonly OperationEntry[] = [DOWNLOAD_OPERATION];
