/**
 * Day and month reports (DESIGN.md "Retention, audit, reports"), computed from visit
 * tallies only (`tally.ts`), so a report reads the same before and after the purge.
 * Pure: the caller passes the tallies and the period; one pass over the tallies.
 *
 * Definitions used everywhere (screen and CSV):
 * - a **test** is a tally with a recorded test (any status but `registered`); a
 *   registration without a test is counted apart (`registeredOnly`);
 * - results split the tests: positive + negative + invalid + noResult = tests;
 * - statuses split them too: noResult (a test without a result is never sent) + toTransmit
 *   + pending + transmitted + rejected = tests;
 * - per staff member: the tests whose result they read; per kit: the tests done with it.
 */
import { daysOfMonth, parseMonth } from './month';
import type { TallyStatus, VisitTally } from './tally';

/** Counts of one group of tallies (a day, a month, a staff member, a kit). */
export interface ReportCounts {
  /** Tallies with a recorded test (status other than `registered`). */
  readonly tests: number;
  readonly positive: number;
  readonly negative: number;
  readonly invalid: number;
  /** Tests without a result yet. */
  readonly noResult: number;
  /**
   * positive / (positive + negative), between 0 and 1; `null` when that denominator is 0.
   * Non-interpretable results are left out on purpose: they say nothing about infection
   * (the person is tested again, and that new test is counted), so counting them in the
   * denominator would lower the rate with failed readings — the usual definition of the
   * test positivity rate (Santé publique France) uses valid results only.
   */
  readonly positivity: number | null;
  /** Accepted by the national portal. */
  readonly transmitted: number;
  /** Queued, waiting to be sent (`pending`). */
  readonly pending: number;
  /** Refused by the portal, to be corrected. */
  readonly rejected: number;
  /** Result entered but not queued yet (sending on confirmation). */
  readonly toTransmit: number;
  /** Registrations without a test (the test is still to come, or the patient left). */
  readonly registeredOnly: number;
}

/** One staff member's counts (the tests whose result they read). */
export interface StaffReportRow {
  readonly staffId: string;
  readonly name: string;
  readonly counts: ReportCounts;
}

/** One kit's counts (the tests done with it). */
export interface KitReportRow {
  readonly kitId: string;
  readonly name: string;
  readonly counts: ReportCounts;
}

/** One calendar day's counts in a month report. */
export interface DayReportRow {
  readonly day: string;
  readonly counts: ReportCounts;
}

/** The report of one day. */
export interface DayReport {
  readonly day: string;
  readonly totals: ReportCounts;
  readonly staff: readonly StaffReportRow[];
  readonly kits: readonly KitReportRow[];
}

/** The report of one month: its totals, every calendar day (zeros too), staff and kits. */
export interface MonthReport {
  readonly month: string;
  readonly totals: ReportCounts;
  readonly days: readonly DayReportRow[];
  readonly staff: readonly StaffReportRow[];
  readonly kits: readonly KitReportRow[];
}

type Counter = { -readonly [K in keyof ReportCounts]: ReportCounts[K] };

const STATUS_FIELD: Readonly<Record<TallyStatus, keyof Counter | null>> = {
  registered: 'registeredOnly',
  sampled: null, // counted as noResult below
  resulted: 'toTransmit',
  pending: 'pending',
  transmitted: 'transmitted',
  rejected: 'rejected',
};

function newCounter(): Counter {
  return {
    tests: 0,
    positive: 0,
    negative: 0,
    invalid: 0,
    noResult: 0,
    positivity: null,
    transmitted: 0,
    pending: 0,
    rejected: 0,
    toTransmit: 0,
    registeredOnly: 0,
  };
}

function count(c: Counter, t: VisitTally): void {
  const field = STATUS_FIELD[t.status];
  if (field) c[field] += 1;
  if (t.status === 'registered') return;
  c.tests += 1;
  if (t.result === null) c.noResult += 1;
  else c[t.result] += 1;
}

/** Closes a counter: computes the positivity rate. */
function finish(c: Counter): ReportCounts {
  const valid = c.positive + c.negative;
  return { ...c, positivity: valid === 0 ? null : c.positive / valid };
}

/** A group being counted, with the name to show (the one on its most recent tally). */
interface Group {
  name: string;
  day: string;
  counter: Counter;
}

function countIn(groups: Map<string, Group>, key: string, name: string, t: VisitTally): void {
  let g = groups.get(key);
  if (!g) {
    g = { name, day: t.day, counter: newCounter() };
    groups.set(key, g);
  } else if (t.day > g.day) {
    g.name = name; // renamed: the latest name wins (on one day, the first one read)
    g.day = t.day;
  }
  count(g.counter, t);
}

/** Rows sorted by name (French collation), then id, so reports are stable. */
function rows(groups: Map<string, Group>): { id: string; name: string; counts: ReportCounts }[] {
  return [...groups]
    .map(([id, g]) => ({ id, name: g.name, counts: finish(g.counter) }))
    .sort((a, b) => a.name.localeCompare(b.name, 'fr') || (a.id < b.id ? -1 : 1));
}

/** Totals, staff and kits of the tallies `keep` accepts; `each` sees every kept tally. */
function tallyUp(
  tallies: readonly VisitTally[],
  keep: (t: VisitTally) => boolean,
  each: (t: VisitTally) => void = () => undefined,
): Omit<DayReport, 'day'> {
  const totals = newCounter();
  const staff = new Map<string, Group>();
  const kits = new Map<string, Group>();
  for (const t of tallies) {
    if (!keep(t)) continue;
    count(totals, t);
    each(t);
    if (t.readBy) countIn(staff, t.readBy.staffId, t.readBy.name, t);
    if (t.kitId !== null && t.status !== 'registered') {
      countIn(kits, t.kitId, t.kitName ?? t.kitId, t);
    }
  }
  return {
    totals: finish(totals),
    staff: rows(staff).map(({ id, ...r }) => ({ staffId: id, ...r })),
    kits: rows(kits).map(({ id, ...r }) => ({ kitId: id, ...r })),
  };
}

/**
 * The report of `day` (`YYYY-MM-DD`) from `tallies`; tallies of other days are ignored.
 */
export function dayReport(tallies: readonly VisitTally[], day: string): DayReport {
  return { day, ...tallyUp(tallies, (t) => t.day === day) };
}

/**
 * The report of `month` (`YYYY-MM`) from `tallies`; tallies of other months are ignored.
 * `days` has one row per calendar day of the month, days without any test included.
 *
 * @throws RangeError when `month` is not a valid `YYYY-MM`
 */
export function monthReport(tallies: readonly VisitTally[], month: string): MonthReport {
  if (!parseMonth(month)) throw new RangeError(`Invalid calendar month: ${month}`);
  const days = daysOfMonth(month);
  const perDay = new Map(days.map((d) => [d, newCounter()]));
  const summary = tallyUp(
    tallies,
    (t) => perDay.has(t.day),
    (t) => count(perDay.get(t.day) ?? newCounter(), t),
  );
  return {
    month,
    ...summary,
    days: days.map((day) => ({ day, counts: finish(perDay.get(day) ?? newCounter()) })),
  };
}
