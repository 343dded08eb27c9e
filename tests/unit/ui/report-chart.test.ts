/**
 * The reports screen as the staff reads it: French number formatting (Intl) and the
 * month chart's geometry on the hand-computed fixture (no DOM needed: the chart is drawn
 * from this model).
 */
import { describe, expect, it } from 'vitest';
import { monthReport } from '../../../app/domain';
import { PLOT, niceStep, rateTop, reportChartModel } from '../../../app/ui/report-chart';
import {
  describeRate,
  formatCount,
  formatLongDay,
  formatMonthTitle,
  formatRate,
} from '../../../app/ui/report-format';
import { FIXTURE, MONTH } from '../domain/report-fixture';

/** Intl's French spaces (narrow no-break U+202F) shown as plain spaces. */
const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');

describe('report formatting', () => {
  it('writes rates and counts the French way', () => {
    expect(plain(formatRate(0.125))).toBe('12,5 %');
    expect(plain(formatRate(7 / 22))).toBe('31,8 %');
    expect(plain(formatRate(0))).toBe('0,0 %');
    expect(formatRate(null)).toBe('—');
    expect(describeRate(null)).toMatch(/^non calculable/);
    expect(plain(formatCount(20000))).toBe('20 000');
  });

  it('names days and months in French', () => {
    expect(formatLongDay('2021-05-03')).toBe('lundi 3 mai 2021');
    expect(formatMonthTitle('2021-05')).toBe('Mai 2021');
    expect(formatMonthTitle('2021-08')).toBe('Août 2021');
  });
});

describe('month chart', () => {
  const model = reportChartModel(monthReport(FIXTURE, MONTH).days);
  const bar = (day: string) => model.bars.find((b) => b.day === day);

  it.each([
    [0, 1],
    [1, 1],
    [1.5, 2],
    [2.5, 5],
    [7, 10],
    [12, 20],
    [250, 500],
  ])('rounds the tests axis step %s up to %s', (x, step) => {
    expect(niceStep(x)).toBe(step);
  });

  it.each([
    [0, 10],
    [0.1, 10],
    [0.11, 20],
    [0.4, 40],
    [0.41, 60],
    [1, 100],
  ])('fits a highest rate of %s under a rate axis topped at %s %', (rate, top) => {
    expect(rateTop(rate)).toBe(top);
  });

  it('draws one bar per day, scaled on a 0–20 tests axis (busiest day: 10 tests)', () => {
    expect(model.bars).toHaveLength(31);
    expect(model.testTicks.map((t) => t.label)).toEqual(['0', '5', '10', '15', '20']);
    expect(bar('2021-05-17')?.height).toBeCloseTo((PLOT.bottom - PLOT.top) / 2);
    expect(bar('2021-05-02')?.height).toBe(0);
    expect(plain(bar('2021-05-03')?.title ?? '')).toBe(
      '03/05/2021 : 7 tests, 2 positifs, positivité 40,0 %',
    );
    expect(bar('2021-05-10')?.title).toContain('positivité non calculable');
  });

  it('puts the rate on a 0–40 % axis and breaks the line on days without a rate', () => {
    expect(model.rateTicks.map((t) => plain(t.label))).toEqual([
      '0 %',
      '10 %',
      '20 %',
      '30 %',
      '40 %',
    ]);
    expect(
      reportChartModel(monthReport([], MONTH).days).rateTicks.map((t) => plain(t.label)),
    ).toEqual(['0 %', '2,5 %', '5 %', '7,5 %', '10 %']);
    const points = model.lines.flat();
    expect(points.map((p) => p.title.slice(0, 10))).toEqual([
      '01/05/2021',
      '03/05/2021',
      '17/05/2021',
      '31/05/2021',
    ]);
    expect(model.lines).toHaveLength(4);
    expect(points[1]?.y).toBe(PLOT.top); // 40 %: the top of the axis
  });

  it('labels the 1st and every 5th day under the bars', () => {
    expect(model.dayTicks.map((t) => t.label)).toEqual(['1', '5', '10', '15', '20', '25', '30']);
  });

  it('draws an empty month without dividing by zero', () => {
    const empty = reportChartModel(monthReport([], '2021-02').days);
    expect(empty.bars).toHaveLength(28);
    expect(empty.bars.every((b) => b.height === 0 && Number.isFinite(b.y))).toBe(true);
    expect(empty.lines).toEqual([]);
    expect(empty.testTicks.map((t) => t.label)).toEqual(['0', '1', '2', '3', '4']);
  });
});
