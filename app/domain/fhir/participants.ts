/**
 * The performers of the Observation: the pharmacist or staff member (Practitioner, by RPPS,
 * https://hl7.org/fhir/R4/practitioner.html) and the pharmacy (Organization, by FINESS,
 * https://hl7.org/fhir/R4/organization.html). Both are sent by conditional create on
 * their national identifier, so the portal keeps one resource per person and pharmacy.
 */
import type { Organization, Practitioner } from '@medplum/fhirtypes';
import type { Pharmacy } from '../visit';
import { FINESS_SYSTEM, RPPS_SYSTEM } from './systems';

/** Who read the result, as the caller knows them (the signed-in staff member). */
export interface Performer {
  name: string;
  /** 11 digits, already checked with its Luhn key. */
  rpps: string;
}

/** The Practitioner of `performer`, identified by RPPS. */
export function toPractitioner(performer: Performer): Practitioner {
  return {
    resourceType: 'Practitioner',
    identifier: [{ system: RPPS_SYSTEM, value: performer.rpps }],
    name: [{ text: performer.name }],
  };
}

/** The Organization of `pharmacy`, identified by FINESS; the address is in France. */
export function toOrganization(pharmacy: Pharmacy): Organization {
  return {
    resourceType: 'Organization',
    identifier: [{ system: FINESS_SYSTEM, value: pharmacy.finess }],
    name: pharmacy.name,
    address: [
      {
        line: [pharmacy.address],
        postalCode: pharmacy.postalCode,
        city: pharmacy.city,
        country: 'FR',
      },
    ],
  };
}
