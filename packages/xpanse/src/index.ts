/**
 * Typed client for the Cortex Xpanse API.
 *
 * @packageDocumentation
 */
export { XpanseClient, type XpanseClientOptions } from "./client.js";
export * from "./generated/client-base.js";
export { XpanseAlertWorkflows, XpanseAssetWorkflows, XpanseIncidentWorkflows, XpanseIpRanges, XpanseServices, XpanseTags, type XpanseAsset, type XpanseIpRange, type XpanseListOptions, type XpanseService } from "@cortex-sdk/workflows";
export { XPANSE_CLIENT_VERSION } from "./version.js";
export type * from "@cortex-sdk/schemas/xpanse";
export { CortexInvalidRequestError, CortexPaginationError, CortexReplyValidationError, isCortexError, type TenantOutcome, type TenantTarget } from "@cortex-sdk/core";
