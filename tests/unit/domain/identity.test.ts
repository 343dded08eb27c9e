import { describe, expect, it } from 'vitest';
import { validateIdentity, validateName, validateSex, validateText } from '../../../app/domain';

const TODAY = '2024-05-10';

/** A complete, valid form, as typed. */
const FORM: Record<string, string> = {
  birthName: 'DUPONT',
  usedName: 'Martin',
  firstNames: 'Marie-Hélène Françoise',
  sex: 'F',
  birthDate: '03/12/1984',
  birthPlace: 'Rouen',
  address: '12 bis, rue de l’Église',
  postalCode: '76000',
  city: 'Rouen',
  country: '',
  phone: '06 12 34 56 78',
  email: '',
  nir: '',
};

describe('validateIdentity', () => {
  it('normalises a complete form', () => {
    expect(validateIdentity(FORM, TODAY)).toEqual({
      ok: true,
      value: {
        birthName: 'DUPONT',
        usedName: 'Martin',
        firstNames: 'Marie-Hélène Françoise',
        sex: 'F',
        birthDate: '1984-12-03',
        birthPlace: 'Rouen',
        address: "12 bis, rue de l'Église",
        postalCode: '76000',
        city: 'Rouen',
        country: 'FR',
        phone: '+33612345678',
      },
    });
  });

  it('keeps the optional email and NIR when given', () => {
    const result = validateIdentity(
      { ...FORM, sex: 'M', email: 'm@exemple.fr', nir: '1 84 12 76 451 089 46' },
      TODAY,
    );
    expect(result).toMatchObject({
      ok: true,
      value: { email: 'm@exemple.fr', nir: '184127645108946' },
    });
  });

  it('collects every field error at once, in form order', () => {
    const result = validateIdentity({ birthName: 'X', sex: 'Z', phone: '01 42 68 53 00' }, TODAY);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => `${e.field}:${e.code}`)).toEqual([
      'firstNames:required',
      'sex:sex.invalid',
      'birthDate:required',
      'address:required',
      'postalCode:required',
      'city:required',
      'phone:phone.not-mobile',
    ]);
  });

  it('cross-checks the NIR with the sex and the birth year', () => {
    const result = validateIdentity({ ...FORM, nir: '184127645108946' }, TODAY);
    expect(result).toMatchObject({
      ok: false,
      errors: [{ field: 'nir', code: 'nir.sex-mismatch' }],
    });
  });

  it('checks the postal code against the chosen country', () => {
    expect(validateIdentity({ ...FORM, country: 'be', postalCode: '1000' }, TODAY)).toMatchObject({
      ok: true,
      value: { country: 'BE', postalCode: '1000' },
    });
    expect(validateIdentity({ ...FORM, postalCode: '1000' }, TODAY)).toMatchObject({
      ok: false,
      errors: [{ code: 'postalCode.format-fr' }],
    });
  });
});

describe('validateName', () => {
  it.each([
    ['DUPONT', 'DUPONT'],
    ['  de la   Fontaine ', 'de la Fontaine'],
    ['N’Diaye', "N'Diaye"],
    ["O'Connor", "O'Connor"],
    ['Lefèvre-Çelik', 'Lefèvre-Çelik'],
    ['Øyvind Ærø', 'Øyvind Ærø'],
    ['Zoë', 'Zoë'],
    ['E\u0301lodie', 'Élodie'], // decomposed accent → NFC
    ['a'.repeat(99), 'a'.repeat(99)],
    ['a'.repeat(100), 'a'.repeat(100)],
  ])('accepts %j', (raw, value) => {
    expect(validateName(raw, 'birthName')).toEqual({ ok: true, value });
  });

  it.each([
    ['', 'required'],
    ['   ', 'required'],
    ['a'.repeat(101), 'too-long'],
    ['Dupont2', 'name.chars'],
    ['-Dupont', 'name.chars'],
    ["'Dupont", 'name.chars'],
    ['Dupont 😀', 'name.chars'],
    ['Dupont <script>', 'name.chars'],
    ['Dupont, Marie', 'name.chars'],
  ])('refuses %j with %s', (raw, code) => {
    expect(validateName(raw, 'birthName')).toMatchObject({
      ok: false,
      errors: [{ field: 'birthName', code }],
    });
  });

  it('reports the length limit in the message', () => {
    const result = validateName('a'.repeat(101), 'firstNames');
    if (!result.ok)
      expect(result.errors[0]?.message).toBe(
        'Le champ « prénom(s) » dépasse 100 caractères. Raccourcissez-le.',
      );
  });

  it('accepts an empty optional name as null', () => {
    expect(validateName('', 'usedName', { optional: true })).toEqual({ ok: true, value: null });
  });
});

describe('validateText', () => {
  it.each(['12 bis, rue de l’Église', 'Bât. C, apt 4/2', 'Lieu-dit (La Croix) n°3', 'Paris 15e'])(
    'accepts the address %j',
    (raw) => {
      expect(validateText(raw, 'address').ok).toBe(true);
    },
  );

  it.each([
    ['123', 'text.chars'],
    ['rue <b>', 'text.chars'],
    ['rue 🏠', 'text.chars'],
    ['x'.repeat(201), 'too-long'],
  ])('refuses %j with %s', (raw, code) => {
    expect(validateText(raw, 'address')).toMatchObject({ ok: false, errors: [{ code }] });
  });

  it('accepts 200 characters', () => {
    expect(validateText('x'.repeat(200), 'address').ok).toBe(true);
  });
});

describe('validateSex', () => {
  it.each([
    ['F', 'F'],
    ['f', 'F'],
    ['M', 'M'],
    ['H', 'M'],
    ['homme', 'M'],
    ['Femme', 'F'],
    ['I', 'I'],
    ['indéterminé', 'I'],
  ])('reads %j as %s', (raw, sex) => {
    expect(validateSex(raw)).toEqual({ ok: true, value: sex });
  });

  it.each([['X'], ['Fem'], ['1']])('refuses %j', (raw) => {
    expect(validateSex(raw)).toMatchObject({ ok: false, errors: [{ code: 'sex.invalid' }] });
  });
});
