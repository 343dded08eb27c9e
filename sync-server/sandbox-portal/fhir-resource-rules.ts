/**
 * Business checks of each resource of a screening-result transaction, with the French
 * diagnostics SI-DEP sends. Each function appends issues; none throws.
 */
import type {
  CodeableConcept,
  Device,
  Identifier,
  Observation,
  OperationOutcomeIssue,
  Organization,
  Patient,
  Practitioner,
  Specimen,
} from '@medplum/fhirtypes';
import { issue } from './errors';
import {
  ANTIGEN_TEST_LOINC,
  FINESS_SYSTEM,
  JRC_DEVICE_SYSTEM,
  LOINC_SYSTEM,
  RESULT_SNOMED,
  RPPS_SYSTEM,
  SNOMED_SYSTEM,
  SPECIMEN_SNOMED,
  isFiness,
  isRpps,
} from './identifiers';

type Issues = OperationOutcomeIssue[];

/** Clock skew tolerated on dates in the future. */
export const FUTURE_SKEW_MS = 5 * 60_000;
const MAX_AGE_YEARS = 120;

/** The value of the first identifier of `system`, if any. */
export function identifierValue(ids: Identifier[] | undefined, system: string): string | undefined {
  return ids?.find((id) => id.system === system)?.value;
}

function hasCode(
  concept: CodeableConcept | undefined,
  system: string,
  codes: Set<string>,
): boolean {
  return concept?.coding?.some((c) => c.system === system && codes.has(c.code ?? '')) ?? false;
}

/** Patient: birth name, sex and a full, plausible birth date. */
export function checkPatient(p: Patient, nowMs: number, out: Issues): void {
  if (!p.name?.some((n) => n.family)) {
    out.push(issue('required', 'Nom de naissance manquant', 'Patient.name'));
  }
  if (!p.gender) out.push(issue('required', 'Sexe manquant', 'Patient.gender'));
  if (!p.birthDate) {
    out.push(issue('required', 'Date de naissance manquante', 'Patient.birthDate'));
  } else if (!isPlausibleBirthDate(p.birthDate, nowMs)) {
    out.push(issue('value', 'Date de naissance invalide', 'Patient.birthDate'));
  }
}

/** A full `YYYY-MM-DD` calendar date, not in the future, at most 120 years ago. */
function isPlausibleBirthDate(value: string, nowMs: number): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return false;
  const now = new Date(nowMs);
  return date.getTime() <= nowMs && y >= now.getUTCFullYear() - MAX_AGE_YEARS;
}

/** Practitioner: an RPPS identifier with its Luhn key. */
export function checkPractitioner(p: Practitioner, out: Issues): void {
  const rpps = identifierValue(p.identifier, RPPS_SYSTEM);
  if (rpps === undefined || !isRpps(rpps)) {
    out.push(
      issue(
        'value',
        'Identifiant RPPS invalide (11 chiffres, clé de Luhn)',
        'Practitioner.identifier',
      ),
    );
  }
}

/** Organization: a FINESS identifier with its Luhn key. */
export function checkOrganization(o: Organization, out: Issues): void {
  const finess = identifierValue(o.identifier, FINESS_SYSTEM);
  if (finess === undefined || !isFiness(finess)) {
    out.push(
      issue('value', 'FINESS invalide (9 chiffres, clé de Luhn)', 'Organization.identifier'),
    );
  }
}

/** Specimen: a known SNOMED CT specimen type; sampling time not in the future. */
export function checkSpecimen(s: Specimen, nowMs: number, out: Issues): void {
  if (!hasCode(s.type, SNOMED_SYSTEM, SPECIMEN_SNOMED)) {
    out.push(issue('value', 'Type de prélèvement SNOMED inconnu', 'Specimen.type'));
  }
  const collected = s.collection?.collectedDateTime;
  if (collected !== undefined && isFuture(collected, nowMs)) {
    out.push(
      issue(
        'business-rule',
        'Date de prélèvement dans le futur',
        'Specimen.collection.collectedDateTime',
      ),
    );
  }
}

/** Device: the kit's EU JRC id (digits). */
export function checkDevice(d: Device, out: Issues): void {
  const id = identifierValue(d.identifier, JRC_DEVICE_SYSTEM);
  if (id === undefined || !/^\d{1,10}$/.test(id)) {
    out.push(issue('value', 'Identifiant de kit JRC manquant ou invalide', 'Device.identifier'));
  }
}

/** Observation: identifier, LOINC 94558-4, a known SNOMED result, a past sampling time. */
export function checkObservation(o: Observation, nowMs: number, out: Issues): void {
  if (!o.identifier?.some((id) => id.system && id.value)) {
    out.push(issue('required', 'Identifiant de l’observation manquant', 'Observation.identifier'));
  }
  if (!hasCode(o.code, LOINC_SYSTEM, new Set([ANTIGEN_TEST_LOINC]))) {
    out.push(issue('value', `Code LOINC attendu ${ANTIGEN_TEST_LOINC}`, 'Observation.code'));
  }
  if (o.status !== 'final' && o.status !== 'corrected') {
    out.push(issue('value', 'Statut attendu « final »', 'Observation.status'));
  }
  if (!hasCode(o.valueCodeableConcept, SNOMED_SYSTEM, RESULT_SNOMED)) {
    out.push(issue('value', 'Résultat SNOMED inconnu', 'Observation.valueCodeableConcept'));
  }
  if (!o.effectiveDateTime) {
    out.push(issue('required', 'Date de prélèvement manquante', 'Observation.effectiveDateTime'));
  } else if (isFuture(o.effectiveDateTime, nowMs)) {
    out.push(
      issue('business-rule', 'Date de prélèvement dans le futur', 'Observation.effectiveDateTime'),
    );
  }
}

function isFuture(dateTime: string, nowMs: number): boolean {
  const t = Date.parse(dateTime);
  return Number.isFinite(t) && t > nowMs + FUTURE_SKEW_MS;
}
