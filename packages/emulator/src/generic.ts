/**
 * The plug-in point for a generic operation layer (request validation and
 * schema-valid answers for operations without simulated state). The router
 * resolves a request in this order, after path-family handling:
 *
 * 1. a specific handler registered for (product, method, canonical path);
 * 2. the generic responder, if one is configured ({@link GenericResponder.resolve});
 * 3. 405 if the path is known under other methods, else the unknown-route answer.
 *
 * When both exist, the specific handler answers and the generic operation's
 * `validate` still runs first, so generated request validators apply to every
 * operation.
 */
// The declarations name Node's own types (streams, http, Buffer): a TypeScript user needs @types/node.
/// <reference types="node" preserve="true" />
import type { IncomingHttpHeaders } from "node:http";
import type { PathFamily, Surface } from "./paths.js";
import type { Permission } from "./rbac.js";
import type { ApiKeyScope } from "./scope.js";
import type { Deployment } from "@cortex-sdk/schemas-base/products";
import type { TenantInfo } from "./tenant.js";

/** The route being resolved. */
export interface RouteQuery {
  /** Deployment of the tenant the request acts on. */
  readonly product: Deployment;
  /** API style of the path. */
  readonly surface: Surface;
  /** HTTP method, upper case. */
  readonly method: string;
  /** Canonical path: Cortex paths as sent (aliases resolved, no trailing slash); XSOAR paths without `/xsoar[/public/v1]`. */
  readonly path: string;
}

/** A request as plain data, for generic operations. */
export interface RequestView {
  /** HTTP method, upper case. */
  readonly method: string;
  /** The path as sent, without query string or trailing slash. */
  readonly path: string;
  /** The canonical path (see {@link RouteQuery.path}). */
  readonly canonicalPath: string;
  /** API style of the path. */
  readonly surface: Surface;
  /** Path family, or `null` for an unknown Cortex family. */
  readonly family: PathFamily | null;
  /** Values of `{param}` segments of the matched route. */
  readonly pathParams: Readonly<Record<string, string>>;
  /** Query string parameters. */
  readonly query: URLSearchParams;
  /** Request headers (lower-case names). */
  readonly headers: IncomingHttpHeaders;
  /** The tenant the request acts on (the child, with `x-child-tenant-id`). */
  readonly tenant: TenantInfo;
  /** Seed of that tenant's data: generated answers derive from it for determinism. */
  readonly tenantSeed: number;
  /** Id of the authenticating key. */
  readonly keyId: number;
  /** Role names of the authenticating key. */
  readonly keyRoles: readonly string[];
  /** SBAC scope of the authenticating key (`null`: sees everything); filter with `scopeAllows`. */
  readonly keyScope: ApiKeyScope | null;
  /** Server clock for this request, epoch ms. */
  readonly now: number;
}

/** What an operation answers with. */
export interface OperationResult {
  /** HTTP status; 200 when omitted. */
  readonly status?: number;
  /** Body: serialised as JSON unless `contentType` says otherwise (then it must be a string). Omitted: no body. */
  readonly body?: unknown;
  /**
   * The body as JSON already serialised, as text or as its UTF-8 bytes (takes precedence over `body`).
   * Bytes are sent as they are, so a handler can answer repeated requests from one cached buffer.
   */
  readonly json?: string | Uint8Array;
  /** Extra response headers. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Content type for non-JSON bodies, e.g. `text/html; charset=utf-8`. */
  readonly contentType?: string;
}

/** An operation the generic layer knows. */
export interface GenericOperation {
  /** Operation id (as in the schemas table), for observers and errors. */
  readonly operationId: string;
  /** Permission the key's roles must grant (`"<group>:view"` / `"<group>:action"`), or `null`. */
  readonly permission: Permission | null;
  /** Values of `{param}` segments, when the generic layer matched a templated path. */
  readonly pathParams?: Readonly<Record<string, string>>;
  /**
   * Checks the parsed body (`{}` for an empty body). Throw an `ApiError`
   * (e.g. `REPLY_ERRORS.invalidInput(...)`) to reject. Runs before specific
   * handlers too.
   */
  validate?(request: RequestView, body: unknown): void;
  /** Answers the request when no specific handler exists. Omitted: validation only. */
  respond?(request: RequestView, body: unknown): OperationResult | Promise<OperationResult>;
}

/** The generic operation layer, injected with `EmulatorOptions.genericResponder`. */
export interface GenericResponder {
  /**
   * Loads what answering this route needs, before the first such request (the default responder loads
   * a product's JSON Schemas and validators on first use). The server awaits it before {@link resolve};
   * `undefined` when there is nothing to wait for. Omitted: nothing to load.
   */
  prepare?(route: RouteQuery): Promise<void> | undefined;
  /** The operation at this route, or `undefined` when the route is not an operation of that product. */
  resolve(route: RouteQuery): GenericOperation | undefined;
  /** Methods the path answers to for that product (for 405 answers); omitted: none. */
  methods?(route: Omit<RouteQuery, "method">): readonly string[];
}
