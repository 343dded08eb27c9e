/**
 * A French, user-facing summary of the portal's OperationOutcome
 * (https://hl7.org/fhir/R4/operationoutcome.html), stored as the visit's last error when
 * the portal refuses a Bundle (DESIGN.md: 4xx moves the visit to `rejected`).
 */
import { fieldLabel, type FieldName } from '../field-labels';
import { ENTRY_KINDS } from './entry-uuids';
import { isRecord } from './is-record';

/**
 * Element paths of the result Bundle → form field, most specific first. Matched as a
 * prefix of the issue's path with indices and `[x]` suffixes removed.
 */
const PATH_FIELDS: readonly (readonly [string, FieldName])[] = [
  ['Patient.name.given', 'firstNames'],
  ['Patient.name', 'birthName'],
  ['Patient.gender', 'sex'],
  ['Patient.birthDate', 'birthDate'],
  ['Patient.extension', 'birthPlace'],
  ['Patient.address.postalCode', 'postalCode'],
  ['Patient.address.city', 'city'],
  ['Patient.address.country', 'country'],
  ['Patient.address', 'address'],
  ['Patient.telecom', 'phone'],
  ['Patient.identifier', 'nir'],
  ['Patient.contact', 'guardianName'],
  ['Practitioner', 'rpps'],
  ['Organization', 'finess'],
  ['Specimen.collection', 'sampledAt'],
  ['Specimen', 'specimen'],
  ['Device.lotNumber', 'lot'],
  ['Device.expirationDate', 'expiry'],
  ['Device.udiCarrier', 'gtin'],
  ['Device.serialNumber', 'serial'],
  ['Device', 'kitId'],
  ['Observation.component', 'symptomOnset'],
  ['Observation.effective', 'sampledAt'],
  ['Observation.value', 'result'],
  ['Observation.issued', 'result'],
];

/** French wording of the issue types (https://hl7.org/fhir/R4/valueset-issue-type.html). */
const ISSUE_CODES_FR: Readonly<Record<string, string>> = {
  required: 'valeur manquante',
  value: 'valeur non valide',
  invalid: 'donnée non valide',
  structure: 'structure non valide',
  'code-invalid': 'code non reconnu',
  duplicate: 'envoi en double',
  'business-rule': 'règle du portail non respectée',
  security: 'accès refusé',
  login: 'authentification requise',
  forbidden: 'accès refusé',
};

/**
 * Summarises the error and fatal issues of an OperationOutcome (all issues if none is an
 * error), each as "<field label> — <details.text | diagnostics | issue type>", the field
 * coming from `expression` (or the deprecated `location`) when it maps to a form field.
 * @returns e.g. "Le portail a refusé l'envoi : date de naissance — format invalide.
 * Corrigez la fiche puis renvoyez-la."; `null` when `body` is not an OperationOutcome.
 */
export function describeOperationOutcome(body: unknown): string | null {
  if (!isRecord(body) || body.resourceType !== 'OperationOutcome') return null;
  const issues = Array.isArray(body.issue) ? body.issue.filter(isRecord) : [];
  const errors = issues.filter((i) => i.severity === 'error' || i.severity === 'fatal');
  const parts = [...new Set((errors.length > 0 ? errors : issues).map(describeIssue))];
  const what = parts.length > 0 ? parts.join(' ; ') : 'aucune raison précisée';
  return `Le portail a refusé l'envoi : ${what}. Corrigez la fiche puis renvoyez-la.`;
}

function describeIssue(issue: Record<string, unknown>): string {
  const details = isRecord(issue.details) ? issue.details.text : undefined;
  const text =
    nonEmpty(details) ??
    nonEmpty(issue.diagnostics) ??
    ISSUE_CODES_FR[String(issue.code)] ??
    'erreur';
  const paths = [...strings(issue.expression), ...strings(issue.location)];
  const field = paths.map(fieldOfPath).find((f) => f !== undefined);
  return field === undefined
    ? text.replace(/\.$/, '')
    : `${fieldLabel(field, 'fr')} — ${text.replace(/\.$/, '')}`;
}

/**
 * The form field of a FHIRPath expression or XPath location, e.g. `Patient.birthDate`,
 * `Bundle.entry[0].resource.birthDate` or `/f:Bundle/f:entry[0]/f:resource/f:Patient/f:birthDate`.
 */
export function fieldOfPath(path: string): FieldName | undefined {
  const dotted = path.replace(/\/f:/g, '.').replace(/^\.+/, '');
  const inBundle = /^Bundle\.entry\[(\d+)\]\.resource(?:\.(?:ofType\()?([A-Z]\w*)\)?)?(.*)$/.exec(
    dotted,
  );
  let element = dotted;
  if (inBundle) {
    const type = inBundle[2] ?? ENTRY_KINDS[Number(inBundle[1])];
    if (type === undefined) return undefined;
    element = `${type}${inBundle[3] ?? ''}`;
  }
  const bare = element.replace(/\[[^\]]*\]/g, '').replace(/(DateTime|CodeableConcept)\b/g, '');
  return PATH_FIELDS.find(([prefix]) => bare === prefix || bare.startsWith(`${prefix}.`))?.[1];
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
