/**
 * French number and date formatting of the reports screen (Intl, `fr-FR`): `1 234`,
 * `12,5 %`, « lundi 3 mai 2021 ». Pure. The CSV has its own, spreadsheet-oriented
 * formatting (`app/domain/report-csv.ts`: no thousands separator, no `%` sign).
 */
import { formatMonthFr } from '../domain';

const COUNT = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });
const PERCENT = new Intl.NumberFormat('fr-FR', {
  style: 'percent',
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});
const AXIS_PERCENT = new Intl.NumberFormat('fr-FR', {
  style: 'percent',
  maximumFractionDigits: 1,
});
const LONG_DAY = new Intl.DateTimeFormat('fr-FR', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** What an undefined positivity rate shows (no positive or negative result). */
export const NO_RATE = '—';

/** A count: `1 234` (French thousands separator, a narrow no-break space). */
export function formatCount(n: number): string {
  return COUNT.format(n);
}

/** A rate between 0 and 1 as `12,5 %`; `null` → {@link NO_RATE}. */
export function formatRate(rate: number | null): string {
  return rate === null ? NO_RATE : PERCENT.format(rate);
}

/** A rate on a chart axis, as short as it can be: `25 %`, `2,5 %`. */
export function formatAxisRate(rate: number): string {
  return AXIS_PERCENT.format(rate);
}

/** A rate said in full for screen readers and tooltips. */
export function describeRate(rate: number | null): string {
  return rate === null ? 'non calculable (aucun résultat positif ou négatif)' : formatRate(rate);
}

/** `2021-05-03` → « lundi 3 mai 2021 ». */
export function formatLongDay(day: string): string {
  return LONG_DAY.format(new Date(`${day}T00:00:00Z`));
}

/** `2021-05` → « Mai 2021 » (capitalised, for a title). */
export function formatMonthTitle(month: string): string {
  const text = formatMonthFr(month);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** `n` followed by `word`, with an `s` when n > 1 (French: 0 and 1 are singular). */
export function plural(n: number, word: string): string {
  return `${formatCount(n)} ${word}${n > 1 ? 's' : ''}`;
}
