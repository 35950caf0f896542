/**
 * Alert and incident updates of any size, within the per-call limits. Import it from `@cortex-
 * sdk/workflows/bulk-updates` to load only the declarations this concern needs (the package root loads every
 * concern's).
 *
 * @module
 */
export { LOOKUP_ROWS_PER_CALL, MAX_ALERT_IDS_PER_UPDATE, removeLookupRows, updateAlertsInBatches, updateIncidentsOneByOne, upsertLookupRows, type BatchOutcome, type BulkOptions, type BulkResult, type IncidentUpdate, type LookupRemoveOptions, type LookupRemoveResult, type LookupUpsertOptions, type LookupUpsertResult, type LookupWriteShapes } from "./batches.js";
export { AlertBulkUpdates, ALERTS_TOTAL_CAP, IncidentBulkUpdates, type AlertUpdateShapes, type IncidentUpdateShapes, type UpdateDataOf } from "./namespace.js";
