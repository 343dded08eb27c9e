import { describe, expect, it } from 'vitest';
import { IntegrityError, randomId } from '../../../app/crypto';
import { visitFromIntake, type Visit } from '../../../app/domain';
import {
  absorbIntakeEntries,
  countByState,
  getVisit,
  listDayVisits,
  putVisit,
  readVaultMeta,
  saveIntakeEntry,
} from '../../../app/store';
import { DAY, intakeEntry, resultedVisit, vaultDb } from './fixtures';
import { dumpRaw, patchRaw } from './raw-idb';

async function intakeKey(db: Parameters<typeof readVaultMeta>[0]): Promise<Uint8Array> {
  const meta = await readVaultMeta(db);
  if (!meta) throw new Error('no vault');
  return meta.intakePublicKey;
}

/** Three visits of DAY registered at 09:00, 08:00 and 10:00. */
async function threeVisits(t: Awaited<ReturnType<typeof vaultDb>>): Promise<Visit[]> {
  const visits = ['09', '08', '10'].map((h) =>
    visitFromIntake(intakeEntry(randomId(), h, `${DAY}T${h}:00:00+02:00`)),
  );
  for (const v of visits) await putVisit(t.db, t.keyring, v);
  return visits;
}

describe('visit repository', () => {
  it('lists the visits of a day sorted by registration time', async () => {
    const t = await vaultDb();
    const [nine, eight, ten] = await threeVisits(t);
    await putVisit(
      t.db,
      t.keyring,
      visitFromIntake({ ...intakeEntry(randomId()), day: '2021-05-04' }),
    );
    expect(await listDayVisits(t.db, t.keyring, DAY)).toEqual({
      visits: [eight, nine, ten],
      damaged: [],
    });
  });

  it('reports a flipped envelope byte as IntegrityError and lists the other visits', async () => {
    const t = await vaultDb();
    const [nine, eight, ten] = await threeVisits(t);
    await patchRaw(t.factory, t.name, 'visits', nine?.id ?? '', (row) => {
      const env = (row.env as Uint8Array).slice();
      env[env.length - 20] = (env[env.length - 20] ?? 0) ^ 0x01;
      return { ...row, env };
    });
    await expect(getVisit(t.db, t.keyring, nine?.id ?? '')).rejects.toBeInstanceOf(IntegrityError);
    expect(await listDayVisits(t.db, t.keyring, DAY)).toEqual({
      visits: [eight, ten],
      damaged: [nine?.id],
    });
  });

  it('does not trust the clear state or day: an edited copy is an IntegrityError', async () => {
    const t = await vaultDb();
    const [nine, eight] = await threeVisits(t);
    const ids = [nine?.id ?? '', eight?.id ?? ''] as const;
    await patchRaw(t.factory, t.name, 'visits', ids[0], (row) => ({
      ...row,
      state: 'transmitted',
    }));
    await patchRaw(t.factory, t.name, 'visits', ids[1], (row) => ({ ...row, day: '2021-05-04' }));
    await expect(getVisit(t.db, t.keyring, ids[0])).rejects.toBeInstanceOf(IntegrityError);
    await expect(getVisit(t.db, t.keyring, ids[1])).rejects.toBeInstanceOf(IntegrityError);
    const moved = await listDayVisits(t.db, t.keyring, '2021-05-04');
    expect(moved).toEqual({ visits: [], damaged: [ids[1]] });
  });

  it('refuses to move a visit back from resulted to registered with a conflict', async () => {
    const t = await vaultDb();
    const registered = visitFromIntake(intakeEntry(randomId()));
    await putVisit(t.db, t.keyring, registered);
    await expect(putVisit(t.db, t.keyring, resultedVisit(registered))).rejects.toMatchObject({
      code: 'conflict',
    });
    const sampled: Visit = { ...registered, state: 'sampled' };
    await putVisit(t.db, t.keyring, sampled);
    await putVisit(t.db, t.keyring, resultedVisit(sampled));
    await putVisit(t.db, t.keyring, resultedVisit(sampled, ' corrigé')); // same state: allowed
    const back = putVisit(t.db, t.keyring, registered);
    await expect(back).rejects.toMatchObject({ name: 'StorageError', code: 'conflict' });
    expect(await getVisit(t.db, t.keyring, registered.id)).toEqual(
      resultedVisit(sampled, ' corrigé'),
    );
  });

  it('reports an unknown visit as not-found', async () => {
    const t = await vaultDb();
    await expect(getVisit(t.db, t.keyring, randomId())).rejects.toMatchObject({
      code: 'not-found',
    });
  });

  it('absorbs sealed intake entries once, and they read back through getVisit', async () => {
    const t = await vaultDb();
    const pk = await intakeKey(t.db);
    const entries = [intakeEntry(randomId(), 'a'), intakeEntry(randomId(), 'b')];
    for (const e of entries) await saveIntakeEntry(t.db, pk, e);
    // Readable (opened in memory) before being absorbed too.
    expect(await getVisit(t.db, t.keyring, entries[0]?.id ?? '')).toEqual(
      visitFromIntake(entries[0] ?? intakeEntry('x')),
    );

    expect(await absorbIntakeEntries(t.db, t.keyring)).toBe(2);
    expect(await absorbIntakeEntries(t.db, t.keyring)).toBe(0);
    const rows = (await dumpRaw(t.factory, t.name)).filter((r) => r.store === 'visits');
    expect(rows.map((r) => Object.keys(r.value as object).sort())).toEqual([
      ['day', 'env', 'epoch', 'id', 'state'],
      ['day', 'env', 'epoch', 'id', 'state'],
    ]);
    for (const e of entries)
      expect(await getVisit(t.db, t.keyring, e.id)).toEqual(visitFromIntake(e));
  });

  it('refuses the same intake entry twice, and a malformed one', async () => {
    const t = await vaultDb();
    const pk = await intakeKey(t.db);
    const entry = intakeEntry(randomId());
    await saveIntakeEntry(t.db, pk, entry);
    await expect(saveIntakeEntry(t.db, pk, entry)).rejects.toMatchObject({ code: 'conflict' });
    const bad = { ...entry, id: randomId(), day: '03/05/2021' };
    await expect(saveIntakeEntry(t.db, pk, bad)).rejects.toMatchObject({ code: 'corrupt' });
  });

  it('leaves a sealed entry whose clear day was edited sealed, and reports it damaged', async () => {
    const t = await vaultDb();
    const entry = intakeEntry(randomId());
    await saveIntakeEntry(t.db, await intakeKey(t.db), entry);
    await patchRaw(t.factory, t.name, 'visits', entry.id, (row) => ({ ...row, day: '2021-05-04' }));
    expect(await absorbIntakeEntries(t.db, t.keyring)).toBe(0);
    await expect(getVisit(t.db, t.keyring, entry.id)).rejects.toBeInstanceOf(IntegrityError);
    expect((await listDayVisits(t.db, t.keyring, '2021-05-04')).damaged).toEqual([entry.id]);
  });

  it('counts the visits of a day by state from clear fields only', async () => {
    const t = await vaultDb();
    const [nine] = await threeVisits(t);
    if (!nine) throw new Error('no visit');
    await putVisit(t.db, t.keyring, { ...nine, state: 'sampled' });
    await saveIntakeEntry(t.db, await intakeKey(t.db), intakeEntry(randomId()));
    expect(await countByState(t.db, DAY)).toEqual({ registered: 3, sampled: 1 });
    expect(await countByState(t.db, '2021-05-05')).toEqual({});
  });
});
