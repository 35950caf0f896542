/**
 * Pagination: async generators over pages and items for every paging kind in the operation table
 * (`offset`, `filter_data`, `page_size`, `page_token`). They rewrite the request body for the next page,
 * keep going past a capped total (alerts report at most 9,999) until a short page, de-duplicate items at
 * page boundaries by id, stop at the total instead of paging past it, and refuse to loop when the service
 * repeats a page or a token.
 *
 * @module
 */
import { createHash } from "node:crypto";
import type { OperationEntry, Pagination } from "@cortex-sdk/schemas-base";
import { ApiPromise, type ResponseInfo, type WithResponse } from "./api-promise.js";
import { CortexPaginationError } from "./errors.js";
import { hashOf, PageIds } from "./page-ids.js";

/** One page and where it sits. */
export interface Page<Reply, Item> {
  /** The reply of this page. */
  readonly reply: Reply;
  /**
   * The items of this page after boundary de-duplication (and the limit): the reply's own list when neither
   * dropped an item, so change neither.
   */
  readonly items: readonly Item[];
  /** Zero-based index of this page in this iteration. */
  readonly index: number;
  /** A cursor that resumes after this page (pass it as `cursor` to the same list call); undefined on the last page. */
  readonly cursor: PageCursor | undefined;
  /** HTTP facts of this page's call. */
  readonly response: ResponseInfo;
}

/**
 * A serialisable position to resume paging from; {@link encodeCursor} turns it into a string. It holds
 * the ids of the last page's items, so resuming does not repeat an item that shifted across the boundary.
 */
export interface PageCursor {
  /** Operation the cursor belongs to. */
  readonly operationId: string;
  /** Paging kind of that operation. */
  readonly kind: Exclude<Pagination["kind"], "none">;
  /** Offset of the next page (`offset` and `filter_data` paging). */
  readonly offset?: number;
  /** Page number of the next page (`page_size` paging). */
  readonly page?: number;
  /** Page size the cursor was made with (`page_size` paging needs it to stay aligned). */
  readonly pageSize?: number;
  /** Token of the next page (`page_token` paging). */
  readonly token?: string;
  /** Ids of the items of the page before, to drop them if they show up again. */
  readonly seenIds?: readonly string[];
}

/** Options of a paginated call. */
export interface PaginateOptions {
  /** Largest number of items to yield in total. */
  readonly limit?: number;
  /** Page size (capped at the operation's maximum). */
  readonly pageSize?: number;
  /** Resume from a cursor of an earlier run (an object or a string from {@link encodeCursor}). */
  readonly cursor?: PageCursor | string;
}

/** Fetches one page: the same operation with a rewritten body. */
export type FetchPage<Reply> = (body: unknown) => Promise<WithResponse<Reply>>;

/**
 * Turns a cursor into a compact string (base64url JSON) to store or pass on a command line.
 *
 * @param cursor - The cursor.
 * @returns The string.
 */
export function encodeCursor(cursor: PageCursor): string {
  return Buffer.from(JSON.stringify(cursor), "utf8").toString("base64url");
}

/**
 * Reads a cursor made by {@link encodeCursor}.
 *
 * @param text - The string.
 * @returns The cursor.
 * @throws {@link CortexPaginationError} when the string is not a cursor.
 */
export function decodeCursor(text: string): PageCursor {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
  } catch {
    value = undefined;
  }
  const record = value as Record<string, unknown> | undefined;
  const kinds = ["offset", "filter_data", "page_size", "page_token"];
  if (record === undefined || record === null || typeof record !== "object" || typeof record["operationId"] !== "string" || !kinds.includes(String(record["kind"]))) {
    throw new CortexPaginationError("pagination", "The pagination cursor is not valid: pass a cursor string exactly as the SDK produced it.");
  }
  return record as unknown as PageCursor;
}

interface Position {
  readonly body: unknown;
  readonly next: (reply: unknown, items: readonly unknown[]) => Partial<PageCursor> | undefined;
}

/**
 * Iterates pages of an operation.
 *
 * @param operation - The operation; its `pagination` decides how bodies are rewritten.
 * @param body - The caller's request body (its offsets, page or page size give the start and size).
 * @param fetchPage - Sends one page request.
 * @param options - Limit, page size, cursor.
 * @returns An async generator of pages.
 * @throws {@link CortexPaginationError} when the service repeats a page or a token, or the cursor belongs
 *   to another operation.
 */
export async function* paginatePages<Reply, Item>(
  operation: OperationEntry,
  body: unknown,
  fetchPage: FetchPage<Reply>,
  options: PaginateOptions = {},
): AsyncGenerator<Page<Reply, Item>, void, undefined> {
  const paging = operation.pagination;
  if (paging.kind === "none") {
    // Unpaged: one request is the whole answer.
    const { data, response } = await fetchPage(body);
    const items = itemsOf<Item>(data, paging);
    yield { reply: data, items: options.limit === undefined ? items : items.slice(0, options.limit), index: 0, cursor: undefined, response };
    return;
  }
  const cursor = typeof options.cursor === "string" ? decodeCursor(options.cursor) : options.cursor;
  if (cursor !== undefined && (cursor.operationId !== operation.id || cursor.kind !== paging.kind)) {
    throw new CortexPaginationError("pagination", `${operation.id}: the cursor belongs to ${cursor.operationId}; start without it or use it with that operation.`, { operationId: operation.id });
  }
  const base = (body ?? {}) as Record<string, unknown>;
  let remaining = options.limit ?? Number.POSITIVE_INFINITY;
  let previousIds = cursor?.seenIds === undefined || cursor.seenIds.length === 0 ? PageIds.EMPTY : new PageIds(cursor.seenIds);
  // The table this page's ids go into: refilled from the one two pages back (never the shared EMPTY).
  let spareIds: PageIds | undefined;
  // What the page before looked like: its ids when every item had one, else a hash of its content.
  let previousKnownIds: readonly string[] | undefined;
  let previousHash: string | undefined;
  const seenTokens = new Set<string>();
  const idPath = idPathOf(paging.idField);
  const idKey = idPath?.length === 1 ? idPath[0] : undefined;
  let state = start(paging, base, cursor, options.pageSize);

  for (let index = 0; remaining > 0; index++) {
    const { data, response } = await fetchPage(state.body);
    const all = itemsOf<Item>(data, paging);
    // One pass over the page: each id hashed once, looked up among the page before's and added to this
    // page's table; the items not already on the page before are kept. The page's own array is handed out
    // as it is unless an item is dropped (or the limit cuts it).
    const pageIds = idPath === undefined ? PageIds.EMPTY : (spareIds ?? new PageIds([])).refill(all.length);
    let items: Item[] | undefined;
    let kept = 0;
    for (let position = 0; position < all.length; position++) {
      const item = all[position] as Item;
      let repeat = false;
      if (idPath !== undefined) {
        // The id field as spelled, read directly: the case-tolerant walk only when it is not there.
        const direct = idKey !== undefined && item !== null && typeof item === "object" ? (item as Record<string, unknown>)[idKey] : undefined;
        const id = idOf(direct ?? fieldAt(item, idPath));
        if (id !== undefined) {
          const hash = hashOf(id);
          pageIds.add(id, hash);
          repeat = previousIds.hasHashed(id, hash);
        }
      }
      if (kept < remaining && !repeat) {
        kept += 1;
        items?.push(item);
      } else {
        items ??= all.slice(0, position);
      }
    }
    const knownIds = pageIds.ids;
    const allKnown = knownIds.length === all.length;
    const hash = all.length === 0 || allKnown ? undefined : contentHash(all);
    const repeated = all.length > 0 && (allKnown ? sameIds(knownIds, previousKnownIds) : hash === previousHash);
    if (repeated) {
      throw new CortexPaginationError("pagination", `${operation.id}: the service returned the same page twice (page ${index + 1}); stopping so no item is repeated.`, { operationId: operation.id });
    }
    remaining -= kept;
    const advance = all.length === 0 ? undefined : state.next(data, all);
    if (advance?.token !== undefined) {
      if (seenTokens.has(advance.token)) {
        throw new CortexPaginationError("pagination", `${operation.id}: the service handed out the same page token twice; stopping so no item is repeated.`, { operationId: operation.id });
      }
      seenTokens.add(advance.token);
    }
    const nextCursor: PageCursor | undefined = advance === undefined ? undefined : { operationId: operation.id, kind: paging.kind, ...advance, ...(knownIds.length > 0 ? { seenIds: knownIds } : {}) };
    yield { reply: data, items: items ?? all, index, cursor: nextCursor, response };
    if (nextCursor === undefined) return;
    if (previousIds !== PageIds.EMPTY && previousIds !== pageIds) spareIds = previousIds;
    previousIds = knownIds.length === 0 ? PageIds.EMPTY : pageIds;
    previousKnownIds = all.length > 0 && allKnown ? knownIds : undefined;
    previousHash = hash;
    state = start(paging, base, nextCursor, options.pageSize);
  }
}

// The body of the page at a cursor (or the caller's start), and how to find the next one.
function start(paging: Exclude<Pagination, { kind: "none" }>, base: Record<string, unknown>, cursor: PageCursor | undefined, requestedSize: number | undefined): Position {
  switch (paging.kind) {
    case "offset":
    case "filter_data": {
      const inFilter = paging.kind === "filter_data";
      const filterData = asRecord(base["filter_data"]);
      const range = inFilter ? asRecord(filterData["paging"]) : base;
      const fromKey = inFilter ? "from" : "search_from";
      const toKey = inFilter ? "to" : "search_to";
      const first = numberOr(range[fromKey], 0);
      const offset = cursor?.offset ?? first;
      const callerSize = typeof range[toKey] === "number" ? (range[toKey] as number) - first : undefined;
      const pageSize = clampSize(requestedSize ?? callerSize, paging.maxPageSize);
      const pageBody = inFilter
        ? { ...base, filter_data: { ...filterData, paging: { ...asRecord(filterData["paging"]), from: offset, to: offset + pageSize } } }
        : { ...base, search_from: offset, search_to: offset + pageSize };
      return {
        body: pageBody,
        next: (reply, items) => {
          const nextOffset = offset + items.length;
          const total = numberOr(fieldOf(reply, paging.totalField), Number.NaN);
          const cap = paging.kind === "offset" ? paging.totalCap : undefined;
          const totalIsExact = Number.isFinite(total) && (cap === undefined || total < cap);
          // An exact total decides (the server may cap pages below what we asked for); a capped or
          // missing total means "page until a short page".
          const done = totalIsExact ? nextOffset >= total : items.length < pageSize;
          return done ? undefined : { offset: nextOffset };
        },
      };
    }
    case "page_size": {
      const filter = asRecord(base["filter"]);
      const inFilter = base["filter"] !== undefined && base["filter"] !== null && typeof base["filter"] === "object";
      const holder = inFilter ? filter : base;
      const page = cursor?.page ?? numberOr(holder["page"], 0);
      const pageSize = cursor?.pageSize ?? clampSize(requestedSize ?? (typeof holder["size"] === "number" ? (holder["size"] as number) : undefined), paging.maxPageSize);
      const pageBody = inFilter ? { ...base, filter: { ...filter, page, size: pageSize } } : { ...base, page, size: pageSize };
      return {
        body: pageBody,
        next: (reply, items) => {
          const total = numberOr(fieldOf(reply, paging.totalField), Number.NaN);
          const done = Number.isFinite(total) ? (page + 1) * pageSize >= total : items.length < pageSize;
          return done ? undefined : { page: page + 1, pageSize };
        },
      };
    }
    case "page_token": {
      const { search_from: _from, search_to: _to, use_page_token: _use, next_page_token: _next, ...rest } = base;
      const from = numberOr(base["search_from"], 0);
      const sized = requestedSize === undefined ? {} : { search_from: from, search_to: from + Math.max(1, Math.floor(requestedSize)) };
      const pageBody = cursor?.token === undefined ? { ...base, ...sized, use_page_token: true } : { ...rest, next_page_token: cursor.token };
      return {
        body: pageBody,
        next: (reply) => {
          const token = fieldOf(reply, "next_page_token");
          return typeof token === "string" && token !== "" ? { token } : undefined;
        },
      };
    }
  }
}

function clampSize(requested: number | undefined, max: number): number {
  if (requested === undefined || !Number.isFinite(requested)) return max;
  return Math.max(1, Math.min(max, Math.floor(requested)));
}

// Whether a page's ids are those of the page before, in the same order.
function sameIds(ids: readonly string[], before: readonly string[] | undefined): boolean {
  if (before === undefined || before.length !== ids.length) return false;
  for (let index = 0; index < ids.length; index++) if (ids[index] !== before[index]) return false;
  return true;
}

// Items without ids: compare content, so a service that ignores the offset is still caught.
function contentHash(items: readonly unknown[]): string {
  return createHash("sha1").update(JSON.stringify(items)).digest("base64");
}

function itemsOf<Item>(reply: unknown, paging: Pagination): Item[] {
  if (paging.kind === "none") return Array.isArray(reply) ? (reply as Item[]) : [];
  const items = fieldOf(reply, paging.itemsField);
  return Array.isArray(items) ? (items as Item[]) : [];
}

// Reads a field, tolerating case differences (DATA / data) and dotted paths (metadata.total_count).
function fieldOf(value: unknown, field: string | undefined): unknown {
  return field === undefined ? undefined : fieldAt(value, pathOf(field));
}

// Field names split at their dots, once per name rather than at every page.
const PATHS = new Map<string, readonly string[]>();

function pathOf(field: string): readonly string[] {
  let path = PATHS.get(field);
  if (path === undefined) {
    path = field.split(".");
    // The names come from operation tables (a few hundred at most); the bound only guards against misuse.
    if (PATHS.size < 4_096) PATHS.set(field, path);
  }
  return path;
}

function fieldAt(value: unknown, path: readonly string[]): unknown {
  let current: unknown = value;
  for (const part of path) {
    if (current === null || typeof current !== "object") return undefined;
    const record = current as Record<string, unknown>;
    current = record[part] ?? record[part.toUpperCase()] ?? record[part.toLowerCase()];
  }
  return current;
}

function idPathOf(idField: string | undefined): readonly string[] | undefined {
  return idField === undefined ? undefined : pathOf(idField);
}

function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function idOf(value: unknown): string | undefined {
  return typeof value === "string" ? value : typeof value === "number" ? String(value) : undefined;
}

function numberOr(value: unknown, fallback: number): number {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) return Number(value);
  return fallback;
}

/**
 * What a list method returns: await it for the first page's reply, `for await` over it for every item,
 * or use {@link PagePromise.pages} and {@link PagePromise.collect}.
 */
export class PagePromise<Reply, Item> extends ApiPromise<Reply> implements AsyncIterable<Item> {
  readonly #pages: (options?: PaginateOptions) => AsyncGenerator<Page<Reply, Item>, void, undefined>;

  /**
   * @param firstPage - Starts the first page's call; runs only if the caller awaits the promise.
   * @param pages - Starts a page iteration.
   */
  constructor(firstPage: () => Promise<WithResponse<Reply>>, pages: (options?: PaginateOptions) => AsyncGenerator<Page<Reply, Item>, void, undefined>) {
    super(firstPage);
    this.#pages = pages;
  }

  /**
   * Iterates pages.
   *
   * @param options - Limit, page size, cursor.
   * @returns An async generator of pages.
   */
  pages(options?: PaginateOptions): AsyncGenerator<Page<Reply, Item>, void, undefined> {
    return this.#pages(options);
  }

  /**
   * Iterates items across every page.
   *
   * @param options - Limit, page size, cursor.
   * @returns An async generator of items.
   */
  items(options?: PaginateOptions): AsyncGenerator<Item, void, undefined> {
    return new ItemIterator(this.#pages(options));
  }

  /**
   * Collects items into an array. A limit is required so a large tenant cannot exhaust memory by accident.
   *
   * @param options - `limit` is required.
   * @returns Up to `limit` items.
   */
  async collect(options: PaginateOptions & { readonly limit: number }): Promise<Item[]> {
    const out: Item[] = [];
    for await (const page of this.#pages(options)) for (const item of page.items) out.push(item);
    return out;
  }

  /** @returns An iterator over every item. */
  [Symbol.asyncIterator](): AsyncIterator<Item> {
    return this.items()[Symbol.asyncIterator]();
  }
}

const DONE: IteratorReturnResult<void> = Object.freeze({ value: undefined, done: true });

/**
 * The items of a page iteration, one by one, in order. An async generator would take several promises per
 * item (and `yield*` over a page several more); this hands out the items of the page at hand from its
 * array, one settled promise each, and asks for the next page only when the page is used up. It behaves
 * like the generator it replaces: calls to `next` are answered in order even when not awaited, the
 * page's error rejects the `next` that needed it, and `return` (a `break` out of `for await`) or `throw`
 * closes the page iteration.
 */
class ItemIterator<Item> implements AsyncGenerator<Item, void, undefined> {
  readonly #pages: AsyncGenerator<Page<unknown, Item>, void, undefined>;
  #items: readonly Item[] = [];
  #index = 0;
  #done = false;
  // The next page, while it is being fetched: later calls wait for it.
  #pending: Promise<IteratorResult<Item, void>> | undefined;

  constructor(pages: AsyncGenerator<Page<unknown, Item>, void, undefined>) {
    this.#pages = pages;
  }

  next(): Promise<IteratorResult<Item, void>> {
    const pending = this.#pending;
    if (pending !== undefined) return pending.then(() => this.next(), () => this.next());
    if (this.#index < this.#items.length) return Promise.resolve({ value: this.#items[this.#index++] as Item, done: false });
    if (this.#done) return Promise.resolve(DONE);
    const filled = this.#fill();
    this.#pending = filled;
    const settled = (): void => {
      if (this.#pending === filled) this.#pending = undefined;
    };
    filled.then(settled, settled);
    return filled;
  }

  return(): Promise<IteratorResult<Item, void>> {
    this.#finish();
    return this.#pages.return(undefined).then(() => DONE);
  }

  throw(error: unknown): Promise<IteratorResult<Item, void>> {
    this.#finish();
    return this.#pages.return(undefined).then(() => Promise.reject(error as Error));
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  #finish(): void {
    this.#done = true;
    this.#items = [];
    this.#index = 0;
  }

  // Fetches pages until one has items (or none is left) and hands out its first item.
  #fill(): Promise<IteratorResult<Item, void>> {
    return this.#pages.next().then((page): IteratorResult<Item, void> | Promise<IteratorResult<Item, void>> => {
      if (this.#done) return DONE;
      if (page.done === true) {
        this.#finish();
        return DONE;
      }
      this.#items = page.value.items;
      this.#index = 0;
      if (this.#items.length === 0) return this.#fill();
      return { value: this.#items[this.#index++] as Item, done: false };
    }, (error: unknown) => {
      this.#finish();
      throw error;
    });
  }
}

// `await using` on an item iteration closes it, as on the generator it replaces (where the runtime has it).
const asyncDispose = (Symbol as { readonly asyncDispose?: symbol }).asyncDispose;
if (asyncDispose !== undefined) {
  Object.defineProperty(ItemIterator.prototype, asyncDispose, {
    value(this: ItemIterator<unknown>): Promise<void> {
      return this.return().then(() => undefined);
    },
    configurable: true,
    writable: true,
  });
}
