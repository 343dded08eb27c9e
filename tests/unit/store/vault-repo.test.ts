import { describe, expect, it } from 'vitest';
import {
  WeakKdfError,
  WrongPassphraseError,
  generateRecoveryCode,
  randomId,
} from '../../../app/crypto';
import { visitFromIntake } from '../../../app/domain';
import {
  StorageError,
  addStaffMember,
  createVault,
  getVisit,
  listStaff,
  listUnlockSlots,
  putVisit,
  readPharmacy,
  readVaultMeta,
  resetPassphrase,
  savePharmacy,
  unlockWithPassphrase,
  unlockWithRecovery,
} from '../../../app/store';
import { KDF, PASSPHRASE, PHARMACY, freshDb, intakeEntry, vaultDb } from './fixtures';
import { dumpRaw, patchRaw, serializeDeep } from './raw-idb';

async function onlySlotId(t: { db: Parameters<typeof listUnlockSlots>[0] }): Promise<string> {
  const [slot] = await listUnlockSlots(t.db);
  if (!slot) throw new Error('no slot');
  return slot.slotId;
}

describe('vault repository', () => {
  it('reports no vault on a fresh database, and refuses to create a second one', async () => {
    const t = await freshDb();
    expect(await readVaultMeta(t.db)).toBeNull();
    const v = await vaultDb();
    const second = createVault(v.db, {
      pharmacy: PHARMACY,
      admin: { name: 'X', rpps: '1', label: 'X' },
      passphrase: PASSPHRASE,
      kdf: KDF,
    });
    await expect(second).rejects.toMatchObject({ name: 'StorageError', code: 'conflict' });
  });

  it('keeps the vault, staff, settings and visits across close and reopen', async () => {
    const t = await vaultDb();
    const visit = visitFromIntake(intakeEntry(randomId()));
    await putVisit(t.db, t.keyring, visit);
    await savePharmacy(t.db, t.keyring, { ...PHARMACY, city: 'Lyon' });
    const metaBefore = await readVaultMeta(t.db);
    t.keyring.wipe();

    const db = await t.reopen();
    expect(await readVaultMeta(db)).toEqual(metaBefore);
    const slots = await listUnlockSlots(db);
    expect(slots).toEqual([{ slotId: expect.any(String), staffId: t.staff.id, label: 'Alice' }]);
    const { keyring, staff } = await unlockWithPassphrase(db, await onlySlotId(t), PASSPHRASE);
    expect(staff).toEqual(t.staff);
    expect(staff.role).toBe('admin');
    expect(keyring.vaultId).toBe(metaBefore?.vaultId);
    expect(await getVisit(db, keyring, visit.id)).toEqual(visit);
    expect(await readPharmacy(db, keyring)).toEqual({ ...PHARMACY, city: 'Lyon' });
  });

  it('refuses a wrong passphrase with WrongPassphraseError and modifies nothing', async () => {
    const t = await vaultDb();
    const before = serializeDeep(await dumpRaw(t.factory, t.name));
    const attempt = unlockWithPassphrase(t.db, await onlySlotId(t), 'pas la bonne phrase');
    await expect(attempt).rejects.toBeInstanceOf(WrongPassphraseError);
    expect(serializeDeep(await dumpRaw(t.factory, t.name))).toBe(before);
  });

  it('unlocks with the recovery code, then the reset passphrase replaces the old one', async () => {
    const t = await vaultDb();
    const oldSlotId = await onlySlotId(t);
    await expect(unlockWithRecovery(t.db, generateRecoveryCode())).rejects.toBeInstanceOf(
      WrongPassphraseError,
    );
    const { keyring } = await unlockWithRecovery(t.db, t.recoveryCode);
    await resetPassphrase(t.db, keyring, t.staff.id, 'nouvelle phrase de passe solide', KDF);

    const newSlotId = await onlySlotId(t);
    expect(newSlotId).not.toBe(oldSlotId);
    expect((await listUnlockSlots(t.db))[0]?.label).toBe('Alice');
    await expect(unlockWithPassphrase(t.db, oldSlotId, PASSPHRASE)).rejects.toMatchObject({
      code: 'not-found',
    });
    await expect(unlockWithPassphrase(t.db, newSlotId, PASSPHRASE)).rejects.toBeInstanceOf(
      WrongPassphraseError,
    );
    const unlocked = await unlockWithPassphrase(t.db, newSlotId, 'nouvelle phrase de passe solide');
    expect(unlocked.staff).toEqual(t.staff);
  });

  it('refuses a slot whose KDF parameters were weakened on disk with WeakKdfError', async () => {
    const t = await vaultDb();
    const slotId = await onlySlotId(t);
    await patchRaw(t.factory, t.name, 'slots', slotId, (row) => ({
      ...row,
      kdf: { ...KDF, opslimit: KDF.opslimit - 1 },
    }));
    await expect(unlockWithPassphrase(t.db, slotId, PASSPHRASE)).rejects.toBeInstanceOf(
      WeakKdfError,
    );
  });

  it('adds staff members with their own slot, and hides disabled slots from the picker', async () => {
    const t = await vaultDb();
    const bob = await addStaffMember(t.db, t.keyring, {
      name: 'Bob Leroy',
      rpps: '10000000002',
      role: 'staff',
      label: 'Bob',
      passphrase: 'phrase de bob assez longue',
      kdf: KDF,
    });
    expect(await listStaff(t.db, t.keyring)).toEqual([t.staff, bob]);
    const slots = await listUnlockSlots(t.db);
    expect(slots.map((s) => [s.label, s.staffId])).toEqual([
      ['Alice', t.staff.id],
      ['Bob', bob.id],
    ]);
    const bobSlot = slots[1]?.slotId ?? '';
    await patchRaw(t.factory, t.name, 'slots', bobSlot, (row) => ({ ...row, disabled: true }));
    expect((await listUnlockSlots(t.db)).map((s) => s.label)).toEqual(['Alice']);
    const attempt = unlockWithPassphrase(t.db, bobSlot, 'phrase de bob assez longue');
    await expect(attempt).rejects.toEqual(expect.any(StorageError));
  });
});
