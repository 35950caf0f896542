/**
 * Table entries for workflows that page by token: read from the client's own table, so a workflow module
 * loads no product's table (and installing one product's client installs no other product's data).
 *
 * @module
 */
import { CortexConfigError, withPageTokens, type CortexClient } from "@cortex-sdk/core";
import type { OperationEntry } from "@cortex-sdk/schemas-base";

const tokenEntries = new WeakMap<OperationEntry, OperationEntry>();

/**
 * The client's entry of a token-paged operation, with its page token declared (derived once per entry).
 *
 * @param client - The client that sends the calls.
 * @param operationId - Operation id.
 * @returns The entry to page with.
 * @throws {@link CortexConfigError} when the operation is not in the client's table.
 */
export function pageTokenEntry(client: CortexClient, operationId: string): OperationEntry {
  const found = client.operationEntry(operationId);
  if (found === undefined) {
    throw new CortexConfigError("configuration", `Unknown operation id "${operationId}": it is not in the ${client.config.client.clientName} client's operation table.`, { operationId });
  }
  let entry = tokenEntries.get(found);
  if (entry === undefined) {
    entry = withPageTokens(found);
    tokenEntries.set(found, entry);
  }
  return entry;
}
