// One test per operation of the XSIAM table, through the client's methods, against the emulator.
import { startEmulator, type RunningEmulator } from "@cortex-sdk/emulator";
import { operations } from "@cortex-sdk/schemas-xsiam";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { XSIAM_OPERATION_METHODS, XsiamClient } from "../src/index.js";
import { callOperation, destructiveLast, statefulRequests, type StatefulRequests } from "../../workflows/test-support/operation-harness.js";

let emulator: RunningEmulator;
let client: XsiamClient;
const notServed: string[] = [];
const needState: string[] = [];
/** How long a response action runs: short, so the setup can wait for the ones later calls read. */
const ACTION_MS = 150;
let stateful: StatefulRequests = {};

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, seed: 3, rateLimits: { perSecond: null }, xdrState: { actionTiming: { pendingMs: 0, inProgressMs: ACTION_MS }, xqlRunMs: 0, alerts: 1_500 }, unknowns: { unknownRoute: 404 } } as Parameters<typeof startEmulator>[0]);
  const key = emulator.bootstrapKeys.find((candidate) => candidate.product === "xsiam");
  if (key === undefined) throw new Error("no XSIAM tenant");
  client = new XsiamClient({ baseUrl: emulator.url, apiKeyId: key.keyId, apiKey: key.key, securityLevel: "advanced", rateLimit: false, logLevel: "off", timeoutMs: 10_000, env: {} });
  stateful = await statefulRequests(client, XSIAM_OPERATION_METHODS, { actionMs: ACTION_MS, apiKeyId: String(key.keyId), securityLevel: "advanced" });
});

afterAll(async () => {
  if (needState.length > 0) console.info(`xsiam: ${needState.length} operation(s) need objects made by other calls: ${needState.join(", ")}`);
  if (notServed.length > 0) console.info(`xsiam: ${notServed.length} operation(s) not served by the emulator yet: ${notServed.join(", ")}`);
  await client?.close();
  await emulator?.close();
});

describe("every XSIAM operation through its method", () => {
  it("maps every operation of the table to a method", () => {
    expect(Object.keys(XSIAM_OPERATION_METHODS).sort()).toEqual(operations.map((entry) => entry.id).sort());
  });

  for (const entry of destructiveLast(operations)) {
    it(entry.id, async (context) => {
      const outcome = await callOperation(client, XSIAM_OPERATION_METHODS, entry, stateful);
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
