/**
 * Applying ops received from other devices (DESIGN.md "Ops and merge"). One transaction
 * per call; remote ops NEVER produce outbox entries (they are someone else's changes).
 *
 * Deleted visits: the visit row, its pending doc and its submission row are removed and a
 * clear `tombstones` row `{ id, hlc }` is kept (a random id and a clock: nothing personal),
 * so any later op on that id stays dead whatever the delivery order.
 * Incomplete visits (an edit delivered before the creation) wait, encrypted, as a
 * `records` row of kind `'visit-doc'` until the missing fields arrive.
 */
import type { Keyring } from '../crypto';
import {
  canonicalJson,
  compareHlc,
  docToVisit,
  isVisitOp,
  maxHlc,
  mergeOps,
  mergeRecordVersion,
  parseOps,
  receiveHlc,
  type Op,
  type RecordOp,
  type VisitOp,
} from '../domain';
import type { ComptoirDb } from './db';
import { StorageError } from './errors';
import { guard, requireMeta } from './guard';
import { sealRecordRow } from './record-rows';
import { recordKey } from './rows';
import { isVisit } from './shapes';
import { loadSyncMeta, storeSyncMeta } from './sync-meta';
import { isSyncedRecord, readRecordVersion } from './sync-records';
import { readStoredDoc, syncWriteTables } from './sync-write';
import { sealVisitRow } from './visit-rows';

/** HLC receive, only when something newer than the local clock arrived (idempotence). */
async function receiveClock(db: ComptoirDb, deviceId: string, ops: readonly Op[]): Promise<void> {
  const first = ops[0];
  if (!first) return;
  const remote = ops.reduce((m, op) => maxHlc(m, op.hlc), first.hlc);
  const local = (await loadSyncMeta(db)).hlc;
  if (local !== null && compareHlc(remote, local) <= 0) return;
  await storeSyncMeta(db, { hlc: receiveHlc(local, remote, Date.now(), deviceId) });
}

/** Keeps the submissions invariant: a row exists iff the visit is `queued`. */
async function syncSubmission(db: ComptoirDb, id: string, queued: boolean): Promise<void> {
  if (!queued) return db.submissions.delete(id);
  if (!(await db.submissions.get(id))) {
    await db.submissions.add({ visitId: id, nextAttemptAt: Date.now(), attempts: 0 });
  }
}

/** Merges the ops of one visit; true when the readable visit changed. */
async function applyVisitOps(
  db: ComptoirDb,
  keyring: Keyring,
  id: string,
  ops: VisitOp[],
): Promise<boolean> {
  const stored = await readStoredDoc(db, keyring, id);
  const pendingKey = recordKey('visit-doc', id);
  if (stored.deleted !== undefined) {
    const hlc = ops.reduce((m, op) => (op.t === 'del' ? maxHlc(m, op.hlc) : m), stored.deleted);
    if (hlc !== stored.deleted) await db.tombstones.put({ id, hlc });
    return false;
  }
  const merged = mergeOps(stored.doc, ops);
  if (stored.doc && canonicalJson(merged) === canonicalJson(stored.doc)) return false;
  if (merged.deleted !== undefined) {
    await db.tombstones.put({ id, hlc: merged.deleted });
    await db.visits.delete(id);
    await db.records.delete(pendingKey);
    await db.submissions.delete(id);
    return stored.row !== undefined;
  }
  const visit = docToVisit(id, merged);
  if (visit && isVisit(visit)) {
    await db.visits.put(sealVisitRow(keyring, visit, merged));
    await db.records.delete(pendingKey);
    await syncSubmission(db, id, visit.state === 'queued');
    return true;
  }
  if (stored.row) throw new StorageError('corrupt', 'remote ops would make a visit unreadable');
  await db.records.put(sealRecordRow(keyring, 'visit-doc', id, merged));
  return false;
}

/** Whole-record LWW of one record op. */
async function applyRecordOp(db: ComptoirDb, keyring: Keyring, op: RecordOp): Promise<void> {
  if (!isSyncedRecord(op.kind, op.id, op.value)) {
    throw new StorageError('corrupt', `malformed ${op.kind} record in remote ops`);
  }
  const current = await readRecordVersion(db, keyring, op.kind, op.id);
  const incoming = { value: op.value, hlc: op.hlc };
  if (mergeRecordVersion(current, incoming) !== incoming) return;
  await db.records.put(sealRecordRow(keyring, op.kind, op.id, op.value));
  await db.clocks.put({ id: recordKey(op.kind, op.id), hlc: op.hlc });
}

/**
 * Merges ops from other devices into the store, in ONE transaction: HLC receive (so the
 * next local change is later than all of them), merge per visit / record, rows rewritten,
 * clear `day`/`state` updated, submission rows kept in step with `queued`. Writes no
 * outbox entry. Idempotent: applying the same ops again changes nothing.
 *
 * @param ops ops from verified bundles (validated again with `parseOps`)
 * @returns ids of the visits whose readable content changed (created, edited, deleted)
 * @throws OpsFormatError on malformed ops; StorageError `corrupt` when a record op has a
 *   wrong shape or ops would make a stored visit unreadable, `missing`, `quota`;
 *   IntegrityError when a stored row was tampered with
 */
export async function applyRemoteOps(
  db: ComptoirDb,
  keyring: Keyring,
  ops: Op[],
): Promise<{ changedVisitIds: string[] }> {
  const checked = parseOps(ops);
  return guard(db, () =>
    db.transaction('rw', [...syncWriteTables(db), db.submissions], async () => {
      await requireMeta(db, keyring.vaultId);
      await receiveClock(db, keyring.deviceId, checked);
      const byVisit = new Map<string, VisitOp[]>();
      for (const op of checked.filter(isVisitOp)) {
        byVisit.set(op.id, [...(byVisit.get(op.id) ?? []), op]);
      }
      const changedVisitIds: string[] = [];
      for (const [id, group] of byVisit) {
        if (await applyVisitOps(db, keyring, id, group)) changedVisitIds.push(id);
      }
      for (const op of checked) if (op.t === 'record') await applyRecordOp(db, keyring, op);
      return { changedVisitIds };
    }),
  );
}
