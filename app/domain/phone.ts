/**
 * Phone numbers normalised to E.164 (ITU-T E.164: `+`, country code, subscriber number,
 * at most 15 digits in all).
 *
 * French numbering (ARCEP plan): national numbers have 10 digits starting with 0; mobiles
 * are 06 and 07. Overseas départements have their own country codes, and their mobiles
 * are dialled in France as 0690/0691 (+590), 0692/0693 and 0639 (+262), 0694 (+594),
 * 0696/0697 (+596): those are mapped to their real E.164 form.
 */
import { invalid, valid, type Validation } from './errors';

/** Maximum number of digits of an E.164 number (country code included). */
export const E164_MAX_DIGITS = 15;
/** Shortest number accepted (country code included): below this it is surely truncated. */
export const E164_MIN_DIGITS = 8;

/** National prefixes of overseas mobiles → their E.164 country code. */
const OVERSEAS_MOBILE_PREFIXES: Readonly<Record<string, string>> = {
  '0690': '590',
  '0691': '590',
  '0692': '262',
  '0693': '262',
  '0639': '262',
  '0694': '594',
  '0696': '596',
  '0697': '596',
};

/**
 * Normalises a mobile phone number to E.164.
 *
 * Accepts spaces, dots, hyphens, slashes and parentheses, the `00` international prefix,
 * and the `+33 (0)6…` habit. Without `+`/`00`, the number is read in `defaultCountry`'s
 * national format — only France is known, so a foreign number must start with `+`.
 * French numbers (+33) must be mobiles (06/07).
 * @returns the number as `+` followed by 8 to 15 digits.
 */
export function normalizePhone(
  raw: string,
  defaultCountry = 'FR',
  field = 'phone',
): Validation<string> {
  const compact = raw
    .trim()
    .replace(/\(0\)/g, '')
    .replace(/[\s.\-/()]+/g, '');
  if (compact === '') return invalid(field, 'required');
  const international = compact.startsWith('+')
    ? compact.slice(1)
    : compact.startsWith('00')
      ? compact.slice(2)
      : null;
  if (international !== null) return checkInternational(international, field);
  if (!/^\d+$/.test(compact)) return invalid(field, 'phone.format');
  if (defaultCountry.toUpperCase() !== 'FR') return invalid(field, 'phone.international-prefix');
  return fromFrenchNational(compact, field);
}

function fromFrenchNational(digits: string, field: string): Validation<string> {
  if (digits.length !== 10 || !digits.startsWith('0')) return invalid(field, 'phone.length-fr');
  const overseas = OVERSEAS_MOBILE_PREFIXES[digits.slice(0, 4)];
  if (overseas !== undefined) return valid(`+${overseas}${digits.slice(1)}`);
  return checkFrenchMobile(digits.slice(1), field);
}

function checkInternational(digits: string, field: string): Validation<string> {
  if (!/^[1-9]\d*$/.test(digits)) return invalid(field, 'phone.format');
  if (digits.length > E164_MAX_DIGITS) return invalid(field, 'phone.too-long');
  if (digits.startsWith('33')) return checkFrenchMobile(digits.slice(2), field);
  if (digits.length < E164_MIN_DIGITS) return invalid(field, 'phone.format');
  return valid(`+${digits}`);
}

/** `significant` is the 9-digit French number without its leading 0. */
function checkFrenchMobile(significant: string, field: string): Validation<string> {
  if (significant.length !== 9) return invalid(field, 'phone.length-fr');
  if (!/^[67]/.test(significant)) return invalid(field, 'phone.not-mobile');
  return valid(`+33${significant}`);
}
