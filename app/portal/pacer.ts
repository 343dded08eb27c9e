/**
 * Client-side rate limit of the submission queue: request starts are spaced at least
 * `1000 / perSecond` ms apart, so the queue never exceeds the portal's published rate
 * (a 429 costs a round trip and delays everyone; RFC 6585 §4). Uses a monotonic clock
 * (`performance.now()`), independent of the wall clock the queue schedules with.
 */

/** Spaces out calls to {@link Pacer.take}. */
export class Pacer {
  private next = 0;
  private readonly intervalMs: number;

  /**
   * @param perSecond maximum starts per second (> 0; `Infinity` disables pacing)
   * @param clock monotonic milliseconds (default `performance.now`)
   * @param sleep waits `ms` (default `setTimeout`)
   * @throws RangeError when `perSecond` is not positive
   */
  constructor(
    perSecond: number,
    private readonly clock: () => number = () => performance.now(),
    private readonly sleep: (ms: number) => Promise<void> = (ms) =>
      new Promise((resolve) => setTimeout(resolve, ms)),
  ) {
    if (!(perSecond > 0)) throw new RangeError('perSecond must be positive');
    this.intervalMs = 1000 / perSecond;
  }

  /** Resolves when the caller may start its request (slots are reserved in call order). */
  async take(): Promise<void> {
    if (this.intervalMs === 0) return;
    const now = this.clock();
    const slot = Math.max(now, this.next);
    this.next = slot + this.intervalMs;
    if (slot > now) await this.sleep(slot - now);
  }
}
