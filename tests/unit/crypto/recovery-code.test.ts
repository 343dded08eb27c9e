import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  InvalidInputError,
  formatRecoveryCode,
  generateRecoveryCode,
  initCrypto,
  parseRecoveryCode,
} from '../../../app/crypto';

beforeAll(initCrypto);

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const bytes00to0f = new Uint8Array(16).map((_, i) => i);

describe('recovery code', () => {
  it('encodes 16 bytes as 26 Crockford symbols and a 2-symbol mod-1021 check, grouped by four', () => {
    // Data symbols cross-checked with an independent Python big-integer encoding; the check
    // of all-0xff by hand: 31·(1+…+25) + 26·28 = 10803 ≡ 593 (mod 1021) = 18·32 + 17 → 'JH'.
    expect(formatRecoveryCode(bytes00to0f)).toBe('000G-40R4-0M30-E209-185G-R38E-1W73');
    expect(formatRecoveryCode(new Uint8Array(16).fill(0xff))).toBe(
      'ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZWJH',
    );
  });

  it('generates printable codes that parse back to 16 bytes', () => {
    const code = generateRecoveryCode();
    expect(code).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){6}[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(parseRecoveryCode(code)).toHaveLength(16);
  });

  it('reads lower case, spaces, and O as 0, I and L as 1', () => {
    expect(parseRecoveryCode(' ooog 4or4 om3o e2o9 i85g r38e iw73 ')).toEqual(bytes00to0f);
    expect(parseRecoveryCode('OOOG40R4OM3OE2O9L85GR38ElW73')).toEqual(bytes00to0f);
  });

  it('refuses 27 or 29 symbols, with the count in the message', () => {
    expect(() => parseRecoveryCode('000G-40R4-0M30-E209-185G-R38E-1W7')).toThrow(/got 27/);
    expect(() => parseRecoveryCode('000G-40R4-0M30-E209-185G-R38E-1W733')).toThrow(
      InvalidInputError,
    );
  });

  it('refuses an invalid character, a non-canonical last symbol and a wrong check', () => {
    expect(() => parseRecoveryCode('U00G-40R4-0M30-E209-185G-R38E-1W73')).toThrow(/position 1/);
    expect(() => parseRecoveryCode('000G-40R4-0M30-E209-185G-R38E-1X73')).toThrow(/canonical/);
    expect(() => parseRecoveryCode('000G-40R4-0M30-E209-185G-R38E-1W74')).toThrow(/check/);
  });

  it('catches every single-symbol substitution and adjacent swap', () => {
    const position = fc.integer({ min: 0, max: 25 });
    const symbol = fc.integer({ min: 0, max: 31 });
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), position, symbol, (b, i, s) => {
        const code = formatRecoveryCode(b).replace(/-/g, '');
        const substituted = code.slice(0, i) + ALPHABET.charAt(s) + code.slice(i + 1);
        // Swaps among the 26 data symbols (a data/check swap is not covered by the check).
        const j = Math.min(i, 24);
        const swapped = code.slice(0, j) + code.charAt(j + 1) + code.charAt(j) + code.slice(j + 2);
        for (const typo of [substituted, swapped]) {
          if (typo === code) continue;
          expect(() => parseRecoveryCode(typo)).toThrow(InvalidInputError);
        }
      }),
      { numRuns: 300 },
    );
  });
});
