/**
 * Token-bucket rate limit per authenticated practitioner (the access token's `sub`), not
 * per IP or forwarded header: a burst of `perSecond` requests, refilled at `perSecond`/s.
 */

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/** Per-key token buckets on an injected clock. */
export class RateLimiter {
  private buckets = new Map<string, Bucket>();

  constructor(private perSecond: number) {}

  /** Changes the rate (and burst); existing buckets restart full. */
  setRate(perSecond: number): void {
    this.perSecond = perSecond;
    this.buckets.clear();
  }

  /** Takes one token for `key` at `nowMs`; false when the bucket is empty. */
  tryTake(key: string, nowMs: number): boolean {
    const bucket = this.buckets.get(key) ?? { tokens: this.perSecond, updatedAt: nowMs };
    const elapsed = Math.max(0, nowMs - bucket.updatedAt) / 1000;
    bucket.tokens = Math.min(this.perSecond, bucket.tokens + elapsed * this.perSecond);
    bucket.updatedAt = nowMs;
    this.buckets.set(key, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  clear(): void {
    this.buckets.clear();
  }
}
