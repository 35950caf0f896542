import type { Operation } from "../router.js";
import { deleteApiKeys, generateApiKey, getApiKeys } from "./api-keys.js";
import { healthcheck } from "./healthcheck.js";
import { validateApiKey } from "./key-check.js";
import { emulatorGetScopeEnforcement, emulatorSetScopeEnforcement, iamEditApiKey, iamGetApiKey, iamGetKeyScope, iamSetKeyScope } from "./iam.js";
import { xsoarAbout } from "./xsoar.js";
import { XDR_OPERATIONS } from "./xdr-index.js";
import { XSOAR_CONTENT_OPERATIONS } from "./xsoar-content.js";
import { XSOAR_INCIDENT_OPERATIONS } from "./xsoar-incidents.js";
import { XPANSE_OPERATIONS } from "./xpanse-assets.js";
import { XPANSE_INCIDENT_OPERATIONS } from "./xpanse-incidents.js";
import { CLOUD_ASSET_OPERATIONS } from "./cloud-assets.js";
import { CLOUD_ISSUE_OPERATIONS } from "./cloud-issues.js";

/** Every operation with a specific handler; product gating is declared per operation. */
export const OPERATIONS: readonly Operation[] = [
  healthcheck,
  generateApiKey,
  getApiKeys,
  deleteApiKeys,
  validateApiKey,
  iamGetApiKey,
  iamEditApiKey,
  iamGetKeyScope,
  iamSetKeyScope,
  emulatorGetScopeEnforcement,
  emulatorSetScopeEnforcement,
  xsoarAbout,
  ...XSOAR_INCIDENT_OPERATIONS,
  ...XSOAR_CONTENT_OPERATIONS,
  ...XPANSE_OPERATIONS,
  ...XPANSE_INCIDENT_OPERATIONS,
  ...CLOUD_ISSUE_OPERATIONS,
  ...CLOUD_ASSET_OPERATIONS,
  // XDR / XSIAM state (Xpanse incidents are in XPANSE_INCIDENT_OPERATIONS).
  ...XDR_OPERATIONS,
];
