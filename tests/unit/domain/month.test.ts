/** Calendar months of the month report: validation, days, arithmetic, French names. */
import { describe, expect, it } from 'vitest';
import {
  addMonths,
  daysOfMonth,
  formatMonthFr,
  isMonth,
  monthOfDay,
  parseMonth,
} from '../../../app/domain';

describe('calendar months', () => {
  it.each(['2021-05', '2024-12', '0001-01'])('accepts %s', (m) => {
    expect(isMonth(m)).toBe(true);
  });

  it.each(['2021-5', '2021-00', '2021-13', '0000-01', '2021-05-01', 'mai 2021', '', 202105])(
    'refuses %j',
    (m) => {
      expect(isMonth(m)).toBe(false);
    },
  );

  it('lists the days of a month, leap years included', () => {
    expect(daysOfMonth('2021-05')).toHaveLength(31);
    expect(daysOfMonth('2021-04').at(-1)).toBe('2021-04-30');
    expect(daysOfMonth('2024-02').at(-1)).toBe('2024-02-29');
    expect(daysOfMonth('2100-02').at(-1)).toBe('2100-02-28');
    expect(daysOfMonth('2021-05')[0]).toBe('2021-05-01');
    expect(() => daysOfMonth('2021-13')).toThrow(RangeError);
  });

  it('moves across years both ways', () => {
    expect(addMonths('2021-12', 1)).toBe('2022-01');
    expect(addMonths('2021-01', -1)).toBe('2020-12');
    expect(addMonths('2021-05', -17)).toBe('2019-12');
    expect(addMonths('2021-05', 0)).toBe('2021-05');
  });

  it('names months in French and finds the month of a day', () => {
    expect(formatMonthFr('2021-02')).toBe('février 2021');
    expect(formatMonthFr('2021-08')).toBe('août 2021');
    expect(monthOfDay('2021-05-31')).toBe('2021-05');
    expect(parseMonth('2021-05')).toEqual({ year: 2021, month: 5 });
  });
});
