export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 250, maxMs: 10_000 };

/**
 * Exponential backoff with "equal jitter": half the step is fixed, half random, so a fleet of workers
 * that lost the store at the same moment does not hammer it back in lockstep when it returns.
 */
export function backoffDelay(attempt: number, options: BackoffOptions, random: () => number = Math.random): number {
  const step = Math.min(options.maxMs, options.initialMs * 2 ** Math.max(0, attempt - 1));
  return step / 2 + (random() * step) / 2;
}

/**
 * Sleeps `ms` in slices, calling `beat` between them: a Kafka consumer that waits longer than its
 * session timeout without a heartbeat is thrown out of the group. `beat` may throw (a rebalance
 * started), which ends the wait.
 */
export async function sleepWithHeartbeat(ms: number, beat: () => Promise<void>, sliceMs = 2_000): Promise<void> {
  const until = Date.now() + ms;
  for (let left = ms; left > 0; left = until - Date.now()) {
    await new Promise((resolve) => setTimeout(resolve, Math.min(left, sliceMs)));
    await beat();
  }
}

/**
 * Runs `work` while heartbeating every `everyMs`. A heartbeat failure during the work is remembered,
 * not thrown: the write cannot be abandoned halfway, and the offset commit after it finds out that
 * the group moved on (the batch is then replayed by its new owner, which overwrites, not duplicates).
 */
export async function withHeartbeat<T>(work: () => Promise<T>, beat: () => Promise<void>, everyMs = 3_000): Promise<T> {
  const timer = setInterval(() => void beat().catch(() => undefined), everyMs);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}
