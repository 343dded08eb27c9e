/**
 * The ONE path of every local change to synced data (DESIGN.md "Sync relay"): inside the
 * caller's Dexie transaction it reads the stored doc, ticks this device's hybrid logical
 * clock (kept in the sync meta row), computes the ops, writes the row and — only when sync
 * is enabled — appends the encrypted outbox entry. The change and its outbox entry commit
 * or abort together; offline-only mode writes no outbox, so nothing grows without a relay.
 * Internal to the store.
 */
import { encryptRecord, randomId, type Keyring } from '../crypto';
import {
  effectiveState,
  encodeChanges,
  opsToChanges,
  tickHlc,
  visitToOps,
  type Op,
  type SyncedRecordKind,
  type Visit,
  type VisitDoc,
} from '../domain';
import { decodeRecord, encodeRecord } from './codec';
import type { ComptoirDb } from './db';
import { StorageError } from './errors';
import { openRecordRow } from './record-rows';
import { OUTBOX_KIND, isSealedRow, recordKey, type RecordRow, type VisitRow } from './rows';
import { isVisitDoc } from './shapes';
import { loadSyncMeta, storeSyncMeta } from './sync-meta';
import { sealVisitRow, openVisitDoc } from './visit-rows';

/** Tables a synced change touches; callers open their transaction over (at least) these. */
export function syncWriteTables(db: ComptoirDb) {
  return [db.meta, db.visits, db.records, db.tombstones, db.clocks, db.outbox];
}

/**
 * Appends one encrypted outbox entry (inside the caller's transaction): `ops` merged into
 * changes, in their wire form version 2 (entry version 2, `outbox-repo.ts`).
 * @returns its seq
 */
export async function appendOutbox(db: ComptoirDb, keyring: Keyring, ops: Op[]): Promise<number> {
  const id = randomId();
  const address = { vaultId: keyring.vaultId, kind: OUTBOX_KIND, recordId: id };
  const env = encryptRecord(keyring, address, encodeRecord(encodeChanges(opsToChanges(ops))));
  return db.outbox.add({ id, env });
}

/** What the store knows about one visit id, for merging. */
export interface StoredDoc {
  /** Current doc (null: unknown, or a still-sealed intake entry). */
  readonly doc: VisitDoc | null;
  /** Clock of its tombstone when deleted. */
  readonly deleted?: string;
  readonly row?: VisitRow;
}

/** Opens an incomplete remote doc (`records` kind `'visit-doc'`). */
export function openPendingDoc(keyring: Keyring, row: RecordRow): VisitDoc {
  return openRecordRow(keyring, row, isVisitDoc);
}

/**
 * Reads the doc of `id` inside the caller's transaction: tombstone, visit row, or pending
 * incomplete doc.
 * @throws IntegrityError / StorageError `corrupt` when the stored row is damaged
 */
export async function readStoredDoc(
  db: ComptoirDb,
  keyring: Keyring,
  id: string,
): Promise<StoredDoc> {
  const tomb = await db.tombstones.get(id);
  if (tomb) return { doc: null, deleted: tomb.hlc };
  const row = await db.visits.get(id);
  if (row) return { doc: isSealedRow(row) ? null : openVisitDoc(keyring, row).doc, row };
  const pending = await db.records.get(recordKey('visit-doc', id));
  return { doc: pending ? openPendingDoc(keyring, pending) : null };
}

/**
 * Ticks the clock; stores it and appends the outbox entry when there are ops.
 * @returns the entry's seq, `null` when none was written (no ops, or sync off)
 */
export async function commitOps(
  db: ComptoirDb,
  keyring: Keyring,
  hlc: string,
  ops: Op[],
): Promise<number | null> {
  if (ops.length === 0) return null;
  const meta = await storeSyncMeta(db, { hlc });
  return meta.enabled ? appendOutbox(db, keyring, ops) : null;
}

/** A fresh local clock (not stored yet: {@link commitOps} stores it with the ops). */
export async function localTick(db: ComptoirDb, keyring: Keyring): Promise<string> {
  return tickHlc((await loadSyncMeta(db)).hlc, Date.now(), keyring.deviceId);
}

/**
 * Writes a visit as a local change (inside the caller's transaction over
 * {@link syncWriteTables}): diff against the stored doc, row v2, clock, outbox.
 *
 * @throws StorageError `conflict` when the visit was deleted (tombstone) or its state cannot
 *   be reached by the merge; IntegrityError when the stored row is damaged
 */
export async function writeVisitChange(
  db: ComptoirDb,
  keyring: Keyring,
  next: Visit,
): Promise<void> {
  const stored = await readStoredDoc(db, keyring, next.id);
  if (stored.deleted !== undefined) throw new StorageError('conflict', 'visit was deleted');
  const hlc = await localTick(db, keyring);
  const { doc, ops } = visitToOps(stored.doc, next, hlc);
  if (effectiveState(doc) !== next.state) {
    throw new StorageError('conflict', `visit state cannot become ${next.state}`);
  }
  await db.visits.put(sealVisitRow(keyring, next, doc));
  await db.records.delete(recordKey('visit-doc', next.id));
  await commitOps(db, keyring, hlc, ops);
}

/**
 * Writes a synced record (staff member, pharmacy or portal settings) as a local change,
 * inside the caller's transaction over {@link syncWriteTables}: the row, its clock, and
 * the `record` op in the outbox when sync is enabled.
 *
 * @param row the record already sealed (`sealRecordRow`) with `value`
 */
export async function writeSyncedRecord(
  db: ComptoirDb,
  keyring: Keyring,
  kind: SyncedRecordKind,
  recordId: string,
  value: unknown,
  row: RecordRow,
): Promise<void> {
  const hlc = await localTick(db, keyring);
  await db.records.put(row);
  await db.clocks.put({ id: recordKey(kind, recordId), hlc });
  // JSON round trip: the op carries exactly what a reader of the record decrypts.
  const json = decodeRecord(encodeRecord(value), (x): x is unknown => x !== undefined);
  await commitOps(db, keyring, hlc, [{ t: 'record', kind, id: recordId, value: json, hlc }]);
}
