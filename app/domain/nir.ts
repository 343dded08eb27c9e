/**
 * The NIR (numéro d'inscription au répertoire, "numéro de sécurité sociale"), INSEE.
 *
 * Layout (15 characters):
 *
 * ```
 *  S  YY  MM  DD(D)CCC(CC)  OOO  KK
 *  │  │   │   └ place: dept (01–95, 2A, 2B; 96–99) + commune; overseas 97x/98x use
 *  │  │   │     a 3-digit dept and a 2-digit commune; 99 = born abroad + country code
 *  │  │   └ month 01–12; 20 and 30–42 (unknown / fictitious month) and 50–99 (temporary)
 *  │  └ last two digits of the birth year
 *  └ 1 man, 2 woman; 3, 4 (persons born abroad being registered), 7, 8 (temporary numbers)
 * KK = 97 − (first 13 characters as a number mod 97), with 2A → 19 and 2B → 18 (Corsica)
 * ```
 *
 * The NIR is only *declared* by the patient; passing this check does not make it a
 * qualified INS identity.
 */
import type { FieldError, Validation } from './errors';
import { fieldError, valid } from './errors';
import type { Sex } from './visit';

const NIR_LENGTH = 15;
const SEX_DIGITS = new Set(['1', '2', '3', '4', '7', '8']);
const MALE_DIGITS = new Set(['1', '3', '7']);
const FEMALE_DIGITS = new Set(['2', '4', '8']);
const NIR_PATTERN = /^\d{5}(\d{2}|2A|2B)\d{8}$/;

/** Optional identity data to cross-check the NIR against. */
export interface NirContext {
  sex?: Sex;
  birthDate?: string;
  field?: string;
}

/**
 * The NIR key of the first 13 characters: `97 − (n mod 97)`, 2A → 19 and 2B → 18 first.
 * A 13-digit number is below 2^53, so plain `number` arithmetic is exact.
 */
export function nirKey(first13: string): number {
  const numeric = first13.replace('2A', '19').replace('2B', '18');
  return 97 - (Number(numeric) % 97);
}

/**
 * Validates a declared NIR. Spaces, dots and hyphens are ignored; letters are uppercased.
 * When `ctx.sex` / `ctx.birthDate` are given, a contradicting sex digit or birth year is
 * an error that says so.
 * @returns the 15 normalised characters.
 */
export function validateNir(raw: string, ctx: NirContext = {}): Validation<string> {
  const field = ctx.field ?? 'nir';
  const nir = raw.replace(/[\s.-]+/g, '').toUpperCase();
  const structural = checkStructure(nir, field);
  if (structural) return { ok: false, errors: [structural] };
  const errors = crossCheck(nir, ctx, field);
  return errors.length > 0 ? { ok: false, errors } : valid(nir);
}

function checkStructure(nir: string, field: string): FieldError | null {
  if (nir === '') return fieldError(field, 'required');
  if (nir.length !== NIR_LENGTH) return fieldError(field, 'nir.length');
  if (!NIR_PATTERN.test(nir)) return fieldError(field, 'nir.format');
  if (!SEX_DIGITS.has(nir.charAt(0))) return fieldError(field, 'nir.sex');
  if (!isValidNirMonth(Number(nir.slice(3, 5)))) return fieldError(field, 'nir.month');
  if (nir.slice(5, 7) === '00' || nir.slice(7, 10) === '000') return fieldError(field, 'nir.place');
  if (nir.slice(10, 13) === '000') return fieldError(field, 'nir.order');
  if (nirKey(nir.slice(0, 13)) !== Number(nir.slice(13))) return fieldError(field, 'nir.key');
  return null;
}

/** Months 01–12, plus the special values 20–42 and 50–99 INSEE uses (DESIGN.md). */
function isValidNirMonth(month: number): boolean {
  return (month >= 1 && month <= 12) || (month >= 20 && month <= 42) || month >= 50;
}

function crossCheck(nir: string, ctx: NirContext, field: string): FieldError[] {
  const errors: FieldError[] = [];
  const digit = nir.charAt(0);
  const sexMismatch =
    (ctx.sex === 'F' && !FEMALE_DIGITS.has(digit)) || (ctx.sex === 'M' && !MALE_DIGITS.has(digit));
  if (sexMismatch) errors.push(fieldError(field, 'nir.sex-mismatch', { digit }));
  const birthYear = ctx.birthDate ? /^\d{2}(\d{2})-/.exec(ctx.birthDate)?.[1] : undefined;
  const nirYear = nir.slice(1, 3);
  if (birthYear !== undefined && birthYear !== nirYear) {
    errors.push(fieldError(field, 'nir.year-mismatch', { nirYear }));
  }
  return errors;
}
