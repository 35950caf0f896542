/**
 * The client base every product client extends: configuration, the pipeline, `request()` and
 * pagination.
 *
 * @module
 */
import { randomUUID } from "node:crypto";
import { getOperationById, type OperationEntry, type OperationId, type ReplyOf, type RequestOf } from "@cortex-sdk/schemas";
import type { Dispatcher } from "undici";
import { ApiPromise, type WithResponse } from "./api-promise.js";
import { resolveConfig, type ClientOptions, type ProductClientInfo, type ResolvedConfig } from "./config.js";
import { CortexConfigError } from "./errors.js";
import { paginatePages, PagePromise, type PaginateOptions } from "./pagination.js";
import { MiddlewareStack, type CallContext, type CallOptions, type HttpRequest } from "./pipeline.js";
import { deserializeStep, errorMapStep, retryStep, serializeStep, signStep } from "./steps.js";
import { tenantState } from "./tenant-state.js";
import { createDefaultDispatcher, sendMiddleware } from "./transport.js";
import { userAgent } from "./user-agent.js";

/** Names of the standard pipeline steps, outermost first. */
export const STANDARD_STEPS = ["serialize", "retry", "sign", "errorMap", "deserialize", "send"] as const;

/** Per-call options of list calls. */
export type ListOptions = CallOptions & PaginateOptions;

/**
 * Base of every product client. Holds the resolved configuration and the pipeline; product clients add
 * resource namespaces on top.
 */
export class CortexClient {
  /** The immutable resolved configuration. */
  readonly config: ResolvedConfig;
  /** The request pipeline; add steps relative to the standard ones (see {@link STANDARD_STEPS}). */
  readonly middleware: MiddlewareStack;
  /** The options this client was made from (for {@link CortexClient.withOptions}). */
  protected readonly options: ClientOptions;
  readonly #info: ProductClientInfo;
  #ownDispatcher: Dispatcher | undefined;

  /**
   * @param options - Client options; anything missing comes from the environment.
   * @param info - The product client's identity.
   * @throws {@link CortexConfigError} when the configuration is incomplete or invalid.
   */
  constructor(options: ClientOptions, info: ProductClientInfo) {
    this.options = options;
    this.#info = info;
    this.config = resolveConfig(options, info);
    this.middleware = new MiddlewareStack([
      { name: "serialize", middleware: serializeStep(userAgent(info)) },
      { name: "retry", middleware: retryStep() },
      { name: "sign", middleware: signStep() },
      { name: "errorMap", middleware: errorMapStep() },
      { name: "deserialize", middleware: deserializeStep() },
      { name: "send", middleware: sendMiddleware(() => this.#dispatcher()) },
    ]);
  }

  #dispatcher(): Dispatcher {
    if (this.config.dispatcher !== undefined) return this.config.dispatcher;
    this.#ownDispatcher ??= createDefaultDispatcher(this.config);
    return this.#ownDispatcher;
  }

  /**
   * Calls any operation by id: the typed escape hatch beneath the resource methods.
   *
   * @param operationId - Operation id from the table, e.g. `incidents.get_incidents`.
   * @param body - The request (without the `request_data` envelope).
   * @param options - Per-call options.
   * @returns The reply without its envelope; `.withResponse()` adds status, headers, request id, attempts.
   * @throws {@link CortexConfigError} for an unknown operation id; the typed errors of the pipeline otherwise.
   */
  request<Id extends OperationId>(operationId: Id, body: RequestOf<Id>, options?: CallOptions): ApiPromise<ReplyOf<Id>>;
  request<T = unknown>(operationId: string, body?: unknown, options?: CallOptions): ApiPromise<T>;
  request(operationId: string, body?: unknown, options: CallOptions = {}): ApiPromise<unknown> {
    return new ApiPromise(this.#call(this.#operation(operationId), body, options));
  }

  /**
   * Calls a paginated operation: await the result for the first page, or `for await` over it for every item.
   *
   * @param operationId - Operation id of a list operation.
   * @param body - The first page's request; its offsets set the start and page size.
   * @param options - Per-call options plus limit, page size and cursor.
   * @returns A {@link PagePromise}.
   */
  paginate<Reply, Item>(operationId: string, body: unknown, options: ListOptions = {}): PagePromise<Reply, Item> {
    const operation = this.#operation(operationId);
    const fetchPage = (pageBody: unknown): Promise<WithResponse<Reply>> => this.#call(operation, pageBody, options) as Promise<WithResponse<Reply>>;
    return new PagePromise<Reply, Item>(
      () => fetchPage(body),
      (pageOptions) => paginatePages<Reply, Item>(operation, body, fetchPage, { ...pickPaging(options), ...pageOptions }),
    );
  }

  /**
   * Derives a client with other defaults (timeouts, retries, credentials); this client is unchanged.
   * Product clients return their own type.
   *
   * @param overrides - Options to change.
   * @returns A new client.
   */
  withOptions(overrides: ClientOptions): CortexClient {
    return new CortexClient({ ...this.options, ...overrides }, this.#info);
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

  /** @returns The product client identity this client was built with. */
  protected get clientInfo(): ProductClientInfo {
    return this.#info;
  }

  #operation(operationId: string): OperationEntry {
    const operation = getOperationById(operationId);
    if (operation === undefined) throw new CortexConfigError("configuration", `Unknown operation id "${operationId}".`);
    return operation;
  }

  async #call(operation: OperationEntry, body: unknown, options: CallOptions): Promise<WithResponse<unknown>> {
    const deadline = AbortSignal.timeout(options.timeoutMs ?? this.config.timeoutMs);
    const signal = options.signal === undefined ? deadline : AbortSignal.any([options.signal, deadline]);
    const callId = randomUUID();
    const context: CallContext = {
      operation,
      input: body,
      options,
      config: this.config,
      tenant: tenantState(this.config.baseUrl),
      callId,
      signal,
      attempt: 0,
      request: undefined as unknown as HttpRequest,
    };
    const started = performance.now();
    const result = await this.middleware.compose()(context);
    this.config.logger.debug("call finished", { callId, operation: operation.id, status: result.response.status, attempts: result.attempts, ms: Math.round(performance.now() - started) });
    const headers = result.response.headers;
    return {
      data: result.data,
      response: {
        status: result.response.status,
        headers,
        requestId: headers["x-request-id"] ?? callId,
        attempts: result.attempts,
        operationId: operation.id,
      },
    };
  }
}

function pickPaging(options: ListOptions): PaginateOptions {
  return {
    ...(options.limit === undefined ? {} : { limit: options.limit }),
    ...(options.pageSize === undefined ? {} : { pageSize: options.pageSize }),
    ...(options.cursor === undefined ? {} : { cursor: options.cursor }),
  };
}
