import { describe, expect, it } from 'vitest';
import {
  addStaffMember,
  listUnlockSlots,
  maintainEpochs,
  maintainLocalEpochs,
  saveKeyring,
  watchKeyring,
  unlockWithPassphrase,
  unlockWithRecovery,
} from '../../../app/store';
import { KEYS_META_KEY, type PassphraseSlotRow } from '../../../app/store/rows';
import { passphraseSlotV1 } from '../crypto/legacy-slot';
import { KDF, PASSPHRASE, vaultDb } from './fixtures';

const BOB = 'phrase de bob assez longue';

async function withBob() {
  const t = await vaultDb();
  await addStaffMember(t.db, t.keyring, {
    name: 'Bob Leroy',
    rpps: '10000000002',
    role: 'staff',
    label: 'Bob',
    passphrase: BOB,
    kdf: KDF,
  });
  const slots = await listUnlockSlots(t.db);
  const id = (label: string) => slots.find((s) => s.label === label)?.slotId ?? '';
  return Object.assign(t, { alice: id('Alice'), bob: id('Bob') });
}

async function wrappedVersion(t: Awaited<ReturnType<typeof withBob>>, slotId: string) {
  return (await t.db.slots.get(slotId))?.wrapped[0];
}

describe('keyring at rest (slots wrap the keyring key)', () => {
  it('a new epoch saved by one staff member is in the keyring every other slot opens', async () => {
    const t = await withBob();
    const epoch = t.keyring.addEpoch();
    await saveKeyring(t.db, t.keyring);
    t.keyring.wipe();
    const bob = await unlockWithPassphrase(t.db, t.bob, BOB);
    expect([bob.keyring.epochs(), bob.keyring.currentEpoch]).toEqual([[1, epoch], epoch]);
    const third = bob.keyring.addEpoch();
    await saveKeyring(t.db, bob.keyring);
    const alice = await unlockWithPassphrase(t.db, t.alice, PASSPHRASE);
    expect(alice.keyring.epochs()).toEqual([1, epoch, third].sort((x, y) => x - y));
    const recovered = await unlockWithRecovery(t.db, t.recoveryCode);
    expect(recovered.keyring.currentEpoch).toBe(third);
  });

  it('upgrades the v1 slots of an earlier version, each at its own unlock, losing no change', async () => {
    const t = await withBob();
    // The vault as an earlier version left it: every slot wraps a whole keyring, no box.
    for (const [slotId, passphrase] of [
      [t.alice, PASSPHRASE],
      [t.bob, BOB],
    ] as const) {
      const row = (await t.db.slots.get(slotId)) as PassphraseSlotRow;
      const v1 = passphraseSlotV1(t.keyring, passphrase, KDF, slotId);
      await t.db.slots.put({ ...row, salt: v1.salt, kcv: v1.kcv, wrapped: v1.wrapped });
    }
    await t.db.meta.delete(KEYS_META_KEY);
    expect(await wrappedVersion(t, t.alice)).toBe(1);

    const alice = await unlockWithPassphrase(t.db, t.alice, PASSPHRASE);
    expect(alice.staff.name).toBe('Alice Martin');
    expect(await wrappedVersion(t, t.alice)).toBe(2);
    expect(await wrappedVersion(t, t.bob)).toBe(1);
    expect(await t.db.meta.get(KEYS_META_KEY)).toBeDefined();

    // A change made now must reach Bob, whose v1 slot still wraps the old keyring.
    const epoch = alice.keyring.addEpoch();
    await saveKeyring(t.db, alice.keyring);
    const bob = await unlockWithPassphrase(t.db, t.bob, BOB);
    expect(bob.keyring.currentEpoch).toBe(epoch);
    expect(await wrappedVersion(t, t.bob)).toBe(2);
    const again = await unlockWithPassphrase(t.db, t.bob, BOB);
    expect(again.keyring.currentEpoch).toBe(epoch);
  });
});

describe('two tabs of the app on one device', () => {
  it('two first unlocks of an earlier version at once: one writes the box, the other unlocks again', async () => {
    const t = await withBob();
    for (const [slotId, passphrase] of [
      [t.alice, PASSPHRASE],
      [t.bob, BOB],
    ] as const) {
      const row = (await t.db.slots.get(slotId)) as PassphraseSlotRow;
      const v1 = passphraseSlotV1(t.keyring, passphrase, KDF, slotId);
      await t.db.slots.put({ ...row, salt: v1.salt, kcv: v1.kcv, wrapped: v1.wrapped });
    }
    await t.db.meta.delete(KEYS_META_KEY);
    // Both read "no box yet"; each would draw its own keyring key.
    const [a, b] = await Promise.allSettled([
      unlockWithPassphrase(t.db, t.alice, PASSPHRASE),
      unlockWithPassphrase(t.db, t.bob, BOB),
    ]);
    expect(a.status).toBe('fulfilled');
    expect(b).toMatchObject({ status: 'rejected', reason: { code: 'conflict' } });
    // The loser's slot was left as it was, so it still opens, now through the stored box.
    expect(await wrappedVersion(t, t.bob)).toBe(1);
    const bob = await unlockWithPassphrase(t.db, t.bob, BOB);
    expect(bob.staff.name).toBe('Bob Leroy');
    expect(await wrappedVersion(t, t.bob)).toBe(2);
    expect((await unlockWithPassphrase(t.db, t.bob, BOB)).staff.name).toBe('Bob Leroy');
  });

  it('the tab with a stale keyring cannot overwrite a renewed one, and is told to lock', async () => {
    const t = await withBob();
    const other = await unlockWithPassphrase(t.db, t.bob, BOB);
    let told = 0;
    const stop = watchKeyring(t.db, other.keyring, () => (told += 1));
    const now = Date.now() + 31 * 86_400_000;
    const renewal = await maintainLocalEpochs(t.db, t.keyring, now);
    expect(renewal?.dropped).toEqual([1]);
    await expect.poll(() => told).toBe(1);
    stop();
    // Its copy still holds epoch 1 only: saving it would lose the new epoch for good.
    expect(other.keyring.epochs()).toEqual([1]);
    await expect(saveKeyring(t.db, other.keyring)).rejects.toMatchObject({ code: 'conflict' });
    const self = { id: other.keyring.deviceId, box: other.keyring.deviceBoxPublicKey };
    const stale = maintainEpochs(t.db, other.keyring, {
      active: [self],
      now: now + 31 * 86_400_000,
    });
    await expect(stale).rejects.toMatchObject({ code: 'conflict' });
    // A new unlock reads the renewed keyring.
    const fresh = await unlockWithPassphrase(t.db, t.bob, BOB);
    expect(fresh.keyring.epochs()).toEqual([renewal?.started]);
  });
});
