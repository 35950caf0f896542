// tenant: xsiam
// MSSP: run the same call on each child tenant, with the parent's key; one failure does not stop the rest.
import { XsiamClient } from "@cortex-sdk/xsiam";

const client = new XsiamClient();
try {
  const outcomes = await client.fanOut([{ childTenantId: "tenant-xsiam-child-1" }], (tenant) => tenant.incidents.list({ search_from: 0, search_to: 3 }));
  for (const outcome of outcomes) console.log(outcome.tenant, outcome.ok ? `${outcome.value.incidents?.length ?? 0} incidents` : String(outcome.error));
} finally {
  await client.close();
}
