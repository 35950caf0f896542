/**
 * Typed client for the Cortex XSOAR (6 and 8) API.
 *
 * @packageDocumentation
 */
export { XsoarClient, type Xsoar8Client, type Xsoar8IncidentCreateFields, type Xsoar8IncidentRequest, type Xsoar8IncidentsNamespace, type XsoarClientOptions, type XsoarClientVersion, type XsoarIncidentsFor } from "./client.js";
export * from "./generated/client-base.js";
export { ApiKeyManagement, type ExpiringApiKey } from "@cortex-sdk/workflows/api-keys";
export { XSOAR_EXTRA_OPERATIONS, XsoarEntries, XsoarIncidentWorkflows, XsoarLists, type IncidentCreateFields, type IncidentQueryOptions, type XsoarAbout, type XsoarEntry, type XsoarIncident, type XsoarList } from "@cortex-sdk/workflows/xsoar";
export { XSOAR_CLIENT_VERSION } from "./version.js";
export type * from "@cortex-sdk/schemas-xsoar";
export { CortexConflictError, CortexInvalidRequestError, CortexReplyValidationError, isCortexError, type TenantOutcome, type TenantTarget } from "@cortex-sdk/core";
