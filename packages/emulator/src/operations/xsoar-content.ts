/**
 * XSOAR war-room entries, indicators and lists with state (reference
 * xsoar-xpanse-cloud §2.3, §2.6). Entries and lists carry `version` like
 * incidents: an edit with a stale version is rejected.
 */
import { randomBytes } from "node:crypto";
import { ApiError } from "../envelopes.js";
import type { OperationResult } from "../generic.js";
import { isJsonObject, type JsonObject } from "../query.js";
import type { Operation, OperationContext } from "../router.js";
import { XSOAR_DATA, XSOAR_STATUS, isoTime, type XsoarData, type XsoarEntry, type XsoarIndicator, type XsoarList } from "../state/xsoar/model.js";
import { compileXsoarQuery, type QuerySchema, type QueryValue } from "../state/xsoar/query.js";
import {
  actingUser,
  bodyObject,
  checkVersion,
  compileXsoarSort,
  optionalString,
  xsoarBadRequest,
  xsoarNotFound,
  xsoarPage,
} from "./xsoar-common.js";
import { servedBy } from "./served.js";

/** Entry types used here (CommonServerPython EntryType). */
const ENTRY_NOTE = 1;

function investigationOf(data: XsoarData, id: string): XsoarEntry[] {
  const incident = data.incidents.get(id);
  if (incident === undefined) throw xsoarNotFound(`Investigation ${id} was not found`);
  if (incident.status === XSOAR_STATUS.done || incident.status === XSOAR_STATUS.archive) {
    // The documented answer for writing to a closed investigation.
    throw new ApiError(412, "Precondition Failed", `Investigation ${id} is closed`, {
      body: {
        id: "precondition_failed",
        status: 412,
        title: "Precondition Failed",
        detail: `Investigation ${id} is closed`,
        error: "investigation is closed",
        encrypted: false,
        multires: null,
      },
    });
  }
  let entries = data.entries.get(id);
  if (entries === undefined) {
    entries = [];
    data.entries.set(id, entries);
  }
  return entries;
}

function newEntry(data: XsoarData, context: OperationContext, investigationId: string, contents: string, format: string): XsoarEntry {
  const now = isoTime(context.now);
  return {
    id: `${randomBytes(4).toString("hex")}-${data.next.entry++}@${investigationId}`,
    version: 1,
    investigationId,
    type: ENTRY_NOTE,
    format,
    contents,
    parentContent: "",
    created: now,
    modified: now,
    user: actingUser(context),
    note: false,
    tags: [],
    category: "chat",
    brand: "",
  };
}

function requiredString(body: JsonObject, field: string): string {
  const value = optionalString(body, field);
  if (value === undefined || value === "") throw xsoarBadRequest(`${field} is required`);
  return value;
}

async function addEntry(context: OperationContext): Promise<OperationResult> {
  const body = bodyObject(context);
  const investigationId = requiredString(body, "investigationId");
  const contents = optionalString(body, "data") ?? "";
  const data = await XSOAR_DATA.get(context.state, context.tenant);
  const entries = investigationOf(data, investigationId);
  const id = optionalString(body, "id");
  let entry: XsoarEntry;
  if (id !== undefined && id !== "") {
    const existing = entries.find((candidate) => candidate.id === id);
    if (existing === undefined) throw xsoarNotFound(`Entry ${id} was not found`);
    checkVersion("entry", id, body["version"], existing.version);
    existing.contents = contents;
    existing.version += 1;
    existing.modified = isoTime(context.now);
    entry = existing;
  } else {
    entry = newEntry(data, context, investigationId, contents, body["markdown"] === true ? "markdown" : "text");
    entries.push(entry);
  }
  await XSOAR_DATA.save(context.state, context.tenant);
  return { json: JSON.stringify(entry) };
}

/** `POST /entry`: adds a war-room entry (or edits one with `id` and its current `version`). */
export const xsoarAddEntry: Operation = {
  id: "xsoar.entry",
  method: "POST",
  surface: "xsoar",
  path: "/entry",
  permission: "xsoar:action",
  products: servedBy("xsoar.entry"),
  handle: addEntry,
};

const FORMATS = ["html", "table", "json", "text", "dbotCommandResponse", "markdown"] as const;

/** `POST /entry/formatted`: adds an entry with an explicit format. */
export const xsoarAddFormattedEntry: Operation = {
  id: "xsoar.entry.formatted",
  method: "POST",
  surface: "xsoar",
  path: "/entry/formatted",
  permission: "xsoar:action",
  products: servedBy("xsoar.entry.formatted"),
  handle: async (context) => {
    const body = bodyObject(context);
    const investigationId = requiredString(body, "investigationId");
    const format = optionalString(body, "format") ?? "text";
    if (!(FORMATS as readonly string[]).includes(format)) throw xsoarBadRequest(`format must be one of ${FORMATS.join(", ")}`);
    const data = await XSOAR_DATA.get(context.state, context.tenant);
    const entries = investigationOf(data, investigationId);
    const entry = newEntry(data, context, investigationId, optionalString(body, "contents") ?? "", format);
    entries.push(entry);
    await XSOAR_DATA.save(context.state, context.tenant);
    return { json: JSON.stringify(entry) };
  },
};

/**
 * `POST /investigation/{id}` (reference §2.6, as demisto-sdk calls it; not in
 * the operation table): `{entries, investigation}`, entries oldest first,
 * at most `pageSize` (all when absent or 0).
 */
export const xsoarGetInvestigation: Operation = {
  id: "xsoar.investigation",
  method: "POST",
  surface: "xsoar",
  path: "/investigation/{id}",
  permission: "xsoar:view",
  products: servedBy("xsoar.investigation", "xsoar"),
  handle: async (context) => {
    const id = context.request.pathParams["id"] ?? "";
    const body = isJsonObject(context.body) ? context.body : {};
    const pageSize = body["pageSize"] ?? 0;
    if (typeof pageSize !== "number" || !Number.isInteger(pageSize) || pageSize < 0) throw xsoarBadRequest("pageSize must be an integer >= 0");
    const data = await XSOAR_DATA.get(context.state, context.tenant);
    const incident = data.incidents.get(id);
    if (incident === undefined) throw xsoarNotFound(`Investigation ${id} was not found`);
    const entries = data.entries.get(id) ?? [];
    const investigation = {
      id,
      name: incident.name,
      status: incident.status === XSOAR_STATUS.done ? 1 : 0,
      created: incident.created,
      modified: incident.modified,
      closed: incident.closed,
      type: 0,
      version: incident.version,
    };
    return { json: JSON.stringify({ entries: pageSize === 0 ? entries : entries.slice(0, pageSize), investigation }) };
  },
};

const SCORE_NAMES: Readonly<Record<string, number>> = { unknown: 0, none: 0, good: 1, benign: 1, suspicious: 2, bad: 3, malicious: 3 };

const INDICATOR_QUERY: QuerySchema<XsoarIndicator> = {
  field: (indicator, field) => {
    switch (field) {
      case "id":
        return [indicator.id];
      case "value":
        return [indicator.value];
      case "type":
      case "indicator_type":
        return [indicator.indicator_type];
      case "score":
      case "verdict":
        return [indicator.score];
      case "source":
        return [indicator.source];
      case "comment":
        return [indicator.comment];
      case "investigationids":
        return indicator.investigationIDs;
      default: {
        const custom = indicator.CustomFields[field];
        return typeof custom === "string" || typeof custom === "number" || typeof custom === "boolean" ? [custom as QueryValue] : undefined;
      }
    }
  },
  alias: (field, value) => ((field === "score" || field === "verdict") && value.toLowerCase() in SCORE_NAMES ? (SCORE_NAMES[value.toLowerCase()] ?? value) : value),
  text: (indicator) => `${indicator.value} ${indicator.comment}`,
};

/** `POST /indicators/search` → `{iocObjects, total}` (filter fields at the root). */
export const xsoarSearchIndicators: Operation = {
  id: "xsoar.indicators.search",
  method: "POST",
  surface: "xsoar",
  path: "/indicators/search",
  permission: "xsoar:view",
  products: servedBy("xsoar.indicators.search"),
  handle: async (context) => {
    const body = bodyObject(context);
    const data = await XSOAR_DATA.get(context.state, context.tenant);
    const matches = compileXsoarQuery(body["query"], INDICATOR_QUERY);
    const compare = compileXsoarSort<XsoarIndicator>(
      body["sort"],
      (indicator, field) => (field === "id" ? Number(indicator.id) : (indicator as unknown as Record<string, unknown>)[field]),
      (a, b) => Number(b.id) - Number(a.id),
    );
    const selected = [...data.indicators.values()].filter(matches).sort(compare);
    const { from, to } = xsoarPage(body);
    return { json: JSON.stringify({ iocObjects: selected.slice(from, to), total: selected.length }) };
  },
};

function readScore(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || ![0, 1, 2, 3].includes(value)) throw xsoarBadRequest("score must be 0, 1, 2 or 3");
  return value;
}

async function createIndicator(context: OperationContext): Promise<OperationResult> {
  const body = bodyObject(context);
  const given = body["indicator"];
  if (!isJsonObject(given)) throw xsoarBadRequest("indicator is required");
  const value = requiredString(given, "value");
  const type = requiredString(given, "indicator_type");
  const score = readScore(given["score"]);
  const comment = optionalString(given, "comment");
  const custom = given["CustomFields"];
  if (custom !== undefined && custom !== null && !isJsonObject(custom)) throw xsoarBadRequest("CustomFields must be an object");
  const investigationId = optionalString(body, "investigationId");
  const data = await XSOAR_DATA.get(context.state, context.tenant);
  const now = isoTime(context.now);
  // The same value and type is one indicator: a second create updates it.
  let indicator = [...data.indicators.values()].find(
    (candidate) => candidate.value.toLowerCase() === value.toLowerCase() && candidate.indicator_type === type,
  );
  if (indicator === undefined) {
    const id = String(data.next.indicator++);
    indicator = {
      id,
      version: 1,
      value,
      indicator_type: type,
      score: score ?? 0,
      manualScore: score !== undefined,
      setBy: score !== undefined ? actingUser(context) : "",
      source: "Manual",
      comment: comment ?? "",
      firstSeen: now,
      lastSeen: now,
      timestamp: now,
      modified: now,
      calculatedTime: now,
      investigationIDs: investigationId === undefined || investigationId === "" ? [] : [investigationId],
      CustomFields: isJsonObject(custom) ? { ...custom } : {},
    };
    data.indicators.set(id, indicator);
  } else {
    if (score !== undefined) {
      indicator.score = score;
      indicator.manualScore = true;
      indicator.setBy = actingUser(context);
    }
    if (comment !== undefined) indicator.comment = comment;
    if (isJsonObject(custom)) indicator.CustomFields = { ...indicator.CustomFields, ...custom };
    if (investigationId !== undefined && investigationId !== "" && !indicator.investigationIDs.includes(investigationId)) {
      indicator.investigationIDs.push(investigationId);
    }
    indicator.lastSeen = now;
    indicator.modified = now;
    indicator.version += 1;
  }
  await XSOAR_DATA.save(context.state, context.tenant);
  return { json: JSON.stringify(indicator) };
}

/** `POST /indicator/create`: creates an indicator (or updates the one with the same value and type). */
export const xsoarCreateIndicator: Operation = {
  id: "xsoar.indicator.create",
  method: "POST",
  surface: "xsoar",
  path: "/indicator/create",
  permission: "xsoar:action",
  products: servedBy("xsoar.indicator.create"),
  handle: createIndicator,
};

/** `POST /indicator/edit`: edits an indicator by `id` with its current `version`. */
export const xsoarEditIndicator: Operation = {
  id: "xsoar.indicator.edit",
  method: "POST",
  surface: "xsoar",
  path: "/indicator/edit",
  permission: "xsoar:action",
  products: servedBy("xsoar.indicator.edit"),
  handle: async (context) => {
    const body = bodyObject(context);
    const id = requiredString(body, "id");
    const data = await XSOAR_DATA.get(context.state, context.tenant);
    const indicator = data.indicators.get(id);
    if (indicator === undefined) throw xsoarNotFound(`Indicator ${id} was not found`);
    checkVersion("indicator", id, body["version"], indicator.version);
    const score = readScore(body["score"]);
    if (score !== undefined) {
      indicator.score = score;
      indicator.manualScore = true;
      indicator.setBy = actingUser(context);
    }
    const comment = optionalString(body, "comment");
    if (comment !== undefined) indicator.comment = comment;
    const custom = body["CustomFields"];
    if (isJsonObject(custom)) indicator.CustomFields = { ...indicator.CustomFields, ...custom };
    indicator.modified = isoTime(context.now);
    indicator.version += 1;
    await XSOAR_DATA.save(context.state, context.tenant);
    return { json: JSON.stringify(indicator) };
  },
};

/** `GET /lists` (reference §2.6): every list. */
export const xsoarGetLists: Operation = {
  id: "xsoar.lists",
  method: "GET",
  surface: "xsoar",
  path: "/lists",
  permission: "xsoar:view",
  products: servedBy("xsoar.lists"),
  handle: async (context) => ({ json: JSON.stringify([...(await XSOAR_DATA.get(context.state, context.tenant)).lists.values()]) }),
};

/** Largest list content, in characters (the admin guide's limit). */
export const XSOAR_MAX_LIST_CHARS = 209_715;

async function saveList(context: OperationContext): Promise<OperationResult> {
  const body = bodyObject(context);
  const name = optionalString(body, "name") ?? optionalString(body, "id");
  if (name === undefined || name === "") throw xsoarBadRequest("name is required");
  const content = optionalString(body, "data") ?? "";
  if (content.length > XSOAR_MAX_LIST_CHARS) throw xsoarBadRequest(`list data exceeds ${XSOAR_MAX_LIST_CHARS} characters`);
  const data = await XSOAR_DATA.get(context.state, context.tenant);
  const existing = data.lists.get(name);
  const now = isoTime(context.now);
  let list: XsoarList;
  if (existing !== undefined) {
    // Saving over an existing list is an update: it needs the current version.
    checkVersion("list", name, body["version"], existing.version);
    list = {
      ...existing,
      data: content,
      type: optionalString(body, "type") ?? existing.type,
      description: optionalString(body, "description") ?? existing.description,
      allRead: typeof body["allRead"] === "boolean" ? body["allRead"] : existing.allRead,
      allReadWrite: typeof body["allReadWrite"] === "boolean" ? body["allReadWrite"] : existing.allReadWrite,
      version: existing.version + 1,
      modified: now,
    };
  } else {
    list = {
      id: name,
      version: 1,
      name,
      type: optionalString(body, "type") ?? "plain_text",
      data: content,
      description: optionalString(body, "description") ?? "",
      allRead: body["allRead"] === true,
      allReadWrite: body["allReadWrite"] === true,
      modified: now,
      truncated: false,
    };
  }
  data.lists.set(name, list);
  await XSOAR_DATA.save(context.state, context.tenant);
  return { json: JSON.stringify(list) };
}

/** `POST /lists/save` (reference §2.6): creates a list, or updates it with its current `version`. */
export const xsoarSaveList: Operation = {
  id: "xsoar.lists.save",
  method: "POST",
  surface: "xsoar",
  path: "/lists/save",
  permission: "xsoar:action",
  products: servedBy("xsoar.lists.save"),
  handle: saveList,
};

/** `POST /lists/delete` `{id}` → `{}` (reference §2.6). */
export const xsoarDeleteList: Operation = {
  id: "xsoar.lists.delete",
  method: "POST",
  surface: "xsoar",
  path: "/lists/delete",
  permission: "xsoar:action",
  products: servedBy("xsoar.lists.delete"),
  handle: async (context) => {
    const id = requiredString(bodyObject(context), "id");
    const data = await XSOAR_DATA.get(context.state, context.tenant);
    if (!data.lists.delete(id)) throw xsoarNotFound(`List ${id} was not found`);
    await XSOAR_DATA.save(context.state, context.tenant);
    return { body: {} };
  },
};

/** `GET /lists/download/{name}`: the list's content as text. */
export const xsoarDownloadList: Operation = {
  id: "xsoar.lists.download.get_by_name",
  method: "GET",
  surface: "xsoar",
  path: "/lists/download/{name}",
  permission: "xsoar:view",
  products: servedBy("xsoar.lists.download.get_by_name"),
  handle: async (context) => {
    const name = context.request.pathParams["name"] ?? "";
    const list = (await XSOAR_DATA.get(context.state, context.tenant)).lists.get(name);
    if (list === undefined) throw xsoarNotFound(`List ${name} was not found`);
    return { body: list.data, contentType: "text/plain; charset=utf-8" };
  },
};

/** Every stateful XSOAR content operation. */
export const XSOAR_CONTENT_OPERATIONS: readonly Operation[] = [
  xsoarAddEntry,
  xsoarAddFormattedEntry,
  xsoarGetInvestigation,
  xsoarSearchIndicators,
  xsoarCreateIndicator,
  xsoarEditIndicator,
  xsoarGetLists,
  xsoarSaveList,
  xsoarDeleteList,
  xsoarDownloadList,
];
