/**
 * Day and month reports against the hand-computed fixture (`report-fixture.ts`): every
 * expected number below was counted by hand from the fixture's table.
 */
import { describe, expect, it } from 'vitest';
import { dayReport, monthReport, type ReportCounts } from '../../../app/domain';
import { FIXTURE, K1, K2, K3, LIVE, MONTH, PURGED, S1, S2, S3, tally } from './report-fixture';

/** Counts with every field not given at zero (positivity `null`). */
function counts(given: Partial<ReportCounts>): ReportCounts {
  return {
    tests: 0,
    positive: 0,
    negative: 0,
    invalid: 0,
    noResult: 0,
    positivity: null,
    transmitted: 0,
    pending: 0,
    rejected: 0,
    toTransmit: 0,
    registeredOnly: 0,
    ...given,
  };
}

const report = monthReport(FIXTURE, MONTH);

describe('month report', () => {
  it('totals the month: results, positivity, transmission, registrations', () => {
    expect(report.totals).toEqual(
      counts({
        tests: 26,
        positive: 7,
        negative: 15,
        invalid: 2,
        noResult: 2,
        positivity: 7 / 22,
        transmitted: 20,
        pending: 2,
        rejected: 1,
        toTransmit: 1,
        registeredOnly: 2,
      }),
    );
  });

  it('has one row per calendar day, zero days included, in order', () => {
    expect(report.days).toHaveLength(31);
    expect(report.days[0]?.day).toBe('2021-05-01');
    expect(report.days[30]?.day).toBe('2021-05-31');
    const busy = report.days.filter((d) => d.counts.tests > 0).map((d) => d.day);
    expect(busy).toEqual(['2021-05-01', '2021-05-03', '2021-05-10', '2021-05-17', '2021-05-31']);
    expect(report.days[1]).toEqual({ day: '2021-05-02', counts: counts({}) });
  });

  it.each([
    [
      '2021-05-01',
      counts({ tests: 4, positive: 1, negative: 3, positivity: 0.25, transmitted: 4 }),
    ],
    [
      '2021-05-03',
      counts({
        tests: 7,
        positive: 2,
        negative: 3,
        invalid: 1,
        noResult: 1,
        positivity: 0.4,
        transmitted: 2,
        pending: 2,
        rejected: 1,
        toTransmit: 1,
        registeredOnly: 1,
      }),
    ],
    // No positive or negative result: the rate is undefined, not 0.
    ['2021-05-10', counts({ tests: 2, invalid: 1, noResult: 1, transmitted: 1 })],
    [
      '2021-05-17',
      counts({ tests: 10, positive: 3, negative: 7, positivity: 0.3, transmitted: 10 }),
    ],
    [
      '2021-05-31',
      counts({
        tests: 3,
        positive: 1,
        negative: 2,
        positivity: 1 / 3,
        transmitted: 3,
        registeredOnly: 1,
      }),
    ],
  ])('counts %s', (day, expected) => {
    expect(report.days.find((d) => d.day === day)?.counts).toEqual(expected);
  });

  it('counts each staff member on the results they read', () => {
    const byId = Object.fromEntries(report.staff.map((s) => [s.staffId, s]));
    expect(report.staff).toHaveLength(3);
    expect(byId[S1.staffId]).toEqual({
      staffId: S1.staffId,
      name: 'Alice Martin',
      counts: counts({
        tests: 10,
        positive: 2,
        negative: 8,
        positivity: 0.2,
        transmitted: 8,
        rejected: 1,
        toTransmit: 1,
      }),
    });
    expect(byId[S2.staffId]?.counts).toEqual(
      counts({
        tests: 5,
        positive: 2,
        negative: 2,
        invalid: 1,
        positivity: 0.5,
        transmitted: 4,
        pending: 1,
      }),
    );
    expect(byId[S3.staffId]?.counts).toEqual(
      counts({
        tests: 9,
        positive: 3,
        negative: 5,
        invalid: 1,
        positivity: 0.375,
        transmitted: 8,
        pending: 1,
      }),
    );
  });

  it('counts each kit on the tests done with it', () => {
    const byId = Object.fromEntries(report.kits.map((k) => [k.kitId, k]));
    expect(report.kits).toHaveLength(3);
    expect(byId[K1.kitId]).toEqual({
      kitId: '1232',
      name: K1.kitName,
      counts: counts({
        tests: 17,
        positive: 6,
        negative: 11,
        positivity: 6 / 17,
        transmitted: 15,
        pending: 1,
        rejected: 1,
      }),
    });
    expect(byId[K2.kitId]?.counts).toEqual(
      counts({
        tests: 6,
        positive: 1,
        negative: 3,
        invalid: 2,
        positivity: 0.25,
        transmitted: 5,
        pending: 1,
      }),
    );
    // One negative, no positive: 0 %, a real rate (not undefined).
    expect(byId[K3.kitId]?.counts).toEqual(
      counts({ tests: 3, negative: 1, noResult: 2, positivity: 0, toTransmit: 1 }),
    );
  });

  it('splits the tests both by result and by status', () => {
    for (const c of [report.totals, ...report.days.map((d) => d.counts)]) {
      expect(c.positive + c.negative + c.invalid + c.noResult).toBe(c.tests);
      expect(c.noResult + c.toTransmit + c.pending + c.transmitted + c.rejected).toBe(c.tests);
    }
  });

  it('ignores tallies of other months and does not depend on their order', () => {
    const reversed = monthReport([...FIXTURE].reverse(), MONTH);
    expect(reversed).toEqual(report);
    expect(monthReport(FIXTURE, '2021-04').totals).toEqual(
      counts({ tests: 1, positive: 1, positivity: 1, transmitted: 1 }),
    );
  });

  it('reads the same whether tallies come from live visits or from a purge', () => {
    const everyTally = monthReport([...PURGED, ...LIVE], MONTH);
    expect(everyTally).toEqual(report);
  });

  it('gives an empty month 30 or 31 zero days and no rows', () => {
    const empty = monthReport([], '2021-06');
    expect(empty.days).toHaveLength(30);
    expect(empty.totals).toEqual(counts({}));
    expect(empty.staff).toEqual([]);
    expect(empty.kits).toEqual([]);
    expect(monthReport([], '2024-02').days).toHaveLength(29);
  });

  it('shows a renamed staff member under the name of their latest result', () => {
    const renamed = { ...S1, name: 'Alice Martin-Roux' };
    const r = monthReport(
      [tally(1, '05-20', K1, 'negative', renamed, 'transmitted'), ...FIXTURE],
      MONTH,
    );
    expect(r.staff.find((s) => s.staffId === S1.staffId)?.name).toBe('Alice Martin-Roux');
  });

  it.each(['2021-5', '2021-13', '2021-00', 'mai 2021'])('refuses the month %j', (month) => {
    expect(() => monthReport(FIXTURE, month)).toThrow(RangeError);
  });
});

describe('day report', () => {
  it('counts one day with its staff members and kits', () => {
    const day = dayReport(FIXTURE, '2021-05-03');
    expect(day.day).toBe('2021-05-03');
    expect(day.totals).toEqual(report.days[2]?.counts);
    expect(day.staff.map((s) => [s.staffId, s.counts.tests, s.counts.positivity])).toEqual(
      expect.arrayContaining([
        [S1.staffId, 2, 0],
        [S2.staffId, 2, 1],
        [S3.staffId, 2, 0],
      ]),
    );
    expect(day.kits.map((k) => [k.kitId, k.counts.tests, k.counts.noResult])).toEqual(
      expect.arrayContaining([
        [K1.kitId, 3, 0],
        [K2.kitId, 2, 0],
        [K3.kitId, 2, 1],
      ]),
    );
    expect(day.kits.find((k) => k.kitId === K1.kitId)?.counts.positivity).toBe(2 / 3);
  });

  it('gives an empty day zero counts and an undefined positivity', () => {
    expect(dayReport(FIXTURE, '2021-05-02')).toEqual({
      day: '2021-05-02',
      totals: counts({}),
      staff: [],
      kits: [],
    });
  });
});
