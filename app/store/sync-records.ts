/**
 * The non-visit records that sync (staff members, pharmacy settings, portal settings, kit
 * box GTIN links, tallies of purged visits, the retention policy, the audit log, the vault
 * key's epochs and each device's acknowledgement of them):
 * which record ids and shapes each kind accepts, and their stored versions with clocks.
 * Portal sessions (tokens) and unlock slots are per device and never sync. Internal.
 */
import type { Keyring } from '../crypto';
import {
  SYNCED_RECORD_KINDS,
  isEpochAck,
  isEpochRecord,
  isRetentionPolicy,
  isVisitTally,
  tallyRecordId,
  ZERO_HLC,
  type RecordOp,
  type RecordVersion,
  type SyncedRecordKind,
} from '../domain';
import { isAuditRecord } from './audit-rows';
import type { ComptoirDb } from './db';
import { isKitLinkRecord } from './kit-link-repo';
import { PORTAL_SETTINGS_ID, isPortalSettings } from './portal-repo';
import { openRecordRow, recordIdOf } from './record-rows';
import { RETENTION_RECORD_ID } from './retention-repo';
import { PHARMACY_RECORD_ID, recordKey } from './rows';
import { isPharmacy, isStaffMember } from './shapes';

/** Whether `value` is a valid record of `kind` under record id `id`. */
export function isSyncedRecord(kind: SyncedRecordKind, id: string, value: unknown): boolean {
  switch (kind) {
    case 'staff':
      return isStaffMember(value) && value.id === id;
    case 'settings':
      return id === PHARMACY_RECORD_ID && isPharmacy(value);
    case 'portal-settings':
      return id === PORTAL_SETTINGS_ID && isPortalSettings(value);
    case 'kit-link':
      return isKitLinkRecord(id, value);
    case 'tally':
      return isVisitTally(value) && tallyRecordId(value) === id;
    case 'retention':
      return id === RETENTION_RECORD_ID && isRetentionPolicy(value);
    case 'audit':
      return isAuditRecord(id, value);
    case 'epoch':
      return isEpochRecord(value) && String(value.epoch) === id;
    case 'epoch-ack':
      return isEpochAck(value) && value.deviceId === id;
  }
}

/**
 * The stored version of one synced record (inside the caller's transaction), `null` when
 * absent. A record written before v3 has no clock row: ZERO_HLC.
 * @throws IntegrityError / StorageError `corrupt` when the stored row is damaged
 */
export async function readRecordVersion(
  db: ComptoirDb,
  keyring: Keyring,
  kind: SyncedRecordKind,
  id: string,
): Promise<RecordVersion | null> {
  const key = recordKey(kind, id);
  const row = await db.records.get(key);
  if (!row) return null;
  const value = openRecordRow(keyring, row, (x): x is unknown => isSyncedRecord(kind, id, x));
  return { value, hlc: (await db.clocks.get(key))?.hlc ?? ZERO_HLC };
}

/** One `record` op per stored synced record, with its clock (snapshots). */
export async function recordSnapshotOps(db: ComptoirDb, keyring: Keyring): Promise<RecordOp[]> {
  const ops: RecordOp[] = [];
  for (const kind of SYNCED_RECORD_KINDS) {
    for (const row of await db.records.where('kind').equals(kind).toArray()) {
      const id = recordIdOf(row);
      const version = await readRecordVersion(db, keyring, kind, id);
      if (version) ops.push({ t: 'record', kind, id, value: version.value, hlc: version.hlc });
    }
  }
  return ops;
}
