/**
 * The tallies behind the reports, on fake-indexeddb with real crypto: live visits of the
 * month (decrypted) plus the stored tallies of purged visits (`records` kind `'tally'`),
 * month boundaries, the live visit winning over a stored tally, and damaged rows.
 */
import { describe, expect, it } from 'vitest';
import type { Keyring } from '../../../app/crypto';
import {
  tallyRecordId,
  monthReport,
  tallyOfVisit,
  visitFromIntake,
  type Visit,
  type VisitTally,
} from '../../../app/domain';
import {
  listMonthTallies,
  putVisit,
  readDayTallies,
  readMonthTallies,
  type ComptoirDb,
} from '../../../app/store';
import { sealRecordRow } from '../../../app/store/record-rows';
import { FIXTURE, K1, LIVE, MONTH, PURGED, S1, tally } from '../domain/report-fixture';
import { intakeEntry, vaultDb } from './fixtures';

/** A visit whose tally is exactly `t` (identity from the store fixtures). */
function visitOf(t: VisitTally): Visit {
  const base = visitFromIntake({ ...intakeEntry(t.visitId, t.visitId), day: t.day });
  const at = `${t.day}T09:10:00+02:00`;
  return {
    ...base,
    state: t.status === 'pending' ? 'queued' : t.status,
    ...(t.kitId !== null && {
      test: {
        kitId: t.kitId,
        kitName: t.kitName ?? '',
        lot: 'LOT42',
        expiry: '2022-12-31',
        specimen: '258500001',
        sampledAt: at,
        readingMinutes: 15,
      },
    }),
    ...(t.result !== null &&
      t.readBy !== null && {
        result: { value: t.result, readAt: at, readBy: { ...t.readBy, rpps: '10000000001' } },
      }),
    ...(t.transmittedAt !== null && {
      transmission: { attempts: 1, receipt: 'Observation/1', transmittedAt: t.transmittedAt },
    }),
  };
}

/** What the purge leaves: the sealed tally record, stored as the purge stores it. */
async function storeTally(db: ComptoirDb, keyring: Keyring, t: VisitTally): Promise<void> {
  await db.records.put(sealRecordRow(keyring, 'tally', tallyRecordId(t), t));
}

async function fixtureVault() {
  const v = await vaultDb();
  for (const t of LIVE) await putVisit(v.db, v.keyring, visitOf(t));
  for (const t of PURGED) await storeTally(v.db, v.keyring, t);
  return v;
}

const byId = (a: VisitTally, b: VisitTally) => (a.visitId < b.visitId ? -1 : 1);
const inMonth = (month: string) => FIXTURE.filter((t) => t.day.startsWith(month)).sort(byId);

describe('report repository', () => {
  it('lists the month from live visits and stored tallies, as in the fixture', async () => {
    const v = await fixtureVault();
    for (const t of LIVE) expect(tallyOfVisit(visitOf(t))).toEqual(t);
    const tallies = await listMonthTallies(v.db, v.keyring, MONTH);
    expect([...tallies].sort(byId)).toEqual(inMonth(MONTH));
    const { totals } = monthReport(tallies, MONTH);
    expect([totals.tests, totals.positive, totals.negative, totals.invalid]).toEqual([
      26, 7, 15, 2,
    ]);
    expect([totals.transmitted, totals.pending, totals.rejected]).toEqual([20, 2, 1]);
  });

  it('keeps to the month: 30 April and 1 June, live or stored, belong to their own month', async () => {
    const v = await fixtureVault();
    await storeTally(v.db, v.keyring, tally('c', '04-30', K1, 'negative', S1, 'transmitted'));
    await storeTally(v.db, v.keyring, tally('d', '06-01', K1, 'negative', S1, 'transmitted'));
    const ids = async (month: string) =>
      (await listMonthTallies(v.db, v.keyring, month)).map((t) => t.visitId).sort();
    expect(await ids('2021-04')).toEqual(['va', 'vc']);
    expect(await ids('2021-06')).toEqual(['vb', 'vd']);
    expect(await ids('2021-05')).toHaveLength(28);
    expect(await ids('2021-07')).toEqual([]);
  });

  it('counts a visit once, from the live visit, when a stored tally has the same id', async () => {
    const v = await fixtureVault();
    const stale = tally(6, '05-03', K1, 'negative', S1, 'transmitted');
    await storeTally(v.db, v.keyring, stale);
    const tallies = await listMonthTallies(v.db, v.keyring, MONTH);
    const six = tallies.filter((t) => t.visitId === 'v6');
    expect(six).toEqual([LIVE.find((t) => t.visitId === 'v6')]);
    expect(six[0]?.status).toBe('pending');
  });

  it('reads the same report after a visit is purged and only its tally is left', async () => {
    const v = await fixtureVault();
    const before = monthReport(await listMonthTallies(v.db, v.keyring, MONTH), MONTH);
    const one = LIVE[0] as VisitTally;
    await storeTally(v.db, v.keyring, one);
    await v.db.visits.delete(one.visitId);
    await v.reopen();
    const after = monthReport(await listMonthTallies(v.db, v.keyring, MONTH), MONTH);
    expect(after).toEqual(before);
  });

  it('skips live rows already in the purged state: their stored tally counts', async () => {
    const v = await vaultDb();
    const t = tally('p', '05-20', K1, 'positive', S1, 'transmitted');
    await putVisit(v.db, v.keyring, { ...visitOf(t), state: 'purged' });
    expect(await listMonthTallies(v.db, v.keyring, MONTH)).toEqual([]);
    await storeTally(v.db, v.keyring, t);
    expect(await listMonthTallies(v.db, v.keyring, MONTH)).toEqual([t]);
  });

  it('reports damaged rows by id without hiding the others', async () => {
    const v = await fixtureVault();
    // A tally sealed for one visit id but claiming another; a row moved under another key.
    await storeTally(v.db, v.keyring, tally(90, '05-20', K1, 'positive', S1, 'transmitted'));
    const day = PURGED[0]?.day ?? '';
    await v.db.records.put(
      sealRecordRow(v.keyring, 'tally', `${day}.v91`, { ...PURGED[0], visitId: 'v92' }),
    );
    const moved = sealRecordRow(v.keyring, 'tally', `${day}.v93`, PURGED[0]);
    await v.db.records.put({ ...moved, id: `tally:${day}.v94` });
    const row = await v.db.records.get('tally:2021-05-20.v90');
    if (!row) throw new Error('no row');
    const env = row.env.slice();
    env[env.length - 1] = (env[env.length - 1] ?? 0) ^ 1;
    await v.db.records.put({ ...row, env });
    const { tallies, damaged } = await readMonthTallies(v.db, v.keyring, MONTH);
    expect(damaged.sort()).toEqual(['v90', 'v91', 'v94']);
    expect(tallies).toHaveLength(28);
  });

  it('lists one day', async () => {
    const v = await fixtureVault();
    const { tallies, damaged } = await readDayTallies(v.db, v.keyring, '2021-05-17');
    expect(damaged).toEqual([]);
    expect([...tallies].sort(byId)).toEqual([...PURGED].sort(byId));
    expect((await readDayTallies(v.db, v.keyring, '2021-05-03')).tallies).toHaveLength(8);
  });

  it('refuses an invalid month', async () => {
    const v = await vaultDb();
    await expect(listMonthTallies(v.db, v.keyring, '2021-13')).rejects.toThrow(RangeError);
  });
});
