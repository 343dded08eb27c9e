import { describe, expect, it } from 'vitest';
import {
  normalizePhone,
  validateCountry,
  validateEmail,
  validatePostalCode,
} from '../../../app/domain';

describe('validatePostalCode', () => {
  it.each([
    ['FR', '75011', '75011'],
    ['FR', '01000', '01000'], // lowest in use (Bourg-en-Bresse)
    ['FR', '98890', '98890'], // highest accepted
    ['FR', '20000', '20000'], // Ajaccio: Corsica keeps 20xxx
    ['FR', '20600', '20600'], // Bastia
    ['FR', '97400', '97400'], // Saint-Denis, La Réunion
    ['FR', ' 75 011 ', '75011'],
    ['RE', '97400', '97400'], // a DOM picked as the country
    ['fr', '69001', '69001'],
    ['BE', '1000', '1000'],
    ['GB', 'sw1a 1aa', 'SW1A 1AA'],
    ['CA', 'H3Z 2Y7', 'H3Z 2Y7'],
    ['PT', '1000-001', '1000-001'],
    ['DE', '10', '10'], // 2 characters: the lower bound
    ['US', '1234567890', '1234567890'], // 10 characters: the upper bound
  ])('accepts %s %j', (country, raw, value) => {
    expect(validatePostalCode(raw, country)).toEqual({ ok: true, value });
  });

  it.each([
    ['FR', '', 'required'],
    ['FR', '7501', 'postalCode.format-fr'], // N−1 digits
    ['FR', '750111', 'postalCode.format-fr'], // N+1 digits
    ['FR', '2A000', 'postalCode.format-fr'], // Corsica's 2A is for INSEE codes, not La Poste
    ['FR', '00999', 'postalCode.range-fr'],
    ['FR', '00100', 'postalCode.range-fr'],
    ['FR', '00999', 'postalCode.range-fr'],
    ['FR', '98891', 'postalCode.range-fr'],
    ['FR', '99000', 'postalCode.range-fr'],
    ['DE', '1', 'postalCode.format'], // 1 character
    ['US', '12345678901', 'postalCode.format'], // 11 characters
    ['GB', 'SW1A_1AA', 'postalCode.format'],
    ['GB', 'SW1A  -1AA', 'postalCode.format'],
  ])('refuses %s %j with %s', (country, raw, code) => {
    expect(validatePostalCode(raw, country)).toMatchObject({
      ok: false,
      errors: [{ field: 'postalCode', code }],
    });
  });

  it('accepts 01000 but not 00999, the bound just below', () => {
    expect(validatePostalCode('01000', 'FR').ok).toBe(true);
    expect(validatePostalCode('00999', 'FR').ok).toBe(false);
    expect(validatePostalCode('01001', 'FR').ok).toBe(true);
  });
});

describe('validateCountry', () => {
  it.each([
    ['', 'FR'],
    [undefined, 'FR'],
    ['be', 'BE'],
    [' FR ', 'FR'],
  ])('normalises %j to %s', (raw, value) => {
    expect(validateCountry(raw)).toEqual({ ok: true, value });
  });

  it.each(['FRA', 'F', 'F1', 'France'])('refuses %j', (raw) => {
    expect(validateCountry(raw)).toMatchObject({
      ok: false,
      errors: [{ code: 'country.invalid' }],
    });
  });
});

describe('normalizePhone', () => {
  it.each([
    ['06 12 34 56 78', '+33612345678'],
    ['07.12.34.56.78', '+33712345678'],
    ['06-12-34-56-78', '+33612345678'],
    ['+33 6 12 34 56 78', '+33612345678'],
    ['+33 (0)6 12 34 56 78', '+33612345678'],
    ['0033 6 12 34 56 78', '+33612345678'],
    ['0033612345678', '+33612345678'],
    ['+33612345678', '+33612345678'],
    ['0692 12 34 56', '+262692123456'], // La Réunion mobile dialled nationally
    ['0639 12 34 56', '+262639123456'], // Mayotte
    ['0690 12 34 56', '+590690123456'], // Guadeloupe
    ['0694 12 34 56', '+594694123456'], // Guyane
    ['0696 12 34 56', '+596696123456'], // Martinique
    ['+262 692 12 34 56', '+262692123456'],
    ['+590 690 12 34 56', '+590690123456'],
    ['+32 470 12 34 56', '+32470123456'], // Belgium
    ['+44 7700 900123', '+447700900123'], // United Kingdom
    ['+1 (415) 555-2671', '+14155552671'],
    ['+123456789012345', '+123456789012345'], // 15 digits: the E.164 maximum
    ['+49123456', '+49123456'], // 8 digits: the shortest we accept
  ])('normalises %j to %s', (raw, e164) => {
    expect(normalizePhone(raw)).toEqual({ ok: true, value: e164 });
  });

  it.each([
    ['', 'required'],
    ['01 42 68 53 00', 'phone.not-mobile'], // Paris landline
    ['09 12 34 56 78', 'phone.not-mobile'],
    ['+33 1 42 68 53 00', 'phone.not-mobile'],
    ['06 12 34 56 7', 'phone.length-fr'], // 9 digits
    ['06 12 34 56 789', 'phone.length-fr'], // 11 digits
    ['+33 6 12 34 56 7', 'phone.length-fr'],
    ['612345678', 'phone.length-fr'], // leading 0 forgotten
    ['+1234567890123456', 'phone.too-long'], // 16 digits
    ['+4912345', 'phone.format'], // 7 digits: surely truncated
    ['+0612345678', 'phone.format'], // no country code starts with 0
    ['06 12 34 56 7A', 'phone.format'],
    ['tel: 0612345678', 'phone.format'],
    ['++33612345678', 'phone.format'],
  ])('refuses %j with %s', (raw, code) => {
    expect(normalizePhone(raw)).toMatchObject({ ok: false, errors: [{ field: 'phone', code }] });
  });

  it('asks for the + prefix when the default country is not France', () => {
    expect(normalizePhone('0470 12 34 56', 'BE')).toMatchObject({
      ok: false,
      errors: [{ code: 'phone.international-prefix' }],
    });
    expect(normalizePhone('+32 470 12 34 56', 'BE')).toEqual({ ok: true, value: '+32470123456' });
  });
});

describe('validateEmail', () => {
  it.each([
    ['', null],
    ['   ', null],
    ['marie.dupont@exemple.fr', 'marie.dupont@exemple.fr'],
    [' Marie.Dupont@Exemple.FR ', 'Marie.Dupont@exemple.fr'], // only the domain is case-folded
    ['jean+covid@mail.co.uk', 'jean+covid@mail.co.uk'],
    ['élodie@laposte.net', 'élodie@laposte.net'],
    ['a@b.fr', 'a@b.fr'],
  ])('accepts %j', (raw, value) => {
    expect(validateEmail(raw)).toEqual({ ok: true, value });
  });

  it.each([
    ['marie.dupont', 'email.format'],
    ['marie@dupont', 'email.format'],
    ['marie@@exemple.fr', 'email.format'],
    ['marie@exe@mple.fr', 'email.format'],
    ['marie dupont@exemple.fr', 'email.format'],
    ['@exemple.fr', 'email.format'],
    ['marie@.fr', 'email.format'],
    ['marie@exemple.f', 'email.format'],
    ['marie..dupont@exemple.fr', 'email.format'],
    ['marie@exemple-.fr', 'email.format'],
  ])('refuses %j', (raw, code) => {
    expect(validateEmail(raw)).toMatchObject({ ok: false, errors: [{ field: 'email', code }] });
  });

  it('accepts 254 characters and refuses 255', () => {
    const domain = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(7)}.fr`; // 200 chars
    const local254 = 'x'.repeat(254 - domain.length - 1); // 53 chars, under the 64 local limit
    expect(validateEmail(`${local254}@${domain}`).ok).toBe(true);
    expect(validateEmail(`${local254}y@${domain}`)).toMatchObject({
      ok: false,
      errors: [{ code: 'too-long', params: { max: 254 } }],
    });
  });
});
