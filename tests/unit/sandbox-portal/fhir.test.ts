/**
 * The sandbox SI-DEP FHIR endpoint through `app.request()`: authentication, transaction
 * processing with conditional create, structural and business validation in French.
 */
import type {
  Bundle,
  OperationOutcome,
  Patient,
  Observation,
  Practitioner,
} from '@medplum/fhirtypes';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ISS,
  login,
  MARC,
  mountPortal,
  postTransaction,
  resourceOf,
  resultBundle,
  type Mounted,
} from './fixtures';

let m: Mounted;
let token: string;

beforeAll(async () => {
  m = mountPortal();
  token = (await login(m)).access_token;
});

async function outcome(res: Response): Promise<OperationOutcome> {
  expect(res.headers.get('content-type')).toContain('application/fhir+json');
  return (await res.json()) as OperationOutcome;
}

describe('FHIR metadata', () => {
  it('declares a FHIR 4.0.1 JSON server with transactions and conditional creates', async () => {
    const res = await m.request('/fhir/metadata');
    const cs = (await res.json()) as {
      fhirVersion: string;
      format: string[];
      rest: {
        interaction: { code: string }[];
        resource: { type: string; conditionalCreate: boolean }[];
        security: unknown;
      }[];
    };
    expect(cs.fhirVersion).toBe('4.0.1');
    expect(cs.format).toEqual(['json']);
    expect(cs.rest[0]?.interaction).toEqual([{ code: 'transaction' }]);
    expect(cs.rest[0]?.resource.map((r) => r.type).sort()).toEqual([
      'Device',
      'Observation',
      'Organization',
      'Patient',
      'Practitioner',
      'Specimen',
    ]);
    expect(cs.rest[0]?.resource.every((r) => r.conditionalCreate)).toBe(true);
    expect(JSON.stringify(cs.rest[0]?.security)).toContain(`${ISS}/token`);
  });
});

describe('FHIR authentication', () => {
  it('answers 401 with a Bearer challenge and an OperationOutcome without a token', async () => {
    const res = await postTransaction(m, null, resultBundle());
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    expect((await outcome(res)).issue[0]?.code).toBe('login');
  });

  it('refuses a tampered token and an expired one', async () => {
    expect((await postTransaction(m, `${token}x`, resultBundle())).status).toBe(401);
    const local = mountPortal({ accessTokenTtlSeconds: 60 });
    const short = (await login(local)).access_token;
    local.clock.ms += 59_000;
    expect((await postTransaction(local, short, resultBundle())).status).toBe(200);
    local.clock.ms += 1_000;
    expect((await postTransaction(local, short, resultBundle())).status).toBe(401);
  });
});

describe('FHIR transactions', () => {
  it('creates every entry, in order, with locations and rewritten references', async () => {
    const local = mountPortal();
    const bearer = (await login(local)).access_token;
    const res = await postTransaction(local, bearer, resultBundle('visit-1'));
    expect(res.status).toBe(200);
    const body = (await res.json()) as Bundle;
    expect(body.type).toBe('transaction-response');
    const statuses = body.entry?.map((e) => e.response?.status);
    expect(statuses).toEqual(Array(6).fill('201 Created'));
    const types = body.entry?.map((e) => e.response?.location?.split('/')[0]);
    expect(types).toEqual([
      'Patient',
      'Practitioner',
      'Organization',
      'Specimen',
      'Device',
      'Observation',
    ]);
    expect(body.entry?.[5]?.response?.location).toMatch(/^Observation\/[\w-]+\/_history\/1$/);
    expect(body.entry?.[0]?.response?.lastModified).toBe('2025-03-10T10:00:00.000Z');
    const received = local.control.received();
    expect(received).toMatchObject({ transactions: 1, creates: 6, duplicatesPrevented: 0 });
    expect(received.observations).toEqual([
      {
        id: body.entry?.[5]?.response?.location?.split('/')[1],
        identifier: 'urn:comptoir:visit|visit-1',
        rpps: '10001234565',
        createdAt: '2025-03-10T10:00:00.000Z',
      },
    ]);
  });

  it('answers a retried transaction 200 OK for conditional creates and stores one Observation', async () => {
    const local = mountPortal();
    const bearer = (await login(local)).access_token;
    const bundle = resultBundle('visit-retry');
    const first = (await (await postTransaction(local, bearer, bundle)).json()) as Bundle;
    const second = (await (await postTransaction(local, bearer, bundle)).json()) as Bundle;
    expect(second.entry?.[5]?.response).toMatchObject({
      status: '200 OK',
      location: first.entry?.[5]?.response?.location,
    });
    expect(second.entry?.[1]?.response?.status).toBe('200 OK'); // Practitioner by RPPS
    expect(second.entry?.[2]?.response?.status).toBe('200 OK'); // Organization by FINESS
    const received = local.control.received();
    expect(received.observations).toHaveLength(1);
    expect(received.transactions).toBe(2);
    expect(received.duplicatesPrevented).toBe(3);
    // A new visit reuses the stored Practitioner and Organization but adds an Observation.
    await postTransaction(local, bearer, resultBundle('visit-next'));
    expect(local.control.received().observations).toHaveLength(2);
  });

  it('counts exactly one prevented duplicate when only the Observation is conditional', async () => {
    const local = mountPortal();
    const bearer = (await login(local)).access_token;
    const bundle = resultBundle('visit-once');
    for (const e of bundle.entry ?? []) {
      if (e.resource?.resourceType !== 'Observation' && e.request) delete e.request.ifNoneExist;
    }
    await postTransaction(local, bearer, bundle);
    await postTransaction(local, bearer, bundle);
    expect(local.control.received()).toMatchObject({ duplicatesPrevented: 1 });
    expect(local.control.received().observations).toHaveLength(1);
  });

  it('refuses a body that is not JSON, or not a transaction Bundle, with 400', async () => {
    const notJson = await postTransaction(m, token, '{"resourceType":');
    expect(notJson.status).toBe(400);
    expect((await outcome(notJson)).issue[0]?.diagnostics).toBe('Corps de requête JSON invalide.');
    const batch = await postTransaction(m, token, { ...resultBundle(), type: 'batch' });
    expect(batch.status).toBe(400);
    expect((await outcome(batch)).issue[0]?.expression).toEqual(['Bundle.type']);
  });

  it('refuses an impossible birth date with a French diagnostic on Patient.birthDate', async () => {
    for (const birthDate of ['1985-13-45', '1985-02-30', '2031-01-01']) {
      const bundle = resultBundle();
      resourceOf<Patient>(bundle, 'Patient').birthDate = birthDate;
      const res = await postTransaction(m, token, bundle);
      expect(res.status).toBe(400);
      expect((await outcome(res)).issue).toContainEqual(
        expect.objectContaining({
          severity: 'error',
          diagnostics: 'Date de naissance invalide',
          expression: ['Patient.birthDate'],
        }),
      );
    }
  });

  it.each([
    [
      'Observation',
      (b: Bundle) =>
        (resourceOf<Observation>(b, 'Observation').code = {
          coding: [{ system: 'http://loinc.org', code: '1234-5' }],
        }),
      'Code LOINC attendu 94558-4',
      400,
    ],
    [
      'Observation',
      (b: Bundle) =>
        (resourceOf<Observation>(b, 'Observation').valueCodeableConcept = {
          coding: [{ system: 'http://snomed.info/sct', code: '1' }],
        }),
      'Résultat SNOMED inconnu',
      400,
    ],
    [
      'Practitioner',
      (b: Bundle) =>
        (resourceOf<Practitioner>(b, 'Practitioner').identifier = [
          { system: 'urn:oid:1.2.250.1.71.4.2.1', value: '10001234566' },
        ]),
      'Identifiant RPPS invalide (11 chiffres, clé de Luhn)',
      400,
    ],
    [
      'Observation',
      (b: Bundle) => delete resourceOf<Observation>(b, 'Observation').identifier,
      'Identifiant de l’observation manquant',
      400,
    ],
    [
      'Observation',
      (b: Bundle) =>
        (resourceOf<Observation>(b, 'Observation').effectiveDateTime = '2025-03-10T10:06:00Z'),
      'Date de prélèvement dans le futur',
      422,
    ],
    [
      'Device',
      (b: Bundle) => (b.entry = b.entry?.filter((e) => e.resource?.resourceType !== 'Device')),
      'Ressource Device manquante',
      400,
    ],
  ])('refuses a bad %s: "%s"', async (_type, corrupt, diagnostics, status) => {
    const bundle = resultBundle();
    corrupt(bundle);
    const res = await postTransaction(m, token, bundle);
    expect(res.status).toBe(status);
    expect((await outcome(res)).issue.map((i) => i.diagnostics)).toContain(diagnostics);
  });

  it('accepts a sampling time 5 minutes ahead (clock skew) and refuses one a minute later', async () => {
    const ok = resultBundle();
    resourceOf<Observation>(ok, 'Observation').effectiveDateTime = '2025-03-10T10:05:00Z';
    expect((await postTransaction(m, token, ok)).status).toBe(200);
    const late = resultBundle();
    resourceOf<Observation>(late, 'Observation').effectiveDateTime = '2025-03-10T10:05:01Z';
    expect((await postTransaction(m, token, late)).status).toBe(422);
  });

  it('refuses with 403 a result whose performer is not the authenticated practitioner', async () => {
    const res = await postTransaction(m, token, resultBundle(undefined, MARC.rpps));
    expect(res.status).toBe(403);
    expect((await outcome(res)).issue[0]).toMatchObject({
      code: 'forbidden',
      expression: ['Observation.performer'],
    });
  });

  it('refuses an unknown element with a structural 400', async () => {
    const bundle = resultBundle();
    (resourceOf<Patient>(bundle, 'Patient') as unknown as Record<string, unknown>).nir =
      '1850475111123';
    const res = await postTransaction(m, token, bundle);
    expect(res.status).toBe(400);
    expect((await outcome(res)).issue[0]).toMatchObject({
      code: 'invalid',
      expression: ['Patient.nir'],
    });
  });
});
