import type { JSX } from 'preact';
import { formatDateFr, type DayReportRow, type ReportCounts } from '../../domain';
import { formatCount, formatRate } from '../report-format';

/** Rows of the summary table: label and value of each count (the CSV's order). */
const SUMMARY: readonly [string, (c: ReportCounts) => string][] = [
  ['Tests', (c) => formatCount(c.tests)],
  ['Positifs', (c) => formatCount(c.positive)],
  ['Négatifs', (c) => formatCount(c.negative)],
  ['Non interprétables', (c) => formatCount(c.invalid)],
  ['Sans résultat', (c) => formatCount(c.noResult)],
  ['Taux de positivité', (c) => formatRate(c.positivity)],
  ['Transmis', (c) => formatCount(c.transmitted)],
  ['En attente d’envoi', (c) => formatCount(c.pending)],
  ['Rejetés', (c) => formatCount(c.rejected)],
  ['À transmettre', (c) => formatCount(c.toTransmit)],
  ['Inscriptions sans test', (c) => formatCount(c.registeredOnly)],
];

/** Columns of the staff and kit tables. */
const BREAKDOWN: readonly [string, (c: ReportCounts) => string][] = [
  ['Tests', (c) => formatCount(c.tests)],
  ['Positifs', (c) => formatCount(c.positive)],
  ['Négatifs', (c) => formatCount(c.negative)],
  ['Non interp.', (c) => formatCount(c.invalid)],
  ['Positivité', (c) => formatRate(c.positivity)],
  ['Transmis', (c) => formatCount(c.transmitted)],
  ['En attente', (c) => formatCount(c.pending)],
  ['Rejetés', (c) => formatCount(c.rejected)],
];

/** Columns of the days table: tests, positives, then positivity and transmission. */
const DAY_COLUMNS = [...BREAKDOWN.slice(0, 2), ...BREAKDOWN.slice(4)];

/** The counts of one period as a two-column table. */
export function SummaryTable(props: { caption: string; counts: ReportCounts }): JSX.Element {
  return (
    <table class="report-table report-table--summary">
      <caption>{props.caption}</caption>
      <tbody>
        {SUMMARY.map(([label, value]) => (
          <tr key={label}>
            <th scope="row">{label}</th>
            <td>{value(props.counts)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * A table whose columns are `headers` after a first row-header column; wider than the
 * screen, it scrolls, and keyboard users reach it too (WCAG 2.1.1).
 */
function ScrollTable(props: {
  caption: string;
  firstHeader: string;
  headers: readonly string[];
  children: JSX.Element[];
}): JSX.Element {
  return (
    <div class="report-scroll" tabIndex={0} role="region" aria-label={props.caption}>
      <table class="report-table">
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{props.firstHeader}</th>
            {props.headers.map((label) => (
              <th scope="col" key={label}>
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{props.children}</tbody>
      </table>
    </div>
  );
}

/** One row of a staff or kit table. */
export interface BreakdownRow {
  readonly id: string;
  readonly name: string;
  readonly counts: ReportCounts;
}

/** Counts per staff member or per kit; says so when there is none. */
export function BreakdownTable(props: {
  caption: string;
  nameHeader: string;
  rows: readonly BreakdownRow[];
}): JSX.Element {
  if (props.rows.length === 0) {
    return (
      <p class="report-empty">
        <strong>{props.caption}</strong> : aucun test sur la période.
      </p>
    );
  }
  return (
    <ScrollTable
      caption={props.caption}
      firstHeader={props.nameHeader}
      headers={BREAKDOWN.map(([label]) => label)}
    >
      {props.rows.map((row) => (
        <tr key={row.id}>
          <th scope="row">{row.name}</th>
          {BREAKDOWN.map(([label, value]) => (
            <td key={label}>{value(row.counts)}</td>
          ))}
        </tr>
      ))}
    </ScrollTable>
  );
}

/** Every day of the month; a day's date opens its day view. */
export function DaysTable(props: {
  days: readonly DayReportRow[];
  selected: string | null;
  onSelect: (day: string) => void;
}): JSX.Element {
  return (
    <ScrollTable caption="Par jour" firstHeader="Date" headers={DAY_COLUMNS.map(([l]) => l)}>
      {props.days.map((d) => (
        <tr key={d.day} class={d.counts.tests === 0 ? 'report-table__quiet' : undefined}>
          <th scope="row">
            <button
              type="button"
              class="btn btn--ghost report-day"
              aria-pressed={props.selected === d.day}
              onClick={() => props.onSelect(d.day)}
            >
              {formatDateFr(d.day)}
            </button>
          </th>
          {DAY_COLUMNS.map(([label, value]) => (
            <td key={label}>{value(d.counts)}</td>
          ))}
        </tr>
      ))}
    </ScrollTable>
  );
}
