/**
 * The audit log (DESIGN.md "Retention, audit, reports"): append-only, encrypted under the
 * AUDIT subkey, hash-chained per device, synced to every device of the vault as immutable
 * records. Row layouts in `rows.ts`; entry format and hash in `domain/audit.ts`.
 *
 * Appends are serialised per device: the head is read and the entry written in ONE Dexie
 * read-write transaction over the `records` table, and IndexedDB runs such transactions
 * one at a time, so two concurrent appends get seq n and n + 1, never two entries n.
 * This device's head (`audit-head` record, encrypted) is kept apart from the entries: a
 * deleted tail shows as `truncated` even though the remaining numbers have no gap.
 *
 * To log from other store code inside its own transaction (e.g. a purge and its entry
 * committing together), call {@link writeAuditEntry} inside a transaction over
 * `syncWriteTables(db)`; from the UI, {@link appendAudit}.
 */
import type { Keyring } from '../crypto';
import {
  auditRecordId,
  filterAuditEntries,
  nextAuditEntry,
  parseAuditRecordId,
  verifyAuditChain,
  type AuditActor,
  type AuditChainReport,
  type AuditEntry,
  type AuditEvent,
  type AuditFilter,
  type AuditHead,
  type AuditProblem,
} from '../domain';
import {
  AUDIT_KIND,
  auditEntryHash,
  auditIdOf,
  auditTextHash,
  listAuditConflicts,
  openAuditRow,
  readAuditHead,
  readAuditHeads,
  writeAuditHead,
} from './audit-rows';
import type { ComptoirDb } from './db';
import { StorageError } from './errors';
import { guard, requireMeta } from './guard';
import { sealRecordRow } from './record-rows';
import { recordKey } from './rows';
import { commitOps, localTick, syncWriteTables } from './sync-write';
import { isDamage } from './visit-rows';

/** What to log: the event, who did it (the unlocked staff member, or nobody) and when. */
export interface AuditInput {
  readonly event: AuditEvent;
  readonly actor: AuditActor;
  readonly at: Date;
}

/** The whole log as the screen shows it: entries newest first and the chains' verdict. */
export interface AuditLog {
  readonly entries: AuditEntry[];
  readonly report: AuditChainReport;
}

/**
 * Where this device's chain goes on: the head record, unless the last stored entry is
 * beyond it (head rolled back or deleted); a head beyond the last entry (deleted tail) is
 * kept, so the gap stays visible.
 */
async function chainTail(db: ComptoirDb, keyring: Keyring): Promise<AuditHead | null> {
  const deviceId = keyring.deviceId;
  const head = await readAuditHead(db, keyring, deviceId);
  const prefix = recordKey(AUDIT_KIND, `${deviceId}.`);
  const last = await db.records.where('id').between(prefix, `${prefix}\uffff`).last();
  const lastSeq = last ? (parseAuditRecordId(auditIdOf(last))?.seq ?? 0) : 0;
  if (head && head.seq >= lastSeq) return head;
  if (!last) return null;
  const entry = openAuditRow(keyring, last);
  return { seq: entry.seq, hash: auditEntryHash(entry) };
}

/**
 * Appends one entry to this device's chain INSIDE the caller's transaction, which must
 * cover `syncWriteTables(db)`: the entry (synced: outbox op when sync is on) and the new
 * head commit or abort with the caller's own writes.
 *
 * @returns the stored entry
 * @throws StorageError `corrupt` when the event is malformed (e.g. a name where an id
 *   goes), `conflict` when the next id is taken; IntegrityError when the head or last
 *   entry was tampered with
 */
export async function writeAuditEntry(
  db: ComptoirDb,
  keyring: Keyring,
  input: AuditInput,
): Promise<AuditEntry> {
  const head = await chainTail(db, keyring);
  let entry: AuditEntry;
  try {
    const at = input.at.toISOString();
    const { actor, event } = input;
    entry = nextAuditEntry({ deviceId: keyring.deviceId, head, at, actor, event });
  } catch (e) {
    throw new StorageError('corrupt', 'malformed audit event', { cause: e });
  }
  const id = auditRecordId(entry.deviceId, entry.seq);
  if (await db.records.get(recordKey(AUDIT_KIND, id))) {
    throw new StorageError('conflict', 'audit entry id already taken');
  }
  // A synced change WITHOUT a `clocks` row: entries are immutable (nothing to merge by
  // clock), and a clear clock per entry would tell the times of every event on disk.
  const hlc = await localTick(db, keyring);
  await db.records.put(sealRecordRow(keyring, AUDIT_KIND, id, entry));
  await commitOps(db, keyring, hlc, [{ t: 'record', kind: AUDIT_KIND, id, value: entry, hlc }]);
  await writeAuditHead(db, keyring, entry.deviceId, {
    seq: entry.seq,
    hash: auditEntryHash(entry),
  });
  return entry;
}

/**
 * Appends one entry to this device's chain, in its own transaction (or the caller's, when
 * called inside one over `syncWriteTables(db)`).
 * @throws as {@link writeAuditEntry}; StorageError `missing`, `quota`…
 */
export async function appendAudit(
  db: ComptoirDb,
  keyring: Keyring,
  input: AuditInput,
): Promise<AuditEntry> {
  return guard(db, () =>
    db.transaction('rw', syncWriteTables(db), async () => {
      await requireMeta(db, keyring.vaultId);
      return writeAuditEntry(db, keyring, input);
    }),
  );
}

/** Every readable entry, and where the unreadable ones are. */
async function readEntries(db: ComptoirDb, keyring: Keyring) {
  const entries: AuditEntry[] = [];
  const unreadable: { deviceId: string; seq: number }[] = [];
  for (const row of await db.records.where('kind').equals(AUDIT_KIND).toArray()) {
    try {
      entries.push(openAuditRow(keyring, row));
    } catch (e) {
      if (!isDamage(e)) throw e;
      unreadable.push(parseAuditRecordId(auditIdOf(row)) ?? { deviceId: auditIdOf(row), seq: 0 });
    }
  }
  return { entries, unreadable };
}

/**
 * The whole log, newest first, with the verdict on every device's chain: deleted,
 * reordered, edited or unreadable entries, a deleted tail (against the heads), and remote
 * rewrites refused by sync. A damaged head is reported as an unreadable entry n° 0.
 * @throws StorageError `missing`; KeyringWipedError when locked
 */
export async function readAuditLog(db: ComptoirDb, keyring: Keyring): Promise<AuditLog> {
  return guard(db, () =>
    db.transaction('r', [db.meta, db.records], async () => {
      await requireMeta(db, keyring.vaultId);
      const { entries, unreadable } = await readEntries(db, keyring);
      const { heads, damaged } = await readAuditHeads(db, keyring);
      const problem = (kind: 'unreadable' | 'conflict', seq: number): AuditProblem => ({
        kind,
        seq,
      });
      const extra = [
        ...damaged.map((deviceId) => ({ deviceId, problem: problem('unreadable', 0) })),
        ...(await listAuditConflicts(db)).map((c) => ({
          deviceId: c.deviceId,
          problem: problem('conflict', c.seq),
        })),
      ];
      const report = verifyAuditChain(entries, { hash: auditTextHash, heads, unreadable, extra });
      return { entries: filterAuditEntries(entries, {}), report };
    }),
  );
}

/**
 * The entries matching `filter`, newest first.
 * @throws as {@link readAuditLog}
 */
export async function listAudit(
  db: ComptoirDb,
  keyring: Keyring,
  filter: AuditFilter = {},
): Promise<AuditEntry[]> {
  return filterAuditEntries((await readAuditLog(db, keyring)).entries, filter);
}

/**
 * The verdict on every device's chain (see {@link readAuditLog}).
 * @throws as {@link readAuditLog}
 */
export async function verifyAudit(db: ComptoirDb, keyring: Keyring): Promise<AuditChainReport> {
  return (await readAuditLog(db, keyring)).report;
}
