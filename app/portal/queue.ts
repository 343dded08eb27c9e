/**
 * The submission queue (DESIGN.md "Transmission to the national portal"): drains the
 * persistent `submissions` table to the portal, at most `concurrency` requests in flight
 * and `ratePerSecond` starts per second, never the same visit twice at once; retries with
 * exponential backoff and full jitter, honouring `Retry-After` (RFC 9110 §10.2.3) on
 * 429/503; resumes after reload or crash because the queue IS the table.
 *
 * Locked keyring (patient mode, idle lock): the keys are wiped, visits cannot be decrypted,
 * so sending pauses until the next unlock — by design; `status.locked` says so.
 */
import type { Visit } from '../domain';
import {
  countPendingSubmissions,
  dueSubmissions,
  enqueueSubmission,
  nextSubmissionAt,
  rescheduleSubmission,
  type SubmissionRow,
} from '../store';
import { attemptSubmission, type AttemptContext, type AttemptOutcome } from './attempt';
import { OneShotTimer } from './one-shot-timer';
import { Pacer } from './pacer';
import {
  DEFAULT_CONCURRENCY,
  DEFAULT_RATE_PER_SECOND,
  type DrainResult,
  type QueueDeps,
  type QueueStatus,
} from './queue-types';
import { tallyOutcome, type Counts } from './tally';
import { TokenKeeper } from './token-keeper';

/** Rows read per batch of a drain. */
const DRAIN_BATCH = 64;
/** Re-check period while blocked (locked, logged out) so due rows cause no busy loop. */
const BLOCKED_RECHECK_MS = 60_000;

/** Drains the persistent queue to the portal. See the module comment. */
export class SubmissionQueue {
  private readonly inFlight = new Set<string>();
  private readonly tokens: TokenKeeper;
  private readonly pacer: Pacer;
  private readonly timer: OneShotTimer;
  private readonly offlineFailures = new Set<string>();
  private current: QueueStatus = { pending: 0, sending: 0, needsLogin: false, locked: false };
  private draining: Promise<DrainResult> | null = null;
  private again = false;
  private running = false;
  private unsubscribe: (() => void) | null = null;
  private pausedUntil = 0;
  private abort = new AbortController();

  /** @param deps see {@link QueueDeps} */
  constructor(private readonly deps: QueueDeps) {
    this.tokens = new TokenKeeper(deps.refresh);
    this.pacer = new Pacer(deps.ratePerSecond ?? DEFAULT_RATE_PER_SECOND);
    this.timer = new OneShotTimer(deps);
  }

  /** The last emitted status. */
  get status(): QueueStatus {
    return this.current;
  }

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }

  private emit(patch: Partial<QueueStatus>): void {
    this.current = { ...this.current, ...patch, sending: this.inFlight.size };
    this.deps.onChange?.(this.current);
  }

  /**
   * Puts a resulted (or corrected rejected) visit in the queue, then triggers a drain.
   * @returns the visit as stored (`queued`)
   * @throws StorageError `conflict` (e.g. already transmitted), `missing`, `quota`…;
   *   whatever `deps.keyring()` throws when locked
   */
  async queue(visit: Visit): Promise<Visit> {
    const stored = await enqueueSubmission(this.deps.db, this.deps.keyring(), visit, this.now());
    this.emit({ pending: await countPendingSubmissions(this.deps.db) });
    this.kick();
    return stored;
  }

  /**
   * Sends every due row once (rows that fail are rescheduled, not retried in this call).
   * Concurrent calls share one drain. Does nothing while locked, logged out, throttled or
   * after a refresh failure (until a new session), and says so in {@link status}.
   * @throws StorageError when the database itself fails
   */
  drainOnce(): Promise<DrainResult> {
    if (this.draining) {
      this.again = true;
      return this.draining;
    }
    this.draining = this.drain().finally(() => {
      this.draining = null;
    });
    return this.draining;
  }

  /** Builds the context of this drain, or null (status updated) when sending must wait. */
  private context(): Omit<AttemptContext, 'db'> | null {
    let keyring;
    try {
      keyring = this.deps.keyring();
    } catch {
      this.emit({ locked: true }); // patient mode / idle lock: by design, see module comment
      return null;
    }
    const session = this.deps.session();
    const portal = this.tokens.effective(session?.portal ?? null);
    if (!session || !portal || this.tokens.isDead(portal)) {
      this.emit({ locked: false, needsLogin: true });
      return null;
    }
    const { staff } = session;
    // The portal answers 403 when the performer is not the token's practitioner: a session
    // of another RPPS must not send this staff member's results.
    if (portal.subject !== staff.rpps) {
      this.emit({ locked: false, needsLogin: true });
      return null;
    }
    this.emit({ locked: false, needsLogin: false });
    return {
      keyring,
      portal,
      pharmacy: this.deps.pharmacy(),
      performer: { name: staff.name, rpps: staff.rpps },
      tokens: this.tokens,
      fhirBase: this.deps.config().fhirBase,
      fetchImpl: this.deps.fetchImpl,
      now: () => this.now(),
      random: this.deps.random ?? Math.random,
      signal: this.abort.signal,
    };
  }

  private async drain(): Promise<DrainResult> {
    const counts: Counts = { sent: 0, failed: 0, rejected: 0 };
    do {
      this.again = false;
      const ctx = this.context();
      if (!ctx) break;
      await this.drainWith({ ...ctx, db: this.deps.db }, counts);
    } while (this.again && !this.blocked());
    this.emit({ pending: await countPendingSubmissions(this.deps.db) });
    if (this.running) await this.schedule();
    return counts;
  }

  private blocked(): boolean {
    return this.current.needsLogin || this.now() < this.pausedUntil || this.abort.signal.aborted;
  }

  /** Batches of due rows through a pool of `concurrency` workers until none is due. */
  private async drainWith(ctx: AttemptContext, counts: Counts): Promise<void> {
    const limit = Math.max(1, this.deps.concurrency ?? DEFAULT_CONCURRENCY);
    for (;;) {
      if (this.blocked()) return;
      const rows = (await dueSubmissions(ctx.db, this.now(), DRAIN_BATCH)).filter(
        (r) => !this.inFlight.has(r.visitId),
      );
      if (rows.length === 0) return;
      const before = counts.sent + counts.rejected;
      let next = 0;
      const worker = async (): Promise<void> => {
        for (let row = rows[next++]; row && !this.blocked(); row = rows[next++]) {
          await this.pacer.take();
          if (this.blocked()) return;
          this.record(row, await this.attempt(row, ctx), counts);
        }
      };
      await Promise.all(Array.from({ length: Math.min(limit, rows.length) }, worker));
      // Rows that failed may be due again at once (jitter 0): leave them to the timer.
      if (counts.sent + counts.rejected === before) return;
    }
  }

  private async attempt(row: SubmissionRow, ctx: AttemptContext): Promise<AttemptOutcome> {
    this.inFlight.add(row.visitId);
    this.emit({});
    try {
      return await attemptSubmission(row, ctx);
    } finally {
      this.inFlight.delete(row.visitId);
      this.emit({});
    }
  }

  private record(row: SubmissionRow, outcome: AttemptOutcome, counts: Counts): void {
    if (outcome.kind === 'sent' || outcome.kind === 'rejected') {
      this.deps.onOutcome?.(row.visitId, outcome.kind);
    }
    const tally = tallyOutcome(outcome, counts, this.current.pending, this.now());
    if (tally.offline) this.offlineFailures.add(row.visitId);
    else this.offlineFailures.delete(row.visitId);
    if (tally.pauseUntil !== undefined) {
      this.pausedUntil = Math.max(this.pausedUntil, tally.pauseUntil);
    }
    this.emit(tally.patch);
  }

  /** Arms the timer at the next due time (or a slow re-check while blocked). */
  private async schedule(): Promise<void> {
    this.timer.cancel();
    const next = await nextSubmissionAt(this.deps.db);
    if (!this.running || next === null) return this.emit({ nextAttemptAt: undefined });
    const waitingForUser = this.current.locked || this.current.needsLogin;
    const at = Math.max(
      next,
      this.pausedUntil,
      waitingForUser ? this.now() + BLOCKED_RECHECK_MS : 0,
    );
    this.emit({ nextAttemptAt: at });
    this.timer.arm(at - this.now(), () => this.kick());
  }

  /** Triggers a drain soon (after a queue, an unlock, a new login, coming online). */
  kick(): void {
    if (!this.running) return;
    void this.drainOnce().catch(() => undefined); // the status carries the failure
  }

  /** Starts the timer and the `online` subscription. Idempotent. */
  start(): void {
    if (this.running) return;
    this.running = true;
    if (this.abort.signal.aborted) this.abort = new AbortController();
    this.unsubscribe = this.deps.onlineEvents?.(() => void this.onOnline()) ?? null;
    this.kick();
  }

  /**
   * Back online: rows that failed for lack of network are due now, not after their backoff,
   * and their backoff restarts (its cause is gone).
   */
  private async onOnline(): Promise<void> {
    const ids = [...this.offlineFailures];
    this.offlineFailures.clear();
    const now = this.now();
    for (const id of ids) await rescheduleSubmission(this.deps.db, id, now, 0);
    this.kick();
  }

  /** Stops the timer, aborts requests in flight (they are rescheduled), waits for the drain. */
  async stop(): Promise<void> {
    this.running = false;
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.timer.cancel();
    this.abort.abort();
    await this.draining?.catch(() => undefined);
  }
}
