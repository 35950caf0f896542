// Which client method and which cxctl command call each operation. Read from the built product clients the
// way cxctl reads them (apps/cli's catalog), and the product list from the client naming data, so the
// catalogue always shows the names the released code has. Nothing is hard-coded per operation.
import { productClients } from "../../scripts/client-naming.mjs";
import { catalogOf } from "../../apps/cli/dist/catalog.js";
import { loadClientClass } from "../../apps/cli/dist/connection.js";

/** Products in the order of the naming data. */
export const PRODUCTS = productClients.map((client) => client.product);

/**
 * The names of one product's operations.
 *
 * @param {string} product
 * @returns {Promise<{ className: string, packageName: string, title: string, entries: { id: string, group: string, method: string | undefined, command: string }[] }>}
 */
export async function clientNames(product) {
  const info = productClients.find((client) => client.product === product);
  const Client = await loadClientClass(product);
  const entries = catalogOf(Client).map((entry) => ({
    id: entry.operation.id,
    group: entry.group,
    method: entry.method,
    command: `cxctl ${product} ${entry.group} ${entry.call}`,
  }));
  return { className: info.className, packageName: `@cortex-sdk/${info.package}`, title: info.title, entries };
}
