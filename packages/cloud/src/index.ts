/**
 * Typed client for the Cortex Cloud API.
 *
 * @packageDocumentation
 */
export { CloudClient, type CloudClientOptions } from "./client.js";
export * from "./generated/client-base.js";
export { ApiKeyScopes, type ExpiringApiKey, type ApiKeyScope, type ApiKeyScopeMode, type ApiKeyTagScope } from "@cortex-sdk/workflows/api-keys";
export { AssetGroupTreeSearch, AssetTreeSearch, VulnerabilityFeed, type TreeSearchOptions, type TreeSort } from "@cortex-sdk/workflows/asset-search";
import type { ItemOf } from "@cortex-sdk/workflows/shared";
import type { CloudOperationShapes } from "@cortex-sdk/schemas-cloud";
export { CLOUD_CLIENT_VERSION } from "./version.js";
export type * from "@cortex-sdk/schemas-cloud";
export { andFilter, orFilter, searchCondition, tenantField, type SearchCondition, type SearchTree, type SearchType, type TenantField } from "@cortex-sdk/schemas-base";
export { CortexInvalidRequestError, CortexPaginationError, CortexReplyValidationError, isCortexError, type TenantOutcome, type TenantTarget } from "@cortex-sdk/core";

/** A vulnerability of the intelligence feed, as `vulnerabilities.list` yields it. */
export type CloudVulnerability = ItemOf<CloudOperationShapes, "uvem.get_vulnerabilities", "vulnerabilities">;
