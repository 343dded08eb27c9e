/**
 * Group commit for a better-sqlite3 connection: durable writes at the cost of one fsync per
 * *batch* instead of one per call.
 *
 * How it works:
 * - {@link GroupCommit.run} queues a synchronous job and schedules a flush with
 *   `setImmediate`, so every job queued during the current turn of the event loop (all the
 *   requests Node read in one poll phase, or a burst of concurrent calls) lands in the same
 *   batch.
 * - The flush runs the batch, in call order, inside ONE `BEGIN IMMEDIATE … COMMIT`
 *   transaction; with WAL and `synchronous=FULL` the commit fsyncs the WAL once for the
 *   whole batch. Each job runs in its own SAVEPOINT, so a job that throws is rolled back
 *   and rejected alone while the rest of the batch commits.
 * - Promises settle only after COMMIT returned: an acknowledged write is on disk. When the
 *   COMMIT itself fails, every job of the batch is rejected (none was acknowledged).
 * - better-sqlite3 is synchronous, so while a batch commits the event loop is blocked and
 *   new requests wait in the socket buffers; the next poll phase reads them all and they
 *   form the next, larger, batch. Batch size adapts to the load without a timer that would
 *   add latency when idle. Batches are capped at `maxBatch` jobs to bound a transaction.
 */
import type Database from 'better-sqlite3';

/** Default cap on the number of jobs in one transaction. */
export const GROUP_COMMIT_MAX_BATCH = 2_000;

/** Counters for tests and metrics. */
export interface GroupCommitStats {
  /** Transactions committed. */
  readonly commits: number;
  /** Jobs run inside committed transactions (including jobs that threw). */
  readonly jobs: number;
}

interface Job {
  readonly run: () => unknown;
  readonly resolve: (value: unknown) => void;
  readonly reject: (reason: unknown) => void;
}

type Outcome =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: unknown };

/** Batches synchronous write jobs on one connection into one durable transaction each. */
export class GroupCommit {
  readonly #db: Database.Database;
  readonly #queue: Job[] = [];
  readonly #maxBatch: number;
  readonly #runBatch: Database.Transaction<(batch: readonly Job[]) => Outcome[]>;
  readonly #inSavepoint: Database.Transaction<(job: Job) => unknown>;
  #scheduled: NodeJS.Immediate | null = null;
  #commits = 0;
  #jobs = 0;

  constructor(db: Database.Database, maxBatch = GROUP_COMMIT_MAX_BATCH) {
    this.#db = db;
    this.#maxBatch = maxBatch;
    // A better-sqlite3 transaction function called inside another one becomes a SAVEPOINT.
    this.#inSavepoint = db.transaction((job: Job) => job.run());
    this.#runBatch = db.transaction((batch: readonly Job[]) =>
      batch.map((job): Outcome => {
        try {
          return { ok: true, value: this.#inSavepoint(job) };
        } catch (error) {
          return { ok: false, error };
        }
      }),
    );
  }

  /**
   * Queues `job` (synchronous database code) for the next batch; resolves with its result
   * once the batch committed, rejects with what it threw or with the commit's error.
   */
  run<T>(job: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ run: job, resolve: resolve as (value: unknown) => void, reject });
      this.#scheduled ??= setImmediate(() => this.flush());
    });
  }

  /** Jobs queued and not yet committed. */
  get pending(): number {
    return this.#queue.length;
  }

  /** Counters since construction. */
  get stats(): GroupCommitStats {
    return { commits: this.#commits, jobs: this.#jobs };
  }

  /** Commits everything queued now (synchronously); used by the timer and by close. */
  flush(): void {
    if (this.#scheduled !== null) {
      clearImmediate(this.#scheduled);
      this.#scheduled = null;
    }
    while (this.#queue.length > 0) {
      this.#commit(this.#queue.splice(0, this.#maxBatch));
    }
  }

  #commit(batch: readonly Job[]): void {
    let outcomes: Outcome[];
    try {
      // Inside an open transaction better-sqlite3 would only take a SAVEPOINT: no commit,
      // no fsync, so nothing could be acknowledged. The store never does that; refuse.
      if (this.#db.inTransaction) throw new Error('Group commit inside an open transaction.');
      outcomes = this.#runBatch.immediate(batch);
    } catch (error) {
      for (const job of batch) job.reject(error);
      return;
    }
    this.#commits++;
    this.#jobs += batch.length;
    batch.forEach((job, i) => {
      const outcome = outcomes[i];
      if (outcome?.ok) job.resolve(outcome.value);
      else job.reject(outcome?.error);
    });
  }
}
