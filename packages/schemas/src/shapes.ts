/**
 * Map from operation id to its request and reply types, so that `request(id, body)` is typed.
 *
 * @module
 */
import type {
  GenerateApiKeyReply,
  GenerateApiKeyRequest,
  GetIncidentsReply,
  GetIncidentsRequest,
  HealthcheckReply,
} from "./products/xdr-types.js";

/** Request and reply type of every operation, keyed by operation id. */
export interface OperationShapes {
  /** `GET /public_api/v1/healthcheck` */
  healthcheck: { request: undefined; reply: HealthcheckReply };
  /** `POST /public_api/v1/incidents/get_incidents` */
  "incidents.get_incidents": { request: GetIncidentsRequest; reply: GetIncidentsReply };
  /** `POST /public_api/v1/api_keys/generate` */
  "api_keys.generate": { request: GenerateApiKeyRequest; reply: GenerateApiKeyReply };
}

/** Every operation id with known types. */
export type OperationId = keyof OperationShapes;

/** Request type of an operation. */
export type RequestOf<Id extends OperationId> = OperationShapes[Id]["request"];

/** Reply type of an operation (after the envelope is removed). */
export type ReplyOf<Id extends OperationId> = OperationShapes[Id]["reply"];
