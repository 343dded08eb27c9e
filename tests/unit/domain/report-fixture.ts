/**
 * The hand-computed report fixture: May 2021, 28 tallies over five days (plus one on
 * 30 April and one on 1 June, outside the month), three staff members and three kits.
 * The expected numbers in the tests were counted by hand from the table below, not by
 * running the code. Names carry CSV traps: a leading `=` and `-`, quotes, a `;`.
 *
 * ```
 *  #   day    kit  result    read by  status          #   day    kit  result    by  status
 *  1   05-01  K1   positive  S1       transmitted     15  05-17  K1   positive  S1  transmitted
 *  2   05-01  K1   negative  S1       transmitted     16–19 05-17 K1  negative  S1  transmitted
 *  3   05-01  K1   negative  S1       transmitted     20  05-17  K1   positive  S3  transmitted
 *  4   05-01  K2   negative  S2       transmitted     21  05-17  K1   positive  S3  transmitted
 *  5   05-03  K1   positive  S2       transmitted     22–24 05-17 K1  negative  S3  transmitted
 *  6   05-03  K1   positive  S2       pending         25  05-31  K2   positive  S3  transmitted
 *  7   05-03  K2   negative  S3       pending         26  05-31  K2   negative  S3  transmitted
 *  8   05-03  K2   invalid   S3       transmitted     27  05-31  K1   negative  S2  transmitted
 *  9   05-03  K1   negative  S1       rejected        28  05-31  —    —         —   registered
 * 10   05-03  K3   negative  S1       resulted        a   04-30  K1   positive  S1  transmitted
 * 11   05-03  K3   —         —        sampled         b   06-01  K1   negative  S1  transmitted
 * 12   05-03  —    —         —        registered
 * 13   05-10  K2   invalid   S2       transmitted     (05-10: no positive or negative result,
 * 14   05-10  K3   —         —        sampled          so its positivity is undefined)
 * ```
 * Tallies 15–24 are the ones a purge would have left (the store test stores them as
 * `tally` records); the others are live visits there.
 */
import type { ResultValue, TallyStatus, VisitTally } from '../../../app/domain';

export const MONTH = '2021-05';

export const S1 = { staffId: 's-alice', name: 'Alice Martin' };
export const S2 = { staffId: 's-bruno', name: '=Bruno Petit' };
export const S3 = { staffId: 's-chloe', name: 'Chloé "Clo" Durand' };
export const K1 = {
  kitId: '1232',
  kitName: 'Abbott Rapid Diagnostics, Panbio COVID-19 Ag Rapid Test',
};
export const K2 = { kitId: '1363', kitName: 'Hangzhou Clungene; "Rapid" Test' };
export const K3 = { kitId: '345', kitName: '-Test rapide' };

type Staff = typeof S1;
type KitRef = typeof K1;

/** Tally `n` (visit id `v<n>`). */
export function tally(
  n: number | string,
  day: string,
  kit: KitRef | null,
  result: ResultValue | null,
  readBy: Staff | null,
  status: TallyStatus,
): VisitTally {
  return {
    visitId: `v${n}`,
    day: `2021-${day}`,
    kitId: kit?.kitId ?? null,
    kitName: kit?.kitName ?? null,
    result,
    readBy,
    status,
    transmittedAt: status === 'transmitted' ? `2021-${day}T18:00:00.000Z` : null,
  };
}

const T = 'transmitted';

/** Tallies 15–24 (05-17): what a purge leaves. */
export const PURGED: readonly VisitTally[] = [
  tally(15, '05-17', K1, 'positive', S1, T),
  ...[16, 17, 18, 19].map((n) => tally(n, '05-17', K1, 'negative', S1, T)),
  tally(20, '05-17', K1, 'positive', S3, T),
  tally(21, '05-17', K1, 'positive', S3, T),
  ...[22, 23, 24].map((n) => tally(n, '05-17', K1, 'negative', S3, T)),
];

/** Every other tally of the fixture (1–14, 25–28, and a / b outside the month). */
export const LIVE: readonly VisitTally[] = [
  tally(1, '05-01', K1, 'positive', S1, T),
  tally(2, '05-01', K1, 'negative', S1, T),
  tally(3, '05-01', K1, 'negative', S1, T),
  tally(4, '05-01', K2, 'negative', S2, T),
  tally(5, '05-03', K1, 'positive', S2, T),
  tally(6, '05-03', K1, 'positive', S2, 'pending'),
  tally(7, '05-03', K2, 'negative', S3, 'pending'),
  tally(8, '05-03', K2, 'invalid', S3, T),
  tally(9, '05-03', K1, 'negative', S1, 'rejected'),
  tally(10, '05-03', K3, 'negative', S1, 'resulted'),
  tally(11, '05-03', K3, null, null, 'sampled'),
  tally(12, '05-03', null, null, null, 'registered'),
  tally(13, '05-10', K2, 'invalid', S2, T),
  tally(14, '05-10', K3, null, null, 'sampled'),
  tally(25, '05-31', K2, 'positive', S3, T),
  tally(26, '05-31', K2, 'negative', S3, T),
  tally(27, '05-31', K1, 'negative', S2, T),
  tally(28, '05-31', null, null, null, 'registered'),
  tally('a', '04-30', K1, 'positive', S1, T),
  tally('b', '06-01', K1, 'negative', S1, T),
];

/** The whole fixture, in no particular order. */
export const FIXTURE: readonly VisitTally[] = [...LIVE.slice(0, 10), ...PURGED, ...LIVE.slice(10)];
