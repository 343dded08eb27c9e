/**
 * Transaction-level business rules of the sandbox SI-DEP: the entries a screening result
 * needs, the references between them, and that the Observation's performer is the
 * authenticated practitioner (the token's `sub`).
 */
import type {
  Bundle,
  Observation,
  OperationOutcomeIssue,
  Practitioner,
  Resource,
} from '@medplum/fhirtypes';
import { FhirError, issue } from './errors';
import {
  checkDevice,
  checkObservation,
  checkOrganization,
  checkPatient,
  checkPractitioner,
  checkSpecimen,
  identifierValue,
} from './fhir-resource-rules';
import { RPPS_SYSTEM } from './identifiers';
import { parseIfNoneExist } from './if-none-exist';

/** Resource types a result transaction must (and may only) contain. */
export const REQUIRED_TYPES = [
  'Patient',
  'Practitioner',
  'Organization',
  'Specimen',
  'Device',
  'Observation',
] as const;

/**
 * Checks `bundle` (already structurally valid) for the practitioner `sub` at `nowMs`.
 * @throws {FhirError} 400 on missing or malformed data, 422 when only business rules fail,
 * 403 when an Observation's performer is not the authenticated practitioner.
 */
export function checkTransaction(bundle: Bundle, sub: string, nowMs: number): void {
  const issues: OperationOutcomeIssue[] = [];
  const byUrl = new Map<string, Resource>();
  const seen = new Set<string>();
  (bundle.entry ?? []).forEach((entry, i) => {
    const resource = entry.resource;
    const at = `Bundle.entry[${i}]`;
    if (!resource) return void issues.push(issue('required', 'Entrée sans ressource', at));
    if (entry.request?.method !== 'POST' || entry.request.url !== resource.resourceType) {
      issues.push(
        issue('invalid', 'Seules les créations sont acceptées (POST <Type>)', `${at}.request`),
      );
    }
    const cond = entry.request?.ifNoneExist;
    if (cond !== undefined && !parseIfNoneExist(cond)) {
      issues.push(
        issue(
          'invalid',
          'ifNoneExist non pris en charge (identifier=système|valeur attendu)',
          `${at}.request.ifNoneExist`,
        ),
      );
    }
    if (entry.fullUrl) byUrl.set(entry.fullUrl, resource);
    seen.add(resource.resourceType);
    checkResource(resource, nowMs, issues, at);
  });
  for (const type of REQUIRED_TYPES) {
    if (!seen.has(type))
      issues.push(issue('required', `Ressource ${type} manquante`, 'Bundle.entry'));
  }
  const observations = (bundle.entry ?? [])
    .map((e) => e.resource)
    .filter((r): r is Observation => r?.resourceType === 'Observation');
  for (const o of observations) checkReferences(o, byUrl, issues);
  if (issues.length > 0) {
    const onlyRules = issues.every((i) => i.code === 'business-rule');
    throw new FhirError(onlyRules ? 422 : 400, issues);
  }
  for (const o of observations) assertPerformerIsCaller(o, byUrl, sub);
}

function checkResource(r: Resource, nowMs: number, out: OperationOutcomeIssue[], at: string): void {
  switch (r.resourceType) {
    case 'Patient':
      return checkPatient(r, nowMs, out);
    case 'Practitioner':
      return checkPractitioner(r, out);
    case 'Organization':
      return checkOrganization(r, out);
    case 'Specimen':
      return checkSpecimen(r, nowMs, out);
    case 'Device':
      return checkDevice(r, out);
    case 'Observation':
      return checkObservation(r, nowMs, out);
    default:
      out.push(
        issue(
          'invalid',
          'Type de ressource non accepté dans une transaction de résultat',
          `${at}.resource`,
        ),
      );
  }
}

/** Subject → Patient, performer → Practitioner + Organization, specimen, device: in the Bundle. */
function checkReferences(
  o: Observation,
  byUrl: Map<string, Resource>,
  out: OperationOutcomeIssue[],
): void {
  const typeOf = (ref: string | undefined) => (ref ? byUrl.get(ref)?.resourceType : undefined);
  if (typeOf(o.subject?.reference) !== 'Patient') {
    out.push(
      issue(
        'required',
        'Observation.subject doit référencer le Patient de la transaction',
        'Observation.subject',
      ),
    );
  }
  const performers = (o.performer ?? []).map((p) => typeOf(p.reference));
  if (!performers.includes('Practitioner') || !performers.includes('Organization')) {
    out.push(
      issue(
        'required',
        'Observation.performer doit référencer le Practitioner (RPPS) et l’Organization (FINESS)',
        'Observation.performer',
      ),
    );
  }
  if (o.specimen && typeOf(o.specimen.reference) !== 'Specimen') {
    out.push(
      issue(
        'invalid',
        'Observation.specimen ne référence pas le Specimen de la transaction',
        'Observation.specimen',
      ),
    );
  }
  if (o.device && typeOf(o.device.reference) !== 'Device') {
    out.push(
      issue(
        'invalid',
        'Observation.device ne référence pas le Device de la transaction',
        'Observation.device',
      ),
    );
  }
}

/** The pharmacist can only send results they performed (their own RPPS). */
function assertPerformerIsCaller(o: Observation, byUrl: Map<string, Resource>, sub: string): void {
  for (const p of o.performer ?? []) {
    const r = p.reference ? byUrl.get(p.reference) : undefined;
    if (r?.resourceType !== 'Practitioner') continue;
    if (identifierValue((r as Practitioner).identifier, RPPS_SYSTEM) !== sub) {
      throw new FhirError(403, [
        issue(
          'forbidden',
          'Le professionnel exécutant (Observation.performer) doit être le professionnel authentifié',
          'Observation.performer',
        ),
      ]);
    }
  }
}
