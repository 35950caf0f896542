import { INCIDENT_STATUSES, type Incident } from "../data/incidents.js";
import {
  asObject,
  compileFilters,
  compileSort,
  filterValue,
  readPaging,
  type FilterSpec,
  type SortSpec,
} from "../query.js";
import { jsonArray } from "../json-cache.js";
import type { OperationContext } from "../router.js";

/** Largest page get_incidents serves. */
export const MAX_INCIDENT_PAGE = 100;

function timeFilters(pick: (incident: Incident) => number): FilterSpec<Incident>[string] {
  return {
    gte: (value, field) => {
      const bound = filterValue.integer(value, field);
      return (incident) => pick(incident) >= bound;
    },
    lte: (value, field) => {
      const bound = filterValue.integer(value, field);
      return (incident) => pick(incident) <= bound;
    },
  };
}

/** Filter fields and operators as documented for get_incidents. */
const INCIDENT_FILTERS: FilterSpec<Incident> = {
  modification_time: timeFilters((incident) => incident.modification_time),
  creation_time: timeFilters((incident) => incident.creation_time),
  incident_id_list: {
    in: (value, field) => {
      const ids = new Set(filterValue.stringList(value, field));
      return (incident) => ids.has(incident.incident_id);
    },
  },
  description: {
    // Substring match ignores case, as console searches do.
    contains: (value, field) => {
      const needle = filterValue.string(value, field).toLowerCase();
      return (incident) => incident.description.toLowerCase().includes(needle);
    },
    in: (value, field) => {
      const descriptions = new Set(filterValue.stringList(value, field));
      return (incident) => descriptions.has(incident.description);
    },
  },
  alert_sources: {
    in: (value, field) => {
      const sources = new Set(filterValue.stringList(value, field));
      return (incident) => incident.incident_sources.some((source) => sources.has(source));
    },
  },
  status: {
    eq: (value, field) => {
      const status = filterValue.oneOf(value, field, INCIDENT_STATUSES);
      return (incident) => incident.status === status;
    },
    neq: (value, field) => {
      const status = filterValue.oneOf(value, field, INCIDENT_STATUSES);
      return (incident) => incident.status !== status;
    },
  },
  starred: {
    eq: (value, field) => {
      const starred = filterValue.boolean(value, field);
      return (incident) => incident.starred === starred;
    },
    neq: (value, field) => {
      const starred = filterValue.boolean(value, field);
      return (incident) => incident.starred !== starred;
    },
  },
};

/** Sort fields as documented; ids compare numerically ("10" after "9"). */
const INCIDENT_SORTS: SortSpec<Incident> = {
  creation_time: (a, b) => a.creation_time - b.creation_time,
  modification_time: (a, b) => a.modification_time - b.modification_time,
  incident_id: (a, b) => Number(a.incident_id) - Number(b.incident_id),
};

/** The get_incidents reply text from the tenant's incidents (the XDR state wraps it so its changes are visible). */
export function incidentListJson(context: OperationContext): string {
  const data = asObject(context.requestData, "request_data");
  const matches = compileFilters(data["filters"], INCIDENT_FILTERS);
  // Newest first when unsorted, like the console's incident table.
  const compare = compileSort(data["sort"], INCIDENT_SORTS, { field: "creation_time", keyword: "desc" });
  const { from, to } = readPaging(data, MAX_INCIDENT_PAGE);
  // filter() copies, so sorting never reorders the tenant's own list.
  const selected = context.tenant.incidents.filter(matches).sort(compare);
  const page = selected.slice(from, to);
  // {"reply": {total_count, result_count, incidents, restricted_incident_ids}}, with each
  // (frozen) incident serialised once rather than on every request.
  return (
    `{"reply":{"total_count":${selected.length},"result_count":${page.length},` +
    `"incidents":${jsonArray(page)},"restricted_incident_ids":[]}}`
  );
}
