import { IDBObjectStore } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createKeyring, randomId } from '../../../app/crypto';
import { visitFromIntake } from '../../../app/domain';
import {
  StorageError,
  getVisit,
  listUnlockSlots,
  putVisit,
  readVaultMeta,
  saveIntakeEntry,
  savePharmacy,
  unlockWithPassphrase,
} from '../../../app/store';
import { PASSPHRASE, PHARMACY, freshDb, intakeEntry, resultedVisit, vaultDb } from './fixtures';
import { patchRaw } from './raw-idb';

afterEach(() => {
  vi.restoreAllMocks();
});

/** Makes every object-store write of fake-indexeddb fail as a full disk does. */
function fillTheDisk(): void {
  const full = () => {
    throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  };
  vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(full);
  vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(full);
}

function deleteUnder(factory: IDBFactory, name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = factory.deleteDatabase(name);
    req.onsuccess = () => resolve();
    req.onerror = () => reject(req.error ?? new Error('delete failed'));
    req.onblocked = () => reject(new Error('delete blocked: the handle did not close'));
  });
}

describe('storage failures', () => {
  it('reports a full disk as quota and keeps the data stored before', async () => {
    const t = await vaultDb();
    const sampled = { ...visitFromIntake(intakeEntry(randomId())), state: 'sampled' as const };
    await putVisit(t.db, t.keyring, sampled);
    const meta = await readVaultMeta(t.db);

    fillTheDisk();
    const write = putVisit(t.db, t.keyring, resultedVisit(sampled));
    await expect(write).rejects.toMatchObject({ name: 'StorageError', code: 'quota' });
    const intake = saveIntakeEntry(
      t.db,
      meta?.intakePublicKey ?? new Uint8Array(32),
      intakeEntry(randomId()),
    );
    await expect(intake).rejects.toMatchObject({ code: 'quota' });
    await expect(savePharmacy(t.db, t.keyring, PHARMACY)).rejects.toMatchObject({ code: 'quota' });
    vi.restoreAllMocks();

    expect(await getVisit(t.db, t.keyring, sampled.id)).toEqual(sampled);
    expect(await t.reopen().then((db) => getVisit(db, t.keyring, sampled.id))).toEqual(sampled);
  });

  it('reports a database deleted under an open handle as missing, not as an empty vault', async () => {
    const t = await vaultDb();
    const visit = visitFromIntake(intakeEntry(randomId()));
    await putVisit(t.db, t.keyring, visit);
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);

    await deleteUnder(t.factory, t.name);
    const read = getVisit(t.db, t.keyring, visit.id);
    await expect(read).rejects.toMatchObject({ name: 'StorageError', code: 'missing' });
    await expect(listUnlockSlots(t.db)).rejects.toMatchObject({ code: 'missing' });
    await expect(readVaultMeta(t.db)).rejects.toMatchObject({ code: 'missing' });
  });

  it('reports a vanished meta row as missing to unlock and to readers', async () => {
    const t = await vaultDb();
    const [slot] = await listUnlockSlots(t.db);
    const visit = visitFromIntake(intakeEntry(randomId()));
    await putVisit(t.db, t.keyring, visit);

    await patchRaw(t.factory, t.name, 'meta', 'vault', () => null);
    expect(await readVaultMeta(t.db)).toBeNull();
    const unlock = unlockWithPassphrase(t.db, slot?.slotId ?? '', PASSPHRASE);
    await expect(unlock).rejects.toMatchObject({ code: 'missing' });
    await expect(getVisit(t.db, t.keyring, visit.id)).rejects.toMatchObject({ code: 'missing' });
    await expect(putVisit(t.db, t.keyring, visit)).rejects.toBeInstanceOf(StorageError);
  });

  it('refuses to seal an intake entry when there is no vault or it has another key', async () => {
    const empty = await freshDb();
    const write = saveIntakeEntry(empty.db, new Uint8Array(32), intakeEntry(randomId()));
    await expect(write).rejects.toMatchObject({ code: 'missing' });
    const other = await vaultDb();
    const stale = createKeyring(randomId()).intakePublicKey;
    const sealed = saveIntakeEntry(other.db, stale, intakeEntry(randomId()));
    await expect(sealed).rejects.toMatchObject({ code: 'missing' });
  });
});
