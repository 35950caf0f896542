/**
 * One {@link XdrWorld} per tenant, built on first use, and its persistence.
 *
 * With a data directory, what clients changed (incidents, alerts, inserted
 * alerts, endpoint state, response actions, lookup datasets, IOC rules, hash
 * lists, user roles and the id counters) is written to `xdr.<tenant id>.json` next to the
 * engine's `state.json`, with the same atomic write. On start the seeded world
 * is rebuilt and the file's records are laid over it. Download links and XQL
 * queries are kept in memory only (links expire after 10 minutes anyway).
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { AlertRecord } from "../../data/alerts.js";
import type { Incident } from "../../data/incidents.js";
import { writeFileAtomic } from "../../persistence.js";
import type { EmulatorState } from "../../state.js";
import type { Tenant } from "../../tenant.js";
import { XDR_DATA_ANCHOR_MS, type ResolvedXdrOptions } from "./options.js";
import { XdrWorld, type ActionRecord, type DistributionRecord, type EndpointState, type IocRule, type LookupDataset } from "./world.js";

/** Version of the `xdr.<tenant>.json` format. */
export const XDR_STATE_FORMAT = 1;

/** The content of `xdr.<tenant id>.json`. */
export interface PersistedXdrWorld {
  /** {@link XDR_STATE_FORMAT}. */
  readonly format: number;
  /** Seed of the tenant the overlay applies to. */
  readonly tenantSeed: number;
  /** Id counters. */
  readonly next: XdrWorld["next"];
  /** Changed and created incidents. */
  readonly incidents: readonly Incident[];
  /** Changed and inserted alerts. */
  readonly alerts: readonly AlertRecord[];
  /** Changed endpoint state by agent id. */
  readonly endpoints: Readonly<Record<string, EndpointState>>;
  /** Response actions. */
  readonly actions: readonly ActionRecord[];
  /** Lookup datasets. */
  readonly lookups: readonly LookupDataset[];
  /** IOC rules. */
  readonly iocs: readonly IocRule[];
  /** Hash exceptions: `[sha256, list]`. */
  readonly hashLists: readonly (readonly [string, "blocklist" | "allowlist"])[];
  /** Agent installer packages (absent in files written before they were kept). */
  readonly distributions?: readonly DistributionRecord[];
  /** Role changes of console users: `[e-mail, role name]` (absent in older files). */
  readonly userRoles?: readonly (readonly [string, string])[];
}

interface Entry {
  readonly world: Promise<XdrWorld>;
  writing: Promise<void>;
}

const entries = new WeakMap<Tenant, Entry>();

function fileName(tenant: Tenant): string {
  return `xdr.${encodeURIComponent(tenant.id)}.json`;
}

function snapshot(world: XdrWorld): PersistedXdrWorld {
  const incidents = [...world.dirty.incidents].flatMap((id) => {
    const incident = world.incident(id);
    return incident === undefined ? [] : [incident];
  });
  const alerts = [...world.dirty.alerts].flatMap((id) => {
    const alert = world.alert(id);
    return alert === undefined ? [] : [alert];
  });
  const endpoints: Record<string, EndpointState> = {};
  for (const id of world.dirty.endpoints) {
    const state = world.endpointState.get(id);
    if (state !== undefined) endpoints[id] = state;
  }
  return {
    format: XDR_STATE_FORMAT,
    tenantSeed: world.tenant.seed,
    next: world.next,
    incidents,
    alerts,
    endpoints,
    actions: [...world.actions.values()],
    lookups: [...world.lookups.values()],
    iocs: [...world.iocs.values()],
    hashLists: [...world.hashLists.entries()],
    distributions: [...world.distributions.values()],
    userRoles: [...world.userRoles.entries()],
  };
}

function restore(world: XdrWorld, saved: PersistedXdrWorld, where: string): void {
  if (saved.format !== XDR_STATE_FORMAT || !Array.isArray(saved.incidents) || !Array.isArray(saved.alerts)) {
    throw new Error(`${where} is not an XDR state file (format ${XDR_STATE_FORMAT}); move it away to start fresh`);
  }
  [...saved.incidents]
    .sort((a, b) => Number(a.incident_id) - Number(b.incident_id))
    .forEach((incident) => world.putIncident(Object.freeze(incident)));
  [...saved.alerts].sort((a, b) => a.alert_id - b.alert_id).forEach((alert) => world.putAlert(alert));
  for (const [id, state] of Object.entries(saved.endpoints)) {
    world.endpointState.set(id, state);
    world.dirty.endpoints.add(id);
  }
  for (const action of saved.actions) world.actions.set(action.id, action);
  for (const dataset of saved.lookups) world.lookups.set(dataset.name, dataset);
  for (const rule of saved.iocs) world.iocs.set(rule.rule_id, rule);
  for (const [hash, list] of saved.hashLists) world.hashLists.set(hash, list);
  for (const distribution of saved.distributions ?? []) world.distributions.set(distribution.id, distribution);
  for (const [mail, role] of saved.userRoles ?? []) world.userRoles.set(mail, role);
  world.next = { ...world.next, ...saved.next };
}

async function load(state: EmulatorState, tenant: Tenant, options: ResolvedXdrOptions): Promise<XdrWorld> {
  const world = new XdrWorld(tenant, options, XDR_DATA_ANCHOR_MS);
  const dir = state.store?.dir;
  if (dir === undefined) return world;
  const path = join(dir, fileName(tenant));
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return world;
    throw error;
  }
  // A file that cannot be read fails the request rather than being replaced by seeded data.
  restore(world, JSON.parse(text) as PersistedXdrWorld, path);
  return world;
}

function entryOf(state: EmulatorState, tenant: Tenant, options: ResolvedXdrOptions): Entry {
  let entry = entries.get(tenant);
  if (entry === undefined) {
    entry = { world: load(state, tenant, options), writing: Promise.resolve() };
    entries.set(tenant, entry);
  }
  return entry;
}

/**
 * The tenant's XDR world: built from the seed on first use (and restored from
 * the data directory when one is configured).
 */
export function xdrWorld(state: EmulatorState, tenant: Tenant, options: ResolvedXdrOptions): Promise<XdrWorld> {
  return entryOf(state, tenant, options).world;
}

/** Writes the world's changes to the data directory (no-op without one); resolves once they are on disk. */
export async function saveXdrWorld(state: EmulatorState, world: XdrWorld): Promise<void> {
  const dir = state.store?.dir;
  if (dir === undefined) return;
  const entry = entryOf(state, world.tenant, world.options);
  const next = entry.writing
    .catch(() => undefined)
    .then(() => writeFileAtomic(dir, fileName(world.tenant), JSON.stringify(snapshot(world))));
  entry.writing = next;
  await next;
}
