/**
 * The one error class of the FHIR mapping: the caller (the portal queue) acts on `code`.
 */

/**
 * Why a mapping step failed:
 * - `not-ready`: the visit lacks what a transmission needs (test, result or consent);
 *   the staff must complete it first. Not worth retrying.
 * - `bad-response`: the portal answered with something that is not the expected
 *   `transaction-response` Bundle (https://hl7.org/fhir/R4/http.html#transaction-response).
 */
export type FhirMappingErrorCode = 'not-ready' | 'bad-response';

/** Thrown by the FHIR mapping. `message` is French and says what to do. */
export class FhirMappingError extends Error {
  override readonly name = 'FhirMappingError';
  readonly code: FhirMappingErrorCode;

  constructor(code: FhirMappingErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
