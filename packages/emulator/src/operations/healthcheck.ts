import type { Operation } from "../router.js";
import { PUBLIC_API_V1 } from "./paths.js";
import { servedBy } from "./served.js";

/**
 * `GET /public_api/v1/healthcheck` → `{"status": "available"}` (no `reply` wrapper).
 *
 * Requires a valid key like every other public_api call: the vendor
 * authenticates the whole public_api surface, and a free probe here would let
 * SDK connectivity checks pass with broken credentials.
 */
export const healthcheck: Operation = {
  id: "healthcheck",
  method: "GET",
  surface: "cortex",
  path: `${PUBLIC_API_V1}/healthcheck`,
  permission: null,
  products: servedBy("healthcheck"),
  handle: () => ({ body: { status: "available" } }),
};
