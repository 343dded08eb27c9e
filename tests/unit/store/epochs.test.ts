/**
 * Crypto-shredding on a tablet without sync (issue 6): a new epoch every 30 days, every row
 * sealed again under it, the old key forgotten — so a copy of an envelope taken before (a
 * backup, a forensic image of the disk) no longer opens, even with a staff passphrase.
 */
import { describe, expect, it } from 'vitest';
import { UnknownEpochError, decryptRecord } from '../../../app/crypto';
import { DEFAULT_RETENTION, EPOCH_ROTATION_DAYS, isEpochRecord } from '../../../app/domain';
import {
  getVisit,
  listStaff,
  listUnlockSlots,
  maintainEpochs,
  maintainLocalEpochs,
  purgeExpiredVisits,
  readKeyStatus,
  readPharmacy,
  readVaultMeta,
  saveRetentionPolicy,
  unlockWithPassphrase,
} from '../../../app/store';
import { openRecordRow } from '../../../app/store/record-rows';
import { VISIT_KIND } from '../../../app/store/rows';
import { PASSPHRASE, storeVisit, vaultDb } from './fixtures';

const DAY_MS = 86_400_000;

async function setUp() {
  const t = await vaultDb();
  const meta = await readVaultMeta(t.db);
  if (!meta) throw new Error('no vault');
  const since = Date.parse(meta.createdAt);
  const kept = await storeVisit(t, 'K', 'resulted');
  const gone = await storeVisit(t, 'P', 'transmitted');
  await saveRetentionPolicy(t.db, t.keyring, DEFAULT_RETENTION);
  const row = await t.db.visits.get(gone.id);
  if (!row || !('env' in row)) throw new Error('no envelope');
  // What a backup or a disk image taken today would hold of the visit to be purged.
  const copy = {
    address: { vaultId: t.keyring.vaultId, kind: VISIT_KIND, recordId: gone.id },
    env: row.env,
  };
  const [slot] = await listUnlockSlots(t.db);
  return Object.assign(t, { since, kept, gone, copy, slotId: slot?.slotId ?? '' });
}

async function epochsOfRows(t: Awaited<ReturnType<typeof setUp>>): Promise<Set<number>> {
  const records = await t.db.records.toArray();
  const visits = await t.db.visits.toArray();
  return new Set([...records, ...visits].map((r) => r.epoch).filter((e) => e !== 0));
}

describe('crypto-shredding on a tablet without sync', () => {
  it('keeps epoch 1 for 30 days, then seals every row under a new key and forgets the old one', async () => {
    const t = await setUp();
    const early = await maintainLocalEpochs(t.db, t.keyring, t.since + 29 * DAY_MS);
    expect(early).toMatchObject({ started: null, dropped: [] });
    expect(await readKeyStatus(t.db, t.keyring)).toMatchObject({ dropped: 0, pending: false });
    expect(t.keyring.epochs()).toEqual([1]);

    // The purge removes the transmitted visit, then the 30-day rotation drops its key.
    const now = t.since + EPOCH_ROTATION_DAYS * DAY_MS;
    await purgeExpiredVisits(t.db, t.keyring, DEFAULT_RETENTION, { now: new Date(now) });
    await expect(getVisit(t.db, t.keyring, t.gone.id)).rejects.toThrow();
    const done = await maintainLocalEpochs(t.db, t.keyring, now);
    const epoch = done?.started ?? -1;
    expect(done).toMatchObject({ switchedTo: epoch, dropped: [1] });
    expect(done?.resealed).toBeGreaterThan(3);
    expect(t.keyring.epochs()).toEqual([epoch]);
    expect([...(await epochsOfRows(t))]).toEqual([epoch]);

    // Everything still reads, now and after a new unlock through the keyring box…
    expect((await getVisit(t.db, t.keyring, t.kept.id)).identity).toEqual(t.kept.identity);
    const again = await unlockWithPassphrase(t.db, t.slotId, PASSPHRASE);
    expect(again.keyring.epochs()).toEqual([epoch]);
    expect(await listStaff(t.db, again.keyring)).toHaveLength(1);
    expect((await readPharmacy(t.db, again.keyring)).name).toBe('Pharmacie du Marché');
    expect((await getVisit(t.db, again.keyring, t.kept.id)).identity).toEqual(t.kept.identity);
    // …but the copy of the purged visit taken before is unreadable with the keys there are.
    const { address, env } = t.copy;
    expect(() => decryptRecord(again.keyring, address, env)).toThrow(UnknownEpochError);

    expect(await readKeyStatus(t.db, t.keyring)).toEqual({
      since: new Date(now).toISOString(),
      dropped: 1,
      pending: false,
    });
    // Idempotent: nothing more to do the same day.
    const twice = await maintainLocalEpochs(t.db, t.keyring, now);
    expect(twice).toMatchObject({ started: null, switchedTo: null, dropped: [], changed: false });
  });

  it('retires the record of a dropped epoch: no copy of its key stays in a record', async () => {
    const t = await setUp();
    const first = await maintainLocalEpochs(t.db, t.keyring, t.since + 30 * DAY_MS);
    const epoch = first?.started ?? -1;
    const second = await maintainLocalEpochs(t.db, t.keyring, t.since + 60 * DAY_MS);
    expect(second?.dropped).toEqual([epoch]);
    const rows = await t.db.records.where('kind').equals('epoch').toArray();
    expect(rows).toHaveLength(2);
    const records = rows.map((r) => openRecordRow(t.keyring, r, isEpochRecord));
    const old = records.find((r) => r.epoch === epoch);
    expect(old).toMatchObject({ retired: true, keys: {} });
    const current = records.find((r) => r.epoch === second?.started);
    expect(Object.keys(current?.keys ?? {})).toEqual([t.keyring.deviceId]);
  });

  it('resumes a re-sealing cut short by its budget, and drops the key only when no row is left', async () => {
    const t = await setUp();
    const self = { id: t.keyring.deviceId, box: t.keyring.deviceBoxPublicKey };
    const now = t.since + 31 * DAY_MS;
    const cut = await maintainEpochs(t.db, t.keyring, { active: [self], now, resealBudget: 3 });
    expect(cut).toMatchObject({ resealed: 3, dropped: [] });
    expect(t.keyring.hasEpoch(1)).toBe(true);
    expect((await epochsOfRows(t)).size).toBe(2);
    const rest = await maintainEpochs(t.db, t.keyring, { active: [self], now });
    expect(rest.dropped).toEqual([1]);
    expect((await getVisit(t.db, t.keyring, t.kept.id)).identity).toEqual(t.kept.identity);
  });
});
