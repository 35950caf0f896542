import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { callSignal, unwatchAbort, watchAbort } from "../src/deadline.js";

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

  it("tells a watcher of a shared deadline or of a caller's signal when it fires, and no longer once unwatched", () => {
    const told: string[] = [];
    const watcher = (name: string) => ({ handleEvent: () => told.push(name) });
    // A timeout no other test uses: buckets outlive a test's fake timers.
    const shared = callSignal(7_000, undefined);
    const kept = watcher("kept");
    const dropped = watcher("dropped");
    watchAbort(shared.signal, kept);
    watchAbort(shared.signal, dropped);
    unwatchAbort(shared.signal, dropped);
    const caller = new AbortController();
    const own = callSignal(1_000, caller.signal);
    const ownWatcher = watcher("own");
    watchAbort(own.signal, ownWatcher);
    caller.abort(new Error("stop"));
    expect(told).toEqual(["own"]);
    vi.advanceTimersByTime(7_010);
    expect(told).toEqual(["own", "kept"]);
    // A signal fires once: nothing is told twice.
    unwatchAbort(own.signal, ownWatcher);
    vi.advanceTimersByTime(5_000);
    expect(told).toEqual(["own", "kept"]);
  });
});
