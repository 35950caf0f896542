// tenant: xsiam
// Run an XQL query: the client waits for the result, respects the tenant's concurrent-query limit and
// yields the rows.
import { XsiamClient } from "@cortex-sdk/xsiam";

const client = new XsiamClient();
try {
  const result = await client.xql.query("dataset = xdr_data | limit 5", { timeframe: { relativeTime: 24 * 3_600_000 } });
  console.log(`status ${result.status}, ${result.numberOfResults} rows`);
  for await (const row of result) console.log(row);
} finally {
  await client.close();
}
