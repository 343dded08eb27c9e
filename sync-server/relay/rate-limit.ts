/**
 * Token-bucket rate limit keyed on the VERIFIED device id (never an IP or a forwarded
 * header): `burst` tokens, refilled at `perSecond` per second, on an injected clock.
 */

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/** Above this many buckets, full ones are dropped (they equal a fresh bucket). */
const PRUNE_ABOVE = 10_000;

/** Per-key token buckets. */
export class TokenBucketLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
  ) {}

  /**
   * Takes one token for `key` at `nowMs`.
   * @returns 0 when allowed, else the milliseconds until a token is available.
   */
  take(key: string, nowMs: number): number {
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, updatedAt: nowMs };
    const elapsed = Math.max(0, nowMs - bucket.updatedAt) / 1000;
    bucket.tokens = Math.min(this.burst, bucket.tokens + elapsed * this.perSecond);
    bucket.updatedAt = nowMs;
    if (bucket.tokens < 1) {
      this.buckets.set(key, bucket);
      return Math.ceil(((1 - bucket.tokens) / this.perSecond) * 1000);
    }
    bucket.tokens -= 1;
    this.buckets.set(key, bucket);
    if (this.buckets.size > PRUNE_ABOVE) this.prune(nowMs);
    return 0;
  }

  private prune(nowMs: number): void {
    for (const [key, b] of this.buckets) {
      const tokens = b.tokens + (Math.max(0, nowMs - b.updatedAt) / 1000) * this.perSecond;
      if (tokens >= this.burst) this.buckets.delete(key);
    }
  }
}
