/**
 * Bounded concurrency over a list, keeping the input order, and chunking: the runtime pieces bulk
 * writes and MSSP fan-out share.
 *
 * @module
 */
/**
 * Runs `task` over `items` with at most `concurrency` running at once, keeping the input order in the
 * output. Errors are captured per item, never thrown.
 *
 * @param items - Inputs.
 * @param concurrency - Most tasks at once (at least 1).
 * @param task - Work for one item.
 * @param signal - Stops starting new tasks; items not started are reported with the abort reason.
 * @returns One settled result per item, in order.
 */
export async function mapSettled<T, R>(items: readonly T[], concurrency: number, task: (item: T, index: number) => Promise<R>, signal?: AbortSignal): Promise<PromiseSettledResult<R>[]> {
  const results: PromiseSettledResult<R>[] = new Array(items.length);
  let next = 0;
  const width = Math.max(1, Math.min(Math.floor(concurrency) || 1, items.length));
  const worker = async (): Promise<void> => {
    for (let index = next++; index < items.length; index = next++) {
      if (signal?.aborted === true) {
        results[index] = { status: "rejected", reason: signal.reason };
        continue;
      }
      try {
        results[index] = { status: "fulfilled", value: await task(items[index] as T, index) };
      } catch (reason) {
        results[index] = { status: "rejected", reason };
      }
    }
  };
  await Promise.all(Array.from({ length: width }, worker));
  return results;
}

/**
 * Splits a list into chunks.
 *
 * @param items - The list.
 * @param size - Largest chunk (at least 1).
 * @returns The chunks.
 */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const step = Math.max(1, Math.floor(size));
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += step) out.push(items.slice(start, start + step));
  return out;
}
