/**
 * A tenant's seeded "world": endpoints, domain users and console analysts.
 * Incidents (and later alerts, endpoints, audit logs) refer to these, so the
 * data stays consistent across operations.
 */
import { randomHex, randomInt, type Random } from "../random.js";

/** An endpoint running an agent. */
export interface SeedHost {
  /** Host name, lowercase. */
  readonly hostName: string;
  /** 32-hex agent id. */
  readonly agentId: string;
}

/** A console user who can be assigned incidents. */
export interface SeedAnalyst {
  /** Login e-mail (`assigned_user_mail`). */
  readonly mail: string;
  /** Display name (`assigned_user_pretty_name`). */
  readonly prettyName: string;
}

/** Everything seeded data refers to. */
export interface Directory {
  /** Endpoints; non-empty. */
  readonly hosts: readonly SeedHost[];
  /** Domain accounts such as `corp\\jdoe`; non-empty. */
  readonly users: readonly string[];
  /** Console analysts; non-empty. */
  readonly analysts: readonly SeedAnalyst[];
}

const FIRST_NAMES = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy"] as const;
const LAST_NAMES = ["smith", "jones", "garcia", "chen", "okafor", "novak", "silva", "kim"] as const;
const HOST_PREFIXES = ["ws", "lt", "srv", "dc", "web", "db"] as const;

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** Generates a tenant's directory from its random stream. */
export function generateDirectory(random: Random): Directory {
  const hosts: SeedHost[] = [];
  const hostCount = randomInt(random, 8, 16);
  for (let i = 0; i < hostCount; i++) {
    const prefix = HOST_PREFIXES[randomInt(random, 0, HOST_PREFIXES.length - 1)] ?? "ws";
    hosts.push({ hostName: `${prefix}-${String(100 + i * 7).padStart(4, "0")}`, agentId: randomHex(random, 32) });
  }
  const users = FIRST_NAMES.map((first, i) => {
    const last = LAST_NAMES[i % LAST_NAMES.length] ?? "smith";
    return `corp\\${first.charAt(0)}${last}`;
  });
  const analysts = FIRST_NAMES.slice(0, 4).map((first, i) => {
    const last = LAST_NAMES[(i + 3) % LAST_NAMES.length] ?? "smith";
    return { mail: `${first}.${last}@example.com`, prettyName: `${capitalize(first)} ${capitalize(last)}` };
  });
  return { hosts, users, analysts };
}
