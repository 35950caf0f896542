// One test per operation of the XSOAR table, through the client's methods, against the emulator: XSOAR 8
// for operations XSOAR 8 serves, XSOAR 6 for the XSOAR 6-only ones.
import type { RunningEmulator } from "@cortex-sdk/emulator";
import { operations } from "@cortex-sdk/schemas-xsoar";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startXsoarEmulator } from "./xsoar-emulator.js";
import { XSOAR_OPERATION_METHODS, XsoarClient } from "../src/index.js";
import { callOperation, destructiveLast, statefulRequests, type StatefulRequests } from "../../workflows/test-support/operation-harness.js";

let emulator: RunningEmulator;
let v8: XsoarClient;
let v6: XsoarClient;
const notServed: string[] = [];
const needState: string[] = [];
/** How long a response action runs: short, so the setup can wait for the ones later calls read. */
const ACTION_MS = 150;
let stateful: StatefulRequests = {};

beforeAll(async () => {
  const started = await startXsoarEmulator({ seed: 5, xdrState: { actionTiming: { pendingMs: 0, inProgressMs: ACTION_MS }, xqlRunMs: 0, alerts: 1_500 }, unknowns: { unknownRoute: 404, xsoar6UnknownRoute: 404 } });
  emulator = started.emulator;
  const { key8, key6 } = started;
  const common = { baseUrl: emulator.url, rateLimit: false, logLevel: "off", timeoutMs: 10_000, env: {} } as const;
  v8 = new XsoarClient({ ...common, apiKeyId: key8.keyId, apiKey: key8.key, securityLevel: "advanced", xsoarVersion: 8 });
  v6 = new XsoarClient({ ...common, apiKey: key6.key, securityLevel: "standard", xsoarVersion: 6 });
  stateful = await statefulRequests(v8, XSOAR_OPERATION_METHODS, { actionMs: ACTION_MS });
});

afterAll(async () => {
  if (needState.length > 0) console.info(`xsoar: ${needState.length} operation(s) need objects made by other calls: ${needState.join(", ")}`);
  if (notServed.length > 0) console.info(`xsoar: ${notServed.length} operation(s) not served by the emulator yet: ${notServed.join(", ")}`);
  await v8?.close();
  await v6?.close();
  await emulator?.close();
});

describe("every XSOAR operation through its method", () => {
  it("maps every operation of the table to a method", () => {
    expect(Object.keys(XSOAR_OPERATION_METHODS).sort()).toEqual(operations.map((entry) => entry.id).sort());
  });

  for (const entry of destructiveLast(operations)) {
    it(entry.id, async (context) => {
      const client = entry.xsoarVersions === undefined || entry.xsoarVersions.includes(8) ? v8 : v6;
      const outcome = await callOperation(client, XSOAR_OPERATION_METHODS, entry, client === v8 ? stateful : undefined);
      if (outcome.kind === "not_served") {
        notServed.push(entry.id);
        context.skip();
      }
      if (outcome.kind === "needs_state") {
        needState.push(entry.id);
        context.skip();
      }
      if (outcome.kind === "error") throw outcome.error;
      expect(outcome.kind === "invalid" ? outcome.issues : "valid").toBe("valid");
    });
  }
});
