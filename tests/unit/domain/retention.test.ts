/**
 * Retention rules (issue 6): purge N days after transmission, warning after M days
 * untransmitted, rejected visits never purged; bounds of the settings form.
 */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RETENTION,
  isPurgeDue,
  isRetentionPolicy,
  isUnsentTooLong,
  purgeCandidateLastDay,
  validateRetention,
  type Visit,
} from '../../../app/domain';

const SENT_AT = '2024-03-01T10:00:00+01:00';
const DAY_MS = 86_400_000;
const at = (ms: number) => new Date(Date.parse(SENT_AT) + ms);
const visit = (state: Visit['state'], transmittedAt?: string): Visit =>
  ({
    id: 'v1',
    state,
    day: '2024-03-01',
    transmission: transmittedAt ? { attempts: 1, transmittedAt } : { attempts: 1 },
  }) as Visit;

describe('isPurgeDue', () => {
  it.each([
    ['one millisecond before N days', 7 * DAY_MS - 1, false],
    ['exactly N days after transmission', 7 * DAY_MS, true],
    ['N days and one millisecond', 7 * DAY_MS + 1, true],
  ])('%s → %s', (_, ms, due) => {
    expect(isPurgeDue(visit('transmitted', SENT_AT), DEFAULT_RETENTION, at(ms))).toBe(due);
  });

  it('purges at once with N = 0, never a rejected, queued or undated visit', () => {
    const zero = { ...DEFAULT_RETENTION, purgeAfterDays: 0 };
    expect(isPurgeDue(visit('transmitted', SENT_AT), zero, at(0))).toBe(true);
    const late = at(365 * DAY_MS);
    expect(isPurgeDue(visit('rejected', SENT_AT), DEFAULT_RETENTION, late)).toBe(false);
    expect(isPurgeDue(visit('queued'), DEFAULT_RETENTION, late)).toBe(false);
    expect(isPurgeDue(visit('transmitted'), DEFAULT_RETENTION, late)).toBe(false);
  });

  it('looks at rows of days up to N days ago only', () => {
    expect(purgeCandidateLastDay(DEFAULT_RETENTION, '2024-03-08')).toBe('2024-03-01');
  });
});

describe('isUnsentTooLong', () => {
  it.each([
    ['resulted', '2024-03-02', false],
    ['resulted', '2024-03-01', true],
    ['rejected', '2024-02-01', true],
    ['queued', '2024-03-01', true],
    ['transmitted', '2024-02-01', false],
    ['purged', '2024-02-01', false],
  ] as const)('%s of %s on 2024-03-04 → %s', (state, day, warn) => {
    expect(isUnsentTooLong(state, day, DEFAULT_RETENTION, '2024-03-04')).toBe(warn);
  });
});

describe('validateRetention', () => {
  it.each([
    [
      { purgeAfterDays: '0', warnAfterDays: '1' },
      { purgeAfterDays: 0, warnAfterDays: 1 },
    ],
    [
      { purgeAfterDays: ' 90 ', warnAfterDays: 30 },
      { purgeAfterDays: 90, warnAfterDays: 30 },
    ],
  ])('accepts %j', (raw, value) => {
    expect(validateRetention(raw)).toEqual({ ok: true, value });
    expect(isRetentionPolicy(value)).toBe(true);
  });

  it.each([
    [{ purgeAfterDays: '91', warnAfterDays: '3' }, ['purgeAfterDays']],
    [{ purgeAfterDays: '-1', warnAfterDays: '3' }, ['purgeAfterDays']],
    [{ purgeAfterDays: '7.5', warnAfterDays: '0' }, ['purgeAfterDays', 'warnAfterDays']],
    [{ purgeAfterDays: '', warnAfterDays: '31' }, ['purgeAfterDays', 'warnAfterDays']],
  ])('refuses %j naming the fields, in French', (raw, fields) => {
    const result = validateRetention(raw);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.field)).toEqual(fields);
    for (const e of result.errors) expect(e.message).toMatch(/jours|obligatoire/);
  });

  it('refuses a stored policy out of bounds or of the wrong type', () => {
    expect(isRetentionPolicy({ purgeAfterDays: 91, warnAfterDays: 3 })).toBe(false);
    expect(isRetentionPolicy({ purgeAfterDays: '7', warnAfterDays: 3 })).toBe(false);
    expect(isRetentionPolicy(null)).toBe(false);
  });
});
