/**
 * Geometry of the month chart (`components/ReportChart.tsx`): one bar per day for the
 * number of tests (left axis) and the positivity rate per day as points joined by a line
 * (right axis), the line broken on days without a rate. Pure, in SVG user units, so it is
 * tested without a DOM and scales with the `viewBox` on screen and on paper.
 */
import { formatDateFr, type DayReportRow } from '../domain';
import { describeRate, formatAxisRate, formatCount, formatRate, plural } from './report-format';

/** Drawing size in SVG user units (the `viewBox`). */
export const CHART_WIDTH = 640;
export const CHART_HEIGHT = 260;
/** Plot area inside the viewBox (room for the axes' labels). */
export const PLOT = { left: 44, right: 572, top: 28, bottom: 224 } as const;
/** Both axes have this many intervals, so their gridlines coincide. */
const INTERVALS = 4;
/** Candidate tops of the rate axis, in percent: the smallest that fits is used. */
const RATE_TOPS = [10, 20, 40, 60, 80, 100];
/** Share of a day's slot taken by its bar. */
const BAR_SHARE = 0.7;

/** A bar (tests of one day), with its tooltip. */
export interface ChartBar {
  readonly day: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly title: string;
}

/** A point of the positivity line. */
export interface ChartPoint {
  readonly x: number;
  readonly y: number;
  readonly title: string;
}

/** A labelled tick of an axis. */
export interface ChartTick {
  readonly at: number;
  readonly label: string;
}

/** Everything the chart component draws. */
export interface ChartModel {
  readonly bars: readonly ChartBar[];
  /** Runs of consecutive days with a rate (each drawn as one polyline). */
  readonly lines: readonly (readonly ChartPoint[])[];
  /** Left axis (tests) and right axis (rate) ticks: `at` is a y coordinate. */
  readonly testTicks: readonly ChartTick[];
  readonly rateTicks: readonly ChartTick[];
  /** Day-of-month labels under the bars: `at` is an x coordinate. */
  readonly dayTicks: readonly ChartTick[];
}

/** The smallest 1, 2 or 5 × 10^k that is ≥ `x` (at least 1: counts are whole). */
export function niceStep(x: number): number {
  if (x <= 1) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(x));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= x);
  return step ?? 10 * magnitude;
}

/** Top of the rate axis, in percent, for the highest rate of the month (0–1). */
export function rateTop(maxRate: number): number {
  return RATE_TOPS.find((top) => maxRate * 100 <= top) ?? 100;
}

const plotHeight = PLOT.bottom - PLOT.top;
const yOf = (value: number, top: number): number => PLOT.bottom - (value / top) * plotHeight;

function ticks(top: number, label: (v: number) => string): ChartTick[] {
  return Array.from({ length: INTERVALS + 1 }, (_, i) => {
    const value = (top * i) / INTERVALS;
    return { at: yOf(value, top), label: label(value) };
  });
}

function barTitle(row: DayReportRow): string {
  const c = row.counts;
  return `${formatDateFr(row.day)} : ${plural(c.tests, 'test')}, ${plural(c.positive, 'positif')}, positivité ${describeRate(c.positivity)}`;
}

/** Splits the rate points into runs of consecutive days that have a rate. */
function lineRuns(points: readonly (ChartPoint | null)[]): ChartPoint[][] {
  const runs: ChartPoint[][] = [];
  let run: ChartPoint[] = [];
  for (const p of points) {
    if (p) {
      run.push(p);
    } else if (run.length > 0) {
      runs.push(run);
      run = [];
    }
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

/** The chart of a month report's days (one row per calendar day). */
export function reportChartModel(days: readonly DayReportRow[]): ChartModel {
  const slot = (PLOT.right - PLOT.left) / Math.max(days.length, 1);
  const testTop = INTERVALS * niceStep(Math.max(0, ...days.map((d) => d.counts.tests)) / INTERVALS);
  const maxRate = Math.max(0, ...days.map((d) => d.counts.positivity ?? 0));
  const top = rateTop(maxRate);
  const center = (i: number) => PLOT.left + slot * (i + 0.5);
  const bars = days.map((row, i) => {
    const y = yOf(row.counts.tests, testTop);
    const width = slot * BAR_SHARE;
    return {
      day: row.day,
      x: center(i) - width / 2,
      y,
      width,
      height: PLOT.bottom - y,
      title: barTitle(row),
    };
  });
  const points = days.map((row, i) => {
    const rate = row.counts.positivity;
    if (rate === null) return null;
    const title = `${formatDateFr(row.day)} : positivité ${formatRate(rate)}`;
    return { x: center(i), y: yOf(rate * 100, top), title };
  });
  return {
    bars,
    lines: lineRuns(points),
    testTicks: ticks(testTop, formatCount),
    rateTicks: ticks(top, (v) => formatAxisRate(v / 100)),
    dayTicks: days.flatMap((row, i) => {
      const dayOfMonth = Number(row.day.slice(8, 10));
      return dayOfMonth === 1 || dayOfMonth % 5 === 0
        ? [{ at: center(i), label: String(dayOfMonth) }]
        : [];
    }),
  };
}
