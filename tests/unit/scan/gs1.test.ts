import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  GS,
  GS1_ERROR_MESSAGES,
  Gs1ParseError,
  gs1CheckDigit,
  isExpired,
  isGs1ParseError,
  isValidGtin,
  parseGs1,
  parseGs1Date,
  parseGs1Elements,
  type Gs1ErrorCode,
  type Gs1Kit,
} from '../../../app/scan/gs1';

/** GTIN-14 of a French-registered product (prefix 340), check digit computed. */
const GTIN = '03401234567890';
/** The GTIN of the GS1 General Specifications examples. */
const GTIN_GS1 = '09506000134352';
const TODAY = '2025-06-15';
const LOT_20 = 'ABCDEFGHIJ0123456789';

function codeOf(text: string, today: string = TODAY): Gs1ErrorCode | 'no error' {
  try {
    parseGs1(text, { today });
    return 'no error';
  } catch (e) {
    if (!isGs1ParseError(e)) throw e;
    return e.code;
  }
}

describe('parseGs1 reads kit boxes', () => {
  it.each<[string, string, Gs1Kit]>([
    [
      'DataMatrix with ]d2 and GS',
      `]d201${GTIN}17250531` + `10AB12${GS}21SN001`,
      { gtin: GTIN, expiry: '2025-05-31', lot: 'AB12', serial: 'SN001' },
    ],
    [
      'DataMatrix without symbology identifier',
      `01${GTIN}17250531` + `10AB12${GS}21SN001`,
      { gtin: GTIN, expiry: '2025-05-31', lot: 'AB12', serial: 'SN001' },
    ],
    [
      'human-readable form with parentheses',
      `(01)${GTIN}(17)250500(10)AB12`,
      { gtin: GTIN, expiry: '2025-05-31', lot: 'AB12' },
    ],
    [
      'GS1-128 with ]C1',
      `]C101${GTIN_GS1}17271231` + '10LOT-7',
      { gtin: GTIN_GS1, expiry: '2027-12-31', lot: 'LOT-7' },
    ],
    ['GS1 QR Code with ]Q3', `]Q301${GTIN}10X1`, { gtin: GTIN, lot: 'X1' }],
    ['GS1 DataBar with ]e0', `]e001${GTIN}17260101`, { gtin: GTIN, expiry: '2026-01-01' }],
    [
      'lot first, GTIN last',
      `10AB12${GS}17250531` + `01${GTIN}`,
      { gtin: GTIN, expiry: '2025-05-31', lot: 'AB12' },
    ],
    [
      'serial before lot, expiry last',
      `]d201${GTIN}21SER9${GS}10LOT${GS}17261130`,
      { gtin: GTIN, expiry: '2026-11-30', lot: 'LOT', serial: 'SER9' },
    ],
    [
      'GS right after each fixed field',
      `]d201${GTIN}${GS}17250531${GS}10AB`,
      { gtin: GTIN, expiry: '2025-05-31', lot: 'AB' },
    ],
    [
      'leading, doubled and trailing GS',
      `]d2${GS}01${GTIN}10AB${GS}${GS}21S${GS}`,
      { gtin: GTIN, lot: 'AB', serial: 'S' },
    ],
    [
      'keyboard wedge with a trailing CR LF',
      `01${GTIN}17250531\r\n`,
      { gtin: GTIN, expiry: '2025-05-31' },
    ],
    [
      'lot and serial with the punctuation of character set 82',
      `]d201${GTIN}10A-1/2.b_c%&'()${GS}21*+,:;<=>?!"`,
      { gtin: GTIN, lot: "A-1/2.b_c%&'()", serial: '*+,:;<=>?!"' },
    ],
    [
      'lot and serial of 19 and 20 characters',
      `]d201${GTIN}10${LOT_20}${GS}21${LOT_20.slice(1)}`,
      { gtin: GTIN, lot: LOT_20, serial: LOT_20.slice(1) },
    ],
    [
      'other known AIs skipped (11, 15, 240, 30, 711, 7003, 91)',
      `]d201${GTIN}11250101` +
        `15260101${GS}240REF-1${GS}30${'12'}${GS}711CIP123${GS}7003261231235910LOT${GS}91INT`,
      { gtin: GTIN, lot: 'LOT' },
    ],
    [
      'GTIN-14 with indicator digit 1',
      `01${'13401234567897'}17250531`,
      { gtin: '13401234567897', expiry: '2025-05-31' },
    ],
    [
      'the same AI twice with the same value',
      `]d201${GTIN}10AB${GS}01${GTIN}`,
      { gtin: GTIN, lot: 'AB' },
    ],
    [
      'parentheses form, other order, with GS and serial',
      `(21)S-1${GS}(10)L(17)240200(01)${GTIN}`,
      { gtin: GTIN, expiry: '2024-02-29', lot: 'L', serial: 'S-1' },
    ],
  ])('reads %s', (_name, text, expected) => {
    expect(parseGs1(text, { today: TODAY })).toEqual(expected);
  });
});

describe('parseGs1 refuses what it cannot read', () => {
  it.each<[string, string, Gs1ErrorCode]>([
    ['an empty string', '', 'not-gs1'],
    ['blank text', '  \n', 'not-gs1'],
    ['a plain EAN-13', '3401234567890', 'not-gs1'],
    ['an EAN-13 that starts like AI 01', '0123456789012', 'not-gs1'],
    ['an EAN-13 that starts like AI 10', '1012345678907', 'not-gs1'],
    ['an EAN-8', '96385074', 'not-gs1'],
    ['a bare GTIN-14', GTIN, 'not-gs1'],
    ['a URL', 'https://example.fr/kit?id=1', 'not-gs1'],
    ['a GS1 Digital Link URL', `https://id.gs1.org/01/${GTIN_GS1}`, 'not-gs1'],
    ['random text', 'Bonjour', 'not-gs1'],
    ['text starting with digits', '10 boîtes', 'not-gs1'],
    ['a non-GS1 DataMatrix (]d1)', `]d101${GTIN}`, 'not-gs1'],
    ['a plain QR Code (]Q1)', ']Q1https://example.fr', 'not-gs1'],
    ['a symbology identifier alone', ']d2', 'truncated'],
    ['a bad GTIN check digit', `]d201${'03401234567891'}17250531`, 'bad-check-digit'],
    ['a GTIN with letters', `]d201034012345678AB`, 'bad-characters'],
    ['a truncated GTIN', `]d201034012345678`, 'truncated'],
    ['a truncated expiry at the end', `]d201${GTIN}172505`, 'truncated'],
    ['a GS inside a fixed field', `]d201${GTIN}172505${GS}31`, 'truncated'],
    ['an empty lot', `]d201${GTIN}10${GS}17250531`, 'truncated'],
    ['a truncated field in parentheses', `(01)${GTIN}(17)2505(10)A`, 'truncated'],
    ['an unknown AI', `]d201${GTIN}8004ABC`, 'unknown-ai'],
    ['an unknown first AI after ]d2', `]d2800412345`, 'unknown-ai'],
    ['an unknown AI in parentheses', `(01)${GTIN}(8004)ABC`, 'unknown-ai'],
    ['a lot of 21 characters', `]d201${GTIN}10${LOT_20}X`, 'too-long'],
    ['a serial of 21 characters', `]d201${GTIN}21${LOT_20}X`, 'too-long'],
    ['a fixed field too long in parentheses', `(01)${GTIN}1(17)250531`, 'too-long'],
    ['a lot with a space', `]d201${GTIN}10AB 12`, 'bad-characters'],
    ['a lot with an accent', `]d201${GTIN}10LOTÉ`, 'bad-characters'],
    ['a lot with # (not in set 82)', `]d201${GTIN}10A#1`, 'bad-characters'],
    ['month 13', `]d201${GTIN}17251301`, 'bad-date'],
    ['month 00', `]d201${GTIN}17250001`, 'bad-date'],
    ['31 April', `]d201${GTIN}17250431`, 'bad-date'],
    ['29 February of a common year', `]d201${GTIN}17250229`, 'bad-date'],
    ['30 February of a leap year', `]d201${GTIN}17240230`, 'bad-date'],
    ['no GTIN', `]d217250531` + `10AB`, 'missing-gtin'],
    ['two different lots', `]d201${GTIN}10AB${GS}10CD`, 'duplicate-ai'],
  ])('refuses %s', (_name, text, code) => {
    expect(codeOf(text)).toBe(code);
  });

  it('names the AI at fault and keeps the first failure as cause', () => {
    const error = (() => {
      try {
        parseGs1(`]d201${GTIN}10${LOT_20}X`);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(Gs1ParseError);
    expect(error).toMatchObject({ code: 'too-long', ai: '10', name: 'Gs1ParseError' });
    expect(() => parseGs1('10 boîtes')).toThrow(
      expect.objectContaining({ cause: expect.objectContaining({ code: 'bad-characters' }) }),
    );
  });

  it('tells the staff, in French, to rescan or pick the kit from the list', () => {
    expect(new Gs1ParseError('not-gs1').message).toBe(
      "Ce code n'est pas un code GS1 de boîte de test : scannez le code DataMatrix de la boîte ou choisissez le test dans la liste.",
    );
    for (const message of Object.values(GS1_ERROR_MESSAGES)) {
      expect(message).toContain('choisissez le test dans la liste');
    }
  });
});

describe('expiry dates', () => {
  it.each([
    ['240200', '2024-02-29', 'day 00 of February in a leap year'],
    ['250200', '2025-02-28', 'day 00 of February in a common year'],
    ['000200', '2000-02-29', 'day 00 of February 2000 (divisible by 400)'],
    ['250400', '2025-04-30', 'day 00 of a 30-day month'],
    ['251200', '2025-12-31', 'day 00 of December'],
    ['250101', '2025-01-01', 'an ordinary day'],
  ])('reads %s as %s (%s)', (yymmdd, expected) => {
    expect(parseGs1Date(yymmdd, TODAY)).toBe(expected);
  });

  it.each([
    ['2025-06-15', '75', '2075'],
    ['2025-06-15', '76', '1976'],
    ['2025-06-15', '00', '2000'],
    ['2060-01-01', '10', '2110'],
    ['2060-01-01', '11', '2011'],
    ['2099-12-31', '49', '2149'],
    ['2099-12-31', '50', '2050'],
  ])('in %s, year %s is %s (GS1 sliding window)', (today, yy, year) => {
    expect(parseGs1Date(`${yy}0101`, today)).toBe(`${year}-01-01`);
  });

  it('takes the reference year of a Date as its Paris day', () => {
    // 2049-12-31T23:30Z is already 2050 in Paris, whose window is 2001–2100.
    expect(parseGs1Date('000101', new Date('2049-12-31T23:30:00Z'))).toBe('2100-01-01');
    expect(parseGs1Date('000101', new Date('2049-12-31T12:00:00Z'))).toBe('2000-01-01');
  });

  it('keeps a kit usable through its expiry day, Paris time', () => {
    expect(isExpired('2025-05-31', '2025-05-30')).toBe(false);
    expect(isExpired('2025-05-31', '2025-05-31')).toBe(false);
    expect(isExpired('2025-05-31', '2025-06-01')).toBe(true);
    expect(isExpired('2025-05-31', new Date('2025-05-31T21:30:00Z'))).toBe(false);
    expect(isExpired('2025-05-31', new Date('2025-05-31T22:30:00Z'))).toBe(true);
    expect(() => isExpired('2025-02-30', TODAY)).toThrow(RangeError);
  });
});

describe('GS1 check digits', () => {
  it.each([
    ['950600013435', '2'],
    ['0950600013435', '2'],
    ['9638507', '4'],
    ['03600029145', '2'],
    ['0340123456789', '0'],
  ])('the check digit of %s is %s', (payload, digit) => {
    expect(gs1CheckDigit(payload)).toBe(digit);
  });

  it('validates GTIN-8, -12, -13 and -14 only', () => {
    for (const gtin of ['96385074', '036000291452', '9506000134352', GTIN_GS1]) {
      expect(isValidGtin(gtin)).toBe(true);
    }
    for (const gtin of ['96385075', '950600013435', '095060001343521', '0950600013435A', '']) {
      expect(isValidGtin(gtin)).toBe(false);
    }
    expect(() => gs1CheckDigit('12a')).toThrow(RangeError);
  });
});

describe('round trip of random element strings', () => {
  const SET_82 = `!"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz`;
  const text = (max: number): fc.Arbitrary<string> =>
    fc.string({ unit: fc.constantFrom(...SET_82), minLength: 1, maxLength: max });
  const gtin = fc.stringMatching(/^\d{13}$/).map((payload) => payload + gs1CheckDigit(payload));
  // With today in 2025 the window is 1976–2075; day 0 is written 00 (end of month).
  const date = fc
    .record({
      year: fc.integer({ min: 1976, max: 2075 }),
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.integer({ min: 0, max: 31 }),
    })
    .map(({ year, month, day }) => {
      const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
      const d = day % (last + 1);
      const yymmdd = [year % 100, month, d].map((n) => String(n).padStart(2, '0')).join('');
      const iso = `${year}-${String(month).padStart(2, '0')}-${String(d || last).padStart(2, '0')}`;
      return { yymmdd, iso };
    });
  const kit = fc.record(
    {
      gtin,
      expiry: date,
      lot: text(20),
      serial: text(20),
      extra: fc.constantFrom(['11', '250101'], ['240', 'REF/1'], ['711', '3400930000000']),
    },
    { requiredKeys: ['gtin'] },
  );
  const FIXED = new Set(['01', '17', '11']);

  it('parses what it builds, in any order, with or without optional separators', () => {
    fc.assert(
      fc.property(
        kit,
        fc.shuffledSubarray([0, 1, 2, 3, 4], { minLength: 5, maxLength: 5 }),
        fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
        fc.constantFrom('', ']d2', ']C1', ']Q3', ']e0', '()'),
        (k, order, extraGs, prefix) => {
          const all: [string, string | undefined][] = [
            ['01', k.gtin],
            ['17', k.expiry?.yymmdd],
            ['10', k.lot],
            ['21', k.serial],
            [k.extra?.[0] ?? '', k.extra?.[1]],
          ];
          const fields = order.flatMap((i) => {
            const [ai, value] = all[i] ?? ['', undefined];
            return value === undefined ? [] : [{ ai, value, gs: extraGs[i] ?? false }];
          });
          const parens = prefix === '()';
          fc.pre(!parens || fields.every((f) => !/\(\d{2,4}\)/.test(f.value)));
          const encoded = fields
            .map((f, i) => {
              if (parens) return `(${f.ai})${f.value}${f.gs ? GS : ''}`;
              const last = i === fields.length - 1;
              return `${f.ai}${f.value}${(!FIXED.has(f.ai) && !last) || f.gs ? GS : ''}`;
            })
            .join('');
          const expected: Gs1Kit = { gtin: k.gtin };
          if (k.expiry) expected.expiry = k.expiry.iso;
          if (k.lot !== undefined) expected.lot = k.lot;
          if (k.serial !== undefined) expected.serial = k.serial;
          const input = (parens ? '' : prefix) + encoded;
          expect(parseGs1(input, { today: TODAY })).toEqual(expected);
          expect(parseGs1Elements(input)).toHaveLength(fields.length);
        },
      ),
      { numRuns: 500 },
    );
  });
});
