/**
 * Encrypted staff members and pharmacy settings (`records` table).
 */
import { type KdfParams, type Keyring, createPassphraseSlot, randomId } from '../crypto';
import type { Pharmacy, StaffMember } from '../domain';
import type { ComptoirDb } from './db';
import { StorageError } from './errors';
import { guard, requireMeta } from './guard';
import { openRecordRow, sealRecordRow } from './record-rows';
import { PHARMACY_RECORD_ID, recordKey } from './rows';
import { isPharmacy, isStaffMember } from './shapes';
import { syncWriteTables, writeSyncedRecord } from './sync-write';

/** Input of {@link addStaffMember}; `label` is the clear unlock-picker name. */
export interface AddStaffInput {
  readonly name: string;
  readonly rpps: string;
  readonly role: StaffMember['role'];
  readonly label: string;
  readonly passphrase: string;
  readonly kdf: KdfParams;
}

/**
 * Reads and decrypts one staff member.
 * @throws StorageError `not-found`; IntegrityError when tampered with or moved
 */
export async function readStaffMember(
  db: ComptoirDb,
  keyring: Keyring,
  staffId: string,
): Promise<StaffMember> {
  const row = await db.records.get(recordKey('staff', staffId));
  if (!row) throw new StorageError('not-found', 'unknown staff member');
  return openRecordRow(keyring, row, isStaffMember);
}

/**
 * Adds a staff member with their own passphrase slot (derivation done before the
 * transaction). The record syncs (outbox when enabled); the slot stays on this device.
 * @returns the new member (random id)
 * @throws StorageError `missing`, `quota`…; WeakKdfError when `kdf` is below the floor
 */
export async function addStaffMember(
  db: ComptoirDb,
  keyring: Keyring,
  input: AddStaffInput,
): Promise<StaffMember> {
  return guard(db, async () => {
    await requireMeta(db, keyring.vaultId);
    const staff: StaffMember = {
      id: randomId(),
      name: input.name,
      rpps: input.rpps,
      role: input.role,
    };
    const slot = createPassphraseSlot(keyring, input.passphrase, input.kdf, randomId());
    const row = sealRecordRow(keyring, 'staff', staff.id, staff);
    await db.transaction('rw', [...syncWriteTables(db), db.slots], async () => {
      await requireMeta(db, keyring.vaultId);
      await writeSyncedRecord(db, keyring, 'staff', staff.id, staff, row);
      await db.slots.add({ ...slot, staffId: staff.id, label: input.label });
    });
    return staff;
  });
}

/**
 * All staff members, sorted by name. A damaged record is not skipped silently.
 * @throws StorageError `missing`; IntegrityError when any staff record was tampered with
 */
export async function listStaff(db: ComptoirDb, keyring: Keyring): Promise<StaffMember[]> {
  return guard(db, async () => {
    await requireMeta(db, keyring.vaultId);
    const rows = await db.records.where('kind').equals('staff').toArray();
    return rows
      .map((row) => openRecordRow(keyring, row, isStaffMember))
      .sort((a, b) => a.name.localeCompare(b.name, 'fr'));
  });
}

/**
 * The pharmacy settings.
 * @throws StorageError `not-found`, `missing`; IntegrityError
 */
export async function readPharmacy(db: ComptoirDb, keyring: Keyring): Promise<Pharmacy> {
  return guard(db, async () => {
    await requireMeta(db, keyring.vaultId);
    const row = await db.records.get(recordKey('settings', PHARMACY_RECORD_ID));
    if (!row) throw new StorageError('not-found', 'no pharmacy settings');
    return openRecordRow(keyring, row, isPharmacy);
  });
}

/**
 * Replaces the pharmacy settings (a synced record: outbox entry when sync is enabled).
 * @throws StorageError `missing`, `quota`…
 */
export async function savePharmacy(
  db: ComptoirDb,
  keyring: Keyring,
  pharmacy: Pharmacy,
): Promise<void> {
  return guard(db, async () => {
    const row = sealRecordRow(keyring, 'settings', PHARMACY_RECORD_ID, pharmacy);
    await db.transaction('rw', syncWriteTables(db), async () => {
      await requireMeta(db, keyring.vaultId);
      await writeSyncedRecord(db, keyring, 'settings', PHARMACY_RECORD_ID, pharmacy, row);
    });
  });
}
