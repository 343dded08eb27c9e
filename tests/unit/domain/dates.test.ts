import { describe, expect, it } from 'vitest';
import {
  addDays,
  addYears,
  ageInYears,
  formatDateFr,
  isMinor,
  localDay,
  minutesBetween,
  parseDay,
  validateBirthDate,
  validateDate,
} from '../../../app/domain';

const TODAY = '2024-05-10';

describe('day helpers', () => {
  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2000-02-29', true], // divisible by 400
    ['1900-02-29', false], // divisible by 100 only
    ['2024-04-31', false],
    ['2024-12-31', true],
    ['2024-13-01', false],
    ['2024-00-10', false],
    ['2024-5-10', false],
    ['10/05/2024', false],
  ])('parseDay(%j) accepts = %s', (day, ok) => {
    expect(parseDay(day) !== null).toBe(ok);
  });

  it('takes the local Paris day, not the UTC one, around midnight', () => {
    // 22:30 UTC on 31 March 2024 is 00:30 on 1 April in Paris (summer time, UTC+2).
    expect(localDay(new Date('2024-03-31T22:30:00Z'))).toBe('2024-04-01');
    // 23:30 UTC on 10 January is 00:30 on 11 January in Paris (winter time, UTC+1).
    expect(localDay(new Date('2024-01-10T23:30:00Z'))).toBe('2024-01-11');
    expect(localDay(new Date('2024-01-10T22:59:59Z'))).toBe('2024-01-10');
    expect(localDay(new Date('2024-01-10T23:30:00Z'), 'UTC')).toBe('2024-01-10');
    expect(localDay(new Date('2024-01-10T23:30:00Z'), 'Indian/Reunion')).toBe('2024-01-11');
  });

  it('adds days and years across month ends, leap days and DST changes', () => {
    expect(addDays('2024-03-30', 2)).toBe('2024-04-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2024-02-29', -120)).toBe('1904-02-29');
    expect(() => addDays('2023-02-29', 1)).toThrow(RangeError);
  });

  it('measures minutes between instants given as dates or ISO strings with offsets', () => {
    expect(minutesBetween('2024-05-10T10:00:00+02:00', '2024-05-10T08:15:00Z')).toBe(15);
    expect(minutesBetween(new Date('2024-05-10T08:15:00Z'), new Date('2024-05-10T08:00:00Z'))).toBe(
      -15,
    );
  });

  it('formats days in the French way and leaves anything else alone', () => {
    expect(formatDateFr('2024-03-05')).toBe('05/03/2024');
    expect(formatDateFr('not a day')).toBe('not a day');
  });
});

describe('validateDate', () => {
  it.each([
    ['2024-02-29', '2024-02-29'],
    ['29/02/2024', '2024-02-29'],
    ['5/3/1984', '1984-03-05'],
    ['05.03.1984', '1984-03-05'],
    ['05-03-1984', '1984-03-05'],
    [' 1984-03-05 ', '1984-03-05'],
  ])('normalises %j to %s', (raw, day) => {
    expect(validateDate(raw, { field: 'expiry' })).toEqual({ ok: true, value: day });
  });

  it.each([
    ['2023-02-29', 'date.nonexistent'],
    ['29/02/2023', 'date.nonexistent'],
    ['31/04/2024', 'date.nonexistent'],
    ['05/13/1984', 'date.nonexistent'],
    ['1984/03/05', 'date.format'],
    ['05/03/84', 'date.format'],
    ['hier', 'date.format'],
    ['', 'required'],
  ])('refuses %j with %s', (raw, code) => {
    expect(validateDate(raw, { field: 'expiry' })).toMatchObject({
      ok: false,
      errors: [{ field: 'expiry', code }],
    });
  });

  it('accepts an empty optional date as null', () => {
    expect(validateDate('  ', { field: 'x', optional: true })).toEqual({ ok: true, value: null });
  });
});

describe('validateBirthDate', () => {
  it.each([
    ['today (a newborn)', '2024-05-10', true],
    ['tomorrow', '2024-05-11', false],
    ['exactly 120 years ago', '1904-05-10', true],
    ['120 years ago plus one day', '1904-05-11', true],
    ['120 years and one day ago', '1904-05-09', false],
    ['a French-typed date', '03/12/1984', true],
  ])('%s → ok = %s', (_name, raw, ok) => {
    expect(validateBirthDate(raw, TODAY).ok).toBe(ok);
  });

  it('says why a birth date is refused', () => {
    expect(validateBirthDate('2024-05-11', TODAY)).toMatchObject({
      ok: false,
      errors: [{ field: 'birthDate', code: 'date.future' }],
    });
    expect(validateBirthDate('1904-05-09', TODAY)).toMatchObject({
      ok: false,
      errors: [{ code: 'birthDate.too-old', params: { maxYears: 120 } }],
    });
  });

  it('reads "today" from a Date in Paris time', () => {
    // 23:30 UTC on 9 May is already 10 May in Paris: someone born on 10 May exists.
    expect(validateBirthDate('2024-05-10', new Date('2024-05-09T23:30:00Z')).ok).toBe(true);
    expect(validateBirthDate('2024-05-10', new Date('2024-05-09T21:30:00Z')).ok).toBe(false);
  });
});

describe('isMinor', () => {
  it.each([
    ['2006-05-11', true], // 18 tomorrow
    ['2006-05-10', false], // 18 today
    ['2006-05-09', false],
    ['2024-05-10', true],
  ])('born %s is a minor on 2024-05-10: %s', (birth, minor) => {
    expect(isMinor(birth, TODAY)).toBe(minor);
  });

  it('lets someone born on 29 February come of age on 1 March of a common year', () => {
    expect(isMinor('2004-02-29', '2022-02-28')).toBe(true);
    expect(isMinor('2004-02-29', '2022-03-01')).toBe(false);
    expect(ageInYears('2004-02-29', '2024-02-29')).toBe(20);
  });
});
