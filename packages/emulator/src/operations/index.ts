import type { Operation } from "../router.js";
import { deleteApiKeys, generateApiKey, getApiKeys } from "./api-keys.js";
import { healthcheck } from "./healthcheck.js";
import { iamEditApiKey, iamGetApiKey, iamGetKeyScope, iamSetKeyScope } from "./iam.js";
import { getIncidentsOperation } from "./incidents.js";
import { xsoarAbout } from "./xsoar.js";

/** Every operation with a specific handler; product gating is declared per operation. */
export const OPERATIONS: readonly Operation[] = [
  healthcheck,
  generateApiKey,
  getApiKeys,
  deleteApiKeys,
  iamGetApiKey,
  iamEditApiKey,
  iamGetKeyScope,
  iamSetKeyScope,
  getIncidentsOperation,
  xsoarAbout,
];
