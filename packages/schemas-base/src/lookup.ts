/**
 * Lookups over a list of operation entries, shared by the root entry and the product subpaths.
 *
 * @module
 */
import type { HttpMethod, OperationEntry } from "./operation.js";

/**
 * Normalises a path for lookups: strips the query string and any trailing slash.
 *
 * @param path - A request path such as `/public_api/v1/incidents/get_incidents/`.
 * @returns The path without query string or trailing slash.
 */
export function normalizePath(path: string): string {
  const withoutQuery = path.split("?", 1)[0] ?? "";
  const trimmed = withoutQuery.replace(/\/+$/, "");
  return trimmed === "" ? "/" : trimmed;
}

/** Finds operations in one list by method and path, or by id. */
export interface OperationLookup {
  /** Finds the entry served at a method and path (the path is compared without a trailing slash). */
  readonly byRoute: (method: HttpMethod | (string & {}), path: string) => OperationEntry | undefined;
  /** Finds the entry with an id. */
  readonly byId: (id: string) => OperationEntry | undefined;
}

/**
 * Builds the lookups of an entry list. Paths with parameters (`/assets/{id}`) also match concrete
 * paths (`/assets/abc`).
 *
 * @param entries - The operation entries.
 * @returns The lookups.
 */
export function createLookup(entries: readonly OperationEntry[]): OperationLookup {
  let byIdMap: Map<string, OperationEntry> | undefined;
  let byRouteMap: Map<string, OperationEntry> | undefined;
  let templated: { method: string; pattern: RegExp; entry: OperationEntry }[] | undefined;
  const build = (): void => {
    byIdMap = new Map(entries.map((entry) => [entry.id, entry]));
    byRouteMap = new Map(entries.map((entry) => [`${entry.method} ${normalizePath(entry.path)}`, entry]));
    templated = entries
      .filter((entry) => entry.path.includes("{"))
      .map((entry) => ({
        method: entry.method,
        pattern: new RegExp(`^${entry.path.split(/\{[^}]+\}/).map(escapeRegExp).join("[^/]+")}$`),
        entry,
      }));
  };
  return {
    byId(id) {
      if (byIdMap === undefined) build();
      return byIdMap!.get(id);
    },
    byRoute(method, path) {
      if (byRouteMap === undefined) build();
      const upper = method.toUpperCase();
      const normalized = normalizePath(path);
      return byRouteMap!.get(`${upper} ${normalized}`) ?? templated!.find((t) => t.method === upper && t.pattern.test(normalized))?.entry;
    },
  };
}

/** Escapes the characters a regular expression gives meaning to, so the text matches itself. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
