/**
 * Calendar days (`YYYY-MM-DD`, ISO 8601 calendar date) and small time helpers.
 *
 * Days are compared as strings: with a 4-digit year, lexical order equals calendar order.
 * Arithmetic goes through UTC midnight so that daylight-saving changes never shift a day.
 */

/** The pharmacy's time zone: a visit's `day` is the local day in Paris. */
export const DEFAULT_TIME_ZONE = 'Europe/Paris';

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Year, month (1–12) and day of month of a calendar day. */
export interface DayParts {
  year: number;
  month: number;
  day: number;
}

/**
 * The local calendar day of an instant, as `YYYY-MM-DD`.
 * Uses `Intl.DateTimeFormat` with an explicit time zone, so the result does not depend on
 * the device's own zone setting (a tablet left on UTC still files visits under Paris days).
 */
export function localDay(date: Date, timeZone: string = DEFAULT_TIME_ZONE): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(date);
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** Whether `year` is a leap year in the proleptic Gregorian calendar. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Number of days in `month` (1–12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * Parses a strict `YYYY-MM-DD` string into its parts; `null` when the shape is wrong or the
 * date does not exist in the calendar (2023-02-29, 2024-04-31).
 */
export function parseDay(day: string): DayParts | null {
  const match = DAY_PATTERN.exec(day);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const dayOfMonth = Number(match[3]);
  if (year < 1 || month < 1 || month > 12) return null;
  if (dayOfMonth < 1 || dayOfMonth > daysInMonth(year, month)) return null;
  return { year, month, day: dayOfMonth };
}

/** Formats day parts as `YYYY-MM-DD`. */
export function formatDay(parts: DayParts): string {
  const pad = (n: number, width: number): string => String(n).padStart(width, '0');
  return `${pad(parts.year, 4)}-${pad(parts.month, 2)}-${pad(parts.day, 2)}`;
}

/** Shifts a valid day by `days` (may be negative). Throws `RangeError` on an invalid day. */
export function addDays(day: string, days: number): string {
  const parts = requireDay(day);
  const ms = Date.UTC(parts.year, parts.month - 1, parts.day) + days * MS_PER_DAY;
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * Shifts a valid day by whole years. 29 February maps to 28 February in a common year
 * (the convention used for legal ages in France). Throws `RangeError` on an invalid day.
 */
export function addYears(day: string, years: number): string {
  const parts = requireDay(day);
  const year = parts.year + years;
  return formatDay({
    year,
    month: parts.month,
    day: Math.min(parts.day, daysInMonth(year, parts.month)),
  });
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  const a = requireDay(from);
  const b = requireDay(to);
  return Math.round(
    (Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / MS_PER_DAY,
  );
}

/** Minutes from `from` to `to` (fractional; negative when `to` is earlier). */
export function minutesBetween(from: Date | string, to: Date | string): number {
  return (toMs(to) - toMs(from)) / MS_PER_MINUTE;
}

/** `YYYY-MM-DD` → `JJ/MM/AAAA` for French display; other input is returned unchanged. */
export function formatDateFr(day: string): string {
  const parts = parseDay(day);
  if (!parts) return day;
  const [yyyy, mm, dd] = formatDay(parts).split('-');
  return `${dd ?? ''}/${mm ?? ''}/${yyyy ?? ''}`;
}

/** A day given either as `YYYY-MM-DD` or as an instant (then its Paris day is used). */
export type DayInput = Date | string;

/** Resolves a {@link DayInput} to `YYYY-MM-DD`. */
export function toDay(input: DayInput): string {
  return typeof input === 'string' ? input : localDay(input);
}

function toMs(value: Date | string): number {
  return typeof value === 'string' ? Date.parse(value) : value.getTime();
}

function requireDay(day: string): DayParts {
  const parts = parseDay(day);
  if (!parts) throw new RangeError(`Invalid calendar day: ${day}`);
  return parts;
}
