/**
 * Scope-based access control (SBAC) for Cortex Cloud and XSIAM keys
 * (reference: xsoar-xpanse-cloud-api §4.8). A key's scope is stored and served
 * by `GET|PUT /platform/iam/v1/scope/api-key/{id}`; operations that return
 * scoped data call {@link scopeAllows} / {@link datasetRowFilter} to filter what
 * a key may see. A key without a scope sees everything.
 */

/** Scope modes: `no_scope` (nothing), `see_all`, `scope` (only the listed), `any` (anything tagged; endpoints only). */
export type ScopeMode = "no_scope" | "see_all" | "scope" | "any";

/** A tag as the scope API returns it, e.g. `{tag_id: "DOM:4", tag_name: "Health"}`. */
export interface ScopeTag {
  /** Tag id such as `"EG:1"` or `"DOM:4"`. */
  readonly tag_id: string;
  /** Display name. */
  readonly tag_name: string;
}

/** One tag-based scope dimension. */
export interface TagScope {
  /** How the tags apply. */
  readonly mode: ScopeMode;
  /** The tags, for mode `scope`. */
  readonly tags: readonly ScopeTag[];
}

/** A key's scope, in the shape `GET /platform/iam/v1/scope/api-key/{id}` returns in `data`. */
export interface ApiKeyScope {
  /** Which asset groups the key sees. */
  readonly assets: {
    readonly mode: ScopeMode;
    readonly asset_groups: readonly { readonly asset_group_id: number; readonly asset_group_name: string }[];
  };
  /** Row filters on datasets. */
  readonly datasets_rows: {
    readonly default_filter_mode: "no_scope" | "see_all";
    readonly filters: readonly { readonly dataset: string; readonly filter: string }[];
  };
  /** Which endpoints the key sees, by endpoint group and by endpoint tag. */
  readonly endpoints: { readonly endpoint_groups: TagScope; readonly endpoint_tags: TagScope };
  /** Which cases and issues the key sees, by domain tag. */
  readonly cases_issues: TagScope;
}

/** The scope of a key that has none set: everything visible. */
export const UNRESTRICTED_SCOPE: ApiKeyScope = {
  assets: { mode: "see_all", asset_groups: [] },
  datasets_rows: { default_filter_mode: "see_all", filters: [] },
  endpoints: { endpoint_groups: { mode: "see_all", tags: [] }, endpoint_tags: { mode: "see_all", tags: [] } },
  cases_issues: { mode: "see_all", tags: [] },
};

/** Something scoped data is made of, for {@link scopeAllows}. */
export type ScopeSubject =
  /** A case or issue, by its domain name (e.g. `"Security"`). */
  | { readonly kind: "cases_issues"; readonly domain: string }
  /** An endpoint, by the names of its endpoint groups and tags. */
  | { readonly kind: "endpoints"; readonly groups: readonly string[]; readonly tags: readonly string[] }
  /** An asset, by the ids of the asset groups it belongs to. */
  | { readonly kind: "assets"; readonly groupIds: readonly number[] };

function tagAllows(scope: TagScope, names: readonly string[]): boolean {
  switch (scope.mode) {
    case "see_all":
      return true;
    case "no_scope":
      return false;
    case "any":
      return names.length > 0;
    case "scope":
      return names.some((name) => scope.tags.some((tag) => tag.tag_name === name));
  }
}

/**
 * Whether a key with `scope` may see `subject`. `null` (no scope set) sees
 * everything. Endpoints are visible when either their groups or their tags are
 * in scope (the vendor's combination rule is not documented).
 */
export function scopeAllows(scope: ApiKeyScope | null, subject: ScopeSubject): boolean {
  if (scope === null) return true;
  switch (subject.kind) {
    case "cases_issues":
      return tagAllows(scope.cases_issues, [subject.domain]);
    case "endpoints":
      return (
        tagAllows(scope.endpoints.endpoint_groups, subject.groups) || tagAllows(scope.endpoints.endpoint_tags, subject.tags)
      );
    case "assets": {
      const { mode, asset_groups } = scope.assets;
      if (mode === "see_all") return true;
      if (mode === "no_scope") return false;
      if (mode === "any") return subject.groupIds.length > 0;
      return subject.groupIds.some((id) => asset_groups.some((group) => group.asset_group_id === id));
    }
  }
}

/**
 * The row filter a key's scope puts on a dataset: `"all"`, `"none"`, or the XQL
 * filter text configured for that dataset.
 */
export function datasetRowFilter(scope: ApiKeyScope | null, dataset: string): "all" | "none" | { readonly xql: string } {
  if (scope === null) return "all";
  const match = scope.datasets_rows.filters.find((entry) => entry.dataset === dataset);
  if (match !== undefined) return { xql: match.filter };
  return scope.datasets_rows.default_filter_mode === "see_all" ? "all" : "none";
}
