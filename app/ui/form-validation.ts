/**
 * Bridges domain validation to form state: field → localized message. The domain decides
 * what is valid; this only maps its `FieldError`s for display.
 */
import {
  localizeFieldError,
  validateContext,
  validateIdentity,
  type FieldError,
  type Identity,
  type VisitContext,
} from '../domain';
import type { Lang } from './i18n';

/** Field → message, first error per field. */
export function errorMap(errors: readonly FieldError[], lang: Lang): Record<string, string> {
  const map: Record<string, string> = {};
  for (const error of errors) {
    map[error.field] ??= localizeFieldError(error, lang);
  }
  return map;
}

/** Raw context values of the form. */
export interface ContextValues {
  symptomOnset: string;
  noSymptoms: boolean;
  consent: boolean;
  guardianName: string;
}

export const EMPTY_CONTEXT: ContextValues = {
  symptomOnset: '',
  noSymptoms: false,
  consent: false,
  guardianName: '',
};

/** Validates the identity form; `identity` is set when valid. */
export function checkIdentity(
  values: Record<string, string>,
  lang: Lang,
  today = new Date(),
): { identity?: Identity; errors: Record<string, string> } {
  const result = validateIdentity(values, today);
  return result.ok
    ? { identity: result.value, errors: {} }
    : { errors: errorMap(result.errors, lang) };
}

/** Validates the context form against the (valid) birth date. */
export function checkContext(
  values: ContextValues,
  birthDate: string,
  lang: Lang,
  today = new Date(),
): { context?: VisitContext; errors: Record<string, string> } {
  const result = validateContext(values, birthDate, today);
  return result.ok
    ? { context: result.value, errors: {} }
    : { errors: errorMap(result.errors, lang) };
}
