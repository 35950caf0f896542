// tenant: xsoar8
// XSOAR 8: create an incident, then find it with a query. CORTEX_XSOAR_VERSION=8 picks the routes.
import { XsoarClient } from "@cortex-sdk/xsoar";

const client = new XsoarClient();
try {
  const created = await client.incidents.save({ name: "Phishing report from the examples", type: "Phishing", severity: 2 });
  console.log(`created incident ${created.id}`);
  let found = 0;
  for await (const incident of client.incidents.search({ filter: { query: 'name:"Phishing report from the examples"' } })) {
    console.log(incident.id, incident.name, incident.severity);
    found++;
  }
  if (found === 0) throw new Error("the new incident was not found");
} finally {
  await client.close();
}
