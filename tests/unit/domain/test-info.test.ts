import { describe, expect, it } from 'vitest';
import {
  BUILTIN_KITS,
  DEFAULT_READING_MINUTES,
  findKit,
  gs1CheckDigit,
  validateExpiry,
  validateGtin,
  validateLot,
  validateResult,
  validateSampledAt,
  validateSerial,
  validateTest,
  type StaffMember,
  type TestInfo,
} from '../../../app/domain';

const NOW = new Date('2024-05-10T08:00:00Z'); // 10:00 in Paris
const RAW = {
  kitId: '1232',
  lot: 'qs41c123',
  expiry: '2025-01-31',
  specimen: '697989009',
  sampledAt: '2024-05-10T09:55:00+02:00',
};

describe('validateTest', () => {
  it('fills the kit name and reading time from the kit list', () => {
    expect(validateTest(RAW, NOW)).toEqual({
      ok: true,
      value: {
        kitId: '1232',
        kitName: 'Panbio COVID-19 Ag Rapid Test',
        lot: 'QS41C123',
        expiry: '2025-01-31',
        specimen: '697989009',
        sampledAt: '2024-05-10T09:55:00+02:00',
        readingMinutes: 15,
      },
    });
  });

  it('keeps a valid GTIN, padded to 14 digits, and a reading time typed by the staff', () => {
    const result = validateTest({ ...RAW, gtin: '4006381333931', readingMinutes: '20' }, NOW);
    expect(result).toMatchObject({
      ok: true,
      value: { gtin: '04006381333931', readingMinutes: 20 },
    });
  });

  it('accepts a kit from an imported EU list when its name is given', () => {
    const result = validateTest(
      { ...RAW, kitId: '1343', kitName: 'Coronavirus Ag Rapid Test Cassette' },
      NOW,
    );
    expect(result).toMatchObject({
      ok: true,
      value: { kitId: '1343', readingMinutes: DEFAULT_READING_MINUTES },
    });
  });

  it('collects every error of the form', () => {
    const result = validateTest(
      { kitId: '99999', lot: '', expiry: '2024-05-09', specimen: 'x' },
      NOW,
    );
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors.map((e) => `${e.field}:${e.code}`)).toEqual([
        'kitId:kit.unknown',
        'lot:required',
        'expiry:expiry.expired',
        'specimen:specimen.invalid',
        'sampledAt:required',
      ]);
    }
  });

  it('refuses a kit removed from the EU list', () => {
    expect(validateTest({ ...RAW, kitId: '1065' }, NOW)).toMatchObject({
      ok: false,
      errors: [{ field: 'kitId', code: 'kit.inactive' }],
    });
  });

  it.each([
    ['0', false],
    ['1', true],
    ['60', true],
    ['61', false],
    ['12.5', false],
    ['quinze', false],
  ])('reading time %j → ok = %s', (minutes, ok) => {
    expect(validateTest({ ...RAW, readingMinutes: minutes }, NOW).ok).toBe(ok);
  });
});

describe('validateExpiry', () => {
  it.each([
    ['yesterday', '2024-05-09', false],
    ['today', '2024-05-10', true],
    ['tomorrow', '2024-05-11', true],
    ['typed the French way', '11/05/2024', true],
  ])('a kit expiring %s → ok = %s', (_name, expiry, ok) => {
    expect(validateExpiry(expiry, NOW).ok).toBe(ok);
  });

  it('says when the kit expired and what to do', () => {
    const result = validateExpiry('2024-05-09', NOW);
    if (!result.ok) {
      expect(result.errors[0]?.message).toBe(
        'Ce kit est périmé depuis le 09/05/2024. Utilisez un kit dont la date de péremption n’est pas dépassée.',
      );
    }
  });

  it('uses the Paris day of "now": just after midnight in Paris, yesterday’s kits are expired', () => {
    expect(validateExpiry('2024-05-09', new Date('2024-05-09T21:59:00Z')).ok).toBe(true);
    expect(validateExpiry('2024-05-09', new Date('2024-05-09T22:01:00Z')).ok).toBe(false);
  });
});

describe('validateLot', () => {
  it.each([
    ['a'.repeat(40), true],
    ['a'.repeat(41), false],
    ['AB-12/3.4', true],
    ['lot 12', false],
    ['-12', false],
    ['', false],
  ])('%j → ok = %s', (lot, ok) => {
    expect(validateLot(lot).ok).toBe(ok);
  });
});

describe('validateSerial', () => {
  it.each([
    ['', null],
    ['  SER1  ', 'SER1'],
    ['aB-1/2.3_%', 'aB-1/2.3_%'],
    ['X'.repeat(20), 'X'.repeat(20)],
  ])('accepts %j as %j', (raw, value) => {
    expect(validateSerial(raw)).toEqual({ ok: true, value });
  });

  it.each([
    ['X'.repeat(21), 'too-long'],
    ['SÉRIE', 'serial.format'],
    ['A B', 'serial.format'],
    ['A#1', 'serial.format'],
  ])('refuses %j with %s', (raw, code) => {
    expect(validateSerial(raw)).toMatchObject({ ok: false, errors: [{ field: 'serial', code }] });
  });

  it('keeps the serial number in the validated test', () => {
    const result = validateTest({ ...RAW, serial: 'SER1' }, NOW);
    expect(result).toMatchObject({ ok: true, value: { serial: 'SER1' } });
  });
});

describe('validateGtin', () => {
  it.each([
    ['4006381333931', '04006381333931'], // EAN-13
    ['96385074', '00000096385074'], // EAN-8
    ['036000291452', '00036000291452'], // UPC-A (GTIN-12)
    ['10036000291459', '10036000291459'], // GTIN-14
    ['', null],
  ])('accepts %j', (raw, value) => {
    expect(validateGtin(raw)).toEqual({ ok: true, value });
  });

  it.each([
    ['4006381333932', 'gtin.key'],
    ['400638133393', 'gtin.key'],
    ['40063813339', 'gtin.format'],
    ['123456789012345', 'gtin.format'],
    ['40063813A3931', 'gtin.format'],
  ])('refuses %j with %s', (raw, code) => {
    expect(validateGtin(raw)).toMatchObject({ ok: false, errors: [{ code }] });
  });

  it('computes the GS1 check digit', () => {
    expect(gs1CheckDigit('400638133393')).toBe(1);
    expect(gs1CheckDigit('03600029145')).toBe(2);
  });
});

describe('validateSampledAt', () => {
  it.each([
    ['now', '2024-05-10T08:00:00Z', true],
    ['4 min 59 s ahead', '2024-05-10T08:04:59Z', true],
    ['exactly 5 min ahead', '2024-05-10T10:05:00+02:00', true],
    ['5 min 1 s ahead', '2024-05-10T08:05:01Z', false],
    ['7 days ago', '2024-05-03T08:00:00Z', true],
    ['7 days and 1 s ago', '2024-05-03T07:59:59Z', false],
    ['without an offset', '2024-05-10T08:00:00', false],
    ['with a nonexistent date', '2024-02-30T08:00:00Z', false],
    ['a bare date', '2024-05-10', false],
  ])('a sampling time %s → ok = %s', (_name, sampledAt, ok) => {
    expect(validateSampledAt(sampledAt, NOW).ok).toBe(ok);
  });
});

describe('validateResult', () => {
  const test: TestInfo = { ...RAW, kitName: 'Panbio', specimen: '697989009', readingMinutes: 15 };
  const reader: StaffMember = { id: 's1', name: 'Anne Pharma', rpps: '10001234567', role: 'staff' };
  const sampled = Date.parse(RAW.sampledAt);

  it('records who read which result, once the reading time has elapsed', () => {
    expect(validateResult('negative', test, new Date(sampled + 15 * 60_000), reader)).toEqual({
      ok: true,
      value: {
        value: 'negative',
        readAt: '2024-05-10T08:10:00.000Z',
        readBy: { staffId: 's1', name: 'Anne Pharma', rpps: '10001234567' },
      },
    });
  });

  it('refuses a reading before the kit’s reading time and says how long to wait', () => {
    const result = validateResult(
      'positive',
      test,
      new Date(sampled + 14 * 60_000 + 30_000),
      reader,
    );
    expect(result).toMatchObject({
      ok: false,
      errors: [{ code: 'result.too-early', params: { remaining: 1 } }],
    });
  });

  it.each([['maybe'], ['']])('refuses the value %j', (value) => {
    expect(validateResult(value, test, new Date(sampled + 20 * 60_000), reader).ok).toBe(false);
  });
});

describe('kits', () => {
  it('holds about ten kits with unique numeric EU ids and a default reading time', () => {
    expect(BUILTIN_KITS.length).toBeGreaterThanOrEqual(10);
    const ids = BUILTIN_KITS.map((k) => k.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const kit of BUILTIN_KITS) {
      expect(kit.id).toMatch(/^\d+$/);
      expect(kit.readingMinutes).toBeGreaterThan(0);
    }
  });

  it.each([
    ['1232', 'Panbio COVID-19 Ag Rapid Test'],
    ['1468', 'Flowflex SARS-CoV-2 Antigen rapid test'],
    ['345', 'STANDARD Q COVID-19 Ag Test'],
    [' 0345 ', 'STANDARD Q COVID-19 Ag Test'],
  ])('finds %j', (id, name) => {
    expect(findKit(id)?.name).toBe(name);
  });

  it('finds nothing for an unknown id', () => {
    expect(findKit('0')).toBeUndefined();
    expect(findKit('')).toBeUndefined();
  });
});
