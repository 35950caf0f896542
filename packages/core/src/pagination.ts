/**
 * Pagination: async generators over pages and items for every paging kind in the operation table.
 * They rewrite the request body for the next page, stop on a short page (so a capped total such as
 * alerts' 9,999 does not end paging early), de-duplicate items at page boundaries and refuse to loop.
 *
 * @module
 */
import type { OperationEntry, Pagination } from "@cortex-sdk/schemas";
import { ApiPromise, type WithResponse } from "./api-promise.js";
import { CortexPaginationError } from "./errors.js";

/** One page and where it sits. */
export interface Page<Reply, Item> {
  /** The reply of this page. */
  readonly reply: Reply;
  /** The items of this page after boundary de-duplication. */
  readonly items: readonly Item[];
  /** Zero-based index of this page. */
  readonly index: number;
  /** A cursor that resumes after this page (pass it as `cursor` to the same list call). */
  readonly cursor: PageCursor | undefined;
}

/** Serialisable position to resume paging from. */
export interface PageCursor {
  /** Operation the cursor belongs to. */
  readonly operationId: string;
  /** Offset of the next page (offset paging). */
  readonly offset?: number;
}

/** Options of a paginated call. */
export interface PaginateOptions {
  /** Largest number of items to yield in total. */
  readonly limit?: number;
  /** Page size (capped at the operation's maximum). */
  readonly pageSize?: number;
  /** Resume from a cursor of an earlier run. */
  readonly cursor?: PageCursor;
}

/** Fetches one page: the same operation with a rewritten body. */
export type FetchPage<Reply> = (body: unknown) => Promise<WithResponse<Reply>>;

/**
 * Iterates pages of an operation.
 *
 * @param operation - The operation; its `pagination` decides how bodies are rewritten.
 * @param body - The caller's request body (its offsets give the start and page size).
 * @param fetchPage - Sends one page request.
 * @param options - Limit, page size, cursor.
 * @returns An async generator of pages.
 * @throws {@link CortexPaginationError} when the service repeats a page.
 */
export async function* paginatePages<Reply, Item>(
  operation: OperationEntry,
  body: unknown,
  fetchPage: FetchPage<Reply>,
  options: PaginateOptions = {},
): AsyncGenerator<Page<Reply, Item>, void, undefined> {
  const paging = operation.pagination;
  if (paging.kind !== "offset") {
    // Unpaged (and, for now, other kinds): one request is the whole answer.
    const { data } = await fetchPage(body);
    yield { reply: data, items: itemsOf<Item>(data, paging), index: 0, cursor: undefined };
    return;
  }
  const base = (body ?? {}) as Record<string, unknown>;
  const start = options.cursor?.offset ?? numberOr(base["search_from"], 0);
  const requestedSize = options.pageSize ?? (typeof base["search_to"] === "number" ? (base["search_to"] as number) - start : paging.maxPageSize);
  const pageSize = Math.max(1, Math.min(paging.maxPageSize, requestedSize));
  let remaining = options.limit ?? Number.POSITIVE_INFINITY;
  let offset = start;
  let previousIds = new Set<string>();
  let previousSignature: string | undefined;
  for (let index = 0; remaining > 0; index++) {
    const { data } = await fetchPage({ ...base, search_from: offset, search_to: offset + pageSize });
    const all = itemsOf<Item>(data, paging);
    const ids = all.map((item) => idOf(item, paging.idField));
    const signature = ids.every((id) => id !== undefined) && ids.length > 0 ? ids.join("\u0000") : undefined;
    if (signature !== undefined && signature === previousSignature) {
      throw new CortexPaginationError("pagination", `${operation.id}: the service returned the same page twice at offset ${offset}; stopping so no item is repeated.`, { operationId: operation.id });
    }
    const fresh = all.filter((_, position) => {
      const id = ids[position];
      return id === undefined || !previousIds.has(id);
    });
    const items = fresh.slice(0, remaining);
    remaining -= items.length;
    offset += all.length;
    const total = numberOr(fieldOf(data, paging.totalField), Number.NaN);
    const totalIsExact = Number.isFinite(total) && (paging.totalCap === undefined || total < paging.totalCap);
    const done = all.length < pageSize || (totalIsExact && offset >= total);
    yield { reply: data, items, index, cursor: done ? undefined : { operationId: operation.id, offset } };
    if (done) return;
    previousIds = new Set(ids.filter((id): id is string => id !== undefined));
    previousSignature = signature;
  }
}

function itemsOf<Item>(reply: unknown, paging: Pagination): Item[] {
  if (paging.kind === "none") return Array.isArray(reply) ? (reply as Item[]) : [];
  const items = fieldOf(reply, paging.itemsField) ?? fieldOf(reply, paging.itemsField.toUpperCase()) ?? fieldOf(reply, paging.itemsField.toLowerCase());
  return Array.isArray(items) ? (items as Item[]) : [];
}

function fieldOf(value: unknown, field: string | undefined): unknown {
  if (field === undefined || value === null || typeof value !== "object") return undefined;
  const record = value as Record<string, unknown>;
  return record[field] ?? record[field.toUpperCase()] ?? record[field.toLowerCase()];
}

function idOf(item: unknown, idField: string | undefined): string | undefined {
  const id = fieldOf(item, idField);
  return typeof id === "string" || typeof id === "number" ? String(id) : undefined;
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
  async *items(options?: PaginateOptions): AsyncGenerator<Item, void, undefined> {
    for await (const page of this.#pages(options)) yield* page.items;
  }

  /**
   * Collects items into an array. A limit is required so a large tenant cannot exhaust memory by accident.
   *
   * @param options - `limit` is required.
   * @returns Up to `limit` items.
   */
  async collect(options: PaginateOptions & { readonly limit: number }): Promise<Item[]> {
    const out: Item[] = [];
    for await (const item of this.items(options)) out.push(item);
    return out;
  }

  /** @returns An iterator over every item. */
  [Symbol.asyncIterator](): AsyncIterator<Item> {
    return this.items()[Symbol.asyncIterator]();
  }
}
