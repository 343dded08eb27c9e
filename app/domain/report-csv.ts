/**
 * CSV export of a month report, for a French spreadsheet (Excel, LibreOffice). Pure: the
 * caller turns the string into a file. The writer (`csv.ts`, shared with the audit log
 * export) gives the UTF-8 BOM, `;` separators, CRLF, RFC 4180 quoting and the
 * formula-injection defence (a staff or kit name starting with `=`, `+`, `-`, `@`, tab or
 * CR gets a leading `'`); this module adds the report's French number and date
 * conventions: decimal comma (`12,5`), dates `JJ/MM/AAAA`, French headers.
 *
 * Layout: titled sections separated by an empty line, each with its own header row:
 * ```
 * Comptoir — rapport mensuel;mai 2021
 * Période;01/05/2021;31/05/2021
 *
 * Par jour
 * Date;Tests;Positifs;…;Inscriptions sans test
 * 01/05/2021;…            (one row per calendar day, zeros included)
 * Total du mois;…
 *
 * Par membre de l’équipe (résultats lus)
 * Membre de l’équipe;Tests;Positifs;…
 *
 * Par test antigénique
 * Test antigénique;Identifiant UE;Tests;Positifs;…
 * ```
 * Counts only: no patient data can be in it (the report holds none).
 */
import { csvDocument } from './csv';
import { formatDateFr } from './day';
import { daysOfMonth, formatMonthFr } from './month';
import type { MonthReport, ReportCounts } from './reports';

/** Column headers of the counts, in order (see {@link countCells}). */
export const CSV_COUNT_HEADERS: readonly string[] = [
  'Tests',
  'Positifs',
  'Négatifs',
  'Non interprétables',
  'Sans résultat',
  'Taux de positivité (%)',
  'Transmis',
  'En attente d’envoi',
  'Rejetés',
  'À transmettre',
];

const REGISTERED_HEADER = 'Inscriptions sans test';

/**
 * A ratio (0–1) as a French percentage number with one decimal, without the sign:
 * 0.125 → `12,5`; `null` (no valid result) → empty field.
 */
export function formatRatePercentFr(rate: number | null): string {
  if (rate === null) return '';
  const tenths = Math.round(rate * 1000);
  return `${Math.trunc(tenths / 10)},${Math.abs(tenths % 10)}`;
}

/** The count fields of one row, in the order of {@link CSV_COUNT_HEADERS}. */
export function countCells(c: ReportCounts): string[] {
  return [
    c.tests,
    c.positive,
    c.negative,
    c.invalid,
    c.noResult,
    formatRatePercentFr(c.positivity),
    c.transmitted,
    c.pending,
    c.rejected,
    c.toTransmit,
  ].map(String);
}

function daySection(report: MonthReport): string[][] {
  const row = (label: string, c: ReportCounts) => [
    label,
    ...countCells(c),
    String(c.registeredOnly),
  ];
  return [
    ['Par jour'],
    ['Date', ...CSV_COUNT_HEADERS, REGISTERED_HEADER],
    ...report.days.map((d) => row(formatDateFr(d.day), d.counts)),
    row('Total du mois', report.totals),
  ];
}

function staffSection(report: MonthReport): string[][] {
  return [
    ['Par membre de l’équipe (résultats lus)'],
    ['Membre de l’équipe', ...CSV_COUNT_HEADERS],
    ...report.staff.map((s) => [s.name, ...countCells(s.counts)]),
  ];
}

function kitSection(report: MonthReport): string[][] {
  return [
    ['Par test antigénique'],
    ['Test antigénique', 'Identifiant UE', ...CSV_COUNT_HEADERS],
    ...report.kits.map((k) => [k.name, k.kitId, ...countCells(k.counts)]),
  ];
}

/**
 * The month report as a CSV text starting with the UTF-8 BOM (layout in the module
 * comment). Write it as UTF-8 (a `Blob` of the string does).
 *
 * @throws RangeError when `report.month` is not a valid `YYYY-MM`
 */
export function monthReportCsv(report: MonthReport): string {
  const days = daysOfMonth(report.month);
  const head = [
    ['Comptoir — rapport mensuel', formatMonthFr(report.month)],
    ['Période', formatDateFr(days[0] ?? ''), formatDateFr(days[days.length - 1] ?? '')],
  ];
  const sections = [head, daySection(report), staffSection(report), kitSection(report)];
  return csvDocument(sections.flatMap((section, i) => (i > 0 ? [[], ...section] : section)));
}

/** File name of the export of `month`: `comptoir-rapport-AAAA-MM.csv`. */
export function reportCsvFileName(month: string): string {
  return `comptoir-rapport-${month}.csv`;
}
