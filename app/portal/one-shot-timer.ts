/**
 * A single re-armable timer on injected timer functions (tests pass fake ones), clamped to
 * `setTimeout`'s maximum delay (2^31 − 1 ms; longer delays fire at once in browsers,
 * https://developer.mozilla.org/docs/Web/API/Window/setTimeout#maximum_delay_value).
 */

/** setTimeout's maximum delay. */
const MAX_TIMER_MS = 2_147_483_647;

/** Timer functions; default `setTimeout` / `clearTimeout`. */
export interface TimerFns {
  readonly setTimer?: (fn: () => void, ms: number) => unknown;
  readonly clearTimer?: (handle: unknown) => void;
}

/** At most one pending callback; arming again replaces it. */
export class OneShotTimer {
  private handle: unknown = null;

  /** @param fns injected timer functions */
  constructor(private readonly fns: TimerFns) {}

  /** Runs `fn` after `delayMs` (clamped to [0, 2^31 − 1]), cancelling any pending one. */
  arm(delayMs: number, fn: () => void): void {
    this.cancel();
    const set = this.fns.setTimer ?? setTimeout;
    this.handle = set(
      () => {
        this.handle = null;
        fn();
      },
      Math.min(MAX_TIMER_MS, Math.max(0, delayMs)),
    );
  }

  /** Cancels the pending callback, if any. */
  cancel(): void {
    if (this.handle === null) return;
    const clear =
      this.fns.clearTimer ?? ((h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>));
    clear(this.handle);
    this.handle = null;
  }
}
