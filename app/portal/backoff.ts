/**
 * Retry delays of the submission queue: exponential backoff with "full jitter"
 * (https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/):
 * `delay = random() × min(cap, base × 2^attempts)`, so retries of many tablets after an
 * outage spread out instead of arriving together.
 */

/** First backoff ceiling: 2 s. */
export const BACKOFF_BASE_MS = 2_000;
/** Ceiling of every backoff delay: 10 min. */
export const BACKOFF_CAP_MS = 10 * 60 * 1000;

/**
 * The ceiling of the delay after `attempts` failed attempts: `min(cap, base × 2^attempts)`.
 *
 * @param attempts failed attempts so far (≥ 0; fractional or negative values are clamped)
 * @returns milliseconds
 */
export function backoffCeiling(attempts: number): number {
  const n = Math.max(0, Math.floor(attempts));
  // 2^n overflows to Infinity for huge n; min() then gives the cap, as wanted.
  return Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** n);
}

/**
 * The jittered delay before the next attempt.
 *
 * @param attempts failed attempts so far
 * @param random a uniform draw in [0, 1) (injected: `Math.random` in the app, fixed in tests)
 * @param retryAfterMs the server's Retry-After, when it sent one: the delay is never shorter
 * @returns milliseconds to wait
 */
export function retryDelay(attempts: number, random: number, retryAfterMs?: number): number {
  const jittered = Math.floor(random * backoffCeiling(attempts));
  return Math.max(jittered, retryAfterMs ?? 0);
}
