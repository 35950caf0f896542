/**
 * The fault plan: rules that make chosen requests fail the way networks,
 * gateways and misconfigured clients fail. A rule matches by method and path
 * (or none: every request), fires on a schedule (`on: [3, 7]`: the 3rd and 7th
 * matching request) or with a seeded probability, and applies one fault.
 * Rules are evaluated before authentication, like a proxy in front of the
 * tenant. Counters and random streams are per rule, so a plan replays the same
 * way for the same request sequence.
 */
import { stripTrailingSlash } from "./paths.js";
import { deriveSeed, mulberry32, type Random } from "./random.js";

/** What a fault does to a matching request. */
export type FaultAction =
  /** Waits `ms` before handling the request (combines with other faults). */
  | { readonly kind: "latency"; readonly ms: number }
  /**
   * Answers with `status` without reaching the tenant. Body defaults to the
   * vendor envelope (429: "Too many requests"; 503: "Service Unavailable").
   */
  | {
      readonly kind: "status";
      readonly status: number;
      readonly body?: unknown;
      readonly headers?: Readonly<Record<string, string>>;
    }
  /** Destroys the connection (TCP reset) without answering. */
  | { readonly kind: "reset" }
  /** Handles the request, sends the headers and the first `bytes` of the body (default: half), then destroys the connection. */
  | { readonly kind: "truncate"; readonly bytes?: number }
  /** Answers 302 to a console login page, as the console host does when a client uses the console URL. */
  | { readonly kind: "login_redirect"; readonly location?: string }
  /** Runs the server clock `ms` ahead (negative: behind) for the matching request: auth window, key expiry, `Date` header. */
  | { readonly kind: "clock_offset"; readonly ms: number };

/** One rule of a fault plan. */
export interface FaultRule {
  /** Shown in {@link FaultController.list}. */
  readonly name?: string;
  /** HTTP method to match (any case); omitted: any. */
  readonly method?: string;
  /** Exact request path to match (query and trailing slash ignored), e.g. `/public_api/v1/incidents/get_incidents`. */
  readonly path?: string;
  /** Path prefix to match, e.g. `/xsoar/`. */
  readonly pathPrefix?: string;
  /** Fire on these matching requests only (1-based, counted per rule). Excludes `probability`. */
  readonly on?: readonly number[];
  /** Fire with this probability (0..1), from a stream seeded by the emulator seed. Excludes `on`. */
  readonly probability?: number;
  /** Fire at most this many times. */
  readonly times?: number;
  /** What to do. */
  readonly fault: FaultAction;
}

/** A rule with its counters. */
export interface FaultRuleStats {
  /** The rule as configured. */
  readonly rule: FaultRule;
  /** Requests the rule matched. */
  readonly matched: number;
  /** Times it fired. */
  readonly fired: number;
}

/** Changes the fault plan of a running emulator. */
export interface FaultController {
  /** Replaces the plan (counters restart). @throws TypeError on an invalid rule. */
  set(rules: readonly FaultRule[]): void;
  /** Appends a rule. @throws TypeError on an invalid rule. */
  add(rule: FaultRule): void;
  /** Removes every rule. */
  clear(): void;
  /** The rules with their counters. */
  list(): readonly FaultRuleStats[];
}

/** The faults that apply to one request. */
export interface FaultDecision {
  /** Total added latency, ms. */
  readonly latencyMs: number;
  /** Total clock offset, ms. */
  readonly clockOffsetMs: number;
  /** The first answering fault (status, reset, redirect), if any. */
  readonly answer: Extract<FaultAction, { kind: "status" | "reset" | "login_redirect" }> | undefined;
  /** Truncation to apply to the real answer, if any. */
  readonly truncate: Extract<FaultAction, { kind: "truncate" }> | undefined;
}

const NO_FAULT: FaultDecision = { latencyMs: 0, clockOffsetMs: 0, answer: undefined, truncate: undefined };
const KINDS = ["latency", "status", "reset", "truncate", "login_redirect", "clock_offset"] as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isCount(value: unknown, min: number): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= min;
}

function validateAction(value: unknown, where: string): FaultAction {
  if (!isRecord(value)) throw new TypeError(`${where} must be an object with a 'kind'`);
  const kind = value["kind"];
  switch (kind) {
    case "latency":
      if (!isCount(value["ms"], 0)) throw new TypeError(`${where}.ms must be a non-negative integer`);
      return { kind, ms: value["ms"] };
    case "clock_offset":
      if (typeof value["ms"] !== "number" || !Number.isSafeInteger(value["ms"])) {
        throw new TypeError(`${where}.ms must be an integer`);
      }
      return { kind, ms: value["ms"] };
    case "status": {
      const status = value["status"];
      if (!isCount(status, 100) || status > 599) throw new TypeError(`${where}.status must be an HTTP status (100-599)`);
      const headers = value["headers"];
      if (headers !== undefined && (!isRecord(headers) || Object.values(headers).some((v) => typeof v !== "string"))) {
        throw new TypeError(`${where}.headers must map names to strings`);
      }
      return {
        kind,
        status,
        ...(value["body"] === undefined ? {} : { body: value["body"] }),
        ...(headers === undefined ? {} : { headers: headers as Record<string, string> }),
      };
    }
    case "reset":
      return { kind };
    case "truncate":
      if (value["bytes"] !== undefined && !isCount(value["bytes"], 0)) {
        throw new TypeError(`${where}.bytes must be a non-negative integer`);
      }
      return value["bytes"] === undefined ? { kind } : { kind, bytes: value["bytes"] as number };
    case "login_redirect":
      if (value["location"] !== undefined && typeof value["location"] !== "string") {
        throw new TypeError(`${where}.location must be a string`);
      }
      return value["location"] === undefined ? { kind } : { kind, location: value["location"] as string };
    default:
      throw new TypeError(`${where}.kind must be one of ${KINDS.join(", ")}; got ${JSON.stringify(kind)}`);
  }
}

/**
 * Checks one rule (e.g. parsed from JSON) and returns it typed.
 * @throws TypeError naming the offending field.
 */
export function validateFaultRule(value: unknown, where: string = "fault rule"): FaultRule {
  if (!isRecord(value)) throw new TypeError(`${where} must be an object`);
  const known = new Set(["name", "method", "path", "pathPrefix", "on", "probability", "times", "fault"]);
  for (const field of Object.keys(value)) {
    if (!known.has(field)) throw new TypeError(`${where} has an unknown field '${field}'`);
  }
  for (const field of ["name", "method", "path", "pathPrefix"] as const) {
    if (value[field] !== undefined && typeof value[field] !== "string") throw new TypeError(`${where}.${field} must be a string`);
  }
  const on = value["on"];
  if (on !== undefined && (!Array.isArray(on) || on.length === 0 || !on.every((n) => isCount(n, 1)))) {
    throw new TypeError(`${where}.on must be a non-empty list of positive integers`);
  }
  const probability = value["probability"];
  if (probability !== undefined && (typeof probability !== "number" || !(probability >= 0 && probability <= 1))) {
    throw new TypeError(`${where}.probability must be a number in [0, 1]`);
  }
  if (on !== undefined && probability !== undefined) throw new TypeError(`${where}: give 'on' or 'probability', not both`);
  if (value["times"] !== undefined && !isCount(value["times"], 1)) throw new TypeError(`${where}.times must be a positive integer`);
  const fault = validateAction(value["fault"], `${where}.fault`);
  const copy: Record<string, unknown> = { ...value, fault };
  return copy as unknown as FaultRule;
}

/** Checks a whole plan. @throws TypeError naming the offending rule and field. */
export function validateFaultPlan(value: unknown, where: string = "faults"): FaultRule[] {
  if (!Array.isArray(value)) throw new TypeError(`${where} must be a list of rules`);
  return value.map((rule, index) => validateFaultRule(rule, `${where}[${index}]`));
}

interface LiveRule {
  readonly rule: FaultRule;
  readonly method: string | undefined;
  readonly path: string | undefined;
  readonly on: ReadonlySet<number> | undefined;
  readonly random: Random;
  matched: number;
  fired: number;
}

/** The fault plan of one emulator: evaluation plus the runtime controller. */
export class FaultPlan implements FaultController {
  readonly #seed: number;
  #rules: LiveRule[] = [];
  #generation = 0;

  /**
   * @param seed - Emulator seed; each rule's random stream derives from it.
   * @param rules - Initial rules.
   */
  constructor(seed: number, rules: readonly FaultRule[] = []) {
    this.#seed = seed;
    this.set(rules);
  }

  #live(rule: FaultRule, position: number): LiveRule {
    return {
      rule,
      method: rule.method?.toUpperCase(),
      path: rule.path === undefined ? undefined : stripTrailingSlash(rule.path),
      on: rule.on === undefined ? undefined : new Set(rule.on),
      random: mulberry32(deriveSeed(this.#seed, `fault:${this.#generation}:${position}:${rule.name ?? ""}`)),
      matched: 0,
      fired: 0,
    };
  }

  /** Replaces the plan. */
  set(rules: readonly FaultRule[]): void {
    const valid = validateFaultPlan(rules);
    this.#generation++;
    this.#rules = valid.map((rule, position) => this.#live(rule, position));
  }

  /** Appends a rule. */
  add(rule: FaultRule): void {
    const valid = validateFaultRule(rule);
    this.#rules = [...this.#rules, this.#live(valid, this.#rules.length)];
  }

  /** Removes every rule. */
  clear(): void {
    this.#rules = [];
  }

  /** The rules with their counters. */
  list(): readonly FaultRuleStats[] {
    return this.#rules.map(({ rule, matched, fired }) => ({ rule, matched, fired }));
  }

  /** Evaluates the plan for one request (advancing counters and random streams). */
  evaluate(method: string, normalizedPath: string): FaultDecision {
    if (this.#rules.length === 0) return NO_FAULT;
    let latencyMs = 0;
    let clockOffsetMs = 0;
    let answer: FaultDecision["answer"];
    let truncate: FaultDecision["truncate"];
    for (const live of this.#rules) {
      if (live.method !== undefined && live.method !== method) continue;
      if (live.path !== undefined && live.path !== normalizedPath) continue;
      if (live.rule.pathPrefix !== undefined && !normalizedPath.startsWith(live.rule.pathPrefix)) continue;
      live.matched++;
      let fires: boolean;
      if (live.on !== undefined) fires = live.on.has(live.matched);
      else if (live.rule.probability !== undefined) fires = live.random() < live.rule.probability;
      else fires = true;
      if (!fires || (live.rule.times !== undefined && live.fired >= live.rule.times)) continue;
      live.fired++;
      const fault = live.rule.fault;
      switch (fault.kind) {
        case "latency":
          latencyMs += fault.ms;
          break;
        case "clock_offset":
          clockOffsetMs += fault.ms;
          break;
        case "truncate":
          truncate ??= fault;
          break;
        default:
          answer ??= fault;
      }
    }
    return { latencyMs, clockOffsetMs, answer, truncate };
  }
}
