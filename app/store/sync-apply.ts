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
  maxHlc,
  mergeDocs,
  mergeRecordVersion,
  opsToChanges,
  parseOps,
  receiveHlc,
  type Changes,
  type Hlc,
  type Op,
  type RecordOp,
  type VisitDoc,
} from '../domain';
import { applyAuditOp } from './audit-sync';
import { bulkGetPresent } from './bulk-get';
import type { ComptoirDb } from './db';
import { StorageError } from './errors';
import { guard, requireMeta } from './guard';
import { sealRecordRow } from './record-rows';
import { isVisit } from './shapes';
import { loadSyncMeta, storeSyncMeta } from './sync-meta';
import { isSyncedRecord, readRecordVersion } from './sync-records';
import { isSealedRow, recordKey, type RecordRow, type VisitRow } from './rows';
import { openPendingDoc, syncWriteTables, type StoredDoc } from './sync-write';
import { openVisitDoc, sealVisitRow } from './visit-rows';

/** HLC receive, only when something newer than the local clock arrived (idempotence). */
async function receiveClock(db: ComptoirDb, deviceId: string, remote: Hlc | null): Promise<void> {
  if (remote === null) return;
  const local = (await loadSyncMeta(db)).hlc;
  if (local !== null && compareHlc(remote, local) <= 0) return;
  await storeSyncMeta(db, { hlc: receiveHlc(local, remote, Date.now(), deviceId) });
}

/** What the visits of one batch write, collected so each table is written once. */
interface VisitWrites {
  readonly visits: VisitRow[];
  readonly visitDeletes: string[];
  readonly tombstones: { id: string; hlc: string }[];
  readonly pendingPuts: RecordRow[];
  readonly pendingDeletes: string[];
  /** Ids whose submission row must exist (queued) or must not (the others). */
  readonly queued: string[];
  readonly notQueued: string[];
  readonly changed: string[];
}

/** The stored doc of each id, read in bulk per table (as `readStoredDoc`). */
async function readStoredDocs(
  db: ComptoirDb,
  keyring: Keyring,
  ids: readonly string[],
): Promise<(StoredDoc & { pendingExists: boolean })[]> {
  // Incomplete remote visits are rare: their keys come from the `kind` index, and only
  // the ones of this batch are read.
  const pendingKeys = new Set(await db.records.where('kind').equals('visit-doc').primaryKeys());
  const wanted = ids.map((id) => recordKey('visit-doc', id)).filter((k) => pendingKeys.has(k));
  const [tombs, rows, pendings] = await Promise.all([
    bulkGetPresent(db.tombstones, ids),
    bulkGetPresent(db.visits, ids),
    db.records.bulkGet(wanted),
  ]);
  const pendingByKey = new Map(pendings.flatMap((row) => (row ? [[row.id, row] as const] : [])));
  return ids.map((id, i) => {
    const tomb = tombs[i];
    const row = rows[i];
    const pending = pendingByKey.get(recordKey('visit-doc', id));
    const pendingExists = pending !== undefined;
    if (tomb) return { doc: null, deleted: tomb.hlc, pendingExists };
    if (row) {
      return {
        doc: isSealedRow(row) ? null : openVisitDoc(keyring, row).doc,
        row,
        pendingExists,
      };
    }
    return { doc: pending ? openPendingDoc(keyring, pending) : null, pendingExists };
  });
}

/** Merges one visit's incoming doc into what is stored; records the writes. */
function mergeVisit(
  keyring: Keyring,
  id: string,
  incoming: VisitDoc,
  stored: StoredDoc & { pendingExists: boolean },
  out: VisitWrites,
): void {
  const pendingKey = recordKey('visit-doc', id);
  if (stored.deleted !== undefined) {
    const hlc =
      incoming.deleted === undefined ? stored.deleted : maxHlc(stored.deleted, incoming.deleted);
    if (hlc !== stored.deleted) out.tombstones.push({ id, hlc });
    return;
  }
  const merged = stored.doc ? mergeDocs(stored.doc, incoming) : incoming;
  if (stored.doc && canonicalJson(merged) === canonicalJson(stored.doc)) return;
  if (merged.deleted !== undefined) {
    out.tombstones.push({ id, hlc: merged.deleted });
    if (stored.row) out.visitDeletes.push(id);
    if (stored.pendingExists) out.pendingDeletes.push(pendingKey);
    out.notQueued.push(id);
    if (stored.row !== undefined) out.changed.push(id);
    return;
  }
  const visit = docToVisit(id, merged);
  if (visit && isVisit(visit)) {
    out.visits.push(sealVisitRow(keyring, visit, merged));
    if (stored.pendingExists) out.pendingDeletes.push(pendingKey);
    (visit.state === 'queued' ? out.queued : out.notQueued).push(id);
    out.changed.push(id);
    return;
  }
  if (stored.row) throw new StorageError('corrupt', 'remote ops would make a visit unreadable');
  out.pendingPuts.push(sealRecordRow(keyring, 'visit-doc', id, merged));
}

/**
 * Keeps the submissions invariant (a row exists iff the visit is `queued`) for a batch:
 * only the rows that may exist are read.
 */
async function syncSubmissions(db: ComptoirDb, w: VisitWrites, wasQueued: Set<string>) {
  const stale = w.notQueued.filter((id) => wasQueued.has(id));
  if (stale.length > 0) await db.submissions.bulkDelete(stale);
  if (w.queued.length === 0) return;
  const existing = await db.submissions.bulkGet(w.queued);
  const now = Date.now();
  const missing = w.queued.filter((_, i) => existing[i] === undefined);
  await db.submissions.bulkAdd(
    missing.map((visitId) => ({ visitId, nextAttemptAt: now, attempts: 0 })),
  );
}

/** Merges the incoming visit docs with one bulk read and one bulk write per table. */
async function applyVisitDocs(
  db: ComptoirDb,
  keyring: Keyring,
  visits: ReadonlyMap<string, VisitDoc>,
): Promise<string[]> {
  const ids = [...visits.keys()];
  if (ids.length === 0) return [];
  const stored = await readStoredDocs(db, keyring, ids);
  const w: VisitWrites = {
    visits: [],
    visitDeletes: [],
    tombstones: [],
    pendingPuts: [],
    pendingDeletes: [],
    queued: [],
    notQueued: [],
    changed: [],
  };
  const wasQueued = new Set<string>();
  ids.forEach((id, i) => {
    const s = stored[i];
    const incoming = visits.get(id);
    if (!s || !incoming) return;
    // The submissions invariant says only a queued row can have a submission.
    if (s.row?.state === 'queued') wasQueued.add(id);
    mergeVisit(keyring, id, incoming, s, w);
  });
  if (w.tombstones.length > 0) await db.tombstones.bulkPut(w.tombstones);
  if (w.visitDeletes.length > 0) await db.visits.bulkDelete(w.visitDeletes);
  if (w.visits.length > 0) await db.visits.bulkPut(w.visits);
  if (w.pendingDeletes.length > 0) await db.records.bulkDelete(w.pendingDeletes);
  if (w.pendingPuts.length > 0) await db.records.bulkPut(w.pendingPuts);
  await syncSubmissions(db, w, wasQueued);
  return w.changed;
}

/** Whole-record LWW of one record op. */
async function applyRecordOp(db: ComptoirDb, keyring: Keyring, op: RecordOp): Promise<void> {
  if (!isSyncedRecord(op.kind, op.id, op.value)) {
    throw new StorageError('corrupt', `malformed ${op.kind} record in remote ops`);
  }
  // Audit entries are immutable: no last-writer-wins (see audit-sync.ts).
  if (op.kind === 'audit') return applyAuditOp(db, keyring, op);
  const current = await readRecordVersion(db, keyring, op.kind, op.id);
  const incoming = { value: op.value, hlc: op.hlc };
  if (mergeRecordVersion(current, incoming) !== incoming) return;
  await db.records.put(sealRecordRow(keyring, op.kind, op.id, op.value));
  await db.clocks.put({ id: recordKey(op.kind, op.id), hlc: op.hlc });
}

/**
 * Merges changes from other devices (visit docs joined per visit, record ops; see
 * `opsToChanges` / `parseChanges`) into the store, in ONE transaction: HLC receive (so the
 * next local change is later than all of them), merge per visit / record, rows rewritten,
 * clear `day`/`state` updated, submission rows kept in step with `queued`. Each table is
 * read and written in bulk. Writes no outbox entry. Idempotent: applying the same changes
 * again changes nothing.
 *
 * @param changes validated changes (from `parseChanges` or `opsToChanges`)
 * @returns ids of the visits whose readable content changed (created, edited, deleted)
 * @throws StorageError `corrupt` when a record op has a wrong shape or changes would make a
 *   stored visit unreadable, `missing`, `quota`; IntegrityError when a stored row was
 *   tampered with
 */
export async function applyRemoteChanges(
  db: ComptoirDb,
  keyring: Keyring,
  changes: Changes,
): Promise<{ changedVisitIds: string[] }> {
  return guard(db, () =>
    db.transaction('rw', [...syncWriteTables(db), db.submissions], async () => {
      await requireMeta(db, keyring.vaultId);
      await receiveClock(db, keyring.deviceId, changes.latest);
      const changedVisitIds = await applyVisitDocs(db, keyring, changes.visits);
      for (const op of changes.records) await applyRecordOp(db, keyring, op);
      return { changedVisitIds };
    }),
  );
}

/**
 * {@link applyRemoteChanges} of ops: validated with `parseOps`, merged per visit with
 * `opsToChanges`.
 *
 * @param ops ops from verified bundles
 * @returns ids of the visits whose readable content changed (created, edited, deleted)
 * @throws OpsFormatError on malformed ops; otherwise as {@link applyRemoteChanges}
 */
export async function applyRemoteOps(
  db: ComptoirDb,
  keyring: Keyring,
  ops: Op[],
): Promise<{ changedVisitIds: string[] }> {
  return applyRemoteChanges(db, keyring, opsToChanges(parseOps(ops)));
}
