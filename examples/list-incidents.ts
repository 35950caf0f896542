// tenant: xdr
// List the newest incidents with a filter and stop after 20: `for await` pages through the results.
import { XdrClient } from "@cortex-sdk/xdr";

const client = new XdrClient(); // CORTEX_API_BASE_URL, CORTEX_API_KEY_ID, CORTEX_API_KEY, CORTEX_API_KEY_TYPE
try {
  let count = 0;
  for await (const incident of client.incidents.list({
    filters: [{ field: "status", operator: "eq", value: "new" }],
    sort: { field: "creation_time", keyword: "desc" },
  })) {
    console.log(incident.incident_id, incident.severity, incident.status, incident.description ?? "");
    if (++count === 20) break;
  }
  console.log(`${count} incidents`);
} finally {
  await client.close();
}
