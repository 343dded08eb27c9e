/**
 * The vault on this device: creation, unlock slots, recovery.
 *
 * Argon2id derivations take ~0.2–1 s: they run BEFORE each Dexie transaction, because an
 * IndexedDB transaction auto-commits as soon as it awaits anything that is not an IDB
 * request (https://dexie.org/docs/Dexie/Dexie.transaction()#async-and-await).
 */
import {
  type KdfParams,
  type Keyring,
  type OpenedSlot,
  type StoredKeyring,
  createKeyring,
  createPassphraseSlot,
  createRecoverySlot,
  generateRecoveryCode,
  openPassphraseSlot,
  openRecoverySlot,
  randomId,
} from '../crypto';
import type { Pharmacy, StaffMember } from '../domain';
import type { ComptoirDb } from './db';
import { StorageError } from './errors';
import { guard, requireMeta } from './guard';
import { sealRecordRow } from './record-rows';
import {
  META_KEY,
  PHARMACY_RECORD_ID,
  type MetaRow,
  type PassphraseSlotRow,
  type RecoverySlotRow,
  type SlotRow,
  type VaultMeta,
} from './rows';
import { keysRow, noteKeyringBox, readStoredKeyring } from './keyring-repo';
import { readStaffMember } from './staff-repo';

/** Input of {@link createVault}. */
export interface CreateVaultInput {
  readonly pharmacy: Pharmacy;
  /** The first staff member, who becomes `admin`; `label` is the clear unlock-picker name. */
  readonly admin: { readonly name: string; readonly rpps: string; readonly label: string };
  readonly passphrase: string;
  readonly kdf: KdfParams;
}

/** One entry of the unlock picker (clear data only). */
export interface UnlockSlot {
  readonly slotId: string;
  readonly staffId: string;
  readonly label: string;
}

function isPassphraseSlot(row: SlotRow): row is PassphraseSlotRow {
  return row.kind === 'passphrase';
}

/** The crypto slot inside a stored row (drops the store's own columns). */
function cryptoSlot<T extends SlotRow>(row: T): Omit<T, 'staffId' | 'label' | 'disabled'> {
  const { staffId: _s, label: _l, disabled: _d, ...slot } = row as T & Partial<PassphraseSlotRow>;
  return slot;
}

/**
 * Creates the vault: keyring, meta row, encrypted admin staff record and pharmacy settings,
 * the admin's passphrase slot and the recovery slot, in ONE transaction.
 *
 * @returns the unlocked keyring, the admin, and the recovery code to show ONCE
 * @throws StorageError `conflict` when a vault already exists, `quota`…; WeakKdfError when
 *   `kdf` is below the floor
 */
export async function createVault(
  db: ComptoirDb,
  input: CreateVaultInput,
): Promise<{ keyring: Keyring; staff: StaffMember; recoveryCode: string }> {
  return guard(db, async () => {
    if (await db.meta.get(META_KEY)) throw new StorageError('conflict', 'a vault already exists');
    const keyring = createKeyring(randomId());
    try {
      const staff: StaffMember = {
        id: randomId(),
        name: input.admin.name,
        rpps: input.admin.rpps,
        role: 'admin',
      };
      const pass = createPassphraseSlot(keyring, input.passphrase, input.kdf, randomId());
      const recoveryCode = generateRecoveryCode();
      const recovery = createRecoverySlot(keyring, recoveryCode, randomId());
      const meta: MetaRow = {
        key: META_KEY,
        vaultId: keyring.vaultId,
        intakePublicKey: keyring.intakePublicKey,
        deviceId: keyring.deviceId,
        createdAt: new Date().toISOString(),
      };
      const records = [
        sealRecordRow(keyring, 'staff', staff.id, staff),
        sealRecordRow(keyring, 'settings', PHARMACY_RECORD_ID, input.pharmacy),
      ];
      const slots: SlotRow[] = [{ ...pass, staffId: staff.id, label: input.admin.label }, recovery];
      const keys = keysRow(keyring);
      await db.transaction('rw', [db.meta, db.slots, db.records], async () => {
        if (await db.meta.get(META_KEY)) throw new StorageError('conflict', 'vault exists');
        await db.meta.add(meta);
        await db.meta.add(keys);
        await db.slots.bulkAdd(slots);
        await db.records.bulkAdd(records);
      });
      noteKeyringBox(keyring, keys.box);
      return { keyring, staff, recoveryCode };
    } catch (e) {
      keyring.wipe();
      throw e;
    }
  });
}

/**
 * The vault's public identifiers, or `null` when this device has no vault yet.
 * @throws StorageError
 */
export async function readVaultMeta(db: ComptoirDb): Promise<VaultMeta | null> {
  return guard(db, async () => {
    const row = await db.meta.get(META_KEY);
    return row?.key === META_KEY ? row : null;
  });
}

/**
 * The enabled passphrase slots, for the unlock picker, sorted by label.
 * @throws StorageError `missing` when the vault vanished
 */
export async function listUnlockSlots(db: ComptoirDb): Promise<UnlockSlot[]> {
  return guard(db, async () => {
    await requireMeta(db);
    const rows = await db.slots.toArray();
    return rows
      .filter(isPassphraseSlot)
      .filter((row) => !row.disabled)
      .map(({ slotId, staffId, label }) => ({ slotId, staffId, label }))
      .sort((a, b) => a.label.localeCompare(b.label, 'fr'));
  });
}

/**
 * After a slot of an earlier version (wrapping a whole keyring) was opened: stores its v2
 * bytes and, on the first such unlock of the vault, the keyring box, in one transaction.
 * Every later keyring change then needs no other passphrase. A first unlock that another
 * tab's beat to writing the box is refused (`conflict`: unlock again). Wipes the keyring on
 * failure.
 */
async function upgradeSlot(
  db: ComptoirDb,
  slotId: string,
  opened: OpenedSlot,
  stored: StoredKeyring,
): Promise<Keyring> {
  const { keyring, rewrapped } = opened;
  if (rewrapped === null) {
    if (stored) noteKeyringBox(keyring, stored.box);
    return keyring;
  }
  try {
    const keys = stored === null ? keysRow(keyring) : null;
    await db.transaction('rw', [db.meta, db.slots], async () => {
      await requireMeta(db, keyring.vaultId);
      if (keys) {
        // Another tab wrote the first box meanwhile, under its own keyring key: the bytes
        // rewrapped here would wrap another key. Its box is what the next unlock opens.
        if ((await readStoredKeyring(db)) !== null) {
          throw new StorageError('conflict', 'the vault was upgraded in another tab');
        }
        await db.meta.add(keys);
      }
      await db.slots.update(slotId, { wrapped: rewrapped });
    });
    // The box this keyring was read from (or written as): a later change elsewhere shows.
    const box = stored?.box ?? keys?.box;
    if (box) noteKeyringBox(keyring, box);
    return keyring;
  } catch (e) {
    keyring.wipe();
    throw e;
  }
}

/** This device's ids and stored keyring, as slot opening needs them. */
async function slotDevice(db: ComptoirDb) {
  const meta = await requireMeta(db);
  return { vaultId: meta.vaultId, deviceId: meta.deviceId, stored: await readStoredKeyring(db) };
}

/**
 * Unlocks with a staff member's passphrase.
 *
 * @returns the keyring (the caller wipes it on lock) and the staff member of the slot
 * @throws WrongPassphraseError; WeakKdfError when the stored KDF params were weakened;
 *   StorageError `not-found` (unknown or disabled slot), `missing` (vault vanished);
 *   IntegrityError when the slot or staff record was tampered with
 */
export async function unlockWithPassphrase(
  db: ComptoirDb,
  slotId: string,
  passphrase: string,
): Promise<{ keyring: Keyring; staff: StaffMember }> {
  return guard(db, async () => {
    const device = await slotDevice(db);
    const row = await db.slots.get(slotId);
    if (!row || !isPassphraseSlot(row) || row.disabled) throw new StorageError('not-found');
    const opened = openPassphraseSlot(cryptoSlot(row), passphrase, device);
    const keyring = await upgradeSlot(db, row.slotId, opened, device.stored);
    try {
      return { keyring, staff: await readStaffMember(db, keyring, row.staffId) };
    } catch (e) {
      keyring.wipe();
      throw e;
    }
  });
}

/**
 * Unlocks with the recovery code printed at setup (then {@link resetPassphrase}).
 * @throws WrongPassphraseError (wrong code); StorageError `not-found` (no recovery slot),
 *   `missing`; IntegrityError
 */
export async function unlockWithRecovery(
  db: ComptoirDb,
  code: string,
): Promise<{ keyring: Keyring }> {
  return guard(db, async () => {
    const device = await slotDevice(db);
    const rows = await db.slots.toArray();
    const row = rows.find((r): r is RecoverySlotRow => r.kind === 'recovery' && !r.disabled);
    if (!row) throw new StorageError('not-found', 'no recovery slot');
    const opened = openRecoverySlot(cryptoSlot(row), code, device);
    return { keyring: await upgradeSlot(db, row.slotId, opened, device.stored) };
  });
}

/**
 * Replaces a staff member's passphrase slot(s) by a new one (same label).
 * @throws StorageError `not-found` (unknown staff or no slot to replace), `missing`;
 *   WeakKdfError; IntegrityError
 */
export async function resetPassphrase(
  db: ComptoirDb,
  keyring: Keyring,
  staffId: string,
  newPassphrase: string,
  kdf: KdfParams,
): Promise<void> {
  return guard(db, async () => {
    await requireMeta(db, keyring.vaultId);
    await readStaffMember(db, keyring, staffId);
    const old = (await db.slots.where('staffId').equals(staffId).toArray()).filter(
      isPassphraseSlot,
    );
    const label = (old.find((s) => !s.disabled) ?? old[0])?.label;
    if (label === undefined) throw new StorageError('not-found', 'no slot to replace');
    const slot = createPassphraseSlot(keyring, newPassphrase, kdf, randomId());
    await db.transaction('rw', [db.meta, db.slots], async () => {
      await requireMeta(db, keyring.vaultId);
      const stale = await db.slots.where('staffId').equals(staffId).primaryKeys();
      await db.slots.bulkDelete(stale);
      await db.slots.add({ ...slot, staffId, label });
    });
  });
}
