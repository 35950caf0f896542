import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AuthFailureReason, type RunningEmulator } from "../src/index.js";
import { startEmulator } from "./helpers.js";
import { advancedHeaders, call, UNAUTHORIZED, type Credentials } from "./helpers.js";

const OFFSET = 10 * 60 * 1000;
const HEALTH = "/public_api/v1/healthcheck";

// The emulator runs 10 minutes ahead of this process: a client signing with
// its own clock is outside the default ±5 minute window. Both clocks are fixed
// (BASE), so the Date header is known to the second.
const BASE = Date.UTC(2026, 0, 15, 12, 0, 0);
let emulator: RunningEmulator;
let admin: Credentials;
const reasons: AuthFailureReason[] = [];

beforeAll(async () => {
  emulator = await startEmulator({ now: () => BASE, clockOffsetMs: OFFSET, onAuthFailure: (event) => reasons.push(event.reason) });
  const [bootstrap] = emulator.bootstrapKeys;
  if (bootstrap === undefined) throw new Error("no bootstrap key");
  admin = bootstrap;
});

afterAll(async () => {
  await emulator.close();
});

describe("clock skew", () => {
  it("rejects requests signed with a clock outside the window, with the plain 401", async () => {
    const reply = await call(emulator.url, HEALTH, { method: "GET", headers: advancedHeaders(admin, BASE) });
    expect(reply.status).toBe(401);
    expect(reply.text).toBe(JSON.stringify(UNAUTHORIZED));
    expect(reasons.at(-1)).toBe("clock_skew");
  });

  it("exposes its clock in the Date header, so a client can correct and succeed", async () => {
    const probe = await call(emulator.url, HEALTH, { method: "GET" });
    const serverTime = Date.parse(probe.headers.get("date") ?? "");
    const skew = serverTime - BASE;
    expect(skew).toBe(OFFSET);
    const corrected = await call(emulator.url, HEALTH, { method: "GET", headers: advancedHeaders(admin, BASE + skew) });
    expect(corrected.status).toBe(200);
  });
});
