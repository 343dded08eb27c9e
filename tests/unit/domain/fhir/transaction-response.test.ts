import { describe, expect, it } from 'vitest';
import { FhirMappingError, parseTransactionResponse } from '../../../../app/domain/fhir';

/** A transaction-response as HAPI FHIR answers a result Bundle. */
function response(observation: { status: string; location?: string }): unknown {
  return {
    resourceType: 'Bundle',
    id: 'b1',
    type: 'transaction-response',
    entry: [
      { response: { status: '201 Created', location: 'Patient/p1/_history/1' } },
      { response: { status: '200 OK', location: 'Practitioner/pr1/_history/3' } },
      { response: { status: '200 OK', location: 'Organization/o1/_history/2' } },
      { response: { status: '201 Created', location: 'Specimen/s1/_history/1' } },
      { response: { status: '201 Created', location: 'Device/d1/_history/1' } },
      { response: observation },
    ],
  };
}

describe('parseTransactionResponse', () => {
  it('reads the created Observation from a 201 entry', () => {
    const body = response({ status: '201 Created', location: 'Observation/123/_history/1' });
    expect(parseTransactionResponse(body)).toEqual({
      observationId: '123',
      observationLocation: 'Observation/123/_history/1',
      created: true,
    });
  });

  it('reports an earlier send when the conditional create matched (200 OK)', () => {
    const body = response({ status: '200 OK', location: 'Observation/123/_history/1' });
    expect(parseTransactionResponse(body)).toMatchObject({ observationId: '123', created: false });
  });

  it('accepts a bare status code and an absolute location', () => {
    const location = 'https://portail.example/fhir/Observation/abc-1.2/_history/4';
    const body = response({ status: '201', location });
    expect(parseTransactionResponse(body)).toEqual({
      observationId: 'abc-1.2',
      observationLocation: location,
      created: true,
    });
  });

  it('finds the Observation entry when the server reorders the entries', () => {
    const body = response({ status: '201 Created', location: 'Observation/9' }) as {
      entry: unknown[];
    };
    body.entry.reverse();
    expect(parseTransactionResponse(body).observationId).toBe('9');
  });

  it.each([
    ['null', null],
    ['a string', 'OK'],
    ['an array', []],
    ['an OperationOutcome', { resourceType: 'OperationOutcome', issue: [] }],
    ['a batch-response', { resourceType: 'Bundle', type: 'batch-response', entry: [] }],
    ['a response without entries', { resourceType: 'Bundle', type: 'transaction-response' }],
    ['an Observation entry without location', response({ status: '201 Created' })],
    [
      'an Observation entry in error',
      response({ status: '400 Bad Request', location: 'Observation/1' }),
    ],
    ['a location of another type', response({ status: '201 Created', location: 'Patient/1' })],
  ])('throws bad-response on %s', (_, body) => {
    expect(() => parseTransactionResponse(body)).toThrow(FhirMappingError);
    expect(() => parseTransactionResponse(body)).toThrow(/Réponse inattendue du portail/);
    try {
      parseTransactionResponse(body);
    } catch (error) {
      expect(error).toMatchObject({ code: 'bad-response' });
    }
  });
});
