import { describe, expect, it } from 'vitest';
import {
  COMMON_PASSWORDS,
  MIN_PASSPHRASE_BITS,
  assessPassphrase,
  charModelBits,
} from '../../../app/domain';

describe('assessPassphrase', () => {
  it.each([
    'cheval agrafe batterie correct',
    'correct horse battery staple',
    'Cheval-Agrafe-Batterie-Correct',
    'lampe girafe orage tulipe',
    'xK9#mP2$vL7!qR4&zW', // 18 random characters
  ])('accepts %j', (passphrase) => {
    const result = assessPassphrase(passphrase);
    expect(result).toMatchObject({ ok: true });
    expect(result.code).toBeUndefined();
  });

  it('reports an honest estimate: four Diceware-style words are about 52 bits', () => {
    const result = assessPassphrase('cheval agrafe batterie correct');
    expect(result.words).toBe(4);
    expect(result.estimatedBits).toBe(51);
  });

  it.each([
    ['Password1!', 'passphrase.common'],
    ['azertyuiop', 'passphrase.common'],
    ['AZERTY', 'passphrase.common'],
    ['motdepasse', 'passphrase.common'],
    ['mot de passe', 'passphrase.common'],
    ['P@ssw0rd', 'passphrase.common'],
    ['soleil', 'passphrase.common'],
    ['doudou', 'passphrase.common'],
    ['Marseille13', 'passphrase.common'],
    ['123456', 'passphrase.common'],
    ['aaaaaaaaaaaaaaaaaaaaaaa', 'passphrase.weak'],
    ['abcdefghijklmnop', 'passphrase.weak'],
    ['marie marie marie marie', 'passphrase.weak'],
    ['soleil soleil soleil soleil soleil', 'passphrase.weak'],
    ['le la les des du', 'passphrase.weak'],
    ['cheval agrafe batterie', 'passphrase.weak'], // 3 words
    ['Tr0ub4dor&3', 'passphrase.weak'],
    ['', 'passphrase.empty'],
    ['    ', 'passphrase.empty'],
  ])('refuses %j with %s', (passphrase, code) => {
    const result = assessPassphrase(passphrase);
    expect(result.ok).toBe(false);
    expect(result.code).toBe(code);
    expect(result.message).toMatch(/Choisissez au moins 4 mots/);
  });

  it('refuses a passphrase made only of the pharmacy and staff names', () => {
    const context = ['Pharmacie du Grand Marché', 'Hélène Lefèvre'];
    const result = assessPassphrase('grand marche helene lefevre', context);
    expect(result).toMatchObject({ ok: false, code: 'passphrase.context' });
    expect(result.message).toContain('pharmacie');
  });

  it('does not count context words as random words', () => {
    const context = ['Pharmacie du Grand Marché', 'Hélène Lefèvre'];
    expect(assessPassphrase('grand marché cheval agrafe', context)).toMatchObject({
      ok: false,
      words: 2,
    });
    expect(assessPassphrase('grand marché cheval agrafe')).toMatchObject({ ok: true, words: 4 });
  });

  it('gives the bits it found and the bits it needs in the weak message', () => {
    const result = assessPassphrase('abcdefghijklmnop');
    expect(result.message).toContain(`${result.estimatedBits} bits`);
    expect(result.message).toContain(`${MIN_PASSPHRASE_BITS}`);
  });

  it.each([
    // Case is ignored by the model (conservative), so random strings need some length.
    ['12 random characters are not enough', 'xK9#mP2$vL7!', false],
    ['16 random characters are not enough either', 'xK9#mP2$vL7!qR4&', false],
    ['18 random characters are', 'xK9#mP2$vL7!qR4&zW', true],
  ])('%s', (_name, passphrase, ok) => {
    expect(assessPassphrase(passphrase).ok).toBe(ok);
  });
});

describe('charModelBits', () => {
  it.each([
    ['a repeated character costs nothing', 'aaaa', Math.log2(26) + Math.log2(4)],
    ['a sequence costs one bit a step', 'abcd', Math.log2(26) + 3],
    ['a keyboard row costs one bit a step', 'qsdf', Math.log2(26) + 3],
    ['a repeated unit costs the unit and the count', 'xqxqxqxq', 2 * Math.log2(26) + 2],
  ])('%s', (_name, text, bits) => {
    expect(charModelBits(text)).toBeCloseTo(bits, 6);
  });

  it('counts a common password inside a longer string as one guess', () => {
    const size = new Set(COMMON_PASSWORDS).size;
    expect(charModelBits('soleil')).toBeCloseTo(Math.log2(size), 6);
  });
});
