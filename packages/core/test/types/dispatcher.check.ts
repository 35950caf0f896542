/**
 * Type tests, checked by `tsc` (`pnpm --filter @cortex-sdk/core run typecheck`, part of `pnpm run typecheck`
 * in CI): the `dispatcher` option is typed by core's own {@link HttpDispatcher}, not undici's `Dispatcher`
 * (so a consumer's type-check loads none of undici's declarations), yet every undici dispatcher a user
 * builds fits it, a user's own `Dispatcher` subclass too, and what is not a dispatcher does not (each
 * `@ts-expect-error` fails the build if its line compiles).
 */
import { Agent as NodeHttpAgent } from "node:http";
import { Agent, Client, Dispatcher, EnvHttpProxyAgent, interceptors, MockAgent, Pool, ProxyAgent, request, RetryAgent } from "undici";
import { CortexClient, type ClientOptions, type HttpDispatcher } from "../../src/index.js";
import { testInfo } from "../helpers.js";

/** `true` only when A and B are the same type. */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/** A user's own dispatcher: a subclass of undici's that forwards to an Agent. */
class LoggingDispatcher extends Dispatcher {
  readonly #inner = new Agent();

  override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
    return this.#inner.dispatch(options, handler);
  }
}

/** Never called: only compiled. */
export async function everyUndiciDispatcherFits(): Promise<void> {
  const client = new CortexClient({ dispatcher: new ProxyAgent("http://proxy.example:3128") }, testInfo());
  new CortexClient({ dispatcher: new ProxyAgent({ uri: "http://proxy.example:3128", requestTls: { ca: "PEM" } }) }, testInfo());
  new CortexClient({ dispatcher: new Agent({ connect: { ca: "PEM" } }) }, testInfo());
  new CortexClient({ dispatcher: new EnvHttpProxyAgent() }, testInfo());
  new CortexClient({ dispatcher: new MockAgent() }, testInfo());
  new CortexClient({ dispatcher: new RetryAgent(new Agent()) }, testInfo());
  new CortexClient({ dispatcher: new Agent().compose(interceptors.retry(), interceptors.redirect()) }, testInfo());
  new CortexClient({ dispatcher: new Pool("https://api-tenant.example.com") }, testInfo());
  new CortexClient({ dispatcher: new Client("https://api-tenant.example.com") }, testInfo());
  new CortexClient({ dispatcher: new LoggingDispatcher() }, testInfo());
  const asUndici: Dispatcher = new Agent();
  const options: ClientOptions = { dispatcher: asUndici };
  new CortexClient(options, testInfo());
  // withOptions takes the same option.
  client.withOptions({ dispatcher: new MockAgent() });

  // The client's dispatcher is core's type; cast it back to hand it to undici's functions.
  const used: HttpDispatcher = client.dispatcher;
  await request("https://api-tenant.example.com", { dispatcher: used as Dispatcher });
  await client.dispatcher.close();
}

/** Never called: only compiled. */
export function whatIsNotADispatcherFails(): void {
  // @ts-expect-error a proxy URL goes in `proxy`, not `dispatcher`
  new CortexClient({ dispatcher: "http://proxy.example:3128" }, testInfo());
  // @ts-expect-error an object that cannot dispatch
  new CortexClient({ dispatcher: { close: async () => undefined } }, testInfo());
  // @ts-expect-error a dispatch that is not a function
  new CortexClient({ dispatcher: { dispatch: true, close: async () => undefined } }, testInfo());
  // @ts-expect-error Node's http.Agent is not an undici dispatcher
  new CortexClient({ dispatcher: new NodeHttpAgent({ keepAlive: true }) }, testInfo());
}

export const dispatcherOptionIsCoreType: Equal<ClientOptions["dispatcher"], HttpDispatcher | undefined> = true;
export const clientDispatcherIsCoreType: Equal<CortexClient["dispatcher"], HttpDispatcher> = true;
