import { describe, expect, it } from 'vitest';
import { RESULT_SNOMED, buildResultBundle, type Sex, type Visit } from '../../../../app/domain';
import { find } from './bundle-helpers';
import { CTX, IDENTITY, RESULT, TEST, makeVisit } from './fixtures';

const bundleOf = (visit: Visit = makeVisit()) => buildResultBundle(visit, CTX);

describe('Patient mapping', () => {
  it('sends the birth name and split first names as the official name', () => {
    const patient = find(bundleOf(), 'Patient');
    expect(patient.name).toEqual([{ use: 'official', family: 'MARTIN', given: ['Léa', 'Marie'] }]);
  });

  it('adds the used name as the usual name when given', () => {
    const patient = find(
      bundleOf(makeVisit({ identity: { ...IDENTITY, usedName: 'DURAND' } })),
      'Patient',
    );
    expect(patient.name?.[1]).toEqual({ use: 'usual', family: 'DURAND', given: ['Léa', 'Marie'] });
  });

  it.each([
    ['F', 'female'],
    ['M', 'male'],
    ['I', 'unknown'],
  ] as const)('maps sex %s to gender %s', (sex: Sex, gender) => {
    const patient = find(bundleOf(makeVisit({ identity: { ...IDENTITY, sex } })), 'Patient');
    expect(patient.gender).toBe(gender);
  });

  it('sends birth date, home address, mobile phone', () => {
    const patient = find(bundleOf(), 'Patient');
    expect(patient.birthDate).toBe('1985-04-12');
    expect(patient.address).toEqual([
      {
        use: 'home',
        line: ['12 rue des Lilas'],
        postalCode: '75011',
        city: 'Paris',
        country: 'FR',
      },
    ]);
    expect(patient.telecom).toEqual([{ system: 'phone', use: 'mobile', value: '+33612345678' }]);
  });

  it('adds the email when given', () => {
    const visit = makeVisit({ identity: { ...IDENTITY, email: 'lea@example.fr' } });
    expect(find(bundleOf(visit), 'Patient').telecom?.[1]).toEqual({
      system: 'email',
      value: 'lea@example.fr',
    });
  });

  it('sends a declared NIR under the project-local system, never as an INS', () => {
    expect(find(bundleOf(), 'Patient').identifier).toEqual([
      expect.objectContaining({ system: 'urn:comptoir:declared-nir', value: '285047511112321' }),
    ]);
  });

  it('sends no identifier without a NIR', () => {
    const visit = makeVisit({ identity: { ...IDENTITY, nir: undefined } });
    expect(find(bundleOf(visit), 'Patient').identifier).toBeUndefined();
  });

  it('names the legal guardian of a minor as a contact', () => {
    const visit = makeVisit({
      context: { symptomOnset: null, consent: true, guardianName: 'Paul Martin' },
    });
    const contact = find(bundleOf(visit), 'Patient').contact;
    expect(contact).toHaveLength(1);
    expect(contact?.[0]?.name).toEqual({ text: 'Paul Martin' });
    expect(contact?.[0]?.relationship?.[0]?.coding?.[0]?.code).toBe('GUARD');
    expect(find(bundleOf(), 'Patient').contact).toBeUndefined();
  });
});

describe('Observation mapping', () => {
  it.each([
    ['positive', '260373001', 'Detected'],
    ['negative', '260415000', 'Not detected'],
    ['invalid', '455371000124106', 'Invalid result'],
  ] as const)('codes a %s result as SNOMED CT %s', (value, code, display) => {
    const observation = find(bundleOf(makeVisit({ result: { ...RESULT, value } })), 'Observation');
    expect(RESULT_SNOMED[value]).toBe(code);
    expect(observation.valueCodeableConcept).toEqual({
      coding: [{ system: 'http://snomed.info/sct', code, display }],
    });
  });

  it('is a final laboratory LOINC 94558-4 observation with sampling and reading times', () => {
    const observation = find(bundleOf(), 'Observation');
    expect(observation.status).toBe('final');
    expect(observation.category?.[0]?.coding?.[0]).toMatchObject({
      system: 'http://terminology.hl7.org/CodeSystem/observation-category',
      code: 'laboratory',
    });
    expect(observation.code.coding).toEqual([
      {
        system: 'http://loinc.org',
        code: '94558-4',
        display: 'SARS-CoV-2 (COVID-19) Ag [Presence] in Respiratory specimen by Rapid immunoassay',
      },
    ]);
    expect(observation.effectiveDateTime).toBe('2026-11-28T10:00:00.000Z');
    expect(observation.issued).toBe('2026-11-28T10:16:00.000Z');
  });

  it('adds seconds to times typed as hh:mm (FHIR requires them)', () => {
    const visit = makeVisit({ test: { ...TEST, sampledAt: '2026-11-28T11:00+01:00' } });
    expect(find(bundleOf(visit), 'Observation').effectiveDateTime).toBe(
      '2026-11-28T11:00:00+01:00',
    );
    expect(find(bundleOf(visit), 'Specimen').collection?.collectedDateTime).toBe(
      '2026-11-28T11:00:00+01:00',
    );
  });

  it('states the symptoms and their onset date as components', () => {
    expect(find(bundleOf(), 'Observation').component).toEqual([
      {
        code: {
          coding: [{ system: 'http://loinc.org', code: '95419-8', display: expect.any(String) }],
        },
        valueCodeableConcept: {
          coding: [
            { system: 'http://terminology.hl7.org/CodeSystem/v2-0136', code: 'Y', display: 'Yes' },
          ],
        },
      },
      {
        code: {
          coding: [
            {
              system: 'http://loinc.org',
              code: '65222-2',
              display: 'Date and time of symptom onset',
            },
          ],
        },
        valueDateTime: '2026-11-26',
      },
    ]);
  });

  it('states "no symptoms" explicitly, without an onset date', () => {
    const visit = makeVisit({ context: { symptomOnset: null, consent: true } });
    const components = find(bundleOf(visit), 'Observation').component ?? [];
    expect(components).toHaveLength(1);
    expect(components[0]?.valueCodeableConcept?.coding?.[0]?.code).toBe('N');
    expect(JSON.stringify(components)).not.toContain('65222-2');
  });
});

describe('Practitioner, Organization, Specimen and Device mapping', () => {
  it('identifies the reader by RPPS and the pharmacy by FINESS', () => {
    const bundle = bundleOf();
    expect(find(bundle, 'Practitioner')).toEqual({
      resourceType: 'Practitioner',
      identifier: [{ system: 'urn:oid:1.2.250.1.71.4.2.1', value: '10001234565' }],
      name: [{ text: 'Claire Dupont' }],
    });
    const organization = find(bundle, 'Organization');
    expect(organization.identifier).toEqual([
      { system: 'urn:oid:1.2.250.1.71.4.2.2', value: '750001232' },
    ]);
    expect(organization.name).toBe('Pharmacie du Marché');
    expect(organization.address?.[0]).toMatchObject({ postalCode: '75011', city: 'Paris' });
  });

  it.each([
    ['258500001', 'Nasopharyngeal swab'],
    ['697989009', 'Anterior nares swab'],
  ] as const)('codes specimen %s in SNOMED CT', (specimen, display) => {
    const result = find(bundleOf(makeVisit({ test: { ...TEST, specimen } })), 'Specimen');
    expect(result.type?.coding).toEqual([
      { system: 'http://snomed.info/sct', code: specimen, display },
    ]);
    expect(result.collection?.collectedDateTime).toBe(TEST.sampledAt);
  });

  it('describes the kit by EU JRC id, names, manufacturer, lot and expiry', () => {
    const device = find(bundleOf(), 'Device');
    expect(device.identifier).toEqual([
      { system: 'https://covid-19-diagnostics.jrc.ec.europa.eu/devices', value: '1232' },
    ]);
    expect(device.deviceName?.map((n) => n.type)).toEqual([
      'manufacturer-name',
      'user-friendly-name',
    ]);
    expect(device.manufacturer).toBe('Abbott Rapid Diagnostics');
    expect(device).toMatchObject({ lotNumber: 'AB123', expirationDate: '2099-12-31' });
    expect(device.udiCarrier).toBeUndefined();
  });

  it('carries the GTIN as the UDI device identifier when given', () => {
    const device = find(
      bundleOf(makeVisit({ test: { ...TEST, gtin: '05391516870236' } })),
      'Device',
    );
    expect(device.udiCarrier?.[0]?.deviceIdentifier).toBe('05391516870236');
  });

  it('carries the box serial number when given', () => {
    const device = find(bundleOf(makeVisit({ test: { ...TEST, serial: 'SER1' } })), 'Device');
    expect(device.serialNumber).toBe('SER1');
  });
});
