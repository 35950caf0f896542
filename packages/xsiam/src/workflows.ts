/**
 * The hand-written workflows of the Cortex XSIAM client, on top of the generated namespaces: XQL queries
 * to rows, response actions that wait for their outcome, alert and incident bulk updates, alerts past
 * the 9,999 total cap, lookup datasets, and API keys with checked requests.
 *
 * @module
 */
import type { Readable } from "node:stream";
import {
  actionIdOf,
  checkedCall,
  checkedList,
  downloadLink,
  expiringApiKeys,
  generateApiKeyRequest,
  listApiKeysRequest,
  removeLookupRows,
  runXqlQuery,
  splitWaitOptions,
  updateAlertsInBatches,
  updateIncidentsOneByOne,
  upsertLookupRows,
  waitForAction,
  waitForScript,
  XqlQuery,
  type ActionResult,
  type AndWaitOptions,
  type ApiPromise,
  type BulkOptions,
  type BulkResult,
  type CallOptions,
  type CortexClient,
  type ExpiringApiKey,
  type ExpiringKeysOptions,
  type GenerateApiKeyInput,
  type IncidentUpdate,
  type ListApiKeysInput,
  type ListOptions,
  type LookupRemoveOptions,
  type LookupRemoveResult,
  type LookupUpsertOptions,
  type LookupUpsertResult,
  type ReplyValidationOptions,
  type ScriptRunResult,
  type ValidatedCallOptions,
  type XqlQueryOptions,
} from "@cortex-sdk/core";
import type { ReplyOf, RequestOf } from "@cortex-sdk/schemas";
import { XsiamActionsNamespace, XsiamAlertsNamespace, XsiamApiKeysNamespace, XsiamEndpointsNamespace, XsiamIncidentsNamespace, XsiamScriptsNamespace, XsiamXqlNamespace } from "./generated/client-base.js";

/** The total the alert listings report at most (the table's `totalCap`); paging continues past it until a short page. */
export const ALERTS_TOTAL_CAP = 9999;

/** The `xql` operations plus {@link XsiamXql.query}. */
export class XsiamXql extends XsiamXqlNamespace {
  readonly #client: CortexClient;

  /** @param client - The client that sends the calls. */
  constructor(client: CortexClient) {
    super(client);
    this.#client = client;
  }

  /**
   * Runs an XQL query and yields its rows. It waits for one of the tenant's four query slots, starts
   * the query, polls with backoff until it finishes, and reads the rows: inline for up to 1,000, from
   * the NDJSON stream (gzip, constant memory) beyond that.
   *
   * @param query - XQL text.
   * @param options - `timeframe`, `tenants` (MSSP), `limit`, `signal`, wait limits, `checkQuota`.
   * @returns Await it for the cost, remaining quota and rows, or `for await` over it for the rows.
   * @throws `CortexXqlQueryError` when the query fails; `CortexXqlQuotaError` when the quota is used up;
   *   `CortexTimeoutError` (`phase: "wait"`) after `maxWaitMs`; `CortexAbortError` on abort.
   * @example
   * ```ts
   * const result = await client.xql.query("dataset = xdr_data | fields agent_hostname | limit 5000", { timeframe: { relativeTime: 86_400_000 } });
   * console.log(result.totalCost, result.remainingQuota);
   * for await (const row of result) console.log(row.agent_hostname);
   * ```
   */
  query<Row = Record<string, unknown>>(query: string, options: XqlQueryOptions = {}): XqlQuery<Row> {
    return new XqlQuery<Row>(() => runXqlQuery<Row>(this.#client, query, options));
  }
}

/** A response action's reply together with how it ended. */
export type ActionOutcome<Reply> = ActionResult & {
  /** The reply of the call that started the action. */
  readonly reply: Reply;
};

/** How a file retrieval ended, with the links to its files. */
export type FileRetrievalOutcome = ActionOutcome<ReplyOf<"endpoints.file_retrieval">> & {
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

/** The `endpoints` operations plus response actions that wait for their outcome. */
export class XsiamEndpoints extends XsiamEndpointsNamespace {
  readonly #client: CortexClient;

  /** @param client - The client that sends the calls. */
  constructor(client: CortexClient) {
    super(client);
    this.#client = client;
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
  isolateAndWait(request: RequestOf<"endpoints.isolate">, options?: AndWaitOptions): Promise<ActionOutcome<ReplyOf<"endpoints.isolate">>> {
    return this.#andWait(this.isolate(request, splitWaitOptions(options)[0]), "endpoints.isolate", options);
  }

  /**
   * Releases endpoints from isolation and waits for the outcome (see {@link XsiamEndpoints.isolateAndWait}).
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
  unisolateAndWait(request: RequestOf<"endpoints.unisolate">, options?: AndWaitOptions): Promise<ActionOutcome<ReplyOf<"endpoints.unisolate">>> {
    return this.#andWait(this.unisolate(request, splitWaitOptions(options)[0]), "endpoints.unisolate", options);
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
  scanAndWait(request: RequestOf<"endpoints.scan">, options?: AndWaitOptions): Promise<ActionOutcome<ReplyOf<"endpoints.scan">>> {
    return this.#andWait(this.scan(request, splitWaitOptions(options)[0]), "endpoints.scan", options);
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
  quarantineAndWait(request: RequestOf<"endpoints.quarantine">, options?: AndWaitOptions): Promise<ActionOutcome<ReplyOf<"endpoints.quarantine">>> {
    return this.#andWait(this.quarantine(request, splitWaitOptions(options)[0]), "endpoints.quarantine", options);
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
  restoreAndWait(request: RequestOf<"endpoints.restore">, options?: AndWaitOptions): Promise<ActionOutcome<ReplyOf<"endpoints.restore">>> {
    return this.#andWait(this.restore(request, splitWaitOptions(options)[0]), "endpoints.restore", options);
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
  async fileRetrievalAndWait(request: RequestOf<"endpoints.file_retrieval">, options?: AndWaitOptions): Promise<FileRetrievalOutcome> {
    const [call] = splitWaitOptions(options);
    const outcome = await this.#andWait(this.fileRetrieval(request, call), "endpoints.file_retrieval", options);
    const details = await this.#client.request<{ data?: Record<string, string>; DATA?: Record<string, string> }>("actions.file_retrieval_details", { group_action_id: Number(outcome.actionId) }, call);
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

/** The `scripts` operations plus script runs that wait for their results. */
export class XsiamScripts extends XsiamScriptsNamespace {
  readonly #client: CortexClient;

  /** @param client - The client that sends the calls. */
  constructor(client: CortexClient) {
    super(client);
    this.#client = client;
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
   * const run = await client.scripts.runScriptAndWait({ filters: [{ field: "endpoint_id_list", operator: "in", value: ["abc123"] }], script_uid: "a6f7683c8e217d85bd3c398f0d3fb6bf", parameters_values: { commands_list: ["whoami"] } });
   * console.log(run.results);
   * ```
   */
  async runScriptAndWait(request: RequestOf<"scripts.run_script">, options?: AndWaitOptions): Promise<ScriptOutcome> {
    const [call, wait] = splitWaitOptions(options);
    const reply = await this.runScript(request, call);
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
    const reply = await this.#client.request<{ data?: unknown; DATA?: unknown }>("scripts.get_script_execution_results_files", { action_id: Number(actionId), endpoint_id: endpointId }, options);
    return downloadLink(this.#client, String(reply?.data ?? reply?.DATA ?? ""), options);
  }
}

/** The `actions` operations plus waiting and downloads. */
export class XsiamActions extends XsiamActionsNamespace {
  readonly #client: CortexClient;

  /** @param client - The client that sends the calls. */
  constructor(client: CortexClient) {
    super(client);
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

/** The `alerts` operations (listings page past the 9,999 cap: the table marks it) plus bulk updates that respect the 100-id limit. */
export class XsiamAlerts extends XsiamAlertsNamespace {
  readonly #client: CortexClient;

  /** @param client - The client that sends the calls. */
  constructor(client: CortexClient) {
    super(client);
    this.#client = client;
  }

  /**
   * Updates any number of alerts: `alerts.update_alerts` takes at most 100 ids per call, so the ids are
   * split into batches sent one after another (or `concurrency` at a time). A failed batch does not stop
   * the others unless `stopOnError`; the result says which ids were in failed batches.
   *
   * @param ids - Alert ids.
   * @param updateData - `{ severity?, status?, comment? }`.
   * @param options - `batchSize` (≤ 100), `concurrency`, `stopOnError`, call options.
   * @returns Per-batch replies (`alerts_ids` updated) and errors.
   * @throws `CortexInvalidRequestError` for an empty update.
   * @example
   * ```ts
   * const result = await client.alerts.updateMany(ids, { status: "resolved_false_positive", comment: "tuning" });
   * if (!result.ok) console.error("not updated:", result.failed);
   * ```
   */
  updateMany(ids: readonly (string | number)[], updateData: NonNullable<RequestOf<"alerts.update_alerts">["update_data"]>, options?: BulkOptions): Promise<BulkResult<string | number, ReplyOf<"alerts.update_alerts">>> {
    return updateAlertsInBatches(this.#client, ids, updateData as Readonly<Record<string, unknown>>, options);
  }
}

/** The `incidents` operations plus bulk updates. */
export class XsiamIncidents extends XsiamIncidentsNamespace {
  readonly #client: CortexClient;

  /** @param client - The client that sends the calls. */
  constructor(client: CortexClient) {
    super(client);
    this.#client = client;
  }

  /**
   * Updates many incidents. The service updates one incident per call, so they are sent one per call,
   * four at a time by default (the tenant's rate limit still applies). Failures are reported per incident.
   *
   * @param updates - `{ incident_id, update_data }` per incident.
   * @param options - `concurrency`, `stopOnError`, call options.
   * @returns One outcome per incident.
   * @throws Nothing for failed incidents (see `failed`).
   * @example
   * ```ts
   * await client.incidents.updateMany(ids.map((incident_id) => ({ incident_id, update_data: { status: "under_investigation" } })));
   * ```
   */
  updateMany(updates: readonly RequestOf<"incidents.update_incident">[], options?: BulkOptions): Promise<BulkResult<IncidentUpdate, ReplyOf<"incidents.update_incident">>> {
    return updateIncidentsOneByOne(this.#client, updates as readonly IncidentUpdate[], options);
  }
}

/** Lookup datasets: upsert and remove rows with the service's semantics, within its limits. */
export class XsiamLookups {
  readonly #client: CortexClient;

  /** @param client - The client that sends the calls. */
  constructor(client: CortexClient) {
    this.#client = client;
  }

  /**
   * Adds or updates rows (`xql.lookups.add_data`) in batches of at most 1,000, one call at a time (the
   * service does not support concurrent writes). With `keyFields`, a row matching every key field is
   * replaced (fields it omits but other rows have become null); without, rows are appended. A lookup
   * dataset holds at most 50 MB.
   *
   * @param dataset - Lookup dataset name.
   * @param rows - Rows.
   * @param options - `keyFields`, `batchSize`, `stopOnError`, call options.
   * @returns Totals added, updated and skipped, and per-batch outcomes.
   * @throws Nothing for failed batches (see `failed`).
   * @example
   * ```ts
   * const { added, updated } = await client.lookups.upsert("vip_users", [{ user: "alice", level: 3 }], { keyFields: ["user"] });
   * ```
   */
  upsert(dataset: string, rows: readonly Readonly<Record<string, unknown>>[], options?: LookupUpsertOptions): Promise<LookupUpsertResult> {
    return upsertLookupRows(this.#client, dataset, rows, options);
  }

  /**
   * Removes rows (`xql.lookups.remove_data`). Each block ANDs its fields; blocks are ORed. The service is
   * all-or-nothing per call: if any block matches no row, that call deletes nothing. All blocks go in
   * one call unless `blocksPerCall` splits them (then it is all-or-nothing per call).
   *
   * @param dataset - Lookup dataset name.
   * @param blocks - Filter blocks.
   * @param options - `blocksPerCall`, call options.
   * @returns Rows deleted and per-call outcomes.
   * @throws `CortexInvalidRequestError` for no or empty blocks.
   * @example
   * ```ts
   * const { deleted } = await client.lookups.remove("vip_users", [{ user: "alice" }]);
   * ```
   */
  remove(dataset: string, blocks: readonly Readonly<Record<string, unknown>>[], options?: LookupRemoveOptions): Promise<LookupRemoveResult> {
    return removeLookupRows(this.#client, dataset, blocks, options);
  }

  /**
   * Reads rows (`xql.lookups.get_data`, at most 10,000).
   *
   * @param dataset - Lookup dataset name.
   * @param filters - Optional filter blocks.
   * @param options - `limit` and call options.
   * @returns The reply (`data`, `filter_count`, `total_count`).
   * @throws The pipeline's typed errors.
   * @example
   * ```ts
   * const { data } = await client.lookups.get("vip_users", [{ user: "alice" }]);
   * ```
   */
  get(dataset: string, filters?: readonly Readonly<Record<string, unknown>>[], options: ValidatedCallOptions & { readonly limit?: number } = {}): ApiPromise<ReplyOf<"xql.lookups.get_data">> {
    const { limit, ...call } = options;
    return this.#client.request("xql.lookups.get_data", { dataset_name: dataset, ...(filters === undefined ? {} : { filters: [...filters] }), ...(limit === undefined ? {} : { limit }) } as RequestOf<"xql.lookups.get_data">, call);
  }
}

/** The `apiKeys` operations with checked requests and expiry helpers. */
export class XsiamApiKeys extends XsiamApiKeysNamespace {
  readonly #client: CortexClient;

  /** @param client - The client that sends the calls. */
  constructor(client: CortexClient) {
    super(client);
    this.#client = client;
  }

  /**
   * Generates an API key. The request is checked before it is sent: at least one role, a known security
   * level, and an expiration in the future and at most six months ahead (the service's maximum). Without
   * an expiration the key lives one week (the service's default). Sent once: never retried after an
   * ambiguous failure, since a retry could create a second key.
   *
   * @param request - `{ roles, security_level, expiration? (ms or Date), comment? }`.
   * @param options - Call options.
   * @returns `{ id, key }`: the secret is shown only here; store it.
   * @throws `CortexInvalidRequestError` (before sending) saying what to fix; `CortexPermissionError` when the key may not manage keys.
   * @example
   * ```ts
   * const { id, key } = await client.apiKeys.generate({ roles: ["Viewer"], security_level: "advanced", expiration: Date.now() + 30 * 86_400_000, comment: "ci" });
   * ```
   */
  override generate(request: GenerateApiKeyInput, options?: ValidatedCallOptions): ApiPromise<ReplyOf<"api_keys.generate">> {
    return checkedCall(() => generateApiKeyRequest(request), (body) => super.generate(body, options));
  }

  /**
   * Lists API keys (never their secrets). Besides the raw `filters`, `expiringWithin` (ms), `role` and
   * `ids` build the filters for you; all are ANDed. `TOTAL_COUNT` counts expired keys too.
   *
   * @param request - Filters.
   * @param options - Call options plus `limit`, `pageSize`, `cursor`.
   * @returns Await for the first page (`data`/`DATA`, counts), `for await` for every key.
   * @throws `CortexInvalidRequestError` for a negative window; the pipeline's typed errors.
   * @example
   * ```ts
   * for await (const key of client.apiKeys.list({ expiringWithin: 30 * 86_400_000 })) console.log(key.id, key.expiration);
   * ```
   */
  override list(request: ListApiKeysInput = {}, options?: ListOptions & ReplyValidationOptions): ReturnType<XsiamApiKeysNamespace["list"]> {
    return checkedList(() => listApiKeysRequest(request) as RequestOf<"api_keys.get_api_keys">, (body) => super.list(body, options));
  }

  /**
   * Deletes keys by id.
   *
   * @param ids - Key ids.
   * @param options - Call options.
   * @returns `{ update_count }`: how many keys were deleted.
   * @throws The pipeline's typed errors.
   * @example
   * ```ts
   * await client.apiKeys.deleteByIds([121, 134]);
   * ```
   */
  deleteByIds(ids: readonly number[], options?: ValidatedCallOptions): ApiPromise<ReplyOf<"api_keys.delete">> {
    return this.delete({ filters: [{ field: "id", operator: "in", value: [...ids] }] }, options);
  }

  /**
   * The keys expiring within a window (default 30 days), soonest first, each flagged `one_day` or
   * `one_week` at the marks the console notifies at (else `later`).
   *
   * @param options - `within` (ms), `includeExpired`, call options.
   * @returns Keys with `expiresAt`, `expiresInMs` and `mark`.
   * @throws The pipeline's typed errors.
   * @example
   * ```ts
   * for (const { key, mark } of await client.apiKeys.expiringKeys({ within: 14 * 86_400_000 })) if (mark !== "later") console.warn(key.id, mark);
   * ```
   */
  expiringKeys(options?: ExpiringKeysOptions): Promise<ExpiringApiKey[]> {
    return expiringApiKeys(this.#client, options);
  }
}
