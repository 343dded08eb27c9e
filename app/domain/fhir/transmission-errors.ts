/**
 * What a visit still lacks before it can be queued for the portal.
 */
import { fieldError, type FieldError } from '../errors';
import type { Visit } from '../visit';

/**
 * The problems that keep `visit` from being transmitted: no test recorded (field
 * `kitId`), no result (`result`), no consent (`consent`). Empty when it can be queued.
 * Consent is typed `true` but checked at run time: a visit read back from storage is data.
 */
export function transmissionErrors(visit: Visit): FieldError[] {
  const errors: FieldError[] = [];
  if (!visit.test) errors.push(fieldError('kitId', 'required'));
  if (!visit.result) errors.push(fieldError('result', 'required'));
  if ((visit.context.consent as unknown) !== true) {
    errors.push(fieldError('consent', 'consent.required'));
  }
  return errors;
}
