/**
 * The value every call returns: await it for the reply, or call `withResponse()` for the HTTP facts too.
 *
 * @module
 */

/** HTTP facts of a completed call. */
export interface ResponseInfo {
  /** Final HTTP status. */
  readonly status: number;
  /** Final response headers (lower-case names). */
  readonly headers: Readonly<Record<string, string>>;
  /** Server request id if one was sent, else the SDK's own id for the call. */
  readonly requestId: string;
  /** The SDK's own id for the call: the `requestId` field of every log line about it. */
  readonly callId: string;
  /** Attempts made, retries included. */
  readonly attempts: number;
  /** The operation called. */
  readonly operationId: string;
}

/** A reply together with its {@link ResponseInfo}. */
export interface WithResponse<T> {
  /** The reply. */
  readonly data: T;
  /** HTTP facts. */
  readonly response: ResponseInfo;
}

/** A promise of a reply that can also give the HTTP facts through {@link ApiPromise.withResponse}. */
export class ApiPromise<T> implements PromiseLike<T> {
  readonly #start: () => Promise<WithResponse<T>>;
  #result: Promise<WithResponse<T>> | undefined;
  #data: Promise<T> | undefined;

  /**
   * @param result - The call in flight, or a function that starts it on first use (list calls start
   *   lazily so that iterating with `for await` does not also fetch a first page nobody reads).
   */
  constructor(result: Promise<WithResponse<T>> | (() => Promise<WithResponse<T>>)) {
    if (typeof result === "function") this.#start = result;
    else {
      this.#result = result;
      this.#start = () => result;
    }
  }

  /** @returns The reply and the HTTP facts (status, headers, request id, attempts). */
  withResponse(): Promise<WithResponse<T>> {
    this.#result ??= this.#start();
    return this.#result;
  }

  #dataPromise(): Promise<T> {
    this.#data ??= this.withResponse().then((result) => result.data);
    return this.#data;
  }

  /**
   * Promise `then`.
   *
   * @param onfulfilled - Called with the reply.
   * @param onrejected - Called with the error.
   * @returns A promise of the callback's result.
   */
  then<R1 = T, R2 = never>(
    onfulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.#dataPromise().then(onfulfilled, onrejected);
  }

  /**
   * Promise `catch`.
   *
   * @param onrejected - Called with the error.
   * @returns A promise of the reply or the callback's result.
   */
  catch<R = never>(onrejected?: ((reason: unknown) => R | PromiseLike<R>) | null): Promise<T | R> {
    return this.#dataPromise().catch(onrejected);
  }

  /**
   * Promise `finally`.
   *
   * @param onfinally - Called when the call settles.
   * @returns A promise of the reply.
   */
  finally(onfinally?: (() => void) | null): Promise<T> {
    return this.#dataPromise().finally(onfinally);
  }

  /** @returns `"ApiPromise"`. */
  get [Symbol.toStringTag](): string {
    return "ApiPromise";
  }
}
