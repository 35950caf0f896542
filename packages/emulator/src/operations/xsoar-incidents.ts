/**
 * XSOAR incidents with state (reference xsoar-xpanse-cloud §2.3–2.7): search
 * with `filter.query` and page/size, create and update with optimistic
 * locking, batch close and batch update. Served at the XSOAR 6 root and under
 * `/xsoar/public/v1` and `/xsoar` on XSOAR 8.
 */
import type { OperationResult } from "../generic.js";
import { isJsonObject, type JsonObject } from "../query.js";
import type { Operation, OperationContext } from "../router.js";
import {
  XSOAR_DATA,
  XSOAR_SEVERITY,
  XSOAR_STATUS,
  XSOAR_ZERO_TIME,
  isoTime,
  type XsoarData,
  type XsoarIncident,
} from "../state/xsoar/model.js";
import { compileXsoarQuery, type QuerySchema, type QueryValue } from "../state/xsoar/query.js";
import {
  actingUser,
  bodyObject,
  checkVersion,
  compileXsoarSort,
  optionalNumbers,
  optionalString,
  optionalStrings,
  xsoarBadRequest,
  xsoarNotFound,
  xsoarPage,
} from "./xsoar-common.js";
import { servedBy } from "./served.js";

const STATUS_NAMES: Readonly<Record<string, number>> = {
  pending: XSOAR_STATUS.pending,
  new: XSOAR_STATUS.pending,
  active: XSOAR_STATUS.active,
  done: XSOAR_STATUS.done,
  closed: XSOAR_STATUS.done,
  archive: XSOAR_STATUS.archive,
};

const SEVERITY_NAMES: Readonly<Record<string, number>> = XSOAR_SEVERITY;

const TOP_FIELDS: ReadonlySet<string> = new Set([
  "id",
  "name",
  "type",
  "owner",
  "details",
  "created",
  "occurred",
  "modified",
  "closed",
  "closereason",
  "closenotes",
  "closinguserid",
  "playbookid",
  "runstatus",
  "phase",
  "sourcebrand",
  "sourceinstance",
  "investigationid",
  "parent",
  "duedate",
]);

function incidentField(incident: XsoarIncident, field: string): readonly QueryValue[] | undefined {
  switch (field) {
    case "status":
      return [incident.status];
    case "severity":
      return [incident.severity];
    case "version":
      return [incident.version];
    case "label":
    case "labels":
      return incident.labels.map((label) => label.value);
    default:
      break;
  }
  if (TOP_FIELDS.has(field)) {
    const key = (Object.keys(incident) as (keyof XsoarIncident)[]).find((name) => name.toLowerCase() === field);
    const value = key === undefined ? undefined : incident[key];
    return typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? [value] : undefined;
  }
  // Custom fields by their lower-case CLI name (reference §2.5).
  const custom = incident.CustomFields[field];
  if (typeof custom === "string" || typeof custom === "number" || typeof custom === "boolean") return [custom];
  if (Array.isArray(custom)) return custom.filter((item): item is QueryValue => ["string", "number", "boolean"].includes(typeof item));
  return undefined;
}

/** How `filter.query` reads incidents. */
export const INCIDENT_QUERY: QuerySchema<XsoarIncident> = {
  field: incidentField,
  alias: (field, value) => {
    const lower = value.toLowerCase();
    if (field === "status" && lower in STATUS_NAMES) return STATUS_NAMES[lower] ?? value;
    if (field === "severity" && lower in SEVERITY_NAMES) return SEVERITY_NAMES[lower] ?? value;
    return value;
  },
  text: (incident) => `${incident.name} ${incident.details} ${incident.type} ${incident.owner}`,
};

function timeBound(filter: JsonObject, field: string): number | undefined {
  const value = optionalString(filter, field);
  if (value === undefined || value === "") return undefined;
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw xsoarBadRequest(`filter.${field} must be an RFC 3339 time`);
  return time;
}

/** Compiles an IncidentFilter (query plus the list fields) into a predicate. */
export function compileIncidentFilter(filter: JsonObject): (incident: XsoarIncident) => boolean {
  const predicates: ((incident: XsoarIncident) => boolean)[] = [compileXsoarQuery(filter["query"], INCIDENT_QUERY)];
  const ids = optionalStrings(filter, "id");
  if (ids !== undefined && ids.length > 0) predicates.push((incident) => ids.includes(incident.id));
  const names = optionalStrings(filter, "name");
  if (names !== undefined && names.length > 0) predicates.push((incident) => names.includes(incident.name));
  const types = optionalStrings(filter, "type");
  if (types !== undefined && types.length > 0) predicates.push((incident) => types.includes(incident.type));
  const status = optionalNumbers(filter, "status");
  if (status !== undefined && status.length > 0) predicates.push((incident) => status.includes(incident.status));
  const notStatus = optionalNumbers(filter, "notStatus");
  if (notStatus !== undefined && notStatus.length > 0) predicates.push((incident) => !notStatus.includes(incident.status));
  const level = optionalNumbers(filter, "level");
  if (level !== undefined && level.length > 0) predicates.push((incident) => level.includes(incident.severity));
  const from = timeBound(filter, "fromDate");
  if (from !== undefined) predicates.push((incident) => Date.parse(incident.created) >= from);
  const to = timeBound(filter, "toDate");
  if (to !== undefined) predicates.push((incident) => Date.parse(incident.created) <= to);
  return (incident) => predicates.every((predicate) => predicate(incident));
}

const byIdDesc = (a: XsoarIncident, b: XsoarIncident): number => b.numericId - a.numericId;

function sortValue(incident: XsoarIncident, field: string): unknown {
  if (field === "id") return incident.numericId;
  const key = (Object.keys(incident) as (keyof XsoarIncident)[]).find((name) => name.toLowerCase() === field.toLowerCase());
  return key === undefined ? incident.CustomFields[field.toLowerCase()] : incident[key];
}

function filterOf(data: JsonObject): JsonObject {
  const filter = data["filter"] ?? {};
  if (!isJsonObject(filter)) throw xsoarBadRequest("filter must be an object");
  return filter;
}

async function searchIncidents(context: OperationContext): Promise<OperationResult> {
  const filter = filterOf(bodyObject(context));
  const data = await XSOAR_DATA.get(context.state, context.tenant);
  const matches = compileIncidentFilter(filter);
  const compare = compileXsoarSort(filter["sort"], sortValue, byIdDesc);
  const selected = [...data.incidents.values()].filter(matches).sort(compare);
  const total = selected.length;
  if (filter["totalOnly"] === true) return { json: JSON.stringify({ data: [], total }) };
  const { from, to } = xsoarPage(filter);
  return { json: JSON.stringify({ data: selected.slice(from, to), total }) };
}

/** `POST /incidents/search` → `{data, total}`. */
export const xsoarSearchIncidents: Operation = {
  id: "xsoar.incidents.search",
  method: "POST",
  surface: "xsoar",
  path: "/incidents/search",
  permission: "xsoar:view",
  products: servedBy("xsoar.incidents.search"),
  handle: searchIncidents,
};

function readSeverity(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !(Object.values(XSOAR_SEVERITY) as number[]).includes(value)) {
    throw xsoarBadRequest("severity must be one of 0, 0.5, 1, 2, 3, 4");
  }
  return value;
}

function readStatus(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > 3) {
    throw xsoarBadRequest("status must be 0 (pending), 1 (active), 2 (done) or 3 (archive)");
  }
  return value;
}

function readLabels(value: unknown): { type: string; value: string }[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every((label) => isJsonObject(label) && typeof label["type"] === "string" && typeof label["value"] === "string")) {
    throw xsoarBadRequest("labels must be a list of {type, value} strings");
  }
  return (value as JsonObject[]).map((label) => ({ type: String(label["type"]), value: String(label["value"]) }));
}

function readCustomFields(body: JsonObject): Record<string, unknown> | undefined {
  const upper = body["CustomFields"];
  const lower = body["customFields"];
  if (upper === undefined && lower === undefined) return undefined;
  for (const [name, value] of [["CustomFields", upper], ["customFields", lower]] as const) {
    if (value !== undefined && value !== null && !isJsonObject(value)) throw xsoarBadRequest(`${name} must be an object`);
  }
  return { ...(isJsonObject(lower) ? lower : {}), ...(isJsonObject(upper) ? upper : {}) };
}

/** Fields an incident write may set, checked. */
function incidentChanges(body: JsonObject): Partial<XsoarIncident> {
  const changes: Partial<XsoarIncident> = {};
  const strings = ["name", "type", "owner", "details", "playbookId", "closeReason", "closeNotes", "rawJSON", "phase", "sourceBrand", "sourceInstance"] as const;
  for (const field of strings) {
    const value = optionalString(body, field);
    if (value !== undefined) changes[field] = value;
  }
  const occurred = optionalString(body, "occurred");
  if (occurred !== undefined && occurred !== "") {
    const time = Date.parse(occurred);
    if (Number.isNaN(time)) throw xsoarBadRequest("occurred must be an RFC 3339 time");
    changes.occurred = isoTime(time);
  }
  const severity = readSeverity(body["severity"]);
  if (severity !== undefined) changes.severity = severity;
  const status = readStatus(body["status"]);
  if (status !== undefined) changes.status = status;
  const labels = readLabels(body["labels"]);
  if (labels !== undefined) changes.labels = labels;
  return changes;
}

function applyStatus(incident: XsoarIncident, previous: number, now: number, user: string): void {
  if (incident.status === XSOAR_STATUS.done && previous !== XSOAR_STATUS.done) {
    incident.closed = isoTime(now);
    incident.closingUserId = user;
    incident.runStatus = "completed";
  } else if (incident.status !== XSOAR_STATUS.done && previous === XSOAR_STATUS.done) {
    incident.closed = XSOAR_ZERO_TIME;
    incident.closingUserId = "";
  }
}

/** Records a write: version + 1 and `modified`. */
export function touch(incident: XsoarIncident, now: number): void {
  incident.version += 1;
  incident.modified = isoTime(now);
}

function createIncident(data: XsoarData, context: OperationContext, body: JsonObject): XsoarIncident {
  const changes = incidentChanges(body);
  if (context.tenant.product === "xsoar8" && context.state.unknowns.xsoar8IncidentWithoutName === "reject" && (changes.name === undefined || changes.name === "")) {
    throw xsoarBadRequest("name is required");
  }
  const numericId = data.next.incident++;
  const id = String(numericId);
  const created = isoTime(context.now);
  const investigate = body["createInvestigation"] === true;
  const incident: XsoarIncident = {
    id,
    version: 1,
    numericId,
    name: "",
    type: "Unclassified",
    status: investigate ? XSOAR_STATUS.active : XSOAR_STATUS.pending,
    severity: XSOAR_SEVERITY.unknown,
    owner: "",
    created,
    occurred: created,
    modified: created,
    closed: XSOAR_ZERO_TIME,
    closeReason: "",
    closeNotes: "",
    closingUserId: "",
    details: "",
    labels: [],
    investigationId: investigate ? id : "",
    playbookId: "",
    runStatus: investigate ? "waiting" : "",
    phase: "",
    sourceBrand: "Manual",
    sourceInstance: "",
    rawJSON: "",
    dueDate: XSOAR_ZERO_TIME,
    reminder: XSOAR_ZERO_TIME,
    parent: "",
    isPlayground: false,
    linkedIncidents: [],
    attachment: null,
    CustomFields: readCustomFields(body) ?? {},
    ...changes,
  };
  applyStatus(incident, XSOAR_STATUS.pending, context.now, actingUser(context));
  data.incidents.set(id, incident);
  data.entries.set(id, []);
  return incident;
}

function updateIncident(data: XsoarData, context: OperationContext, body: JsonObject, id: string): XsoarIncident {
  const incident = data.incidents.get(id);
  if (incident === undefined) throw xsoarNotFound(`Incident ${id} was not found`);
  checkVersion("incident", id, body["version"], incident.version);
  const changes = incidentChanges(body);
  const previous = incident.status;
  Object.assign(incident, changes);
  const custom = readCustomFields(body);
  if (custom !== undefined) incident.CustomFields = { ...incident.CustomFields, ...custom };
  applyStatus(incident, previous, context.now, actingUser(context));
  touch(incident, context.now);
  return incident;
}

async function saveIncident(context: OperationContext): Promise<OperationResult> {
  const body = bodyObject(context);
  const data = await XSOAR_DATA.get(context.state, context.tenant);
  const id = body["id"];
  if (id !== undefined && id !== null && id !== "" && typeof id !== "string") throw xsoarBadRequest("id must be a string");
  const updating = typeof id === "string" && id !== "";
  const incident = updating ? updateIncident(data, context, body, id) : createIncident(data, context, body);
  await XSOAR_DATA.save(context.state, context.tenant);
  // XSOAR 8 answers a creation with 201; XSOAR 6 (and updates) with 200.
  const status = !updating && context.tenant.product === "xsoar8" ? 201 : 200;
  return { status, json: JSON.stringify(incident) };
}

/** `POST /incident`: creates an incident, or updates one when `id` and the current `version` are sent. */
export const xsoarSaveIncident: Operation = {
  id: "xsoar.incident",
  method: "POST",
  surface: "xsoar",
  path: "/incident",
  permission: "xsoar:action",
  products: servedBy("xsoar.incident"),
  handle: saveIncident,
};

/** `GET /incident/load/{id}` (reference §2.6; not in the operation table): one incident. */
export const xsoarLoadIncident: Operation = {
  id: "xsoar.incident.load",
  method: "GET",
  surface: "xsoar",
  path: "/incident/load/{id}",
  permission: "xsoar:view",
  products: servedBy("xsoar.incident.load", "xsoar"),
  handle: async (context) => {
    const id = context.request.pathParams["id"] ?? "";
    const incident = (await XSOAR_DATA.get(context.state, context.tenant)).incidents.get(id);
    if (incident === undefined) throw xsoarNotFound(`Incident ${id} was not found`);
    return { json: JSON.stringify(incident) };
  },
};

/**
 * The incidents a batch call names: `ids` when given, else every incident
 * matching `filter` when `all` is true.
 */
function selectBatch(data: XsoarData, body: JsonObject): XsoarIncident[] {
  const ids = optionalStrings(body, "ids") ?? [];
  if (ids.length > 0) return ids.flatMap((id) => data.incidents.get(id) ?? []);
  if (body["all"] === true) {
    const filter = filterOf(body);
    return [...data.incidents.values()].filter(compileIncidentFilter(filter));
  }
  throw xsoarBadRequest("ids or all with a filter are required");
}

function closeIncident(incident: XsoarIncident, context: OperationContext, body: JsonObject): void {
  const previous = incident.status;
  incident.status = XSOAR_STATUS.done;
  incident.closeReason = optionalString(body, "closeReason") ?? incident.closeReason;
  incident.closeNotes = optionalString(body, "closeNotes") ?? incident.closeNotes;
  const custom = readCustomFields(body);
  if (custom !== undefined) incident.CustomFields = { ...incident.CustomFields, ...custom };
  applyStatus(incident, previous, context.now, actingUser(context));
  touch(incident, context.now);
}

async function batchClose(context: OperationContext): Promise<OperationResult> {
  const body = bodyObject(context);
  const data = await XSOAR_DATA.get(context.state, context.tenant);
  const selected = selectBatch(data, body);
  const closed: XsoarIncident[] = [];
  let notUpdated = 0;
  for (const incident of selected) {
    // Already closed incidents are left as they are (and counted in notUpdated) unless forced.
    if (incident.status === XSOAR_STATUS.done && body["force"] !== true) {
      notUpdated++;
      continue;
    }
    closeIncident(incident, context, body);
    closed.push(incident);
  }
  const ids = optionalStrings(body, "ids") ?? [];
  notUpdated += ids.filter((id) => !data.incidents.has(id)).length;
  if (closed.length > 0) await XSOAR_DATA.save(context.state, context.tenant);
  return { json: JSON.stringify({ data: closed, total: closed.length, notUpdated }) };
}

/** `POST /incident/batchClose` → `{data, total, notUpdated}`. */
export const xsoarBatchClose: Operation = {
  id: "xsoar.incident.batch_close",
  method: "POST",
  surface: "xsoar",
  path: "/incident/batchClose",
  permission: "xsoar:action",
  products: servedBy("xsoar.incident.batch_close"),
  handle: batchClose,
};

/** `POST /incident/close` (reference §2.6, XSOAR 8 docs; not in the operation table): closes one incident. */
export const xsoarCloseIncident: Operation = {
  id: "xsoar.incident.close",
  method: "POST",
  surface: "xsoar",
  path: "/incident/close",
  permission: "xsoar:action",
  products: servedBy("xsoar.incident.close", "xsoar"),
  handle: async (context) => {
    const body = bodyObject(context);
    const id = optionalString(body, "id") ?? "";
    const data = await XSOAR_DATA.get(context.state, context.tenant);
    const incident = data.incidents.get(id);
    if (incident === undefined) throw xsoarNotFound(`Incident ${id} was not found`);
    if (body["version"] !== undefined) checkVersion("incident", id, body["version"], incident.version);
    closeIncident(incident, context, body);
    await XSOAR_DATA.save(context.state, context.tenant);
    return { json: JSON.stringify(incident) };
  },
};

async function batchUpdate(context: OperationContext): Promise<OperationResult> {
  const body = bodyObject(context);
  const changesBody = body["data"] ?? {};
  if (!isJsonObject(changesBody)) throw xsoarBadRequest("data must be an object");
  const data = await XSOAR_DATA.get(context.state, context.tenant);
  const selected = selectBatch(data, body);
  const changes = incidentChanges(changesBody);
  // Custom fields go inside data.CustomFields; a top-level CustomFields is ignored (reference §2.6).
  const custom = readCustomFields(changesBody);
  for (const incident of selected) {
    const previous = incident.status;
    Object.assign(incident, changes);
    if (custom !== undefined) incident.CustomFields = { ...incident.CustomFields, ...custom };
    applyStatus(incident, previous, context.now, actingUser(context));
    touch(incident, context.now);
  }
  if (selected.length > 0) await XSOAR_DATA.save(context.state, context.tenant);
  const ids = optionalStrings(body, "ids") ?? [];
  const notUpdated = ids.filter((id) => !data.incidents.has(id)).length;
  return { json: JSON.stringify({ total: selected.length, data: selected, notUpdated }) };
}

/** `POST /incident/batch`: sets `data` fields on the selected incidents. */
export const xsoarBatchUpdate: Operation = {
  id: "xsoar.incident.batch",
  method: "POST",
  surface: "xsoar",
  path: "/incident/batch",
  permission: "xsoar:action",
  products: servedBy("xsoar.incident.batch"),
  handle: batchUpdate,
};

/** Every stateful XSOAR incident operation. */
export const XSOAR_INCIDENT_OPERATIONS: readonly Operation[] = [
  xsoarSearchIncidents,
  xsoarSaveIncident,
  xsoarLoadIncident,
  xsoarBatchClose,
  xsoarCloseIncident,
  xsoarBatchUpdate,
];
