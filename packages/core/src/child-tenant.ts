/**
 * A clear error for a wrong or foreign child tenant id. The service answers a child id its key's tenant
 * does not manage with the same 401/403 as a key without the role, so on such an answer the SDK probes:
 * the same read without `x-child-tenant-id` (the key works on its own tenant) and with it (the child
 * refuses even a plain read). Both together mean the child id is at fault.
 *
 * @module
 */
import { PROBE_OPERATIONS } from "@cortex-sdk/schemas-base/products";
import type { ClientCalls } from "./client-calls.js";
import { CortexApiError, CortexAuthenticationError, CortexChildTenantError, CortexPermissionError } from "./errors.js";

// Clients made to probe: their own failures are never probed again.
const probes = new WeakSet<ClientCalls>();

async function succeeds(client: ClientCalls, operationId: string): Promise<boolean | "denied"> {
  probes.add(client);
  try {
    await client.request(operationId, operationId === PROBE_OPERATIONS.healthCheck ? undefined : { search_from: 0, search_to: 1 }, { timeoutMs: Math.min(client.config.timeoutMs, 30_000) });
    return true;
  } catch (error) {
    return error instanceof CortexPermissionError || error instanceof CortexAuthenticationError ? "denied" : false;
  } finally {
    await client.close();
  }
}

/**
 * Turns a 401/403 of a request sent to a child tenant into {@link CortexChildTenantError} when probes
 * show the child id is at fault; otherwise returns the error unchanged.
 *
 * @param client - The client that failed.
 * @param error - Its error.
 * @param childTenantId - The `x-child-tenant-id` the request carried.
 * @returns The error to throw.
 */
export async function explainChildTenantFailure(client: ClientCalls, error: unknown, childTenantId: string | undefined): Promise<unknown> {
  if (childTenantId === undefined || probes.has(client)) return error;
  if (!(error instanceof CortexPermissionError || error instanceof CortexAuthenticationError) || error instanceof CortexChildTenantError) return error;
  // A read every key may make where it can: the key list (where the header is documented), else healthcheck.
  for (const probe of [PROBE_OPERATIONS.listApiKeys, PROBE_OPERATIONS.healthCheck]) {
    if (!client.hasOperation(probe)) continue;
    const own = await succeeds(client.withOptions({ childTenantId: "", retry: { maxRetries: 0 } }), probe);
    if (own !== true) continue;
    const child = await succeeds(client.withOptions({ childTenantId, retry: { maxRetries: 0 } }), probe);
    if (child !== "denied") return error;
    const original = error as CortexApiError;
    const explained = new CortexChildTenantError(
      "permission",
      `${original.operationId === undefined ? "" : `${original.operationId}: `}the child tenant "${childTenantId}" refused the call (HTTP ${original.status}) while the same key works on its own tenant: the child tenant id is wrong, or names a tenant that is not a child of this key's tenant. Check the id (the MSSP console lists the child tenants), or drop the child tenant (childTenantId / --child-tenant / CORTEX_CHILD_TENANT_ID).`,
      { status: original.status, body: original.body, headers: original.headers, operationId: original.operationId, requestId: original.requestId, attempts: original.attempts, cause: error },
      { code: original.code, message: undefined, extra: original.detail },
    );
    explained.childTenantId = childTenantId;
    return explained;
  }
  return error;
}
