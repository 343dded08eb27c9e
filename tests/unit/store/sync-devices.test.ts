/**
 * Two (and more) devices of one vault on separate databases exchange outbox ops in random
 * orders and converge (DESIGN.md "Ops and merge": any delivery order converges).
 */
import { describe, expect, it } from 'vitest';
import { formatHlc, type Op } from '../../../app/domain';
import {
  applyRemoteOps,
  countOutbox,
  countPendingSubmissions,
  enableSync,
  enqueueSubmission,
  getVisit,
  listDayVisits,
  listStaff,
  putVisit,
  readOutbox,
  readPharmacy,
  readPortalSettings,
  savePharmacy,
  savePortalSettings,
  snapshotOps,
  type ComptoirDb,
} from '../../../app/store';
import type { Keyring } from '../../../app/crypto';
import { DAY, PHARMACY, vaultDb } from './fixtures';
import {
  emptyDevice,
  flat,
  otherDevice,
  pairedDevice,
  shuffled,
  storeResulted,
} from './sync-fixtures';

type Device = { db: ComptoirDb; keyring: Keyring };
const RELAY = 'https://relay.example.test';

async function day(d: Device) {
  return (await listDayVisits(d.db, d.keyring, DAY)).visits;
}

async function drain(d: Device): Promise<Op[]> {
  return flat(await readOutbox(d.db, d.keyring, 1000));
}

describe('two devices', () => {
  it('B built from A’s snapshot reads the same visits, staff and settings', async () => {
    const a = await vaultDb();
    await storeResulted(a, 'x');
    await savePortalSettings(a.db, a.keyring, { mode: 'confirm' });
    const b = await pairedDevice(a);
    expect(await day(b)).toEqual(await day(a));
    expect(await listStaff(b.db, b.keyring)).toEqual(await listStaff(a.db, a.keyring));
    expect(await readPharmacy(b.db, b.keyring)).toEqual(PHARMACY);
    expect((await readPortalSettings(b.db, b.keyring)).mode).toBe('confirm');
    expect(await countOutbox(b.db)).toBe(0); // remote ops never reach the outbox
  });

  it('concurrent edits exchanged in random orders converge to identical visit lists', async () => {
    const a = await vaultDb();
    const shared = await storeResulted(a, 's');
    const other = await storeResulted(a, 'o');
    await enableSync(a.db, a.keyring, RELAY);
    const snapshot = await drain(a);
    const b = await pairedDevice(a);
    await enableSync(b.db, b.keyring, RELAY);
    const bSnapshot = await drain(b);

    // A and B edit concurrently: different fields, the same field, states, new visits.
    const edit = (v: typeof shared, patch: Partial<typeof shared.identity>) => ({
      ...v,
      identity: { ...v.identity, ...patch },
    });
    await putVisit(a.db, a.keyring, edit(shared, { city: 'Paris', usedName: undefined }));
    await putVisit(b.db, b.keyring, edit(shared, { phone: '+33700000000', city: 'Nice' }));
    await enqueueSubmission(a.db, a.keyring, other, Date.now());
    await putVisit(b.db, b.keyring, edit(other, { email: 'new@example.fr' }));
    await storeResulted(a, 'a-new');
    await storeResulted(b, 'b-new');
    await savePharmacy(b.db, b.keyring, { ...PHARMACY, name: 'Pharmacie B' });

    const fromA = (await readOutbox(a.db, a.keyring, 100)).slice(1); // minus the snapshot
    const fromB = (await readOutbox(b.db, b.keyring, 100)).slice(1);
    for (const [i, e] of shuffled(fromA, 1).entries()) {
      await applyRemoteOps(b.db, b.keyring, shuffled(e.ops, i));
    }
    for (const e of shuffled(fromB, 2)) await applyRemoteOps(a.db, a.keyring, e.ops);

    const listA = await day(a);
    expect(await day(b)).toEqual(listA);
    expect(listA).toHaveLength(4);
    const merged = listA.find((v) => v.id === shared.id);
    expect(merged?.identity.phone).toBe('+33700000000'); // B's field survives
    expect(merged?.identity.usedName).toBeUndefined(); // A's removal survives
    expect(merged?.identity.city).toBe('Nice'); // same field: B wrote later
    expect(listA.find((v) => v.id === other.id)).toMatchObject({ state: 'queued' });
    expect(await countPendingSubmissions(b.db)).toBe(1); // queued ⇒ row, on B too
    expect((await readPharmacy(a.db, a.keyring)).name).toBe('Pharmacie B');

    // A third device catching up from everything, in several random orders, agrees.
    const everything = [...snapshot, ...bSnapshot, ...flat(fromA), ...flat(fromB)];
    for (const seed of [3, 4, 5]) {
      const c = { keyring: otherDevice(a.keyring), db: null as unknown as ComptoirDb };
      c.db = await emptyDevice(c.keyring);
      const ops = shuffled(everything, seed);
      for (let i = 0; i < ops.length; i += 7)
        await applyRemoteOps(c.db, c.keyring, ops.slice(i, i + 7));
      expect(await day(c)).toEqual(listA);
      expect((await readPharmacy(c.db, c.keyring)).name).toBe('Pharmacie B');
    }
  });

  it('applying the same ops twice changes nothing (idempotent)', async () => {
    const a = await vaultDb();
    await storeResulted(a);
    const ops = await snapshotOps(a.db, a.keyring);
    const b = await pairedDevice(a);
    const before = await day(b);
    expect((await applyRemoteOps(b.db, b.keyring, ops)).changedVisitIds).toEqual([]);
    expect(await day(b)).toEqual(before);
  });

  it('a deleted visit stays deleted whatever the order, with no row left', async () => {
    const a = await vaultDb();
    const visit = await storeResulted(a);
    const b = await pairedDevice(a);
    await enableSync(a.db, a.keyring, RELAY);
    const late = formatHlc({ ms: Date.now() + 60_000, counter: 0, deviceId: 'zz' });
    const del: Op = { t: 'del', kind: 'visit', id: visit.id, hlc: late };
    expect((await applyRemoteOps(b.db, b.keyring, [del])).changedVisitIds).toEqual([visit.id]);
    // A edits after the deletion was made elsewhere; B receives the edit afterwards.
    await putVisit(a.db, a.keyring, { ...visit, updatedAt: 'later' });
    await applyRemoteOps(b.db, b.keyring, await drain(a));
    await expect(getVisit(b.db, b.keyring, visit.id)).rejects.toMatchObject({ code: 'not-found' });
    await expect(putVisit(b.db, b.keyring, visit)).rejects.toMatchObject({ code: 'conflict' });
    expect(await b.db.tombstones.get(visit.id)).toEqual({ id: visit.id, hlc: late });
    await applyRemoteOps(a.db, a.keyring, [del]);
    expect(await day(a)).toEqual(await day(b));
  });

  // Three visit ids per batch: up to 12 stored visits their keys are scanned, beyond that
  // the rows are read one get per id (bulk-get.ts). Both reads must merge alike.
  it.each([1, 12])(
    'merges an edit, a deletion and a new visit with %i other visits stored',
    async (others) => {
      const a = await vaultDb();
      const edited = await storeResulted(a);
      const deleted = await storeResulted(a);
      for (let i = 0; i < others; i += 1) await storeResulted(a);
      const b = await pairedDevice(a);
      await enableSync(a.db, a.keyring, RELAY);
      await putVisit(a.db, a.keyring, {
        ...edited,
        identity: { ...edited.identity, city: 'Brest' },
      });
      const fresh = await storeResulted(a);
      const late = formatHlc({ ms: Date.now() + 60_000, counter: 0, deviceId: 'zz' });
      const del: Op = { t: 'del', kind: 'visit', id: deleted.id, hlc: late };
      // The first outbox entry is enableSync's snapshot: the batch is the three changes.
      const ops = [...flat((await readOutbox(a.db, a.keyring, 1000)).slice(1)), del];
      const changed = (await applyRemoteOps(b.db, b.keyring, ops)).changedVisitIds;
      expect(new Set(changed)).toEqual(new Set([edited.id, deleted.id, fresh.id]));
      expect((await getVisit(b.db, b.keyring, edited.id)).identity.city).toBe('Brest');
      expect(await b.db.tombstones.get(deleted.id)).toEqual({ id: deleted.id, hlc: late });
      expect((await applyRemoteOps(b.db, b.keyring, ops)).changedVisitIds).toEqual([]);
      await applyRemoteOps(a.db, a.keyring, [del]);
      expect(await day(b)).toEqual(await day(a));
      expect(await day(b)).toHaveLength(others + 2);
    },
  );

  it('keeps an edit that arrives before its visit, then shows the visit once complete', async () => {
    const a = await vaultDb();
    await enableSync(a.db, a.keyring, RELAY);
    const base = await storeResulted(a);
    await putVisit(a.db, a.keyring, { ...base, identity: { ...base.identity, city: 'Paris' } });
    const entries = (await readOutbox(a.db, a.keyring, 10)).slice(1);
    const c = { keyring: otherDevice(a.keyring), db: null as unknown as ComptoirDb };
    c.db = await emptyDevice(c.keyring);
    for (const e of [...entries].reverse()) await applyRemoteOps(c.db, c.keyring, e.ops);
    expect((await getVisit(c.db, c.keyring, base.id)).identity.city).toBe('Paris');
    expect(await c.db.records.where('kind').equals('visit-doc').count()).toBe(0);
  });
});
