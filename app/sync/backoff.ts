/**
 * Retry delays of the sync engine: exponential backoff with "full jitter" (AWS
 * Architecture Blog, "Exponential Backoff And Jitter", 2015), so many devices of a pharmacy
 * coming back online do not hit the relay in lockstep.
 * @see https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/
 */

/** First retry ceiling (2 s). */
export const BACKOFF_BASE_MS = 2_000;
/** Largest retry ceiling (5 min). */
export const BACKOFF_MAX_MS = 300_000;

/**
 * Delay before retry number `attempt` (0-based): uniform in [0, min(max, base·2^attempt)],
 * at least `floorMs` (a relay's Retry-After).
 * @param random - uniform in [0, 1) (injected for tests)
 */
export function backoffDelay(attempt: number, random: () => number, floorMs = 0): number {
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.min(attempt, 20));
  return Math.max(floorMs, Math.floor(random() * ceiling));
}
