/**
 * Finding a person's visits by name (issue 6, patients' rights): the store decrypts the
 * visits in memory (there is no name index), returns the newest first with a cap, skips
 * damaged rows, writes nothing, and forgets an erased person.
 */
import { describe, expect, it } from 'vitest';
import { randomId, type Keyring } from '../../../app/crypto';
import {
  parsePatientQuery,
  visitFromIntake,
  type Identity,
  type PatientQuery,
  type Visit,
} from '../../../app/domain';
import {
  eraseVisit,
  findVisitsByName,
  putVisit,
  readVaultMeta,
  saveIntakeEntry,
  type ComptoirDb,
} from '../../../app/store';
import { DAY, intakeEntry, vaultDb } from './fixtures';
import { dumpRaw, patchRaw, serializeDeep } from './raw-idb';

type Device = { db: ComptoirDb; keyring: Keyring };

function query(raw: string): PatientQuery {
  const parsed = parsePatientQuery(raw);
  if (!parsed.ok) throw new Error(`unparseable: ${parsed.problem}`);
  return parsed.query;
}

/** Stores a registered visit of `day` at `hour` with these names. */
async function person(
  d: Device,
  names: Partial<Identity>,
  day = DAY,
  hour = '09',
  id = randomId(),
): Promise<Visit> {
  const entry = intakeEntry(id, '', `${day}T${hour}:00:00+02:00`);
  const identity: Identity = { ...entry.identity, ...names };
  if (identity.usedName === undefined) delete identity.usedName;
  const visit = visitFromIntake({ ...entry, day, identity });
  await putVisit(d.db, d.keyring, visit);
  return visit;
}

const ids = (visits: readonly Visit[]): string[] => visits.map((v) => v.id);

describe('findVisitsByName', () => {
  it('finds a person by birth name, used name, first names or birth date, and nobody by a wrong name', async () => {
    const d = await vaultDb();
    const jean = await person(d, {
      birthName: 'Dupont',
      usedName: 'Durand',
      firstNames: 'Jean-Pierre',
      birthDate: '1980-02-29',
    });
    const helene = await person(d, {
      birthName: 'Lefèvre',
      usedName: undefined,
      firstNames: 'Hélène',
      birthDate: '1975-12-01',
    });
    const find = async (raw: string) =>
      ids((await findVisitsByName(d.db, d.keyring, query(raw))).visits);
    expect(await find('dupont')).toEqual([jean.id]);
    expect(await find('DURAND')).toEqual([jean.id]);
    expect(await find('dup jea')).toEqual([jean.id]);
    expect(await find('pierre')).toEqual([jean.id]);
    expect(await find('helene lefevre')).toEqual([helene.id]);
    expect(await find('01/12/1975')).toEqual([helene.id]);
    expect(await find('martin')).toEqual([]);
    expect(await find('dupont 01/12/1975')).toEqual([]);
  });

  it('returns the newest first, capped, and says when more matched (limit N−1, N, N+1)', async () => {
    const d = await vaultDb();
    const names = { birthName: 'Martin', firstNames: 'Paul' };
    const visits = [
      await person(d, names, '2021-05-01', '10'),
      // Same day: the index hands the older one (larger id) over first.
      await person(d, names, '2021-05-03', '08', 'zzzz-older'),
      await person(d, names, '2021-05-03', '11', 'aaaa-newer'),
      await person(d, names, '2021-05-02', '09'),
    ];
    await person(d, { birthName: 'Bernard', firstNames: 'Paul' }, '2021-05-04');
    const newest = [visits[2], visits[1], visits[3], visits[0]].map((v) => v?.id);
    const run = (limit: number) => findVisitsByName(d.db, d.keyring, query('martin'), { limit });
    const three = await run(3);
    expect(ids(three.visits)).toEqual(newest.slice(0, 3));
    expect(three).toMatchObject({ more: true, damaged: 0 });
    expect(await run(4)).toMatchObject({ more: false });
    expect(ids((await run(4)).visits)).toEqual(newest);
    expect(await run(5)).toMatchObject({ more: false });
    // Cut inside a day: the day is read to its end, so its newer visit is not missed.
    expect(ids((await run(1)).visits)).toEqual(newest.slice(0, 1));
  });

  it('finds a still-sealed patient-mode entry too', async () => {
    const d = await vaultDb();
    const meta = await readVaultMeta(d.db);
    if (!meta) throw new Error('no vault');
    const entry = intakeEntry(randomId(), 'Kiosque');
    await saveIntakeEntry(d.db, meta.intakePublicKey, entry);
    const found = await findVisitsByName(d.db, d.keyring, query('dupontkiosque'));
    expect(ids(found.visits)).toEqual([entry.id]);
  });

  it('skips and counts a damaged row, and still finds the others', async () => {
    const d = await vaultDb();
    const names = { birthName: 'Petit', firstNames: 'Anne' };
    const [a, b] = [await person(d, names), await person(d, names, DAY, '10')];
    await patchRaw(d.factory, d.name, 'visits', a.id, (row) => {
      const env = (row.env as Uint8Array).slice();
      env[env.length - 20] = (env[env.length - 20] ?? 0) ^ 0x01;
      return { ...row, env };
    });
    expect(await findVisitsByName(d.db, d.keyring, query('petit'))).toEqual({
      visits: [b],
      more: false,
      damaged: 1,
    });
  });

  it('writes nothing: the database is byte for byte the same after a search', async () => {
    const d = await vaultDb();
    await person(d, { birthName: 'Roux', firstNames: 'Léa' });
    const before = serializeDeep(await dumpRaw(d.factory, d.name));
    await findVisitsByName(d.db, d.keyring, query('roux lea'));
    const after = serializeDeep(await dumpRaw(d.factory, d.name));
    expect(after).toBe(before);
    expect(after).not.toMatch(/ROUX|Roux/);
  });

  it('no longer finds a person once their visit is erased, and still finds the others', async () => {
    const d = await vaultDb();
    const gone = await person(d, { birthName: 'Moreau', firstNames: 'Luc' });
    const kept = await person(d, { birthName: 'Moreau', firstNames: 'Eva' }, DAY, '10');
    expect(await eraseVisit(d.db, d.keyring, gone.id)).toBe(true);
    expect(ids((await findVisitsByName(d.db, d.keyring, query('moreau'))).visits)).toEqual([
      kept.id,
    ]);
    expect((await findVisitsByName(d.db, d.keyring, query('luc'))).visits).toEqual([]);
  });
});
