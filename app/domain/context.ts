/**
 * Validation of the visit context: symptom onset, consent, legal guardian of a minor.
 */
import { isMinor, validateDate } from './dates';
import { addDays, toDay, type DayInput } from './day';
import { collectErrors, invalid, valid, type Validation } from './errors';
import { validateName } from './text-fields';
import type { VisitContext } from './visit';

/**
 * Oldest accepted symptom onset, in days before today. Antigen tests are indicated within
 * the first days of symptoms (HAS opinion of 2020-09-24: ≤ 4 days); a date older than a
 * month is almost always a typo (wrong month or year), so it is refused with a message
 * rather than forwarded to SI-DEP.
 */
export const MAX_SYMPTOM_ONSET_DAYS = 30;

/** Raw context form values. */
export interface RawContext {
  /** `YYYY-MM-DD` or `JJ/MM/AAAA`. */
  symptomOnset?: string;
  noSymptoms?: boolean;
  consent?: boolean;
  guardianName?: string;
}

/**
 * Validates the context of a visit. `birthDate` is the validated birth date (`null` if the
 * identity is not valid yet: the guardian rule is then skipped). A guardian name given
 * for an adult is dropped.
 */
export function validateContext(
  raw: RawContext,
  birthDate: string | null,
  today: DayInput,
): Validation<VisitContext> {
  const onset = validateOnset(raw, birthDate, today);
  const minor = birthDate !== null && isMinor(birthDate, today);
  const guardian = minor ? validateGuardian(raw.guardianName) : valid(null);
  const consent = raw.consent === true ? valid(true) : invalid('consent', 'consent.required');
  const errors = collectErrors([onset, consent, guardian]);
  if (!onset.ok || !guardian.ok || errors.length > 0) return { ok: false, errors };
  const context: VisitContext = { symptomOnset: onset.value, consent: true };
  if (guardian.value !== null) context.guardianName = guardian.value;
  return valid(context);
}

function validateGuardian(raw: string | undefined): Validation<string | null> {
  if ((raw ?? '').trim() === '') return invalid('guardianName', 'guardianName.required');
  return validateName(raw, 'guardianName');
}

function validateOnset(
  raw: RawContext,
  birthDate: string | null,
  today: DayInput,
): Validation<string | null> {
  const typed = (raw.symptomOnset ?? '').trim() !== '';
  if (raw.noSymptoms === true) {
    return typed ? invalid('symptomOnset', 'symptomOnset.conflict') : valid(null);
  }
  if (!typed) return invalid('symptomOnset', 'symptomOnset.required');
  const result = validateDate(raw.symptomOnset, { field: 'symptomOnset', notAfter: today });
  if (!result.ok || result.value === null) return result;
  if (result.value < addDays(toDay(today), -MAX_SYMPTOM_ONSET_DAYS)) {
    return invalid('symptomOnset', 'symptomOnset.too-old', { maxDays: MAX_SYMPTOM_ONSET_DAYS });
  }
  if (birthDate !== null && result.value < birthDate) {
    return invalid('symptomOnset', 'symptomOnset.before-birth');
  }
  return result;
}
