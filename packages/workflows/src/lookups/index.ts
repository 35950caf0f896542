/**
 * Lookup datasets (XDR, XSIAM): rows upserted and removed within the per-call limits. Import it from
 * `@cortex-sdk/workflows/lookups` to load only the declarations this concern needs (the package root loads
 * every concern's).
 *
 * @module
 */
export { LookupDatasets, type LookupShapes } from "./namespace.js";
