import { describe, expect, it } from 'vitest';
import {
  BACKOFF_BASE_MS,
  BACKOFF_CAP_MS,
  MAX_RETRY_AFTER_MS,
  backoffCeiling,
  parseRetryAfter,
  retryDelay,
} from '../../../app/portal';

describe('backoff with full jitter', () => {
  // 2 s × 2^8 = 512 s < 600 s cap ≤ 2 s × 2^9 = 1024 s: the cap is reached at N = 9.
  it.each([
    [0, 2_000],
    [1, 4_000],
    [7, 256_000],
    [8, 512_000], // N − 1: still exponential
    [9, BACKOFF_CAP_MS], // N: first capped value
    [10, BACKOFF_CAP_MS], // N + 1: stays at the cap
    [5000, BACKOFF_CAP_MS], // 2^5000 overflows to Infinity: still the cap
  ])('after %i failed attempts the ceiling is %i ms', (attempts, ceiling) => {
    expect(backoffCeiling(attempts)).toBe(ceiling);
  });

  it('draws uniformly below the ceiling and never below Retry-After', () => {
    expect(BACKOFF_BASE_MS).toBe(2000);
    expect(retryDelay(3, 0)).toBe(0);
    expect(retryDelay(3, 0.5)).toBe(8_000);
    expect(retryDelay(3, 0.999)).toBeLessThan(16_000);
    expect(retryDelay(3, 0.5, 30_000)).toBe(30_000);
    expect(retryDelay(3, 0.5, 1_000)).toBe(8_000);
  });
});

describe('Retry-After (RFC 9110 §10.2.3)', () => {
  const now = Date.UTC(2021, 4, 3, 8, 0, 0);
  it('reads delay-seconds', () => {
    expect(parseRetryAfter('0', now)).toBe(0);
    expect(parseRetryAfter(' 120 ', now)).toBe(120_000);
  });
  it('reads an HTTP-date relative to now, never negative', () => {
    expect(parseRetryAfter('Mon, 03 May 2021 08:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Mon, 03 May 2021 07:00:00 GMT', now)).toBe(0);
  });
  it('ignores what it cannot read and caps absurd values', () => {
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
    expect(parseRetryAfter('2021-05-03T08:00:30Z', now)).toBeUndefined();
    expect(parseRetryAfter('99999999', now)).toBe(MAX_RETRY_AFTER_MS);
  });
});
