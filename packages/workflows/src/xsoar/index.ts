/**
 * XSOAR incidents, war room entries and lists. Import it from `@cortex-sdk/workflows/xsoar` to load only the
 * declarations this concern needs (the package root loads every concern's).
 *
 * @module
 */
export { XSOAR_EXTRA_OPERATIONS, XsoarEntries, XsoarIncidentWorkflows, XsoarLists, type IncidentCreateFields, type IncidentQueryOptions, type XsoarIncidentShapes, type XsoarAbout, type XsoarEntry, type XsoarEntryShapes, type XsoarExtraShapes, type XsoarIncident, type XsoarList, type XsoarListShapes } from "./workflows.js";
