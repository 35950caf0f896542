/**
 * The base every product client extends: what the five clients share (reply validation, `withOptions`,
 * `forTenant`, `fanOut`). The generated part of a product client adds only its operation namespaces.
 *
 * @module
 */
import type { OperationEntry } from "@cortex-sdk/schemas-base";
import { CortexClient } from "./client.js";
import type { ClientOptions, ProductClientInfo, ProductIdentity } from "./config.js";
import { derivedPresetOf, mergeOptions } from "./derived-client.js";
import { childTenantClient, fanOut, profileClientOptions, type FanOutOptions, type TenantOutcome, type TenantTarget } from "./mssp.js";
import type { RequestValidators } from "./request-validation.js";
import { REPLY_VALIDATION_STEP, replyValidationStep, type ReplyValidationOptions, type ReplyValidators } from "./reply-validation.js";
import { XSOAR_SUPPORT } from "./xsoar-support.js";

// One info object per client class (its table, identity and loader), shared by every client of it, as those
// derived per MSSP child tenant: a fresh spread per client would build a new shape each time.
const infos = new WeakMap<readonly OperationEntry[], ProductClientInfo>();

function clientInfoOf(identity: ProductIdentity, operations: readonly OperationEntry[], loadValidators: () => Promise<ReplyValidators & RequestValidators>): ProductClientInfo {
  const known = infos.get(operations);
  if (known !== undefined && known.product === identity.product && known.clientName === identity.clientName && known.clientVersion === identity.clientVersion && known.loadRequestValidators === loadValidators) return known;
  const info: ProductClientInfo = Object.freeze({ product: identity.product, clientName: identity.clientName, clientVersion: identity.clientVersion, operations, loadRequestValidators: loadValidators, ...(identity.product === "xsoar" ? { xsoarSupport: XSOAR_SUPPORT } : {}) });
  infos.set(operations, info);
  return info;
}

/** Options of every product client: the common client options plus reply validation. */
export type ProductClientOptions = ClientOptions & ReplyValidationOptions;

/**
 * Base of the product clients. A subclass's constructor takes the options alone (`new Client(options)`),
 * which is how {@link ProductClient.withOptions} and {@link ProductClient.forTenant} build clients of the
 * same class.
 */
export class ProductClient extends CortexClient {
  /**
   * @param options - Client options; anything missing comes from the environment.
   * @param identity - The product and the client package's name and version (for the User-Agent).
   * @param operations - Every operation the client can call (a constant: clients built from one table share its id map).
   * @param loadValidators - Loads the product's validators, the first time a request or reply is validated.
   */
  constructor(options: ProductClientOptions, identity: ProductIdentity, operations: readonly OperationEntry[], loadValidators: () => Promise<ReplyValidators & RequestValidators>) {
    super(options, clientInfoOf(identity, operations, loadValidators));
    // A client derived from a preset pipeline (forTenant) has the step already.
    if (derivedPresetOf(options)?.middleware !== undefined) return;
    // Before `serialize`, not among the steps from `serialize` to `send`: while those stay as they are, one function
    // runs them (see fuseSteps), and a step among them would make every call run them one by one.
    this.middleware.add(REPLY_VALIDATION_STEP, replyValidationStep(options.validateReplies === true, loadValidators), { before: "serialize" });
  }

  /**
   * Derives a client with other defaults (timeouts, retries, credentials); this client is unchanged.
   *
   * @param overrides - Options to change.
   * @returns A new client of the same class.
   */
  override withOptions(overrides: ProductClientOptions): this {
    const Derived = this.constructor as new (options: ProductClientOptions) => this;
    return new Derived(mergeOptions<ProductClientOptions>(this.options, overrides));
  }

  /**
   * A client for another tenant: a child tenant of this key's MSSP tenant (requests carry
   * `x-child-tenant-id` and are paced by the child's own limiter) or a tenant saved as a profile.
   *
   * @param target - `{ childTenantId }` or `{ profile }`.
   * @returns A new client of the same class; close it when done.
   * @throws `CortexConfigError` when the profile is missing or incomplete, or the child tenant id is empty or holds control characters.
   * @example
   * ```ts
   * const child = client.forTenant({ childTenantId: "tenant-child-1" });
   * ```
   */
  forTenant(target: TenantTarget): this {
    if ("childTenantId" in target) return childTenantClient(this, target.childTenantId);
    const Derived = this.constructor as new (options: ProductClientOptions) => this;
    return new Derived(profileClientOptions(this.options, target.profile));
  }

  /**
   * MSSP: runs one task per tenant, at most `concurrency` (default 4) at once, each tenant with its own
   * client and request limiter. Never throws for one tenant's failure: each outcome names its tenant and
   * holds either the value or the (typed) error.
   *
   * @param targets - Child tenant ids or profiles.
   * @param task - The work for one tenant, given that tenant's client.
   * @param options - Concurrency and abort signal.
   * @returns One outcome per target, in order.
   * @example
   * ```ts
   * const counts = await client.fanOut([{ childTenantId: "a" }, { childTenantId: "b" }], (tenant) => tenant.system.healthcheck());
   * for (const outcome of counts) console.log(outcome.tenant, outcome.ok ? outcome.value : outcome.error);
   * ```
   */
  fanOut<T>(targets: readonly TenantTarget[], task: (client: this, target: TenantTarget) => Promise<T>, options?: FanOutOptions): Promise<TenantOutcome<T>[]> {
    return fanOut(targets, (target) => this.forTenant(target), task, options);
  }
}
