import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { callSignal } from "../src/deadline.js";

describe("call signals", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance"] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("shares one signal among calls without a signal whose deadlines fall in the same bucket, firing at the deadline, never before", () => {
    const first = callSignal(1_000, undefined);
    const second = callSignal(1_000, undefined);
    expect(second.signal).toBe(first.signal);
    vi.advanceTimersByTime(999);
    expect(first.signal.aborted).toBe(false);
    // Deadlines are rounded up to the bucket (10 ms for a 1 s timeout): at most that late.
    vi.advanceTimersByTime(11);
    expect(first.signal.aborted).toBe(true);
    expect((first.signal.reason as DOMException).name).toBe("TimeoutError");
    // A later call gets a fresh signal.
    expect(callSignal(1_000, undefined).signal.aborted).toBe(false);
  });

  it("gives a call with its own signal its own controller, linked to the caller's until released", () => {
    const caller = new AbortController();
    const shared = callSignal(1_000, undefined);
    const own = callSignal(1_000, caller.signal);
    expect(own.signal).not.toBe(shared.signal);
    caller.abort(new Error("stop"));
    expect(own.signal.aborted).toBe(true);
    expect(shared.signal.aborted).toBe(false);

    const later = new AbortController();
    const released = callSignal(50, later.signal);
    released.release();
    later.abort();
    vi.advanceTimersByTime(100);
    expect(released.signal.aborted).toBe(false);
  });
});
