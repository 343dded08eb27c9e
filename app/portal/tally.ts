/**
 * What one attempt's outcome changes in the queue's counters and status — pure, so the
 * queue only applies it.
 */
import type { AttemptOutcome } from './attempt';
import type { DrainResult, QueueStatus } from './queue-types';

/** Mutable counters of one drain. */
export type Counts = { -readonly [K in keyof DrainResult]: DrainResult[K] };

/** The effect of one outcome. */
export interface Tally {
  /** Status fields to update. */
  readonly patch: Partial<QueueStatus>;
  /** Pause the whole queue until then (the portal said 429/503 with Retry-After). */
  readonly pauseUntil?: number;
  /** The attempt got no answer (candidates for an immediate retry when back online). */
  readonly offline: boolean;
}

/**
 * Counts `outcome` into `counts` and says how the status changes.
 *
 * @param pending the pending count before this outcome
 * @param now epoch ms
 */
export function tallyOutcome(
  outcome: AttemptOutcome,
  counts: Counts,
  pending: number,
  now: number,
): Tally {
  const left = Math.max(0, pending - 1);
  switch (outcome.kind) {
    case 'sent':
      counts.sent += 1;
      return { patch: { pending: left, lastError: undefined }, offline: false };
    case 'gone':
      return { patch: { pending: left }, offline: false };
    case 'rejected':
      counts.rejected += 1;
      return { patch: { pending: left, lastError: outcome.message }, offline: false };
    case 'blocked': {
      counts.failed += 1;
      const needsLogin = outcome.error.code === 'needs-login';
      return { patch: { needsLogin, lastError: outcome.error.message }, offline: false };
    }
    case 'retry': {
      counts.failed += 1;
      const { error } = outcome;
      const patch = { lastError: error.message };
      // The portal asked everyone to wait: pause the whole queue, not just this row.
      if (error.code === 'throttled') {
        return { patch, pauseUntil: now + (error.retryAfterMs ?? 0), offline: false };
      }
      return { patch, offline: error.code === 'network' };
    }
  }
}
