import { describe, expect, it } from 'vitest';
import { describeOperationOutcome, fieldOfPath } from '../../../../app/domain/fhir';

const outcome = (...issue: unknown[]) => ({ resourceType: 'OperationOutcome', issue });

describe('describeOperationOutcome', () => {
  it('names the field and the reason of an error, in French', () => {
    const body = outcome({
      severity: 'error',
      code: 'value',
      details: { text: 'format invalide' },
      expression: ['Patient.birthDate'],
    });
    expect(describeOperationOutcome(body)).toBe(
      "Le portail a refusé l'envoi : date de naissance — format invalide. Corrigez la fiche puis renvoyez-la.",
    );
  });

  it('lists every error, skips warnings, and falls back to diagnostics then the issue type', () => {
    const body = outcome(
      { severity: 'warning', code: 'informational', diagnostics: 'ignored' },
      {
        severity: 'error',
        code: 'required',
        diagnostics: 'Valeur obligatoire.',
        expression: ['Bundle.entry[0].resource.address[0].postalCode'],
      },
      {
        severity: 'fatal',
        code: 'required',
        location: ['/f:Bundle/f:entry[6]/f:resource/f:Observation/f:valueCodeableConcept'],
      },
    );
    expect(describeOperationOutcome(body)).toBe(
      "Le portail a refusé l'envoi : code postal — Valeur obligatoire ; résultat — valeur manquante. Corrigez la fiche puis renvoyez-la.",
    );
  });

  it('keeps the text alone when the path maps to no form field', () => {
    const body = outcome({
      severity: 'error',
      code: 'processing',
      diagnostics: 'Quota dépassé',
      expression: ['Bundle.meta'],
    });
    expect(describeOperationOutcome(body)).toBe(
      "Le portail a refusé l'envoi : Quota dépassé. Corrigez la fiche puis renvoyez-la.",
    );
  });

  it('says no reason was given for an outcome without issues', () => {
    expect(describeOperationOutcome(outcome())).toMatch(/aucune raison précisée/);
    expect(describeOperationOutcome({ resourceType: 'OperationOutcome' })).toMatch(/aucune raison/);
  });

  it.each([null, undefined, 'erreur', 42, [], { resourceType: 'Bundle' }, { issue: [] }])(
    'returns null for %j, which is not an OperationOutcome',
    (body) => {
      expect(describeOperationOutcome(body)).toBeNull();
    },
  );

  it('ignores malformed issues rather than throwing', () => {
    const body = outcome(null, 'x', {
      severity: 'error',
      details: 'not an object',
      expression: 'Patient.gender',
    });
    expect(describeOperationOutcome(body)).toBe(
      "Le portail a refusé l'envoi : erreur. Corrigez la fiche puis renvoyez-la.",
    );
  });
});

describe('fieldOfPath', () => {
  it.each([
    ['Patient.birthDate', 'birthDate'],
    ['Patient.name[0].given[1]', 'firstNames'],
    ['Patient.name[0].family', 'birthName'],
    ['Patient.telecom[0].value', 'phone'],
    ['Patient.identifier[0]', 'nir'],
    ['Bundle.entry[0].resource.gender', 'sex'],
    ['Bundle.entry[1].resource.identifier[0].value', 'rpps'],
    ['Bundle.entry[2].resource', 'finess'],
    ['Bundle.entry[3].resource.type', 'specimen'],
    ['Bundle.entry[4].resource.lotNumber', 'lot'],
    ['Bundle.entry[4].resource.expirationDate', 'expiry'],
    ['Bundle.entry[5].resource.effectiveDateTime', 'sampledAt'],
    ['Bundle.entry[5].resource.component[1].valueDateTime', 'symptomOnset'],
    ['Bundle.entry[0].resource.ofType(Patient).address[0].city', 'city'],
    ['/f:Bundle/f:entry[1]/f:resource/f:Patient/f:birthDate', 'birthDate'],
  ])('maps %s to %s', (path, field) => {
    expect(fieldOfPath(path)).toBe(field);
  });

  it.each(['Bundle.entry[9].resource.x', 'Bundle.type', 'Encounter.status', ''])(
    'maps %j to no field',
    (path) => {
      expect(fieldOfPath(path)).toBeUndefined();
    },
  );
});
