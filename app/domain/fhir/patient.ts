/**
 * The Patient of a visit (https://hl7.org/fhir/R4/patient.html). Only what SI-DEP asks for:
 * names, sex, birth date and place, address, phone, email, a declared NIR, a guardian.
 */
import type { Address, ContactPoint, HumanName, Identifier, Patient } from '@medplum/fhirtypes';
import type { Identity, Sex, VisitContext } from '../visit';
import { DECLARED_NIR_SYSTEM, ROLE_CODE_SYSTEM } from './systems';

/** Administrative gender (https://hl7.org/fhir/R4/valueset-administrative-gender.html). */
const GENDERS: Readonly<Record<Sex, NonNullable<Patient['gender']>>> = {
  F: 'female',
  M: 'male',
  // "indéterminé" is the INS referential's code for a sex not determined at birth; FHIR
  // asks for `unknown` there, `other` being a gender identity outside male/female.
  I: 'unknown',
};

/** Standard extension for the place of birth (https://hl7.org/fhir/R4/extension-patient-birthplace.html). */
export const BIRTH_PLACE_EXTENSION = 'http://hl7.org/fhir/StructureDefinition/patient-birthPlace';

/** Maps the identity (and the guardian of a minor) to a Patient without id. */
export function toPatient(identity: Identity, context: VisitContext): Patient {
  const patient: Patient = {
    resourceType: 'Patient',
    name: names(identity),
    gender: GENDERS[identity.sex],
    birthDate: identity.birthDate,
    address: [toAddress(identity)],
    telecom: telecoms(identity),
  };
  if (identity.nir !== undefined) patient.identifier = [declaredNir(identity.nir)];
  if (identity.birthPlace !== undefined) {
    patient.extension = [
      { url: BIRTH_PLACE_EXTENSION, valueAddress: { text: identity.birthPlace } },
    ];
  }
  if (context.guardianName !== undefined) {
    patient.contact = [
      {
        relationship: [
          {
            coding: [{ system: ROLE_CODE_SYSTEM, code: 'GUARD', display: 'guardian' }],
            text: 'représentant légal',
          },
        ],
        name: { text: context.guardianName },
      },
    ];
  }
  return patient;
}

/**
 * `official` = birth name + first names; `usual` = used name, when given
 * (https://hl7.org/fhir/R4/valueset-name-use.html).
 */
function names(identity: Identity): HumanName[] {
  const given = identity.firstNames.split(/\s+/).filter((g) => g !== '');
  const official: HumanName = { use: 'official', family: identity.birthName, given };
  if (identity.usedName === undefined) return [official];
  return [official, { use: 'usual', family: identity.usedName, given }];
}

function toAddress(identity: Identity): Address {
  return {
    use: 'home',
    line: [identity.address],
    postalCode: identity.postalCode,
    city: identity.city,
    country: identity.country,
  };
}

function telecoms(identity: Identity): ContactPoint[] {
  const list: ContactPoint[] = [{ system: 'phone', use: 'mobile', value: identity.phone }];
  if (identity.email !== undefined) list.push({ system: 'email', value: identity.email });
  return list;
}

/**
 * The NIR as the patient declared it: a plain identifier (`use: secondary`) under a
 * project-local system, never the INS-NIR OID (see `DECLARED_NIR_SYSTEM`).
 */
function declaredNir(nir: string): Identifier {
  return {
    use: 'secondary',
    type: { text: 'NIR déclaré (non qualifié INS)' },
    system: DECLARED_NIR_SYSTEM,
    value: nir,
  };
}
