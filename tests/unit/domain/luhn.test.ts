import { describe, expect, it } from 'vitest';
import { luhnCheck, luhnCheckDigit, validateFiness, validateRpps } from '../../../app/domain';

describe('luhnCheck', () => {
  it.each([
    ['79927398713', true], // the textbook example of ISO/IEC 7812-1
    ['79927398710', false],
    ['0', true],
    ['', false],
    ['12a4', false],
    ['4539 1488 0343 6467', false], // spaces are the caller's business
  ])('luhnCheck(%j) is %s', (digits, expected) => {
    expect(luhnCheck(digits)).toBe(expected);
  });

  it('appends a check digit that makes the number pass', () => {
    for (const payload of ['1000123456', '75071218', '1', '99999999999']) {
      expect(luhnCheck(payload + luhnCheckDigit(payload))).toBe(true);
    }
  });
});

describe('validateRpps', () => {
  const valid = `1000123456${luhnCheckDigit('1000123456')}`;

  it('accepts 11 digits with a valid key, ignoring spaces', () => {
    expect(validateRpps(valid)).toEqual({ ok: true, value: valid });
    expect(validateRpps(` ${valid.slice(0, 5)} ${valid.slice(5)} `)).toEqual({
      ok: true,
      value: valid,
    });
  });

  it.each([
    ['empty', '', 'required'],
    ['10 digits', valid.slice(0, 10), 'rpps.format'],
    ['12 digits', `${valid}0`, 'rpps.format'],
    ['a letter', `${valid.slice(0, 10)}A`, 'rpps.format'],
    ['a wrong key', valid.slice(0, 10) + String((Number(valid.slice(10)) + 1) % 10), 'luhn.key'],
  ])('refuses %s', (_name, raw, code) => {
    expect(validateRpps(raw)).toMatchObject({ ok: false, errors: [{ field: 'rpps', code }] });
  });

  it('names the RPPS in the key message', () => {
    const result = validateRpps(valid.slice(0, 10) + String((Number(valid.slice(10)) + 1) % 10));
    if (!result.ok) expect(result.errors[0]?.message).toContain('n° RPPS');
  });
});

describe('validateFiness', () => {
  it.each([
    ['AP-HP, the published legal-entity FINESS', '750712184'],
    ['a computed example', `12345678${luhnCheckDigit('12345678')}`],
    ['with spaces', '750 712 184'],
  ])('accepts %s', (_name, raw) => {
    expect(validateFiness(raw).ok).toBe(true);
  });

  it.each([
    ['8 digits', '75071218', 'finess.format'],
    ['10 digits', '7507121840', 'finess.format'],
    ['a wrong key', '750712185', 'luhn.key'],
    ['a Corsican 2A number (not supported)', '2A0000000', 'finess.format'],
  ])('refuses %s', (_name, raw, code) => {
    expect(validateFiness(raw, 'pharmacyFiness')).toMatchObject({
      ok: false,
      errors: [{ field: 'pharmacyFiness', code }],
    });
  });
});
