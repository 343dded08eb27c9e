import type { Observation } from '@medplum/fhirtypes';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  FhirMappingError,
  OBSERVATION_IDENTIFIER_SYSTEM,
  buildResultBundle,
  observationIdentifierValue,
  type Visit,
} from '../../../../app/domain';
import { find, referencesIn, resources } from './bundle-helpers';
import { CTX, IDENTITY, RESULT, TEST, VISIT_ID, makeVisit } from './fixtures';
import { assertValidFhir, loadR4Definitions } from './validator';

const INS_NIR_OID = '1.2.250.1.213.1.4.8';

/** Every shape of visit the mapping must turn into a valid Bundle. */
const VARIANTS: readonly (readonly [string, Visit])[] = [
  ...(['positive', 'negative', 'invalid'] as const).flatMap((value) =>
    (['258500001', '697989009'] as const).map(
      (specimen) =>
        [
          `${value} result, specimen ${specimen}`,
          makeVisit({
            test: { ...TEST, specimen },
            result: { ...RESULT, value },
          }),
        ] as const,
    ),
  ),
  ['without NIR', makeVisit({ identity: { ...IDENTITY, nir: undefined } })],
  ['with email', makeVisit({ identity: { ...IDENTITY, email: 'lea.martin@example.fr' } })],
  ['with used name', makeVisit({ identity: { ...IDENTITY, usedName: 'DURAND' } })],
  ['with birth place', makeVisit({ identity: { ...IDENTITY, birthPlace: 'Lyon' } })],
  ['male', makeVisit({ identity: { ...IDENTITY, sex: 'M', nir: undefined } })],
  ['sex indéterminé', makeVisit({ identity: { ...IDENTITY, sex: 'I', nir: undefined } })],
  ['with GTIN', makeVisit({ test: { ...TEST, gtin: '05391516870236' } })],
  ['kit outside the built-in list', makeVisit({ test: { ...TEST, kitId: '2012', kitName: 'X' } })],
  ['asymptomatic', makeVisit({ context: { symptomOnset: null, consent: true } })],
  [
    'sampled at hh:mm with an offset',
    makeVisit({ test: { ...TEST, sampledAt: '2026-11-28T11:00+01:00' } }),
  ],
  [
    'minor with guardian',
    makeVisit({
      identity: { ...IDENTITY, birthDate: '2015-06-01', nir: undefined },
      context: { symptomOnset: null, consent: true, guardianName: 'Paul Martin' },
    }),
  ],
];

/** Every identity value that must never appear in a search string or business identifier. */
const PATIENT_VALUES = [
  IDENTITY.birthName,
  'Léa',
  IDENTITY.birthDate,
  IDENTITY.phone,
  '285047511112321',
  IDENTITY.address,
  'lea.martin@example.fr',
];

beforeAll(loadR4Definitions);

describe('buildResultBundle: FHIR R4 validity', () => {
  it.each(VARIANTS)('yields a Bundle and entries the R4 validator accepts: %s', (_, visit) => {
    const bundle = buildResultBundle(visit, { ...CTX, issuedAt: '2026-11-28T10:20:00.000Z' });
    expect(() => assertValidFhir(bundle)).not.toThrow();
    for (const resource of resources(bundle)) expect(() => assertValidFhir(resource)).not.toThrow();
  });

  it('is rejected by the validator once the birth date is broken (the validator is live)', () => {
    const bundle = buildResultBundle(makeVisit(), CTX);
    const patient = find(bundle, 'Patient');
    patient.birthDate = '12/04/1985';
    expect(() => assertValidFhir(patient)).toThrow(/birthDate/);
    expect(() => assertValidFhir(bundle)).toThrow();
  });

  it('is rejected by the validator when the Observation loses its required code', () => {
    const observation = find(buildResultBundle(makeVisit(), CTX), 'Observation');
    delete (observation as Partial<Observation>).code;
    expect(() => assertValidFhir(observation)).toThrow();
  });
});

describe('buildResultBundle: structure', () => {
  it('is a transaction of six POST entries in request order', () => {
    const bundle = buildResultBundle(makeVisit(), CTX);
    expect(bundle.type).toBe('transaction');
    expect(bundle.entry?.map((e) => [e.request?.method, e.request?.url])).toEqual([
      ['POST', 'Patient'],
      ['POST', 'Practitioner'],
      ['POST', 'Organization'],
      ['POST', 'Specimen'],
      ['POST', 'Device'],
      ['POST', 'Observation'],
    ]);
    expect(resources(bundle).every((r) => r.id === undefined)).toBe(true);
  });

  it('creates Observation, Practitioner and Organization conditionally, the others plainly', () => {
    const requests = buildResultBundle(makeVisit(), CTX).entry?.map((e) => e.request);
    expect(requests?.map((r) => r?.ifNoneExist)).toEqual([
      undefined,
      'identifier=urn:oid:1.2.250.1.71.4.2.1|10001234565',
      'identifier=urn:oid:1.2.250.1.71.4.2.2|750001232',
      undefined,
      undefined,
      `identifier=urn:comptoir:visit|${VISIT_ID}`,
    ]);
  });

  it('identifies the Observation by the visit id under the project system', () => {
    const observation = find(buildResultBundle(makeVisit(), CTX), 'Observation');
    expect(observation.identifier).toEqual([
      { system: OBSERVATION_IDENTIFIER_SYSTEM, value: observationIdentifierValue(VISIT_ID) },
    ]);
    expect(observationIdentifierValue(VISIT_ID)).toBe(VISIT_ID);
  });

  it('gives each entry a distinct urn:uuid full URL and resolves every reference to one', () => {
    for (const [, visit] of VARIANTS) {
      const bundle = buildResultBundle(visit, CTX);
      const urls = bundle.entry?.map((e) => e.fullUrl) ?? [];
      expect(new Set(urls).size).toBe(6);
      for (const url of urls)
        expect(url).toMatch(
          /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
        );
      const refs = referencesIn(bundle);
      expect(refs).toHaveLength(6);
      for (const ref of refs) expect(urls).toContain(ref);
    }
  });

  it('links Observation and Specimen to the right entries', () => {
    const bundle = buildResultBundle(makeVisit(), CTX);
    const url = (type: string) =>
      bundle.entry?.find((e) => e.resource?.resourceType === type)?.fullUrl;
    const observation = find(bundle, 'Observation');
    expect(observation.subject?.reference).toBe(url('Patient'));
    expect(observation.performer?.map((p) => p.reference)).toEqual([
      url('Practitioner'),
      url('Organization'),
    ]);
    expect(observation.specimen?.reference).toBe(url('Specimen'));
    expect(observation.device?.reference).toBe(url('Device'));
    expect(find(bundle, 'Specimen').subject?.reference).toBe(url('Patient'));
  });

  it('gives a deep-equal Bundle for the same visit, and other full URLs for another visit', () => {
    const a = buildResultBundle(makeVisit(), CTX);
    expect(buildResultBundle(makeVisit(), CTX)).toEqual(a);
    const other = buildResultBundle(makeVisit({ id: 'AAAAAAAAAAAAAAAAAAAAAQ' }), CTX);
    const urlsA = new Set(a.entry?.map((e) => e.fullUrl));
    expect(other.entry?.some((e) => urlsA.has(e.fullUrl))).toBe(false);
  });

  it('sets Bundle.timestamp only from issuedAt', () => {
    expect(buildResultBundle(makeVisit(), CTX).timestamp).toBeUndefined();
    const bundle = buildResultBundle(makeVisit(), { ...CTX, issuedAt: '2026-11-28T10:20:00.000Z' });
    expect(bundle.timestamp).toBe('2026-11-28T10:20:00.000Z');
  });

  it('never mentions the INS-NIR OID', () => {
    for (const [, visit] of VARIANTS) {
      expect(JSON.stringify(buildResultBundle(visit, CTX))).not.toContain(INS_NIR_OID);
    }
  });

  it('puts no patient data in search strings, business identifiers or full URLs', () => {
    const visit = makeVisit({ identity: { ...IDENTITY, email: 'lea.martin@example.fr' } });
    const bundle = buildResultBundle(visit, CTX);
    const patientId = bundle.entry?.[0]?.fullUrl;
    const exposed = [
      ...(bundle.entry ?? []).flatMap((e) => [e.fullUrl, e.request?.ifNoneExist, e.request?.url]),
      ...resources(bundle)
        .filter((r) => r.resourceType !== 'Patient')
        .flatMap((r) => ('identifier' in r ? JSON.stringify(r.identifier) : '')),
    ].join(' ');
    for (const value of PATIENT_VALUES) expect(exposed).not.toContain(value);
    expect(patientId).toBeDefined();
  });
});

describe('buildResultBundle: refusals', () => {
  it.each([
    ['no test', makeVisit({ test: undefined }), /kit et le prélèvement/],
    ['no result', makeVisit({ result: undefined }), /le résultat/],
    [
      'no consent',
      makeVisit({ context: { symptomOnset: null, consent: false as true } }),
      /consentement/,
    ],
  ])('throws a not-ready FhirMappingError naming what is missing: %s', (_, visit, missing) => {
    expect(() => buildResultBundle(visit, CTX)).toThrow(FhirMappingError);
    try {
      buildResultBundle(visit, CTX);
    } catch (error) {
      expect(error).toMatchObject({ code: 'not-ready' });
      expect((error as Error).message).toMatch(missing);
    }
  });

  it('names every missing part at once', () => {
    const visit = makeVisit({ test: undefined, result: undefined });
    expect(() => buildResultBundle(visit, CTX)).toThrow(/kit et le prélèvement, le résultat/);
  });
});
