/**
 * Pagination variants the operation table alone does not give: paging with a corrected entry (for
 * example a total the service caps at 9,999 that the table does not mark), and page-token paging that
 * starts over when a token expires, skipping the items already yielded.
 *
 * @module
 */
import { createHash } from "node:crypto";
import type { OperationEntry, Pagination } from "@cortex-sdk/schemas-base";
import type { WithResponse } from "./api-promise.js";
import type { CortexClient, ListOptions } from "./client.js";
import { CortexAuthenticationError, CortexBadRequestError, CortexPaginationError, isCortexError } from "./errors.js";
import { paginatePages, PagePromise, type Page, type PageCursor, type PaginateOptions } from "./pagination.js";

/**
 * Pages an operation with a pagination description of your own instead of the table's (the request still
 * goes to `entry.id`).
 *
 * @param client - The client.
 * @param entry - The operation with the pagination to use, e.g. `{ ...entry, pagination: { ...entry.pagination, totalCap: 9999 } }`.
 * @param body - The first page's request.
 * @param options - Call options plus limit, page size and cursor.
 * @returns A {@link PagePromise}.
 */
export function paginateWithEntry<Reply, Item>(client: CortexClient, entry: OperationEntry, body: unknown, options: ListOptions = {}): PagePromise<Reply, Item> {
  const { limit, pageSize, cursor, ...call } = options;
  const fetchPage = (pageBody: unknown): Promise<WithResponse<Reply>> => client.request<Reply>(entry.id, pageBody, call).withResponse();
  const paging: PaginateOptions = { ...(limit === undefined ? {} : { limit }), ...(pageSize === undefined ? {} : { pageSize }), ...(cursor === undefined ? {} : { cursor }) };
  return new PagePromise<Reply, Item>(
    () => fetchPage(body),
    (pageOptions) => paginatePages<Reply, Item>(entry, body, fetchPage, { ...paging, ...pageOptions }),
  );
}

/**
 * The entry with a total cap set: paging continues past a total equal to the cap until a short page.
 *
 * @param entry - An offset-paged operation.
 * @param totalCap - Where the service caps the total, e.g. 9,999.
 * @returns The entry, changed only when it is offset-paged and has no cap yet.
 */
export function withTotalCap(entry: OperationEntry, totalCap: number): OperationEntry {
  if (entry.pagination.kind !== "offset" || entry.pagination.totalCap !== undefined) return entry;
  return { ...entry, pagination: { ...entry.pagination, totalCap } };
}

/**
 * The entry paged by page token (`use_page_token`, then `next_page_token`) when the operation accepts
 * one (`pageToken: true` on an offset-paged entry).
 *
 * @param entry - The operation.
 * @returns The entry with `page_token` pagination, or the entry unchanged.
 */
export function withPageTokens(entry: OperationEntry): OperationEntry {
  const paging = entry.pagination;
  if (paging.kind !== "offset" || paging.pageToken !== true) return entry;
  const tokenPaging: Pagination = {
    kind: "page_token",
    itemsField: paging.itemsField,
    maxPageSize: paging.maxPageSize,
    ...(paging.totalField === undefined ? {} : { totalField: paging.totalField }),
    ...(paging.idField === undefined ? {} : { idField: paging.idField }),
  };
  return { ...entry, pagination: tokenPaging };
}

/** Options of {@link paginateRestarting}. */
export interface RestartingListOptions extends ListOptions {
  /** How often to start over after an expired token before giving up (default 2). */
  readonly maxRestarts?: number;
}

/**
 * Page-token paging that survives expired tokens: when a page after the first is refused as
 * unauthenticated (401) or as a bad token (400 mentioning the token), iteration starts over from the
 * first page and skips every item already yielded (by the entry's id field, else by content), at most
 * `maxRestarts` times. A 401 on the first page is a real authentication error and is thrown as is.
 *
 * @param client - The client.
 * @param entry - A `page_token` entry (see {@link withPageTokens}).
 * @param body - The first page's request.
 * @param options - Call options, limit, page size, cursor and `maxRestarts`.
 * @returns A {@link PagePromise}.
 * @throws {@link CortexPaginationError} after `maxRestarts` restarts.
 */
export function paginateRestarting<Reply, Item>(client: CortexClient, entry: OperationEntry, body: unknown, options: RestartingListOptions = {}): PagePromise<Reply, Item> {
  const { limit, pageSize, cursor, maxRestarts = 2, ...call } = options;
  const fetchPage = (pageBody: unknown): Promise<WithResponse<Reply>> => client.request<Reply>(entry.id, pageBody, call).withResponse();
  const idField = entry.pagination.kind === "none" ? undefined : entry.pagination.idField;
  const paging: PaginateOptions = { ...(limit === undefined ? {} : { limit }), ...(pageSize === undefined ? {} : { pageSize }), ...(cursor === undefined ? {} : { cursor }) };
  async function* pages(pageOptions: PaginateOptions = {}): AsyncGenerator<Page<Reply, Item>, void, undefined> {
    const merged = { ...paging, ...pageOptions };
    const seen = new Set<string>();
    let remaining = merged.limit ?? Number.POSITIVE_INFINITY;
    let startCursor: PageCursor | string | undefined = merged.cursor;
    for (let restarts = 0; ; restarts++) {
      let pagesThisRound = 0;
      try {
        const round = paginatePages<Reply, Item>(entry, body, fetchPage, { ...(merged.pageSize === undefined ? {} : { pageSize: merged.pageSize }), ...(startCursor === undefined ? {} : { cursor: startCursor }) });
        for await (const page of round) {
          pagesThisRound += 1;
          const fresh: Item[] = [];
          for (const item of page.items) {
            const key = keyOf(item, idField);
            if (seen.has(key)) continue;
            seen.add(key);
            fresh.push(item);
            if (fresh.length >= remaining) break;
          }
          remaining -= fresh.length;
          yield { ...page, items: fresh };
          if (remaining <= 0) return;
        }
        return;
      } catch (error) {
        const usedToken = pagesThisRound > 0 || startCursor !== undefined;
        if (!usedToken || !tokenExpired(error)) throw error;
        if (restarts >= maxRestarts) {
          throw new CortexPaginationError("pagination", `${entry.id}: the page token expired ${restarts + 1} times; gave up after ${maxRestarts} restarts. Page with smaller filters or raise maxRestarts.`, { operationId: entry.id, cause: error });
        }
        startCursor = undefined;
      }
    }
  }
  return new PagePromise<Reply, Item>(() => fetchPage(body), pages);
}

function tokenExpired(error: unknown): boolean {
  if (!isCortexError(error)) return false;
  if (error instanceof CortexAuthenticationError) return true;
  return error instanceof CortexBadRequestError && /token/i.test(`${error.message} ${JSON.stringify(error.detail ?? "")}`);
}

function keyOf(item: unknown, idField: string | undefined): string {
  if (idField !== undefined && item !== null && typeof item === "object") {
    const id = (item as Record<string, unknown>)[idField];
    if (typeof id === "string" || typeof id === "number") return `id:${id}`;
  }
  return `sha1:${createHash("sha1").update(JSON.stringify(item) ?? "").digest("base64")}`;
}
