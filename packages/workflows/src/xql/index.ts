/**
 * XQL queries (XDR, XSIAM): start a query within the tenant's query slots, poll it and read its rows. Import
 * it from `@cortex-sdk/workflows/xql` to load only the declarations this concern needs (the package root
 * loads every concern's).
 *
 * @module
 */
export { runXqlQuery, XqlQuery, type XqlQueryInfo, type XqlQueryOptions, type XqlResult, type XqlTimeframe } from "./run.js";
export { XqlQueries } from "./namespace.js";
