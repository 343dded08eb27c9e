import { describe, expect, it } from 'vitest';
import { nirKey, validateNir } from '../../../app/domain';

/** Independent oracle: the INSEE key computed with BigInt, 2A → 19, 2B → 18. */
function oracleKey(first13: string): string {
  const n = BigInt(first13.replace('2A', '19').replace('2B', '18'));
  return String(97n - (n % 97n)).padStart(2, '0');
}

describe('validateNir', () => {
  it.each([
    ['a man born in Seine-Maritime', '184127645108946', '184127645108946'],
    ['the same number typed with spaces', '1 84 12 76 451 089 46', '184127645108946'],
    ['typed with dots and a trailing space', '1.84.12.76.451.089.46 ', '184127645108946'],
    ['a Corsican 2A number (Corse-du-Sud)', '2 69 02 2A 040 120 53', '269022A04012053'],
    ['a Corsican 2B number (Haute-Corse), lowercase b', '155032b03301283', '155032B03301283'],
    ['a key with a leading zero', '285122B02307709', '285122B02307709'],
    ['a key of 97 (13 digits divisible by 97)', '180077511507697', '180077511507697'],
    ['special month 20', '272207505604226', '272207505604226'],
    ['special month 52 (50+ range)', '184529912345632', '184529912345632'],
    ['month 99', '299997512312310', '299997512312310'],
    ['a temporary number starting with 7', '799019921701570', '799019921701570'],
    ['a number being registered, starting with 3', '382129921700528', '382129921700528'],
  ])('accepts %s', (_name, raw, normalized) => {
    expect(validateNir(raw)).toEqual({ ok: true, value: normalized });
  });

  it.each([
    ['an empty value', '', 'required'],
    ['14 characters', '18412764510894', 'nir.length'],
    ['16 characters', '1841276451089460', 'nir.length'],
    ['a letter outside the department', '18412764A108946', 'nir.format'],
    ['2C as a department', '269022C04012053', 'nir.format'],
    ['a wrong key (46 → 47)', '184127645108947', 'nir.key'],
    ['a swapped pair of digits', '184217645108946', 'nir.key'],
    ['sex digit 5', '584127645108946', 'nir.sex'],
    ['sex digit 0', '084127645108946', 'nir.sex'],
    ['month 00', '184007645108946', 'nir.month'],
    ['month 13', '184137645108946', 'nir.month'],
    ['month 19', '184197645108946', 'nir.month'],
    ['month 43', '184437645108946', 'nir.month'],
    ['department 00', '184120045108946', 'nir.place'],
    ['order 000', '184127645100046', 'nir.order'],
  ])('refuses %s', (_name, raw, code) => {
    const result = validateNir(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.code)).toEqual([code]);
  });

  it.each(['1841276451089', '269022A040120', '155032B033012', '1800775115076', '285122B023077'])(
    'computes the same key as the BigInt oracle for %s',
    (first13) => {
      expect(String(nirKey(first13)).padStart(2, '0')).toBe(oracleKey(first13));
    },
  );

  it('uses the field name it is given and says how to fix the length', () => {
    const result = validateNir('12345', { field: 'guardianNir' });
    expect(result).toMatchObject({
      ok: false,
      errors: [{ field: 'guardianNir', code: 'nir.length' }],
    });
    if (!result.ok) expect(result.errors[0]?.message).toContain('Vérifiez la carte Vitale');
  });

  it('accepts a NIR consistent with the declared sex and birth year', () => {
    expect(validateNir('184127645108946', { sex: 'M', birthDate: '1984-12-03' }).ok).toBe(true);
    expect(validateNir('269022A04012053', { sex: 'F', birthDate: '1969-02-11' }).ok).toBe(true);
    expect(validateNir('184127645108946', { sex: 'I', birthDate: '1984-12-03' }).ok).toBe(true);
  });

  it('reports both a sex and a birth-year mismatch, naming them', () => {
    const result = validateNir('184127645108946', { sex: 'F', birthDate: '1985-12-03' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.code)).toEqual(['nir.sex-mismatch', 'nir.year-mismatch']);
    expect(result.errors[0]?.message).toContain('sexe');
    expect(result.errors[1]?.message).toContain('(84)');
  });

  it('compares only the last two digits of the year (1905 and 2005 share "05")', () => {
    const nir = `105017511501${'0'}`.slice(0, 13);
    const full = nir + oracleKey(nir);
    expect(validateNir(full, { birthDate: '2005-01-01' }).ok).toBe(true);
    expect(validateNir(full, { birthDate: '1905-01-01' }).ok).toBe(true);
  });
});
