/**
 * The Cortex Xpanse workflows: listings paged by page token, lookups by id within the per-call limits.
 * Import it from `@cortex-sdk/workflows/attack-surface` to load only the declarations this concern needs
 * (the package root loads every concern's).
 *
 * @module
 */
export { XpanseAlertWorkflows, XpanseAssetWorkflows, XpanseIncidentWorkflows, XpanseIpRanges, XpanseServices, XpanseTags, type XpanseAlertShapes, type XpanseAssetShapes, type XpanseIncidentShapes, type XpanseIpRangeShapes, type XpanseListOptions, type XpanseServiceShapes } from "./workflows.js";
