/**
 * The client base every product client extends: configuration, the pipeline, `request()`, pagination,
 * streaming and the XQL query slots.
 *
 * @module
 */
// The declarations name Node's own types (streams, http, Buffer): a TypeScript user needs @types/node.
/// <reference types="node" preserve="true" />
import { randomUUID } from "node:crypto";
import type { Readable } from "node:stream";
import type { OperationEntry } from "@cortex-sdk/schemas-base";
import { ApiPromise, type WithResponse } from "./api-promise.js";
import { resolveClientConfig, secretsOf, type ClientOptions, type ProductClientInfo, type ResolvedConfig } from "./config.js";
import { derivedPresetOf, mergeOptions } from "./derived-client.js";
import { CortexAbortError, CortexConfigError } from "./errors.js";
import { explainChildTenantFailure } from "./child-tenant.js";
import { KEY_EXPIRY_STEP, keyExpiryStep } from "./key-expiry.js";
import type { KeyExpiryWatch } from "./key-expiry-watch.js";
import { redactError } from "./redact.js";
import { serverRequestId } from "./request-id.js";
import { parseNdjsonBatches, rowsOfBatches, type NdjsonOptions } from "./ndjson.js";
import { paginatePages, PagePromise, type PaginateOptions } from "./pagination.js";
import { fuseSteps, MiddlewareStack, type CallContext, type Middleware, type CallOptions, type CallResult, type HttpRequest, type ResponseMode } from "./pipeline.js";
import { notServedReason } from "./products.js";
import { NORMALIZE_REPLY_STEP } from "./normalize-reply.js";
import { noRequestValidationStep, REQUEST_VALIDATION_STEP, requestValidationStep } from "./request-validation.js";
import { deserializeStep, errorMapStep, normalizeReplyStep, rateLimitStep, retryStep, serializeStep, signStep, standardSteps } from "./steps.js";
import { tenantState, tenantXqlSlots, type TenantState } from "./tenant-state.js";
import { callSignal } from "./deadline.js";
import type { HttpDispatcher } from "./dispatcher.js";
import { createDefaultDispatcher, sendMiddleware } from "./transport.js";
import { userAgent } from "./user-agent.js";
import { XSOAR_SUPPORT } from "./xsoar-support.js";

/** Names of the standard pipeline steps, outermost first. */
export const STANDARD_STEPS = ["validateRequest", "serialize", "retry", "rateLimit", "sign", "errorMap", "normalizeReply", "deserialize", "send"] as const;

/** Per-call options of list calls. */
export type ListOptions = CallOptions & PaginateOptions;

/** Per-call options of NDJSON streaming calls. */
export type NdjsonCallOptions = CallOptions & NdjsonOptions;

// One id → entry map per table, shared by every client (and derived client) built from it.
const operationMaps = new WeakMap<readonly OperationEntry[], ReadonlyMap<string, OperationEntry>>();
const warnedDeprecated = new Set<string>();

function operationMap(operations: readonly OperationEntry[]): ReadonlyMap<string, OperationEntry> {
  let map = operationMaps.get(operations);
  if (map === undefined) {
    map = new Map(operations.map((entry) => [entry.id, entry]));
    operationMaps.set(operations, map);
  }
  return map;
}

/**
 * The part of {@link CortexClient} that sends calls: configuration, pipeline, `request()`, `stream()` and
 * `paginate()`. The lite clients (`@cortex-sdk/<product>/lite`) extend it directly, so a program that calls
 * one operation through them bundles none of what only {@link CortexClient} adds (NDJSON row streaming, XQL
 * query slots, request validation, the probe that names a refusing child tenant). Every client, lite or full,
 * is one of these.
 */
export class CortexClientCore {
  /** The immutable resolved configuration. */
  readonly config: ResolvedConfig;
  /** The request pipeline; add steps relative to the standard ones (see {@link STANDARD_STEPS}). */
  readonly middleware: MiddlewareStack;
  // The options this client was made from: private, since they may hold the key, and `console.log`,
  // `util.inspect` and `JSON.stringify` must never show it.
  readonly #options: ClientOptions;
  readonly #info: ProductClientInfo;
  readonly #operations: ReadonlyMap<string, OperationEntry>;
  #ownDispatcher: HttpDispatcher | undefined;
  // The tenant's shared state, looked up on first call (URL and child tenant never change for a client).
  #tenant: TenantState | undefined;

  /**
   * @param options - Client options; anything missing comes from the environment, then a profile.
   * @param info - The product client's identity and its operation table.
   * @throws {@link CortexConfigError} when the configuration is incomplete or invalid.
   */
  constructor(options: ClientOptions, info: ProductClientInfo) {
    this.#options = options;
    this.#info = info;
    this.#operations = operationMap(info.operations);
    // A derived client (forTenant) may come with its parent's configuration already adapted to it, and with
    // the pipeline every client derived the same way starts with.
    const preset = derivedPresetOf(options);
    const presetConfig = preset?.config;
    this.config = presetConfig !== undefined && presetConfig.client.clientName === info.clientName && presetConfig.product === info.product ? presetConfig : resolveClientConfig(options, info, info.xsoarSupport);
    if (options.validateRequests === true && info.loadRequestValidators === undefined) {
      throw new CortexConfigError("configuration", `validateRequests: the ${info.clientName} client has no request validators; use the product client (e.g. XdrClient), or pass loadRequestValidators.`);
    }
    this.middleware = preset?.middleware?.clone() ?? this.#standardPipeline(options, info);
  }

  #standardPipeline(options: ClientOptions, info: ProductClientInfo): MiddlewareStack {
    const agent = userAgent(info);
    const middleware = new MiddlewareStack([
      // The product client hands over a loader of its validators (they pull in zod and the JSON Schemas), so
      // this class imports none and a bundle of it carries none; the validation code itself comes with
      // CortexClient (see requestValidation).
      { name: REQUEST_VALIDATION_STEP, middleware: this.requestValidation(options.validateRequests === true, info.loadRequestValidators) },
      { name: "serialize", middleware: serializeStep(agent) },
      { name: "retry", middleware: retryStep() },
      { name: "rateLimit", middleware: rateLimitStep() },
      { name: "sign", middleware: signStep() },
      { name: "errorMap", middleware: errorMapStep() },
      { name: NORMALIZE_REPLY_STEP, middleware: normalizeReplyStep() },
      { name: "deserialize", middleware: deserializeStep() },
      { name: "send", middleware: sendMiddleware(() => this.#dispatcher()) },
    ]);
    // While nobody adds or removes a step from `serialize` on, one function runs those steps.
    fuseSteps(middleware, "serialize", standardSteps(agent, () => this.#dispatcher()));
    if (options.keyExpiry !== undefined) middleware.add(KEY_EXPIRY_STEP, this.keyExpiryWatch(options.keyExpiry), { before: "serialize" });
    return middleware;
  }

  /**
   * The step that watches the key's expiry (the `keyExpiry` option). Here (the lite clients, which hold no
   * operation table to look their key up with): {@link CortexConfigError}; {@link CortexClient} looks the
   * key up after the first successful call. A method, so that a bundle of a lite client carries none of it.
   *
   * @param _watch - The option.
   * @returns The middleware.
   * @throws {@link CortexConfigError} always.
   * @internal
   */
  protected keyExpiryWatch(_watch: KeyExpiryWatch): Middleware {
    throw new CortexConfigError("configuration", `keyExpiry: the ${this.#info.clientName} client holds no operation table to look its key up with; use the product client (e.g. XdrClient).`);
  }

  /**
   * The `validateRequest` step of the standard pipeline. Here (the lite clients): a call that asks for
   * validation fails with {@link CortexConfigError}, since validation needs the validators of a product
   * client; {@link CortexClient} validates with `loadRequestValidators`. A method, not a choice made here,
   * so that a bundle of a lite client carries none of the validation code.
   *
   * @param enabledByDefault - The client's `validateRequests`.
   * @param _load - The product's loader of validators.
   * @returns The middleware.
   * @internal
   */
  protected requestValidation(enabledByDefault: boolean, _load: ProductClientInfo["loadRequestValidators"]): Middleware {
    return noRequestValidationStep(enabledByDefault);
  }

  /**
   * What a failed call throws, before redaction. Here (the lite clients, which hold no operation table
   * to probe with): the error itself; {@link CortexClient} probes a refusing child tenant (see
   * `explainChildTenantFailure`). A method, so that a bundle of a lite client carries none of the probe.
   *
   * @param error - The pipeline's error.
   * @param _childTenantId - The `x-child-tenant-id` the request carried.
   * @returns The error to throw.
   * @internal
   */
  protected explainFailure(error: unknown, _childTenantId: string | undefined): unknown {
    return error;
  }

  /**
   * Whether this client can call an operation: it is in the client's table and its product (and XSOAR
   * version) serves it.
   *
   * @param operationId - Operation id.
   * @returns True when {@link CortexClient.request} would send it.
   */
  hasOperation(operationId: string): boolean {
    const operation = this.#operations.get(operationId);
    return operation !== undefined && this.#unavailableReason(operation) === undefined;
  }

  // unavailableReason of products.ts, the XSOAR version's check coming with the XSOAR support that XSOAR's
  // routings carry, so a lite client of another product bundles none of it.
  #unavailableReason(operation: OperationEntry): string | undefined {
    const { product, xsoarVersion, routing } = this.config;
    return notServedReason(operation, product) ?? routing.xsoar?.unavailableReason(operation, xsoarVersion);
  }

  /**
   * The table entry of an operation in this client's table (whether or not its product serves it; see
   * {@link CortexClient.hasOperation}). Workflows read entries here, so they need no product's table.
   *
   * @param operationId - Operation id.
   * @returns The entry, or `undefined` when the id is not in this client's table.
   */
  operationEntry(operationId: string): OperationEntry | undefined {
    return this.#operations.get(operationId);
  }

  /** @returns What `JSON.stringify` shows: the product, URL and key id, never the key. */
  toJSON(): Record<string, unknown> {
    const { client, baseUrl, credentials, profile } = this.config;
    return { client: client.clientName, product: this.config.product, baseUrl, keyId: credentials.keyId, securityLevel: credentials.securityLevel, ...(profile === undefined ? {} : { profile }) };
  }

  /** @returns What `String(client)` shows. */
  toString(): string {
    return `${this.constructor.name}(${this.config.baseUrl}, key ${this.config.credentials.keyId})`;
  }

  /**
   * What `console.log` and `util.inspect` show: the same as {@link CortexClient.toJSON}.
   *
   * @param _depth - Unused.
   * @param options - Inspect options.
   * @param inspect - Node's inspect.
   * @returns The text.
   */
  [Symbol.for("nodejs.util.inspect.custom")](_depth: number, options: object, inspect?: (value: unknown, options: object) => string): string {
    return typeof inspect === "function" ? `${this.constructor.name} ${inspect(this.toJSON(), options)}` : this.toString();
  }

  #dispatcher(): HttpDispatcher {
    if (this.config.dispatcher !== undefined) return this.config.dispatcher;
    this.#ownDispatcher ??= createDefaultDispatcher(this.config);
    return this.#ownDispatcher;
  }

  /**
   * The dispatcher this client sends with: the one given in the options, else its own keep-alive Agent
   * (created on first use, closed by {@link CortexClient.close}). Clients derived for child tenants send
   * through it too, so they reuse its connections; close the parent client after its derived clients.
   */
  get dispatcher(): HttpDispatcher {
    return this.#dispatcher();
  }

  /**
   * Calls any operation by id: the escape hatch beneath the resource methods. Product clients type it
   * with their own operations (on `XdrClient`, `request` checks an id and its request against the XDR table
   * and types the reply); here the reply type is whatever the caller names.
   *
   * @param operationId - Operation id from the product's table, or the operation's
   *   entry itself (what the per-operation functions of `@cortex-sdk/<product>/operations` pass: the
   *   client then needs no table).
   * @param body - The request (without the `request_data` envelope).
   * @param options - Per-call options.
   * @returns The reply without its envelope (bytes for binary replies, an array of rows for NDJSON
   *   replies); `.withResponse()` adds status, headers, request id and attempts.
   * @throws {@link CortexConfigError} for an operation id this client does not know or its product does
   *   not serve; the typed errors of the pipeline otherwise.
   */
  request<T = unknown>(operationId: string | OperationEntry, body?: unknown, options: CallOptions = {}): ApiPromise<T> {
    return new ApiPromise(this.#start(operationId, body, options, "buffer") as Promise<WithResponse<T>>);
  }

  /**
   * Calls an operation and hands over the successful body as a stream instead of reading it: for NDJSON
   * and binary replies (XQL result streams, file downloads) of any size. Gzip is decoded; errors while
   * reading are typed; the call's deadline (`timeoutMs`) and abort signal keep applying while the stream
   * is read, so set a `timeoutMs` long enough for the whole download. Read the stream to the end or
   * destroy it, so the connection is released.
   *
   * @param operationId - Operation id, or the operation's entry.
   * @param body - The request.
   * @param options - Per-call options.
   * @returns The body as a Node Readable (also an async iterable of Buffers).
   * @throws The typed errors of the pipeline; an unsuccessful answer is read in full and mapped as usual.
   */
  stream(operationId: string | OperationEntry, body?: unknown, options: CallOptions = {}): ApiPromise<Readable> {
    return new ApiPromise(this.#start(operationId, body, options, "stream") as Promise<WithResponse<Readable>>);
  }

  /**
   * Calls a paginated operation: await the result for the first page, or `for await` over it for every item.
   *
   * @param operationId - Operation id of a list operation, or its entry.
   * @param body - The first page's request; its offsets (or page, or page size) set the start and page size.
   * @param options - Per-call options plus limit, page size and cursor.
   * @returns A {@link PagePromise}.
   * @throws {@link CortexConfigError} for an unknown operation id.
   */
  paginate<Reply, Item>(operationId: string | OperationEntry, body: unknown, options: ListOptions = {}): PagePromise<Reply, Item> {
    const operation = this.#operation(operationId);
    const { limit, pageSize, cursor, ...callOptions } = options;
    const fetchPage = (pageBody: unknown): Promise<WithResponse<Reply>> => this.#call(operation, pageBody, callOptions, "buffer") as Promise<WithResponse<Reply>>;
    const paging: PaginateOptions = {
      ...(limit === undefined ? {} : { limit }),
      ...(pageSize === undefined ? {} : { pageSize }),
      ...(cursor === undefined ? {} : { cursor }),
    };
    return new PagePromise<Reply, Item>(
      () => fetchPage(body),
      (pageOptions) => paginatePages<Reply, Item>(operation, body, fetchPage, { ...paging, ...pageOptions }),
    );
  }

  /**
   * Derives a client with other defaults (timeouts, retries, credentials); this client is unchanged. The
   * derived client starts with the standard pipeline.
   *
   * @param overrides - Options to change.
   * @returns A new client.
   */
  withOptions(overrides: ClientOptions): CortexClientCore {
    return new CortexClientCore(mergeOptions(this.options, overrides), this.#info);
  }

  /**
   * Closes the connections this client opened. A dispatcher you supplied is left open.
   *
   * @returns Resolves when sockets are closed.
   */
  async close(): Promise<void> {
    const own = this.#ownDispatcher;
    this.#ownDispatcher = undefined;
    await own?.close();
  }

  /**
   * The options this client was made from (for {@link CortexClient.withOptions}); never shown by
   * `console.log`, `util.inspect` or `JSON.stringify`, since they may hold the key.
   *
   * @returns The options as given.
   */
  protected get options(): ClientOptions {
    return this.#options;
  }

  /** @returns The product client identity and operation table this client was built with. */
  protected get clientInfo(): ProductClientInfo {
    return this.#info;
  }

  #operation(operationOrId: string | OperationEntry): OperationEntry {
    const operationId = typeof operationOrId === "string" ? operationOrId : operationOrId.id;
    const operation = typeof operationOrId === "string" ? this.#operations.get(operationOrId) : operationOrId;
    if (operation === undefined) {
      throw new CortexConfigError("configuration", `Unknown operation id "${operationId}": it is not in the ${this.#info.clientName} client's operation table.`, { operationId });
    }
    const unavailable = this.#unavailableReason(operation);
    if (unavailable !== undefined) throw new CortexConfigError("configuration", unavailable, { operationId });
    if (operation.deprecated !== undefined && !warnedDeprecated.has(operation.id)) {
      warnedDeprecated.add(operation.id);
      this.config.logger.warn(`${operation.id} is deprecated: ${operation.deprecated}`, { operation: operation.id });
    }
    return operation;
  }

  #start(operationId: string | OperationEntry, body: unknown, options: CallOptions, mode: ResponseMode): Promise<WithResponse<unknown>> {
    try {
      return this.#call(this.#operation(operationId), body, options, mode);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  async #call(operation: OperationEntry, body: unknown, options: CallOptions, mode: ResponseMode): Promise<WithResponse<unknown>> {
    const timeoutMs = options.timeoutMs ?? this.config.timeoutMs;
    const { signal, release } = callSignal(timeoutMs, options.signal);
    const callId = randomUUID();
    const started = performance.now();
    const context: CallContext = {
      operation,
      input: body,
      options,
      config: this.config,
      tenant: (this.#tenant ??= tenantState(this.config.baseUrl, this.config.childTenantId)),
      callId,
      signal,
      deadline: started + timeoutMs,
      responseMode: mode,
      attempt: 0,
      request: undefined as unknown as HttpRequest,
    };
    let result: CallResult;
    try {
      result = await this.middleware.compose()(context);
    } catch (error) {
      release();
      const explained = await this.explainFailure(error, context.request?.headers["x-child-tenant-id"]);
      // Redaction by value: a server or proxy may have echoed the key or a signature into the error.
      throw redactError(explained, secretsOf(this.config));
    }
    // A stream keeps its deadline and abort signal until it is read or destroyed.
    const stream = result.response.stream;
    if (stream === undefined) release();
    else if (stream.closed || stream.destroyed) release();
    else stream.once("close", release);
    const headers = result.response.headers;
    const requestId = serverRequestId(headers) ?? callId;
    if (this.config.logLevel === "debug") this.config.logger.debug("call finished", { requestId: callId, serverRequestId: requestId === callId ? undefined : requestId, operation: operation.id, status: result.response.status, attempts: result.attempts, ms: Math.round(performance.now() - started) });
    return {
      data: result.data,
      response: { status: result.response.status, headers, requestId, callId, attempts: result.attempts, operationId: operation.id },
    };
  }
}

/**
 * Base of every product client: {@link CortexClientCore} (configuration, pipeline, `request()`, `stream()`,
 * `paginate()`) plus NDJSON row streaming and the tenant's XQL query slots. Product clients add resource
 * namespaces on top.
 */
export class CortexClient extends CortexClientCore {
  /**
   * @param options - Client options; anything missing comes from the environment, then a profile.
   * @param info - The product client's identity and its operation table; an XSOAR client's gets
   *   {@link XSOAR_SUPPORT} when it holds none.
   * @throws {@link CortexConfigError} when the configuration is incomplete or invalid.
   */
  constructor(options: ClientOptions, info: ProductClientInfo) {
    super(options, info.product === "xsoar" && info.xsoarSupport === undefined ? { ...info, xsoarSupport: XSOAR_SUPPORT } : info);
  }

  /**
   * Streams an NDJSON reply (plain or gzip) row by row with constant memory.
   *
   * @param operationId - Operation id, e.g. the XQL result stream.
   * @param body - The request.
   * @param options - Per-call options and NDJSON options.
   * @returns An async generator of rows; breaking out of the loop closes the connection.
   * @example
   * ```ts
   * for await (const row of client.streamNdjson<Row>(resultStreamOperation, { stream_id, is_gzip_compressed: true })) {
   *   process(row);
   * }
   * ```
   */
  streamNdjson<T = unknown>(operationId: string, body?: unknown, options: NdjsonCallOptions = {}): AsyncGenerator<T, void, undefined> {
    const { maxLineBytes, gzip, ...callOptions } = options;
    const open = (): Promise<Readable> => this.stream(operationId, body, callOptions);
    // Rows are parsed a chunk at a time and handed out from that chunk's array: one async generator per
    // chunk, none per row. Nothing is sent before the first row is asked for.
    return rowsOfBatches(ndjsonBatchesOf<T>(open, { ...(maxLineBytes === undefined ? {} : { maxLineBytes }), ...(gzip === undefined ? {} : { gzip }) }));
  }

  /**
   * The `validateRequest` step: validates requests with the product's validators when the client or the
   * call asks for it.
   *
   * @param enabledByDefault - The client's `validateRequests`.
   * @param load - The product's loader of validators.
   * @returns The middleware.
   * @internal
   */
  protected override requestValidation(enabledByDefault: boolean, load: ProductClientInfo["loadRequestValidators"]): Middleware {
    return requestValidationStep(enabledByDefault, load);
  }

  /**
   * The `keyExpiry` step: after the first successful call, looks the key up once and delivers a notice
   * when one is due.
   *
   * @param watch - The option.
   * @returns The middleware.
   * @internal
   */
  protected override keyExpiryWatch(watch: KeyExpiryWatch): Middleware {
    return keyExpiryStep(this, watch);
  }

  /**
   * What a failed call throws, before redaction: a 401/403 of a child tenant becomes
   * `CortexChildTenantError` when probes show the child id is at fault.
   *
   * @param error - The pipeline's error.
   * @param childTenantId - The `x-child-tenant-id` the request carried.
   * @returns The error to throw.
   * @internal
   */
  protected override explainFailure(error: unknown, childTenantId: string | undefined): Promise<unknown> {
    return explainChildTenantFailure(this, error, childTenantId);
  }

  /**
   * Runs `run` while holding one of the tenant's XQL query slots: at most `xqlConcurrency` (default 4,
   * the documented limit) bodies run at once per tenant across every client in this process; the others
   * wait their turn. Hold the slot from starting a query until its results are read.
   *
   * @param run - Starts a query and waits for its results.
   * @param options - `signal` stops waiting for a slot.
   * @returns What `run` returns.
   * @throws {@link CortexAbortError} when the signal fires while waiting; whatever `run` throws.
   */
  async withXqlSlot<T>(run: () => Promise<T>, options: { readonly signal?: AbortSignal } = {}): Promise<T> {
    const slots = tenantXqlSlots(tenantState(this.config.baseUrl, this.config.childTenantId), this.config.xqlConcurrency);
    let release: () => void;
    try {
      release = await slots.acquire(options.signal);
    } catch (error) {
      throw new CortexAbortError("abort", "Stopped waiting for an XQL query slot: aborted by the caller.", { cause: error });
    }
    try {
      return await run();
    } finally {
      release();
    }
  }

  /**
   * Derives a client with other defaults (timeouts, retries, credentials); this client is unchanged. The
   * derived client starts with the standard pipeline. Product clients return their own type.
   *
   * @param overrides - Options to change.
   * @returns A new client.
   */
  override withOptions(overrides: ClientOptions): CortexClient {
    return new CortexClient(mergeOptions(this.options, overrides), this.clientInfo);
  }
}

// The chunks of rows of a stream opened on first use; the stream is destroyed however the reading ends.
async function* ndjsonBatchesOf<T>(open: () => Promise<Readable>, options: NdjsonOptions): AsyncGenerator<T[], void, undefined> {
  const stream = await open();
  try {
    yield* parseNdjsonBatches<T>(stream, options);
  } finally {
    stream.destroy();
  }
}
