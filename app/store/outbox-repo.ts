/**
 * The outbox (schema v3; layout in `rows.ts`): this device's local changes as encrypted
 * ops, in order, until the sync engine has pushed them in a bundle. Written only while
 * sync is enabled (by `sync-write.ts`, in the transaction of each change); offline-only
 * mode writes none.
 */
import { decryptRecord, encryptRecord, type Keyring } from '../crypto';
import { docToOps, parseOps, type Op } from '../domain';
import { decodeRecord, encodeRecord } from './codec';
import type { ComptoirDb } from './db';
import { StorageError } from './errors';
import { guard, requireMeta } from './guard';
import { OUTBOX_KIND, isSealedRow, type OutboxRow } from './rows';
import { recordSnapshotOps } from './sync-records';
import { storeSyncMeta } from './sync-meta';
import { appendOutbox, openPendingDoc, syncWriteTables } from './sync-write';
import { isDamage, openVisitDoc } from './visit-rows';

type Obj = Record<string, unknown>;
const isEntry = (x: unknown): x is { v: 1; ops: unknown } =>
  typeof x === 'object' && x !== null && (x as Obj).v === 1 && Array.isArray((x as Obj).ops);

function openEntry(keyring: Keyring, row: OutboxRow): { seq: number; ops: Op[]; bytes: number } {
  const address = { vaultId: keyring.vaultId, kind: OUTBOX_KIND, recordId: row.id };
  const plaintext = decryptRecord(keyring, address, row.env);
  const entry = decodeRecord(plaintext, isEntry);
  try {
    return { seq: row.seq ?? 0, ops: parseOps(entry.ops), bytes: plaintext.length };
  } catch (e) {
    throw new StorageError('corrupt', 'outbox entry holds malformed ops', { cause: e });
  }
}

/**
 * Removes from the waiting outbox entries every field and state op of the visits `ids`
 * (inside the caller's transaction): a purged visit's identity must not leave the device
 * after its purge. Entries left empty are deleted; others are re-encrypted in place (same
 * id and seq, so their order stands). `skip`: seqs of entries known to hold no field op
 * (the purge's own), not decrypted again. Internal (the purge calls it).
 */
export async function scrubOutbox(
  db: ComptoirDb,
  keyring: Keyring,
  ids: ReadonlySet<string>,
  skip: ReadonlySet<number> = new Set(),
): Promise<void> {
  if (ids.size === 0) return;
  for (const row of await db.outbox.toArray()) {
    if (skip.has(row.seq ?? 0)) continue;
    const { ops } = openEntry(keyring, row);
    const kept = ops.filter((op) => op.kind !== 'visit' || op.t === 'del' || !ids.has(op.id));
    if (kept.length === ops.length) continue;
    if (kept.length === 0) {
      await db.outbox.delete(row.seq ?? 0);
      continue;
    }
    const address = { vaultId: keyring.vaultId, kind: OUTBOX_KIND, recordId: row.id };
    const env = encryptRecord(keyring, address, encodeRecord({ v: 1, ops: kept }));
    await db.outbox.put({ ...row, env });
  }
}

/**
 * The oldest outbox entries (after `after`), decrypted, in order.
 *
 * @param limit maximum number of entries
 * @param after only entries with a greater seq (0: from the start)
 * @returns `{ seq, ops, bytes }` per entry (`bytes`: size of the entry's JSON, about that of
 *   its ops); pass the last `seq` pushed to {@link deleteOutboxThrough}
 * @throws StorageError `missing`, `corrupt`; IntegrityError when an entry was tampered with
 */
export async function readOutbox(
  db: ComptoirDb,
  keyring: Keyring,
  limit: number,
  after = 0,
): Promise<{ seq: number; ops: Op[]; bytes: number }[]> {
  return guard(db, async () => {
    await requireMeta(db, keyring.vaultId);
    const rows = await db.outbox.where(':id').above(after).limit(limit).toArray();
    return rows.map((row) => openEntry(keyring, row));
  });
}

/**
 * Forgets the entries up to and including `seq` (they were pushed and acknowledged).
 * @throws StorageError
 */
export async function deleteOutboxThrough(db: ComptoirDb, seq: number): Promise<void> {
  return guard(db, async () => {
    await db.outbox.where(':id').belowOrEqual(seq).delete();
  });
}

/**
 * Number of entries waiting to be pushed (no keyring needed: for a status badge).
 * @throws StorageError
 */
export async function countOutbox(db: ComptoirDb): Promise<number> {
  return guard(db, () => db.outbox.count());
}

/** {@link snapshotOps} inside the caller's transaction. A damaged visit row is skipped. */
async function snapshotIn(db: ComptoirDb, keyring: Keyring): Promise<Op[]> {
  const ops: Op[] = [];
  for (const row of await db.visits.toArray()) {
    if (isSealedRow(row)) continue; // becomes ops when absorbed
    try {
      ops.push(...docToOps(row.id, openVisitDoc(keyring, row).doc));
    } catch (e) {
      if (!isDamage(e)) throw e;
    }
  }
  for (const row of await db.records.where('kind').equals('visit-doc').toArray()) {
    ops.push(...docToOps(row.id.slice('visit-doc:'.length), openPendingDoc(keyring, row)));
  }
  for (const t of await db.tombstones.toArray()) {
    ops.push({ t: 'del', kind: 'visit', id: t.id, hlc: t.hlc });
  }
  ops.push(...(await recordSnapshotOps(db, keyring)));
  return ops;
}

/**
 * Every op needed to rebuild this device's synced state elsewhere, with the current
 * clocks: all visits (fields, state, tombstones; sealed intake entries not yet absorbed
 * excepted) and all synced records (staff, pharmacy, portal settings).
 *
 * @throws StorageError `missing`; IntegrityError when a record was tampered with
 */
export async function snapshotOps(db: ComptoirDb, keyring: Keyring): Promise<Op[]> {
  return guard(db, () =>
    db.transaction('r', syncWriteTables(db), async () => {
      await requireMeta(db, keyring.vaultId);
      return snapshotIn(db, keyring);
    }),
  );
}

/**
 * Turns sync on (after pairing with `relayUrl`): in ONE transaction, sets `enabled` and
 * `relayUrl` and writes ONE outbox entry holding {@link snapshotOps}, so a device that
 * pairs later catches up from it. Calling it again writes a fresh snapshot (harmless:
 * merging is idempotent).
 *
 * @throws StorageError `missing`, `quota`…; IntegrityError
 */
export async function enableSync(
  db: ComptoirDb,
  keyring: Keyring,
  relayUrl: string,
): Promise<void> {
  return guard(db, () =>
    db.transaction('rw', syncWriteTables(db), async () => {
      await requireMeta(db, keyring.vaultId);
      await storeSyncMeta(db, { enabled: true, relayUrl });
      await appendOutbox(db, keyring, await snapshotIn(db, keyring));
    }),
  );
}
