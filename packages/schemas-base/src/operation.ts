/**
 * The shape of one entry in the operation table. The table is data: the transport, the product
 * clients, the emulator and the CLI all read it, so every behaviour that differs per operation
 * (envelopes, paging, retry safety, limits) is described here rather than coded per call.
 *
 * @module
 */

import type { Product, XsoarVersion } from "./product-list.js";

export type { Deployment, Product, XsoarVersion } from "./product-list.js";

/** Which products serve an operation, and for XSOAR which major versions. */
export interface ProductAvailability {
  /** The products that serve this operation. */
  readonly products: readonly Product[];
  /** For operations served by XSOAR: the major versions that serve it. */
  readonly xsoarVersions?: readonly XsoarVersion[];
}

/** HTTP methods used by the Cortex APIs. */
export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * How the request body is wrapped.
 * - `request_data`: `{"request_data": <object>}` (most XDR/XSIAM calls)
 * - `request_data_array`: `{"request_data": [ ... ]}` (bulk inserts)
 * - `bare`: the body is sent as given (XSOAR, platform IAM, some content APIs)
 * - `none`: no body (GET, DELETE)
 */
export type RequestEnvelope = "request_data" | "request_data_array" | "bare" | "none";

/**
 * How the reply is wrapped.
 * - `reply`: `{"reply": <value>}`
 * - `data`: `{"data": <value>}` (platform IAM)
 * - `bare`: the body is the value itself
 * - `empty`: no body (204)
 */
export type ReplyEnvelope = "reply" | "data" | "bare" | "empty";

/** The JSON kind of the unwrapped reply value. */
export type ReplyKind = "object" | "array" | "boolean" | "string" | "empty" | "binary" | "ndjson";

/** How an operation pages through results. */
export type Pagination =
  | { readonly kind: "none" }
  | {
      /** `search_from`/`search_to` offsets in `request_data`; `search_to` is exclusive. */
      readonly kind: "offset";
      /** Largest page (`search_to - search_from`) the service accepts. */
      readonly maxPageSize: number;
      /** Property of the reply holding the items, e.g. `incidents`. */
      readonly itemsField: string;
      /** Property of the reply holding the total match count, e.g. `total_count`. */
      readonly totalField?: string;
      /** Where the service caps the total (alerts report at most 9,999); paging continues past it. */
      readonly totalCap?: number;
      /** Property of each item that identifies it, used to de-duplicate across page boundaries. */
      readonly idField?: string;
      /** The request also accepts `use_page_token`/`next_page_token` (Xpanse and some Cortex Cloud calls). */
      readonly pageToken?: boolean;
    }
  | {
      /** `use_page_token` on the first call, then `next_page_token` from each reply (Xpanse). */
      readonly kind: "page_token";
      /** Property of the reply holding the items. */
      readonly itemsField: string;
      /** Property of the reply holding the total match count. */
      readonly totalField?: string;
      /** Property of each item that identifies it. */
      readonly idField?: string;
      /** Largest page the service accepts, when documented. */
      readonly maxPageSize?: number;
    }
  | {
      /** XSOAR `page`/`size` in the body's filter. */
      readonly kind: "page_size";
      /** Largest page the SDK asks for (XSOAR documents no maximum). */
      readonly maxPageSize: number;
      /** Property of the reply holding the items, e.g. `data`. */
      readonly itemsField: string;
      /** Property of the reply holding the total match count, e.g. `total`. */
      readonly totalField?: string;
      /** Property of each item that identifies it. */
      readonly idField?: string;
      /** Property of the request body holding `page` and `size`, e.g. `filter`. */
      readonly pagingField?: string;
    }
  | {
      /** `filter_data.paging.from/to` (alerts by filter data, Cortex Cloud). */
      readonly kind: "filter_data";
      /** Largest page (`to - from`) the service accepts. */
      readonly maxPageSize: number;
      /** Property of the reply holding the items. */
      readonly itemsField: string;
      /** Property of the reply holding the total match count. */
      readonly totalField?: string;
      /** Property of each item that identifies it. */
      readonly idField?: string;
    };

/**
 * Whether a failed attempt may be sent again.
 * - `read`: no side effects; always safe to retry.
 * - `idempotent`: a write whose repetition has the same effect (set a status, replace notes).
 * - `unsafe`: a write that must not be repeated after an ambiguous failure (response actions,
 *   inserts, key generation) unless the caller opts in for that call.
 */
export type RetrySafety = "read" | "idempotent" | "unsafe";

/** What an asynchronous operation hands back to poll on. */
export type AsyncKind = "none" | "action_id" | "xql_query_id" | "distribution_id";

/** Documented limits of one operation. */
export interface OperationLimits {
  /** Most ids (endpoints, alerts, incidents) accepted in one call. */
  readonly maxIdsPerCall?: number;
  /** Per-operation rate limit, on top of the tenant-wide limit. */
  readonly rateLimit?: { readonly requests: number; readonly perMs: number };
}

/** One operation of one or more Cortex products. */
export interface OperationEntry extends ProductAvailability {
  /** Stable identifier, e.g. `incidents.get_incidents`. Never reused for a different operation. */
  readonly id: string;
  /** HTTP method. */
  readonly method: HttpMethod;
  /** Path from the API root, e.g. `/public_api/v1/incidents/get_incidents`, without a trailing slash. */
  readonly path: string;
  /** Request body envelope. */
  readonly requestEnvelope: RequestEnvelope;
  /** Reply envelope. */
  readonly replyEnvelope: ReplyEnvelope;
  /** JSON kind of the unwrapped reply. */
  readonly replyKind: ReplyKind;
  /** Paging behaviour. */
  readonly pagination: Pagination;
  /** Retry safety; decides retries instead of the HTTP method (reads are POSTs). */
  readonly retrySafety: RetrySafety;
  /** What an asynchronous operation returns to poll on. */
  readonly async: AsyncKind;
  /** Documented limits. */
  readonly limits: OperationLimits;
  /** Licence the spec says the operation needs, if any. */
  readonly license?: string;
  /** Permissions the spec says the caller's role needs, if any. */
  readonly permissions?: readonly string[];
  /** Set when the vendor marks the operation deprecated; the text names the replacement if known. */
  readonly deprecated?: string;
  /** Whether the reply can carry an API key secret, so loggers must redact it. */
  readonly replyHoldsSecret?: boolean;
  /** The vendor's `operationId` in the spec the entry was generated from, when it has one. */
  readonly operationId?: string;
  /** Where the operation is described: spec file names, or `xpanse-reference` for the hand-authored Xpanse table. */
  readonly sources?: readonly string[];
  /** The spec's tag (API group) of the operation, e.g. `Incidents`. */
  readonly group?: string;
  /** Names of the path parameters, in path order (`{id}` in `/public_api/v1/assets/{id}`). */
  readonly pathParams?: readonly string[];
  /** Query parameters the operation documents. */
  readonly queryParams?: readonly QueryParam[];
  /** Body media type when it is not JSON: `multipart` uploads a file (`file` part). */
  readonly requestContentType?: "json" | "multipart";
  /** Top-level body properties sent next to `request_data`, e.g. `validate` for indicator inserts. */
  readonly requestSiblings?: readonly string[];
  /** The success status when it is not 200, e.g. 201, 202 or 204. */
  readonly successStatus?: number;
  /**
   * Top-level request fields required on XSOAR 8 only, where one schema serves XSOAR 6 and 8 (on 6 the
   * service's rule is not documented, so they stay optional there). With request validation on, a client
   * configured for XSOAR 8 rejects a request without them before sending.
   */
  readonly requiredOnXsoar8?: Xsoar8Requirement;
}

/** Request fields XSOAR 8 requires where XSOAR 6's rule is unknown (see {@link OperationEntry.requiredOnXsoar8}). */
export interface Xsoar8Requirement {
  /** The fields (top level of the request), each non-empty. */
  readonly fields: readonly string[];
  /** A field whose presence lifts the requirement, e.g. `id` (the call then updates rather than creates). */
  readonly unlessPresent?: string;
}

/** A query parameter of an operation. */
export interface QueryParam {
  /** Parameter name. */
  readonly name: string;
  /** Whether the spec marks it required. */
  readonly required: boolean;
}
