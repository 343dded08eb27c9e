import { describe, expect, it } from 'vitest';
import { MAX_SYMPTOM_ONSET_DAYS, validateContext } from '../../../app/domain';

const TODAY = '2024-05-10';
const ADULT = '1984-12-03';
const MINOR = '2010-01-01';

describe('validateContext', () => {
  it('records "no symptoms" as a null onset', () => {
    expect(validateContext({ noSymptoms: true, consent: true }, ADULT, TODAY)).toEqual({
      ok: true,
      value: { symptomOnset: null, consent: true },
    });
  });

  it('normalises a French-typed onset date', () => {
    expect(validateContext({ symptomOnset: '08/05/2024', consent: true }, ADULT, TODAY)).toEqual({
      ok: true,
      value: { symptomOnset: '2024-05-08', consent: true },
    });
  });

  it.each([
    ['today', '2024-05-10', true],
    ['tomorrow', '2024-05-11', false],
    [`${MAX_SYMPTOM_ONSET_DAYS - 1} days ago`, '2024-04-11', true],
    [`${MAX_SYMPTOM_ONSET_DAYS} days ago`, '2024-04-10', true],
    [`${MAX_SYMPTOM_ONSET_DAYS + 1} days ago`, '2024-04-09', false],
  ])('onset %s → ok = %s', (_name, onset, ok) => {
    expect(validateContext({ symptomOnset: onset, consent: true }, ADULT, TODAY).ok).toBe(ok);
  });

  it.each([
    ['nothing ticked', {}, ['symptomOnset:symptomOnset.required', 'consent:consent.required']],
    [
      'both a date and "no symptoms"',
      { symptomOnset: '2024-05-09', noSymptoms: true, consent: true },
      ['symptomOnset:symptomOnset.conflict'],
    ],
    ['an unreadable date', { symptomOnset: 'lundi', consent: true }, ['symptomOnset:date.format']],
    ['consent left unticked', { noSymptoms: true, consent: false }, ['consent:consent.required']],
  ])('refuses %s', (_name, raw, errors) => {
    const result = validateContext(raw, ADULT, TODAY);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => `${e.field}:${e.code}`)).toEqual(errors);
  });

  it('refuses an onset before the birth date (a newborn)', () => {
    expect(
      validateContext(
        { symptomOnset: '2024-05-01', consent: true, guardianName: 'Paul' },
        '2024-05-05',
        TODAY,
      ),
    ).toMatchObject({
      ok: false,
      errors: [{ code: 'symptomOnset.before-birth' }],
    });
  });

  it('requires a guardian for a minor, and says why', () => {
    const result = validateContext({ noSymptoms: true, consent: true }, MINOR, TODAY);
    expect(result).toMatchObject({
      ok: false,
      errors: [{ field: 'guardianName', code: 'guardianName.required' }],
    });
    if (!result.ok) expect(result.errors[0]?.message).toContain('mineure');
    expect(
      validateContext(
        { noSymptoms: true, consent: true, guardianName: ' Paul  Durand ' },
        MINOR,
        TODAY,
      ),
    ).toEqual({
      ok: true,
      value: { symptomOnset: null, consent: true, guardianName: 'Paul Durand' },
    });
  });

  it('checks the guardian name like any name', () => {
    expect(
      validateContext({ noSymptoms: true, consent: true, guardianName: 'Paul 2' }, MINOR, TODAY),
    ).toMatchObject({ ok: false, errors: [{ field: 'guardianName', code: 'name.chars' }] });
  });

  it.each([
    ['the day before the 18th birthday', '2006-05-11', true],
    ['on the 18th birthday', '2006-05-10', false],
  ])('asks for a guardian %s: %s', (_name, birthDate, needed) => {
    const result = validateContext({ noSymptoms: true, consent: true }, birthDate, TODAY);
    expect(result.ok).toBe(!needed);
  });

  it('drops a guardian name given for an adult, and skips the rule without a birth date', () => {
    expect(
      validateContext({ noSymptoms: true, consent: true, guardianName: 'Paul' }, ADULT, TODAY),
    ).toEqual({
      ok: true,
      value: { symptomOnset: null, consent: true },
    });
    expect(validateContext({ noSymptoms: true, consent: true }, null, TODAY).ok).toBe(true);
  });
});
