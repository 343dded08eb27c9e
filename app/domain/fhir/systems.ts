/**
 * Code systems, identifier systems and codes of the SI-DEP mapping, in one place so the
 * sandbox portal's checks and the tests can quote them.
 */
import type { Coding } from '@medplum/fhirtypes';
import type { ResultValue, Specimen } from '../visit';

/** SNOMED CT (https://hl7.org/fhir/R4/snomedct.html). */
export const SNOMED_SYSTEM = 'http://snomed.info/sct';
/** LOINC (https://hl7.org/fhir/R4/loinc.html). */
export const LOINC_SYSTEM = 'http://loinc.org';
/** Observation categories (https://hl7.org/fhir/R4/codesystem-observation-category.html). */
export const OBSERVATION_CATEGORY_SYSTEM =
  'http://terminology.hl7.org/CodeSystem/observation-category';
/** HL7 v2 table 0136 Yes/No (https://terminology.hl7.org/CodeSystem-v2-0136.html). */
export const YES_NO_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v2-0136';
/** HL7 v3 RoleCode, for the legal guardian (https://terminology.hl7.org/CodeSystem-v3-RoleCode.html). */
export const ROLE_CODE_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v3-RoleCode';

/** RPPS number of a health professional (ANS OID, "identifiant national PS"). */
export const RPPS_SYSTEM = 'urn:oid:1.2.250.1.71.4.2.1';
/** FINESS number of an establishment (ANS OID). */
export const FINESS_SYSTEM = 'urn:oid:1.2.250.1.71.4.2.2';
/** EU JRC device ids (value set "covid-19-lab-test-manufacturer-and-name"). */
export const JRC_DEVICE_SYSTEM = 'https://covid-19-diagnostics.jrc.ec.europa.eu/devices';
/** GS1 GTIN as a UDI issuer (https://hl7.org/fhir/R4/device-definitions.html#Device.udiCarrier.issuer). */
export const GS1_UDI_ISSUER = 'http://hl7.org/fhir/NamingSystem/gs1-di';

/**
 * The NIR as *declared* by the patient. Deliberately a project-local system and never the
 * INS-NIR OID (`urn:oid:1.2.250.1.213.1.4.8`): that OID asserts an INS qualified against
 * the national teleservice (identity checked on a document + INSi call), which a pharmacy
 * kiosk never does. Sending a declared number under it would pass it off as a verified one.
 */
export const DECLARED_NIR_SYSTEM = 'urn:comptoir:declared-nir';

/**
 * System of the Observation's business identifier, whose value is the visit id (see
 * {@link observationIdentifierValue}). The portal's conditional create keys on it.
 */
export const OBSERVATION_IDENTIFIER_SYSTEM = 'urn:comptoir:visit';

/**
 * The Observation identifier value of a visit: the visit id itself, a random 128-bit
 * base64url string that carries no patient data and only unreserved URL characters.
 */
export function observationIdentifierValue(visitId: string): string {
  return visitId;
}

/**
 * The `ifNoneExist` query of a conditional create on a token identifier
 * (https://hl7.org/fhir/R4/http.html#ccreate). The value is escaped as FHIR search
 * requires (https://hl7.org/fhir/R4/search.html#escaping) then URL-encoded; `system` is
 * one of this module's constants and is sent as is.
 */
export function identifierQuery(system: string, value: string): string {
  const escaped = value.replace(/[\\|,$]/g, (c) => `\\${c}`);
  return `identifier=${system}|${encodeURIComponent(escaped)}`;
}

/** LOINC 94558-4, the rapid antigen test (https://loinc.org/94558-4). */
export const ANTIGEN_TEST_CODING: Coding = {
  system: LOINC_SYSTEM,
  code: '94558-4',
  display: 'SARS-CoV-2 (COVID-19) Ag [Presence] in Respiratory specimen by Rapid immunoassay',
};

/** LOINC 65222-2 (https://loinc.org/65222-2). */
export const SYMPTOM_ONSET_CODING: Coding = {
  system: LOINC_SYSTEM,
  code: '65222-2',
  display: 'Date and time of symptom onset',
};

/** LOINC 95419-8, the "ask at order entry" question about symptoms (https://loinc.org/95419-8). */
export const HAS_SYMPTOMS_CODING: Coding = {
  system: LOINC_SYSTEM,
  code: '95419-8',
  display: 'Has symptoms related to condition of interest',
};

/** SNOMED CT displays of each result (codes in `RESULT_SNOMED`). */
export const RESULT_DISPLAYS: Readonly<Record<ResultValue, string>> = {
  positive: 'Detected',
  negative: 'Not detected',
  invalid: 'Invalid result',
};

/** SNOMED CT displays of the specimen codes. */
export const SPECIMEN_DISPLAYS: Readonly<Record<Specimen, string>> = {
  '258500001': 'Nasopharyngeal swab',
  '697989009': 'Anterior nares swab',
};
