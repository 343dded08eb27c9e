/**
 * Validation results shared by the kiosk and staff forms.
 *
 * A validator never throws on bad user input: it returns `{ ok: false, errors }` with one
 * {@link FieldError} per problem, each naming the field and saying in French what is wrong
 * and how to fix it (DESIGN.md "The visit": "Every rejection names the field and says how
 * to fix it, in French").
 */
import { fieldLabel } from './field-labels';
import { FIELD_ERROR_MESSAGES, type FieldErrorCode, type MessageParams } from './messages';

/** One problem with one form field. */
export interface FieldError {
  /** Field name (see `FIELD_LABELS`), or a caller-chosen name. */
  field: string;
  /** Stable machine code, e.g. `nir.key`; see `FIELD_ERROR_MESSAGES`. */
  code: string;
  /** French text: what is wrong and how to fix it. */
  message: string;
  /** Values interpolated into the message (kept to translate it later). */
  params?: MessageParams;
}

/** The outcome of a validator: a normalised value or every error found. */
export type Validation<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

/** A successful {@link Validation}. */
export function valid<T>(value: T): Validation<T> {
  return { ok: true, value };
}

/** A failed {@link Validation} with one error. */
export function invalid<T>(
  field: string,
  code: FieldErrorCode,
  params?: MessageParams,
): Validation<T> {
  return { ok: false, errors: [fieldError(field, code, params)] };
}

/** Builds a {@link FieldError} with its French message. */
export function fieldError(
  field: string,
  code: FieldErrorCode,
  params?: MessageParams,
): FieldError {
  const message = interpolate(FIELD_ERROR_MESSAGES[code].fr, {
    label: fieldLabel(field, 'fr'),
    ...params,
  });
  return params ? { field, code, message, params } : { field, code, message };
}

/**
 * The message of `error` in `lang`. French returns the carried message; English looks the
 * code up in the table, and falls back to a generic sentence for a code it does not know.
 */
export function localizeFieldError(error: FieldError, lang: 'fr' | 'en'): string {
  if (lang === 'fr') return error.message;
  const params = { label: fieldLabel(error.field, 'en'), ...error.params };
  const entry = isFieldErrorCode(error.code) ? FIELD_ERROR_MESSAGES[error.code] : undefined;
  return interpolate(entry?.en ?? 'The value of “{label}” is not valid. Please check it.', params);
}

/** Whether `code` is one of the codes of the message table. */
export function isFieldErrorCode(code: string): code is FieldErrorCode {
  return Object.hasOwn(FIELD_ERROR_MESSAGES, code);
}

/** Replaces `{name}` placeholders by `params[name]`; unknown placeholders are left visible. */
export function interpolate(template: string, params: MessageParams): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

/** Every error of every result, in order (empty when all are ok). */
export function collectErrors(results: readonly Validation<unknown>[]): FieldError[] {
  return results.flatMap((r) => (r.ok ? [] : r.errors));
}
