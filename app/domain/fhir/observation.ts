/**
 * The result as an Observation (https://hl7.org/fhir/R4/observation.html): LOINC 94558-4,
 * a SNOMED CT value, effective = sampling time, issued = reading time, performed by the
 * Practitioner (RPPS) and the Organization (FINESS).
 */
import type {
  Device,
  Observation,
  ObservationComponent,
  Organization,
  Patient,
  Practitioner,
  Reference,
  Specimen,
} from '@medplum/fhirtypes';
import { RESULT_SNOMED, type ResultInfo, type TestInfo, type VisitContext } from '../visit';
import { toFhirDateTime } from './date-time';
import {
  ANTIGEN_TEST_CODING,
  HAS_SYMPTOMS_CODING,
  OBSERVATION_CATEGORY_SYSTEM,
  OBSERVATION_IDENTIFIER_SYSTEM,
  RESULT_DISPLAYS,
  SNOMED_SYSTEM,
  SYMPTOM_ONSET_CODING,
  YES_NO_SYSTEM,
  observationIdentifierValue,
} from './systems';

/** References from the Observation to the other entries of the Bundle. */
export interface ObservationRefs {
  subject: Reference<Patient>;
  practitioner: Reference<Practitioner>;
  organization: Reference<Organization>;
  specimen: Reference<Specimen>;
  device: Reference<Device>;
}

/** What the Observation is built from. */
export interface ObservationInput {
  visitId: string;
  context: VisitContext;
  test: TestInfo;
  result: ResultInfo;
}

/** The final Observation of a visit's result. */
export function toObservation(input: ObservationInput, refs: ObservationRefs): Observation {
  const { result, test } = input;
  return {
    resourceType: 'Observation',
    identifier: [
      { system: OBSERVATION_IDENTIFIER_SYSTEM, value: observationIdentifierValue(input.visitId) },
    ],
    status: 'final',
    category: [
      {
        coding: [
          { system: OBSERVATION_CATEGORY_SYSTEM, code: 'laboratory', display: 'Laboratory' },
        ],
      },
    ],
    code: { coding: [ANTIGEN_TEST_CODING] },
    subject: refs.subject,
    effectiveDateTime: toFhirDateTime(test.sampledAt),
    issued: toFhirDateTime(result.readAt),
    performer: [refs.practitioner, refs.organization],
    valueCodeableConcept: {
      coding: [
        {
          system: SNOMED_SYSTEM,
          code: RESULT_SNOMED[result.value],
          display: RESULT_DISPLAYS[result.value],
        },
      ],
    },
    specimen: refs.specimen,
    device: refs.device,
    component: symptomComponents(input.context.symptomOnset),
  };
}

/**
 * Symptoms as components (https://hl7.org/fhir/R4/observation.html#component): always the
 * LOINC "ask at order entry" question 95419-8 answered Y/N (HL7 v2 table 0136), so
 * "no symptoms" is stated rather than left implicit; plus LOINC 65222-2 with the onset date
 * (a FHIR `dateTime` at day precision) when there are symptoms. An absent component
 * would be ambiguous between "asymptomatic" and "not asked".
 */
function symptomComponents(onset: string | null): ObservationComponent[] {
  const hasSymptoms: ObservationComponent = {
    code: { coding: [HAS_SYMPTOMS_CODING] },
    valueCodeableConcept: {
      coding:
        onset === null
          ? [{ system: YES_NO_SYSTEM, code: 'N', display: 'No' }]
          : [{ system: YES_NO_SYSTEM, code: 'Y', display: 'Yes' }],
    },
  };
  if (onset === null) return [hasSymptoms];
  return [hasSymptoms, { code: { coding: [SYMPTOM_ONSET_CODING] }, valueDateTime: onset }];
}
