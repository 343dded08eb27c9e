/**
 * A device joining an existing vault (pairing): it receives the shared keyring instead of
 * creating one, records the vault's public identifiers, catches up through sync, then its
 * staff member sets a passphrase slot on this device (slots are per device, never synced).
 */
import { createPassphraseSlot, randomId, type KdfParams, type Keyring } from '../crypto';
import type { ComptoirDb } from './db';
import { StorageError } from './errors';
import { guard, requireMeta } from './guard';
import { keysRow, noteKeyringBox } from './keyring-repo';
import { META_KEY, type MetaRow } from './rows';
import { readStaffMember } from './staff-repo';

/**
 * Records the joined vault's public identifiers (vault id, intake public key, this device's
 * id) and its keyring box, so the store accepts the keyring. The device stays unusable
 * until a slot exists.
 * @throws StorageError `conflict` when this device already holds a vault
 */
export async function adoptVault(db: ComptoirDb, keyring: Keyring): Promise<void> {
  return guard(db, async () => {
    const meta: MetaRow = {
      key: META_KEY,
      vaultId: keyring.vaultId,
      intakePublicKey: keyring.intakePublicKey,
      deviceId: keyring.deviceId,
      createdAt: new Date().toISOString(),
    };
    const keys = keysRow(keyring);
    await db.transaction('rw', [db.meta], async () => {
      if (await db.meta.get(META_KEY)) throw new StorageError('conflict', 'a vault already exists');
      await db.meta.add(meta);
      await db.meta.add(keys);
    });
    noteKeyringBox(keyring, keys.box);
  });
}

/**
 * Adds a passphrase slot on this device for an existing (synced) staff member.
 * @throws StorageError `not-found` when the staff member is unknown; WeakKdfError
 */
export async function addPassphraseSlot(
  db: ComptoirDb,
  keyring: Keyring,
  input: { staffId: string; label: string; passphrase: string; kdf: KdfParams },
): Promise<void> {
  return guard(db, async () => {
    await requireMeta(db, keyring.vaultId);
    await readStaffMember(db, keyring, input.staffId);
    const slot = createPassphraseSlot(keyring, input.passphrase, input.kdf, randomId());
    await db.transaction('rw', [db.meta, db.slots], async () => {
      await requireMeta(db, keyring.vaultId);
      await db.slots.add({ ...slot, staffId: input.staffId, label: input.label });
    });
  });
}

/**
 * True when this device holds a vault row but no slot can open it (a pairing interrupted
 * before a passphrase was set): the only way forward is to erase and pair again.
 */
export async function isOrphanVault(db: ComptoirDb): Promise<boolean> {
  return guard(db, async () => {
    if (!(await db.meta.get(META_KEY))) return false;
    return (await db.slots.count()) === 0;
  });
}
