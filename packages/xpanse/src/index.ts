/**
 * Typed client for the Cortex Xpanse API.
 *
 * @packageDocumentation
 */
export { XpanseClient, type XpanseClientOptions } from "./client.js";
export * from "./generated/client-base.js";
export { XpanseAlertWorkflows, XpanseAssetWorkflows, XpanseIncidentWorkflows, XpanseIpRanges, XpanseServices, XpanseTags, type XpanseListOptions } from "@cortex-sdk/workflows/attack-surface";
import type { ItemOf } from "@cortex-sdk/workflows/shared";
import type { XpanseOperationShapes } from "@cortex-sdk/schemas-xpanse";
export { XPANSE_CLIENT_VERSION } from "./version.js";
export type * from "@cortex-sdk/schemas-xpanse";
export { CortexInvalidRequestError, CortexPaginationError, CortexReplyValidationError, isCortexError, type TenantOutcome, type TenantTarget } from "@cortex-sdk/core";

/** An internet-exposure asset as `assets.list` yields it. */
export type XpanseAsset = ItemOf<XpanseOperationShapes, "assets.get_assets_internet_exposure", "assets_internet_exposure">;
/** An external service as `services.list` yields it. */
export type XpanseService = ItemOf<XpanseOperationShapes, "assets.get_external_services", "external_services">;
/** An external IP address range as `ipRanges.list` yields it. */
export type XpanseIpRange = ItemOf<XpanseOperationShapes, "assets.get_external_ip_address_ranges", "external_ip_address_ranges">;
