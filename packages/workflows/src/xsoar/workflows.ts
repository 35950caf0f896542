/**
 * The hand-written workflows of the Cortex XSOAR client: version detection, incidents by query string
 * with paging, create and update with optimistic locking, war room entries, indicators, lists (API keys: see the shared api-keys workflows).
 *
 * @module
 */
import { pathOnly, type ApiPromise, type CortexClient, type ListOptions, type PagePromise, type ReplyValidationOptions, type ValidatedCallOptions } from "@cortex-sdk/core";
import type { OperationEntry } from "@cortex-sdk/schemas-base";
import type { ItemOf, ReplyIn, RequestIn, ShapedClient, ShapesWith } from "../shared/types.js";

function xsoarOperation(id: string, method: OperationEntry["method"], path: string, extra: Partial<OperationEntry> = {}): OperationEntry {
  return {
    id,
    method,
    path,
    products: ["xsoar"],
    xsoarVersions: [6, 8],
    requestEnvelope: method === "GET" ? "none" : "bare",
    replyEnvelope: "bare",
    replyKind: "object",
    pagination: { kind: "none" },
    retrySafety: method === "GET" ? "read" : "idempotent",
    async: "none",
    limits: {},
    sources: ["xsoar-xpanse-cloud-api §2.6"],
    ...extra,
  };
}

/**
 * XSOAR routes the generated table lacks (documented in the reference, not in the specs): the server
 * version, loading one incident and an investigation's entries (lists are in the table).
 */
export const XSOAR_EXTRA_OPERATIONS: readonly OperationEntry[] = [
  // XSOAR 6 answers `/about` at the root; XSOAR 8 at `/xsoar/about` (a web-app route: 303 on the public prefix).
  xsoarOperation("xsoar.about", "GET", "/about", { xsoarVersions: [6] }),
  xsoarOperation("xsoar.about.v8", "GET", "/xsoar/about", { xsoarVersions: [8] }),
  xsoarOperation("xsoar.incident.load", "GET", "/incident/load/{id}", { pathParams: ["id"] }),
  xsoarOperation("xsoar.investigation", "POST", "/investigation/{id}", { pathParams: ["id"], retrySafety: "read" }),
];

/** What `/about` says. */
export interface XsoarAbout {
  /** Server version, e.g. `6.14.0` or `8.9.0`. */
  readonly demistoVersion?: string;
  /** Build number. */
  readonly buildNum?: string;
  /** XSOAR 8: `saas` or `opp`. */
  readonly deploymentMode?: string;
  /** XSOAR 8: `xsoar` or `xsiam`. */
  readonly productMode?: string;
  readonly [key: string]: unknown;
}

/** An XSOAR incident as stored (the main fields; custom fields under `CustomFields`). */
export interface XsoarIncident {
  /** Id (a numeric string). */
  readonly id: string;
  /** Version for optimistic locking: send it back with an update. */
  readonly version: number;
  /** Name. */
  readonly name?: string;
  /** 0 pending, 1 active, 2 done, 3 archived. */
  readonly status?: number;
  /** 0 unknown, 0.5 info, 1 low, 2 medium, 3 high, 4 critical. */
  readonly severity?: number;
  readonly [key: string]: unknown;
}

/** Options of {@link XsoarIncidentWorkflows.query}. */
export interface IncidentQueryOptions extends ListOptions, ReplyValidationOptions {
  /** Page size (default 100). */
  readonly size?: number;
  /** Sort, e.g. `[{ field: "created", asc: false }]`. */
  readonly sort?: readonly { readonly field: string; readonly asc: boolean }[];
  /** Relative window, e.g. `{ by: "day", fromValue: 7 }`. */
  readonly period?: Readonly<Record<string, unknown>>;
  /** Other `IncidentFilter` fields (`fromDate`, `status`, `level`, ...). */
  readonly filter?: Readonly<Record<string, unknown>>;
}

/** The operations {@link XsoarIncidentWorkflows} calls in the product's table (search types the listing). */
export type XsoarIncidentShapes = ShapesWith<"xsoar.incidents.search" | "xsoar.incident">;

/**
 * The fields of a new incident: the `xsoar.incident` request without `id` and `version`, which make the same
 * call an update ({@link XsoarIncidentWorkflows.update}).
 *
 * @typeParam S - The product's operation shapes map, which types the request.
 */
export type IncidentCreateFields<S extends XsoarIncidentShapes = XsoarIncidentShapes> = Omit<RequestIn<S, "xsoar.incident">, "id" | "version">;

/**
 * The XSOAR `incidents` workflows: query-string search, create, load and versioned update. Product namespaces extend it.
 *
 * @typeParam S - The product's operation shapes map, which types the search reply.
 */
export class XsoarIncidentWorkflows<S extends XsoarIncidentShapes = XsoarIncidentShapes> {
  readonly #client: ShapedClient<S>;
  readonly #extra: ShapedClient<XsoarExtraShapes>;

  /** @param client - The client that sends the calls. */
  constructor(client: CortexClient) {
    this.#client = client;
    this.#extra = client;
  }

  /**
   * Searches incidents with a query string (Lucene-like: space is AND, `-field:value` negates,
   * `field:"quoted"`), paging by `page`/`size` until the total is reached. Custom fields are addressed by
   * their lower-case, space-less names. Not supported on multi-tenant main accounts.
   *
   * @param query - e.g. `status:Active severity:High -category:job`.
   * @param options - Page size, sort, period, other filter fields, `limit`, call options.
   * @returns Await for the first page (`data`, `total`), `for await` for every incident.
   * @throws The pipeline's typed errors; `CortexPaginationError` when the server repeats a page.
   * @example
   * ```ts
   * for await (const incident of client.incidents.query("status:Active", { size: 50 })) console.log(incident.id, incident.name);
   * ```
   */
  query(query: string, options: IncidentQueryOptions = {}): PagePromise<ReplyIn<S, "xsoar.incidents.search">, ItemOf<S, "xsoar.incidents.search", "data">> {
    const { size = 100, sort, period, filter, ...list } = options;
    const body = { filter: { ...(filter ?? {}), query, page: 0, size, ...(sort === undefined ? {} : { sort }), ...(period === undefined ? {} : { period }) } };
    return this.#client.paginate<"xsoar.incidents.search", ItemOf<S, "xsoar.incidents.search", "data">>("xsoar.incidents.search", body, list);
  }

  /**
   * Creates an incident. XSOAR 8 answers 201 with the incident, or 200 with no body when a
   * pre-processing rule dropped it (then this resolves to `undefined`).
   *
   * @param fields - The operation's request fields but `id` and `version`: `name` (required on XSOAR 8: a client
   *   built with `xsoarVersion: 8` types it required), `type`, `severity`, `details`, `labels`, `CustomFields`, `createInvestigation`, ...
   * @param options - Call options.
   * @returns The incident, or `undefined` when it was dropped.
   * @throws The pipeline's typed errors.
   * @example
   * ```ts
   * const incident = await client.incidents.create({ name: "Phishing report", severity: 2, createInvestigation: true });
   * ```
   */
  create(fields: IncidentCreateFields<S>, options?: ValidatedCallOptions): Promise<XsoarIncident | undefined> {
    // A caller's object may still carry id or version (read from another incident): they would turn this into an update.
    const { id: _id, version: _version, ...rest } = fields as IncidentCreateFields<S> & { readonly id?: unknown; readonly version?: unknown };
    // The table's incident reply leaves id and version optional; the service always sends both.
    return this.#client.request("xsoar.incident", rest, options).then((incident) => (incident ?? undefined) as XsoarIncident | undefined);
  }

  /**
   * Loads one incident (with its current `version`).
   *
   * @param id - Incident id.
   * @param options - Call options.
   * @returns The incident.
   * @throws `CortexNotFoundError` for an unknown id.
   * @example
   * ```ts
   * const incident = await client.incidents.load("42");
   * ```
   */
  load(id: string, options?: ValidatedCallOptions): ApiPromise<XsoarIncident> {
    return this.#extra.request("xsoar.incident.load", { id }, options);
  }

  /**
   * Updates an incident with optimistic locking: send the `version` you read. If someone changed the
   * incident since, the server refuses the update and this throws `CortexConflictError`: load it again
   * and reapply your change, or pass `version: -1` to overwrite whatever is there.
   *
   * @param id - Incident id.
   * @param version - The version you read (or -1 to force).
   * @param changes - Fields to change (`severity`, `owner`, `details`, `CustomFields`, ...).
   * @param options - Call options.
   * @returns The updated incident (with its new version).
   * @throws `CortexConflictError` on a stale version; `CortexNotFoundError` for an unknown id.
   * @example
   * ```ts
   * const current = await client.incidents.load("42");
   * await client.incidents.update("42", current.version, { severity: 3 });
   * ```
   */
  update(id: string, version: number, changes: Readonly<Record<string, unknown>>, options?: ValidatedCallOptions): ApiPromise<XsoarIncident> {
    // The table's incident reply leaves id and version optional; the service always sends both.
    return this.#client.request("xsoar.incident", { ...changes, id, version }, options) as ApiPromise<XsoarIncident>;
  }
}

/** A war room entry. */
export interface XsoarEntry {
  /** `<uuid>@<investigationId>`. */
  readonly id: string;
  /** Entry type (1 note, 3 file, 4 error, ...). */
  readonly type?: number;
  /** Format: `markdown`, `text`, `json`, ... */
  readonly format?: string;
  /** The content. */
  readonly contents?: unknown;
  readonly [key: string]: unknown;
}

/** The operation {@link XsoarEntries} calls in the product's table. */
export type XsoarEntryShapes = ShapesWith<"xsoar.entry">;

/**
 * War room entries of an investigation (an incident's investigation has the incident's id).
 *
 * @typeParam S - The product's operation shapes map.
 */
export class XsoarEntries<S extends XsoarEntryShapes = XsoarEntryShapes> {
  readonly #client: ShapedClient<S>;
  readonly #extra: ShapedClient<XsoarExtraShapes>;

  /** @param client - The client that sends the calls. */
  constructor(client: CortexClient) {
    this.#client = client;
    this.#extra = client;
  }

  /**
   * The entries of an investigation, oldest first.
   *
   * @param investigationId - Investigation (incident) id.
   * @param options - `pageSize` (default all) and call options.
   * @returns The entries.
   * @throws `CortexNotFoundError` for an unknown investigation.
   * @example
   * ```ts
   * for (const entry of await client.entries.list("42")) console.log(entry.contents);
   * ```
   */
  async list(investigationId: string, options: ValidatedCallOptions & { readonly pageSize?: number } = {}): Promise<XsoarEntry[]> {
    const { pageSize, ...call } = options;
    const reply = await this.#extra.request("xsoar.investigation", pathOnly({ id: investigationId, ...(pageSize === undefined ? {} : { pageSize }) }, ["id"]), call);
    return reply?.entries ?? [];
  }

  /**
   * Adds an entry (a note or a `!command`) to an investigation's war room. Fails with 412 when the
   * investigation is closed.
   *
   * @param investigationId - Investigation (incident) id.
   * @param data - Text, markdown, or a command such as `!Print value=1`.
   * @param options - `markdown` (default true) and call options.
   * @returns The entry.
   * @throws The pipeline's typed errors.
   * @example
   * ```ts
   * await client.entries.add("42", "Contained the host.");
   * ```
   */
  add(investigationId: string, data: string, options: ValidatedCallOptions & { readonly markdown?: boolean } = {}): ApiPromise<XsoarEntry> {
    const { markdown = true, ...call } = options;
    // The table's entry reply leaves the id optional; the service always sends it.
    return this.#client.request("xsoar.entry", { investigationId, data, markdown }, call) as ApiPromise<XsoarEntry>;
  }
}

/** An XSOAR list. */
export interface XsoarList {
  /** Id (the name). */
  readonly id: string;
  /** Name. */
  readonly name: string;
  /** Version for optimistic locking. */
  readonly version: number;
  /** Content. */
  readonly data: string;
  /** `plain_text`, `markdown`, `html`, `json`, `css`. */
  readonly type?: string;
  readonly [key: string]: unknown;
}

/** The operations {@link XsoarLists} calls in the product's table. */
export type XsoarListShapes = ShapesWith<"xsoar.lists" | "xsoar.lists.download.get_by_name" | "xsoar.lists.save" | "xsoar.lists.delete">;

/**
 * Lists (named text values playbooks read): at most 209,715 characters each.
 *
 * @typeParam S - The product's operation shapes map.
 */
export class XsoarLists<S extends XsoarListShapes = XsoarListShapes> {
  readonly #client: ShapedClient<S>;

  /** @param client - The client that sends the calls. */
  constructor(client: CortexClient) {
    this.#client = client;
  }

  /**
   * Every list with its content.
   *
   * @param options - Call options.
   * @returns The lists.
   * @throws The pipeline's typed errors.
   * @example
   * ```ts
   * for (const list of await client.lists.all()) console.log(list.name, list.version);
   * ```
   */
  all(options?: ValidatedCallOptions): ApiPromise<XsoarList[]> {
    // The workflow's list record (id, name, version, data) is what the service sends for every list.
    return this.#client.request("xsoar.lists", undefined, options) as ApiPromise<XsoarList[]>;
  }

  /**
   * One list's content.
   *
   * @param name - List name (or `{ name }`).
   * @param options - Call options.
   * @returns The content as text.
   * @throws `CortexNotFoundError` for an unknown list.
   * @example
   * ```ts
   * const allowlist = (await client.lists.get("allowed_domains")).split("\n");
   * ```
   */
  async get(name: string | { readonly name: string }, options?: ValidatedCallOptions): Promise<string> {
    const content: unknown = await this.#client.request("xsoar.lists.download.get_by_name", typeof name === "string" ? { name } : name, options);
    return typeof content === "string" ? content : JSON.stringify(content);
  }

  /**
   * Creates a list, or updates one: to update, pass the `version` you read (a stale version throws
   * `CortexConflictError`; -1 overwrites).
   *
   * @param list - `name`, `data`, and `type`, `description`, `version` as needed.
   * @param options - Call options.
   * @returns The saved list with its new version.
   * @throws `CortexConflictError` on a stale version; `CortexBadRequestError` for content over 209,715 characters.
   * @example
   * ```ts
   * const saved = await client.lists.save({ name: "allowed_domains", data: "example.com" });
   * await client.lists.save({ name: "allowed_domains", data: "example.com\nexample.org", version: saved.version });
   * ```
   */
  save(list: { readonly name: string; readonly data: string; readonly type?: string; readonly description?: string; readonly version?: number }, options?: ValidatedCallOptions): ApiPromise<XsoarList> {
    return this.#client.request("xsoar.lists.save", { ...list, ...(list.version === undefined ? {} : { id: list.name }) }, options) as ApiPromise<XsoarList>;
  }

  /**
   * Deletes a list.
   *
   * @param name - List name (or `{ id }`, the name).
   * @param options - Call options.
   * @returns The service's (empty) answer, once deleted.
   * @throws `CortexNotFoundError` for an unknown list.
   * @example
   * ```ts
   * await client.lists.delete("allowed_domains");
   * ```
   */
  delete(name: string | { readonly id: string }, options?: ValidatedCallOptions): ApiPromise<Record<string, unknown>> {
    return this.#client.request("xsoar.lists.delete", typeof name === "string" ? { id: name } : name, options) as ApiPromise<Record<string, unknown>>;
  }
}


/**
 * Request and reply types of {@link XSOAR_EXTRA_OPERATIONS}: the XSOAR routes the workflows add to the
 * table, typed here since the table has no shapes for them.
 */
export interface XsoarExtraShapes {
  /** XSOAR 6 server version. */
  readonly "xsoar.about": { readonly request: undefined; readonly reply: XsoarAbout };
  /** XSOAR 8 server version. */
  readonly "xsoar.about.v8": { readonly request: undefined; readonly reply: XsoarAbout };
  /** One incident with its current version. */
  readonly "xsoar.incident.load": { readonly request: { readonly id: string }; readonly reply: XsoarIncident };
  /** An investigation's entries. */
  readonly "xsoar.investigation": { readonly request: Readonly<Record<string, unknown>>; readonly reply: { readonly entries?: XsoarEntry[] } | undefined };
}
