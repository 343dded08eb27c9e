/** Identifiers bound in associated data: the UTF-8 length bound at N−1, N, N+1. */
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../app/crypto';
import { MAX_ID_BYTES, assertIdentifier, joinAd } from '../../../app/crypto/associated-data';

describe('assertIdentifier', () => {
  it.each([
    ['ASCII', 'a', 1],
    ['3-byte characters', '€', 3],
  ])('accepts up to MAX_ID_BYTES UTF-8 bytes of %s, not one more', (_, ch, bytes) => {
    const fit = Math.floor(MAX_ID_BYTES / bytes);
    expect(() => assertIdentifier('recordId', ch.repeat(fit - 1))).not.toThrow();
    expect(() => assertIdentifier('recordId', ch.repeat(fit))).not.toThrow();
    const over = ch.repeat(fit) + 'a'.repeat(MAX_ID_BYTES - fit * bytes + 1);
    expect(() => assertIdentifier('recordId', over)).toThrow(InvalidInputError);
  });

  it('refuses an empty id and one holding the separator', () => {
    expect(() => assertIdentifier('recordId', '')).toThrow(InvalidInputError);
    expect(() => assertIdentifier('recordId', 'a|b')).toThrow(InvalidInputError);
  });
});

describe('joinAd', () => {
  it('joins the fields after the version prefix with |', () => {
    const ad = joinAd(['vault', 'visit', 'rec', 7]);
    expect(new TextDecoder().decode(ad)).toBe('comptoir/v1|vault|visit|rec|7');
  });
});
