// tenant: xdr
// Isolate an endpoint and wait until the action is done on it, then release it.
import { XdrClient } from "@cortex-sdk/xdr";

const client = new XdrClient();
try {
  let endpointId: string | undefined;
  for await (const endpoint of client.endpoints.list({ filters: [{ field: "isolate", operator: "in", value: ["unisolated"] }] })) {
    endpointId = endpoint.endpoint_id;
    break;
  }
  if (endpointId === undefined) throw new Error("no endpoint to isolate");
  const isolated = await client.endpoints.isolateAndWait({ endpoint_id: endpointId }, { maxWaitMs: 60_000 });
  console.log(`action ${isolated.actionId}: isolated ${isolated.succeeded.map((outcome) => outcome.endpointId).join(", ")}`);
  const released = await client.endpoints.unisolateAndWait({ endpoint_id: endpointId }, { maxWaitMs: 60_000 });
  console.log(`action ${released.actionId}: released`);
} finally {
  await client.close();
}
