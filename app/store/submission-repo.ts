/**
 * The persistent transmission queue (`submissions` table, schema v2; layout in `rows.ts`).
 *
 * Invariant: a `submissions` row exists iff its visit is `queued`. Every function that
 * changes one changes the other in the SAME Dexie transaction, so a crash, a reload or a
 * closed tab never leaves a queued visit without a row (it would never be sent) nor a row
 * for a visit that already left the queue (it would be sent twice).
 * The row holds no personal data: visit id, next attempt time, failed-attempt count.
 */
import type { Keyring } from '../crypto';
import { canTransition, type Visit, type VisitState } from '../domain';
import type { ComptoirDb } from './db';
import { StorageError } from './errors';
import { guard, requireMeta } from './guard';
import type { SubmissionRow } from './rows';
import { isVisit } from './shapes';
import { syncWriteTables, writeVisitChange } from './sync-write';
import { openVisitRow } from './visit-rows';

export type { SubmissionRow } from './rows';

/** Reads the decrypted stored visit inside the caller's transaction. */
async function storedVisit(db: ComptoirDb, keyring: Keyring, id: string): Promise<Visit> {
  const row = await db.visits.get(id);
  if (!row) throw new StorageError('not-found', 'unknown visit');
  return openVisitRow(keyring, row);
}

/** `putVisit`'s monotone rule: the state stays or moves forward along `canTransition`. */
function assertForward(from: VisitState, to: VisitState): void {
  if (from !== to && !canTransition(from, to)) {
    throw new StorageError('conflict', `visit state cannot go ${from} → ${to}`);
  }
}

function assertVisit(visit: Visit, state: VisitState): void {
  if (!isVisit(visit)) throw new StorageError('corrupt', 'malformed visit');
  if (visit.state !== state) throw new StorageError('conflict', `visit must be ${state}`);
}

/**
 * Puts a visit in the transmission queue: in ONE transaction, the stored visit moves
 * `resulted → queued` (or `rejected → queued` after a correction) and its row is added,
 * due at `now`. The caller's `visit` (its corrections) is what gets stored, with state
 * `queued`, `updatedAt` = `now` and the previous `lastError` dropped.
 * Idempotent: a visit already `queued` is left as it is and keeps a single row.
 *
 * @param visit the visit to send, in state `resulted`, `rejected` or `queued`
 * @param now epoch milliseconds (first attempt time)
 * @returns the visit as stored
 * @throws StorageError `conflict` when the stored state cannot move to `queued`
 *   (e.g. already transmitted), `not-found`, `missing`, `corrupt`, `quota`;
 *   IntegrityError when the stored row was tampered with
 */
export async function enqueueSubmission(
  db: ComptoirDb,
  keyring: Keyring,
  visit: Visit,
  now: number,
): Promise<Visit> {
  return guard(db, async () => {
    if (!isVisit(visit)) throw new StorageError('corrupt', 'malformed visit');
    const transmission = { ...(visit.transmission ?? { attempts: 0 }) };
    delete transmission.lastError; // the portal's previous verdict no longer applies
    const queued: Visit = {
      ...visit,
      state: 'queued',
      updatedAt: new Date(now).toISOString(),
      transmission,
    };
    return db.transaction('rw', [...syncWriteTables(db), db.submissions], async () => {
      await requireMeta(db, keyring.vaultId);
      const current = await storedVisit(db, keyring, visit.id);
      const pending = await db.submissions.get(visit.id);
      if (current.state === 'queued') {
        if (!pending)
          await db.submissions.add({ visitId: visit.id, nextAttemptAt: now, attempts: 0 });
        return current;
      }
      assertForward(current.state, 'queued');
      await writeVisitChange(db, keyring, queued);
      await db.submissions.put({ visitId: visit.id, nextAttemptAt: now, attempts: 0 });
      return queued;
    });
  });
}

/**
 * Rows due at `now` (`nextAttemptAt ≤ now`), earliest first. Needs no keyring.
 *
 * @param limit maximum number of rows returned
 * @throws StorageError
 */
export async function dueSubmissions(
  db: ComptoirDb,
  now: number,
  limit: number,
): Promise<SubmissionRow[]> {
  return guard(db, () =>
    db.submissions.where('nextAttemptAt').belowOrEqual(now).limit(limit).toArray(),
  );
}

/**
 * The earliest `nextAttemptAt` of the queue, to arm a timer; `null` when the queue is empty.
 * @throws StorageError
 */
export async function nextSubmissionAt(db: ComptoirDb): Promise<number | null> {
  return guard(db, async () => {
    const first = await db.submissions.orderBy('nextAttemptAt').first();
    return first ? first.nextAttemptAt : null;
  });
}

/**
 * Records a failed attempt: the row becomes due at `nextAttemptAt` with `attempts`.
 * A row that left the queue meanwhile (sent by another tab) is not recreated.
 *
 * @param nextAttemptAt epoch milliseconds
 * @param attempts failed attempts so far, including this one
 * @throws StorageError
 */
export async function rescheduleSubmission(
  db: ComptoirDb,
  visitId: string,
  nextAttemptAt: number,
  attempts: number,
): Promise<void> {
  return guard(db, async () => {
    await db.submissions.update(visitId, { nextAttemptAt, attempts });
  });
}

/**
 * Ends a submission in one transaction: stores the visit's new `state`, `transmission` and
 * `updatedAt` (the rest of the stored record is kept, so an edit made while the request
 * was in flight is not overwritten) and deletes the row. Already in that state → only the
 * row is deleted (idempotent).
 */
async function leaveQueue(db: ComptoirDb, keyring: Keyring, visit: Visit): Promise<void> {
  return guard(db, async () => {
    await db.transaction('rw', [...syncWriteTables(db), db.submissions], async () => {
      await requireMeta(db, keyring.vaultId);
      const current = await storedVisit(db, keyring, visit.id);
      if (current.state !== visit.state) {
        assertForward(current.state, visit.state);
        const next: Visit = {
          ...current,
          state: visit.state,
          updatedAt: visit.updatedAt,
          ...(visit.transmission ? { transmission: { ...visit.transmission } } : {}),
        };
        await writeVisitChange(db, keyring, next);
      }
      await db.submissions.delete(visit.id);
    });
  });
}

/**
 * The portal accepted the visit: stores it `transmitted` (with `transmission.receipt` and
 * `transmittedAt`) and removes its row, in one transaction.
 *
 * @param visit the visit with state `'transmitted'`
 * @throws StorageError `conflict` (wrong state, or the stored visit cannot move there),
 *   `not-found`, `missing`, `quota`; IntegrityError
 */
export async function completeSubmission(
  db: ComptoirDb,
  keyring: Keyring,
  visit: Visit,
): Promise<void> {
  assertVisit(visit, 'transmitted');
  if (!visit.transmission?.receipt || !visit.transmission.transmittedAt) {
    throw new StorageError('corrupt', 'a transmitted visit needs its receipt and time');
  }
  return leaveQueue(db, keyring, visit);
}

/**
 * The portal refused the visit (4xx with an OperationOutcome): stores it `rejected` with
 * `transmission.lastError` (French) and removes its row, in one transaction. It comes back
 * through {@link enqueueSubmission} once corrected.
 *
 * @param visit the visit with state `'rejected'`
 * @throws StorageError `conflict`, `not-found`, `missing`, `quota`; IntegrityError
 */
export async function rejectSubmission(
  db: ComptoirDb,
  keyring: Keyring,
  visit: Visit,
): Promise<void> {
  assertVisit(visit, 'rejected');
  if (!visit.transmission?.lastError) {
    throw new StorageError('corrupt', 'a rejected visit needs the portal’s message');
  }
  return leaveQueue(db, keyring, visit);
}

/**
 * Removes the row of a visit that is no longer `queued` in the store (e.g. transmitted by
 * another device and merged by sync). Keeps the invariant; no keyring needed.
 * @throws StorageError
 */
export async function dropSubmission(db: ComptoirDb, visitId: string): Promise<void> {
  return guard(db, async () => {
    await db.submissions.delete(visitId);
  });
}

/**
 * Number of visits waiting in the queue (no keyring needed: for the status badge).
 * @throws StorageError
 */
export async function countPendingSubmissions(db: ComptoirDb): Promise<number> {
  return guard(db, () => db.submissions.count());
}
