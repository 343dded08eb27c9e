/**
 * The sandbox SI-DEP's CapabilityStatement (https://hl7.org/fhir/R4/capabilitystatement.html,
 * `GET [base]/metadata`): a FHIR R4 JSON server taking transactions of conditional creates,
 * secured by OAuth 2.0 with the endpoints advertised SMART-style
 * (http://hl7.org/fhir/smart-app-launch/STU1/conformance.html#declaring-support-for-oauth2-endpoints).
 */
import type { CapabilityStatement } from '@medplum/fhirtypes';
import { REQUIRED_TYPES } from './fhir-rules';

/** The statement for the issuer `iss` (whose FHIR base is `${iss}/fhir`). */
export function capabilityStatement(iss: string, date: string): CapabilityStatement {
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date,
    kind: 'instance',
    software: { name: 'Comptoir — portail national, environnement de test' },
    implementation: { description: 'SI-DEP sandbox', url: `${iss}/fhir` },
    fhirVersion: '4.0.1',
    format: ['json'],
    rest: [
      {
        mode: 'server',
        security: {
          service: [
            {
              coding: [
                {
                  system: 'http://terminology.hl7.org/CodeSystem/restful-security-service',
                  code: 'OAuth',
                },
              ],
            },
          ],
          extension: [
            {
              url: 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris',
              extension: [
                { url: 'authorize', valueUri: `${iss}/authorize` },
                { url: 'token', valueUri: `${iss}/token` },
              ],
            },
          ],
        },
        interaction: [{ code: 'transaction' }],
        resource: REQUIRED_TYPES.map((type) => ({
          type,
          interaction: [{ code: 'create' }],
          conditionalCreate: true,
          searchParam: [
            {
              name: 'identifier',
              type: 'token',
              documentation: 'Only in ifNoneExist: identifier=<system>|<value>.',
            },
          ],
        })),
      },
    ],
  };
}
