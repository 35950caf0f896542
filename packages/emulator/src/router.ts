/**
 * The operation table: normalised path → HTTP method → operation. New
 * operations are registered as data; the server pipeline (auth, RBAC, body
 * parsing, error envelopes) is the same for all of them.
 */
import type { IncomingHttpHeaders } from "node:http";
import { REPLY_ERRORS } from "./envelopes.js";
import type { ApiKeyRecord } from "./keys.js";
import type { JsonObject } from "./query.js";
import type { Permission } from "./rbac.js";
import type { EmulatorState } from "./state.js";
import type { Product, Tenant } from "./tenant.js";

/** HTTP methods operations can be registered for. */
export type HttpMethod = "GET" | "POST";

/** Everything an operation handler can see about a request. */
export interface OperationContext {
  /** The tenant the authenticating key belongs to. */
  readonly tenant: Tenant;
  /** The authenticating key. */
  readonly key: ApiKeyRecord;
  /** The parsed body; `{}` for GET or an empty body. */
  readonly body: JsonObject;
  /** `body.request_data`, `{}` when absent; operations validate its shape. */
  readonly requestData: unknown;
  /** Request headers (lowercase names). */
  readonly headers: IncomingHttpHeaders;
  /** Emulator clock when the request arrived, epoch ms. */
  readonly now: number;
  /** Server-wide state (key index, clock, tenants). */
  readonly state: EmulatorState;
}

/** What a handler returns; errors are thrown as `ApiError`. */
export interface OperationResult {
  /** HTTP status; 200 when omitted. */
  readonly status?: number;
  /** JSON body. */
  readonly body: unknown;
}

/** One API call the emulator serves. */
export interface Operation {
  /** HTTP method. */
  readonly method: HttpMethod;
  /** Path without a trailing slash, e.g. `/public_api/v1/incidents/get_incidents`. */
  readonly path: string;
  /** Permission the key's roles must grant, or `null` when any valid key will do. */
  readonly permission: Permission | null;
  /** Products whose tenants serve it; omitted means all. Others get a 404. */
  readonly products?: readonly Product[];
  /** Produces the reply. */
  readonly handle: (context: OperationContext) => OperationResult | Promise<OperationResult>;
}

/**
 * Drops the query string and one trailing slash: clients call both
 * `.../get_incidents` and `.../get_incidents/`.
 */
export function normalizePath(url: string): { readonly raw: string; readonly normalized: string } {
  const queryStart = url.indexOf("?");
  const raw = queryStart === -1 ? url : url.slice(0, queryStart);
  const normalized = raw.length > 1 && raw.endsWith("/") ? raw.slice(0, -1) : raw;
  return { raw, normalized };
}

/** The table of registered operations. */
export class Router {
  readonly #table = new Map<string, Map<HttpMethod, Operation>>();

  /** Adds operations; registering the same method and path twice is a programming error. */
  register(...operations: readonly Operation[]): this {
    for (const operation of operations) {
      const byMethod = this.#table.get(operation.path) ?? new Map<HttpMethod, Operation>();
      if (byMethod.has(operation.method)) {
        throw new Error(`Duplicate operation ${operation.method} ${operation.path}`);
      }
      byMethod.set(operation.method, operation);
      this.#table.set(operation.path, byMethod);
    }
    return this;
  }

  /**
   * Finds the operation for a request.
   * @throws ApiError 404 for an unknown path, 405 for a known path with another method.
   */
  resolve(method: string, url: string): Operation {
    const { raw, normalized } = normalizePath(url);
    const byMethod = this.#table.get(normalized);
    if (byMethod === undefined) throw REPLY_ERRORS.notFound(raw);
    const operation = [...byMethod.values()].find((candidate) => candidate.method === method);
    if (operation === undefined) throw REPLY_ERRORS.methodNotAllowed(method, raw, [...byMethod.keys()]);
    return operation;
  }
}
