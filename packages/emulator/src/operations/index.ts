import type { Operation } from "../router.js";
import { generateApiKey } from "./api-keys.js";
import { healthcheck } from "./healthcheck.js";
import { getIncidentsOperation } from "./incidents.js";

/** Every operation the emulator serves; product gating is declared per operation. */
export const OPERATIONS: readonly Operation[] = [healthcheck, generateApiKey, getIncidentsOperation];
