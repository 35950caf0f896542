/**
 * The connection pool a client sends through, as the public declarations name it: a structural type, so
 * that a consumer's type-check never loads undici's own declarations (about 45 files) for one option.
 *
 * @module
 */

/**
 * What the `dispatcher` option takes and {@link CortexClient.dispatcher} returns: an undici `Dispatcher`
 * (`Agent`, `ProxyAgent`, `EnvHttpProxyAgent`, `MockAgent`, `RetryAgent`, a composed dispatcher or your
 * own `Dispatcher` subclass), described by the two members the SDK relies on, so every undici dispatcher
 * fits it without the SDK's declarations importing undici. Core hands it to undici's `request` as it is.
 *
 * To use the client's dispatcher with undici's functions yourself, cast it back:
 * `undici.request(url, { dispatcher: client.dispatcher as Dispatcher })`.
 */
export interface HttpDispatcher {
  /**
   * Starts one request (undici's `Dispatcher.dispatch`).
   *
   * @param options - undici's `Dispatcher.DispatchOptions`.
   * @param handler - undici's `Dispatcher.DispatchHandler`.
   * @returns False when the dispatcher is busy and the caller should wait for its `drain` event.
   */
  dispatch(options: object, handler: object): boolean;
  /**
   * Closes the dispatcher once its pending requests are done (undici's `Dispatcher.close`).
   *
   * @returns Resolves when its connections are closed.
   */
  close(): Promise<void>;
}
