/**
 * The table of specific operations: (surface, canonical path, method,
 * products) → handler. Paths may contain `{param}` segments. The server
 * pipeline (auth, RBAC, limits, body parsing, error envelopes) is the same
 * for all of them; see `generic.ts` for how the generic layer plugs in.
 */
// The declarations name Node's own types (streams, http, Buffer): a TypeScript user needs @types/node.
/// <reference types="node" preserve="true" />
import type { IncomingHttpHeaders } from "node:http";
import type { ApiKeyRecord } from "./keys.js";
import type { OperationResult, RequestView } from "./generic.js";
import type { Surface } from "./paths.js";
import type { Permission } from "./rbac.js";
import type { EmulatorState } from "./state.js";
import type { Deployment } from "@cortex-sdk/schemas-base/products";
import type { Tenant } from "./tenant.js";

/** HTTP methods operations can be registered for. */
export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** Everything a specific handler can see about a request. */
export interface OperationContext {
  /** The tenant the request acts on (the child with `x-child-tenant-id`). */
  readonly tenant: Tenant;
  /** The tenant that owns the key (differs from `tenant` for MSSP parents). */
  readonly keyTenant: Tenant;
  /** The authenticating key. */
  readonly key: ApiKeyRecord;
  /** The parsed body; `{}` for GET or an empty body. */
  readonly body: unknown;
  /** `body.request_data`, `{}` when absent; operations validate its shape. */
  readonly requestData: unknown;
  /** Request headers (lower-case names). */
  readonly headers: IncomingHttpHeaders;
  /** The request as plain data (path params, query, ...). */
  readonly request: RequestView;
  /** Server clock when the request arrived, epoch ms. */
  readonly now: number;
  /** Server-wide state. */
  readonly state: EmulatorState;
}

/** One API call the emulator answers with a specific handler. */
export interface Operation {
  /** Operation id, e.g. `api_keys.generate`. */
  readonly id: string;
  /** HTTP method. */
  readonly method: HttpMethod;
  /** API style; XSOAR routes are registered once and served on every XSOAR prefix. */
  readonly surface: Surface;
  /** Canonical path without a trailing slash; `{name}` segments match one path segment. */
  readonly path: string;
  /** Permission the key's roles must grant, or `null` when any valid key will do. */
  readonly permission: Permission | null;
  /** Products whose tenants serve it. */
  readonly products: readonly Deployment[];
  /** Changes persisted state: the answer waits until the data directory has it. */
  readonly mutates?: boolean;
  /** XSOAR routes: whether XSOAR 8 exposes it under `/xsoar/public/v1` (else 303 there). Default true. */
  readonly xsoarPublic?: boolean;
  /** Produces the reply; errors are thrown as `ApiError`. */
  readonly handle: (context: OperationContext) => OperationResult | Promise<OperationResult>;
}

/** A matched specific operation. */
export interface RouteMatch {
  /** The operation. */
  readonly operation: Operation;
  /** `{param}` values. */
  readonly params: Readonly<Record<string, string>>;
}

interface Template {
  readonly surface: Surface;
  readonly segments: readonly string[];
  readonly operations: Operation[];
}

function isParam(segment: string): boolean {
  return segment.length > 2 && segment.startsWith("{") && segment.endsWith("}");
}

function matchTemplate(template: Template, segments: readonly string[]): Record<string, string> | undefined {
  if (template.segments.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const pattern = template.segments[i] ?? "";
    const actual = segments[i] ?? "";
    if (isParam(pattern)) {
      if (actual === "") return undefined;
      params[pattern.slice(1, -1)] = decodeURIComponentSafe(actual);
    } else if (pattern !== actual) {
      return undefined;
    }
  }
  return params;
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The table of registered specific operations. */
export class Router {
  readonly #static = new Map<string, Operation[]>();
  readonly #templates: Template[] = [];

  /**
   * Adds operations.
   * @throws Error when two operations share surface, method, path and a product.
   */
  register(...operations: readonly Operation[]): this {
    for (const operation of operations) {
      const bucket = this.#bucket(operation);
      const clash = bucket.find(
        (other) => other.method === operation.method && other.products.some((p) => operation.products.includes(p)),
      );
      if (clash !== undefined) {
        throw new Error(`Duplicate operation ${operation.method} ${operation.path} (${clash.id} and ${operation.id})`);
      }
      bucket.push(operation);
    }
    return this;
  }

  #bucket(operation: Operation): Operation[] {
    const segments = operation.path.split("/");
    if (!segments.some(isParam)) {
      const key = `${operation.surface} ${operation.path}`;
      let bucket = this.#static.get(key);
      if (bucket === undefined) {
        bucket = [];
        this.#static.set(key, bucket);
      }
      return bucket;
    }
    let template = this.#templates.find(
      (candidate) => candidate.surface === operation.surface && candidate.segments.join("/") === segments.join("/"),
    );
    if (template === undefined) {
      template = { surface: operation.surface, segments, operations: [] };
      this.#templates.push(template);
    }
    return template.operations;
  }

  /** Operations at a path for a product (any method), with their params; static paths win over templates. */
  #candidates(surface: Surface, path: string, product: Deployment): { operations: Operation[]; params: Record<string, string> } {
    const exact = this.#static.get(`${surface} ${path}`)?.filter((op) => op.products.includes(product)) ?? [];
    if (exact.length > 0) return { operations: exact, params: {} };
    const segments = path.split("/");
    for (const template of this.#templates) {
      if (template.surface !== surface) continue;
      const params = matchTemplate(template, segments);
      if (params === undefined) continue;
      const operations = template.operations.filter((op) => op.products.includes(product));
      if (operations.length > 0) return { operations, params };
    }
    return { operations: [], params: {} };
  }

  /** The specific operation for a request, if any. */
  match(surface: Surface, method: string, path: string, product: Deployment): RouteMatch | undefined {
    const { operations, params } = this.#candidates(surface, path, product);
    const operation = operations.find((candidate) => candidate.method === method);
    return operation === undefined ? undefined : { operation, params };
  }

  /** Methods the path answers to for a product (for 405 answers). */
  methods(surface: Surface, path: string, product: Deployment): string[] {
    return this.#candidates(surface, path, product).operations.map((operation) => operation.method);
  }
}
