import { describe, expect, it } from 'vitest';
import { transmissionErrors } from '../../../../app/domain/fhir';
import { makeVisit } from './fixtures';

describe('transmissionErrors', () => {
  it('finds nothing to fix in a resulted visit with consent', () => {
    expect(transmissionErrors(makeVisit())).toEqual([]);
  });

  it('names the test, the result and the consent when missing, in French', () => {
    const visit = makeVisit({
      test: undefined,
      result: undefined,
      context: { symptomOnset: null, consent: false as true },
    });
    const errors = transmissionErrors(visit);
    expect(errors.map((e) => [e.field, e.code])).toEqual([
      ['kitId', 'required'],
      ['result', 'required'],
      ['consent', 'consent.required'],
    ]);
    for (const error of errors) expect(error.message).toMatch(/\.$/);
  });
});
