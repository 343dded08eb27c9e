/**
 * Date fields: ISO 8601 calendar dates (`YYYY-MM-DD`) or the French `JJ/MM/AAAA` that
 * people type, normalised to `YYYY-MM-DD`. "Today" is always a parameter: validators never
 * read the clock themselves, so they are deterministic and testable.
 */
import { addYears, formatDay, parseDay, toDay, type DayInput } from './day';
import { invalid, valid, type Validation } from './errors';

/** Oldest accepted birth date, in years before today (DESIGN.md "The visit"). */
export const MAX_AGE_YEARS = 120;
/** Age of majority in France (Code civil, art. 414). */
export const AGE_OF_MAJORITY_YEARS = 18;

const ISO_DAY = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const FRENCH_DAY = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;

/** Options of {@link validateDate}. */
export interface DateOptions {
  /** Field name reported in errors. */
  field: string;
  /** Refuse dates after this day (`date.future`). */
  notAfter?: DayInput;
  /** Whether an empty value is accepted (then `value` is `null`). */
  optional?: boolean;
}

/**
 * Validates a calendar date typed as `YYYY-MM-DD` or `JJ/MM/AAAA` (also `JJ.MM.AAAA`,
 * `JJ-MM-AAAA`, one-digit day or month). Rejects dates missing from the calendar
 * (2023-02-29) with `date.nonexistent`.
 * @returns the date as `YYYY-MM-DD`, or `null` for an empty optional value.
 */
export function validateDate(
  raw: string | undefined,
  opts: DateOptions,
): Validation<string | null> {
  const text = (raw ?? '').trim();
  if (text === '') return opts.optional ? valid(null) : invalid(opts.field, 'required');
  const parts = splitDate(text);
  if (!parts) return invalid(opts.field, 'date.format');
  const day = formatDay(parts);
  if (!parseDay(day)) return invalid(opts.field, 'date.nonexistent');
  if (opts.notAfter !== undefined && day > toDay(opts.notAfter)) {
    return invalid(opts.field, 'date.future');
  }
  return valid(day);
}

/**
 * Validates a birth date: a real calendar date, not after `today`, and at most
 * {@link MAX_AGE_YEARS} years before it (exactly 120 years is accepted).
 * @returns the date as `YYYY-MM-DD`.
 */
export function validateBirthDate(
  raw: string | undefined,
  today: DayInput,
  field = 'birthDate',
): Validation<string> {
  const result = validateDate(raw, { field, notAfter: today });
  if (!result.ok) return result;
  const day = result.value ?? '';
  if (day < addYears(toDay(today), -MAX_AGE_YEARS)) {
    return invalid(field, 'birthDate.too-old', { maxYears: MAX_AGE_YEARS });
  }
  return valid(day);
}

/**
 * Whether someone born on `birthDate` is under 18 on `today`. Born on 29 February, one
 * comes of age on 1 March of a common year (their birthday has not "happened" on 28 Feb).
 */
export function isMinor(birthDate: string, today: DayInput): boolean {
  return ageInYears(birthDate, today) < AGE_OF_MAJORITY_YEARS;
}

/** Completed years between `birthDate` and `today` (both valid days). */
export function ageInYears(birthDate: string, today: DayInput): number {
  const birth = parseDay(birthDate);
  const now = parseDay(toDay(today));
  if (!birth || !now) throw new RangeError('ageInYears expects YYYY-MM-DD days');
  const birthdayPassed =
    now.month > birth.month || (now.month === birth.month && now.day >= birth.day);
  return now.year - birth.year - (birthdayPassed ? 0 : 1);
}

function splitDate(text: string): { year: number; month: number; day: number } | null {
  const iso = ISO_DAY.exec(text);
  if (iso) return { year: Number(iso[1]), month: Number(iso[2]), day: Number(iso[3]) };
  const fr = FRENCH_DAY.exec(text);
  if (fr) return { year: Number(fr[3]), month: Number(fr[2]), day: Number(fr[1]) };
  return null;
}
