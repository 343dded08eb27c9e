/**
 * Audit entries received from other devices (DESIGN.md "Retention, audit, reports": audit
 * events travel to every device of the vault). Unlike the other synced records, entries
 * are IMMUTABLE: there is no last-writer-wins. A remote op
 * - for an id not stored here is stored, sealed under the AUDIT subkey (`record-rows.ts`
 *   picks it by kind), without a clock row (see `writeAuditEntry`; snapshots carry it with
 *   ZERO_HLC), and raises that device's head;
 * - identical to the stored entry changes nothing (re-delivery, snapshots);
 * - with a different content for a stored id, or for THIS device's chain (only this device
 *   writes it), is refused and recorded as an `audit-conflict`, which the log's integrity
 *   banner reports. The batch still applies: one forged entry does not stop sync.
 * Internal to the store; runs inside `applyRemoteChanges`' transaction.
 */
import type { Keyring } from '../crypto';
import { sameJson, type AuditEntry, type AuditHead, type RecordOp } from '../domain';
import {
  AUDIT_KIND,
  auditEntryHash,
  isAuditRecord,
  openAuditRow,
  readAuditHead,
  recordAuditConflict,
  writeAuditHead,
} from './audit-rows';
import type { ComptoirDb } from './db';
import { StorageError } from './errors';
import { sealRecordRow } from './record-rows';
import { recordKey } from './rows';
import { isDamage } from './visit-rows';

/** The stored entry under `id`, `'damaged'` when it does not open, or null when absent. */
async function storedEntry(
  db: ComptoirDb,
  keyring: Keyring,
  id: string,
): Promise<AuditEntry | 'damaged' | null> {
  const row = await db.records.get(recordKey(AUDIT_KIND, id));
  if (!row) return null;
  try {
    return openAuditRow(keyring, row);
  } catch (e) {
    if (isDamage(e)) return 'damaged';
    throw e;
  }
}

/** Raises the head of the entry's device when the entry is beyond it. */
async function raiseHead(db: ComptoirDb, keyring: Keyring, entry: AuditEntry): Promise<void> {
  let head: AuditHead | null;
  try {
    head = await readAuditHead(db, keyring, entry.deviceId);
  } catch (e) {
    if (!isDamage(e)) throw e; // a damaged head stays for the log to report
    return;
  }
  if (head && head.seq >= entry.seq) return;
  await writeAuditHead(db, keyring, entry.deviceId, {
    seq: entry.seq,
    hash: auditEntryHash(entry),
  });
}

/**
 * Applies one remote `audit` record op, inside the caller's transaction. See the module
 * comment. @throws StorageError `corrupt` when the op is not a well-formed entry
 */
export async function applyAuditOp(db: ComptoirDb, keyring: Keyring, op: RecordOp): Promise<void> {
  const entry = op.value;
  if (!isAuditRecord(op.id, entry)) throw new StorageError('corrupt', 'malformed audit entry');
  const stored = await storedEntry(db, keyring, op.id);
  if (stored !== null) {
    if (stored === 'damaged' || !sameJson(stored, entry)) {
      await recordAuditConflict(db, keyring, entry);
    }
    return;
  }
  if (entry.deviceId === keyring.deviceId) {
    await recordAuditConflict(db, keyring, entry);
    return;
  }
  await db.records.put(sealRecordRow(keyring, AUDIT_KIND, op.id, entry));
  await raiseHead(db, keyring, entry);
}
