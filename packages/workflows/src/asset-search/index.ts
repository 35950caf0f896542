/**
 * The Cortex Cloud workflows: asset and asset group searches with the AND/OR filter tree, vulnerabilities
 * paged by token. Import it from `@cortex-sdk/workflows/asset-search` to load only the declarations this
 * concern needs (the package root loads every concern's).
 *
 * @module
 */
export { AssetGroupTreeSearch, AssetTreeSearch, VulnerabilityFeed, type AssetGroupShapes, type AssetSearchShapes, type ConditionIn, type MembershipIn, type TreeIn, type TreeSearchOptions, type TreeSort, type VulnerabilityShapes } from "./workflows.js";
