/**
 * A generic waiter: polls until a check says done, with exponential backoff and jitter, a maximum wait
 * and an AbortSignal. Product clients build action and query waiters on it.
 *
 * @module
 */
import { CortexAbortError, CortexTimeoutError } from "./errors.js";

/** What one poll found. */
export type WaitState<T> =
  | {
      /** The wait is over. */
      readonly done: true;
      /** The result. */
      readonly value: T;
    }
  | {
      /** Not yet. */
      readonly done: false;
      /** What the poll saw (e.g. `PENDING`), reported if the wait times out. */
      readonly state?: unknown;
    };

/** Options of {@link waitUntil}. */
export interface WaitOptions {
  /** Longest total wait in ms (default 300,000). */
  readonly maxWaitMs?: number;
  /** First delay between polls in ms (default 1,000). */
  readonly minDelayMs?: number;
  /** Largest delay between polls in ms (default 30,000). */
  readonly maxDelayMs?: number;
  /** Stops waiting. */
  readonly signal?: AbortSignal;
  /** What is being waited for, for error messages (e.g. `action 1234`). */
  readonly description?: string;
  /** Source of jitter (injectable for tests). */
  readonly random?: () => number;
}

/**
 * Polls `check` until it reports done, and returns its value. Delays grow exponentially from `minDelayMs`
 * to `maxDelayMs` with jitter (each delay lies between the minimum and the current exponential step), and
 * never overshoot the maximum wait: the last poll happens at the deadline. Errors thrown by `check` end
 * the wait (a failed action should throw, not be polled forever).
 *
 * @param check - One poll; receives the poll number from 1.
 * @param options - Limits, signal and description.
 * @returns The value of the first poll that is done.
 * @throws {@link CortexTimeoutError} (`phase` `wait`, with `lastState`) when the maximum wait passes.
 * @throws {@link CortexAbortError} when the signal fires.
 * @example
 * ```ts
 * const status = await waitUntil(async () => {
 *   const reply = await xdr.actions.getStatus({ group_action_id: id });
 *   return isFinished(reply) ? { done: true, value: reply } : { done: false, state: reply };
 * }, { maxWaitMs: 600_000, description: `action ${id}` });
 * ```
 */
export async function waitUntil<T>(check: (poll: number) => Promise<WaitState<T>>, options: WaitOptions = {}): Promise<T> {
  const maxWaitMs = options.maxWaitMs ?? 300_000;
  const minDelayMs = options.minDelayMs ?? 1_000;
  const maxDelayMs = Math.max(minDelayMs, options.maxDelayMs ?? 30_000);
  const random = options.random ?? Math.random;
  const what = options.description ?? "the operation";
  const deadline = performance.now() + maxWaitMs;
  let lastState: unknown;
  let lastPoll = false;
  for (let poll = 1; ; poll++) {
    throwIfAborted(options.signal, what);
    const result = await check(poll);
    if (result.done) return result.value;
    lastState = result.state;
    const left = deadline - performance.now();
    if (left <= 0 || lastPoll) {
      const error = new CortexTimeoutError("timeout", `Gave up waiting for ${what} after ${Math.round(maxWaitMs / 1000)} s (${poll} polls)${lastState === undefined ? "" : `; last state: ${describe(lastState)}`}. Raise maxWaitMs to wait longer.`);
      error.phase = "wait";
      error.lastState = lastState;
      error.requestMayHaveBeenSent = true;
      throw error;
    }
    const step = Math.min(maxDelayMs, minDelayMs * 2 ** (poll - 1));
    const delay = minDelayMs + random() * (step - minDelayMs);
    // The poll after a wait that reaches the deadline is the last one (timers may fire a little early).
    lastPoll = delay >= left;
    await sleep(Math.min(delay, left), options.signal);
  }
}

function describe(state: unknown): string {
  const text = typeof state === "string" ? state : JSON.stringify(state);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

function throwIfAborted(signal: AbortSignal | undefined, what: string): void {
  if (signal?.aborted === true) throw new CortexAbortError("abort", `Stopped waiting for ${what}: aborted by the caller.`, { cause: signal.reason });
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}
