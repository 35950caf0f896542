/**
 * Which tenants serve an operation, from the operation table: the deployments whose products the table
 * lists for it (XSOAR split by the versions it lists), limited to the tenants that hold the state the
 * emulator keeps for it. Operation declarations name that state, never a product list; routes outside
 * the table (outside-the-table.ts) are served by the tenants holding their state.
 *
 * @module
 */
import { getOperationById } from "@cortex-sdk/schemas";
import { DEPLOYMENTS, XSOAR_VERSIONS, deploymentOf, type Deployment } from "@cortex-sdk/schemas-base/products";
import { ROUTES_OUTSIDE_THE_TABLE } from "./outside-the-table.js";

/**
 * The tenants that hold each kind of state the emulator simulates: the XDR world (alerts, endpoints,
 * XQL, lookups, ...) lives in XDR and XSIAM tenants, the Cortex Cloud inventory and issues in Cloud
 * tenants, the attack surface in Xpanse and Cloud tenants, and so on. An operation that needs one is
 * served where the table says and that state exists.
 */
export const STATE_HOLDERS = {
  xdr: ["xdr", "xsiam"],
  cloud: ["cloud"],
  /** The attack surface (assets, services, ranges, websites, rules) Xpanse and Cloud tenants hold. */
  asm: ["xpanse", "cloud"],
  /** Xpanse's own incidents and alerts. */
  xpanse: ["xpanse"],
  /** The platform's IAM (keys by id, scopes, the scope switch). */
  iam: ["xsiam", "cloud"],
  /** XSOAR's incidents, war room, lists and indicators. */
  xsoar: ["xsoar6", "xsoar8"],
} as const satisfies Readonly<Record<string, readonly Deployment[]>>;

/** A kind of simulated state. */
export type SimulatedState = keyof typeof STATE_HOLDERS;

/**
 * The deployments the table says serve an operation.
 *
 * @param id - Operation id.
 * @returns The deployments, in the order of `DEPLOYMENTS`; `undefined` for an id the table lacks.
 */
export function tableDeployments(id: string): readonly Deployment[] | undefined {
  const entry = getOperationById(id);
  if (entry === undefined) return undefined;
  const served = new Set(entry.products.flatMap((product) => (product === "xsoar" ? (entry.xsoarVersions ?? XSOAR_VERSIONS).map((version) => deploymentOf(product, version)) : [deploymentOf(product)])));
  return DEPLOYMENTS.filter((deployment) => served.has(deployment));
}

/**
 * The deployments whose tenants serve an emulator operation.
 *
 * @param id - Operation id (the table's, or one of the routes outside the table).
 * @param state - The simulated state the handler needs, when it needs one.
 * @param outside - For a route outside the table: the deployments serving it (its state's holders by default).
 * @returns The table's deployments that hold the state.
 * @throws Error for an id in neither the table nor the routes outside it, or when no deployment is left.
 */
export function servedBy(id: string, state?: SimulatedState, outside?: readonly Deployment[]): readonly Deployment[] {
  const holders: readonly Deployment[] | undefined = state === undefined ? undefined : STATE_HOLDERS[state];
  const table = tableDeployments(id);
  if (table === undefined && !(id in ROUTES_OUTSIDE_THE_TABLE)) throw new Error(`emulator: ${id} is not in the operation table nor in ROUTES_OUTSIDE_THE_TABLE`);
  const served = (table ?? outside ?? holders ?? []).filter((deployment) => holders === undefined || holders.includes(deployment));
  if (served.length === 0) throw new Error(`emulator: no tenant serves ${id}${state === undefined ? "" : ` with the ${state} state`}`);
  return served;
}
