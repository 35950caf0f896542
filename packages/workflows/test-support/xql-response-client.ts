// What the shared workflow suites need of a client: XDR and XSIAM serve the same XQL and response-action
// surface, so their clients both fit. The workflow classes are the ones the generated namespaces extend;
// the few generated methods the suites call take a loose request (a call site that builds more of the
// product's request casts it, as the tests did before), so either client's method fits.
import type { ApiPromise, ListOptions, PagePromise, ProductClient, ProductClientOptions, ReplyValidationOptions } from "@cortex-sdk/core";
import type { ActionResult, ActionTracking, AlertBulkUpdates, AndWaitOptions, ApiKeyManagement, EndpointResponseActions, IncidentBulkUpdates, LookupDatasets, ScriptRuns, XqlQueries } from "@cortex-sdk/workflows";

/** A paginated generated method, whatever its request and item types (the suites page by offsets). */
interface ListMethod {
  list(request: { readonly search_from?: number; readonly search_to?: number }, options?: ListOptions & ReplyValidationOptions): PagePromise<unknown, unknown>;
}

/** An XDR or XSIAM client, as the shared suites use it. */
export interface XqlResponseClient extends ProductClient {
  readonly xql: XqlQueries & { addDataset(request: never): ApiPromise<unknown> };
  readonly endpoints: EndpointResponseActions & ListMethod & { scan(request: never): ApiPromise<unknown> };
  readonly scripts: ScriptRuns;
  readonly actions: ActionTracking;
  readonly alerts: AlertBulkUpdates & ListMethod;
  readonly incidents: IncidentBulkUpdates & ListMethod;
  readonly lookups: LookupDatasets;
  readonly apiKeys: ApiKeyManagement;
  waitForAction(actionId: string | number, options?: AndWaitOptions): Promise<ActionResult>;
}

/** Builds the product's client (`(options) => new XdrClient(options)`). */
export type NewClient<C extends XqlResponseClient> = (options: ProductClientOptions) => C;
