/**
 * The product workflows of the Cortex SDK, one folder per concern, typed through the operation ids:
 * XQL queries to rows, response actions and script runs that wait for their outcome, bulk updates and
 * lookup datasets within the per-call limits, API keys with checked requests, XSOAR incidents, war room
 * and lists, Xpanse token paging, and Cortex Cloud tree searches. The product clients' namespaces extend
 * these classes (see each client's manifest); every piece is also usable on its own with any client.
 *
 * @packageDocumentation
 */
export * from "./xql/index.js";
export * from "./response-actions/index.js";
export * from "./bulk-updates/index.js";
export * from "./lookups/index.js";
export * from "./api-keys/index.js";
export * from "./xsoar/index.js";
export * from "./attack-surface/index.js";
export * from "./asset-search/index.js";
export * from "./shared/index.js";
export * from "./health/index.js";
