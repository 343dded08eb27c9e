/**
 * The one FHIR R4 `transaction` Bundle sent to the national portal per visit
 * (https://hl7.org/fhir/R4/http.html#transaction; DESIGN.md "Transmission to the national
 * portal"). Entries reference each other by deterministic `urn:uuid:` full URLs
 * (https://hl7.org/fhir/R4/bundle.html#references), which the server rewrites to the ids
 * it assigns.
 *
 * Retries are idempotent through conditional creates
 * (https://hl7.org/fhir/R4/http.html#ccreate): the Observation on the visit identifier,
 * the Practitioner on the RPPS, the Organization on the FINESS. Patient, Specimen and
 * Device are plain creates: there is no patient master file (DESIGN.md "The visit"), and
 * a portal that already holds the Observation has already processed the whole
 * transaction (all or nothing), so a retry only happens after a failure.
 */
import type { Bundle, BundleEntry, Patient, Reference, Resource } from '@medplum/fhirtypes';
import type { Pharmacy, Visit } from '../visit';
import { toFhirDateTime } from './date-time';
import { entryFullUrl, type EntryKind } from './entry-uuids';
import { FhirMappingError } from './fhir-mapping-error';
import { toObservation } from './observation';
import { toOrganization, toPractitioner, type Performer } from './participants';
import { toPatient } from './patient';
import { toDevice, toSpecimen } from './sample';
import {
  FINESS_SYSTEM,
  OBSERVATION_IDENTIFIER_SYSTEM,
  RPPS_SYSTEM,
  identifierQuery,
  observationIdentifierValue,
} from './systems';
import { transmissionErrors } from './transmission-errors';

/** What the Bundle needs besides the visit. */
export interface ResultBundleContext {
  pharmacy: Pharmacy;
  /** The staff member who read the result (Practitioner). */
  performer: Performer;
  /** `Bundle.timestamp` (an instant), when the caller wants one; never read from a clock. */
  issuedAt?: string;
}

/**
 * Builds the transaction Bundle of a resulted visit: Patient, Practitioner, Organization,
 * Specimen, Device, Observation, in that order (a `transaction-response` answers in the
 * same order). Pure and deterministic: the same arguments give a deep-equal Bundle.
 * @throws {FhirMappingError} code `not-ready` (French message naming what is missing)
 * when the visit has no test, no result or no consent.
 */
export function buildResultBundle(visit: Visit, ctx: ResultBundleContext): Bundle {
  const { test, result } = visit;
  const missing = transmissionErrors(visit);
  if (!test || !result || missing.length > 0) throw notReady(missing.map((e) => e.field));
  const url = (kind: EntryKind): string => entryFullUrl(visit.id, kind);
  const ref = <T extends Resource>(kind: EntryKind): Reference<T> => ({ reference: url(kind) });
  const subject = ref<Patient>('Patient');
  const observation = toObservation(
    { visitId: visit.id, context: visit.context, test, result },
    {
      subject,
      practitioner: ref('Practitioner'),
      organization: ref('Organization'),
      specimen: ref('Specimen'),
      device: ref('Device'),
    },
  );
  const bundle: Bundle = {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: [
      entry(url('Patient'), toPatient(visit.identity, visit.context)),
      entry(
        url('Practitioner'),
        toPractitioner(ctx.performer),
        identifierQuery(RPPS_SYSTEM, ctx.performer.rpps),
      ),
      entry(
        url('Organization'),
        toOrganization(ctx.pharmacy),
        identifierQuery(FINESS_SYSTEM, ctx.pharmacy.finess),
      ),
      entry(url('Specimen'), toSpecimen(test, subject)),
      entry(url('Device'), toDevice(test)),
      entry(
        url('Observation'),
        observation,
        identifierQuery(OBSERVATION_IDENTIFIER_SYSTEM, observationIdentifierValue(visit.id)),
      ),
    ],
  };
  if (ctx.issuedAt !== undefined) bundle.timestamp = toFhirDateTime(ctx.issuedAt);
  return bundle;
}

/** A POST entry (conditional when `ifNoneExist` is given). */
function entry(fullUrl: string, resource: Resource, ifNoneExist?: string): BundleEntry {
  const request: NonNullable<BundleEntry['request']> = {
    method: 'POST',
    url: resource.resourceType,
  };
  if (ifNoneExist !== undefined) request.ifNoneExist = ifNoneExist;
  return { fullUrl, resource, request };
}

const MISSING_FR: Readonly<Record<string, string>> = {
  kitId: 'le kit et le prélèvement',
  result: 'le résultat',
  consent: 'le consentement à la transmission',
};

function notReady(fields: readonly string[]): FhirMappingError {
  const list = fields.map((f) => MISSING_FR[f] ?? f).join(', ');
  return new FhirMappingError(
    'not-ready',
    `Cette visite ne peut pas encore être transmise au portail : il manque ${list}. Complétez la visite puis relancez l’envoi.`,
  );
}
