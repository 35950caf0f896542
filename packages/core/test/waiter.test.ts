import { afterEach, describe, expect, it, vi } from "vitest";
import { CortexAbortError, CortexTimeoutError, waitUntil } from "../src/index.js";

describe("waitUntil", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("polls until done, backing off from the minimum delay", async () => {
    // A fake clock: the gaps are exactly the delays the waiter chose, however busy the machine.
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance"] });
    const at: number[] = [];
    const waiting = waitUntil(
      async (poll) => {
        at.push(performance.now());
        return poll === 4 ? { done: true, value: "SUCCESS" } : { done: false, state: "PENDING" };
      },
      { minDelayMs: 5, maxDelayMs: 40, random: () => 1 },
    );
    await vi.advanceTimersByTimeAsync(100);
    expect(await waiting).toBe("SUCCESS");
    expect(at).toHaveLength(4);
    // With jitter pinned to its top, the delays are 5, 10 and 20 ms.
    const gaps = at.slice(1).map((time, index) => time - (at[index] ?? 0));
    expect(gaps).toEqual([5, 10, 20]);
  });

  it("makes its last poll at the deadline, then gives up with the last state", async () => {
    let polls = 0;
    const error = await waitUntil(
      async () => {
        polls += 1;
        return { done: false, state: { status: "PENDING", progress: polls } };
      },
      { maxWaitMs: 60, minDelayMs: 10_000, description: "action 42" },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CortexTimeoutError);
    const timeout = error as CortexTimeoutError;
    expect(timeout.phase).toBe("wait");
    expect(timeout.lastState).toEqual({ status: "PENDING", progress: 2 });
    expect(timeout.message).toMatch(/Gave up waiting for action 42 .*2 polls.*PENDING/);
    expect(polls).toBe(2);
  });

  it("stops when aborted, and lets a failing check end the wait", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    const aborted = await waitUntil(async () => ({ done: false }), { minDelayMs: 5, signal: controller.signal }).catch((e: unknown) => e);
    expect(aborted).toBeInstanceOf(CortexAbortError);
    const failed = await waitUntil(async () => {
      throw new Error("action FAILED");
    }).catch((e: unknown) => e);
    expect((failed as Error).message).toBe("action FAILED");
  });
});
