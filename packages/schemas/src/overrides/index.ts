/**
 * Every override, in application order. See ./types.ts for the shapes; each entry carries a reason.
 *
 * @module
 */
import type { Override } from "./types.js";
import { entryOverrides } from "./entries.js";
import { schemaOverrides } from "./schemas.js";
import { exampleOverrides } from "./examples.js";
import { requestOverrides } from "./requests.js";
import { recordFieldOverrides } from "./names.js";

/** All overrides. */
export const overrides: readonly Override[] = [...entryOverrides, ...schemaOverrides, ...requestOverrides, ...recordFieldOverrides, ...exampleOverrides];
