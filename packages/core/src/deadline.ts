/**
 * The abort signal of a call: fires when the caller's signal does or when the call's total deadline passes.
 *
 * Calls without a signal of their own share one signal per deadline bucket (deadlines rounded up to a
 * thousandth of the timeout, at least 10 ms): one AbortController and one timer serve every call started
 * in the same few milliseconds, instead of a controller, a timer and their clean-up per call. A call's
 * deadline can thus come up to a thousandth of its timeout late, never early. Only a call with its own
 * signal gets its own controller, linked to the caller's signal until the call is over.
 *
 * @module
 */
import { setMaxListeners } from "node:events";

/** A call's signal and what to do when the call is over. */
export interface CallSignal {
  /** Fires on the caller's abort or at the deadline. */
  readonly signal: AbortSignal;
  /** Unlinks the call from the caller's signal and its timer; idempotent. */
  readonly release: () => void;
}

interface Bucket {
  readonly controller: AbortController;
  readonly at: number;
}

const buckets = new Map<number, Bucket>();

/** Told when a call's signal fires: an EventListener object, so that watching costs no closure. */
export interface AbortWatcher {
  /** The signal fired; read its `reason`. */
  handleEvent(): void;
}

// The watchers of each shared deadline signal. Calls in flight are entries of a Set rather than listeners of the
// signal: a signal shared by hundreds of calls would walk its list of listeners to remove each one.
const bucketWatchers = new WeakMap<AbortSignal, Set<AbortWatcher>>();

/**
 * Tells `watcher` when `signal` fires, until {@link unwatchAbort}.
 *
 * @param signal - A call's signal (see {@link callSignal}).
 * @param watcher - What to tell.
 * @internal
 */
export function watchAbort(signal: AbortSignal, watcher: AbortWatcher): void {
  const watchers = bucketWatchers.get(signal);
  if (watchers === undefined) signal.addEventListener("abort", watcher);
  else watchers.add(watcher);
}

/**
 * Stops telling `watcher` about `signal`.
 *
 * @param signal - The signal given to {@link watchAbort}.
 * @param watcher - The watcher.
 * @internal
 */
export function unwatchAbort(signal: AbortSignal, watcher: AbortWatcher): void {
  const watchers = bucketWatchers.get(signal);
  if (watchers === undefined) signal.removeEventListener("abort", watcher);
  else watchers.delete(watcher);
}
const NOTHING = (): void => undefined;

function timeoutReason(timeoutMs?: number): DOMException {
  return new DOMException(timeoutMs === undefined ? "The call did not finish within its total deadline." : `The call did not finish within ${timeoutMs} ms.`, "TimeoutError");
}

/**
 * The signal of one call.
 *
 * @param timeoutMs - The call's total deadline, ms from now.
 * @param callerSignal - The caller's signal, if any.
 * @returns The signal and its release function.
 * @internal
 */
export function callSignal(timeoutMs: number, callerSignal: AbortSignal | undefined): CallSignal {
  if (callerSignal === undefined) return { signal: sharedDeadline(timeoutMs), release: NOTHING };
  const controller = new AbortController();
  if (callerSignal.aborted) controller.abort(callerSignal.reason);
  const onCallerAbort = (): void => controller.abort(callerSignal.reason);
  callerSignal.addEventListener("abort", onCallerAbort, { once: true });
  const timer = setTimeout(() => controller.abort(timeoutReason(timeoutMs)), timeoutMs);
  timer.unref();
  return {
    signal: controller.signal,
    release: () => {
      clearTimeout(timer);
      callerSignal.removeEventListener("abort", onCallerAbort);
    },
  };
}

function sharedDeadline(timeoutMs: number): AbortSignal {
  const granularity = Math.max(10, Math.ceil(timeoutMs / 1000));
  const now = performance.now();
  const at = Math.ceil((now + timeoutMs) / granularity) * granularity;
  let bucket = buckets.get(at);
  if (bucket === undefined) {
    const controller = new AbortController();
    // Every streaming call of the bucket (undici for each of them) listens on it.
    setMaxListeners(0, controller.signal);
    const watchers = new Set<AbortWatcher>();
    bucketWatchers.set(controller.signal, watchers);
    controller.signal.addEventListener("abort", () => {
      for (const watcher of watchers) watcher.handleEvent();
      watchers.clear();
    });
    bucket = { controller, at };
    buckets.set(at, bucket);
    const timer = setTimeout(() => {
      buckets.delete(at);
      // Calls with other timeouts may share the bucket, so the reason names none.
      controller.abort(timeoutReason());
    }, at - now);
    timer.unref();
  }
  return bucket.controller.signal;
}
