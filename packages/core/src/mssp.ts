/**
 * MSSP fan-out: run one call across many tenants (child tenants of the key's tenant, reached with the
 * `x-child-tenant-id` header, or tenants saved as profiles) with bounded parallelism, each tenant with its
 * own request limiter, and every result and error tagged with its tenant.
 *
 * @module
 */
import type { CortexClient } from "./client.js";
import { deriveChildTenantConfig, type ClientOptions } from "./config.js";
import { constructDerived } from "./derived-client.js";
import type { HttpDispatcher } from "./dispatcher.js";
import { CortexConfigError } from "./errors.js";
import { RateLimiter, type RateLimit } from "./limiter.js";
import type { MiddlewareStack } from "./pipeline.js";
import { mapSettled } from "./concurrency.js";

/** A tenant to run on. */
export type TenantTarget =
  | {
      /** A child tenant id of the key's (MSSP parent) tenant. */
      readonly childTenantId: string;
      /** Label in results (default: the id). */
      readonly name?: string;
    }
  | {
      /** A saved profile holding the tenant's URL and key. */
      readonly profile: string;
      /** Label in results (default: the profile name). */
      readonly name?: string;
    };

/** The outcome for one tenant. */
export type TenantOutcome<T> =
  | {
      /** The tenant's label. */
      readonly tenant: string;
      /** The target as given. */
      readonly target: TenantTarget;
      /** It worked. */
      readonly ok: true;
      /** What the task returned. */
      readonly value: T;
    }
  | {
      /** The tenant's label. */
      readonly tenant: string;
      /** The target as given. */
      readonly target: TenantTarget;
      /** It failed. */
      readonly ok: false;
      /** What the task threw (typed SDK errors keep their class). */
      readonly error: unknown;
    };

/** Options of {@link fanOut}. */
export interface FanOutOptions {
  /** Tenants worked on at once (default 4). */
  readonly concurrency?: number;
  /** Stops starting tenants; tenants not started fail with the abort reason. */
  readonly signal?: AbortSignal;
}

/**
 * The label of a target.
 *
 * @param target - The target.
 * @returns Its name, child tenant id or profile.
 */
export function tenantLabel(target: TenantTarget): string {
  return target.name ?? ("childTenantId" in target ? target.childTenantId : target.profile);
}

/**
 * Runs `task` once per tenant, at most `concurrency` at a time. Never throws for a tenant's failure:
 * every outcome says which tenant it belongs to.
 *
 * @param targets - The tenants.
 * @param derive - Makes the client of a tenant (product clients pass `forTenant`).
 * @param task - The work for one tenant.
 * @param options - Concurrency and signal.
 * @returns One outcome per target, in order.
 */
export async function fanOut<C extends CortexClient, T>(targets: readonly TenantTarget[], derive: (target: TenantTarget) => C, task: (client: C, target: TenantTarget) => Promise<T>, options: FanOutOptions = {}): Promise<TenantOutcome<T>[]> {
  const settled = await mapSettled(
    targets,
    options.concurrency ?? 4,
    async (target) => {
      const client = derive(target);
      try {
        return await task(client, target);
      } finally {
        await client.close();
      }
    },
    options.signal,
  );
  return settled.map((result, index) => {
    const target = targets[index] as TenantTarget;
    const tenant = tenantLabel(target);
    return result.status === "fulfilled" ? { tenant, target, ok: true, value: result.value } : { tenant, target, ok: false, error: result.reason };
  });
}

// Per parent client: the pipeline its child tenant clients start from (a copy of the first child's, as built,
// so every child after it composes no handler of its own), valid while the parent sends through `dispatcher`.
interface ChildTemplate {
  readonly dispatcher: HttpDispatcher;
  readonly middleware: MiddlewareStack;
}
const childTemplates = new WeakMap<CortexClient, ChildTemplate>();

const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

/**
 * Makes a client act on a child tenant: every request carries `x-child-tenant-id`, and is paced by request
 * limiters of the child's own (the service counts a child's requests against the child, see
 * `tenantState`) instead of the parent's. It shares the parent's connections (its dispatcher), key,
 * clock correction, retry budget and XQL slots, and starts with the standard pipeline (the parent's own
 * added steps are not carried over; steps added to the child stay the child's).
 *
 * @param client - The parent tenant's client.
 * @param childTenantId - The child tenant id.
 * @param rateLimit - The child's rate (default the client's; none when the client's limiter is off).
 * @returns A derived client of the same class.
 * @throws {@link CortexConfigError} when the id is empty or holds control characters.
 */
export function childTenantClient<C extends CortexClient>(client: C, childTenantId: string, rateLimit?: RateLimit): C {
  if (typeof childTenantId !== "string" || childTenantId.trim() === "" || CONTROL_CHARACTERS.test(childTenantId)) {
    throw new CortexConfigError("configuration", `The child tenant id must be a non-empty id without control characters (as the MSSP console lists it); got ${typeof childTenantId === "string" ? JSON.stringify(childTenantId) : typeof childTenantId}.`);
  }
  if (rateLimit !== undefined) RateLimiter.validate(rateLimit);
  // Same host, same TLS and proxy settings: the child's requests ride the parent's connections (a dispatcher
  // given in the options is never closed by the derived client).
  const dispatcher = client.dispatcher;
  // The options say what the child is, so a client derived from it (withOptions) stays on the child tenant.
  const overrides: ClientOptions = rateLimit === undefined ? { dispatcher, childTenantId } : { dispatcher, childTenantId, rateLimit };
  // The child acts with the parent's key on the parent's host: its configuration is the parent's, adapted
  // (not resolved again from the environment and profile file, which is most of the cost of a client).
  const config = deriveChildTenantConfig(client.config, dispatcher, childTenantId, rateLimit ?? client.config.rateLimit);
  if (config === undefined) return client.withOptions(overrides) as C;
  let template = childTemplates.get(client);
  if (template !== undefined && template.dispatcher !== dispatcher) template = undefined;
  const derived = constructDerived(overrides, template === undefined ? { config } : { config, middleware: template.middleware }, () => client.withOptions(overrides) as C);
  if (template === undefined) {
    const middleware = derived.middleware.clone();
    middleware.compose();
    childTemplates.set(client, { dispatcher, middleware });
  }
  return derived;
}

const CREDENTIAL_ENV = /^(CORTEX_API_BASE_URL|CORTEXCLOUD_API_URL|DEMISTO_BASE_URL|CORTEX_API_KEY_ID|CORTEXCLOUD_API_KEY_ID|DEMISTO_API_KEY_ID|CORTEX_API_KEY|CORTEXCLOUD_API_KEY|DEMISTO_API_KEY|DEMISTO_ADVANCED_API_KEY|CORTEX_API_KEY_TYPE|CORTEXCLOUD_API_KEY_TYPE|CORTEX_PROFILE|CORTEX_XSOAR_VERSION)$/;

/**
 * The options of a client for a saved profile, derived from another client's: the URL, key and version
 * come from the profile only (not from the other client or from the environment's credential
 * variables); timeouts, retries, logging, proxy and dispatcher carry over.
 *
 * @param options - The other client's options.
 * @param profile - The profile name.
 * @returns Options for the profile's client.
 */
export function profileClientOptions(options: ClientOptions, profile: string): ClientOptions {
  const { baseUrl: _url, apiKeyId: _id, apiKey: _key, securityLevel: _level, credentials: _credentials, xsoarVersion: _version, profile: _profile, env, ...rest } = options;
  const source = env ?? process.env;
  const cleaned = Object.fromEntries(Object.entries(source).filter(([name]) => !CREDENTIAL_ENV.test(name)));
  return { ...rest, env: cleaned, profile };
}
