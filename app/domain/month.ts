/**
 * Calendar months (`YYYY-MM`) for the month report: validation, the days of a month,
 * month arithmetic and the French label. Same conventions as `day.ts`: strings compare in
 * calendar order, arithmetic goes through whole numbers, never through a local clock.
 */
import { daysInMonth, formatDay } from './day';

const MONTH_PATTERN = /^(\d{4})-(\d{2})$/;

/** French month names, for the report's titles (lower case, as French writes them). */
const MONTH_NAMES_FR = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
] as const;

/** Year and month (1–12) of a calendar month. */
export interface MonthParts {
  year: number;
  month: number;
}

/** Parses a strict `YYYY-MM`; `null` when the shape is wrong or the month is not 01–12. */
export function parseMonth(month: string): MonthParts | null {
  const match = MONTH_PATTERN.exec(month);
  if (!match) return null;
  const parts = { year: Number(match[1]), month: Number(match[2]) };
  if (parts.year < 1 || parts.month < 1 || parts.month > 12) return null;
  return parts;
}

/** Whether `x` is a valid `YYYY-MM` month. */
export function isMonth(x: unknown): x is string {
  return typeof x === 'string' && parseMonth(x) !== null;
}

/** The month (`YYYY-MM`) of a `YYYY-MM-DD` day (no validation: the first 7 characters). */
export function monthOfDay(day: string): string {
  return day.slice(0, 7);
}

/** Every day of `month`, in order (`YYYY-MM-01` … last day). Throws `RangeError` if invalid. */
export function daysOfMonth(month: string): string[] {
  const { year, month: m } = requireMonth(month);
  return Array.from({ length: daysInMonth(year, m) }, (_, i) =>
    formatDay({ year, month: m, day: i + 1 }),
  );
}

/** Shifts a valid month by `months` (may be negative). Throws `RangeError` if invalid. */
export function addMonths(month: string, months: number): string {
  const { year, month: m } = requireMonth(month);
  const index = year * 12 + (m - 1) + months;
  const y = Math.floor(index / 12);
  return `${String(y).padStart(4, '0')}-${String(index - y * 12 + 1).padStart(2, '0')}`;
}

/** `2021-05` → `mai 2021`. Throws `RangeError` if invalid. */
export function formatMonthFr(month: string): string {
  const { year, month: m } = requireMonth(month);
  return `${MONTH_NAMES_FR[m - 1] ?? ''} ${year}`;
}

function requireMonth(month: string): MonthParts {
  const parts = parseMonth(month);
  if (!parts) throw new RangeError(`Invalid calendar month: ${month}`);
  return parts;
}
