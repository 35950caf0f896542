/**
 * Operations that the vendor's own integrations and clients call but that no spec describes: the XSOAR
 * lists API (XSOAR 6 at the root, XSOAR 8 under `/xsoar/public/v1`; reference xsoar-xpanse-cloud §2.6,
 * Lists) and the key check that the Xpanse clients send before anything else (reference
 * existing-clients, cortex-xpanse-python-sdk and "Key lifecycle"; its reply is not documented).
 *
 * @module
 */
import type { JsonSchema } from "../../../schemas-base/src/json-schema.js";
import type { HandAuthoredOperation } from "./types.js";

const str: JsonSchema = { type: "string" };
const bool: JsonSchema = { type: "boolean" };

/** An XSOAR list as the server stores it (`id` equals `name`). */
const xsoarList: JsonSchema = {
  type: "object",
  properties: {
    id: str,
    version: { type: "integer" },
    name: str,
    type: str,
    data: str,
    description: str,
    allRead: bool,
    allReadWrite: bool,
    modified: str,
    truncated: bool,
  },
  required: ["id", "version", "name", "data"],
};

const xsoar = {
  products: ["xsoar"],
  xsoarVersions: [6, 8],
  replyEnvelope: "bare",
  pagination: { kind: "none" },
  async: "none",
  limits: {},
  sources: ["xsoar-reference"],
  group: "Lists",
} as const;

/** The operations. */
export const integrationOperations: readonly HandAuthoredOperation[] = [
  { ...xsoar, id: "xsoar.lists", method: "GET", path: "/lists", requestEnvelope: "none", replyKind: "array", retrySafety: "read", reply: { type: "array", items: xsoarList } },
  {
    ...xsoar,
    id: "xsoar.lists.download.get_by_name",
    method: "GET",
    path: "/lists/download/{name}",
    pathParams: ["name"],
    requestEnvelope: "none",
    replyKind: "string",
    retrySafety: "read",
    // Text; line-oriented lists may come back as a JSON list of lines (reference §2.6, Lists).
    reply: { anyOf: [str, { type: "array", items: str }] },
  },
  {
    ...xsoar,
    id: "xsoar.lists.save",
    method: "POST",
    path: "/lists/save",
    requestEnvelope: "bare",
    replyKind: "object",
    // A retried create meets the list it made and is refused for lack of a version: never resent.
    retrySafety: "unsafe",
    request: {
      type: "object",
      properties: {
        name: { type: "string", minLength: 1 },
        data: { type: "string", maxLength: 209_715 },
        type: str,
        description: str,
        allRead: bool,
        allReadWrite: bool,
        id: str,
        version: { type: "integer", minimum: -1 },
        shouldCommit: bool,
        shouldPublish: bool,
      },
      required: ["name"],
      additionalProperties: false,
    },
    reply: xsoarList,
  },
  {
    ...xsoar,
    id: "xsoar.lists.delete",
    method: "POST",
    path: "/lists/delete",
    requestEnvelope: "bare",
    replyKind: "object",
    retrySafety: "idempotent",
    request: { type: "object", properties: { id: { type: "string", minLength: 1 } }, required: ["id"], additionalProperties: false },
    reply: { type: "object" },
  },
  {
    id: "api_keys.validate",
    products: ["xdr", "xsiam", "xpanse"],
    method: "POST",
    path: "/public_api/v1/api_keys/validate",
    requestEnvelope: "request_data",
    // Undocumented: `true` alone (what cortex-cloud-go expects of its own key check) or wrapped in `reply`;
    // a bare entry unwraps a lone `reply` too.
    replyEnvelope: "bare",
    replyKind: "boolean",
    pagination: { kind: "none" },
    retrySafety: "read",
    async: "none",
    limits: {},
    sources: ["vendor-clients"],
    group: "API keys",
    request: { type: "object", properties: {}, additionalProperties: false },
    reply: { anyOf: [bool, str, { type: "object" }] },
  },
];
