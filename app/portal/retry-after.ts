/**
 * `Retry-After` (RFC 9110 §10.2.3, https://www.rfc-editor.org/rfc/rfc9110#section-10.2.3):
 * either `delay-seconds` (a non-negative integer) or an `HTTP-date`
 * (https://www.rfc-editor.org/rfc/rfc9110#section-5.6.7).
 */

/** A delay-seconds value: 1*DIGIT. */
const DELAY_SECONDS = /^\d+$/;

/** Upper bound we accept from a server, so a broken header cannot park the queue for days. */
export const MAX_RETRY_AFTER_MS = 24 * 60 * 60 * 1000;

/**
 * Parses a Retry-After header value into a delay from `now`.
 *
 * @param value the header value, or `null` when absent
 * @param now epoch milliseconds, the reference for an HTTP-date
 * @returns milliseconds to wait (≥ 0, ≤ {@link MAX_RETRY_AFTER_MS}), or `undefined` when
 *   the header is absent or malformed (the caller falls back to its backoff). Never throws.
 */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  let ms: number;
  if (DELAY_SECONDS.test(text)) {
    ms = Number(text) * 1000;
  } else {
    const at = Date.parse(text);
    // Date.parse also accepts ISO strings; an HTTP-date always names a weekday and "GMT".
    if (Number.isNaN(at) || !/GMT$/.test(text)) return undefined;
    ms = at - now;
  }
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, ms));
}
