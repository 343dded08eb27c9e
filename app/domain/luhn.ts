/**
 * Luhn (ISO/IEC 7812-1 annex B, "mod 10") check digits, and the RPPS and FINESS numbers
 * that use them.
 *
 * - RPPS (Répertoire partagé des professionnels de santé, ASIP Santé / ANS): 11 digits, the
 *   last one a Luhn check digit over the whole number.
 * - FINESS (Fichier national des établissements sanitaires et sociaux): 9 digits, the last
 *   one a Luhn check digit. Corsican FINESS numbers written with 2A/2B are not supported:
 *   the key rule for them is not specified here, so they are refused rather than guessed.
 */
import { invalid, valid, type Validation } from './errors';

/**
 * Whether a string of decimal digits passes the Luhn check (its last digit is the check
 * digit). Returns `false` for an empty string or any non-digit character.
 */
export function luhnCheck(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    // Double every second digit counting from the check digit (rightmost, not doubled).
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** The Luhn check digit to append to `payload` (digits only). */
export function luhnCheckDigit(payload: string): string {
  for (let d = 0; d <= 9; d += 1) {
    if (luhnCheck(payload + String(d))) return String(d);
  }
  throw new RangeError('luhnCheckDigit expects decimal digits');
}

/**
 * Validates an RPPS number: 11 digits with a valid Luhn key. Spaces are ignored.
 * @returns the 11 digits.
 */
export function validateRpps(raw: string, field = 'rpps'): Validation<string> {
  return validateLuhnNumber(raw, 11, field, 'rpps.format');
}

/**
 * Validates a FINESS number: 9 digits with a valid Luhn key. Spaces are ignored.
 * @returns the 9 digits.
 */
export function validateFiness(raw: string, field = 'finess'): Validation<string> {
  return validateLuhnNumber(raw, 9, field, 'finess.format');
}

function validateLuhnNumber(
  raw: string,
  length: number,
  field: string,
  formatCode: 'rpps.format' | 'finess.format',
): Validation<string> {
  const digits = raw.replace(/\s+/g, '');
  if (digits === '') return invalid(field, 'required');
  if (digits.length !== length || !/^\d+$/.test(digits)) return invalid(field, formatCode);
  if (!luhnCheck(digits)) return invalid(field, 'luhn.key');
  return valid(digits);
}
