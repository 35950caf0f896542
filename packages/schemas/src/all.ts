/**
 * The five product tables merged into one: an operation several products serve is in each of their
 * packages, and appears here once.
 *
 * @module
 */
import type { OperationEntry } from "@cortex-sdk/schemas-base";
import { operations as cloud } from "@cortex-sdk/schemas-cloud";
import { operations as xdr } from "@cortex-sdk/schemas-xdr";
import { operations as xpanse } from "@cortex-sdk/schemas-xpanse";
import { operations as xsiam } from "@cortex-sdk/schemas-xsiam";
import { operations as xsoar } from "@cortex-sdk/schemas-xsoar";

/**
 * Merges tables by operation id: the first table that has an id gives its entry.
 *
 * @param tables - Tables, each sorted by id.
 * @returns One entry per id, sorted by id.
 */
export function mergeTables(tables: readonly (readonly OperationEntry[])[]): readonly OperationEntry[] {
  const byId = new Map<string, OperationEntry>();
  for (const table of tables) for (const entry of table) if (!byId.has(entry.id)) byId.set(entry.id, entry);
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Every operation of every product, sorted by id. */
export const allOperations: readonly OperationEntry[] = mergeTables([xdr, xsiam, xsoar, xpanse, cloud]);
