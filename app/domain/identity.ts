/**
 * Validation of the identity part of the form, shared by the kiosk, the patient's phone
 * and the staff forms. Every field is checked and every error returned at once, so the
 * form can flag all of them in one go.
 */
import { DEFAULT_COUNTRY, validateCountry, validateEmail, validatePostalCode } from './address';
import { validateBirthDate } from './dates';
import type { DayInput } from './day';
import { collectErrors, invalid, valid, type Validation } from './errors';
import { validateNir } from './nir';
import { normalizePhone } from './phone';
import { validateName, validateText } from './text-fields';
import type { Identity, Sex } from './visit';

/** Raw form values, as typed (missing keys are empty fields). */
export type RawFields = Readonly<Record<string, string | undefined>>;

/**
 * Validates a sex field: F, M or I (case-insensitive; also `femme`/`homme`/`indéterminé`).
 */
export function validateSex(raw: string | undefined, field = 'sex'): Validation<Sex> {
  const text = (raw ?? '').trim().toUpperCase();
  if (text === '') return invalid(field, 'required');
  const first = text.charAt(0);
  const known = ['F', 'FEMME', 'M', 'HOMME', 'H', 'I', 'INDÉTERMINÉ', 'INDETERMINE'];
  if (!known.includes(text)) return invalid(field, 'sex.invalid');
  return valid(first === 'H' ? 'M' : (first as Sex));
}

/** The per-field results of {@link validateIdentity}, before assembly. */
function checkIdentityFields(raw: RawFields, today: DayInput) {
  const sex = validateSex(raw.sex);
  const birthDate = validateBirthDate(raw.birthDate, today);
  const country = validateCountry(raw.country);
  const nirRaw = (raw.nir ?? '').trim();
  const nirContext = {
    sex: sex.ok ? sex.value : undefined,
    birthDate: birthDate.ok ? birthDate.value : undefined,
  };
  return {
    birthName: validateName(raw.birthName, 'birthName'),
    usedName: validateName(raw.usedName, 'usedName', { optional: true }),
    firstNames: validateName(raw.firstNames, 'firstNames'),
    sex,
    birthDate,
    birthPlace: validateText(raw.birthPlace, 'birthPlace', { optional: true }),
    address: validateText(raw.address, 'address'),
    postalCode: validatePostalCode(raw.postalCode, country.ok ? country.value : DEFAULT_COUNTRY),
    city: validateText(raw.city, 'city'),
    country,
    phone: normalizePhone(raw.phone ?? ''),
    email: validateEmail(raw.email),
    nir: nirRaw === '' ? valid(null) : validateNir(nirRaw, nirContext),
  };
}

/**
 * Validates and normalises a whole identity, collecting every field error (in form
 * order). `today` bounds the birth date (see `validateBirthDate`). The NIR, when given, is
 * cross-checked against the sex and birth year once those are valid.
 */
export function validateIdentity(raw: RawFields, today: DayInput): Validation<Identity> {
  const r = checkIdentityFields(raw, today);
  const errors = collectErrors(Object.values(r));
  if (errors.length > 0) return { ok: false, errors };
  const identity: Identity = {
    birthName: valueOf(r.birthName),
    firstNames: valueOf(r.firstNames),
    sex: valueOf(r.sex),
    birthDate: valueOf(r.birthDate),
    address: valueOf(r.address),
    postalCode: valueOf(r.postalCode),
    city: valueOf(r.city),
    country: valueOf(r.country),
    phone: valueOf(r.phone),
  };
  for (const key of ['usedName', 'birthPlace', 'email', 'nir'] as const) {
    const result = r[key];
    if (result.ok && result.value !== null) identity[key] = result.value;
  }
  return valid(identity);
}

/** Reads the value of a result known to be ok (asserts the invariant). */
function valueOf<T>(result: Validation<T | null>): T {
  if (!result.ok || result.value === null) throw new Error('validateIdentity: unchecked field');
  return result.value;
}
