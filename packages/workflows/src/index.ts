/**
 * The product workflows of the Cortex SDK, one folder per concern, typed through the operation ids:
 * XQL queries to rows, response actions and script runs that wait for their outcome, bulk updates and
 * lookup datasets within the per-call limits, API keys with checked requests, XSOAR incidents, war room
 * and lists, Xpanse token paging, and Cortex Cloud tree searches. The product clients' namespaces extend
 * these classes (see each client's manifest); every piece is also usable on its own with any client.
 *
 * @packageDocumentation
 */
export { runXqlQuery, XqlQuery, type XqlQueryInfo, type XqlQueryOptions, type XqlResult, type XqlTimeframe } from "./xql/run.js";
export { XqlQueries } from "./xql/namespace.js";
export { actionIdOf, DOWNLOAD_OPERATION, downloadLink, PENDING_ACTION_STATUSES, RESPONSE_ACTION_OPERATIONS, splitWaitOptions, SUCCESSFUL_ACTION_STATUSES, waitForAction, waitForScript, type ActionResult, type AndWaitOptions, type ScriptRunResult, type WaitForActionOptions } from "./response-actions/wait.js";
export { EndpointResponseActions, type ActionOutcome, type EndpointActionShapes, type FileRetrievalOutcome } from "./response-actions/endpoints.js";
export { ScriptRuns, type ScriptOutcome, type ScriptRunShapes } from "./response-actions/scripts.js";
export { ActionTracking } from "./response-actions/actions.js";
export { LOOKUP_ROWS_PER_CALL, MAX_ALERT_IDS_PER_UPDATE, removeLookupRows, updateAlertsInBatches, updateIncidentsOneByOne, upsertLookupRows, type BatchOutcome, type BulkOptions, type BulkResult, type IncidentUpdate, type LookupRemoveOptions, type LookupRemoveResult, type LookupUpsertOptions, type LookupUpsertResult, type LookupWriteShapes } from "./bulk-updates/batches.js";
export { AlertBulkUpdates, ALERTS_TOTAL_CAP, IncidentBulkUpdates, type AlertUpdateShapes, type IncidentUpdateShapes, type UpdateDataOf } from "./bulk-updates/namespace.js";
export { LookupDatasets, type LookupShapes } from "./lookups/namespace.js";
export { API_KEY_DEFAULT_LIFETIME_MS, apiKeysOf, checkedCall, checkedList, expiringApiKeys, generateApiKeyRequest, listApiKeysRequest, maxApiKeyExpiration, ONE_DAY_MS, ONE_WEEK_MS, type ApiKeyFilter, type ApiKeyFilterField, type ApiKeyFilterOperator, type ApiKeyRecord, type ExpiringApiKey, type ExpiringKeysOptions, type ExpiryMark, type GenerateApiKeyInput, type GenerateApiKeyRequestBody, type ListApiKeysInput } from "./api-keys/requests.js";
export { ApiKeyManagement, ApiKeyScopes, type ApiKeyScopeShapes, type ApiKeyShapes } from "./api-keys/namespace.js";
export { API_KEY_SCOPE_DOMAINS, checkApiKeyScope, EMULATOR_SCOPE_OPERATIONS, XSIAM_EXTRA_OPERATIONS, type ApiKeyScope, type ApiKeyScopeMode, type ApiKeyTagScope } from "./api-keys/scopes.js";
export { XSOAR_EXTRA_OPERATIONS, XsoarEntries, XsoarIncidentWorkflows, XsoarLists, type IncidentQueryOptions, type XsoarIncidentShapes, type XsoarAbout, type XsoarEntry, type XsoarEntryShapes, type XsoarExtraShapes, type XsoarIncident, type XsoarList, type XsoarListShapes } from "./xsoar/workflows.js";
export { XpanseAlertWorkflows, XpanseAssetWorkflows, XpanseIncidentWorkflows, XpanseIpRanges, XpanseServices, XpanseTags, type XpanseAlertShapes, type XpanseAssetShapes, type XpanseIncidentShapes, type XpanseIpRangeShapes, type XpanseListOptions, type XpanseServiceShapes } from "./attack-surface/workflows.js";
export { AssetGroupTreeSearch, AssetTreeSearch, VulnerabilityFeed, type AssetGroupShapes, type AssetSearchShapes, type TreeSearchOptions, type TreeSort, type VulnerabilityShapes } from "./asset-search/workflows.js";
export type { ItemOf, OperationShape, ReplyIn, RequestIn, ShapedClient, ShapeOf, ShapesWith } from "./shared/types.js";
export { TenantHealth, type HealthShapes } from "./health/namespace.js";
