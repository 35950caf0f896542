/**
 * Path families. One emulator URL serves every product, so the first step of
 * every request is to work out which API surface its path belongs to and the
 * canonical path operations are registered under:
 *
 * - Cortex families (`/public_api/v1`, `/platform/iam/v1`, ...) keep their path;
 *   `/xsiam/public/v1/X` is an alias of `/public_api/v1/X`.
 * - XSOAR 8 serves XSOAR routes under `/xsoar/public/v1/X` and `/xsoar/X`;
 *   XSOAR 6 serves the same routes at the root (`/X`). All three map to the
 *   canonical XSOAR path `/X`.
 *
 * Trailing slashes and query strings are dropped here, once.
 */
import type { Deployment } from "@cortex-sdk/schemas-base/products";

/** The two API styles: Cortex gateway routes, and XSOAR's own routes. */
export type Surface = "cortex" | "xsoar";

/** A group of paths that a product either serves or does not. */
export type PathFamily =
  | "public_api_v1"
  | "public_api_v2"
  | "xql_library"
  | "appsec_v1"
  | "uvem_v1"
  | "uvm_public_v1"
  | "vulnerability_management_v1"
  | "netscan_v1"
  | "platform_iam_v1"
  | "platform_notifications_v1"
  | "platform_integration_v1"
  | "api_v1"
  | "api_v2"
  | "xsiam_public_v1"
  | "xsoar_public_v1"
  | "xsoar_web"
  | "xsoar6_root"
  /** The emulator's own administration routes (`/_emulator/v1`): no vendor has them. */
  | "emulator_v1";

interface FamilyRule {
  readonly family: PathFamily;
  readonly prefix: string;
  readonly surface: Surface;
  /** Builds the canonical path from the part after the prefix (starting with `/` or empty). */
  readonly canonical: (rest: string) => string;
}

const keep =
  (prefix: string) =>
  (rest: string): string =>
    prefix + rest;
const xsoarPath = (rest: string): string => (rest === "" ? "/" : rest);

// Longest prefixes first: `/xsoar/public/v1` before `/xsoar`.
const FAMILY_RULES: readonly FamilyRule[] = [
  { family: "vulnerability_management_v1", prefix: "/public_api/vulnerability-management/v1", surface: "cortex", canonical: keep("/public_api/vulnerability-management/v1") },
  { family: "uvm_public_v1", prefix: "/public_api/uvm_public/v1", surface: "cortex", canonical: keep("/public_api/uvm_public/v1") },
  { family: "xql_library", prefix: "/public_api/xql_library", surface: "cortex", canonical: keep("/public_api/xql_library") },
  { family: "netscan_v1", prefix: "/public_api/netscan/v1", surface: "cortex", canonical: keep("/public_api/netscan/v1") },
  { family: "appsec_v1", prefix: "/public_api/appsec/v1", surface: "cortex", canonical: keep("/public_api/appsec/v1") },
  { family: "uvem_v1", prefix: "/public_api/uvem/v1", surface: "cortex", canonical: keep("/public_api/uvem/v1") },
  { family: "public_api_v1", prefix: "/public_api/v1", surface: "cortex", canonical: keep("/public_api/v1") },
  { family: "public_api_v2", prefix: "/public_api/v2", surface: "cortex", canonical: keep("/public_api/v2") },
  { family: "platform_notifications_v1", prefix: "/platform/notifications/v1", surface: "cortex", canonical: keep("/platform/notifications/v1") },
  { family: "platform_integration_v1", prefix: "/platform/integration/v1", surface: "cortex", canonical: keep("/platform/integration/v1") },
  { family: "platform_iam_v1", prefix: "/platform/iam/v1", surface: "cortex", canonical: keep("/platform/iam/v1") },
  { family: "xsiam_public_v1", prefix: "/xsiam/public/v1", surface: "cortex", canonical: keep("/public_api/v1") },
  { family: "xsoar_public_v1", prefix: "/xsoar/public/v1", surface: "xsoar", canonical: xsoarPath },
  { family: "xsoar_web", prefix: "/xsoar", surface: "xsoar", canonical: xsoarPath },
  { family: "api_v1", prefix: "/api/v1", surface: "cortex", canonical: keep("/api/v1") },
  { family: "emulator_v1", prefix: "/_emulator/v1", surface: "cortex", canonical: keep("/_emulator/v1") },
  { family: "api_v2", prefix: "/api/v2", surface: "cortex", canonical: keep("/api/v2") },
];

/** Prefixes that only ever belong to Cortex gateways, even when the family after them is unknown. */
const CORTEX_ROOTS = ["/public_api/", "/platform/", "/xsiam/"];

/** A request path, classified. */
export interface ClassifiedPath {
  /** The path as sent, without the query string. */
  readonly raw: string;
  /** `raw` without trailing slashes (`/` stays `/`). */
  readonly normalized: string;
  /** The family, or `null` for an unknown family under a Cortex prefix (e.g. `/public_api/v9/x`). */
  readonly family: PathFamily | null;
  /** Which API style the path belongs to. */
  readonly surface: Surface;
  /** Path operations are registered under: Cortex paths as is (aliases resolved), XSOAR paths without prefix. */
  readonly canonical: string;
}

/** Splits a request target into path and query string. */
export function splitTarget(target: string): { readonly path: string; readonly query: string } {
  const queryStart = target.indexOf("?");
  return queryStart === -1
    ? { path: target, query: "" }
    : { path: target.slice(0, queryStart), query: target.slice(queryStart + 1) };
}

/** Drops trailing slashes: clients call both `.../get_incidents` and `.../get_incidents/`. */
export function stripTrailingSlash(path: string): string {
  let end = path.length;
  while (end > 1 && path.charCodeAt(end - 1) === 47 /* / */) end--;
  return end === path.length ? path : path.slice(0, end);
}

/** Classifies a path (query string already removed). */
export function classifyPath(raw: string): ClassifiedPath {
  const normalized = stripTrailingSlash(raw === "" ? "/" : raw);
  for (const rule of FAMILY_RULES) {
    if (normalized === rule.prefix || normalized.startsWith(`${rule.prefix}/`)) {
      const rest = normalized.slice(rule.prefix.length);
      return { raw, normalized, family: rule.family, surface: rule.surface, canonical: rule.canonical(rest) };
    }
  }
  if (CORTEX_ROOTS.some((root) => normalized.startsWith(root))) {
    return { raw, normalized, family: null, surface: "cortex", canonical: normalized };
  }
  return { raw, normalized, family: "xsoar6_root", surface: "xsoar", canonical: normalized };
}

const PUBLIC_API: readonly PathFamily[] = ["public_api_v1", "public_api_v2", "xql_library"];
const PLATFORM: readonly PathFamily[] = ["platform_iam_v1", "platform_notifications_v1", "platform_integration_v1"];
const XSOAR8: readonly PathFamily[] = ["xsoar_public_v1", "xsoar_web"];

/**
 * The families each product serves by default (override per tenant with
 * `TenantSpec.families`). XSIAM and Cortex Cloud also serve XSOAR-shaped
 * routes under `/xsoar/...` (reference: xsoar-xpanse-cloud-api §2.1), and
 * XSOAR 8 serves the platform's key management (§2.2).
 */
export const PRODUCT_FAMILIES: Readonly<Record<Deployment, readonly PathFamily[]>> = {
  xdr: PUBLIC_API,
  // XSIAM 3.x specs also describe the Cortex Cloud families (appsec, uvem, policies under /api).
  xsiam: [...PUBLIC_API, "xsiam_public_v1", "appsec_v1", "uvem_v1", "uvm_public_v1", "vulnerability_management_v1", "netscan_v1", ...PLATFORM, "api_v1", "api_v2", ...XSOAR8, "emulator_v1"],
  xsoar6: ["xsoar6_root"],
  xsoar8: ["public_api_v1", "platform_iam_v1", ...XSOAR8],
  xpanse: ["public_api_v1", "public_api_v2"],
  cloud: [
    ...PUBLIC_API,
    "appsec_v1",
    "uvem_v1",
    "uvm_public_v1",
    "vulnerability_management_v1",
    "netscan_v1",
    ...PLATFORM,
    "api_v1",
    "api_v2",
    "xsoar_public_v1",
    "emulator_v1",
  ],
};
