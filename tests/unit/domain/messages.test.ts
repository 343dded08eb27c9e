import { describe, expect, it } from 'vitest';
import {
  FIELD_ERROR_CODES,
  FIELD_ERROR_MESSAGES,
  FIELD_LABELS,
  fieldError,
  localizeFieldError,
  type FieldName,
} from '../../../app/domain';

/** A value for every placeholder any template uses. */
const PARAMS = {
  max: 100,
  maxYears: 120,
  maxDays: 30,
  digit: '1',
  nirYear: '84',
  date: '09/05/2024',
  min: 1,
  minutes: 15,
  remaining: 3,
  bits: 40,
  minBits: 80,
};
const FRENCH_HINT =
  /[àâçéèêëîïôûùü’«»]|\b(le|la|les|du|de|des|un|une|est|doit|vérifiez|saisissez|choisissez)\b/i;

describe('field error messages', () => {
  it.each(FIELD_ERROR_CODES)('%s has a French message that says what to do', (code) => {
    const error = fieldError('birthName', code, PARAMS);
    expect(error.message.trim()).not.toBe('');
    expect(error.message).toMatch(FRENCH_HINT);
    expect(error.message).not.toMatch(/\{\w+\}/); // every placeholder filled
    // Two sentences at least: what is wrong, then how to fix it.
    expect(
      error.message.split(/[.!?](?:\s|$)/).filter((s) => s.trim() !== '').length,
    ).toBeGreaterThanOrEqual(2);
  });

  it.each(FIELD_ERROR_CODES)('%s has an English translation', (code) => {
    const english = localizeFieldError(fieldError('birthName', code, PARAMS), 'en');
    expect(english.trim()).not.toBe('');
    expect(english).not.toBe(FIELD_ERROR_MESSAGES[code].fr);
    expect(english).not.toMatch(/\{\w+\}/);
    expect(english).not.toMatch(/[«»]/);
  });

  it('uses the field label in each language', () => {
    const error = fieldError('birthName', 'required');
    expect(error.message).toBe(
      'Le champ « nom de naissance » est obligatoire. Merci de le renseigner.',
    );
    expect(localizeFieldError(error, 'fr')).toBe(error.message);
    expect(localizeFieldError(error, 'en')).toBe(
      'The field “birth name” is required. Please fill it in.',
    );
  });

  it('falls back to the raw field name and a generic English sentence for unknown ones', () => {
    expect(fieldError('pharmacyName', 'required').message).toContain('« pharmacyName »');
    const foreign = { field: 'lot', code: 'portal.rejected', message: 'Refusé par le portail.' };
    expect(localizeFieldError(foreign, 'fr')).toBe('Refusé par le portail.');
    expect(localizeFieldError(foreign, 'en')).toBe(
      'The value of “batch number” is not valid. Please check it.',
    );
  });

  it('labels every form field in both languages', () => {
    for (const [field, label] of Object.entries(FIELD_LABELS)) {
      expect(label?.fr, field).not.toBe('');
      expect(label?.en, field).not.toBe('');
    }
    const some: FieldName[] = [
      'birthName',
      'usedName',
      'firstNames',
      'phone',
      'symptomOnset',
      'sampledAt',
    ];
    expect(some.map((f) => FIELD_LABELS[f].fr)).toEqual([
      'nom de naissance',
      "nom d'usage",
      'prénom(s)',
      'téléphone mobile',
      'date des premiers symptômes',
      'date/heure du prélèvement',
    ]);
    expect(FIELD_LABELS['not-a-field']).toBeUndefined();
  });
});
