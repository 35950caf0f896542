/**
 * Request precision the specs leave out or say only in prose: alternatives (one id, or a filter list),
 * required fields, and filter lists typed per field (the operators each field allows and its value
 * type). Plain data, one entry per correction, each with a reason; applied after `schemas.ts`.
 *
 * @module
 */
import type { JsonSchema } from "../json-schema.js";
import type { Override, OperationRef, SchemaOverride } from "./types.js";

const V1 = "/public_api/v1";

function request(operation: OperationRef, at: string, change: Pick<SchemaOverride, "replace" | "merge">, reason: string): SchemaOverride {
  return { kind: "schema", operation, target: "request", at, ...change, reason };
}

/** One filter field: the operators it allows and the type of its value. */
interface FilterField {
  readonly operators: readonly string[];
  readonly value: JsonSchema;
}

/** A flat AND filter list whose conditions are typed per field (a union of closed `{field, operator, value}` objects). */
function typedFilters(fields: Readonly<Record<string, FilterField>>): JsonSchema {
  return {
    type: "array",
    items: {
      anyOf: Object.entries(fields).map(([field, { operators, value }]) => ({
        type: "object",
        properties: { field: { type: "string", enum: [field] }, operator: { type: "string", enum: [...operators] }, value },
        required: ["field", "operator", "value"],
      })),
    },
  };
}

/** `endpoints.isolate`/`unisolate`: one endpoint id, or a filter list of endpoint ids (reference xdr-xsiam §4.6). */
function oneEndpointOrFilters(): JsonSchema {
  const filters = typedFilters({ endpoint_id_list: { operators: ["in"], value: { type: "array", items: { type: "string" }, maxItems: 1000 } } });
  return {
    anyOf: [
      { type: "object", properties: { endpoint_id: { type: "string" }, incident_id: { type: "string" } }, required: ["endpoint_id"] },
      { type: "object", properties: { filters, incident_id: { type: "string" } }, required: ["filters"] },
    ],
  };
}
const ONE_ENDPOINT_REASON = "the body is {endpoint_id} or {filters: [endpoint_id_list in [...]]}, never both, never neither (reference xdr-xsiam §4.6); the spec makes every field optional";

/** `alerts.get_alerts`: each filter field with its operators and value type (reference xdr-xsiam §4.3, §8). */
const ALERT_FILTERS = typedFilters({
  alert_id_list: { operators: ["in"], value: { type: "array", items: { type: ["integer", "string"] } } },
  alert_source: { operators: ["in"], value: { type: "array", items: { type: "string" } } },
  severity: { operators: ["in"], value: { type: "array", items: { type: "string", enum: ["low", "medium", "high", "critical"] } } },
  creation_time: { operators: ["gte", "lte"], value: { type: "integer" } },
});

/** Request overrides. */
export const requestOverrides: readonly Override[] = [
  request(`POST ${V1}/endpoints/isolate`, "*", { replace: oneEndpointOrFilters() }, ONE_ENDPOINT_REASON),
  request(`POST ${V1}/endpoints/unisolate`, "*", { replace: oneEndpointOrFilters() }, ONE_ENDPOINT_REASON),
  request(`POST ${V1}/alerts/update_alerts`, "*", { merge: { required: ["alert_id_list", "update_data"] } }, "the call updates the listed alerts with update_data (reference xdr-xsiam §4.3); the spec marks nothing required"),
  request(`POST ${V1}/alerts/get_alerts`, "filters", { replace: ALERT_FILTERS }, "filters typed per field: alert_id_list in ids (ints in the reference; the service takes numeric strings too), alert_source in names, severity in low/medium/high/critical, creation_time gte/lte epoch seconds or ms (reference xdr-xsiam §4.3, §8); the spec types every value as anything"),
];
