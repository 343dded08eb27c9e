/**
 * Address fields: country (ISO 3166-1 alpha-2), postal code, email.
 */
import { invalid, valid, type Validation } from './errors';

/** Country used when the field is left empty. */
export const DEFAULT_COUNTRY = 'FR';
/** Longest email address (RFC 5321 §4.5.3.1.3 path limit, minus the angle brackets). */
export const EMAIL_MAX_LENGTH = 254;

/**
 * France and the overseas territories that use the French 5-digit postal code
 * (La Poste), in case the patient picks the territory rather than "France".
 */
const FRENCH_POSTAL_COUNTRIES = new Set([
  'FR',
  'GP',
  'MQ',
  'GF',
  'RE',
  'YT',
  'PM',
  'BL',
  'MF',
  'NC',
  'PF',
  'WF',
  'MC',
]);
/** Lowest and highest French postal codes in use: 01000 (Bourg-en-Bresse) to 98890. */
const FR_POSTAL_MIN = 1000;
const FR_POSTAL_MAX = 98890;

/**
 * Validates an ISO 3166-1 alpha-2 country code (two letters, case-insensitive); empty
 * means {@link DEFAULT_COUNTRY}. Only the shape is checked, not the list of assigned codes.
 * @returns the uppercased code.
 */
export function validateCountry(raw: string | undefined, field = 'country'): Validation<string> {
  const code = (raw ?? '').trim().toUpperCase();
  if (code === '') return valid(DEFAULT_COUNTRY);
  return /^[A-Z]{2}$/.test(code) ? valid(code) : invalid(field, 'country.invalid');
}

/**
 * Validates a postal code for `country`. French codes: exactly 5 digits within
 * 01000–98890 (Corsica keeps 20xxx; 00xxx does not exist). Elsewhere: 2 to 10 letters or
 * digits, single inner spaces or hyphens allowed ("SW1A 1AA", "1000", "H3Z 2Y7").
 * @returns the code, uppercased, with spaces collapsed.
 */
export function validatePostalCode(
  raw: string | undefined,
  country: string,
  field = 'postalCode',
): Validation<string> {
  const text = (raw ?? '').trim().replace(/\s+/g, ' ').toUpperCase();
  if (text === '') return invalid(field, 'required');
  if (FRENCH_POSTAL_COUNTRIES.has(country.toUpperCase())) {
    const digits = text.replace(/\s/g, '');
    if (!/^\d{5}$/.test(digits)) return invalid(field, 'postalCode.format-fr');
    const n = Number(digits);
    if (n < FR_POSTAL_MIN || n > FR_POSTAL_MAX) return invalid(field, 'postalCode.range-fr');
    return valid(digits);
  }
  const alnum = text.replace(/[\s-]/g, '');
  const shapeOk = /^[A-Z0-9]+(?:[ -][A-Z0-9]+)*$/.test(text);
  if (!shapeOk || alnum.length < 2 || alnum.length > 10) return invalid(field, 'postalCode.format');
  return valid(text);
}

/**
 * Validates an optional email address, pragmatically (not the full RFC 5322 grammar): one
 * `@`, no spaces, a local part, a domain made of labels with at least one dot and a
 * 2+-letter top-level label, at most 254 characters. The domain is lowercased.
 * @returns the address, or `null` when the field is empty.
 */
export function validateEmail(raw: string | undefined, field = 'email'): Validation<string | null> {
  const text = (raw ?? '').trim();
  if (text === '') return valid(null);
  if (text.length > EMAIL_MAX_LENGTH) return invalid(field, 'too-long', { max: EMAIL_MAX_LENGTH });
  const at = text.indexOf('@');
  if (at < 1 || at !== text.lastIndexOf('@') || /\s/.test(text))
    return invalid(field, 'email.format');
  const local = text.slice(0, at);
  const domain = text.slice(at + 1).toLowerCase();
  const label = '[a-z0-9\\u00C0-\\u024F](?:[a-z0-9\\u00C0-\\u024F-]*[a-z0-9\\u00C0-\\u024F])?';
  const domainOk = new RegExp(`^(?:${label}\\.)+[a-z]{2,}$`).test(domain);
  const localOk =
    local.length <= 64 && !local.startsWith('.') && !local.endsWith('.') && !local.includes('..');
  if (!localOk || !domainOk) {
    return invalid(field, 'email.format');
  }
  return valid(`${local}@${domain}`);
}
