/**
 * The outbox (schema v3; layout in `rows.ts`): this device's local changes, encrypted, in
 * order, until the sync engine has pushed them in a bundle. Written only while sync is
 * enabled (by `sync-write.ts`, in the transaction of each change); offline-only mode
 * writes none.
 *
 * Entry plaintext, version 2 (written since): the changes of that one local change, in
 * the wire form version 2 of `app/domain/sync/changes.ts` (`{"v":2,"h":…}`), so the push
 * joins entries into a bundle without parsing them. Version 1 (older writers, still read):
 * `{ "v": 1, "ops": [Op, …] }`.
 */
import { decryptRecord, encryptRecord, memzero, type Keyring } from '../crypto';
import {
  EMPTY_VISIT_DOC,
  changesToOps,
  docToOps,
  encodeChanges,
  opsToChanges,
  parseChanges,
  parseOps,
  type Changes,
  type Op,
  type VisitDoc,
} from '../domain';
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
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null;
const isEntry = (x: unknown): x is Obj => isObj(x) && (x.v === 1 || x.v === 2);

/** First bytes of every version-2 entry: `JSON.stringify` writes `encodeChanges`' `v` first. */
const V2_PREFIX = Uint8Array.from('{"v":2,', (c) => c.charCodeAt(0));

function isV2Plaintext(bytes: Uint8Array): boolean {
  if (bytes.length < V2_PREFIX.length) return false;
  for (let i = 0; i < V2_PREFIX.length; i += 1) if (bytes[i] !== V2_PREFIX[i]) return false;
  return true;
}

function openPlaintext(keyring: Keyring, row: OutboxRow): Uint8Array {
  const address = { vaultId: keyring.vaultId, kind: OUTBOX_KIND, recordId: row.id };
  return decryptRecord(keyring, address, row.env);
}

/** An entry's plaintext, validated: version 1 as its ops, version 2 as its changes. */
function parseEntry(plaintext: Uint8Array): { ops: Op[] } | { changes: Changes } {
  const entry = decodeRecord(plaintext, isEntry);
  try {
    return entry.v === 1 ? { ops: parseOps(entry.ops) } : { changes: parseChanges(entry) };
  } catch (e) {
    throw new StorageError('corrupt', 'outbox entry holds malformed changes', { cause: e });
  }
}

function openEntry(keyring: Keyring, row: OutboxRow): { ops: Op[] } | { changes: Changes } {
  return parseEntry(openPlaintext(keyring, row));
}

function entryChanges(entry: { ops: Op[] } | { changes: Changes }): Changes {
  return 'ops' in entry ? opsToChanges(entry.ops) : entry.changes;
}

const isBareDeletion = (doc: VisitDoc): boolean =>
  Object.keys(doc.fields).length === 0 &&
  doc.state === EMPTY_VISIT_DOC.state &&
  doc.stateHlc === EMPTY_VISIT_DOC.stateHlc;

/** `changes` without what they say of the visits `ids`, their deletions excepted. */
function withoutVisits(changes: Changes, ids: ReadonlySet<string>): Changes {
  const visits = new Map<string, VisitDoc>();
  for (const [id, doc] of changes.visits) {
    if (!ids.has(id) || (doc.deleted !== undefined && isBareDeletion(doc))) visits.set(id, doc);
    else if (doc.deleted !== undefined)
      visits.set(id, { ...EMPTY_VISIT_DOC, deleted: doc.deleted });
  }
  return { ...changes, visits };
}

function sameVisits(a: Changes, b: Changes): boolean {
  if (a.visits.size !== b.visits.size) return false;
  for (const [id, doc] of a.visits) if (b.visits.get(id) !== doc) return false;
  return true;
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
    const changes = entryChanges(openEntry(keyring, row));
    const kept = withoutVisits(changes, ids);
    if (sameVisits(kept, changes)) continue;
    if (kept.visits.size === 0 && kept.records.length === 0) {
      await db.outbox.delete(row.seq ?? 0);
      continue;
    }
    const address = { vaultId: keyring.vaultId, kind: OUTBOX_KIND, recordId: row.id };
    const env = encryptRecord(keyring, address, encodeRecord(encodeChanges(kept)));
    await db.outbox.put({ ...row, env });
  }
}

async function oldestRows(db: ComptoirDb, keyring: Keyring, limit: number, after: number) {
  await requireMeta(db, keyring.vaultId);
  return db.outbox.where(':id').above(after).limit(limit).toArray();
}

/**
 * The oldest outbox entries (after `after`), decrypted, as ops, in order: to inspect what
 * this device will send (the push reads {@link readOutboxParts}).
 *
 * @param limit maximum number of entries
 * @param after only entries with a greater seq (0: from the start)
 * @returns `{ seq, ops }` per entry
 * @throws StorageError `missing`, `corrupt`; IntegrityError when an entry was tampered with
 */
export async function readOutbox(
  db: ComptoirDb,
  keyring: Keyring,
  limit: number,
  after = 0,
): Promise<{ seq: number; ops: Op[] }[]> {
  return guard(db, async () => {
    const rows = await oldestRows(db, keyring, limit, after);
    return rows.map((row) => {
      const entry = openEntry(keyring, row);
      return { seq: row.seq ?? 0, ops: 'ops' in entry ? entry.ops : changesToOps(entry.changes) };
    });
  });
}

/**
 * The oldest outbox entries (after `after`), in order, each as the UTF-8 JSON of its
 * changes (wire form version 2): what a bundle joins. A version-2 entry is its decrypted
 * plaintext as it is — authenticated, and written by `appendOutbox` or `scrubOutbox` from
 * validated changes — so it is not parsed again; a version-1 entry is parsed and converted.
 * The caller zeroes the parts once joined.
 *
 * @param limit maximum number of entries
 * @param after only entries with a greater seq (0: from the start)
 * @returns `{ seq, part }` per entry; pass the last `seq` pushed to {@link deleteOutboxThrough}
 * @throws StorageError `missing`, `corrupt`; IntegrityError when an entry was tampered with
 */
export async function readOutboxParts(
  db: ComptoirDb,
  keyring: Keyring,
  limit: number,
  after = 0,
): Promise<{ seq: number; part: Uint8Array }[]> {
  return guard(db, async () => {
    const rows = await oldestRows(db, keyring, limit, after);
    return rows.map((row) => {
      const plaintext = openPlaintext(keyring, row);
      if (isV2Plaintext(plaintext)) return { seq: row.seq ?? 0, part: plaintext };
      try {
        const part = encodeRecord(encodeChanges(entryChanges(parseEntry(plaintext))));
        return { seq: row.seq ?? 0, part };
      } finally {
        memzero(plaintext);
      }
    });
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
