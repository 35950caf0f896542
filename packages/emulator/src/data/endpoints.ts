/**
 * Seeded endpoints (agents) in the shape `endpoints/get_endpoint` returns.
 * The directory's hosts (the ones incidents and alerts name) come first, with
 * the same host names and agent ids, then as many more as the scale asks for.
 */
import { randomHex, randomInt, type Random } from "../random.js";
import type { Directory } from "./directory.js";

/** Endpoint connection status as replies spell it. */
export type EndpointStatus = "CONNECTED" | "DISCONNECTED" | "LOST" | "UNINSTALLED";

/** Endpoint platform (filter values are these, lower case). */
export type EndpointPlatform = "windows" | "linux" | "macos";

/** The seeded, immutable facts of one endpoint. */
export interface EndpointSeed {
  /** 32-hex agent id (`endpoint_id`). */
  readonly id: string;
  /** Host name. */
  readonly name: string;
  /** Platform. */
  readonly platform: EndpointPlatform;
  /** `AGENT_TYPE_SERVER` or `AGENT_TYPE_WORKSTATION`. */
  readonly endpointType: "AGENT_TYPE_SERVER" | "AGENT_TYPE_WORKSTATION";
  /** Connection status. */
  readonly status: EndpointStatus;
  /** Private IPv4 address. */
  readonly ip: string;
  /** Public IPv4 address. */
  readonly publicIp: string;
  /** MAC address. */
  readonly mac: string;
  /** Logged-on users. */
  readonly users: readonly string[];
  /** Epoch ms. */
  readonly firstSeen: number;
  /** Epoch ms. */
  readonly lastSeen: number;
  /** Endpoint group. */
  readonly group: string;
  /** Endpoint tags. */
  readonly tags: readonly string[];
  /** Agent version. */
  readonly version: string;
}

const DAY = 24 * 60 * 60 * 1000;
const PREFIXES = ["ws", "lt", "srv", "dc", "web", "db"] as const;
const AGENT_VERSIONS = ["8.4.1.12345", "8.5.0.23456", "8.6.0.34567"] as const;
const TAGS = ["Finance", "Engineering", "PCI", "VIP"] as const;

function platformOf(name: string, random: Random): EndpointPlatform {
  if (name.startsWith("web-") || name.startsWith("db-")) return "linux";
  if (name.startsWith("lt-")) return random() < 0.5 ? "macos" : "windows";
  return "windows";
}

function statusOf(random: Random): EndpointStatus {
  const roll = random();
  if (roll < 0.85) return "CONNECTED";
  if (roll < 0.95) return "DISCONNECTED";
  if (roll < 0.99) return "LOST";
  return "UNINSTALLED";
}

/**
 * Generates `count` endpoints (at least the directory's hosts). Cheap enough
 * for 10 000 endpoints in a few milliseconds.
 */
export function generateEndpoints(random: Random, directory: Directory, count: number, anchorMs: number): EndpointSeed[] {
  const total = Math.max(count, directory.hosts.length);
  const endpoints: EndpointSeed[] = [];
  for (let index = 0; index < total; index++) {
    const host = directory.hosts[index];
    const prefix = PREFIXES[randomInt(random, 0, PREFIXES.length - 1)] ?? "ws";
    const name = host?.hostName ?? `${prefix}-${String(10_000 + index)}`;
    const id = host?.agentId ?? randomHex(random, 32);
    const platform = platformOf(name, random);
    const server = name.startsWith("srv-") || name.startsWith("dc-") || platform === "linux";
    // Hosts incidents name are connected, so response actions on them succeed.
    const status = host !== undefined ? "CONNECTED" : statusOf(random);
    const firstSeen = anchorMs - randomInt(random, 30, 400) * DAY;
    const lastSeen = status === "CONNECTED" ? anchorMs - randomInt(random, 0, 3_600_000) : anchorMs - randomInt(random, 2, 60) * DAY;
    const octet = index + 1;
    const user = directory.users[index % directory.users.length] ?? "corp\\asmith";
    endpoints.push({
      id,
      name,
      platform,
      endpointType: server ? "AGENT_TYPE_SERVER" : "AGENT_TYPE_WORKSTATION",
      status,
      ip: `10.${1 + Math.floor(octet / 65_536)}.${Math.floor(octet / 256) % 256}.${octet % 256}`,
      publicIp: `203.0.113.${1 + (index % 250)}`,
      mac: randomHex(random, 12).replace(/(..)(?!$)/g, "$1:"),
      users: server ? [] : [user],
      firstSeen,
      lastSeen,
      group: server ? "Servers" : "Workstations",
      tags: random() < 0.3 ? [TAGS[randomInt(random, 0, TAGS.length - 1)] ?? "VIP"] : [],
      version: AGENT_VERSIONS[randomInt(random, 0, AGENT_VERSIONS.length - 1)] ?? "8.6.0.34567",
    });
  }
  return endpoints;
}
